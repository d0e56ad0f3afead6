// EAPOL-Key frames (IEEE 802.1X-2020 11.3 header, IEEE 802.11-2020 12.7.2 Figure 12-32 body):
// the PDU as it crosses the control port, from the 802.1X version octet on. All multi-octet
// fields are big-endian. The Key MIC field is as long as the AKM says (16 for AKM 2/6/8,
// 16/24/32 for AKM 24), so the parser needs that length.
import { ByteWriter } from './byte-writer.js';
import { FrameDecodeError, requireBytes } from './decode-error.js';

export const EAPOL_PACKET_TYPE_KEY = 3;
/** Descriptor Type 2: the IEEE 802.11 key descriptor (254, the pre-RSN WPA one, is refused). */
export const EAPOL_KEY_DESCRIPTOR_RSN = 2;
export const EAPOL_HEADER_LEN = 4;
export const EAPOL_KEY_NONCE_LEN = 32;
/** Offset of the Key MIC field in the PDU: header 4 + type 1 + info 2 + length 2 + counter 8 + nonce 32 + IV 16 + RSC 8 + reserved 8. */
export const EAPOL_KEY_MIC_OFFSET = 81;

export const KeyInfo = {
  VERSION_MASK: 0x0007,
  PAIRWISE: 0x0008,
  INSTALL: 0x0040,
  ACK: 0x0080,
  MIC: 0x0100,
  SECURE: 0x0200,
  ERROR: 0x0400,
  REQUEST: 0x0800,
  ENCRYPTED_KEY_DATA: 0x1000,
  SMK_MESSAGE: 0x2000,
  /** Bits 4-5 (the old Key Index) and 14-15 are reserved: sent 0, ignored on receipt. */
  RESERVED: 0xc030,
} as const;

export interface EapolKeyFrame {
  /** 802.1X protocol version: 1 (2001), 2 (2004) or 3 (2010). */
  protocolVersion: number;
  /** Key Descriptor Version, Key Information bits 0-2. */
  descriptorVersion: number;
  pairwise: boolean;
  install: boolean;
  ack: boolean;
  mic: boolean;
  secure: boolean;
  error: boolean;
  request: boolean;
  encryptedKeyData: boolean;
  keyLength: number;
  replayCounter: bigint;
  nonce: Uint8Array;
  iv: Uint8Array;
  rsc: Uint8Array;
  /** The Key MIC field as received or to be sent (zeros until signed). */
  micValue: Uint8Array;
  keyData: Uint8Array;
}

export interface ParsedEapolKey extends EapolKeyFrame {
  /** The exact EAPOL PDU (header + declared body), which the MIC covers. */
  pdu: Uint8Array;
}

const FIXED_BODY_LEN = 1 + 2 + 2 + 8 + 32 + 16 + 8 + 8 + 2; // without MIC and Key Data

