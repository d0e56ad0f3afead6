// Multi-link probing (802.11be-2024 35.3.4.2): a station asks one AP of an AP MLD for the
// other links with a Probe Request Multi-Link element (Multi-Link type 1, 9.4.2.322.3: AP MLD
// ID and MLD MAC address optional in Common Info, one Per-STA Profile per requested link with
// only a STA Control: link id and "complete profile requested"; none means every link), and
// the AP answers with a Basic Multi-Link element holding a complete Per-STA Profile of each
// requested partner link. Layouts as wpa_supplicant_ml_probe_ie writes and hostapd's
// parse_ml_probe_req reads; the partner profiles are built as hostapd_gen_per_sta_profiles
// (STA MAC, beacon interval, TSF offset and DTIM in STA Info; inheritance for the elements;
// partner-profile.ts).
import { FrameDecodeError } from './decode-error.js';
import { ByteWriter } from './byte-writer.js';
import { buildFragmented, FRAGMENT_SUBELEMENT_ID, parseDefragmented } from './element-fragments.js';
import { MAC_LEN } from './mac-address.js';
import { buildCompleteProfile, type PartnerLink } from './partner-profile.js';
export type { PartnerLink } from './partner-profile.js';
import { ElementExtId, ElementId } from './elements.js';
import {
  buildMultiLinkElement, checkLinkId, le16, multiLinkType, MultiLinkSubelement, MultiLinkType, profileLinkId, splitMultiLink, StaControl,
  type PerStaProfile,
} from './multi-link.js';

const PROBE = 'Probe Request Multi-Link element';

/** Presence bits, as bits of the Multi-Link Control field. */
export const ProbeRequestPresence = {
  AP_MLD_ID: 0x0010,
  MLD_MAC_ADDRESS: 0x0020,
} as const;

export interface ProbeRequestLink {
  linkId: number;
  completeProfile: boolean;
  /** STA Profile field (e.g. a Request element for a partial profile), raw. */
  elements: Uint8Array;
}

export interface ProbeRequestMultiLink {
  /** The AP MLD probed, when it is not the one of the receiving AP. */
  apMldId?: number;
  mldAddr?: Uint8Array;
  /** Empty: every link of the AP MLD. */
  links: ProbeRequestLink[];
}

export function buildProbeRequestMultiLink(ml: ProbeRequestMultiLink): Uint8Array {
  let control: number = MultiLinkType.PROBE_REQUEST;
  const common = new ByteWriter(8);
  if (ml.apMldId !== undefined) { control |= ProbeRequestPresence.AP_MLD_ID; common.u8(ml.apMldId); }
  if (ml.mldAddr) {
    if (ml.mldAddr.length !== MAC_LEN) throw new RangeError('MLD MAC address is not 6 octets');
    control |= ProbeRequestPresence.MLD_MAC_ADDRESS;
    common.bytes(ml.mldAddr);
  }
  const subs = ml.links.map((l) => {
    checkLinkId(l.linkId);
    const body = new ByteWriter(2 + l.elements.length).le16(l.linkId | (l.completeProfile ? StaControl.COMPLETE_PROFILE : 0)).bytes(l.elements).finish();
    return buildFragmented(MultiLinkSubelement.PER_STA_PROFILE, body, FRAGMENT_SUBELEMENT_ID);
  });
  return buildMultiLinkElement(control, common.finish(), subs);
}

/** Parses a Probe Request Multi-Link element's data (after the extension id, fragments joined). */
export function parseProbeRequestMultiLink(data: Uint8Array): ProbeRequestMultiLink {
  const parts = splitMultiLink(data, PROBE);
  if (parts.type !== MultiLinkType.PROBE_REQUEST) throw new FrameDecodeError('bad_value', PROBE, 0, `type ${parts.type} is not Probe Request`);
  const { control, common: c } = parts;
  const hasId = (control & ProbeRequestPresence.AP_MLD_ID) !== 0;
  const hasAddr = (control & ProbeRequestPresence.MLD_MAC_ADDRESS) !== 0;
  const need = (hasId ? 1 : 0) + (hasAddr ? MAC_LEN : 0);
  if (c.length < need) throw new FrameDecodeError('bad_length', `${PROBE} Common Info`, 2, `length ${c.length + 1}, the presence bitmap needs ${need + 1}`);
  const ml: ProbeRequestMultiLink = { links: [] };
  if (hasId) ml.apMldId = c[0];
  if (hasAddr) ml.mldAddr = c.slice(hasId ? 1 : 0, (hasId ? 1 : 0) + MAC_LEN);
  for (const sub of parts.subelements) {
    if (sub.id !== MultiLinkSubelement.PER_STA_PROFILE) continue;
    if (sub.data.length < 2) throw new FrameDecodeError('bad_length', `${PROBE} Per-STA Profile`, sub.offset, `length ${sub.data.length}, needs STA Control`);
    const sc = le16(sub.data, 0);
    ml.links.push({
      linkId: profileLinkId(sc, `${PROBE} Per-STA Profile`, sub.offset + 2),
      completeProfile: (sc & StaControl.COMPLETE_PROFILE) !== 0,
      elements: sub.data.slice(2),
    });
  }
  return ml;
}

/**
 * The Probe Request Multi-Link element among a probe request's elements (after the header),
 * or undefined when it has none (a Multi-Link element of another type is not one).
 * FrameDecodeError when the elements or that element are malformed.
 */
export function findProbeRequestMultiLink(elements: Uint8Array): ProbeRequestMultiLink | undefined {
  for (const e of parseDefragmented(elements)) {
    if (e.id !== ElementId.EXTENSION || e.extId !== ElementExtId.MULTI_LINK) continue;
    const data = e.data.subarray(1);
    if (multiLinkType(data) === MultiLinkType.PROBE_REQUEST) return parseProbeRequestMultiLink(data);
  }
  return undefined;
}

/** The link ids a probe asks for among `available` (every one when it names none), each once, in order. */
export function requestedLinkIds(ml: ProbeRequestMultiLink, available: readonly number[]): number[] {
  if (ml.links.length === 0) return [...available];
  const asked = new Set(ml.links.map((l) => l.linkId));
  return available.filter((id) => asked.has(id));
}

/**
 * Complete Per-STA Profiles of `partners` for a probe response sent on the reporting link,
 * whose own probe response elements are `reportingElements`; each profile holds only what
 * differs from them (minimalProfile). Feed the result to buildBasicMultiLink's `profiles`.
 */
export function buildPartnerProfiles(reportingElements: Uint8Array, partners: readonly PartnerLink[]): PerStaProfile[] {
  return partners.map((p) => buildCompleteProfile(reportingElements, p, 'probe-response'));
}
