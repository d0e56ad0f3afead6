// The 4-way and group key handshakes as supplicant (IEEE 802.11-2020 12.7.6, 12.7.7): answers
// message 1 with message 2, checks and installs message 3's keys and answers with message 4,
// installs rekeyed group keys. Used by the unit tests to drive FourWayAuthenticator end to end,
// and meant for the station role (issue 14). No timers: the authenticator drives retransmission.
import { randomBytes } from 'node:crypto';
import { akmKeyParams } from '../crypto/akm.js';
import { derivePtk, type Ptk } from '../crypto/ptk.js';
import { FrameDecodeError } from '../ieee80211/decode-error.js';
import { buildElement, ElementId, findElement } from '../ieee80211/elements.js';
import type { ParsedEapolKey } from '../ieee80211/eapol-key.js';
import { parseKeyData, KeyDataWriter, type KeyData } from '../ieee80211/kde.js';
import { buildKeyFrame, parseCounted, micVerifies, sameBytes, unwrapKeyData } from './key-frames.js';
import { newCounters, type HandshakeCounters } from './types.js';

export type GroupKeyKind = 'gtk' | 'igtk' | 'bigtk';

export interface InstalledGroupKey {
  kind: GroupKeyKind;
  keyId: number;
  key: Uint8Array;
  /** GTK: Key RSC of the frame; IGTK/BIGTK: the KDE's IPN/BIPN. */
  rsc: Uint8Array;
}

export type SupplicantFailure = 'rsne_mismatch' | 'bad_key_data';

export interface FourWaySupplicantOptions {
  aa: Uint8Array;
  spa: Uint8Array;
  akm: number;
  pairwiseCipher: number;
  pmk: Uint8Array;
  /** This STA's RSNE (and RSNXE) as in its (Re)Association Request. */
  staRsne: Uint8Array;
  staRsnxe?: Uint8Array;
  /** The AP's RSNE (and RSNXE) from its Beacon/Probe Response, which message 3 must repeat. */
  apRsne: Uint8Array;
  apRsnxe?: Uint8Array;
  send: (eapol: Uint8Array) => Promise<void>;
  installPtk: (tk: Uint8Array, cipher: number) => Promise<void>;
  installGroupKey: (key: InstalledGroupKey) => Promise<void>;
  events: {
    /** Message 4 sent and the keys installed: the port may open. */
    completed(): void;
    groupRekeyed(): void;
    failed(reason: SupplicantFailure): void;
  };
  randomNonce?: () => Uint8Array;
}

export class FourWaySupplicant {
  readonly counters: HandshakeCounters = newCounters();
  private readonly params;
  private snonce: Uint8Array | undefined;
  private anonce: Uint8Array | undefined;
  private ptk: Ptk | undefined;
  /** Counter of the last frame whose MIC verified; later frames must exceed it (12.7.2 replay rule). */
  private lastCounter = -1n;
  private established = false;

  constructor(private readonly opts: FourWaySupplicantOptions) {
    this.params = akmKeyParams(opts.akm, opts.pmk.length);
  }

  receive(pdu: Uint8Array): void {
    const frame = parseCounted(pdu, this.params.micLen, this.counters);
    if (!frame) return;
    if (!frame.ack || frame.request || frame.descriptorVersion !== this.params.descriptorVersion) {
      this.counters.unexpected++;
      return;
    }
    if (frame.replayCounter <= this.lastCounter) {
      this.counters.replays++;
      return;
    }
    if (frame.pairwise && !frame.mic) this.onMsg1(frame);
    else if (frame.pairwise) void this.onMsg3(frame);
    else void this.onGroupMsg1(frame);
  }

  private keys() {
    return { akm: this.opts.akm, kck: this.ptk!.kck, kek: this.ptk!.kek, micLen: this.params.micLen };
  }

