// The 4-way handshake as authenticator (IEEE 802.11-2020 12.7.6), transport-agnostic: the AP
// plugin hands it received EAPOL PDUs and gives it send/install callbacks and a clock.
//
//   msg 1  EAPOL-Key(0,0,1,0,P,0,0,ANonce,0,{PMKID})           retransmitted, new counter each time
//   msg 2  EAPOL-Key(0,1,0,0,P,0,0,SNonce,MIC,{RSNE[,RSNXE]})  MIC and RSNE checked
//   msg 3  EAPOL-Key(1,1,1,1,P,0,RSC,ANonce,MIC,{RSNE[,RSNXE],GTK[,IGTK][,BIGTK]})  Key Data wrapped
//   msg 4  EAPOL-Key(1,1,0,0,P,0,0,0,MIC,{})                   then the PTK is installed, port authorized
//
// A message 2 with a bad MIC is silently discarded, as 12.7.6.3 says (it may be forged); the
// handshake keeps retransmitting message 1, and when the attempts run out after bad MICs only,
// it fails with 'mic_failure' — how a wrong passphrase shows.
import { randomBytes } from 'node:crypto';
import { akmKeyParams } from '../crypto/akm.js';
import { derivePtk } from '../crypto/ptk.js';
import { cipherKeyLength } from '../crypto/cipher-keys.js';
import { FrameDecodeError } from '../ieee80211/decode-error.js';
import type { ParsedEapolKey } from '../ieee80211/eapol-key.js';
import { KeyDataWriter, parseKeyData } from '../ieee80211/kde.js';
import { buildKeyFrame, parseCounted, keyRsc, micVerifies, sameBytes, wrapKeyData, writeGroupKeyKdes, writeMloGroupKeyKdes } from './key-frames.js';
import { Retransmitter } from './retransmit.js';
import { buildElement, ElementId, findElement, type Element } from '../ieee80211/elements.js';
import { ReasonCode } from '../ieee80211/reason-codes.js';
import {
  DEFAULT_RETRY, newCounters, type GroupKeys, type HandshakeCounters, type HandshakeFailure, type MonotonicClock,
  type PtkSession, type RetryPolicy,
} from './types.js';


export interface FourWayAuthenticatorOptions {
  /** The AP's address (BSSID; the AP MLD address for MLO). */
  aa: Uint8Array;
  spa: Uint8Array;
  akm: number;
  pairwiseCipher: number;
  /** PSK, or the PMK SAE produced. */
  pmk: Uint8Array;
  /** The AP's RSNE exactly as in its Beacon/Probe Response (whole element). */
  apRsne: Uint8Array;
  /** The AP's RSNXE if it advertises one (whole element). */
  apRsnxe?: Uint8Array;
  /** The STA's RSNE from its (Re)Association Request (whole element). */
  staRsne: Uint8Array;
  /** The STA's RSNXE from its (Re)Association Request, if it sent one. */
  staRsnxe?: Uint8Array;
  /** PMKID KDE for message 1 (SAE: the PMKSA's PMKID). */
  pmkid?: Uint8Array;
  /**
   * Read once message 2 verified, so a rekey before it is honoured; a promise when the keys'
   * transmit counters (Key RSC, IPN) come from the kernel. Retransmissions of message 3
   * repeat those keys.
   */
  groupKeys: () => GroupKeys | Promise<GroupKeys>;
  /**
   * A multi-link association (802.11be 12.7.6): `aa`/`spa` are then the MLD addresses,
   * message 1 and 3 carry the MAC Address KDE, message 2 must carry the STA's, and message 3
   * carries an MLO Link KDE per affiliated AP and the MLO GTK/IGTK/BIGTK KDEs of each link
   * of the association in place of the GTK/IGTK/BIGTK KDEs (`groupKeys` is then not read).
   */
  mlo?: MloHandshake;
  clock: MonotonicClock;
  send: (eapol: Uint8Array) => Promise<void>;
  installPtk: (tk: Uint8Array, cipher: number) => Promise<void>;
  events: {
    authorized(session: PtkSession): void;
    failed(reason: HandshakeFailure, deauthReason: number): void;
  };
  retry?: RetryPolicy;
  /** 802.1X version of the frames sent (hostapd's default eapol_version is 2). */
  protocolVersion?: number;
  /** Nonce source, injectable for byte-exact tests. */
  randomNonce?: () => Uint8Array;
}

export interface MloHandshake {
  /** Every affiliated AP of the AP MLD: link id, its address, its RSNE/RSNXE as its beacons carry them. */
  apLinks: { linkId: number; addr: Uint8Array; rsne?: Uint8Array; rsnxe?: Uint8Array }[];
  /** The group keys of each link of the association, read as `groupKeys` is (once message 2 verified). */
  groupKeys: () => MloGroupKeys | Promise<MloGroupKeys>;
}

