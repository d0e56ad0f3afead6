// Element inheritance in a Per-STA Profile (802.11be-2024 35.3.3.4, with the Non-Inheritance
// element of 802.11-2020 9.4.2.240, element 255 / extension 56): the reported link has every
// element of the reporting frame, except those the profile carries itself (which replace
// all the reporting frame's elements of that kind) and those the Non-Inheritance element
// lists. "Of that kind" is the element id, the extension id for id 255, and the first five
// octets (OUI, type, subtype) for Vendor Specific elements, as Linux's cfg80211_gen_new_ie.
// The Multi-Link element and the Non-Inheritance element themselves are never inherited.
import { FrameDecodeError } from './decode-error.js';
import { ElementExtId, ElementId, buildElement } from './elements.js';
import { buildFragmented, concatBytes, parseDefragmented, type DefragmentedElement } from './element-fragments.js';

export interface NonInheritance {
  /** Element IDs not inherited (221 stands for every Vendor Specific element). */
  ids: number[];
  /** Element ID Extensions not inherited. */
  extIds: number[];
}

const NI = 'Non-Inheritance element';
const VENDOR_KEY_LEN = 5;

/** Parses a Non-Inheritance element's data (after the extension id): two counted lists, both counts mandatory. */
export function parseNonInheritance(data: Uint8Array): NonInheritance {
  if (data.length < 1) throw new FrameDecodeError('truncated', NI, 0, 'no List Of Element IDs length');
  const idLen = data[0];
  if (data.length < 2 + idLen) throw new FrameDecodeError('truncated', NI, 0, `${idLen} element ids and the extension list length need ${2 + idLen} octets, ${data.length} present`);
  const extLen = data[1 + idLen];
  if (data.length < 2 + idLen + extLen) throw new FrameDecodeError('truncated', NI, 1 + idLen, `${extLen} extension ids do not fit`);
  return { ids: [...data.subarray(1, 1 + idLen)], extIds: [...data.subarray(2 + idLen, 2 + idLen + extLen)] };
}

/** The whole Non-Inheritance element. */
export function buildNonInheritance(ni: NonInheritance): Uint8Array {
  return buildElement(ElementId.EXTENSION, new Uint8Array([ElementExtId.NON_INHERITANCE, ni.ids.length, ...ni.ids, ni.extIds.length, ...ni.extIds]));
}

/** What "the same element" means for inheritance. */
export function inheritanceKey(e: DefragmentedElement): string {
  if (e.id === ElementId.EXTENSION) return `ext${e.extId}`;
  if (e.id === ElementId.VENDOR_SPECIFIC) return `vendor${Buffer.from(e.data.subarray(0, VENDOR_KEY_LEN)).toString('hex')}`;
  return `${e.id}`;
}

const isExt = (e: DefragmentedElement, extId: number) => e.id === ElementId.EXTENSION && e.extId === extId;
/** A Fragment element that follows no 255-octet element continues nothing; both ends drop it (as Linux). */
const isStrayFragment = (e: DefragmentedElement) => e.id === ElementId.FRAGMENT;
const neverInherited = (e: DefragmentedElement) => isExt(e, ElementExtId.MULTI_LINK) || isExt(e, ElementExtId.NON_INHERITANCE) || isStrayFragment(e);

function groupByKey(elements: readonly DefragmentedElement[]): Map<string, DefragmentedElement[]> {
  const groups = new Map<string, DefragmentedElement[]>();
  for (const e of elements) {
    const k = inheritanceKey(e);
    const g = groups.get(k);
    if (g) g.push(e); else groups.set(k, [e]);
  }
  return groups;
}

const encode = (elements: readonly DefragmentedElement[]) => concatBytes(elements.map((e) => buildFragmented(e.id, e.data)));

/**
 * The complete element list of a reported link: `reporting` (the elements of the frame that
 * carries the Multi-Link element) expanded with a profile's `profileElements`. Throws
 * FrameDecodeError on malformed elements or a malformed Non-Inheritance element.
 */
