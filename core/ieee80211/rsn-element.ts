// The RSN element (IEEE 802.11-2020 9.4.2.24) and the RSN Extension element (9.4.2.241).
// Cipher and AKM suites are 32-bit numbers: OUI in the upper 24 bits, suite type in the
// lowest byte (00-0F-AC:4 = 0x000fac04), written on the air OUI first.
import { ByteWriter } from './byte-writer.js';
import { FrameDecodeError, requireBytes } from './decode-error.js';
import { ElementId } from './elements.js';

/** Cipher suites (Table 9-149). */
export const CIPHER_USE_GROUP = 0x000fac00;
export const CIPHER_WEP40 = 0x000fac01;
export const CIPHER_TKIP = 0x000fac02;
export const CIPHER_CCMP = 0x000fac04;
export const CIPHER_WEP104 = 0x000fac05;
export const CIPHER_BIP_CMAC128 = 0x000fac06;
export const CIPHER_GROUP_ADDRESSED_TRAFFIC_NOT_ALLOWED = 0x000fac07;
export const CIPHER_GCMP128 = 0x000fac08;
export const CIPHER_GCMP256 = 0x000fac09;
export const CIPHER_CCMP256 = 0x000fac0a;
export const CIPHER_BIP_GMAC128 = 0x000fac0b;
export const CIPHER_BIP_GMAC256 = 0x000fac0c;
export const CIPHER_BIP_CMAC256 = 0x000fac0d;

/** AKM suites (Table 9-151). */
export const AKM_8021X = 0x000fac01;
export const AKM_PSK = 0x000fac02;
export const AKM_FT_8021X = 0x000fac03;
export const AKM_FT_PSK = 0x000fac04;
export const AKM_8021X_SHA256 = 0x000fac05;
export const AKM_PSK_SHA256 = 0x000fac06;
export const AKM_SAE = 0x000fac08;
export const AKM_FT_SAE = 0x000fac09;
export const AKM_OWE = 0x000fac12;
export const AKM_SAE_EXT_KEY = 0x000fac18;
export const AKM_FT_SAE_EXT_KEY = 0x000fac19;

/** AKM 8 or 24: a PMK from an SAE exchange (or its cached PMKSA) rather than from a PSK. */
export function isSaeAkm(akm: number): boolean {
  return akm === AKM_SAE || akm === AKM_SAE_EXT_KEY;
}

/** RSN Capabilities field bits (Figure 9-257). */
export const RsnCapability = {
  PREAUTH: 1 << 0,
  NO_PAIRWISE: 1 << 1,
  /** PTKSA Replay Counter (bits 2-3) and GTKSA Replay Counter (bits 4-5): 0 = 1 counter ... 3 = 16. */
  PTKSA_REPLAY_COUNTER_MASK: 0x3 << 2,
  GTKSA_REPLAY_COUNTER_MASK: 0x3 << 4,
  MFPR: 1 << 6,
  MFPC: 1 << 7,
  JOINT_MULTIBAND_RSNA: 1 << 8,
  PEERKEY_ENABLED: 1 << 9,
  SPP_AMSDU_CAPABLE: 1 << 10,
  SPP_AMSDU_REQUIRED: 1 << 11,
  PBAC: 1 << 12,
  EXTENDED_KEY_ID: 1 << 13,
  OCVC: 1 << 14,
} as const;

export const RSN_VERSION = 1;
const SUITE_LEN = 4;
const PMKID_LEN = 16;

export interface RsnInfo {
  version: number;
  /** Absent in a parsed element only when the element ends after Version; the default is then CCMP-128. */
  groupCipher?: number;
  pairwiseCiphers: number[];
  akms: number[];
  capabilities: number;
  pmkids: Uint8Array[];
  /** Present only when the element carries it; a receiver uses BIP-CMAC-128 when MFP is negotiated without it (9.4.2.24.1). */
  groupMgmtCipher?: number;
}

function writeSuite(w: ByteWriter, suite: number): void {
  w.u8(suite >>> 24).u8(suite >>> 16).u8(suite >>> 8).u8(suite);
}

