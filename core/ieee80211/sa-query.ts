// SA Query Request/Response action frames (IEEE 802.11-2020 9.6.9, category 8): the
// protection of an association under PMF (11.13). mac80211 encrypts and decrypts these
// robust action frames; the codec sees them in the clear. Elements after the transaction
// identifier (an OCI element when OCV is used) are kept raw.
import { ByteWriter } from './byte-writer.js';
import { FrameDecodeError, requireBytes } from './decode-error.js';
import { buildMgmtHeader, MgmtSubtype, parseMgmtHeader } from './mgmt-header.js';

export const ACTION_CATEGORY_SA_QUERY = 8;
export const SaQueryAction = { REQUEST: 0, RESPONSE: 1 } as const;
export const SA_QUERY_TRANSACTION_ID_LEN = 2;

export interface SaQueryFrame {
  da: Uint8Array;
  sa: Uint8Array;
  bssid: Uint8Array;
  action: number;
  transactionId: Uint8Array;
  elements: Uint8Array;
}

export interface SaQueryFields {
  da: Uint8Array;
  sa: Uint8Array;
  bssid: Uint8Array;
  action: number;
  transactionId: Uint8Array;
  elements?: Uint8Array;
}

export function buildSaQuery(f: SaQueryFields): Uint8Array {
  if (f.transactionId.length !== SA_QUERY_TRANSACTION_ID_LEN) throw new RangeError('SA Query transaction identifier must be 2 bytes');
  if (f.action !== SaQueryAction.REQUEST && f.action !== SaQueryAction.RESPONSE) throw new RangeError(`SA Query action ${f.action}`);
  const w = new ByteWriter(32 + (f.elements?.length ?? 0));
  w.bytes(buildMgmtHeader({ subtype: MgmtSubtype.ACTION, da: f.da, sa: f.sa, bssid: f.bssid }));
  w.u8(ACTION_CATEGORY_SA_QUERY).u8(f.action).bytes(f.transactionId);
  if (f.elements) w.bytes(f.elements);
  return w.finish();
}

/** True when `frame` is an Action frame of the SA Query category (cheap check before parsing). */
export function isSaQuery(frame: Uint8Array): boolean {
  return frame.length > 24 && ((frame[0] >> 2) & 3) === 0 && ((frame[0] >> 4) & 0xf) === MgmtSubtype.ACTION && frame[24] === ACTION_CATEGORY_SA_QUERY;
}

export function parseSaQuery(frame: Uint8Array): SaQueryFrame {
  const h = parseMgmtHeader(frame);
  const what = 'SA Query frame';
  if (h.subtype !== MgmtSubtype.ACTION) throw new FrameDecodeError('bad_value', what, 0, `management subtype ${h.subtype}`);
  const at = h.headerLength;
  requireBytes(frame.length, at, 2 + SA_QUERY_TRANSACTION_ID_LEN, what);
  if (frame[at] !== ACTION_CATEGORY_SA_QUERY) throw new FrameDecodeError('bad_value', what, at, `action category ${frame[at]}`);
  const action = frame[at + 1];
  if (action !== SaQueryAction.REQUEST && action !== SaQueryAction.RESPONSE) throw new FrameDecodeError('bad_value', what, at + 1, `action ${action}`);
  return {
    da: h.da, sa: h.sa, bssid: h.bssid, action,
    transactionId: frame.slice(at + 2, at + 4),
    elements: frame.subarray(at + 4),
  };
}