export type MloGroupKeys = { linkId: number; keys: GroupKeys }[];

type State = 'idle' | 'msg1' | 'keys' | 'msg3' | 'installing' | 'done' | 'failed' | 'stopped';

export class FourWayAuthenticator {
  readonly counters: HandshakeCounters = newCounters();
  private state: State = 'idle';
  private readonly params;
  private readonly tkLen: number;
  private readonly retx: Retransmitter;
  private readonly protocolVersion: number;
  private anonce: Uint8Array = new Uint8Array(32);
  private replayCounter = 0n;
  /** Counters of the message 1s (or 3s) sent in the current phase: the ones a reply may carry. */
  private pending = new Set<bigint>();
  private badMicSeen = false;
  private session: PtkSession | undefined;
  private tk: Uint8Array | undefined;
  /** The group keys message 3 carries. */
  private msg3Keys: GroupKeys | MloGroupKeys | undefined;

  constructor(private readonly opts: FourWayAuthenticatorOptions) {
    this.params = akmKeyParams(opts.akm, opts.pmk.length);
    this.tkLen = cipherKeyLength(opts.pairwiseCipher);
    this.protocolVersion = opts.protocolVersion ?? 2;
    this.retx = new Retransmitter(opts.clock, opts.retry ?? DEFAULT_RETRY, this.counters, opts.send);
  }

  get currentState(): State {
    return this.state;
  }

  /** Sends message 1 (after association, or for a PTK rekey of an authorized STA). */
  start(): void {
    if (this.state === 'stopped') return;
    this.anonce = (this.opts.randomNonce ?? (() => new Uint8Array(randomBytes(32))))();
    this.badMicSeen = false;
    this.session = undefined;
    this.enter('msg1', () => this.buildMsg1(), () => this.fail(this.badMicSeen ? 'mic_failure' : 'timeout', ReasonCode.FOURWAY_HANDSHAKE_TIMEOUT), true);
  }

  /** Ends the handshake without an event (station left, AP stopping). */
  stop(): void {
    this.state = 'stopped';
    this.retx.stop();
  }

  /** An EAPOL PDU from the STA on the control port. */
  receive(pdu: Uint8Array): void {
    if (this.state !== 'msg1' && this.state !== 'msg3') {
      this.counters.unexpected++;
      return;
    }
    const frame = parseCounted(pdu, this.params.micLen, this.counters);
    if (!frame) return;
    if (!frame.pairwise || frame.ack || !frame.mic || frame.request || frame.error
      || frame.descriptorVersion !== this.params.descriptorVersion) {
      this.counters.unexpected++;
      return;
    }
    if (!this.pending.has(frame.replayCounter)) {
      this.counters.replays++;
      return;
    }
    if (this.state === 'msg1') this.onMsg2(frame);
    else this.onMsg4(frame);
  }

  private onMsg2(frame: ParsedEapolKey): void {
    const ptk = derivePtk({
      akm: this.opts.akm, pmk: this.opts.pmk, aa: this.opts.aa, spa: this.opts.spa,
      anonce: this.anonce, snonce: frame.nonce, cipher: this.opts.pairwiseCipher,
    });
    const keys = { akm: this.opts.akm, kck: ptk.kck, kek: ptk.kek, micLen: this.params.micLen };
    if (!micVerifies(keys, frame)) {
      this.counters.micFailures++;
      this.badMicSeen = true;
      return;
    }
    // The MIC holds, so the Key Data is the STA's own: its RSNE (and RSNXE) must be bitwise
    // those of its (Re)Association Request (12.7.6.3), or a downgrade is under way.
    let rsne: Uint8Array | undefined;
    let rsnxe: Uint8Array | undefined;
    let staMacKde: Uint8Array | undefined;
    try {
      const kd = parseKeyData(frame.keyData);
      rsne = wholeElement(findElement(kd.elements, ElementId.RSN));
      rsnxe = wholeElement(findElement(kd.elements, ElementId.RSNX));
      staMacKde = kd.macAddress;
    } catch (err) {
      if (!(err instanceof FrameDecodeError)) throw err;
    }
    if (!sameBytes(rsne, this.opts.staRsne) || !sameBytes(rsnxe, this.opts.staRsnxe)) {
      this.fail('rsne_mismatch', ReasonCode.HANDSHAKE_ELEMENT_MISMATCH);
      return;
    }
    if (this.opts.mlo && !sameBytes(staMacKde, this.opts.spa)) {
      // 802.11be 12.7.6.3: message 2 of an MLO association names the non-AP MLD in a MAC
      // Address KDE; a different or missing one is not the MLD that associated.
      this.fail('rsne_mismatch', ReasonCode.HANDSHAKE_ELEMENT_MISMATCH);
      return;
    }
    this.session = {
      akm: this.opts.akm, aa: this.opts.aa, spa: this.opts.spa, pairwiseCipher: this.opts.pairwiseCipher,
      kck: ptk.kck, kek: ptk.kek, micLen: this.params.micLen, descriptorVersion: this.params.descriptorVersion,
      protocolVersion: this.protocolVersion, replayCounter: this.replayCounter,
    };
    this.tk = ptk.tk;
    const groupKeys = this.opts.mlo ? this.opts.mlo.groupKeys() : this.opts.groupKeys();
    if (!(groupKeys instanceof Promise)) {
      this.sendMsg3(groupKeys);
      return;
    }
    // Message 1's retransmissions stop; frames arriving meanwhile are not expected.
    this.retx.stop();
    this.pending.clear();
    this.state = 'keys';
    groupKeys.then(
      (k) => { if (this.state === 'keys') this.sendMsg3(k); },
      () => { if (this.state === 'keys') this.fail('install_failed', ReasonCode.UNSPECIFIED_REASON); },
    );
  }

