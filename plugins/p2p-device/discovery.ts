// One P2P Device's discovery (Wi-Fi P2P spec 3.1.2): Find alternates a Search phase
// (an active scan of the social channels with the P2P probe request elements) and a
// Listen phase (remain-on-channel on the listen channel, answering P2P probe requests),
// each phase queued as radio work so that it never fights other users of the radio.
// Listen alone stays in the Listen phase. Peers come from probe responses in the scan
// results; they expire when not heard from.
import type { Logger } from '../../core/log.js';
import type { Nl80211Event } from '../../core/nl80211/dispatch.js';
import { triggerScan, type ScanResult } from '../../core/nl80211/scan.js';
import type { MonotonicClock, TimerHandle } from '../../core/txq/clock.js';
import { RadioWorkPriority } from '../../core/radio/work-queue.js';
import type { ScopedNl80211, ScopedRadioWork, ScopedTxQueue, TypedEvents } from '../../core/plugin/index.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { macEquals, macToString } from '../../core/ieee80211/mac-address.js';
import { MgmtSubtype, parseMgmtHeader } from '../../core/ieee80211/mgmt-header.js';
import {
  buildP2pProbeRequestIes, buildP2pProbeResponse, isP2pWildcardSsid, p2pPeerFromElements, parseP2pElements, parseProbeRequest,
  P2P_WILDCARD_SSID, type P2pDeviceDescription,
} from '../../core/ieee80211/p2p-probe.js';
import { isP2pPublicAction, parseP2pPublicAction } from '../../core/ieee80211/p2p-public-action.js';
import { OP_CLASS_24GHZ, P2P_SOCIAL_CHANNELS, channel24ToFreq, freqToChannel } from '../../core/ieee80211/channels.js';
import { PeerTable, type PeerView } from './peer-table.js';
import { probeVerdict } from './probe-policy.js';
import type { P2pEvents } from './events.js';

export type DiscoveryState = 'idle' | 'find' | 'listen';

/** The plugin's scope (which owns the subscriptions, radio work and timers) and its events. */
export interface DiscoveryServices {
  nl: ScopedNl80211;
  txq: ScopedTxQueue;
  radio: ScopedRadioWork;
  clock: MonotonicClock;
  log: Logger;
  events: TypedEvents<P2pEvents>;
}

export interface DiscoveryTarget {
  /** wifid's handle, as events name the device. */
  handle: number;
  wdev: bigint;
  wiphy: number;
  phy: string;
  address: Uint8Array;
  description: P2pDeviceDescription;
  listenChannel: number;
  peerExpiryMs: number;
  maxRemainOnChannelMs: number;
}

/** Where DA sits in a management header. */
const MGMT_DA_OFFSET = 4;
const SOCIAL_FREQS = P2P_SOCIAL_CHANNELS.map((c) => channel24ToFreq(c)!);
/** Country string wpa_supplicant uses when none is configured: "XX" + Annex E table. */
const COUNTRY_ANY = new Uint8Array([0x58, 0x58, 0x04]);
/** Listen phases last 1-3 x 100 TU, chosen at random (wpa_supplicant's min/max_disc_int). */
const TU_MS = 1.024;
const LISTEN_ONLY_ROC_MS = 1000;
const PEER_EXPIRY_CHECK_MS = 1000;
/** Pause before the next phase when the kernel refused one. */
const PHASE_RETRY_MS = 500;
/** A scan result older than the scan (plus this slack) is from an earlier search. */
const SCAN_RESULT_SLACK_MS = 50;

export class P2pDiscovery {
  private stateNow: DiscoveryState = 'idle';
  /** Changes whenever a find/listen starts or stops, so stale phase ends are ignored. */
  private session = 0;
  private workId: number | undefined;
  private phase: 'search' | 'listen' | undefined;
  private rocCookie: bigint | undefined;
  private onChannel = false;
  private scanStartedAt = 0;
  private finishPhase: (() => void) | undefined;
  private stopTimer: TimerHandle | undefined;
  private expiryTimer: TimerHandle;
  private readonly peers: PeerTable;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly log: Logger;
  readonly listenFreq: number;
  private readonly stats = { searches: 0, listens: 0, probeRequests: 0, probeResponses: 0, probeResponsesFailed: 0, publicActions: 0 };
  /**
   * The probe response, built once: only its DA changes per answer. The searcher dwells
   * about 30 ms on a channel (mac80211_hwsim's active scan), so the answer path stays short.
   */
  private probeResponseTemplate: Uint8Array | undefined;
  /** Read-to-sent times of the answers of the current find/listen, ms. */
  private answerDelays: number[] = [];

