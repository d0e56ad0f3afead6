// One SAE protocol instance with one peer (IEEE 802.11-2020 12.4.8): the Nothing,
// Committed, Confirmed and Accepted states, the Sync counter bounded by dot11RSNASAESync,
// the send-confirm/receive-confirm counters, retransmission timer t0, anti-clogging and
// the checks of 12.4.5.4 on the peer's commit. Transport-agnostic: Authentication frame
// bodies go out through `send` and come in through `receive`; timers are injected, so
// tests need no wall clock.
//
// Infrastructure roles: the STA initiates (Init: send Commit); the AP responds. As hostapd
// does in an infrastructure BSS, the AP by default holds its Confirm until the STA's
// Confirm arrives (frames alternate STA, AP, STA, AP) and leaves retransmission to the
// STA, which always has a confirm or commit outstanding; `confirmImmediately` gives the
// standard's Nothing -> Confirmed transition (Commit and Confirm sent together).
import { timingSafeEqual } from 'node:crypto';
import { StatusCode } from '../../ieee80211/status-codes.js';
import { FrameDecodeError } from '../../ieee80211/decode-error.js';
import {
  buildSaeCommit, buildSaeConfirm, buildSaeGroupRejection, buildSaeTokenRequest, groupList,
  parseSaeCommit, parseSaeConfirm, parseSaeTokenRequest, readSaeGroup, type SaeCommitBody,
} from '../../ieee80211/sae-auth-body.js';
import { SAE_GROUP_P256, type SaePoint, elementFromBytes, elementToBytes, scalarToBytes } from './group19.js';
import { derivePt, huntAndPeckPwe, pweFromPt } from './pwe.js';
import { type OwnCommit, type SaeKeys, confirmHash, deriveKeys, peerScalarFromBytes, randomCommit } from './commit.js';
import type { AntiCloggingTokens } from './anti-clogging.js';

export type SaeRole = 'ap' | 'sta';
export type SaeState = 'nothing' | 'committed' | 'confirmed' | 'accepted';
/** OpenWrt's sae_pwe: 0 hunting-and-pecking only, 1 hash-to-element only, 2 both. */
export type SaePweMode = 0 | 1 | 2;

export type SaeFailure =
  /** The peer offered or demanded a group other than 19. */
  | 'unsupported_group'
  /** Malformed commit, scalar or element out of range, or a shared secret K at the identity. */
  | 'bad_commit'
  /** A commit whose status (0 or 126) the configured sae_pwe does not allow, or not the one we use. */
  | 'pwe_mismatch'
  | 'unknown_password_identifier'
  /** H2E: the peer's AKM Suite Selector element is missing or names another AKM than ours. */
  | 'akm_mismatch'
  /** H2E: the peer says a group we support was rejected (a downgrade attempt). */
  | 'downgrade'
  /** An anti-clogging token that this AP did not issue for this peer. */
  | 'bad_token'
  /** The peer's confirm did not verify: in practice a different password. */
  | 'bad_confirm'
  /** The peer answered with a failure status (in `detail.status`). */
  | 'rejected_by_peer'
  /** More than dot11RSNASAESync retransmissions or resynchronisations. */
  | 'sync_exceeded'
  /** Not accepted within `timeoutMs`. */
  | 'timeout';

export interface SaeAuthMessage {
  transaction: 1 | 2;
  status: number;
  /** The Authentication frame body after algorithm, transaction and status. */
  body: Uint8Array;
}

export interface SaeTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SaeResult {
  pmk: Uint8Array;
  pmkid: Uint8Array;
  kck: Uint8Array;
  /** Whether hash-to-element was used (the AP then expects the RSNXE H2E bit in the association). */
  h2e: boolean;
}

export interface SaeEvents {
  accepted(result: SaeResult): void;
  failed(reason: SaeFailure, detail?: { status?: number }): void;
}

export interface SaeAntiClogging {
  tokens: AntiCloggingTokens;
  /** True while the AP has at least dot11RSNASAEAntiCloggingThreshold open instances. */
  required(): boolean;
}

