// Beacon and Probe Response frames of an AP's BSS (IEEE 802.11-2020 9.3.3.2, 9.3.3.10).
// nl80211 takes a beacon as head and tail (NL80211_ATTR_BEACON_HEAD/TAIL): mac80211
// inserts the TIM element between them, so the head ends after the DSSS Parameter Set
// and the tail holds every element after the TIM, in the standard's order
// (element-order.ts). A probe response is the same frame without the TIM, always with
// the real SSID (a hidden BSS answers a probe for its SSID).
import { ByteWriter } from './byte-writer.js';
import { buildDsParamsElement, buildElement, buildSsidElement, ElementId } from './elements.js';
import { orderElements } from './element-order.js';
import { BROADCAST_MAC } from './mac-address.js';
import { buildMgmtHeader, MgmtSubtype } from './mgmt-header.js';
import { buildRateElements } from './rates.js';

/** ERP element flags (9.4.2.11). */
export const ErpFlag = { NON_ERP_PRESENT: 1 << 0, USE_PROTECTION: 1 << 1, BARKER_PREAMBLE_MODE: 1 << 2 } as const;

/**
 * What a BSS advertises. Element fields hold whole elements (id + length + body) as
 * their builders return them (encodeRsne, buildHtCapabilities, ...), so the bytes in the
 * beacon are exactly the bytes the 4-way handshake compares.
 */
export interface BssTemplate {
  bssid: Uint8Array;
  ssid: Uint8Array;
  /** Beacon carries an empty SSID (hostapd ignore_broadcast_ssid=1); probe responses still carry it. */
  hidden?: boolean;
  beaconIntTu: number;
  /** Capability Information (capability-info.ts CapabilityInfo). */
  capabilityInfo: number;
  /** Primary channel: written as the DSSS Parameter Set on 2.4 and 5 GHz (9.4.2.4), not on 6 GHz. */
  channel: number;
  band: '2.4GHz' | '5GHz' | '6GHz';
  /** Rate octets (rates.ts rateOctets: 500 kb/s units, 0x80 = basic; BSS membership selectors included). */
  rates: number[];
  /** ERP element flags; the ERP element is sent on 2.4 GHz only (9.4.2.11). */
  erp?: number;
  country?: Uint8Array;
  rsne?: Uint8Array;
  rsnxe?: Uint8Array;
  htCapabilities?: Uint8Array;
  htOperation?: Uint8Array;
  vhtCapabilities?: Uint8Array;
  vhtOperation?: Uint8Array;
  heCapabilities?: Uint8Array;
  heOperation?: Uint8Array;
  he6ghzBandCapabilities?: Uint8Array;
  ehtCapabilities?: Uint8Array;
  ehtOperation?: Uint8Array;
  extCapabilities?: Uint8Array;
  /** Vendor elements, e.g. the WMM Parameter element. */
  vendorElements?: Uint8Array[];
  /** Further whole elements (Multi-Link, Reduced Neighbor Report, ...), placed by the standard's order. */
  extraTail?: Uint8Array[];
}

const TIMESTAMP_LEN = 8;

function fixedFields(w: ByteWriter, bss: BssTemplate): void {
  if (!Number.isInteger(bss.beaconIntTu) || bss.beaconIntTu < 1 || bss.beaconIntTu > 0xffff) throw new RangeError(`beacon interval ${bss.beaconIntTu} TU`);
  // Timestamp left 0: the driver writes the TSF on transmission.
  w.bytes(new Uint8Array(TIMESTAMP_LEN)).le16(bss.beaconIntTu).le16(bss.capabilityInfo);
}

function headElements(w: ByteWriter, bss: BssTemplate, ssid: Uint8Array): void {
  w.bytes(buildSsidElement(ssid)).bytes(buildRateElements(bss.rates).supported);
  if (bss.band !== '6GHz') w.bytes(buildDsParamsElement(bss.channel));
}

/** Every element after the TIM, in the standard's order. */
export function bssTailElements(bss: BssTemplate, extra: readonly Uint8Array[] = []): Uint8Array {
  const { extended } = buildRateElements(bss.rates);
  const list = [
    bss.country, bss.band === '2.4GHz' && bss.erp !== undefined ? buildElement(ElementId.ERP, new Uint8Array([bss.erp])) : undefined,
    extended, bss.rsne, bss.htCapabilities, bss.htOperation, bss.extCapabilities, bss.vhtCapabilities, bss.vhtOperation,
    bss.rsnxe, bss.heCapabilities, bss.heOperation, bss.he6ghzBandCapabilities, bss.ehtCapabilities, bss.ehtOperation,
    ...(bss.vendorElements ?? []), ...(bss.extraTail ?? []), ...extra,
  ].filter((e): e is Uint8Array => e !== undefined);
  const w = new ByteWriter(512);
  for (const e of orderElements(list)) w.bytes(e);
  return w.finish();
}

/** Beacon head (header, fixed fields, SSID, Supported Rates, DSSS Parameter Set) and tail (after the TIM). */
export function buildBeacon(bss: BssTemplate): { head: Uint8Array; tail: Uint8Array } {
  const w = new ByteWriter(128);
  w.bytes(buildMgmtHeader({ subtype: MgmtSubtype.BEACON, da: BROADCAST_MAC, sa: bss.bssid, bssid: bss.bssid }));
  fixedFields(w, bss);
  headElements(w, bss, bss.hidden ? new Uint8Array(0) : bss.ssid);
  return { head: w.finish(), tail: bssTailElements(bss) };
}

/**
 * A Probe Response to `da` (broadcast for the nl80211 probe response template),
 * `extraTail` adding elements for this response only (e.g. a Multi-Link element
 * answering a multi-link probe request).
 */
export function buildProbeResponse(bss: BssTemplate, da: Uint8Array = BROADCAST_MAC, extraTail: readonly Uint8Array[] = []): Uint8Array {
  const w = new ByteWriter(512);
  w.bytes(buildMgmtHeader({ subtype: MgmtSubtype.PROBE_RESP, da, sa: bss.bssid, bssid: bss.bssid }));
  fixedFields(w, bss);
  headElements(w, bss, bss.ssid);
  w.bytes(bssTailElements(bss, extraTail));
  return w.finish();
}
