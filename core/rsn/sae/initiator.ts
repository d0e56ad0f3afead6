// SAE in a station (IEEE 802.11-2020 12.4.8, the STA's parent process): one exchange with
// one AP or AP MLD at a time, run by the same SaeInstance the AP's responder uses (SAE is
// symmetric; only who starts differs). What the station adds:
// - the Authentication frames from the air checked and taken apart (algorithm, sender, the
//   AP MLD's Basic Multi-Link element after SAE's fields), malformed ones counted and dropped;
// - each message handed out as nl80211's AUTH_DATA (transaction, status, SAE fields): with
//   mac80211 the station's SME sends every step as an AUTHENTICATE command, and mac80211
//   retransmits each (so the instance's own t0 retransmission is off);
// - bounded attempts: a timeout or a Sync overflow starts a fresh instance, at most
//   `maxAttempts` times; a refusal of the password (the AP's confirm failure, status 15, or
//   its confirm not verifying here) ends at once: a retry with the same password cannot help.
import { AuthAlgorithm, parseAuth } from '../../ieee80211/auth.js';
import { takeAuthMultiLink } from '../../ieee80211/auth-multi-link.js';
import { FrameDecodeError } from '../../ieee80211/decode-error.js';
import { macEquals } from '../../ieee80211/mac-address.js';
import { StatusCode, statusCodeName } from '../../ieee80211/status-codes.js';
import { SaeInstance, type SaeAuthMessage, type SaeFailure, type SaePweMode, type SaeResult, type SaeTimers } from './instance.js';
import { derivePt } from './pwe.js';
import type { SaePoint } from './group19.js';

export interface SaeInitiatorOptions {
  /** Our address in SAE: the STA MLD's address towards an AP MLD (802.11be 12.4.2), else the interface's. */
  ownAddr: Uint8Array;
  /** The AP's address in SAE: the AP MLD's address, else the BSSID. */
  peerAddr: Uint8Array;
  /** The BSSID the frames come from (the association link's, for an AP MLD). */
  bssid: Uint8Array;
  /** Frames from an AP MLD carry its Basic Multi-Link element, which must name `peerAddr`. */
  mld: boolean;
  password: Uint8Array;
  ssid: Uint8Array;
  passwordIdentifier?: Uint8Array;
  /** 0 hunting-and-pecking, 1 hash-to-element, 2 H2E when the AP offers it (RSNXE). An MLD uses H2E only. */
  pwe: SaePweMode;
  /** The AP's RSNXE has SAE H2E. */
  peerSupportsH2e: boolean;
  /** A precomputed PT for (ssid, password, identifier). */
  pt?: SaePoint;
  timers: SaeTimers;
  /** Sends one message: `authData` is NL80211_ATTR_AUTH_DATA (transaction and status little-endian, then the fields). */
  send(authData: Uint8Array): void;
  /** Exchanges started at most (the first included); default 3. */
  maxAttempts?: number;
  /** Per exchange, ms until it must be Accepted; default 5000 (SaeInstance's). */
  timeoutMs?: number;
  random?: (n: number) => Uint8Array;
}

/** Why SAE ended without a PMK, in words for ubus (`auth_failed`) and the log. */
export class SaeAuthError extends Error {
  override name = 'SaeAuthError';
  constructor(readonly reason: SaeFailure | 'stopped', readonly attempts: number, readonly status?: number) {
    super(describeFailure(reason, status));
  }

  /** What a different password would fix: the AP refused our confirm, or its confirm did not verify. */
  get wrongPassword(): boolean {
    return this.reason === 'bad_confirm' || (this.reason === 'rejected_by_peer' && this.status === StatusCode.CHALLENGE_FAILURE);
  }
}

function describeFailure(reason: SaeFailure | 'stopped', status?: number): string {
  const st = status !== undefined ? ` (status ${status} ${statusCodeName(status)})` : '';
  switch (reason) {
    case 'bad_confirm': return 'SAE: the AP\'s confirm does not verify: the password differs';
    case 'rejected_by_peer':
      return status === StatusCode.CHALLENGE_FAILURE ? `SAE: the AP refused our confirm${st}: the password differs` : `SAE: the AP refused the exchange${st}`;
    case 'unsupported_group': return `SAE: the AP does not take group 19${st}`;
    case 'pwe_mismatch': return `SAE: the AP answered with the other password element derivation${st}`;
    case 'unknown_password_identifier': return `SAE: the AP does not know the password identifier${st}`;
    case 'akm_mismatch': return 'SAE: the AP\'s commit names another AKM (AKM Suite Selector element) than ours';
    case 'sync_exceeded': return 'SAE: too many retransmissions without progress';
    case 'timeout': return 'SAE: no answer from the AP in time';
    case 'stopped': return 'SAE: stopped before it completed';
    default: return `SAE failed: ${reason}${st}`;
  }
}

/** Failures worth another exchange with a new commit: the air lost something. */
const RETRYABLE: ReadonlySet<SaeFailure> = new Set(['timeout', 'sync_exceeded']);

export interface SaeInitiatorCounters {
  /** Authentication frames taken by the exchange. */
  frames: number;
  /** Not an Authentication frame, or one whose fields or Multi-Link element are malformed. */
  malformed: number;
  /** Another algorithm, another sender, or an ML element naming another AP MLD. */
  foreign: number;
  attempts: number;
}

