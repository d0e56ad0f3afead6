// Building and checking the EAPOL-Key frames of one PTKSA: the MIC over the whole PDU and the
// AES-key-wrapped Key Data (IEEE 802.11-2020 12.7.2). Shared by both roles and both handshakes.
import { eapolMic, eapolMicMatches } from '../crypto/eapol-mic.js';
import { aesKeyUnwrap, aesKeyWrap } from '../crypto/key-wrap.js';
import { FrameDecodeError } from '../ieee80211/decode-error.js';
import { encodeEapolKey, parseEapolKey, setMic, withZeroedMic, type EapolKeyFrame, type ParsedEapolKey } from '../ieee80211/eapol-key.js';
import { KeyDataWriter, padForKeyWrap } from '../ieee80211/kde.js';
import type { GroupKeys, HandshakeCounters } from './types.js';

export interface FrameKeys {
  akm: number;
  kck: Uint8Array;
  kek: Uint8Array;
  micLen: number;
}

export type KeyFrameFields = Partial<Omit<EapolKeyFrame, 'micValue'>> & Pick<EapolKeyFrame, 'protocolVersion' | 'descriptorVersion' | 'replayCounter'>;

const ZERO_NONCE = new Uint8Array(32);
const ZERO_IV = new Uint8Array(16);
const ZERO_RSC = new Uint8Array(8);

/** Encodes a frame; with `keys` and `mic: true` the MIC is computed and written. */
export function buildKeyFrame(fields: KeyFrameFields, micLen: number, keys?: FrameKeys): Uint8Array {
  const frame: EapolKeyFrame = {
    pairwise: false, install: false, ack: false, mic: false, secure: false, error: false, request: false,
    encryptedKeyData: false, keyLength: 0, nonce: ZERO_NONCE, iv: ZERO_IV, rsc: ZERO_RSC, keyData: new Uint8Array(0),
    ...fields,
    micValue: new Uint8Array(micLen),
  };
  const pdu = encodeEapolKey(frame);
  if (frame.mic) {
    if (!keys) throw new Error('a MIC needs the KCK');
    setMic(pdu, eapolMic(keys.akm, keys.kck, pdu));
  }
  return pdu;
}

/** Parses a received PDU; a malformed one is counted and gives undefined. */
export function parseCounted(pdu: Uint8Array, micLen: number, counters: HandshakeCounters): ParsedEapolKey | undefined {
  try {
    return parseEapolKey(pdu, micLen);
  } catch (err) {
    if (!(err instanceof FrameDecodeError)) throw err;
    counters.malformed++;
    return undefined;
  }
}

export function micVerifies(keys: FrameKeys, frame: ParsedEapolKey): boolean {
  return eapolMicMatches(keys.akm, keys.kck, withZeroedMic(frame.pdu, keys.micLen), frame.micValue);
}

/** Pads and wraps Key Data with the KEK. */
export function wrapKeyData(kek: Uint8Array, keyData: Uint8Array): Uint8Array {
  return aesKeyWrap(kek, padForKeyWrap(keyData));
}

export function unwrapKeyData(kek: Uint8Array, keyData: Uint8Array): Uint8Array | undefined {
  return aesKeyUnwrap(kek, keyData);
}

/** The group key KDEs of message 3 and group message 1: GTK, then IGTK and BIGTK when present. */
export function writeGroupKeyKdes(w: KeyDataWriter, keys: GroupKeys): KeyDataWriter {
  w.gtk({ keyId: keys.gtkId, tx: false, key: keys.gtk });
  if (keys.igtk) w.igtk({ keyId: keys.igtkId ?? 4, pn: sixOctets(keys.igtkPn), key: keys.igtk });
  if (keys.bigtk) w.bigtk({ keyId: keys.bigtkId ?? 6, pn: sixOctets(keys.bigtkPn), key: keys.bigtk });
  return w;
}

/**
 * The MLO GTK, IGTK and BIGTK KDEs (802.11be 12.7.2) of every link of a multi-link
 * association: the GTKs first, then the IGTKs, then the BIGTKs, as hostapd orders them.
 */
export function writeMloGroupKeyKdes(w: KeyDataWriter, links: readonly { linkId: number; keys: GroupKeys }[]): KeyDataWriter {
  for (const { linkId, keys } of links) w.mloGtk({ linkId, keyId: keys.gtkId, tx: false, pn: sixOctets(keys.gtkRsc), key: keys.gtk });
  for (const { linkId, keys } of links) if (keys.igtk) w.mloIgtk({ linkId, keyId: keys.igtkId ?? 4, pn: sixOctets(keys.igtkPn), key: keys.igtk });
  for (const { linkId, keys } of links) if (keys.bigtk) w.mloBigtk({ linkId, keyId: keys.bigtkId ?? 6, pn: sixOctets(keys.bigtkPn), key: keys.bigtk });
  return w;
}

/** Key RSC field: the GTK's counter, little-endian, zero-extended to 8 octets. */
export function keyRsc(rsc: Uint8Array | undefined): Uint8Array {
  const out = new Uint8Array(8);
  if (rsc) out.set(rsc.subarray(0, 8));
  return out;
}

function sixOctets(pn: Uint8Array | undefined): Uint8Array {
  const out = new Uint8Array(6);
  if (pn) out.set(pn.subarray(0, 6));
  return out;
}

/** Octet-wise equality; two absent values are equal, one absent is not. */
export function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
