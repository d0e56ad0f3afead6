// (Re)Association Request parsing and (Re)Association Response building (IEEE 802.11-2020
// 9.3.3.6-9.3.3.9). Every element of a request is checked before the AP acts on it:
// lengths fixed by the standard, duplicates of elements that may appear once, the
// elements an AP needs (SSID, Supported Rates), RSNE/RSNXE/HE/EHT decoded. A bad element
// is a FrameDecodeError naming it; the AP answers such a request with status 40
// (STATUS_INVALID_ELEMENT) or drops it, and never acts on half of it.
import { ByteWriter } from './byte-writer.js';
import { FrameDecodeError, requireBytes } from './decode-error.js';
import { parseDefragmented } from './element-fragments.js';
import { orderElements } from './element-order.js';
import { buildElement, ElementExtId, ElementId, type Element } from './elements.js';
import { parseEhtCapabilities } from './eht.js';
import { parseHeCapabilities } from './he.js';
import { parseHtCapabilities } from './ht.js';
import { MAC_LEN } from './mac-address.js';
import { buildMgmtHeader, MgmtSubtype, parseMgmtHeader } from './mgmt-header.js';
import { buildRateElements, decodeRateSet, type RateSet } from './rates.js';
import { parseRsne, parseRsnxe, type ParsedRsnx, type RsnInfo } from './rsn-element.js';
import { parseVhtCapabilities } from './vht.js';

export interface AssocRequest {
  reassoc: boolean;
  da: Uint8Array;
  sa: Uint8Array;
  bssid: Uint8Array;
  seqCtrl: number;
  capabilityInfo: number;
  listenInterval: number;
  /** Reassociation only: the AP the STA is associated with (9.4.1.11). */
  currentAp?: Uint8Array;
  ssid: Uint8Array;
  /** Supported Rates then Extended Supported Rates octets as sent (0x80 = basic / selector). */
  rateOctets: number[];
  rates: RateSet;
  rsne?: RsnInfo;
  /** The whole RSN element as received (id, length, body): what EAPOL-Key message 2 must repeat. */
  rsneElement?: Uint8Array;
  rsnxe?: ParsedRsnx;
  rsnxeElement?: Uint8Array;
  /** Element bodies (after id/length, after the extension id) as NEW_STATION takes them. */
  htCapabilities?: Uint8Array;
  vhtCapabilities?: Uint8Array;
  heCapabilities?: Uint8Array;
  he6ghzBandCapabilities?: number;
  ehtCapabilities?: Uint8Array;
  extCapabilities?: Uint8Array;
  qosCapability?: number;
  powerCapability?: { minDbm: number; maxDbm: number };
  supportedChannels?: { first: number; count: number }[];
  supportedOperatingClasses?: Uint8Array;
  operatingModeNotification?: number;
  /** The Multi-Link element's data after the extension id, fragments joined; parsed by multi-link.ts. */
  multiLink?: Uint8Array;
  /** Vendor Specific element bodies (OUI first), in order. */
  vendor: Uint8Array[];
  /** Elements wifid does not interpret, raw. */
  others: Element[];
}

/** Exact body lengths (after the extension id for extension elements) of 802.11-2020 9.4.2. */
const FIXED_LEN = new Map<number, number>([
  [ElementId.POWER_CAPABILITY, 2], [ElementId.QOS_CAPABILITY, 1], [ElementId.MOBILITY_DOMAIN, 3],
  [ElementId.RM_ENABLED_CAPABILITIES, 5], [ElementId.BSS_COEXISTENCE_20_40, 1], [ElementId.OPERATING_MODE_NOTIFICATION, 1],
  [ElementId.HT_CAPABILITIES, 26], [ElementId.VHT_CAPABILITIES, 12], [0x100 | ElementExtId.HE_6GHZ_BAND_CAPABILITIES, 2],
]);
/** Elements that may appear more than once in a request (Vendor Specific; Fragment handled by defragmentation). */
const REPEATABLE = new Set<number>([ElementId.VENDOR_SPECIFIC]);

const keyOf = (e: Element) => (e.id === ElementId.EXTENSION ? 0x100 | e.extId! : e.id);
const nameOf = (e: Element) => (e.id === ElementId.EXTENSION ? `extension element ${e.extId}` : `element ${e.id}`);

function wholeElement(e: Element): Uint8Array {
  return buildElement(e.id, e.data);
}

/**
 * Parses a (Re)Association Request; `reassoc` must match the frame's subtype. Throws
 * FrameDecodeError for a wrong subtype, truncated fixed fields, a bad element length, a
 * duplicated element, or a missing SSID or Supported Rates element.
 */
