// SAE authentication in the AP (IEEE 802.11-2020 12.4.8): the parent process that owns the
// protocol instances, at most one per peer. Mlme hands it every Authentication frame with
// algorithm 3; it creates an instance for a new peer's acceptable commit, passes frames to
// the peer's instance (core/rsn/sae SaeInstance: Nothing/Committed/Confirmed/Accepted, the
// Sync counter, the checks on the peer's commit), sends the instance's messages as
// Authentication frames through the TX queue, asks for anti-clogging tokens while too many
// instances are open, and on Accepted makes the peer an authenticated station holding the
// PMK and PMKID and puts the PMKSA in the AP's cache (PMKSA caching at association:
// sae-association.ts).
//
// Timing follows hostapd's infrastructure AP, which the SaeInstance's AP defaults encode:
// the AP holds its Confirm until the STA's Confirm arrives and leaves retransmission to the
// STA, which always has a message outstanding (an AP retransmitting its Commit while the
// STA computes would make the STA resend and count up its own Sync). An instance that is not
// Accepted within its deadline fails.
import { AuthAlgorithm, buildAuth, type AuthFrame } from '../../core/ieee80211/auth.js';
import { macFromString, macToString } from '../../core/ieee80211/mac-address.js';
import { ReasonCode } from '../../core/ieee80211/reason-codes.js';
import { StatusCode, statusCodeName } from '../../core/ieee80211/status-codes.js';
import { AKM_SAE, AKM_SAE_EXT_KEY } from '../../core/ieee80211/rsn-element.js';
import { AntiCloggingTokens, DEFAULT_ANTI_CLOGGING_THRESHOLD } from '../../core/rsn/sae/anti-clogging.js';
import { SaeInstance, type SaeAuthMessage, type SaeFailure, type SaePweMode, type SaeResult } from '../../core/rsn/sae/instance.js';
import { derivePt } from '../../core/rsn/sae/pwe.js';
import type { SaePoint } from '../../core/rsn/sae/group19.js';
import { concatBytes } from '../../core/ieee80211/element-fragments.js';
import { PmksaCache } from '../../core/rsn/pmksa-cache.js';
import type { ApContext } from './ap-context.js';
import type { SaeCounters } from './sae-counters.js';

/** What the responder uses of its AP. ApInstance gives it; the unit tests build one around a real StationTable. */
export type SaeHost = Pick<ApContext, 'stations' | 'clock' | 'log' | 'peerLog' | 'send' | 'forgetStation' | 'emit'> & {
  /** The BSSID: our address in the exchange when no route says otherwise. */
  readonly ownAddr: Uint8Array;
};

/**
 * Who an exchange is with and where its frames go. For a non-AP MLD (802.11be 12.4.2:
 * SAE between MLDs uses the MLD MAC addresses) the peer is keyed and bound by its MLD
 * address and ours is the AP MLD's, while the frames travel between the link addresses of
 * one link, each carrying the AP MLD's Basic Multi-Link element.
 */
export interface SaeRoute {
  /** The peer's key: its MLD address for a non-AP MLD, else its address. */
  peer: string;
  /** The addresses SAE binds (PWE, PMK, PMKID). */
  ownAddr: Uint8Array;
  peerAddr: Uint8Array;
  /** Replies go to `da` from `bssid` on link `linkId`, with `elements` after SAE's fields. */
  da: Uint8Array;
  bssid: Uint8Array;
  linkId?: number;
  elements?: Uint8Array;
  /** A non-AP MLD: the link and its address there (its association link to be). */
  mld?: { linkId: number; linkAddr: string };
}

