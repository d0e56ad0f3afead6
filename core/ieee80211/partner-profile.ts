// A complete Per-STA Profile describing a partner link of an AP MLD (802.11be-2024
// 9.4.2.322.2.4, 35.3.3.4): what multi-link probe responses (35.3.4.2) and (re)association
// responses (35.3.5.1) carry per reported link. STA Info with the link's address, beacon
// interval, TSF offset, DTIM Info and BSS Parameters Change Count; the STA Profile with the
// frame's fixed fields for that link and only the elements that differ from the reporting
// frame's (minimalProfile), as hostapd's hostapd_gen_per_sta_profiles and
// ieee80211_ml_build_assoc_resp build them.
import { minimalProfile } from './inheritance.js';
import { MAX_LINK_ID, type PerStaProfile } from './multi-link.js';
import { buildStaProfileFields, type StaProfileFrame } from './sta-profile.js';

/** What an AP MLD knows of one of its links to describe it to a station on another. */
export interface PartnerLink {
  linkId: number;
  bssid: Uint8Array;
  beaconIntervalTu: number;
  dtimPeriod: number;
  /** Its TSF minus the reporting AP's; 0 when the driver does not tell (as hostapd). */
  tsfOffset?: bigint;
  bssParamsChangeCount?: number;
  capabilityInfo: number;
  /**
   * The elements (after the fixed fields) of the frame as that link would send it; absent
   * for a link refused in a (re)association response, whose profile carries none.
   */
  elements?: Uint8Array;
  /** (Re)association responses: that link's status. */
  statusCode?: number;
}

/** The complete Per-STA Profile of `p` in a `frame` whose own elements are `reportingElements`. */
export function buildCompleteProfile(reportingElements: Uint8Array, p: PartnerLink, frame: StaProfileFrame): PerStaProfile {
  if (p.linkId > MAX_LINK_ID) throw new RangeError(`link id ${p.linkId} is not 0-${MAX_LINK_ID}`);
  const profile: PerStaProfile = {
    linkId: p.linkId,
    completeProfile: true,
    staAddr: p.bssid,
    beaconIntervalTu: p.beaconIntervalTu,
    tsfOffset: p.tsfOffset ?? 0n,
    // DTIM Count is that of the next beacon, unknown to a frame built ahead; hostapd writes 0 too.
    dtim: { count: 0, period: p.dtimPeriod },
    profile: buildStaProfileFields({
      capabilityInfo: p.capabilityInfo,
      ...(p.statusCode !== undefined ? { statusCode: p.statusCode } : {}),
      elements: p.elements ? minimalProfile(reportingElements, p.elements) : new Uint8Array(0),
    }, frame),
  };
  if (p.bssParamsChangeCount !== undefined) profile.bssParamsChangeCount = p.bssParamsChangeCount;
  return profile;
}