export function parseAssocRequest(frame: Uint8Array, opts: { reassoc: boolean }): AssocRequest {
  const h = parseMgmtHeader(frame);
  const want = opts.reassoc ? MgmtSubtype.REASSOC_REQ : MgmtSubtype.ASSOC_REQ;
  const what = opts.reassoc ? 'reassociation request' : 'association request';
  if (h.subtype !== want) throw new FrameDecodeError('bad_value', what, 0, `management subtype ${h.subtype}`);
  let pos = h.headerLength;
  requireBytes(frame.length, pos, opts.reassoc ? 4 + MAC_LEN : 4, `${what} fixed fields`);
  const req: Partial<AssocRequest> & { vendor: Uint8Array[]; others: Element[] } = {
    reassoc: opts.reassoc, da: h.da, sa: h.sa, bssid: h.bssid, seqCtrl: h.seqCtrl,
    capabilityInfo: frame[pos] | (frame[pos + 1] << 8),
    listenInterval: frame[pos + 2] | (frame[pos + 3] << 8),
    vendor: [], others: [],
  };
  pos += 4;
  if (opts.reassoc) {
    req.currentAp = frame.slice(pos, pos + MAC_LEN);
    pos += MAC_LEN;
  }
  const base = pos;
  const seen = new Set<number>();
  let supported: Uint8Array | undefined;
  let extended: Uint8Array | undefined;
  const bad = (e: Element, detail: string): never => {
    throw new FrameDecodeError('bad_length', `${what} ${nameOf(e)}`, base + e.offset, detail);
  };
  for (const e of parseDefragmented(frame.subarray(base))) {
    const key = keyOf(e);
    if (!REPEATABLE.has(key)) {
      if (seen.has(key)) throw new FrameDecodeError('bad_value', `${what} ${nameOf(e)}`, base + e.offset, 'appears twice');
      seen.add(key);
    }
    const data = e.id === ElementId.EXTENSION ? e.data.subarray(1) : e.data;
    const fixed = FIXED_LEN.get(key);
    if (fixed !== undefined && data.length !== fixed) bad(e, `length ${data.length}, expected ${fixed}`);
    try {
      switch (key) {
        case ElementId.SSID:
          if (data.length > 32) bad(e, `SSID of ${data.length} bytes`);
          req.ssid = data.slice();
          break;
        case ElementId.SUPPORTED_RATES:
          if (data.length < 1 || data.length > 8) bad(e, `${data.length} rates, 1 to 8 allowed`);
          supported = data;
          break;
        case ElementId.EXT_SUPPORTED_RATES:
          if (data.length < 1) bad(e, 'no rates');
          extended = data;
          break;
        case ElementId.POWER_CAPABILITY:
          req.powerCapability = { minDbm: (data[0] << 24) >> 24, maxDbm: (data[1] << 24) >> 24 };
          break;
        case ElementId.SUPPORTED_CHANNELS:
          if (data.length < 2 || data.length % 2 !== 0) bad(e, `length ${data.length} is not a list of channel pairs`);
          req.supportedChannels = [];
          for (let i = 0; i < data.length; i += 2) req.supportedChannels.push({ first: data[i], count: data[i + 1] });
          break;
        case ElementId.RSN:
          req.rsne = parseRsne(data);
          req.rsneElement = wholeElement(e);
          break;
        case ElementId.RSNX:
          req.rsnxe = parseRsnxe(data);
          req.rsnxeElement = wholeElement(e);
          break;
        case ElementId.QOS_CAPABILITY:
          req.qosCapability = data[0];
          break;
        case ElementId.SUPPORTED_OPERATING_CLASSES:
          if (data.length < 1) bad(e, 'no current operating class');
          req.supportedOperatingClasses = data.slice();
          break;
        case ElementId.HT_CAPABILITIES:
          parseHtCapabilities(data);
          req.htCapabilities = data.slice();
          break;
        case ElementId.VHT_CAPABILITIES:
          parseVhtCapabilities(data);
          req.vhtCapabilities = data.slice();
          break;
        case ElementId.EXT_CAPABILITIES:
          if (data.length < 1) bad(e, 'empty');
          req.extCapabilities = data.slice();
          break;
        case ElementId.OPERATING_MODE_NOTIFICATION:
          req.operatingModeNotification = data[0];
          break;
        case 0x100 | ElementExtId.HE_CAPABILITIES:
          parseHeCapabilities(data);
          req.heCapabilities = data.slice();
          break;
        case 0x100 | ElementExtId.HE_6GHZ_BAND_CAPABILITIES:
          req.he6ghzBandCapabilities = data[0] | (data[1] << 8);
          break;
        case 0x100 | ElementExtId.EHT_CAPABILITIES:
          req.ehtCapabilities = data.slice(); // checked below, against the HE PHY field
          break;
        case 0x100 | ElementExtId.MULTI_LINK:
          if (data.length < 3) bad(e, `length ${data.length}: no Multi-Link Control and Common Info`);
          req.multiLink = data.slice();
          break;
        case ElementId.VENDOR_SPECIFIC:
          if (data.length < 3) bad(e, `length ${data.length} is shorter than an OUI`);
          req.vendor.push(data.slice());
          break;
        default:
          req.others.push(e);
      }
    } catch (err) {
      // A sub-parser names its element but not the frame; say both, at the element's offset.
      if (err instanceof FrameDecodeError && !err.what.startsWith(what)) {
        throw new FrameDecodeError(err.code, `${what} ${nameOf(e)}`, base + e.offset, err.message);
      }
      throw err;
    }
  }
  if (req.ehtCapabilities) {
    if (!req.heCapabilities) throw new FrameDecodeError('missing', `${what} EHT Capabilities element`, base, 'without HE Capabilities');
    parseEhtCapabilities(req.ehtCapabilities, parseHeCapabilities(req.heCapabilities).phy, false);
  }
  if (!req.ssid) throw new FrameDecodeError('missing', what, base, 'no SSID element');
  if (!supported) throw new FrameDecodeError('missing', what, base, 'no Supported Rates element');
  req.rateOctets = [...supported, ...(extended ?? [])];
  req.rates = decodeRateSet(new Uint8Array(req.rateOctets));
  return req as AssocRequest;
}