  constructor(private readonly t: DiscoveryTarget, private readonly s: DiscoveryServices) {
    this.log = s.log.child(`p2p-dev-${t.phy}`);
    this.listenFreq = channel24ToFreq(t.listenChannel)!;
    this.peers = new PeerTable(t.peerExpiryMs);
    this.expiryTimer = this.everySecond();
    const wdev = t.wdev;
    this.unsubscribe.push(
      s.nl.subscribe({ cmds: ['FRAME'], wdev, priority: 'high', handler: (ev) => this.onFrame(ev) }),
      s.nl.subscribe({ cmds: ['REMAIN_ON_CHANNEL', 'CANCEL_REMAIN_ON_CHANNEL'], wdev, priority: 'high', handler: (ev) => this.onRoc(ev) }),
      s.nl.subscribe({ cmds: ['NEW_SCAN_RESULTS', 'SCAN_ABORTED'], wdev, priority: 'low', handler: (ev) => this.onScanEnd(ev) }),
    );
  }

  get state(): DiscoveryState { return this.stateNow; }

  get counters(): Readonly<typeof this.stats> { return this.stats; }

  peerList(): PeerView[] {
    return this.peers.list(this.s.clock.now());
  }

  get peerCount(): number { return this.peers.size; }

  /** Starts Find (or restarts it with a new timeout). `timeoutS` 0/undefined: until stop_find. */
  find(timeoutS?: number): void {
    this.begin('find', timeoutS);
    this.queuePhase('search');
  }

  listen(timeoutS?: number): void {
    this.begin('listen', timeoutS);
    this.queuePhase('listen');
  }

  /** Ends Find or Listen; announces find_stopped when one was running. */
  stopFind(reason: string): void {
    if (this.stateNow === 'idle') return;
    this.stateNow = 'idle';
    this.session++;
    this.clearStopTimer();
    this.cancelWork();
    this.s.events.emit('find_stopped', { handle: this.t.handle, phy: this.t.phy, reason });
    const c = this.stats;
    const d = [...this.answerDelays].sort((a, b) => a - b);
    this.answerDelays = [];
    const delays = d.length ? `; answer sent after ${d[0]!.toFixed(1)}/${d[Math.floor(d.length / 2)]!.toFixed(1)}/${d[d.length - 1]!.toFixed(1)} ms (min/median/max)` : '';
    this.log.info(`discovery stopped (${reason}): ${c.searches} searches, ${c.listens} listens, ${c.probeRequests} probe requests, ${c.probeResponses} answered (${c.probeResponsesFailed} failed), ${this.peers.size} peers${delays}`);
  }

  /** Releases its subscriptions and timers early (the device stops, the plugin runs on); the wdev itself is removed by the caller. */
  close(): void {
    this.stopFind('device stopped');
    this.s.clock.clearTimer(this.expiryTimer);
    for (const u of this.unsubscribe.splice(0)) u();
  }

  // ---- phases ----

  private begin(state: 'find' | 'listen', timeoutS?: number): void {
    if (this.stateNow !== 'idle') {
      // A new find/listen replaces the running one without a find_stopped in between.
      this.session++;
      this.cancelWork();
    }
    this.clearStopTimer();
    this.stateNow = state;
    this.session++;
    if (timeoutS && timeoutS > 0) {
      this.stopTimer = this.s.clock.setTimer(() => this.stopFind('timeout'), timeoutS * 1000);
    }
    this.log.info(`${state} started${timeoutS ? ` for ${timeoutS} s` : ''}`);
  }

  private queuePhase(phase: 'search' | 'listen'): void {
    const session = this.session;
    let failed = false;
    const id = this.s.radio.enqueue(this.t.wiphy, {
      name: `p2p-${phase}`,
      priority: RadioWorkPriority.P2P_DISCOVERY,
      run: async (done) => {
        if (session !== this.session) return 'done';
        this.phase = phase;
        this.finishPhase = done;
        try {
          if (phase === 'search') await this.startSearch();
          else await this.startListen();
        } catch (err) {
          failed = true;
          this.log.warn(`${phase} phase could not start: ${(err as Error).message}`);
          return 'done';
        }
        return 'pending';
      },
      cancel: () => this.abortPhase(phase),
      cleanup: () => {
        if (this.workId === id) this.workId = undefined;
        this.phase = undefined;
        this.finishPhase = undefined;
        this.onChannel = false;
        this.rocCookie = undefined;
        if (session !== this.session) return;
        // The next phase: Find alternates, Listen keeps listening. After a refusal
        // (EBUSY: another scan on the radio) the radio gets a breather first.
        const next = (): void => {
          if (session !== this.session) return;
          if (this.stateNow === 'find') this.queuePhase(phase === 'search' ? 'listen' : 'search');
          else if (this.stateNow === 'listen') this.queuePhase('listen');
        };
        if (failed) this.s.clock.setTimer(next, PHASE_RETRY_MS);
        else next();
      },
    });
    this.workId = id;
  }