export interface SaeResponderOptions {
  ssid: Uint8Array;
  /** The SAE password (the `key` option's octets). */
  password: Uint8Array;
  pwe: SaePweMode;
  /**
   * The BSS's SAE AKM (8, or 24), which its PMKSAs are for. With group 19 both derive the
   * same 32-octet KCK and PMK (802.11-2020 12.4.5.4; AKM 24 takes their lengths from the
   * group's hash, SHA-256 here), so the exchange itself does not depend on it. Default 8.
   */
  akm?: number;
  /** dot11RSNASAEAntiCloggingThreshold: open instances from which a commit needs a token. */
  antiCloggingThreshold?: number;
  /** dot11RSNASAESync. */
  syncLimit?: number;
  /** The time an instance has to reach Accepted, ms. */
  timeoutMs?: number;
  /** Instances not yet Accepted held at most; a new peer's commit beyond them is dropped. */
  maxPending?: number;
  /** Random octets for the commits (tests inject a seeded source). */
  random?: (n: number) => Uint8Array;
  /** The anti-clogging token secret (tests); default a fresh random one. */
  tokens?: AntiCloggingTokens;
}

// The counters live apart so that ap-manager can show them without loading SAE (P-256) at start.
export { saeStatusCounters, type SaeCounters } from './sae-counters.js';

/** hostapd's default; the SaeInstance's own is the same. */
const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_MAX_PENDING = 256;

/** One peer's protocol instance as the station table holds it (`sta.sae`). */
export class SaePeer {
  constructor(readonly addr: string, readonly instance: SaeInstance, private readonly onStop: (peer: SaePeer) => void, public route: SaeRoute) {}

  get state(): SaeInstance['state'] {
    return this.instance.state;
  }

  /** Ends the instance (the station left or authenticated again otherwise). */
  stop(): void {
    this.instance.stop();
    this.onStop(this);
  }
}

export class SaeResponder {
  readonly counters: SaeCounters = { accepted: 0, failed: {}, tokenRequests: 0, refused: 0, dropped: 0 };
  /** PMKSAs from completed SAE exchanges, for PMKSA caching (12.6.10.1). */
  readonly pmksa: PmksaCache;
  private readonly peers = new Map<string, SaePeer>();
  private readonly tokens: AntiCloggingTokens;
  /** The H2E password token: derived once per SSID and password, not per peer (12.4.4.2.3). */
  private readonly pt: SaePoint | undefined;
  private readonly threshold: number;
  private readonly maxPending: number;

  constructor(private readonly host: SaeHost, private readonly opts: SaeResponderOptions) {
    this.tokens = opts.tokens ?? new AntiCloggingTokens();
    this.pt = opts.pwe === 0 ? undefined : derivePt(opts.ssid, opts.password);
    this.threshold = opts.antiCloggingThreshold ?? DEFAULT_ANTI_CLOGGING_THRESHOLD;
    this.maxPending = opts.maxPending ?? DEFAULT_MAX_PENDING;
    this.pmksa = new PmksaCache({ now: () => host.clock.now() });
  }

  /** Instances neither Accepted nor ended: those that count for anti-clogging. */
  get openInstances(): number {
    let n = 0;
    for (const p of this.peers.values()) if (p.state === 'committed' || p.state === 'confirmed') n++;
    return n;
  }

  /** The peer's protocol instance, if any. */
  peer(addr: string): SaePeer | undefined {
    return this.peers.get(addr);
  }

  /**
   * An Authentication frame with algorithm SAE from `a.sa` (Mlme checked the BSSID and bans);
   * `route` names the peer and the addresses for an AP MLD, `a.body` then without the
   * Multi-Link element.
   */
  onAuth(a: AuthFrame, route: SaeRoute = this.directRoute(a.sa)): void {
    const addr = route.peer;
    let peer = this.peers.get(addr);
    if (!peer) {
      if (!this.mayStart(a, route)) return;
      peer = this.createPeer(route);
    } else if (!sameBinding(peer.route, route)) {
      // The same key from other addresses (an MLD that was a legacy peer, or the reverse):
      // the exchange under way is not this one's.
      this.counters.dropped++;
      this.host.peerLog.warn(addr, 'sae', 'SAE frame with other addresses than the exchange under way: dropped');
      return;
    } else {
      peer.route = route;
    }
    peer.instance.receive(a.transaction, a.status, a.body);
    // An instance that is back in Nothing (it failed, or it only asked for a token) keeps no
    // state: anti-clogging exists so that a flood of commits costs the AP nothing.
    if (peer.state === 'nothing' && this.peers.get(addr) === peer) this.drop(peer);
  }

