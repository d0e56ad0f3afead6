// (Re)Association Response parsing for a station (IEEE 802.11-2020 9.3.3.7/9.3.3.9): the
// fixed fields a station's SME acts on (status, AID) and the elements raw. mac80211 reads
// the rest itself; the SME only needs to know whether it is associated and why not.
import { FrameDecodeError, requireBytes } from './decode-error.js';
import { iterateElements, type Element } from './elements.js';
import { MgmtSubtype, parseMgmtHeader } from './mgmt-header.js';

export interface AssocResponse {
  reassoc: boolean;
  sa: Uint8Array;
  bssid: Uint8Array;
  capabilityInfo: number;
  status: number;
  /** The AID without the two top bits (which 9.4.1.8 sets). */
  aid: number;
  elements: Element[];
}

const FIXED_LEN = 6;

/** Parses a (Re)Association Response; FrameDecodeError for another subtype, short fixed fields or a broken element list. */
export function parseAssocResponse(frame: Uint8Array): AssocResponse {
  const h = parseMgmtHeader(frame);
  if (h.subtype !== MgmtSubtype.ASSOC_RESP && h.subtype !== MgmtSubtype.REASSOC_RESP) {
    throw new FrameDecodeError('bad_value', 'association response', 0, `management subtype ${h.subtype}`);
  }
  const at = h.headerLength;
  requireBytes(frame.length, at, FIXED_LEN, 'association response fixed fields');
  const u16 = (o: number) => frame[at + o]! | (frame[at + o + 1]! << 8);
  return {
    reassoc: h.subtype === MgmtSubtype.REASSOC_RESP,
    sa: h.sa,
    bssid: h.bssid,
    capabilityInfo: u16(0),
    status: u16(2),
    aid: u16(4) & 0x3fff,
    elements: [...iterateElements(frame.subarray(at + FIXED_LEN))],
  };
}
