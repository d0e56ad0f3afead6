// One connection of a station to an AP, the SME in wifid (the way wpa_supplicant drives
// mac80211): authentication (Open System, or SAE through core/rsn/sae's SaeInitiator) with
// AUTHENTICATE, association with ASSOCIATE, the 4-way handshake as supplicant over the
// control port (EAPOL as CONTROL_PORT_FRAME through the TX queue), the keys installed, the
// port opened (SET_STATION AUTHORIZED); then the association is watched until the AP or
// the station ends it. Every stage is bounded: mac80211 reports TIMED_OUT for
// authentication and association, SAE retries a bounded number of exchanges, the 4-way
// handshake has a deadline. A failure deauthenticates and says why in words.
import { parseAuth, AuthAlgorithm } from '../../core/ieee80211/auth.js';
import { parseAssocResponse } from '../../core/ieee80211/assoc-response.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { parseDeauthOrDisassoc } from '../../core/ieee80211/deauth.js';
import { macEquals, macFromString } from '../../core/ieee80211/mac-address.js';
import { ReasonCode, reasonCodeName } from '../../core/ieee80211/reason-codes.js';
import { StatusCode, statusCodeName } from '../../core/ieee80211/status-codes.js';
import { pskFromPassphrase } from '../../core/crypto/psk.js';
import type { Logger } from '../../core/log.js';
import { installKey, setStationFlags, type Nl80211Requester } from '../../core/nl80211/ap-commands.js';
import { associate, authenticate, deauthenticate } from '../../core/nl80211/sta-commands.js';
import { decodeStaMlmeEvent, type StaMlmeEvent } from '../../core/nl80211/sta-events.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import { FourWaySupplicant, type InstalledGroupKey } from '../../core/rsn/supplicant.js';
import type { MonotonicClock, TimerHandle } from '../../core/txq/clock.js';
import { AKM_SAE } from '../../core/ieee80211/rsn-element.js';
import { chooseStaRsn, type StaEncryption, type StaRsnChoice } from './sta-rsn.js';

export interface ConnectionHost {
  ifindex: number;
  /** The netdev's address: the STA's address (its MLD address over links). */
  ownAddr: string;
  nl: Nl80211Requester;
  clock: MonotonicClock;
  log: Logger;
  /** An EAPOL PDU to `dest` through the TX queue's control port. */
  sendEapol(dest: string, pdu: Uint8Array, noEncrypt: boolean): Promise<void>;
}

/** The AP (one BSS) as the scan saw it. */
export interface ConnectTarget {
  ssid: Uint8Array;
  bssid: string;
  freq: number;
  /** The AP's RSNE / RSNXE from its beacon or probe response (whole elements); no RSNE: an open BSS. */
  rsne?: Uint8Array;
  rsnxe?: Uint8Array;
  /**
   * An AP MLD: `bssid`/`freq`/`rsne` are its association link's; the other links requested
   * here. SAE then binds the MLD addresses, the 4-way handshake is the MLD's (802.11be 12.7.6).
   */
  mld?: { apMldAddr: string; assocLinkId: number; links: MldTargetLink[] };
}

export interface MldTargetLink {
  linkId: number;
  bssid: string;
  freq: number;
  /** The affiliated AP's RSNE/RSNXE from its beacon (message 3's MLO Link KDE must repeat them). */
  rsne?: Uint8Array;
  rsnxe?: Uint8Array;
}

export interface ConnectSecurity {
  encryption: StaEncryption;
  /** Passphrase (psk2, psk2-sha256) or SAE password. */
  key?: string;
  ieee80211w: 0 | 1 | 2;
}

export type ConnectionState = 'authenticating' | 'associating' | 'handshake' | 'connected' | 'failed' | 'disconnected';

/** Where a connection attempt ended without connecting. */
export class ConnectError extends Error {
  override name = 'ConnectError';
  constructor(readonly stage: 'auth' | 'assoc' | 'handshake' | 'rsn', message: string, readonly status?: number) {
    super(message);
  }
}

export interface ConnectionCounters {
  /** Frames from the air that did not parse (auth, assoc response, deauth) or came from elsewhere. */
  malformedFrames: number;
  foreignFrames: number;
  eapolDropped: number;
}

