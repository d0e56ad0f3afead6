// The order of elements in Beacon, Probe Response and (Re)Association Response frames
// (IEEE 802.11-2020 Tables 9-32, 9-38, 9-35; 802.11ax/802.11be add theirs after RSNXE):
// the builders take their elements as a set and place each by this table, so an element
// added later (extraTail: the Multi-Link element, a Reduced Neighbor Report) lands where
// the standard puts it, not wherever it was appended. Vendor Specific elements go last.
import { ElementId as E, ElementExtId as X } from './elements.js';

const ext = (id: number) => 0x100 | id;
const ORDER: readonly number[] = [
  E.COUNTRY, E.POWER_CONSTRAINT, E.CHANNEL_SWITCH_ANNOUNCEMENT, E.QUIET, E.TPC_REPORT, E.ERP, E.EXT_SUPPORTED_RATES,
  E.RSN, E.BSS_LOAD, E.EDCA_PARAMETER_SET, E.QOS_CAPABILITY, E.AP_CHANNEL_REPORT, E.RM_ENABLED_CAPABILITIES,
  E.MULTIPLE_BSSID, E.MOBILITY_DOMAIN, E.FAST_BSS_TRANSITION, E.TIMEOUT_INTERVAL, E.SUPPORTED_OPERATING_CLASSES,
  E.HT_CAPABILITIES, E.HT_OPERATION, E.BSS_COEXISTENCE_20_40, E.OVERLAPPING_BSS_SCAN_PARAMS, E.EXT_CAPABILITIES,
  E.BSS_MAX_IDLE_PERIOD, E.INTERWORKING, E.VHT_CAPABILITIES, E.VHT_OPERATION, E.TRANSMIT_POWER_ENVELOPE,
  E.OPERATING_MODE_NOTIFICATION, E.REDUCED_NEIGHBOR_REPORT, E.RSNX,
  ext(X.HE_CAPABILITIES), ext(X.HE_OPERATION), ext(X.SPATIAL_REUSE_PARAMETER_SET), ext(X.MU_EDCA_PARAMETER_SET),
  ext(X.HE_6GHZ_BAND_CAPABILITIES), ext(X.MULTI_LINK), ext(X.EHT_CAPABILITIES), ext(X.EHT_OPERATION), ext(X.TID_TO_LINK_MAPPING),
];
const RANK = new Map(ORDER.map((key, i) => [key, i]));
/** Elements the table does not know go after those it does, before vendor elements, in the order given. */
const UNKNOWN_RANK = ORDER.length;
const VENDOR_RANK = ORDER.length + 1;

function rankOf(element: Uint8Array): number {
  if (element.length < 2) throw new RangeError('an element needs an id and a length');
  const id = element[0];
  if (id === E.VENDOR_SPECIFIC) return VENDOR_RANK;
  const key = id === E.EXTENSION && element.length >= 3 ? ext(element[2]) : id;
  return RANK.get(key) ?? UNKNOWN_RANK;
}

/** Whole elements (id, length, body each) in the standard's order; equal ranks keep their given order. */
export function orderElements(elements: readonly Uint8Array[]): Uint8Array[] {
  return elements.map((e, i) => ({ e, i, r: rankOf(e) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.e);
}
