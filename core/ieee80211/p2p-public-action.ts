// P2P public action frames (Wi-Fi P2P spec 4.2): category Public (4), action Vendor
// Specific (9), OUI 50:6F:9A, OUI type 9, OUI subtype, dialog token, then elements
// (a P2P element, often a WPS element). Used by GO negotiation, invitation, provision
// discovery and device discoverability.
import { FrameDecodeError, requireBytes } from './decode-error.js';
import { ByteWriter } from './byte-writer.js';
import { buildMgmtHeader, MgmtSubtype, parseMgmtHeader, type MgmtHeader } from './mgmt-header.js';
import { P2P_VENDOR_TYPE } from './vendor-elements.js';
import { parseP2pElements, type P2pElements } from './p2p-probe.js';

export const CATEGORY_PUBLIC = 4;
export const PUBLIC_ACTION_VENDOR_SPECIFIC = 9;

export const P2pPublicActionSubtype = {
  GO_NEG_REQ: 0,
  GO_NEG_RESP: 1,
  GO_NEG_CONF: 2,
  INVITATION_REQ: 3,
  INVITATION_RESP: 4,
  DEV_DISC_REQ: 5,
  DEV_DISC_RESP: 6,
  PROV_DISC_REQ: 7,
  PROV_DISC_RESP: 8,
} as const;

/** Bytes after the header that identify a P2P public action frame (category .. OUI type). */
export const P2P_PUBLIC_ACTION_PREFIX = new Uint8Array([
  CATEGORY_PUBLIC, PUBLIC_ACTION_VENDOR_SPECIFIC,
  P2P_VENDOR_TYPE.oui >> 16, (P2P_VENDOR_TYPE.oui >> 8) & 0xff, P2P_VENDOR_TYPE.oui & 0xff, P2P_VENDOR_TYPE.type,
]);
const FIXED_LEN = P2P_PUBLIC_ACTION_PREFIX.length + 2;

export interface P2pPublicAction extends P2pElements {
  header: MgmtHeader;
  subtype: number;
  dialogToken: number;
}

export function isP2pPublicAction(frame: Uint8Array): boolean {
  try {
    const h = parseMgmtHeader(frame);
    if (h.subtype !== MgmtSubtype.ACTION && h.subtype !== MgmtSubtype.ACTION_NO_ACK) return false;
    const body = frame.subarray(h.headerLength);
    return body.length >= FIXED_LEN && P2P_PUBLIC_ACTION_PREFIX.every((b, i) => body[i] === b);
  } catch {
    return false;
  }
}

export function parseP2pPublicAction(frame: Uint8Array): P2pPublicAction {
  const header = parseMgmtHeader(frame);
  if (header.subtype !== MgmtSubtype.ACTION && header.subtype !== MgmtSubtype.ACTION_NO_ACK) {
    throw new FrameDecodeError('bad_value', 'P2P public action', 0, `management subtype ${header.subtype} is not action`);
  }
  const b = header.headerLength;
  requireBytes(frame.length, b, FIXED_LEN, 'P2P public action fixed fields');
  for (let i = 0; i < P2P_PUBLIC_ACTION_PREFIX.length; i++) {
    if (frame[b + i] !== P2P_PUBLIC_ACTION_PREFIX[i]) {
      throw new FrameDecodeError('bad_value', 'P2P public action', b + i, 'not a public vendor-specific action with the P2P OUI');
    }
  }
  const subtype = frame[b + P2P_PUBLIC_ACTION_PREFIX.length];
  const dialogToken = frame[b + P2P_PUBLIC_ACTION_PREFIX.length + 1];
  return { header, subtype, dialogToken, ...parseP2pElements(frame.subarray(b + FIXED_LEN)) };
}

export interface P2pPublicActionFields {
  da: Uint8Array;
  sa: Uint8Array;
  bssid: Uint8Array;
  subtype: number;
  dialogToken: number;
  /** Elements after the dialog token (P2P element, WPS element...). */
  elements: Uint8Array;
}

export function buildP2pPublicAction(f: P2pPublicActionFields): Uint8Array {
  return new ByteWriter(64 + f.elements.length)
    .bytes(buildMgmtHeader({ subtype: MgmtSubtype.ACTION, da: f.da, sa: f.sa, bssid: f.bssid }))
    .bytes(P2P_PUBLIC_ACTION_PREFIX)
    .u8(f.subtype)
    .u8(f.dialogToken)
    .bytes(f.elements)
    .finish();
}