  /** Ends every instance (the AP stops). */
  stop(): void {
    for (const p of [...this.peers.values()]) p.stop();
    this.pmksa.clear();
  }

  private directRoute(sa: Uint8Array): SaeRoute {
    const own = this.host.ownAddr;
    return { peer: macToString(sa), ownAddr: own, peerAddr: sa, da: sa, bssid: own };
  }

  /** The parent process's checks before a new peer gets an instance. */
  private mayStart(a: AuthFrame, route: SaeRoute): boolean {
    const addr = route.peer;
    if (a.transaction === 2) {
      // A confirm with no instance to confirm anything: nothing to answer it with.
      this.counters.dropped++;
      this.host.peerLog.warn(addr, 'sae', 'SAE confirm without a protocol instance: dropped');
      return false;
    }
    if (a.transaction !== 1) {
      this.counters.refused++;
      if (a.status === StatusCode.SUCCESS) this.reply(route, a.transaction, StatusCode.TRANSACTION_SEQUENCE_ERROR);
      return false;
    }
    if (!this.pweAllows(a.status)) {
      // A commit whose status this AP's sae_pwe does not take: 0 (hunting-and-pecking) at
      // an H2E-only AP, 126 (hash-to-element) at an H&P-only one, or not a commit status.
      this.counters.refused++;
      this.host.peerLog.warn(addr, 'sae', `SAE commit with status ${a.status} (${statusCodeName(a.status)}) refused: sae_pwe is ${this.opts.pwe}`);
      this.reply(route, 1, StatusCode.REFUSED_REASON_UNSPECIFIED);
      return false;
    }
    if (this.peers.size - this.acceptedCount() >= this.maxPending) {
      this.counters.dropped++;
      this.host.peerLog.warn(addr, 'sae', `SAE commit dropped: ${this.maxPending} exchanges are pending`);
      return false;
    }
    return true;
  }

  private pweAllows(status: number): boolean {
    if (status === StatusCode.SUCCESS) return this.opts.pwe !== 1;
    if (status === StatusCode.SAE_HASH_TO_ELEMENT) return this.opts.pwe !== 0;
    return false;
  }

  private acceptedCount(): number {
    let n = 0;
    for (const p of this.peers.values()) if (p.state === 'accepted') n++;
    return n;
  }

  private createPeer(route: SaeRoute): SaePeer {
    const addr = route.peer;
    const clock = this.host.clock;
    // The instance's events name the peer made from it, which exists by the time they fire.
    let peer: SaePeer | undefined;
    const instance = new SaeInstance({
      role: 'ap',
      ownAddr: route.ownAddr,
      peerAddr: route.peerAddr,
      password: this.opts.password,
      ssid: this.opts.ssid,
      ...(this.pt ? { pt: this.pt } : {}),
      pwe: this.opts.pwe,
      // AKM 24's commits carry the AKM Suite Selector element; AKM 8's carry none.
      ...(this.opts.akm === AKM_SAE_EXT_KEY ? { akmSuite: AKM_SAE_EXT_KEY } : {}),
      timers: { setTimeout: (fn, ms) => clock.setTimer(fn, ms), clearTimeout: (h) => clock.clearTimer(h) },
      send: (msg) => this.sendMessage(peer!, msg),
      events: {
        accepted: (result) => this.onAccepted(peer!, result),
        failed: (reason, detail) => this.onFailed(peer!, reason, detail?.status),
      },
      antiClogging: { tokens: this.tokens, required: () => this.openInstances >= this.threshold },
      ...(this.opts.syncLimit !== undefined ? { syncLimit: this.opts.syncLimit } : {}),
      timeoutMs: this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(this.opts.random ? { random: this.opts.random } : {}),
    });
    const made = new SaePeer(addr, instance, (p) => this.drop(p), route);
    peer = made;
    this.peers.set(addr, made);
    return made;
  }

