// Reduced Neighbor Report element (IEEE 802.11-2020 9.4.2.170, element 201, with the MLD
// Parameters subfield of 802.11be-2024 Figure 9-734c): Neighbor AP Information fields, each a
// TBTT Information Header (type B0-B1, filtered neighbor AP B2, count minus one B4-B7), the
// TBTT Information Length, operating class and channel, then `count` TBTT Information
// fields whose content the length selects (Table 9-281). An AP MLD lists its other links
// here with 16-octet fields: TBTT offset, BSSID, short SSID, BSS parameters, 20 MHz PSD
// and the MLD parameters (AP MLD ID, link id, BSS parameters change count), as hostapd's
// hostapd_eid_rnr_bss writes them and wpa_supplicant's wpa_bss_parse_ml_rnr_ap_info reads them.
import { crc32 } from './crc32.js';
import { FrameDecodeError } from './decode-error.js';
import { ByteWriter } from './byte-writer.js';
import { buildElement, ELEMENT_MAX_BODY, ElementId } from './elements.js';
import { MAC_LEN } from './mac-address.js';
import { checkLinkId } from './multi-link.js';

const RNR = 'Reduced Neighbor Report';

/** TBTT Information Field Type (B0-B1): 0 is the one defined for APs; 1 carries MLD parameters only (802.11be). */
export const TbttInfoType = { NEIGHBOR_AP: 0, MLD: 1 } as const;

/** BSS Parameters subfield (802.11-2020 Figure 9-632a). */
export const RnrBssParams = {
  OCT_RECOMMENDED: 0x01,
  SAME_SSID: 0x02,
  MULTIPLE_BSSID: 0x04,
  TRANSMITTED_BSSID: 0x08,
  MEMBER_OF_COLOCATED_ESS: 0x10,
  UNSOLICITED_PROBE_RESPONSES: 0x20,
  COLOCATED_AP: 0x40,
} as const;

/** Neighbor AP TBTT Offset "unknown" and 20 MHz PSD "no limit", the values hostapd writes. */
export const TBTT_OFFSET_UNKNOWN = 255;
export const PSD_NO_LIMIT = 127;

/** TBTT Information Length with and without the MLD Parameters. */
export const TBTT_INFO_LEN = 13;
export const TBTT_INFO_MLD_LEN = 16;
const MAX_TBTT_COUNT = 16;

export interface MldParameters {
  apMldId: number;
  linkId: number;
  bssParamsChangeCount: number;
  allUpdatesIncluded: boolean;
  disabledLink: boolean;
}

export interface TbttInfo {
  tbttOffset?: number;
  bssid?: Uint8Array;
  shortSsid?: number;
  bssParams?: number;
  /** 20 MHz PSD in 0.5 dBm/MHz units, signed; 127 means no limit. */
  psd20?: number;
  mld?: MldParameters;
  /** The whole field, for contents this parser does not know (other lengths or types). */
  raw: Uint8Array;
}

export interface NeighborApInfo {
  type: number;
  filtered: boolean;
  opClass: number;
  channel: number;
  tbttInfoLength: number;
  entries: TbttInfo[];
}

/** Short SSID: the CRC-32 of the SSID (802.11-2020 9.4.2.170.3), as hostapd's ieee80211_crc32. */
export function shortSsid(ssid: Uint8Array): number {
  return crc32(ssid);
}

function readMld(v: Uint8Array, at: number): MldParameters {
  const params = v[at + 1] | (v[at + 2] << 8);
  return {
    apMldId: v[at],
    linkId: params & 0x000f,
    bssParamsChangeCount: (params >> 4) & 0xff,
    allUpdatesIncluded: (params & 0x1000) !== 0,
    disabledLink: (params & 0x2000) !== 0,
  };
}

const le32 = (v: Uint8Array, at: number) => (v[at] | (v[at + 1] << 8) | (v[at + 2] << 16) | (v[at + 3] << 24)) >>> 0;
const s8 = (x: number) => (x << 24) >> 24;

/** Decodes one TBTT Information field by its length (Table 9-281; 16 adds the MLD Parameters, longer ones are extended). */
function decodeTbttInfo(type: number, v: Uint8Array): TbttInfo {
  const t: TbttInfo = { raw: v.slice() };
  if (type === TbttInfoType.MLD) {
    if (v.length >= 3) t.mld = readMld(v, 0);
    return t;
  }
  if (type !== TbttInfoType.NEIGHBOR_AP || v.length === 0) return t;
  t.tbttOffset = v[0];
  const len = v.length;
  if (len === 2) t.bssParams = v[1];
  else if (len === 5 || len === 6) {
    t.shortSsid = le32(v, 1);
    if (len === 6) t.bssParams = v[5];
  } else if (len >= 7 && len <= 9) {
    t.bssid = v.slice(1, 1 + MAC_LEN);
    if (len >= 8) t.bssParams = v[7];
    if (len >= 9) t.psd20 = s8(v[8]);
  } else if (len >= 11) {
    t.bssid = v.slice(1, 1 + MAC_LEN);
    t.shortSsid = le32(v, 7);
    if (len >= 12) t.bssParams = v[11];
    if (len >= 13) t.psd20 = s8(v[12]);
    if (len >= TBTT_INFO_MLD_LEN) t.mld = readMld(v, 13);
  }
  return t;
}