/** How long the 4-way handshake may take after the association (the AP's own retries are 4 x 1 s). */
const HANDSHAKE_DEADLINE_MS = 10_000;

export class StaConnection {
  state: ConnectionState = 'authenticating';
  readonly counters: ConnectionCounters = { malformedFrames: 0, foreignFrames: 0, eapolDropped: 0 };
  /** After a loss: the reason code and whether the AP sent it. */
  ended?: { reason: number; byAp: boolean; why: string };
  rsn?: StaRsnChoice;
  private readonly log: Logger;
  private readonly bssidBytes: Uint8Array;
  /** The AP's address in SAE, the 4-way handshake, keys and AUTHORIZED: the AP MLD's, else the BSSID. */
  private readonly apAddr: string;
  /** The links the AP accepted (its association response; CONNECT's per-link status). */
  links: { linkId: number; bssid: string; freq: number }[] = [];
  /** The MLME events a stage waits for, queued from the moment it asked (the answer may come before it awaits). */
  private waiter?: { kinds: StaMlmeEvent['kind'][]; queue: StaMlmeEvent[]; resolve?: (ev: StaMlmeEvent) => void };
  private supplicant?: FourWaySupplicant;
  private sae?: import('../../core/rsn/sae/initiator.js').SaeInitiator;
  private ptkInstalled = false;
  private deadline?: TimerHandle;
  private onEnd?: (c: StaConnection) => void;
  private onLinkRemoved?: (c: StaConnection, linkId: number) => void;

  constructor(private readonly host: ConnectionHost, readonly target: ConnectTarget, private readonly security: ConnectSecurity) {
    this.log = host.log;
    this.bssidBytes = macFromString(target.bssid);
    this.apAddr = target.mld?.apMldAddr ?? target.bssid;
    if (target.mld) this.links = [{ linkId: target.mld.assocLinkId, bssid: target.bssid, freq: target.freq }, ...target.mld.links.map((l) => ({ linkId: l.linkId, bssid: l.bssid, freq: l.freq }))].sort((a, b) => a.linkId - b.linkId);
  }

  /** Authenticates, associates, runs the 4-way handshake: resolves when the port is open. `onEnd`: the association was lost later. */
  async connect(onEnd: (c: StaConnection) => void, onLinkRemoved?: (c: StaConnection, linkId: number) => void): Promise<void> {
    this.onEnd = onEnd;
    this.onLinkRemoved = onLinkRemoved;
    const sec = this.security;
    if (sec.encryption !== 'none') {
      try {
        this.rsn = chooseStaRsn(sec.encryption, sec.ieee80211w, this.target.rsne, this.target.rsnxe);
      } catch (err) {
        throw this.failNow(new ConnectError('rsn', (err as Error).message));
      }
      if (!sec.key) throw this.failNow(new ConnectError('rsn', `${sec.encryption} needs a key`));
      // 802.11be: an MLD associates with SAE (wifid's and hostapd's AP MLDs take no PSK AKM over links).
      if (this.target.mld && this.rsn.akm !== AKM_SAE) throw this.failNow(new ConnectError('rsn', `a multi-link association needs sae, not ${sec.encryption}`));
    } else if (this.target.rsne) {
      throw this.failNow(new ConnectError('rsn', 'the AP requires RSN and the network is open'));
    }
    try {
      const pmk = this.rsn?.akm === AKM_SAE ? await this.authenticateSae() : (await this.authenticateOpen(), this.rsn ? pskOf(sec.key!, this.target.ssid) : undefined);
      this.state = 'associating';
      // The supplicant and its outcome exist before ASSOCIATE: message 1 may follow the response at once.
      const handshake = pmk ? this.startSupplicant(pmk) : undefined;
      await this.associate();
      if (handshake) {
        this.state = 'handshake';
        this.armHandshakeDeadline();
        await handshake;
      }
      this.waiter = undefined;
      this.state = 'connected';
    } catch (err) {
      const e = err instanceof ConnectError ? err : new ConnectError('auth', (err as Error).message);
      await this.abort(e);
      throw e;
    }
  }