  private drop(peer: SaePeer): void {
    if (this.peers.get(peer.addr) === peer) this.peers.delete(peer.addr);
  }

  private sendMessage(peer: SaePeer, msg: SaeAuthMessage): void {
    if (msg.status === StatusCode.ANTI_CLOGGING_TOKEN_REQUIRED) this.counters.tokenRequests++;
    this.reply(peer.route, msg.transaction, msg.status, msg.body);
  }

  private reply(route: SaeRoute, transaction: number, status: number, body?: Uint8Array): void {
    const addr = route.peer;
    const all = route.elements ? concatBytes([body ?? new Uint8Array(0), route.elements]) : body;
    const frame = buildAuth({ da: route.da, sa: route.bssid, bssid: route.bssid, algorithm: AuthAlgorithm.SAE, transaction, status, ...(all ? { body: all } : {}) });
    // A frame lost on the air is the STA's to retransmit; the outcome only matters for the log.
    void this.host.send(frame, { seqKey: addr, ...(route.linkId !== undefined ? { linkId: route.linkId } : {}) }).then((outcome) => {
      if (outcome === 'failed' || outcome === 'rejected') this.host.log.debug(`${addr}: SAE transaction ${transaction} status ${status}: TX ${outcome}`);
    });
  }

  /**
   * Accepted: the peer is authenticated with the PMK of this exchange. An association it
   * held ends only now, so that an unprotected commit cannot take a PMF station off the air.
   */
  private onAccepted(peer: SaePeer, result: SaeResult): void {
    this.counters.accepted++;
    const { stations } = this.host;
    const prior = stations.get(peer.addr);
    if (prior && prior.state !== 'authenticated') {
      // The instance lives on in the new entry; the old one must not stop it.
      if (prior.sae === peer) prior.sae = undefined;
      void this.host.forgetStation(prior, ReasonCode.INVALID_AUTHENTICATION, 'reauthenticated (SAE)', false);
    } else if (prior?.sae && prior.sae !== peer) {
      prior.sae.stop?.();
    }
    const sta = stations.authenticate(peer.addr);
    sta.authAlgorithm = AuthAlgorithm.SAE;
    sta.sae = peer;
    sta.pmk = result.pmk;
    sta.pmkid = result.pmkid;
    sta.saeH2e = result.h2e;
    if (peer.route.mld) {
      sta.mld = { linkAddr: peer.route.mld.linkAddr, links: [] };
      sta.linkId = peer.route.mld.linkId;
    } else {
      sta.mld = undefined;
      sta.linkId = peer.route.linkId;
    }
    this.pmksa.add({ pmkid: result.pmkid, pmk: result.pmk, akm: this.opts.akm ?? AKM_SAE, peer: macFromString(peer.addr) });
    this.host.log.debug(`${peer.addr}: authenticated (SAE, ${result.h2e ? 'hash-to-element' : 'hunting-and-pecking'})`);
  }

  private onFailed(peer: SaePeer, reason: SaeFailure, status: number | undefined): void {
    this.counters.failed[reason] = (this.counters.failed[reason] ?? 0) + 1;
    this.host.peerLog.warn(peer.addr, 'sae', `SAE authentication failed: ${reason}${status !== undefined ? ` (status ${status} ${statusCodeName(status)})` : ''}`);
    this.drop(peer);
    // A confirm that does not verify is what a wrong password looks like: announced as the
    // 4-way handshake's MIC failure is. Other failures (timeouts, malformed commits) are any
    // sender's to cause and only counted.
    if (reason === 'bad_confirm') this.host.emit('auth_failed', { addr: peer.addr, reason: 'sae_bad_confirm' });
  }
}

function sameBinding(a: SaeRoute, b: SaeRoute): boolean {
  return Buffer.from(a.ownAddr).equals(Buffer.from(b.ownAddr)) && Buffer.from(a.peerAddr).equals(Buffer.from(b.peerAddr));
}