  private cancelWork(): void {
    if (this.workId !== undefined) this.s.radio.cancel(this.workId);
    this.workId = undefined;
  }

  private endPhase(): void {
    const done = this.finishPhase;
    this.finishPhase = undefined;
    done?.();
  }

  private async startSearch(): Promise<void> {
    this.stats.searches++;
    this.scanStartedAt = this.s.clock.now();
    const ie = buildP2pProbeRequestIes(this.t.description, {
      listenChannel: { country: COUNTRY_ANY, opClass: OP_CLASS_24GHZ, channel: this.t.listenChannel },
    });
    await triggerScan(this.s.nl, { wdev: this.t.wdev, ssids: [P2P_WILDCARD_SSID], freqs: SOCIAL_FREQS, ie, noCck: true });
  }

  private async startListen(): Promise<void> {
    this.stats.listens++;
    const ms = this.stateNow === 'listen'
      ? Math.min(LISTEN_ONLY_ROC_MS, this.t.maxRemainOnChannelMs)
      : Math.min(Math.round((1 + Math.floor(Math.random() * 3)) * 100 * TU_MS), this.t.maxRemainOnChannelMs);
    const [reply] = await this.s.nl.request('REMAIN_ON_CHANNEL', { WDEV: this.t.wdev, WIPHY_FREQ: this.listenFreq, DURATION: ms });
    if (reply?.COOKIE !== undefined && this.phase === 'listen') this.rocCookie = reply.COOKIE;
  }

  private abortPhase(phase: 'search' | 'listen'): void {
    const req = phase === 'search'
      ? this.s.nl.request('ABORT_SCAN', { WDEV: this.t.wdev })
      : this.rocCookie !== undefined
        ? this.s.nl.request('CANCEL_REMAIN_ON_CHANNEL', { WDEV: this.t.wdev, COOKIE: this.rocCookie })
        : undefined;
    // ENOENT/ENOENT-like answers mean the phase already ended by itself.
    req?.catch((err: unknown) => this.log.debug(`aborting ${phase}: ${(err as Error).message}`));
  }

  // ---- events ----

  private onRoc(ev: Nl80211Event): void {
    if (this.phase !== 'listen') return;
    const cookie = ev.attrs.COOKIE;
    // The event may overtake the request's reply; until the cookie is known, any ROC
    // event of this wdev is ours (only this discovery uses it, one phase at a time).
    if (this.rocCookie !== undefined && cookie !== undefined && cookie !== this.rocCookie) return;
    if (ev.cmd === 'REMAIN_ON_CHANNEL') {
      this.onChannel = true;
    } else {
      this.onChannel = false;
      this.endPhase();
    }
  }

  private onScanEnd(ev: Nl80211Event): void {
    if (this.phase !== 'search') return;
    const aborted = ev.cmd === 'SCAN_ABORTED';
    const finish = () => this.endPhase();
    if (aborted) {
      finish();
      return;
    }
    this.collectScanResults().finally(finish);
  }

  private async collectScanResults(): Promise<void> {
    const since = this.s.clock.now() - this.scanStartedAt + SCAN_RESULT_SLACK_MS;
    let results: ScanResult[];
    try {
      results = await this.s.nl.dumpScan(this.t.wdev);
    } catch (err) {
      this.log.warn(`reading scan results: ${(err as Error).message}`);
      return;
    }
    for (const bss of results) {
      if (bss.seenMsAgo !== undefined && bss.seenMsAgo > since) continue;
      let parsed;
      try {
        parsed = parseP2pElements(bss.ies);
      } catch (err) {
        if (!(err instanceof FrameDecodeError)) throw err;
        this.log.debug(`scan result ${bss.bssid}: ${err.message}`);
        continue;
      }
      // Device Discovery answers carry the wildcard SSID; a GO answers with its group's DIRECT-xy.
      if (!parsed.ssid || !isP2pWildcardSsid(parsed.ssid.subarray(0, 7))) continue;
      const info = p2pPeerFromElements(parsed, bss.freq);
      if (!info || macEquals(info.deviceAddress, this.t.address)) continue;
      this.recordPeer(info);
    }
  }

