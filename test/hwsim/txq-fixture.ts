// What the TX queue's hwsim test and bench share: open APs run by hostapd on hwsim
// radios, a station associated to it (so unicast frames to it are ACKed by hwsim), the
// nl80211 service with the queue on top, and the tagged public action frames whose
// order on the air is checked (captured with the harness's captureMonitor()).
import { readFile } from 'node:fs/promises';
import type { Logger } from '../../core/log.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { buildMgmtHeader, mgmtFrameType, MgmtSubtype } from '../../core/ieee80211/mgmt-header.js';
import { Nl80211Service } from '../../core/nl80211/service.js';
import type { MonotonicClock } from '../../core/txq/clock.js';
import { systemClock } from '../../core/txq/clock.js';
import { Nl80211FrameTransport } from '../../core/txq/nl80211-transport.js';
import { TxQueue, type TxQueueLimits } from '../../core/txq/queue.js';
import { startHostapd, type Peer } from './lib/peers.js';
import { pollUntil, run, sleep } from './lib/exec.js';

/** Vendor-specific public action (IEEE 802.11-2020 9.6.7.1, action 9), OUI 02:00:00 (local), type 't'. */
const MARKER = [0x04, 0x09, 0x02, 0x00, 0x00, 0x74];
const MARKER_LEN = MARKER.length;
const HDR = 24;

export function taggedAction(sa: string, da: string, tag: number, laneNo = 0): Uint8Array {
  const a = macFromString(sa);
  const hdr = buildMgmtHeader({ subtype: MgmtSubtype.ACTION, da: macFromString(da), sa: a, bssid: a });
  const f = new Uint8Array(HDR + MARKER_LEN + 5);
  f.set(hdr, 0);
  f.set(MARKER, HDR);
  new DataView(f.buffer).setUint32(HDR + MARKER_LEN, tag, true);
  f[HDR + MARKER_LEN + 4] = laneNo;
  return f;
}

/** The tag of a frame made by taggedAction (an 802.11 frame, no radiotap), or undefined. */
export function tagOfAction(frame: Uint8Array): { tag: number; laneNo: number } | undefined {
  if (frame.length < HDR + MARKER_LEN + 5 || frame[0] !== 0xd0) return undefined;
  for (let i = 0; i < MARKER_LEN; i++) if (frame[HDR + i] !== MARKER[i]) return undefined;
  return { tag: new DataView(frame.buffer, frame.byteOffset).getUint32(HDR + MARKER_LEN, true), laneNo: frame[HDR + MARKER_LEN + 4] };
}

export const quietLogger: Logger = {
  error: (m) => process.stderr.write(`error: ${m}\n`),
  warn: (m) => process.stderr.write(`warn: ${m}\n`),
  notice() {},
  info() {},
  debug() {},
  child() {
    return quietLogger;
  },
  limited() {
    return quietLogger;
  },
};

export interface ApHandle {
  ifname: string;
  addr: string;
  wdev: bigint;
}

/** One open 2.4 GHz AP (channel 1) per interface, each a hostapd of the harness. */
export async function startOpenAps(ifnames: string[], ssidPrefix = 'txq'): Promise<{ stop(): Promise<void> }> {
  const peers: Peer[] = [];
  for (const [i, ifname] of ifnames.entries()) {
    peers.push(await startHostapd({ driver: 'nl80211', ssid: `${ssidPrefix}${i}`, hw_mode: 'g', channel: 1, ap_max_inactivity: 3600 }, { ifname, label: `hostapd (txq) on ${ifname}` }));
  }
  return {
    async stop() {
      for (const p of peers.reverse()) await p.stop();
    },
  };
}

/**
 * Brings `ifname` up as a station and associates it to the open AP `ssid`. Power save
 * off: a dozing station makes the AP buffer its frames until the next beacon, which
 * under TCG holds TX statuses for seconds and measures the peer, not the queue.
 */
export async function associate(ifname: string, ssid: string): Promise<void> {
  await run(['ip', 'link', 'set', ifname, 'up']);
  await run(['iw', 'dev', ifname, 'set', 'power_save', 'off']);
  await pollUntil(`${ifname}: associating to ${ssid}`, 20_000, async () => {
    const link = (await run(['iw', 'dev', ifname, 'link'])).stdout;
    if (/Connected to/.test(link)) return true;
    await run(['iw', 'dev', ifname, 'connect', ssid, '2412']).catch(() => undefined);
    await sleep(300);
    return undefined;
  });
}

export async function addrOf(ifname: string): Promise<string> {
  return (await readFile(`/sys/class/net/${ifname}/address`, 'utf8')).trim();
}

export interface QueueStack {
  nl: Nl80211Service;
  transport: Nl80211FrameTransport;
  queue: TxQueue;
  stop(): Promise<void>;
}

export async function startQueueStack(limits?: Partial<TxQueueLimits>, clock: MonotonicClock = systemClock): Promise<QueueStack> {
  const nl = new Nl80211Service(quietLogger);
  await nl.start();
  const transport = new Nl80211FrameTransport(nl, quietLogger);
  const queue = new TxQueue(transport, clock, quietLogger, limits);
  await queue.start();
  return {
    nl,
    transport,
    queue,
    async stop() {
      await queue.stop();
      await nl.stop();
    },
  };
}

export function wdevOf(nl: Nl80211Service, ifname: string): bigint {
  const iface = nl.iface({ ifname });
  if (!iface) throw new Error(`nl80211 inventory has no ${ifname}`);
  return iface.wdev;
}

/** An ACK control frame (type 1, subtype 13) and its receiver address. */
export function ackReceiver(frame: Uint8Array): string | undefined {
  if (frame.length < 10 || frame[0] !== 0xd4) return undefined;
  return [...frame.subarray(4, 10)].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

export interface StationListener {
  /** Tags of the tagged frames the station received, in arrival order. */
  readonly delivered: number[];
  /** ENOBUFS on the socket the frames are registered on (frames may have been lost then). */
  overruns(): number;
  stop(): void;
}

/**
 * The station `ifname`'s own view of what reached it: a frame registration for the tagged
 * action frames on `nl`'s low-priority socket (TX statuses of the AP's frames come on the
 * high one). Unlike the hwsim0 monitor, it cannot lose a frame silently: the kernel
 * reports ENOBUFS on the socket. The registration ends when `nl` stops.
 */
export async function listenAsStation(nl: Nl80211Service, ifname: string): Promise<StationListener> {
  const ifindex = await pollUntil(`nl80211 inventory: ${ifname}`, 10_000, () => nl.iface({ ifname })?.ifindex);
  const delivered: number[] = [];
  const owner = 'txq-test-station';
  nl.subscribe({
    owner, cmds: ['FRAME'], ifindex, priority: 'low',
    handler: (ev) => {
      const t = ev.attrs.FRAME ? tagOfAction(ev.attrs.FRAME) : undefined;
      if (t) delivered.push(t.tag);
    },
  });
  const overrunsBefore = nl.socketOverruns().low;
  await nl.request('REGISTER_FRAME', { IFINDEX: ifindex, FRAME_TYPE: mgmtFrameType(MgmtSubtype.ACTION), FRAME_MATCH: new Uint8Array(MARKER) }, { socket: 'low' });
  return { delivered, overruns: () => nl.socketOverruns().low - overrunsBefore, stop: () => nl.unsubscribeOwner(owner) };
}
