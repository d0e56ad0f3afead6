// The 802.11 management frame header (IEEE 802.11-2020 9.3.3.2): frame control,
// duration, DA, SA, BSSID, sequence control, and an HT Control field when the
// +HTC/Order bit is set.
import { FrameDecodeError, requireBytes } from './decode-error.js';
import { MAC_LEN } from './mac-address.js';

export const FRAME_TYPE_MGMT = 0;

/** Management subtypes used by wifid (IEEE 802.11-2020 Table 9-1). */
export const MgmtSubtype = {
  ASSOC_REQ: 0,
  ASSOC_RESP: 1,
  REASSOC_REQ: 2,
  REASSOC_RESP: 3,
  PROBE_REQ: 4,
  PROBE_RESP: 5,
  BEACON: 8,
  DISASSOC: 10,
  AUTH: 11,
  DEAUTH: 12,
  ACTION: 13,
  ACTION_NO_ACK: 14,
} as const;

export const MGMT_HEADER_LEN = 24;
const FC_ORDER = 0x8000;
const HT_CONTROL_LEN = 4;

export interface MgmtHeader {
  /** Frame control, as the little-endian 16-bit value. */
  frameControl: number;
  subtype: number;
  duration: number;
  da: Uint8Array;
  sa: Uint8Array;
  bssid: Uint8Array;
  seqCtrl: number;
  /** Length of the header including any HT Control field: where the body starts. */
  headerLength: number;
}

/** The frame control value for a management frame of `subtype` (protocol version 0). */
export function mgmtFrameControl(subtype: number): number {
  return (FRAME_TYPE_MGMT << 2) | (subtype << 4);
}

/** The 16-bit type/subtype value nl80211 frame registrations use (NL80211_ATTR_FRAME_TYPE). */
export function mgmtFrameType(subtype: number): number {
  return mgmtFrameControl(subtype);
}

export function parseMgmtHeader(frame: Uint8Array): MgmtHeader {
  requireBytes(frame.length, 0, MGMT_HEADER_LEN, '802.11 management header');
  const frameControl = frame[0] | (frame[1] << 8);
  const type = (frameControl >> 2) & 0x3;
  if ((frameControl & 0x3) !== 0) {
    throw new FrameDecodeError('bad_value', '802.11 management header', 0, `protocol version ${frameControl & 0x3}`);
  }
  if (type !== FRAME_TYPE_MGMT) {
    throw new FrameDecodeError('bad_value', '802.11 management header', 0, `frame type ${type} is not management`);
  }
  let headerLength = MGMT_HEADER_LEN;
  if (frameControl & FC_ORDER) {
    requireBytes(frame.length, MGMT_HEADER_LEN, HT_CONTROL_LEN, '802.11 HT Control field');
    headerLength += HT_CONTROL_LEN;
  }
  return {
    frameControl,
    subtype: (frameControl >> 4) & 0xf,
    duration: frame[2] | (frame[3] << 8),
    da: frame.slice(4, 4 + MAC_LEN),
    sa: frame.slice(10, 10 + MAC_LEN),
    bssid: frame.slice(16, 16 + MAC_LEN),
    seqCtrl: frame[22] | (frame[23] << 8),
    headerLength,
  };
}

export interface MgmtHeaderFields {
  subtype: number;
  da: Uint8Array;
  sa: Uint8Array;
  bssid: Uint8Array;
}

/** A 24-byte header; duration and sequence number are left 0 for the driver to fill in. */
export function buildMgmtHeader(fields: MgmtHeaderFields): Uint8Array {
  for (const [name, mac] of [['da', fields.da], ['sa', fields.sa], ['bssid', fields.bssid]] as const) {
    if (mac.length !== MAC_LEN) throw new RangeError(`${name} must be ${MAC_LEN} bytes`);
  }
  const out = new Uint8Array(MGMT_HEADER_LEN);
  const fc = mgmtFrameControl(fields.subtype);
  out[0] = fc & 0xff;
  out[1] = fc >> 8;
  out.set(fields.da, 4);
  out.set(fields.sa, 10);
  out.set(fields.bssid, 16);
  return out;
}

/** Frame control Retry bit (9.2.4.1.6): the frame is a retransmission of an earlier one. */
export const FC_RETRY = 0x0800;
