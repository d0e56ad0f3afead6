// (Re)Association Request parsing and Association Response building for the AP
// (IEEE 802.11-2020 9.3.3.6-9.3.3.9). Every element the AP acts on is validated (length,
// duplicates); any other element is kept raw. Parsers throw FrameDecodeError only.
// TODO(ap-frames): replaced by core/ieee80211/assoc.ts when it lands on main.
import { ByteWriter } from '../../core/ieee80211/byte-writer.js';
import { FrameDecodeError, requireBytes } from '../../core/ieee80211/decode-error.js';
import { ElementExtId, ElementId, iterateElements, type Element } from '../../core/ieee80211/elements.js';
import { MAC_LEN } from '../../core/ieee80211/mac-address.js';
import { buildMgmtHeader, MgmtSubtype, parseMgmtHeader } from '../../core/ieee80211/mgmt-header.js';
import { parseRsne, parseRsnxe, type ParsedRsnx, type RsnInfo } from '../../core/ieee80211/rsn-element.js';

export interface AssocRequest {
  reassoc: boolean;
  sa: Uint8Array;
  bssid: Uint8Array;
  capabilityInfo: number;
  listenInterval: number;
  currentAp?: Uint8Array;
  ssid: Uint8Array;
  /** Supported Rates then Extended Supported Rates octets (basic bit kept). */
  rates: Uint8Array;
  rsn?: { info: RsnInfo; element: Uint8Array };
  rsnx?: ParsedRsnx;
  htCapabilities?: Uint8Array;
  vhtCapabilities?: Uint8Array;
  extCapabilities?: Uint8Array;
  heCapabilities?: Uint8Array;
  he6ghzCapabilities?: Uint8Array;
  ehtCapabilities?: Uint8Array;
  /** The WMM Information element body (OUI 00:50:F2 type 2 subtype 0), when sent. */
  wmmInfo?: Uint8Array;
  /** Every element, raw, in order. */
  elements: Element[];
}

const HT_CAP_LEN = 26;
const VHT_CAP_LEN = 12;
const WMM_OUI_TYPE = [0x00, 0x50, 0xf2, 0x02];

function once(seen: Set<string>, key: string, what: string, e: Element): void {
  if (seen.has(key)) throw new FrameDecodeError('bad_value', what, e.offset, 'element appears twice');
  seen.add(key);
}

function fixedLength(e: Element, len: number, what: string): Uint8Array {
  if (e.data.length !== len) throw new FrameDecodeError('bad_length', what, e.offset, `length ${e.data.length}, expected ${len}`);
  return e.data;
}

