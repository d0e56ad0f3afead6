// Authentication frames (IEEE 802.11-2020 9.3.3.12): Authentication Algorithm Number,
// Authentication Transaction Sequence Number, Status Code, then what the algorithm
// carries (SAE commit/confirm fields and elements, FT elements...) left raw in `body`.
import { ByteWriter } from './byte-writer.js';
import { FrameDecodeError, requireBytes } from './decode-error.js';
import { buildMgmtHeader, MgmtSubtype, parseMgmtHeader } from './mgmt-header.js';

/** Authentication Algorithm Numbers (9.4.1.1). */
export const AuthAlgorithm = { OPEN_SYSTEM: 0, SHARED_KEY: 1, FAST_BSS_TRANSITION: 2, SAE: 3, FILS_SK: 4, FILS_SK_PFS: 5, FILS_PK: 6, PASN: 7 } as const;

export interface AuthFrame {
  da: Uint8Array;
  sa: Uint8Array;
  bssid: Uint8Array;
  seqCtrl: number;
  algorithm: number;
  transaction: number;
  status: number;
  /** The bytes after the status code (a view into the frame). */
  body: Uint8Array;
}

const FIXED_LEN = 6;

export function parseAuth(frame: Uint8Array): AuthFrame {
  const h = parseMgmtHeader(frame);
  if (h.subtype !== MgmtSubtype.AUTH) throw new FrameDecodeError('bad_value', 'authentication frame', 0, `management subtype ${h.subtype}`);
  const at = h.headerLength;
  requireBytes(frame.length, at, FIXED_LEN, 'authentication frame fixed fields');
  return {
    da: h.da, sa: h.sa, bssid: h.bssid, seqCtrl: h.seqCtrl,
    algorithm: frame[at] | (frame[at + 1] << 8),
    transaction: frame[at + 2] | (frame[at + 3] << 8),
    status: frame[at + 4] | (frame[at + 5] << 8),
    body: frame.subarray(at + FIXED_LEN),
  };
}

export interface AuthFields {
  da: Uint8Array;
  sa: Uint8Array;
  bssid: Uint8Array;
  algorithm: number;
  transaction: number;
  status: number;
  body?: Uint8Array;
}

export function buildAuth(f: AuthFields): Uint8Array {
  const w = new ByteWriter(64 + (f.body?.length ?? 0));
  w.bytes(buildMgmtHeader({ subtype: MgmtSubtype.AUTH, da: f.da, sa: f.sa, bssid: f.bssid }));
  w.le16(f.algorithm).le16(f.transaction).le16(f.status);
  if (f.body) w.bytes(f.body);
  return w.finish();
}