function readSuite(body: Uint8Array, pos: number): number {
  return ((body[pos] << 24) | (body[pos + 1] << 16) | (body[pos + 2] << 8) | body[pos + 3]) >>> 0;
}

/**
 * The whole RSN element (id 48, length, body). Every field is written up to the last one
 * given: PMKID Count (0) is written when a Group Management Cipher Suite follows it, since
 * a field may be left out only together with all fields after it (9.4.2.24.1).
 */
export function encodeRsne(info: RsnInfo): Uint8Array {
  const w = new ByteWriter(64);
  w.u8(ElementId.RSN).u8(0);
  w.le16(info.version);
  writeSuite(w, info.groupCipher ?? CIPHER_CCMP);
  w.le16(info.pairwiseCiphers.length);
  for (const c of info.pairwiseCiphers) writeSuite(w, c);
  w.le16(info.akms.length);
  for (const a of info.akms) writeSuite(w, a);
  w.le16(info.capabilities);
  if (info.pmkids.length > 0 || info.groupMgmtCipher !== undefined) {
    w.le16(info.pmkids.length);
    for (const p of info.pmkids) {
      if (p.length !== PMKID_LEN) throw new RangeError(`PMKID must be ${PMKID_LEN} bytes`);
      w.bytes(p);
    }
  }
  if (info.groupMgmtCipher !== undefined) writeSuite(w, info.groupMgmtCipher);
  if (w.length - 2 > 255) throw new RangeError('RSN element body exceeds 255 bytes');
  w.setU8(1, w.length - 2);
  return w.finish();
}

/**
 * Parses an RSN element body (after id and length). Trailing fields may be absent
 * (9.4.2.24.1): the defaults are then filled in as the standard gives them (pairwise
 * CCMP-128, AKM 00-0F-AC:1, capabilities 0, no PMKIDs). A field that is begun but cut
 * short, or a count that runs past the end, is a FrameDecodeError. Bytes after the Group
 * Management Cipher Suite are ignored, as a later amendment may add fields.
 */
export function parseRsne(body: Uint8Array): RsnInfo {
  const what = 'RSN element';
  requireBytes(body.length, 0, 2, what);
  const info: RsnInfo = {
    version: body[0] | (body[1] << 8),
    pairwiseCiphers: [CIPHER_CCMP],
    akms: [AKM_8021X],
    capabilities: 0,
    pmkids: [],
  };
  let pos = 2;
  const left = () => body.length - pos;
  if (left() === 0) return info;
  requireBytes(body.length, pos, SUITE_LEN, `${what} group data cipher suite`);
  info.groupCipher = readSuite(body, pos);
  pos += SUITE_LEN;
  const readList = (name: string): number[] | undefined => {
    if (left() === 0) return undefined;
    requireBytes(body.length, pos, 2, `${what} ${name} count`);
    const count = body[pos] | (body[pos + 1] << 8);
    pos += 2;
    if (count * SUITE_LEN > left()) {
      throw new FrameDecodeError('bad_length', what, pos - 2, `${name} count ${count} needs ${count * SUITE_LEN} bytes, ${left()} left`);
    }
    const list: number[] = [];
    for (let i = 0; i < count; i++, pos += SUITE_LEN) list.push(readSuite(body, pos));
    return list;
  };
  const pairwise = readList('pairwise cipher suite');
  if (pairwise === undefined) return info;
  info.pairwiseCiphers = pairwise;
  const akms = readList('AKM suite');
  if (akms === undefined) return info;
  info.akms = akms;
  if (left() === 0) return info;
  requireBytes(body.length, pos, 2, `${what} RSN capabilities`);
  info.capabilities = body[pos] | (body[pos + 1] << 8);
  pos += 2;
  if (left() === 0) return info;
  requireBytes(body.length, pos, 2, `${what} PMKID count`);
  const pmkidCount = body[pos] | (body[pos + 1] << 8);
  pos += 2;
  if (pmkidCount * PMKID_LEN > left()) {
    throw new FrameDecodeError('bad_length', what, pos - 2, `PMKID count ${pmkidCount} needs ${pmkidCount * PMKID_LEN} bytes, ${left()} left`);
  }
  for (let i = 0; i < pmkidCount; i++, pos += PMKID_LEN) info.pmkids.push(body.slice(pos, pos + PMKID_LEN));
  if (left() === 0) return info;
  requireBytes(body.length, pos, SUITE_LEN, `${what} group management cipher suite`);
  info.groupMgmtCipher = readSuite(body, pos);
  return info;
}

