// The 4-way and group key handshakes as supplicant (IEEE 802.11-2020 12.7.6, 12.7.7): answers
// message 1 with message 2, checks and installs message 3's keys and answers with message 4,
// installs rekeyed group keys. The station's side of RSN (plugins/sta-mlo) and the unit tests'
// peer of FourWayAuthenticator. No timers: the authenticator drives retransmission.
// A multi-link association (`mlo`, 802.11be 12.7.6): aa/spa are the MLD addresses, message 2
// names the STA MLD in a MAC Address KDE, message 1 and 3 must name the AP MLD, message 3's
// MLO Link KDEs must match each link's beacon RSNE/RSNXE (supplicant-mlo.ts), and each
// link's GTK/IGTK/BIGTK comes from the MLO KDEs and is installed with its link id.
import { randomBytes } from 'node:crypto';
import { akmKeyParams } from '../crypto/akm.js';
import { derivePtk, type Ptk } from '../crypto/ptk.js';
import { FrameDecodeError } from '../ieee80211/decode-error.js';
import { buildElement, ElementId, findElement } from '../ieee80211/elements.js';
import type { ParsedEapolKey } from '../ieee80211/eapol-key.js';
import { parseKeyData, KeyDataWriter, type KeyData } from '../ieee80211/kde.js';
import { buildKeyFrame, parseCounted, micVerifies, sameBytes, unwrapKeyData } from './key-frames.js';
import { newCounters, type HandshakeCounters } from './types.js';
import { checkMloGroupKdes, checkMloMsg3, mloGroupKeys, type SupplicantMlo } from './supplicant-mlo.js';

export type GroupKeyKind = 'gtk' | 'igtk' | 'bigtk';

export interface InstalledGroupKey {
  kind: GroupKeyKind;
  keyId: number;
  key: Uint8Array;
  /** GTK: Key RSC of the frame (MLO: the MLO GTK KDE's PN); IGTK/BIGTK: the KDE's IPN/BIPN. */
  rsc: Uint8Array;
  /** MLO: the link the key belongs to. */
  linkId?: number;
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
  /** A multi-link association: its links with their affiliated APs' RSNE/RSNXE. */
  mlo?: SupplicantMlo;
  /** Why a frame was dropped or the handshake failed, in words (the station's log). */
  note?: (text: string) => void;
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

  /** The AP removed a link (LINKS_REMOVED): later group key handshakes no longer carry its keys. */
  removeLink(linkId: number): void {
    const mlo = this.opts.mlo;
    if (mlo) mlo.links = mlo.links.filter((l) => l.linkId !== linkId);
  }

  private onMsg1(frame: ParsedEapolKey): void {
    if (this.opts.mlo && !this.msg1NamesApMld(frame)) return;
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
    // 802.11be 12.7.6.3: message 2 of an MLO association names the non-AP MLD.
    if (this.opts.mlo) w.macAddress(this.opts.spa);
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
      this.opts.note?.('message 3: the RSNE/RSNXE differ from the beacon\'s');
      this.opts.events.failed('rsne_mismatch');
      return;
    }
    if (this.opts.mlo) {
      const problem = checkMloMsg3(kd, this.opts.aa, this.opts.mlo);
      if (problem) {
        this.opts.note?.(`message 3: ${problem.detail}`);
        this.opts.events.failed(problem.kind === 'rsne' ? 'rsne_mismatch' : 'bad_key_data');
        return;
      }
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
    const problem = this.opts.mlo && checkMloGroupKdes(kd, this.opts.mlo);
    if (problem) {
      // Not answered: without a reply the AP retries and then removes us, as for a bad frame.
      this.opts.note?.(`group message 1: ${problem.detail}`);
      this.counters.unexpected++;
      return;
    }
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
    if (kd && !this.opts.mlo && !kd.gtk) {
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
    if (this.opts.mlo) {
      for (const k of mloGroupKeys(kd)) await this.opts.installGroupKey(k);
      return;
    }
    await this.opts.installGroupKey({ kind: 'gtk', keyId: kd.gtk!.keyId, key: kd.gtk!.key, rsc });
    if (kd.igtk) await this.opts.installGroupKey({ kind: 'igtk', keyId: kd.igtk.keyId, key: kd.igtk.key, rsc: kd.igtk.pn });
    if (kd.bigtk) await this.opts.installGroupKey({ kind: 'bigtk', keyId: kd.bigtk.keyId, key: kd.bigtk.key, rsc: kd.bigtk.pn });
  }

  /** MLO message 1: its MAC Address KDE must name the AP MLD (it is not encrypted, so only checked, not trusted). */
  private msg1NamesApMld(frame: ParsedEapolKey): boolean {
    let kd: KeyData;
    try {
      kd = parseKeyData(frame.keyData);
    } catch (err) {
      if (!(err instanceof FrameDecodeError)) throw err;
      this.counters.malformed++;
      return false;
    }
    if (sameBytes(kd.macAddress, this.opts.aa)) return true;
    this.opts.note?.('message 1 without the AP MLD\'s MAC Address KDE: dropped');
    this.counters.unexpected++;
    return false;
  }

  private transmit(frame: Uint8Array): void {
    this.opts.send(frame).catch(() => {
      this.counters.sendErrors++;
    });
  }
}