export function parseAssocRequest(frame: Uint8Array): AssocRequest {
  const h = parseMgmtHeader(frame);
  if (h.subtype !== MgmtSubtype.ASSOC_REQ && h.subtype !== MgmtSubtype.REASSOC_REQ) {
    throw new FrameDecodeError('bad_value', '(re)association request', 0, `management subtype ${h.subtype}`);
  }
  const reassoc = h.subtype === MgmtSubtype.REASSOC_REQ;
  let at = h.headerLength;
  const fixed = reassoc ? 4 + MAC_LEN : 4;
  requireBytes(frame.length, at, fixed, `${reassoc ? 'reassociation' : 'association'} request fixed fields`);
  const req: AssocRequest = {
    reassoc, sa: h.sa, bssid: h.bssid,
    capabilityInfo: frame[at] | (frame[at + 1] << 8),
    listenInterval: frame[at + 2] | (frame[at + 3] << 8),
    ssid: new Uint8Array(0), rates: new Uint8Array(0), elements: [],
  };
  if (reassoc) req.currentAp = frame.slice(at + 4, at + 4 + MAC_LEN);
  at += fixed;
  const seen = new Set<string>();
  let ssid: Uint8Array | undefined;
  let supported: Uint8Array | undefined;
  let extended: Uint8Array | undefined;
  const body = frame.subarray(at);
  for (const e of iterateElements(body)) {
    req.elements.push(e);
    switch (e.id) {
      case ElementId.SSID:
        once(seen, 'ssid', 'SSID element', e);
        if (e.data.length > 32) throw new FrameDecodeError('bad_length', 'SSID element', e.offset, `length ${e.data.length}, at most 32`);
        ssid = e.data;
        break;
      case ElementId.SUPPORTED_RATES:
        once(seen, 'rates', 'Supported Rates element', e);
        if (e.data.length < 1 || e.data.length > 8) throw new FrameDecodeError('bad_length', 'Supported Rates element', e.offset, `length ${e.data.length}, expected 1..8`);
        supported = e.data;
        break;
      case ElementId.EXT_SUPPORTED_RATES:
        once(seen, 'xrates', 'Extended Supported Rates element', e);
        if (e.data.length < 1) throw new FrameDecodeError('bad_length', 'Extended Supported Rates element', e.offset, 'length 0');
        extended = e.data;
        break;
      case ElementId.RSN:
        once(seen, 'rsn', 'RSN element', e);
        req.rsn = { info: parseRsne(e.data), element: body.slice(e.offset, e.offset + 2 + e.data.length) };
        break;
      case ElementId.RSNX:
        once(seen, 'rsnx', 'RSNX element', e);
        req.rsnx = parseRsnxe(e.data);
        break;
      case ElementId.HT_CAPABILITIES:
        once(seen, 'ht', 'HT Capabilities element', e);
        req.htCapabilities = fixedLength(e, HT_CAP_LEN, 'HT Capabilities element');
        break;
      case ElementId.VHT_CAPABILITIES:
        once(seen, 'vht', 'VHT Capabilities element', e);
        req.vhtCapabilities = fixedLength(e, VHT_CAP_LEN, 'VHT Capabilities element');
        break;
      case ElementId.EXT_CAPABILITIES:
        once(seen, 'extcap', 'Extended Capabilities element', e);
        if (e.data.length < 1) throw new FrameDecodeError('bad_length', 'Extended Capabilities element', e.offset, 'length 0');
        req.extCapabilities = e.data;
        break;
      case ElementId.VENDOR_SPECIFIC:
        if (e.data.length >= 4 && WMM_OUI_TYPE.every((b, i) => e.data[i] === b) && e.data[4] === 0) {
          once(seen, 'wmm', 'WMM Information element', e);
          if (e.data.length !== 7) throw new FrameDecodeError('bad_length', 'WMM Information element', e.offset, `length ${e.data.length}, expected 7`);
          req.wmmInfo = e.data;
        }
        break;
      case ElementId.EXTENSION: {
        const rest = e.data.subarray(1);
        if (e.extId === ElementExtId.HE_CAPABILITIES) {
          once(seen, 'he', 'HE Capabilities element', e);
          // MAC (6) + PHY (11) + at least the <=80 MHz MCS/NSS set (4).
          if (rest.length < 21) throw new FrameDecodeError('bad_length', 'HE Capabilities element', e.offset, `length ${rest.length}, at least 21`);
          req.heCapabilities = rest;
        } else if (e.extId === ElementExtId.HE_6GHZ_BAND_CAPABILITIES) {
          once(seen, 'he6', 'HE 6 GHz Band Capabilities element', e);
          req.he6ghzCapabilities = fixedLength({ ...e, data: rest }, 2, 'HE 6 GHz Band Capabilities element');
        } else if (e.extId === ElementExtId.EHT_CAPABILITIES) {
          once(seen, 'eht', 'EHT Capabilities element', e);
          // MAC (2) + PHY (9) + at least a 20 MHz-only MCS/NSS map (4 octets).
          if (rest.length < 15) throw new FrameDecodeError('bad_length', 'EHT Capabilities element', e.offset, `length ${rest.length}, at least 15`);
          req.ehtCapabilities = rest;
        }
        break;
      }
    }
  }
  if (!ssid) throw new FrameDecodeError('missing', '(re)association request', at, 'no SSID element');
  if (!supported) throw new FrameDecodeError('missing', '(re)association request', at, 'no Supported Rates element');
  req.ssid = ssid;
  req.rates = extended ? new Uint8Array([...supported, ...extended]) : Uint8Array.from(supported);
  return req;
}

export interface AssocResponseFields {
  da: Uint8Array;
  bssid: Uint8Array;
  reassoc: boolean;
  capabilityInfo: number;
  status: number;
  aid: number;
  /** Whole elements after the AID field (rates, Timeout Interval, HT/VHT/HE operation...). */
  elements: Uint8Array[];
}

/** AID bits 14-15: set in the AID field as hostapd does; STAs before 802.11-2012 expect them. */
const AID_FIELD_FLAGS = 0xc000;

export function buildAssocResponse(f: AssocResponseFields): Uint8Array {
  const w = new ByteWriter(128);
  w.bytes(buildMgmtHeader({ subtype: f.reassoc ? MgmtSubtype.REASSOC_RESP : MgmtSubtype.ASSOC_RESP, da: f.da, sa: f.bssid, bssid: f.bssid }));
  w.le16(f.capabilityInfo).le16(f.status).le16(f.aid === 0 ? 0 : f.aid | AID_FIELD_FLAGS);
  for (const e of f.elements) w.bytes(e);
  return w.finish();
}