/** Timeout Interval types (9.4.2.49, Table 9-190). */
export const TimeoutIntervalType = { REASSOCIATION_DEADLINE: 1, KEY_LIFETIME: 2, ASSOCIATION_COMEBACK_TIME: 3 } as const;

/** Timeout Interval element: type, then a 32-bit value (TUs for the association comeback time). */
export function buildTimeoutIntervalElement(type: number, value: number): Uint8Array {
  const body = new Uint8Array(5);
  body[0] = type;
  new DataView(body.buffer).setUint32(1, value >>> 0, true);
  return buildElement(ElementId.TIMEOUT_INTERVAL, body);
}

export function parseTimeoutInterval(body: Uint8Array): { type: number; value: number } {
  if (body.length !== 5) throw new FrameDecodeError('bad_length', 'Timeout Interval element', 0, `length ${body.length}, expected 5`);
  return { type: body[0], value: new DataView(body.buffer, body.byteOffset).getUint32(1, true) };
}

/** Fixed AID bits: bits 14 and 15 of the AID field are set (9.4.1.8), as every AP sends them. */
const AID_FIELD_FLAGS = 0xc000;
export const MAX_AID = 2007;

export interface AssocResponseFields {
  da: Uint8Array;
  sa: Uint8Array;
  bssid: Uint8Array;
  reassoc: boolean;
  capabilityInfo: number;
  status: number;
  /** 1-2007 on success; 0 in a refusal. */
  aid: number;
  /** Rate octets of the BSS (rates.ts rateOctets). */
  rates: number[];
  /** With status 30 REFUSED_TEMPORARILY: the association comeback time (type 3, TUs), 11.3.5.3/11.13. */
  timeoutInterval?: { type: number; value: number };
  /** Whole elements: HT/VHT/HE/EHT capabilities and operation, extended capabilities, WMM... */
  elements?: Uint8Array[];
  /** Further whole elements (e.g. the Basic Multi-Link element), placed by the standard's order. */
  extraTail?: Uint8Array[];
}

export function buildAssocResponse(f: AssocResponseFields): Uint8Array {
  if (!Number.isInteger(f.aid) || f.aid < 0 || f.aid > MAX_AID) throw new RangeError(`AID ${f.aid}`);
  const w = new ByteWriter(256);
  w.bytes(buildMgmtHeader({ subtype: f.reassoc ? MgmtSubtype.REASSOC_RESP : MgmtSubtype.ASSOC_RESP, da: f.da, sa: f.sa, bssid: f.bssid }));
  w.le16(f.capabilityInfo).le16(f.status).le16(f.aid === 0 ? 0 : f.aid | AID_FIELD_FLAGS);
  const { supported, extended } = buildRateElements(f.rates);
  w.bytes(supported);
  const rest = [...(extended ? [extended] : []), ...(f.elements ?? []), ...(f.extraTail ?? [])];
  if (f.timeoutInterval) rest.push(buildTimeoutIntervalElement(f.timeoutInterval.type, f.timeoutInterval.value));
  for (const e of orderElements(rest)) w.bytes(e);
  return w.finish();
}