export interface SaeInstanceOptions {
  role: SaeRole;
  ownAddr: Uint8Array;
  peerAddr: Uint8Array;
  /** The password (passphrase octets). */
  password: Uint8Array;
  /** The SSID, to derive the H2E password token when `pt` is not given. */
  ssid?: Uint8Array;
  /** The H2E password token (`derivePt`), computed once per SSID and password. */
  pt?: SaePoint;
  /** H2E only: the Password Identifier this password goes with. */
  passwordIdentifier?: Uint8Array;
  pwe: SaePweMode;
  /** STA with pwe 2: use H2E (the AP's RSNXE has the SAE H2E bit). Ignored by the AP. */
  peerSupportsH2e?: boolean;
  /** STA, H2E: groups earlier attempts were refused (Rejected Groups element). */
  rejectedGroups?: number[];
  /**
   * H2E: the AKM this exchange is for, sent in the AKM Suite Selector element of our commit
   * and required in the peer's (SAE-EXT-KEY, AKM 24: 802.11-2024 12.4.4 binds the exchange
   * to its AKM, so it cannot be taken for one of AKM 8). Absent for AKM 8: no element sent,
   * any peer element ignored.
   */
  akmSuite?: number;
  timers: SaeTimers;
  send: (msg: SaeAuthMessage) => void;
  events: SaeEvents;
  /** AP: ask for anti-clogging tokens while `required()`. */
  antiClogging?: SaeAntiClogging;
  /** AP: send Confirm together with Commit (the standard's Nothing -> Confirmed). */
  confirmImmediately?: boolean;
  /** dot11RSNASAERetransPeriod in ms; 0 turns retransmissions off. Default: STA 40 (the MIB's), AP 0. */
  retransPeriodMs?: number;
  /** dot11RSNASAESync; default 3 as hostapd's sae_sync. */
  syncLimit?: number;
  /** The whole exchange must reach Accepted within this many ms; default 5000. */
  timeoutMs?: number;
  /** Random octets (tests inject a seeded source); default node:crypto randomBytes. */
  random?: (n: number) => Uint8Array;
}

interface PeerCommit {
  scalar: bigint;
  element: SaePoint;
  scalarBytes: Uint8Array;
  elementBytes: Uint8Array;
}

const SEND_CONFIRM_MAX = 0xffff;

export class SaeInstance {
  private current: SaeState = 'nothing';
  private useH2e = false;
  private pwe?: SaePoint;
  private own?: OwnCommit;
  private peer?: PeerCommit;
  private keys?: SaeKeys;
  private peerRejectedGroups?: number[];
  /** STA: the token the AP asked us to echo. */
  private token?: Uint8Array;
  private sync = 0;
  private sendConfirm = 0;
  private receivedConfirm = 0;
  private acceptedPeerScalar?: bigint;
  private t0?: unknown;
  private deadline?: unknown;
  private finished = false;
  private readonly retransPeriodMs: number;
  private readonly syncLimit: number;
  private readonly timeoutMs: number;

  constructor(private readonly opts: SaeInstanceOptions) {
    this.retransPeriodMs = opts.retransPeriodMs ?? (opts.role === 'sta' ? 40 : 0);
    this.syncLimit = opts.syncLimit ?? 3;
    this.timeoutMs = opts.timeoutMs ?? 5000;
  }

  get state(): SaeState {
    return this.current;
  }

  /** Whether this exchange uses hash-to-element (known once a commit went out or came in). */
  get h2e(): boolean {
    return this.useH2e;
  }

  /** STA: the Init event: derive the PWE, send our Commit, enter Committed. */
  start(): void {
    if (this.opts.role !== 'sta') throw new Error('only the STA starts SAE; the AP answers a commit');
    if (this.current !== 'nothing' || this.finished) throw new Error('SAE instance already started');
    const { pwe, peerSupportsH2e } = this.opts;
    this.useH2e = pwe === 1 || (pwe === 2 && peerSupportsH2e === true);
    this.pwe = this.derivePwe();
    this.own = randomCommit(this.pwe, this.opts.random);
    this.current = 'committed';
    this.sync = 0;
    this.armDeadline();
    this.sendCommit();
    this.armT0();
  }