  private onMsg1(frame: ParsedEapolKey): void {
    // A retransmitted message 1 with the same ANonce is answered with the same SNonce.
    if (!this.anonce || !sameBytes(this.anonce, frame.nonce) || !this.snonce) {
      this.snonce = (this.opts.randomNonce ?? (() => new Uint8Array(randomBytes(32))))();
      this.anonce = frame.nonce;
    }
    this.ptk = derivePtk({
      akm: this.opts.akm, pmk: this.opts.pmk, aa: this.opts.aa, spa: this.opts.spa,
      anonce: frame.nonce, snonce: this.snonce, cipher: this.opts.pairwiseCipher,
    });
    const w = new KeyDataWriter().element(this.opts.staRsne);
    if (this.opts.staRsnxe) w.element(this.opts.staRsnxe);
    this.transmit(buildKeyFrame({
      protocolVersion: frame.protocolVersion, descriptorVersion: this.params.descriptorVersion, replayCounter: frame.replayCounter,
      pairwise: true, mic: true, nonce: this.snonce, keyData: w.finish(),
    }, this.params.micLen, this.keys()));
  }

  private async onMsg3(frame: ParsedEapolKey): Promise<void> {
    if (!this.ptk || !this.anonce || !sameBytes(frame.nonce, this.anonce) || !frame.install || !frame.secure || !frame.encryptedKeyData) {
      this.counters.unexpected++;
      return;
    }
    const kd = this.verifiedKeyData(frame);
    if (!kd) return;
    const rsne = findElement(kd.elements, ElementId.RSN);
    const rsnxe = findElement(kd.elements, ElementId.RSNX);
    if (!rsne || !sameBytes(buildElement(ElementId.RSN, rsne.data), this.opts.apRsne)
      || !sameBytes(rsnxe && buildElement(ElementId.RSNX, rsnxe.data), this.opts.apRsnxe)) {
      this.opts.events.failed('rsne_mismatch');
      return;
    }
    this.reply(frame, { pairwise: true });
    if (this.established) return; // a retransmitted message 3: answered, keys not reinstalled
    this.established = true;
    await this.opts.installPtk(this.ptk.tk, this.opts.pairwiseCipher);
    await this.installGroupKeys(kd, frame.rsc);
    this.opts.events.completed();
  }

  private async onGroupMsg1(frame: ParsedEapolKey): Promise<void> {
    if (!this.established || !frame.mic || !frame.secure || !frame.encryptedKeyData) {
      this.counters.unexpected++;
      return;
    }
    const kd = this.verifiedKeyData(frame);
    if (!kd) return;
    this.reply(frame, { pairwise: false });
    await this.installGroupKeys(kd, frame.rsc);
    this.opts.events.groupRekeyed();
  }

  /** Message 4 or group message 2: MIC and Secure set, nothing else. */
  private reply(frame: ParsedEapolKey, fields: { pairwise: boolean }): void {
    this.transmit(buildKeyFrame({
      protocolVersion: frame.protocolVersion, descriptorVersion: this.params.descriptorVersion, replayCounter: frame.replayCounter,
      pairwise: fields.pairwise, mic: true, secure: true,
    }, this.params.micLen, this.keys()));
  }

  /** MIC checked (then the counter is remembered), Key Data unwrapped and parsed, a GTK present. */
  private verifiedKeyData(frame: ParsedEapolKey): KeyData | undefined {
    if (!micVerifies(this.keys(), frame)) {
      this.counters.micFailures++;
      return undefined;
    }
    this.lastCounter = frame.replayCounter;
    const kd = this.decrypt(frame);
    if (kd && !kd.gtk) {
      this.opts.events.failed('bad_key_data');
      return undefined;
    }
    return kd;
  }

  private decrypt(frame: ParsedEapolKey): KeyData | undefined {
    const plain = unwrapKeyData(this.ptk!.kek, frame.keyData);
    try {
      if (plain) return parseKeyData(plain);
    } catch (err) {
      if (!(err instanceof FrameDecodeError)) throw err;
    }
    this.opts.events.failed('bad_key_data');
    return undefined;
  }

  private async installGroupKeys(kd: KeyData, rsc: Uint8Array): Promise<void> {
    await this.opts.installGroupKey({ kind: 'gtk', keyId: kd.gtk!.keyId, key: kd.gtk!.key, rsc });
    if (kd.igtk) await this.opts.installGroupKey({ kind: 'igtk', keyId: kd.igtk.keyId, key: kd.igtk.key, rsc: kd.igtk.pn });
    if (kd.bigtk) await this.opts.installGroupKey({ kind: 'bigtk', keyId: kd.bigtk.keyId, key: kd.bigtk.key, rsc: kd.bigtk.pn });
  }

  private transmit(frame: Uint8Array): void {
    this.opts.send(frame).catch(() => {
      this.counters.sendErrors++;
    });
  }
}
