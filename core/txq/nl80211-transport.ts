// The TX queue's transport onto the nl80211 service: NL80211_CMD_FRAME for management
// frames, NL80211_CMD_CONTROL_PORT_FRAME for EAPOL; FRAME_TX_STATUS and
// CONTROL_PORT_FRAME_TX_STATUS (mlme group, high-priority socket) close cookies; an
// interface that goes away, or links that leave an MLD, end their lanes.
import { inject, injectable } from 'tsyringe';
import type { Logger } from '../log.js';
import { TOKENS } from '../tokens.js';
import { macToString } from '../ieee80211/mac-address.js';
import { TxRejectedError, type FrameTransport, type TxEventSink, type TxSendRequest, type TxSendResult } from './types.js';

/** NL80211_ATTR_* values as the service's schema decodes/encodes them (a subset). */
interface FrameAttrs {
  WDEV?: bigint;
  IFINDEX?: number;
  FRAME?: Uint8Array;
  WIPHY_FREQ?: number;
  DURATION?: number;
  OFFCHANNEL_TX_OK?: true;
  TX_NO_CCK_RATE?: true;
  DONT_WAIT_FOR_ACK?: true;
  MLO_LINK_ID?: number;
  MAC?: string;
  CONTROL_PORT_ETHERTYPE?: number;
  CONTROL_PORT_NO_ENCRYPT?: true;
  COOKIE?: bigint;
  ACK?: true;
  MLO_LINKS?: { MLO_LINK_ID?: number }[];
}

interface PortEvent {
  cmd: string;
  ifindex?: number;
  wdev?: bigint;
  readonly attrs: FrameAttrs;
}

interface PortIface {
  wdev: bigint;
  ifindex?: number;
  links: { linkId: number }[];
}

type PortChange = { kind: string; iface?: PortIface };

/** What this adapter needs of core/nl80211's Nl80211Service (it satisfies this shape). */
export interface Nl80211Port {
  request(cmd: 'FRAME', attrs: FrameAttrs, opts?: { socket?: 'high' }): Promise<FrameAttrs[]>;
  requestAckCookie(cmd: 'CONTROL_PORT_FRAME', attrs: FrameAttrs, opts?: { socket?: 'high' }): Promise<bigint | undefined>;
  subscribe(sub: { owner: string; cmds: readonly ('FRAME_TX_STATUS' | 'CONTROL_PORT_FRAME_TX_STATUS' | 'LINKS_REMOVED')[]; priority: 'high' | 'low'; handler: (ev: PortEvent) => void }): () => void;
  iface(key: { wdev: bigint } | { ifindex: number }): PortIface | undefined;
  onChange(listener: (change: PortChange) => void): () => void;
}

const OWNER = 'txq';
const HIGH = { socket: 'high' } as const;

/** A kernel refusal that means the frame's interface is not there (any more). */
function isLaneGone(err: unknown): boolean {
  const e = err as { name?: string; code?: string };
  return e?.code === 'ENODEV' || e?.code === 'ENOLINK' || e?.name === 'Nl80211UnavailableError';
}

@injectable()
export class Nl80211FrameTransport implements FrameTransport {
  private readonly log: Logger;
  private unsubscribe: (() => void)[] = [];

  constructor(
    @inject(TOKENS.Nl80211) private readonly nl: Nl80211Port,
    @inject(TOKENS.Logger) log: Logger,
  ) {
    this.log = log.child('txq-nl80211');
  }