export class SaeInitiator {
  readonly counters: SaeInitiatorCounters = { frames: 0, malformed: 0, foreign: 0, attempts: 0 };
  private instance?: SaeInstance;
  private done = false;
  private readonly pt?: SaePoint;
  private readonly maxAttempts: number;
  private resolve!: (r: SaeResult) => void;
  private reject!: (e: SaeAuthError) => void;
  /** Settles once: the PMK, or SaeAuthError. */
  readonly result: Promise<SaeResult>;

  constructor(private readonly opts: SaeInitiatorOptions) {
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 3);
    const h2e = opts.pwe === 1 || (opts.pwe === 2 && opts.peerSupportsH2e);
    // The PT depends on SSID, password and identifier only: derived once for every attempt.
    this.pt = opts.pt ?? (h2e ? derivePt(opts.ssid, opts.password, opts.passwordIdentifier) : undefined);
    this.result = new Promise<SaeResult>((res, rej) => { this.resolve = res; this.reject = rej; });
    // A caller that only awaits later must not see an unhandled rejection meanwhile.
    this.result.catch(() => undefined);
  }

  /** Sends the first commit. */
  start(): void {
    if (this.instance || this.done) throw new Error('SAE initiator already started');
    this.attempt();
  }

  /** A received Authentication frame (the FRAME of an AUTHENTICATE event). Never throws. */
  onFrame(frame: Uint8Array): void {
    if (this.done || !this.instance) return;
    let auth;
    try {
      auth = parseAuth(frame);
    } catch (err) {
      if (!(err instanceof FrameDecodeError)) throw err;
      this.counters.malformed++;
      return;
    }
    // Towards an AP MLD, mac80211 hands the frame up with its addresses translated to the
    // MLD addresses once it holds the AP MLD's station entry (it does from AUTHENTICATE on).
    const fromAp = macEquals(auth.sa, this.opts.bssid) || (this.opts.mld && macEquals(auth.sa, this.opts.peerAddr));
    if (auth.algorithm !== AuthAlgorithm.SAE || !fromAp) {
      this.counters.foreign++;
      return;
    }
    let body = auth.body;
    if (this.opts.mld) {
      try {
        const ml = takeAuthMultiLink(auth.algorithm, auth.transaction, auth.status, auth.body);
        if (ml.mldAddr && !macEquals(ml.mldAddr, this.opts.peerAddr)) {
          this.counters.foreign++;
          return;
        }
        body = ml.body;
      } catch (err) {
        if (!(err instanceof FrameDecodeError)) throw err;
        this.counters.malformed++;
        return;
      }
    }
    this.counters.frames++;
    this.instance.receive(auth.transaction, auth.status, body);
  }

  /** mac80211 gave up on our last frame (AUTHENTICATE event with TIMED_OUT). */
  onTimeout(): void {
    if (this.done || !this.instance) return;
    this.instance.stop();
    this.onFailed('timeout');
  }

  /** Ends the exchange without a result (disconnect requested, interface gone). */
  stop(): void {
    if (this.done) return;
    this.instance?.stop();
    this.finish(() => this.reject(new SaeAuthError('stopped', this.counters.attempts)));
  }

  get state(): SaeInstance['state'] | 'done' {
    return this.done ? 'done' : this.instance?.state ?? 'nothing';
  }

  private attempt(): void {
    this.counters.attempts++;
    const o = this.opts;
    let instance: SaeInstance | undefined;
    const events = {
      accepted: (r: SaeResult) => { if (instance === this.instance) this.finish(() => this.resolve(r)); },
      failed: (reason: SaeFailure, d?: { status?: number }) => { if (instance === this.instance) this.onFailed(reason, d?.status); },
    };
    instance = new SaeInstance({
      role: 'sta',
      ownAddr: o.ownAddr,
      peerAddr: o.peerAddr,
      password: o.password,
      ssid: o.ssid,
      ...(this.pt ? { pt: this.pt } : {}),
      ...(o.passwordIdentifier ? { passwordIdentifier: o.passwordIdentifier } : {}),
      pwe: o.pwe,
      peerSupportsH2e: o.peerSupportsH2e,
      timers: o.timers,
      send: (msg) => o.send(saeAuthData(msg)),
      events,
      // mac80211 retransmits each AUTHENTICATE itself and reports TIMED_OUT when it gives up.
      retransPeriodMs: 0,
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
      ...(o.random ? { random: o.random } : {}),
    });
    this.instance = instance;
    instance.start();
  }

  private onFailed(reason: SaeFailure, status?: number): void {
    if (this.done) return;
    if (RETRYABLE.has(reason) && this.counters.attempts < this.maxAttempts) return this.attempt();
    this.finish(() => this.reject(new SaeAuthError(reason, this.counters.attempts, status)));
  }

  private finish(settle: () => void): void {
    this.done = true;
    settle();
  }
}

/** NL80211_ATTR_AUTH_DATA of an SAE message: Authentication transaction sequence number and Status Code (little-endian), then the SAE fields. */
export function saeAuthData(msg: SaeAuthMessage): Uint8Array {
  const out = new Uint8Array(4 + msg.body.length);
  out[0] = msg.transaction & 0xff;
  out[1] = msg.transaction >>> 8;
  out[2] = msg.status & 0xff;
  out[3] = msg.status >>> 8;
  out.set(msg.body, 4);
  return out;
}