  /** An SAE Authentication frame from the peer. Bad frames are dropped or answered, never thrown. */
  receive(transaction: number, status: number, body: Uint8Array): void {
    if (this.finished) return;
    if (transaction === 1) this.onCommitFrame(status, body);
    else if (transaction === 2) this.onConfirmFrame(status, body);
  }

  /** Ends the instance without an event (peer gone, interface down). */
  stop(): void {
    this.finished = true;
    this.clearTimers();
  }

  // --- transaction 1 ---------------------------------------------------------------------

  private onCommitFrame(status: number, body: Uint8Array): void {
    if (status === StatusCode.ANTI_CLOGGING_TOKEN_REQUIRED) return this.onTokenRequest(body);
    if (status !== StatusCode.SUCCESS && status !== StatusCode.SAE_HASH_TO_ELEMENT) {
      // A refusal of our commit (77 for the group, 1, 123, ...): only group 19 exists here,
      // so there is nothing else to try.
      if (this.opts.role === 'sta' && this.current === 'committed') {
        this.fail(status === StatusCode.UNSUPPORTED_FINITE_CYCLIC_GROUP ? 'unsupported_group' : 'rejected_by_peer', { status });
      }
      return;
    }
    const commitH2e = status === StatusCode.SAE_HASH_TO_ELEMENT;
    const fresh = this.opts.role === 'ap' && (this.current === 'nothing' || this.current === 'accepted');
    if (fresh && this.current === 'nothing') {
      if (!this.pweAllows(commitH2e)) return this.fail('pwe_mismatch', { status });
      this.useH2e = commitH2e;
    } else if (commitH2e !== this.useH2e) {
      if (this.opts.role === 'sta' && this.current === 'committed') this.fail('pwe_mismatch', { status });
      return;
    }

    let group: number;
    try {
      group = readSaeGroup(body);
    } catch {
      return this.refuseCommit('bad_commit', StatusCode.REFUSED_REASON_UNSPECIFIED);
    }
    if (group !== SAE_GROUP_P256) {
      return this.refuseCommit('unsupported_group', StatusCode.UNSUPPORTED_FINITE_CYCLIC_GROUP, buildSaeGroupRejection(group));
    }
    let parsed: SaeCommitBody;
    try {
      parsed = parseSaeCommit(body, { h2e: this.useH2e });
    } catch (err) {
      if (!(err instanceof FrameDecodeError)) throw err;
      return this.refuseCommit('bad_commit', StatusCode.REFUSED_REASON_UNSPECIFIED);
    }
    const ownId = this.opts.passwordIdentifier;
    const peerId = parsed.passwordIdentifier;
    if (this.useH2e && (ownId ? !peerId || !Buffer.from(ownId).equals(peerId) : peerId !== undefined)) {
      return this.refuseCommit('unknown_password_identifier', StatusCode.UNKNOWN_PASSWORD_IDENTIFIER);
    }
    if (parsed.rejectedGroups?.includes(SAE_GROUP_P256)) {
      return this.refuseCommit('downgrade', StatusCode.REFUSED_REASON_UNSPECIFIED);
    }
    if (this.useH2e && this.opts.akmSuite !== undefined && parsed.akmSuite !== this.opts.akmSuite) {
      return this.refuseCommit('akm_mismatch', StatusCode.REFUSED_REASON_UNSPECIFIED);
    }
    const scalar = peerScalarFromBytes(parsed.scalar);
    const element = elementFromBytes(parsed.element);
    if (scalar === undefined || !element) return this.refuseCommit('bad_commit', StatusCode.REFUSED_REASON_UNSPECIFIED);
    const peer: PeerCommit = { scalar, element, scalarBytes: parsed.scalar, elementBytes: parsed.element };

    // 12.4.5.4: our own scalar and element sent back is a reflection attack: drop silently.
    if (this.own && scalar === this.own.scalar && element.equals(this.own.element)) return;

    if (fresh) {
      // An Accepted instance may only restart with a new scalar (12.4.8.6.6).
      if (this.current === 'accepted' && scalar === this.acceptedPeerScalar) return;
      if (!this.checkToken(parsed.token)) return;
      this.own = undefined;
      return this.respondToCommit(peer, parsed.rejectedGroups);
    }

    switch (this.current) {
      case 'committed':
        if (this.opts.role === 'sta') {
          if (this.peer) return;
          if (!this.acceptPeerCommit(peer, parsed.rejectedGroups)) return;
          this.clearT0();
          this.sendConfirmMessage();
          this.current = 'confirmed';
          this.sync = 0;
          this.armT0();
          return;
        }
        // AP holding its Confirm: the STA sent its commit again, so ours was lost; or it
        // started over with a new one, which our commit (same PWE) answers as well.
        if (this.samePeer(peer)) {
          if (!this.bumpSync()) return;
        } else if (!this.acceptPeerCommit(peer, parsed.rejectedGroups)) {
          return;
        }
        this.sendCommit();
        this.armT0();
        return;
      case 'confirmed':
        // The peer has not seen our messages: send Commit and Confirm again (12.4.8.6.5).
        if (!this.bumpSync()) return;
        if (!this.samePeer(peer) && !this.acceptPeerCommit(peer, parsed.rejectedGroups)) return;
        this.clearT0();
        this.sendCommit();
        this.sendConfirmMessage();
        this.armT0();
        return;
      default:
        return;
    }
  }