  /** An nl80211 event of this interface (MLME group, CONTROL_PORT_FRAME). */
  onEvent(cmd: string, attrs: Attrs_nl80211_attrs): void {
    if (cmd === 'CONTROL_PORT_FRAME') return this.onEapol(attrs);
    const ev = decodeStaMlmeEvent(cmd, attrs);
    if (!ev) return;
    if (ev.kind === 'auth' && this.sae) return this.sae.onFrame(ev.frame);
    if (ev.kind === 'auth_timeout' && this.sae) return this.sae.onTimeout();
    if (ev.kind === 'connect' && this.target.mld) this.onMloConnect(ev);
    if (ev.kind === 'links_removed') return this.onLinksRemoved(ev.linkIds);
    if ((ev.kind === 'deauth' || ev.kind === 'disassoc' || ev.kind === 'disconnect') && this.state !== 'authenticating') return this.onLeave(ev);
    const w = this.waiter;
    if (!w?.kinds.includes(ev.kind)) return;
    if (w.resolve) {
      const r = w.resolve;
      w.resolve = undefined;
      r(ev);
    } else {
      w.queue.push(ev);
    }
  }

  /** Ends the association from our side (ubus disconnect, station stopping). */
  async disconnect(reason: number = ReasonCode.LEAVING_NETWORK_DEAUTH): Promise<void> {
    if (this.state === 'disconnected' || this.state === 'failed') return;
    this.stopMachinery();
    this.state = 'disconnected';
    this.ended = { reason, byAp: false, why: 'disconnected by request' };
    await deauthenticate(this.host.nl, this.host.ifindex, this.apAddr, reason).catch((err: unknown) => this.log.debug(`deauthenticate: ${(err as Error).message}`));
  }

  // --- authentication ----------------------------------------------------------------------

  private async authenticateOpen(): Promise<void> {
    const reply = this.waitFor(['auth', 'auth_timeout']);
    await authenticate(this.host.nl, { ifindex: this.host.ifindex, bssid: this.target.bssid, freq: this.target.freq, ssid: this.target.ssid, authType: 'open' });
    for (;;) {
      const ev = await reply.next();
      if (ev.kind === 'auth_timeout') throw new ConnectError('auth', `no authentication response from ${this.target.bssid}`);
      if (ev.kind !== 'auth') continue;
      let a;
      try {
        a = parseAuth(ev.frame);
      } catch (err) {
        if (!(err instanceof FrameDecodeError)) throw err;
        this.counters.malformedFrames++;
        continue;
      }
      if (!macEquals(a.sa, this.bssidBytes) || a.algorithm !== AuthAlgorithm.OPEN_SYSTEM) {
        this.counters.foreignFrames++;
        continue;
      }
      if (a.status !== StatusCode.SUCCESS) throw new ConnectError('auth', `authentication refused: status ${a.status} (${statusCodeName(a.status)})`, a.status);
      return;
    }
  }

  private async authenticateSae(): Promise<Uint8Array> {
    const { SaeInitiator, SaeAuthError } = await import('../../core/rsn/sae/initiator.js');
    const password = new TextEncoder().encode(this.security.key!);
    const h = this.host;
    this.sae = new SaeInitiator({
      ownAddr: macFromString(h.ownAddr),
      peerAddr: macFromString(this.apAddr),
      bssid: this.bssidBytes,
      mld: this.target.mld !== undefined,
      password,
      ssid: this.target.ssid,
      pwe: 2,
      peerSupportsH2e: this.rsn!.apH2e,
      timers: { setTimeout: (fn, ms) => h.clock.setTimer(fn, ms), clearTimeout: (t) => h.clock.clearTimer(t as TimerHandle) },
      send: (authData) => {
        const mld = this.target.mld ? { mld: { linkId: this.target.mld.assocLinkId, apMldAddr: this.target.mld.apMldAddr } } : {};
        void authenticate(h.nl, { ifindex: h.ifindex, bssid: this.target.bssid, freq: this.target.freq, ssid: this.target.ssid, authType: 'sae', authData, ...mld })
          .catch((err: unknown) => { this.log.warn(`AUTHENTICATE (SAE): ${(err as Error).message}`); this.sae?.onTimeout(); });
      },
    });
    this.sae.start();
    try {
      const r = await this.sae.result;
      this.counters.malformedFrames += this.sae.counters.malformed;
      this.counters.foreignFrames += this.sae.counters.foreign;
      return r.pmk;
    } catch (err) {
      if (err instanceof SaeAuthError) throw new ConnectError('auth', err.message + (err.attempts > 1 ? ` (${err.attempts} exchanges)` : ''), err.status);
      throw err;
    } finally {
      this.sae = undefined;
    }
  }