/** Parses a Reduced Neighbor Report element body. */
export function parseRnr(body: Uint8Array): NeighborApInfo[] {
  const out: NeighborApInfo[] = [];
  let pos = 0;
  while (pos < body.length) {
    if (body.length - pos < 4) throw new FrameDecodeError('truncated', `${RNR} Neighbor AP Information`, pos, `header needs 4 octets, ${body.length - pos} left`);
    const hdr = body[pos];
    const count = (hdr >> 4) + 1;
    const len = body[pos + 1];
    const setLen = count * len;
    if (setLen > body.length - pos - 4) {
      throw new FrameDecodeError('truncated', `${RNR} TBTT Information Set`, pos, `${count} fields of ${len} octets but ${body.length - pos - 4} left`);
    }
    const info: NeighborApInfo = { type: hdr & 0x03, filtered: (hdr & 0x04) !== 0, opClass: body[pos + 2], channel: body[pos + 3], tbttInfoLength: len, entries: [] };
    for (let i = 0; i < count; i++) {
      const at = pos + 4 + i * len;
      info.entries.push(decodeTbttInfo(info.type, body.subarray(at, at + len)));
    }
    out.push(info);
    pos += 4 + setLen;
  }
  return out;
}

export interface RnrAp {
  bssid: Uint8Array;
  shortSsid: number;
  bssParams: number;
  tbttOffset?: number;
  psd20?: number;
  mld?: MldParameters;
}

export interface RnrNeighbor {
  opClass: number;
  channel: number;
  aps: RnrAp[];
}

function checkMld(m: MldParameters): void {
  if (m.linkId !== 15) checkLinkId(m.linkId);
}

/**
 * Reduced Neighbor Report element(s) with one Neighbor AP Information field per channel
 * (more when a channel has over 16 APs), 16-octet TBTT Information fields when the APs carry
 * MLD parameters and 13-octet ones otherwise; a new element starts where 255 octets would
 * be exceeded, as hostapd does. Empty input gives no bytes.
 */
export function buildRnr(neighbors: readonly RnrNeighbor[]): Uint8Array {
  const infos: Uint8Array[] = [];
  for (const n of neighbors) {
    const mld = n.aps.some((a) => a.mld);
    if (mld && !n.aps.every((a) => a.mld)) throw new RangeError(`channel ${n.channel}: every AP or none carries MLD parameters`);
    const len = mld ? TBTT_INFO_MLD_LEN : TBTT_INFO_LEN;
    // A Neighbor AP Information field never spans two elements: at most 15 MLD entries fit.
    const perInfo = Math.min(MAX_TBTT_COUNT, Math.floor((ELEMENT_MAX_BODY - 4) / len));
    for (let i = 0; i < n.aps.length; i += perInfo) {
      const group = n.aps.slice(i, i + perInfo);
      const w = new ByteWriter(4 + group.length * len).u8(((group.length - 1) << 4) | TbttInfoType.NEIGHBOR_AP).u8(len).u8(n.opClass).u8(n.channel);
      for (const a of group) {
        if (a.bssid.length !== MAC_LEN) throw new RangeError('BSSID is not 6 octets');
        w.u8(a.tbttOffset ?? TBTT_OFFSET_UNKNOWN).bytes(a.bssid)
          .le16(a.shortSsid & 0xffff).le16(a.shortSsid >>> 16)
          .u8(a.bssParams).u8(a.psd20 ?? PSD_NO_LIMIT);
        if (a.mld) {
          checkMld(a.mld);
          const m = a.mld;
          w.u8(m.apMldId).le16(m.linkId | ((m.bssParamsChangeCount & 0xff) << 4) | (m.allUpdatesIncluded ? 0x1000 : 0) | (m.disabledLink ? 0x2000 : 0));
        }
      }
      infos.push(w.finish());
    }
  }
  const out = new ByteWriter();
  let body = new ByteWriter();
  for (const info of infos) {
    if (body.length + info.length > ELEMENT_MAX_BODY) {
      out.bytes(buildElement(ElementId.REDUCED_NEIGHBOR_REPORT, body.finish()));
      body = new ByteWriter();
    }
    body.bytes(info);
  }
  if (body.length) out.bytes(buildElement(ElementId.REDUCED_NEIGHBOR_REPORT, body.finish()));
  return out.finish();
}