  /** AP, Nothing (or Accepted and the STA starts over): answer a valid commit. */
  private respondToCommit(peer: PeerCommit, rejectedGroups: number[] | undefined): void {
    this.clearTimers();
    this.pwe ??= this.derivePwe();
    this.own = randomCommit(this.pwe, this.opts.random);
    if (!this.acceptPeerCommit(peer, rejectedGroups)) {
      return this.refuseCommit('bad_commit', StatusCode.REFUSED_REASON_UNSPECIFIED, undefined, true);
    }
    this.current = 'committed';
    this.sync = 0;
    this.sendConfirm = 0;
    this.armDeadline();
    this.sendCommit();
    if (this.opts.confirmImmediately) {
      this.sendConfirmMessage();
      this.current = 'confirmed';
    }
    this.armT0();
  }

  /** Takes the peer's commit: derives K and the keys; false (nothing changed) if K is the identity. */
  private acceptPeerCommit(peer: PeerCommit, rejectedGroups: number[] | undefined): boolean {
    const keys = deriveKeys(this.pwe!, this.own!, peer.scalar, peer.element, this.keyseedSalt(rejectedGroups));
    if (!keys) return false;
    this.peer = peer;
    this.keys = keys;
    this.peerRejectedGroups = rejectedGroups;
    return true;
  }

  /**
   * keyseed's salt (12.4.5.4): with H2E and Rejected Groups, the lists of both sides, the one
   * of the higher MAC address first (as hostapd orders them); otherwise 32 zero octets.
   */
  private keyseedSalt(peerRejected: number[] | undefined): Uint8Array | undefined {
    if (!this.useH2e) return undefined;
    const own = this.opts.role === 'sta' ? this.opts.rejectedGroups ?? [] : [];
    const peer = peerRejected ?? [];
    if (own.length === 0 && peer.length === 0) return undefined;
    const ownHigher = Buffer.compare(Buffer.from(this.opts.ownAddr), Buffer.from(this.opts.peerAddr)) > 0;
    return groupList(ownHigher ? [...own, ...peer] : [...peer, ...own]);
  }

  /** STA, Committed: the AP wants an anti-clogging token echoed with our same commit. */
  private onTokenRequest(body: Uint8Array): void {
    if (this.opts.role !== 'sta' || this.current !== 'committed' || this.peer) return;
    let req: { group: number; token: Uint8Array };
    try {
      req = parseSaeTokenRequest(body, { h2e: this.useH2e });
    } catch {
      return;
    }
    if (req.group !== SAE_GROUP_P256 || !this.bumpSync()) return;
    this.token = req.token;
    this.clearT0();
    this.sendCommit();
    this.armT0();
  }