export function expandProfile(reporting: Uint8Array, profileElements: Uint8Array): Uint8Array {
  const own = parseDefragmented(profileElements);
  const niElement = own.find((e) => isExt(e, ElementExtId.NON_INHERITANCE));
  const ni = niElement ? parseNonInheritance(niElement.data.subarray(1)) : { ids: [], extIds: [] };
  const ownGroups = groupByKey(own.filter((e) => e !== niElement && !isStrayFragment(e)));
  const emitted = new Set<string>();
  const out: DefragmentedElement[] = [];
  for (const e of parseDefragmented(reporting)) {
    if (neverInherited(e)) continue;
    const k = inheritanceKey(e);
    const replacement = ownGroups.get(k);
    if (replacement) {
      // The profile's elements of this kind take the place of the first reporting one.
      if (!emitted.has(k)) out.push(...replacement);
      emitted.add(k);
    } else if (e.id === ElementId.EXTENSION ? !ni.extIds.includes(e.extId!) : !ni.ids.includes(e.id)) {
      out.push(e);
    }
  }
  for (const [k, group] of ownGroups) if (!emitted.has(k)) out.push(...group);
  return encode(out);
}

/**
 * Elements that describe the reporting AP's own BSS or the whole MLD, which a profile never
 * carries (hostapd's is_restricted_eid_in_sta_profile): TIM, Neighbor Report, Multiple BSSID,
 * BSS Max Idle Period, Reduced Neighbor Report, and the Multi-Link element.
 */
const NOT_IN_PROFILE_IDS = new Set([5, 52, 71, 90, ElementId.REDUCED_NEIGHBOR_REPORT, ElementId.FRAGMENT]);
const notInProfile = (e: DefragmentedElement) =>
  NOT_IN_PROFILE_IDS.has(e.id) || isExt(e, ElementExtId.MULTI_LINK) || isExt(e, ElementExtId.NON_INHERITANCE);

const sameGroup = (a: readonly DefragmentedElement[], b: readonly DefragmentedElement[]) =>
  a.length === b.length && a.every((e, i) => Buffer.from(e.data).equals(b[i].data));

/**
 * The smallest profile element list for a partner link whose complete element list is `full`,
 * reported in a frame whose elements are `reporting`: the partner's elements that differ from
 * or are missing in the reporting frame, then (last, where hostapd's parser expects it) a
 * Non-Inheritance element listing the reporting frame's elements the partner lacks.
 * Vendor Specific elements can only be refused all together (id 221), so when the partner lacks
 * one of the reporting frame's, 221 is listed and all the partner's own are carried.
 */
export function minimalProfile(reporting: Uint8Array, full: Uint8Array): Uint8Array {
  const repGroups = groupByKey(parseDefragmented(reporting).filter((e) => !notInProfile(e)));
  const fullGroups = groupByKey(parseDefragmented(full).filter((e) => !notInProfile(e)));
  const ni: NonInheritance = { ids: [], extIds: [] };
  let refuseVendor = false;
  for (const [k, group] of repGroups) {
    if (fullGroups.has(k)) continue;
    const e = group[0];
    if (e.id === ElementId.VENDOR_SPECIFIC) refuseVendor = true;
    else if (e.id === ElementId.EXTENSION) ni.extIds.push(e.extId!);
    else ni.ids.push(e.id);
  }
  if (refuseVendor) ni.ids.push(ElementId.VENDOR_SPECIFIC);
  const out: DefragmentedElement[] = [];
  for (const [k, group] of fullGroups) {
    const rep = repGroups.get(k);
    const vendorKept = refuseVendor && group[0].id === ElementId.VENDOR_SPECIFIC;
    if (!rep || vendorKept || !sameGroup(rep, group)) out.push(...group);
  }
  const bytes = encode(out);
  return ni.ids.length || ni.extIds.length ? concatBytes([bytes, buildNonInheritance(ni)]) : bytes;
}