  private recordPeer(info: NonNullable<ReturnType<typeof p2pPeerFromElements>>): void {
    const now = this.s.clock.now();
    if (this.peers.upsert(info, now) === 'new') {
      const peer = this.peers.get(macToString(info.deviceAddress))!;
      this.log.info(`found ${peer.p2p_dev_addr} "${peer.device_name}"`);
      this.s.events.emit('device_found', { handle: this.t.handle, phy: this.t.phy, ...peer, last_seen: 0 });
    }
  }

  private onFrame(ev: Nl80211Event): void {
    const frame = ev.attrs.FRAME;
    if (!frame) return;
    try {
      const header = parseMgmtHeader(frame);
      if (header.subtype === MgmtSubtype.PROBE_REQ) this.onProbeRequest(frame, ev.attrs.WIPHY_FREQ, ev.receivedAt);
      else if (isP2pPublicAction(frame)) this.onPublicAction(frame);
    } catch (err) {
      if (!(err instanceof FrameDecodeError)) throw err;
      this.log.debug(`dropped a malformed frame: ${err.message}`);
    }
  }

  private onProbeRequest(frame: Uint8Array, freq: number | undefined, receivedAt: number): void {
    this.stats.probeRequests++;
    const req = parseProbeRequest(frame);
    // A known peer searching is alive: refresh it (wpa_supplicant does the same).
    const known = this.peers.get(macToString(req.header.sa));
    if (known && req.p2p) {
      const listenFreq = req.p2p.listenChannel && req.p2p.listenChannel.opClass === OP_CLASS_24GHZ
        ? channel24ToFreq(req.p2p.listenChannel.channel) : undefined;
      this.peers.upsert({ deviceAddress: req.header.sa, deviceName: '', listenFreq }, this.s.clock.now());
    }
    if (!this.onChannel || this.phase !== 'listen') return;
    if (freq !== undefined && freq !== this.listenFreq) return;
    const verdict = probeVerdict(req, this.t.address, [this.t.description.primaryDeviceType, ...(this.t.description.secondaryDeviceTypes ?? [])]);
    if (!verdict.answer) {
      this.log.debug(`not answering probe request from ${macToString(req.header.sa)}: ${verdict.why}`);
      return;
    }
    this.probeResponseTemplate ??= buildP2pProbeResponse(this.t.description, req.header.sa, freqToChannel(this.listenFreq)!);
    const response = this.probeResponseTemplate.slice();
    response.set(req.header.sa, MGMT_DA_OFFSET);
    this.stats.probeResponses++;
    const peer = macToString(req.header.sa);
    void this.s.txq.submit({
      lane: { wdev: this.t.wdev },
      class: 'management',
      frame: response,
      freq: this.listenFreq,
      // The remain-on-channel may end while the answer is on its way; the searcher may still be there.
      offchannelOk: true,
      noAck: true,
      noCck: true,
    }).then((outcome) => {
      const handled = performance.now() - receivedAt;
      if (outcome.status === 'failed' || outcome.status === 'rejected') {
        this.stats.probeResponsesFailed++;
        this.log.debug(`probe response to ${peer}: ${outcome.status}: ${outcome.message} (${handled.toFixed(1)} ms after the request)`);
      } else {
        if (this.answerDelays.length < 10_000) this.answerDelays.push(handled);
        this.log.debug(`answered probe request from ${peer}: sent ${handled.toFixed(1)} ms after the request was read`);
      }
    });
  }

  private onPublicAction(frame: Uint8Array): void {
    this.stats.publicActions++;
    const pa = parseP2pPublicAction(frame);
    // Group formation is not implemented yet: the frame is parsed (checked) and logged.
    this.log.info(`P2P public action subtype ${pa.subtype} from ${macToString(pa.header.sa)} (not handled)`);
  }

  private everySecond(): TimerHandle {
    const tick = (): void => {
      for (const addr of this.peers.expire(this.s.clock.now())) {
        this.log.info(`lost ${addr}`);
        this.s.events.emit('device_lost', { handle: this.t.handle, phy: this.t.phy, p2p_dev_addr: addr });
      }
      this.expiryTimer = this.s.clock.setTimer(tick, PEER_EXPIRY_CHECK_MS);
    };
    return this.s.clock.setTimer(tick, PEER_EXPIRY_CHECK_MS);
  }

  private clearStopTimer(): void {
    if (this.stopTimer !== undefined) this.s.clock.clearTimer(this.stopTimer);
    this.stopTimer = undefined;
  }
}