  /** AP: false when the commit must wait for (or had a wrong) anti-clogging token. */
  private checkToken(token: Uint8Array | undefined): boolean {
    const ac = this.opts.antiClogging;
    if (token) {
      if (ac?.tokens.verify(this.opts.peerAddr, token)) return true;
      this.fail('bad_token');
      return false;
    }
    if (!ac?.required()) return true;
    this.opts.send({
      transaction: 1,
      status: StatusCode.ANTI_CLOGGING_TOKEN_REQUIRED,
      body: buildSaeTokenRequest(SAE_GROUP_P256, ac.tokens.issue(this.opts.peerAddr), { h2e: this.useH2e }),
    });
    return false;
  }

  /**
   * A commit that cannot be used: the AP answers a new peer with the status and ends the
   * instance; in the other states (an Accepted one included) the frame is dropped and the
   * instance goes on.
   */
  private refuseCommit(reason: SaeFailure, status: number, body: Uint8Array = new Uint8Array(0), always = false): void {
    if (!always && !(this.opts.role === 'ap' && this.current === 'nothing')) return;
    this.opts.send({ transaction: 1, status, body });
    this.fail(reason, { status });
  }

  // --- transaction 2 ---------------------------------------------------------------------

  private onConfirmFrame(status: number, body: Uint8Array): void {
    if (this.current === 'nothing') return;
    if (status !== StatusCode.SUCCESS) {
      if (this.current !== 'accepted') this.fail('rejected_by_peer', { status });
      return;
    }
    if (!this.keys || !this.peer || !this.own) {
      // STA, Committed, the AP's commit not seen: it confirmed, so resend our commit.
      if (!this.bumpSync()) return;
      this.clearT0();
      this.sendCommit();
      this.armT0();
      return;
    }
    let peerSendConfirm: number;
    let confirm: Uint8Array;
    try {
      ({ sendConfirm: peerSendConfirm, confirm } = parseSaeConfirm(body, SAE_GROUP_P256));
    } catch {
      return;
    }
    if (this.current === 'accepted' && (peerSendConfirm <= this.receivedConfirm || peerSendConfirm === SEND_CONFIRM_MAX)) return;
    const expected = confirmHash(this.keys.kck, peerSendConfirm, this.peer.scalar, this.peer.element, this.own.scalar, this.own.element);
    if (!timingSafeEqual(expected, confirm)) {
      if (this.current === 'accepted') return;
      if (this.opts.role === 'ap') this.opts.send({ transaction: 2, status: StatusCode.CHALLENGE_FAILURE, body: new Uint8Array(0) });
      return this.fail('bad_confirm');
    }
    switch (this.current) {
      case 'committed':
        // AP holding its Confirm until now.
        this.receivedConfirm = peerSendConfirm;
        this.sendConfirmMessage();
        return this.accept();
      case 'confirmed':
        this.receivedConfirm = peerSendConfirm;
        return this.accept();
      case 'accepted':
        // The peer did not get our Confirm: send it again (send-confirm stays 2^16 - 1).
        if (!this.bumpSync()) return;
        this.receivedConfirm = peerSendConfirm;
        this.sendConfirmMessage();
        return;
    }
  }

  private accept(): void {
    this.clearTimers();
    this.current = 'accepted';
    this.sendConfirm = SEND_CONFIRM_MAX;
    this.acceptedPeerScalar = this.peer!.scalar;
    const { pmk, pmkid, kck } = this.keys!;
    this.opts.events.accepted({ pmk, pmkid, kck, h2e: this.useH2e });
  }

  // --- sending ---------------------------------------------------------------------------