  // --- association -------------------------------------------------------------------------

  private async associate(): Promise<void> {
    const reply = this.waitFor(['assoc', 'assoc_timeout']);
    const ie = this.rsn ? Buffer.concat([this.rsn.rsne, ...(this.rsn.rsnxe ? [this.rsn.rsnxe] : [])]) : new Uint8Array(0);
    await associate(this.host.nl, {
      ifindex: this.host.ifindex, ssid: this.target.ssid, bssid: this.target.bssid, freq: this.target.freq, ie,
      ...(this.rsn ? { crypto: this.rsn.crypto } : {}),
      ...(this.target.mld ? { mld: { apMldAddr: this.target.mld.apMldAddr, assocLinkId: this.target.mld.assocLinkId, links: this.target.mld.links.map((l) => ({ linkId: l.linkId, bssid: l.bssid, freq: l.freq })) } } : {}),
    });
    for (;;) {
      const ev = await reply.next();
      if (ev.kind === 'assoc_timeout') throw new ConnectError('assoc', `no association response from ${this.target.bssid}`);
      if (ev.kind !== 'assoc') continue;
      let r;
      try {
        r = parseAssocResponse(ev.frame);
      } catch (err) {
        if (!(err instanceof FrameDecodeError)) throw err;
        this.counters.malformedFrames++;
        continue;
      }
      // From an AP MLD, mac80211 translates the addresses to the MLD addresses (its station entry exists since AUTHENTICATE).
      if (!macEquals(r.sa, this.bssidBytes) && !macEquals(r.sa, macFromString(this.apAddr))) {
        this.counters.foreignFrames++;
        continue;
      }
      if (r.status !== StatusCode.SUCCESS) throw new ConnectError('assoc', `association refused: status ${r.status} (${statusCodeName(r.status)})`, r.status);
      this.log.info(`associated with ${this.target.bssid} (AID ${r.aid})`);
      return;
    }
  }

  // --- 4-way handshake ---------------------------------------------------------------------

  private handshakeDone?: { resolve: () => void; reject: (e: ConnectError) => void };

  private startSupplicant(pmk: Uint8Array): Promise<void> {
    const done = new Promise<void>((resolve, reject) => { this.handshakeDone = { resolve, reject }; }).finally(() => {
      if (this.deadline !== undefined) this.host.clock.clearTimer(this.deadline);
      this.deadline = undefined;
      this.handshakeDone = undefined;
    });
    // A loss during association rejects it before anyone awaits it.
    done.catch(() => undefined);
    const rsn = this.rsn!;
    const h = this.host;
    this.supplicant = new FourWaySupplicant({
      aa: macFromString(this.apAddr),
      spa: macFromString(h.ownAddr),
      akm: rsn.akm,
      pairwiseCipher: rsn.crypto.pairwiseCipher,
      pmk,
      staRsne: rsn.rsne,
      ...(rsn.rsnxe ? { staRsnxe: rsn.rsnxe } : {}),
      apRsne: this.target.rsne!,
      ...(this.target.rsnxe && rsn.akm === AKM_SAE ? { apRsnxe: this.target.rsnxe } : {}),
      // Message 2 and 4 leave unencrypted: the AP installs its PTK only after message 4.
      send: (pdu) => h.sendEapol(this.apAddr, pdu, !this.ptkInstalled),
      installPtk: async (tk, cipher) => {
        await installKey(h.nl, { ifindex: h.ifindex, kind: 'pairwise', keyId: 0, cipher, key: tk, addr: this.apAddr });
        this.ptkInstalled = true;
      },
      installGroupKey: (k) => this.installGroupKey(k),
      events: {
        completed: () => { void this.authorize(); },
        groupRekeyed: () => this.log.info('group keys renewed'),
        failed: (reason) => this.handshakeDone?.reject(new ConnectError('handshake', reason === 'rsne_mismatch'
          ? 'message 3\'s RSNE/RSNXE differ from the beacon\'s (possible downgrade)' : 'message 3\'s key data is malformed')),
      },
      note: (text) => this.log.warn(`4-way handshake: ${text}`),
      ...(this.target.mld ? { mlo: { links: this.mloLinks() } } : {}),
    });
    return done;
  }

