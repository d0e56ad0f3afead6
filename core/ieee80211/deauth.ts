// Deauthentication and Disassociation frames (IEEE 802.11-2020 9.3.3.13, 9.3.3.5):
// a Reason Code, then optional elements (vendor elements; the MME of a group-addressed
// frame under BIP) kept raw.
import { ByteWriter } from './byte-writer.js';
import { FrameDecodeError, requireBytes } from './decode-error.js';
import { buildMgmtHeader, MgmtSubtype, parseMgmtHeader } from './mgmt-header.js';

export type LeaveKind = 'deauth' | 'disassoc';

export interface LeaveFrame {
  kind: LeaveKind;
  da: Uint8Array;
  sa: Uint8Array;
  bssid: Uint8Array;
  reason: number;
  /** Elements after the reason code, raw. */
  elements: Uint8Array;
}

export interface LeaveFields {
  da: Uint8Array;
  sa: Uint8Array;
  bssid: Uint8Array;
  reason: number;
  elements?: Uint8Array;
}

function build(subtype: number, f: LeaveFields): Uint8Array {
  if (!Number.isInteger(f.reason) || f.reason < 0 || f.reason > 0xffff) throw new RangeError(`reason code ${f.reason}`);
  const w = new ByteWriter(32 + (f.elements?.length ?? 0));
  w.bytes(buildMgmtHeader({ subtype, da: f.da, sa: f.sa, bssid: f.bssid })).le16(f.reason);
  if (f.elements) w.bytes(f.elements);
  return w.finish();
}

export const buildDeauth = (f: LeaveFields): Uint8Array => build(MgmtSubtype.DEAUTH, f);
export const buildDisassoc = (f: LeaveFields): Uint8Array => build(MgmtSubtype.DISASSOC, f);

/** Parses a Deauthentication or Disassociation frame; any other subtype is a FrameDecodeError. */
export function parseDeauthOrDisassoc(frame: Uint8Array): LeaveFrame {
  const h = parseMgmtHeader(frame);
  let kind: LeaveKind;
  if (h.subtype === MgmtSubtype.DEAUTH) kind = 'deauth';
  else if (h.subtype === MgmtSubtype.DISASSOC) kind = 'disassoc';
  else throw new FrameDecodeError('bad_value', 'deauthentication/disassociation frame', 0, `management subtype ${h.subtype}`);
  requireBytes(frame.length, h.headerLength, 2, `${kind} reason code`);
  return {
    kind, da: h.da, sa: h.sa, bssid: h.bssid,
    reason: frame[h.headerLength] | (frame[h.headerLength + 1] << 8),
    elements: frame.subarray(h.headerLength + 2),
  };
}