  private sendMsg3(keys: GroupKeys | MloGroupKeys): void {
    this.msg3Keys = keys;
    this.enter('msg3', () => this.buildMsg3(), () => this.fail('timeout', ReasonCode.FOURWAY_HANDSHAKE_TIMEOUT), false);
  }

  private onMsg4(frame: ParsedEapolKey): void {
    const session = this.session!;
    if (!frame.secure) {
      // A retransmitted message 2 answering a message 1 counter cannot reach here (counters
      // moved on), so a non-secure frame now is out of place.
      this.counters.unexpected++;
      return;
    }
    if (!micVerifies(session, frame)) {
      this.counters.micFailures++;
      return;
    }
    this.retx.stop();
    this.pending.clear();
    this.state = 'installing';
    session.replayCounter = this.replayCounter;
    this.opts.installPtk(this.tk!, this.opts.pairwiseCipher).then(
      () => {
        if (this.state !== 'installing') return;
        this.state = 'done';
        this.opts.events.authorized(session);
      },
      () => {
        if (this.state !== 'installing') return;
        this.fail('install_failed', ReasonCode.UNSPECIFIED_REASON);
      },
    );
  }

  private enter(state: 'msg1' | 'msg3', build: () => Uint8Array, exhausted: () => void, first: boolean): void {
    this.state = state;
    this.pending.clear();
    this.retx.start(build, exhausted, first);
  }

  private nextCounter(): bigint {
    this.replayCounter++;
    this.pending.add(this.replayCounter);
    return this.replayCounter;
  }

  private buildMsg1(): Uint8Array {
    const w = new KeyDataWriter();
    if (this.opts.mlo) w.macAddress(this.opts.aa);
    if (this.opts.pmkid) w.pmkid(this.opts.pmkid);
    const keyData = w.finish();
    return buildKeyFrame({
      protocolVersion: this.protocolVersion, descriptorVersion: this.params.descriptorVersion, replayCounter: this.nextCounter(),
      pairwise: true, ack: true, keyLength: this.tkLen, nonce: this.anonce, keyData,
    }, this.params.micLen);
  }

  private buildMsg3(): Uint8Array {
    const session = this.session!;
    const w = new KeyDataWriter().element(this.opts.apRsne);
    if (this.opts.apRsnxe) w.element(this.opts.apRsnxe);
    let rsc: Uint8Array | undefined;
    const mlo = this.opts.mlo;
    if (mlo) {
      w.macAddress(this.opts.aa);
      for (const l of mlo.apLinks) w.mloLink({ linkId: l.linkId, mac: l.addr, ...(l.rsne ? { rsne: l.rsne } : {}), ...(l.rsnxe ? { rsnxe: l.rsnxe } : {}) });
      // Each link's counters travel in its MLO GTK KDE; Key RSC stays zero (12.7.6.4 in 802.11be).
      writeMloGroupKeyKdes(w, this.msg3Keys as MloGroupKeys);
    } else {
      const groupKeys = this.msg3Keys as GroupKeys;
      writeGroupKeyKdes(w, groupKeys);
      rsc = groupKeys.gtkRsc;
    }
    return buildKeyFrame({
      protocolVersion: this.protocolVersion, descriptorVersion: this.params.descriptorVersion, replayCounter: this.nextCounter(),
      pairwise: true, install: true, ack: true, mic: true, secure: true, encryptedKeyData: true,
      keyLength: this.tkLen, nonce: this.anonce, rsc: keyRsc(rsc), keyData: wrapKeyData(session.kek, w.finish()),
    }, this.params.micLen, session);
  }

  private fail(reason: HandshakeFailure, deauthReason: number): void {
    this.retx.stop();
    this.pending.clear();
    this.state = 'failed';
    this.opts.events.failed(reason, deauthReason);
  }
}

function wholeElement(el: Element | undefined): Uint8Array | undefined {
  return el && buildElement(el.id, el.data);
}