  private async installGroupKey(k: InstalledGroupKey): Promise<void> {
    const cipher = k.kind === 'gtk' ? this.rsn!.crypto.groupCipher : 0x000fac06; // BIP-CMAC-128 for IGTK/BIGTK
    await installKey(this.host.nl, {
      ifindex: this.host.ifindex, kind: k.kind, keyId: k.keyId, cipher, key: k.key, seq: k.rsc.subarray(0, 6), makeDefault: false,
      ...(k.linkId !== undefined ? { linkId: k.linkId } : {}),
    }).catch((err: unknown) => {
      // A station without beacon protection support still works: a BIGTK refusal is logged only.
      if (k.kind === 'bigtk') this.log.warn(`BIGTK not installed: ${(err as Error).message}`);
      else throw err;
    });
  }

  private async authorize(): Promise<void> {
    try {
      await setStationFlags(this.host.nl, this.host.ifindex, this.apAddr, ['authorized'], ['authorized']);
      this.handshakeDone?.resolve();
    } catch (err) {
      this.handshakeDone?.reject(new ConnectError('handshake', `opening the port: ${(err as Error).message}`));
    }
  }

  private armHandshakeDeadline(): void {
    if (!this.handshakeDone) return; // already settled
    this.deadline = this.host.clock.setTimer(() => {
      this.deadline = undefined;
      this.handshakeDone?.reject(new ConnectError('handshake', `no 4-way handshake within ${HANDSHAKE_DEADLINE_MS / 1000} s (wrong key?)`));
    }, HANDSHAKE_DEADLINE_MS);
  }

  private onEapol(attrs: Attrs_nl80211_attrs): void {
    const pdu = attrs.FRAME;
    if (!pdu || !this.supplicant || (attrs.MAC !== undefined && attrs.MAC !== this.apAddr)) {
      this.counters.eapolDropped++;
      return;
    }
    this.supplicant.receive(pdu);
  }

  // --- the end -----------------------------------------------------------------------------

  private onLeave(ev: StaMlmeEvent): void {
    let reason: number = ReasonCode.UNSPECIFIED_REASON;
    let byAp = false;
    if (ev.kind === 'disconnect') {
      reason = ev.reason ?? ReasonCode.UNSPECIFIED_REASON;
      byAp = ev.byAp;
    } else if (ev.kind === 'deauth' || ev.kind === 'disassoc') {
      try {
        const f = parseDeauthOrDisassoc(ev.frame);
        reason = f.reason;
        byAp = f.sa !== undefined && (macEquals(f.sa, this.bssidBytes) || this.links.some((l) => macEquals(f.sa, macFromString(l.bssid))) || macEquals(f.sa, macFromString(this.apAddr)));
      } catch (err) {
        if (!(err instanceof FrameDecodeError)) throw err;
        this.counters.malformedFrames++;
        return;
      }
    }
    if (this.state === 'connected') {
      if (this.ended) return; // DEAUTHENTICATE then DISCONNECT: one loss
      this.stopMachinery();
      this.state = 'disconnected';
      this.ended = { reason, byAp, why: `${byAp ? 'the AP ended the association' : 'association ended'}: reason ${reason} (${reasonCodeName(reason)})` };
      this.log.notice(this.ended.why);
      this.onEnd?.(this);
      return;
    }
    // During association or the handshake: the attempt fails with the AP's reason.
    const why = reason === ReasonCode.FOURWAY_HANDSHAKE_TIMEOUT && this.state === 'handshake'
      ? `the AP ended the 4-way handshake (reason ${reason} ${reasonCodeName(reason)}): wrong key?`
      : `the AP ended the association during ${this.state}: reason ${reason} (${reasonCodeName(reason)})`;
    this.handshakeDone?.reject(new ConnectError('handshake', why));
  }

