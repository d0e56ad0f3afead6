// The multi-link probe a station makes before it associates with an AP MLD (802.11be-2024
// 35.3.4.2). cfg80211's ASSOCIATE needs a BSS entry for every link it is given (looked up
// by BSSID and channel), and a partner link that only the heard AP's Reduced Neighbor
// Report names has none. So the station sends that AP a probe request directed to its
// BSSID, on its channel, with a Probe Request Multi-Link element asking for the complete
// profiles of the missing links (AP MLD ID 0: the MLD of the AP addressed, as
// wpa_supplicant's "ML probe for missing links" asks); from the complete Per-STA Profiles
// of the answer cfg80211 makes a BSS entry for each of those links (net/wireless/scan.c,
// cfg80211_parse_ml_elem_sta_data, with the channel from the RNR), and the association
// can use them.
//
// The answer counts only while the scan still dwells on that channel: mac80211 takes
// probe responses in the scan alone, and mac80211_hwsim dwells 30 ms per channel (it
// ignores NL80211_ATTR_MEASUREMENT_DURATION, which only drivers with
// NL80211_EXT_FEATURE_SET_SCAN_DWELL accept), while an AP that answers from userspace (as
// hostapd and wifid do) may take longer. The probe is therefore sent up to ML_PROBE_TRIES
// times; a link still without an entry after them is left out of the association, which
// goes ahead over the links that have one (logged and shown in status, not an error).
import { buildProbeRequestMultiLink } from '../../core/ieee80211/multi-link-probe.js';
import { scanForSsid, type ConnectScanHost, type ConnectScanParams, type RnrPartner, type ScannedBss } from './connect-scan.js';

/** Multi-link probes sent before the association goes ahead without the links still missing. */
export const ML_PROBE_TRIES = 4;

/** What the multi-link probe of a connection asked and learned (wifid.sta status `ml_probe`). */
export type MlProbeReport = {
  /** The AP addressed: the association link's BSSID. */
  bssid: string;
  /** Link ids asked for (named in the RNR, without a BSS entry). */
  links: number[];
  /** Link ids that have a BSS entry after the probes. */
  learned: number[];
  /** Probe scans sent. */
  probes: number;
};

/**
 * The partner links of `chosen`'s AP MLD its RNR names that have no BSS among `all` (no
 * affiliated AP of that AP MLD with that link id), only those on `links` (MHz) when given.
 */
export function missingPartnerLinks(chosen: ScannedBss, all: readonly ScannedBss[], links?: readonly number[]): RnrPartner[] {
  const mld = chosen.apMld;
  if (!mld || !chosen.partners) return [];
  const have = new Set(all.filter((b) => b.apMld?.addr === mld.addr).map((b) => b.apMld!.linkId));
  return chosen.partners.filter((p) => !have.has(p.linkId) && (!links || links.includes(p.freq)));
}

/**
 * Whether another ordinary scan could bring a missing link: one of them is on a channel
 * the scan covers (`freqs`; absent: every channel), where its beacon or probe response may
 * simply have been missed. A link on a channel not scanned is for the multi-link probe.
 */
export function rescanMayFind(missing: readonly RnrPartner[], freqs?: readonly number[]): boolean {
  return missing.some((p) => !freqs || freqs.includes(p.freq));
}

/** The scan that is the multi-link probe: to `to`'s BSSID on its channel, asking for the complete profiles of `missing`. */
export function mlProbeScan(to: ScannedBss, missing: readonly RnrPartner[]): ConnectScanParams {
  const ie = buildProbeRequestMultiLink({ apMldId: 0, links: missing.map((p) => ({ linkId: p.linkId, completeProfile: true, elements: new Uint8Array(0) })) });
  return { freqs: [to.freq], bssid: to.bssid, ie };
}

/**
 * Probes `chosen` for `missing` (up to ML_PROBE_TRIES scans, each radio work of its own,
 * asking again only for the links still missing) and returns the SSID's BSSs cfg80211
 * holds afterwards, with the report.
 */
export async function probePartnerLinks(
  h: ConnectScanHost, ssid: Uint8Array, chosen: ScannedBss, missing: readonly RnrPartner[],
): Promise<{ all: ScannedBss[]; report: MlProbeReport }> {
  let all: ScannedBss[] = [];
  let left = [...missing];
  let probes = 0;
  while (left.length > 0 && probes < ML_PROBE_TRIES) {
    probes++;
    all = await scanForSsid(h, ssid, mlProbeScan(chosen, left));
    left = missingPartnerLinks(chosen, all).filter((p) => left.some((l) => l.linkId === p.linkId));
  }
  const links = missing.map((p) => p.linkId);
  return { all, report: { bssid: chosen.bssid, links, learned: links.filter((id) => !left.some((l) => l.linkId === id)), probes } };
}