  private sendCommit(): void {
    const own = this.own!;
    const h2e = this.useH2e;
    const body = buildSaeCommit(
      {
        group: SAE_GROUP_P256,
        scalar: scalarToBytes(own.scalar),
        element: elementToBytes(own.element),
        ...(this.opts.role === 'sta' && this.token ? { token: this.token } : {}),
        ...(h2e && this.opts.passwordIdentifier ? { passwordIdentifier: this.opts.passwordIdentifier } : {}),
        ...(h2e && this.opts.role === 'sta' && this.opts.rejectedGroups?.length ? { rejectedGroups: this.opts.rejectedGroups } : {}),
        ...(h2e && this.opts.akmSuite !== undefined ? { akmSuite: this.opts.akmSuite } : {}),
      },
      { h2e },
    );
    this.opts.send({ transaction: 1, status: h2e ? StatusCode.SAE_HASH_TO_ELEMENT : StatusCode.SUCCESS, body });
  }

  private sendConfirmMessage(): void {
    if (this.sendConfirm < SEND_CONFIRM_MAX) this.sendConfirm++;
    const own = this.own!;
    const peer = this.peer!;
    const confirm = confirmHash(this.keys!.kck, this.sendConfirm, own.scalar, own.element, peer.scalar, peer.element);
    this.opts.send({ transaction: 2, status: StatusCode.SUCCESS, body: buildSaeConfirm({ sendConfirm: this.sendConfirm, confirm }) });
  }

  // --- helpers ---------------------------------------------------------------------------

  private derivePwe(): SaePoint {
    const { ownAddr, peerAddr, password } = this.opts;
    if (!this.useH2e) return huntAndPeckPwe(password, ownAddr, peerAddr);
    const pt = this.opts.pt ?? derivePt(this.requireSsid(), password, this.opts.passwordIdentifier);
    return pweFromPt(pt, ownAddr, peerAddr);
  }

  private requireSsid(): Uint8Array {
    if (!this.opts.ssid) throw new Error('SAE hash-to-element needs the SSID or a precomputed PT');
    return this.opts.ssid;
  }

  private pweAllows(h2e: boolean): boolean {
    return this.opts.pwe === 2 || (this.opts.pwe === 1) === h2e;
  }

  private samePeer(peer: PeerCommit): boolean {
    return this.peer !== undefined && Buffer.from(peer.scalarBytes).equals(this.peer.scalarBytes) && Buffer.from(peer.elementBytes).equals(this.peer.elementBytes);
  }

  /** One more retransmission or resynchronisation; past dot11RSNASAESync the instance fails. */
  private bumpSync(): boolean {
    if (this.sync >= this.syncLimit) {
      this.fail('sync_exceeded');
      return false;
    }
    this.sync++;
    return true;
  }

  private onT0(): void {
    this.t0 = undefined;
    if (this.finished || !this.bumpSync()) return;
    if (this.current === 'committed') this.sendCommit();
    else if (this.current === 'confirmed') this.sendConfirmMessage();
    else return;
    this.armT0();
  }

  private armT0(): void {
    this.clearT0();
    if (this.retransPeriodMs > 0 && !this.finished) this.t0 = this.opts.timers.setTimeout(() => this.onT0(), this.retransPeriodMs);
  }

  private clearT0(): void {
    if (this.t0 !== undefined) this.opts.timers.clearTimeout(this.t0);
    this.t0 = undefined;
  }

  private armDeadline(): void {
    if (this.deadline !== undefined) this.opts.timers.clearTimeout(this.deadline);
    this.deadline = this.opts.timers.setTimeout(() => {
      this.deadline = undefined;
      if (this.current !== 'accepted') this.fail('timeout');
    }, this.timeoutMs);
  }

  private clearTimers(): void {
    this.clearT0();
    if (this.deadline !== undefined) this.opts.timers.clearTimeout(this.deadline);
    this.deadline = undefined;
  }

  private fail(reason: SaeFailure, detail?: { status?: number }): void {
    if (this.finished) return;
    this.finished = true;
    this.clearTimers();
    this.current = 'nothing';
    this.opts.events.failed(reason, detail);
  }
}