  /** The supplicant's view of the links: each affiliated AP's address and beacon RSNE/RSNXE. */
  private mloLinks(): { linkId: number; apAddr: Uint8Array; rsne?: Uint8Array; rsnxe?: Uint8Array }[] {
    const m = this.target.mld!;
    const all: MldTargetLink[] = [{ linkId: m.assocLinkId, bssid: this.target.bssid, freq: this.target.freq, ...(this.target.rsne ? { rsne: this.target.rsne } : {}), ...(this.target.rsnxe ? { rsnxe: this.target.rsnxe } : {}) }, ...m.links];
    return all.map((l) => ({ linkId: l.linkId, apAddr: macFromString(l.bssid), ...(l.rsne ? { rsne: l.rsne } : {}), ...(l.rsnxe ? { rsnxe: l.rsnxe } : {}) }));
  }

  /** CONNECT after an MLO association: links the AP refused leave the association (and message 3's checks). */
  private onMloConnect(ev: Extract<StaMlmeEvent, { kind: 'connect' }>): void {
    for (const l of ev.links) {
      if (l.status === undefined || l.status === StatusCode.SUCCESS) continue;
      this.log.warn(`link ${l.linkId} refused by the AP: status ${l.status} (${statusCodeName(l.status)})`);
      this.dropLink(l.linkId);
    }
  }

  private onLinksRemoved(linkIds: number[]): void {
    for (const id of linkIds) {
      if (!this.links.some((l) => l.linkId === id)) continue;
      this.log.notice(`link ${id} removed by the AP MLD; the association goes on over ${this.links.length - 1} link(s)`);
      this.dropLink(id);
      if (this.state === 'connected') this.onLinkRemoved?.(this, id);
    }
  }

  private dropLink(linkId: number): void {
    this.links = this.links.filter((l) => l.linkId !== linkId);
    this.supplicant?.removeLink(linkId);
  }

  private waitFor(kinds: StaMlmeEvent['kind'][]): { next(): Promise<StaMlmeEvent> } {
    const w: NonNullable<StaConnection['waiter']> = { kinds, queue: [] };
    this.waiter = w;
    return {
      next: () => {
        const queued = w.queue.shift();
        return queued ? Promise.resolve(queued) : new Promise<StaMlmeEvent>((resolve) => { w.resolve = resolve; });
      },
    };
  }

  private stopMachinery(): void {
    this.sae?.stop();
    if (this.deadline !== undefined) this.host.clock.clearTimer(this.deadline);
    this.deadline = undefined;
    this.supplicant = undefined;
  }

  private failNow(e: ConnectError): ConnectError {
    this.state = 'failed';
    return e;
  }

  private async abort(e: ConnectError): Promise<void> {
    this.stopMachinery();
    this.state = 'failed';
    const reason = e.stage === 'handshake' ? ReasonCode.FOURWAY_HANDSHAKE_TIMEOUT : ReasonCode.LEAVING_NETWORK_DEAUTH;
    // Clears mac80211's authentication/association state (and tells the AP, once associated).
    await deauthenticate(this.host.nl, this.host.ifindex, this.apAddr, reason, e.stage === 'auth').catch((err: unknown) => this.log.debug(`deauthenticate: ${(err as Error).message}`));
    this.log.warn(`connection to ${this.target.bssid} failed: ${e.message}`);
  }
}

/** The PSK of a passphrase (J.4.1), or a key of 64 hex digits taken as the PSK itself (as wpa_supplicant's psk=). */
function pskOf(key: string, ssid: Uint8Array): Uint8Array {
  return /^[0-9a-fA-F]{64}$/.test(key) ? Uint8Array.from(Buffer.from(key, 'hex')) : pskFromPassphrase(key, ssid);
}