/** Parses an EAPOL PDU carrying an EAPOL-Key frame; throws FrameDecodeError on anything else. */
export function parseEapolKey(buf: Uint8Array, micLen: number): ParsedEapolKey {
  const what = 'EAPOL-Key';
  requireBytes(buf.length, 0, EAPOL_HEADER_LEN, what);
  const protocolVersion = buf[0];
  if (protocolVersion < 1 || protocolVersion > 3) throw new FrameDecodeError('bad_value', what, 0, `802.1X version ${protocolVersion}`);
  if (buf[1] !== EAPOL_PACKET_TYPE_KEY) throw new FrameDecodeError('bad_value', what, 1, `packet type ${buf[1]} is not EAPOL-Key`);
  const bodyLen = (buf[2] << 8) | buf[3];
  // Octets after the declared body are link-layer padding: not part of the PDU, not MIC-covered.
  requireBytes(buf.length, EAPOL_HEADER_LEN, bodyLen, what);
  const pdu = buf.subarray(0, EAPOL_HEADER_LEN + bodyLen);
  requireBytes(pdu.length, EAPOL_HEADER_LEN, FIXED_BODY_LEN + micLen, what);
  let pos = EAPOL_HEADER_LEN;
  if (pdu[pos] !== EAPOL_KEY_DESCRIPTOR_RSN) throw new FrameDecodeError('bad_value', what, pos, `descriptor type ${pdu[pos]}`);
  pos += 1;
  const info = (pdu[pos] << 8) | pdu[pos + 1];
  pos += 2;
  const keyLength = (pdu[pos] << 8) | pdu[pos + 1];
  pos += 2;
  let replayCounter = 0n;
  for (let i = 0; i < 8; i++) replayCounter = (replayCounter << 8n) | BigInt(pdu[pos + i]);
  pos += 8;
  const nonce = pdu.slice(pos, pos + 32);
  pos += 32;
  const iv = pdu.slice(pos, pos + 16);
  pos += 16;
  const rsc = pdu.slice(pos, pos + 8);
  pos += 8 + 8; // RSC, reserved
  const micValue = pdu.slice(pos, pos + micLen);
  pos += micLen;
  const keyDataLen = (pdu[pos] << 8) | pdu[pos + 1];
  pos += 2;
  if (keyDataLen !== pdu.length - pos) {
    throw new FrameDecodeError('bad_length', what, pos - 2, `Key Data Length ${keyDataLen} but the body leaves ${pdu.length - pos} octets`);
  }
  const keyData = pdu.slice(pos);
  return {
    protocolVersion, descriptorVersion: info & KeyInfo.VERSION_MASK,
    pairwise: (info & KeyInfo.PAIRWISE) !== 0, install: (info & KeyInfo.INSTALL) !== 0, ack: (info & KeyInfo.ACK) !== 0,
    mic: (info & KeyInfo.MIC) !== 0, secure: (info & KeyInfo.SECURE) !== 0, error: (info & KeyInfo.ERROR) !== 0,
    request: (info & KeyInfo.REQUEST) !== 0, encryptedKeyData: (info & KeyInfo.ENCRYPTED_KEY_DATA) !== 0,
    keyLength, replayCounter, nonce, iv, rsc, micValue, keyData, pdu,
  };
}

/** Builds the PDU; `micValue` is written as given (zeros of the AKM's MIC length before signing). */
export function encodeEapolKey(frame: EapolKeyFrame): Uint8Array {
  checkLength('nonce', frame.nonce, 32);
  checkLength('IV', frame.iv, 16);
  checkLength('RSC', frame.rsc, 8);
  if (frame.replayCounter < 0n || frame.replayCounter >= 1n << 64n) throw new RangeError('replay counter out of 64-bit range');
  const info = (frame.descriptorVersion & KeyInfo.VERSION_MASK)
    | (frame.pairwise ? KeyInfo.PAIRWISE : 0) | (frame.install ? KeyInfo.INSTALL : 0) | (frame.ack ? KeyInfo.ACK : 0)
    | (frame.mic ? KeyInfo.MIC : 0) | (frame.secure ? KeyInfo.SECURE : 0) | (frame.error ? KeyInfo.ERROR : 0)
    | (frame.request ? KeyInfo.REQUEST : 0) | (frame.encryptedKeyData ? KeyInfo.ENCRYPTED_KEY_DATA : 0);
  const bodyLen = FIXED_BODY_LEN + frame.micValue.length + frame.keyData.length;
  if (bodyLen > 0xffff) throw new RangeError('EAPOL-Key body longer than 65535 octets');
  const w = new ByteWriter(EAPOL_HEADER_LEN + bodyLen);
  w.u8(frame.protocolVersion).u8(EAPOL_PACKET_TYPE_KEY).be16(bodyLen);
  w.u8(EAPOL_KEY_DESCRIPTOR_RSN).be16(info).be16(frame.keyLength);
  w.be32(Number(frame.replayCounter >> 32n)).be32(Number(frame.replayCounter & 0xffffffffn));
  w.bytes(frame.nonce).bytes(frame.iv).bytes(frame.rsc).bytes(new Uint8Array(8));
  w.bytes(frame.micValue).be16(frame.keyData.length).bytes(frame.keyData);
  return w.finish();
}

/** A copy of `pdu` with its Key MIC field zeroed: the input of the MIC computation. */
export function withZeroedMic(pdu: Uint8Array, micLen: number): Uint8Array {
  const copy = pdu.slice();
  copy.fill(0, EAPOL_KEY_MIC_OFFSET, EAPOL_KEY_MIC_OFFSET + micLen);
  return copy;
}

/** Writes `mic` into the Key MIC field of `pdu` in place. */
export function setMic(pdu: Uint8Array, mic: Uint8Array): void {
  pdu.set(mic, EAPOL_KEY_MIC_OFFSET);
}

function checkLength(name: string, value: Uint8Array, len: number): void {
  if (value.length !== len) throw new RangeError(`EAPOL-Key ${name} is ${len} octets, not ${value.length}`);
}