/** Extended RSN Capabilities bit numbers (9.4.2.241, Table 9-409; bits 0-3 are the field length - 1). */
export const RsnxBit = {
  PROTECTED_TWT: 4,
  SAE_HASH_TO_ELEMENT: 5,
  SAE_PK: 6,
  PROTECTED_WUR_FRAME: 7,
  SECURE_LTF: 8,
  SECURE_RTT: 9,
  URNM_MFPR_X20: 10,
  SPP_AMSDU: 14,
  URNM_MFPR: 15,
} as const;

export interface RsnxCapabilities {
  /** SAE hash-to-element (bit 5): the STA/AP supports H2E; an AP with sae_pwe 1 or 2 sets it. */
  h2e?: boolean;
  saePk?: boolean;
  protectedTwt?: boolean;
  /** Further bit numbers to set (RsnxBit). */
  bits?: number[];
}

export interface ParsedRsnx {
  h2e: boolean;
  saePk: boolean;
  protectedTwt: boolean;
  /** The Extended RSN Capabilities field as received (length subfield included). */
  field: Uint8Array;
  /** True when bit `n` is set. */
  has(bit: number): boolean;
}

/** The whole RSNXE (id 244): as few octets as the highest bit set needs, length subfield = octets - 1. */
export function encodeRsnxe(caps: RsnxCapabilities): Uint8Array {
  const bits = [...(caps.bits ?? [])];
  if (caps.h2e) bits.push(RsnxBit.SAE_HASH_TO_ELEMENT);
  if (caps.saePk) bits.push(RsnxBit.SAE_PK);
  if (caps.protectedTwt) bits.push(RsnxBit.PROTECTED_TWT);
  for (const b of bits) if (!Number.isInteger(b) || b < 4 || b >= 16 * 8) throw new RangeError(`RSNXE bit ${b} out of range`);
  const octets = Math.max(1, ...bits.map((b) => (b >> 3) + 1));
  if (octets > 16) throw new RangeError('RSNXE field longer than 16 octets');
  const field = new Uint8Array(octets);
  field[0] = octets - 1;
  for (const b of bits) field[b >> 3] |= 1 << (b & 7);
  return new ByteWriter(octets + 2).u8(ElementId.RSNX).u8(octets).bytes(field).finish();
}

/**
 * Parses an RSNXE body. The length subfield (bits 0-3) must match the octets present
 * (9.4.2.241: "the Field Length subfield ... is the length of the Extended RSN Capabilities
 * field minus 1"); a body of more octets than it claims keeps the extra octets unread.
 */
export function parseRsnxe(body: Uint8Array): ParsedRsnx {
  requireBytes(body.length, 0, 1, 'RSNX element');
  const claimed = (body[0] & 0x0f) + 1;
  requireBytes(body.length, 0, claimed, 'RSNX element extended RSN capabilities');
  const field = body.slice(0, claimed);
  const has = (bit: number) => bit >= 4 && bit >> 3 < field.length && (field[bit >> 3] & (1 << (bit & 7))) !== 0;
  return { h2e: has(RsnxBit.SAE_HASH_TO_ELEMENT), saePk: has(RsnxBit.SAE_PK), protectedTwt: has(RsnxBit.PROTECTED_TWT), field, has };
}

/** The usual name of a suite for logs ("00-0f-ac:8"). */
export function suiteToString(suite: number): string {
  const b = [suite >>> 24, (suite >>> 16) & 0xff, (suite >>> 8) & 0xff].map((x) => x.toString(16).padStart(2, '0'));
  return `${b.join('-')}:${suite & 0xff}`;
}