  async send(req: TxSendRequest): Promise<TxSendResult> {
    const base: FrameAttrs = { WDEV: req.lane.wdev, FRAME: req.frame };
    if (req.lane.linkId !== undefined) base.MLO_LINK_ID = req.lane.linkId;
    if (req.noAck) base.DONT_WAIT_FOR_ACK = true;
    // Critical frames go on the high-priority socket: requests on one socket are written
    // in order, and a critical frame must not wait behind bulk requests written before it.
    const opts = req.critical ? HIGH : undefined;
    try {
      if (req.kind === 'control_port') {
        const cp = req.controlPort!;
        // The kernel returns this command's cookie in the ACK (NLMSGERR_ATTR_COOKIE), not
        // in a reply; without one (no extended ACKs) there is no status to wait for and
        // the frame ends `noack` with ackReported false.
        const cookie = await this.nl.requestAckCookie('CONTROL_PORT_FRAME', {
          ...base,
          MAC: macToString(cp.dest),
          CONTROL_PORT_ETHERTYPE: cp.ethertype,
          ...(cp.noEncrypt ? { CONTROL_PORT_NO_ENCRYPT: true as const } : {}),
        }, opts);
        return req.noAck || cookie === undefined ? {} : { cookie };
      }
      const attrs: FrameAttrs = { ...base };
      if (req.freq !== undefined) attrs.WIPHY_FREQ = req.freq;
      if (req.waitMs !== undefined) attrs.DURATION = req.waitMs;
      if (req.offchannelOk) attrs.OFFCHANNEL_TX_OK = true;
      if (req.noCck) attrs.TX_NO_CCK_RATE = true;
      const [reply] = await this.nl.request('FRAME', attrs, opts);
      if (req.noAck) return {};
      if (reply?.COOKIE === undefined) throw Object.assign(new Error('FRAME: reply without a cookie'), { code: 'EPROTO' });
      return { cookie: reply.COOKIE };
    } catch (err) {
      if (isLaneGone(err)) throw new TxRejectedError('lane_gone', (err as Error).message);
      throw err;
    }
  }

  start(sink: TxEventSink): void {
    this.unsubscribe.push(
      this.nl.subscribe({
        owner: OWNER,
        cmds: ['FRAME_TX_STATUS', 'CONTROL_PORT_FRAME_TX_STATUS'],
        priority: 'high',
        handler: (ev) => this.onStatus(sink, ev),
      }),
      this.nl.subscribe({
        owner: OWNER,
        cmds: ['LINKS_REMOVED'],
        priority: 'high',
        handler: (ev) => {
          const wdev = this.wdevOf(ev);
          if (wdev === undefined) return;
          for (const l of ev.attrs.MLO_LINKS ?? []) {
            if (l.MLO_LINK_ID !== undefined) sink.laneGone({ wdev, linkId: l.MLO_LINK_ID }, 'link removed (LINKS_REMOVED)');
          }
        },
      }),
      this.nl.onChange((change) => {
        const iface = change.iface;
        if (!iface) return;
        if (change.kind === 'interface-removed') {
          sink.laneGone({ wdev: iface.wdev }, 'interface removed');
        } else if (change.kind === 'interface-changed') {
          // Links that left an MLD (REMOVE_LINK, or the interface stopped being an MLD).
          const present = new Set(iface.links.map((l) => l.linkId));
          for (let linkId = 0; linkId <= 14; linkId++) {
            if (!present.has(linkId)) sink.laneGone({ wdev: iface.wdev, linkId }, `link ${linkId} no longer on the interface`);
          }
        }
      }),
    );
  }

  stop(): void {
    for (const u of this.unsubscribe.splice(0)) u();
  }

  private wdevOf(ev: PortEvent): bigint | undefined {
    if (ev.wdev !== undefined) return ev.wdev;
    if (ev.ifindex !== undefined) return this.nl.iface({ ifindex: ev.ifindex })?.wdev;
    return undefined;
  }

  private onStatus(sink: TxEventSink, ev: PortEvent): void {
    const wdev = this.wdevOf(ev);
    const attrs = ev.attrs;
    if (wdev === undefined || attrs.COOKIE === undefined) {
      this.log.debug(`${ev.cmd} without wdev or cookie ignored`);
      return;
    }
    sink.txStatus({
      wdev,
      kind: ev.cmd === 'FRAME_TX_STATUS' ? 'frame' : 'control_port',
      cookie: attrs.COOKIE,
      acked: attrs.ACK === true,
    });
  }
}
