// The AP MLD's answer to a multi-link probe request (802.11be-2024 35.3.4.2): a station on
// one link asks, with a Probe Request Multi-Link element, for the other links of the AP MLD
// (those its Per-STA Profiles name, or every one when it names none); the probe response on
// that link then carries a Basic Multi-Link element with the MLD's Common Info (the AP MLD
// ID too when the request named it, as hostapd_fill_probe_resp_ml_params does) and one
// complete Per-STA Profile per requested partner link (partner-profile.ts: the link's
// address, beacon interval, TSF offset, DTIM and change count, and the elements of its own
// probe response that differ from the reporting link's). A partial profile request is
// answered with the complete profile, which holds every element it could ask for (hostapd
// too). The kernel hands the request up (wifid registers for probe requests and answers
// them itself), so wifid builds the whole response.
import { buildBasicMultiLink } from '../../core/ieee80211/multi-link.js';
import { buildPartnerProfiles, requestedLinkIds, type ProbeRequestMultiLink } from '../../core/ieee80211/multi-link-probe.js';
import { macEquals } from '../../core/ieee80211/mac-address.js';
import type { ApLink } from './ap-link.js';
import { AP_MLD_ID, apMldCommonInfo } from './mld-elements.js';

/** Why a multi-link probe request gets an ordinary probe response instead, or undefined when it asks this AP MLD. */
export function otherMld(req: ProbeRequestMultiLink, mldAddr: Uint8Array): string | undefined {
  // Outside a multiple BSSID set the receiving AP's MLD is the only one it can report (ID 0).
  if (req.apMldId !== undefined && req.apMldId !== AP_MLD_ID) return `AP MLD ID ${req.apMldId} is not this AP MLD's (${AP_MLD_ID})`;
  if (req.mldAddr && !macEquals(req.mldAddr, mldAddr)) return 'MLD MAC address is not this AP MLD\'s';
  return undefined;
}

/** The link ids whose complete profiles the response on `link` carries. */
export function mlProbeLinks(req: ProbeRequestMultiLink, link: ApLink, links: readonly ApLink[]): number[] {
  // The reporting link describes itself in the frame body, never in a profile.
  return requestedLinkIds(req, links.filter((l) => l !== link).map((l) => l.linkId!));
}

/** The multi-link probe response of `link` to `da`. */
export function mlProbeResponse(req: ProbeRequestMultiLink, da: Uint8Array, mldAddr: Uint8Array, link: ApLink, links: readonly ApLink[]): Uint8Array {
  const partners = mlProbeLinks(req, link, links).map((id) => links.find((l) => l.linkId === id)!);
  const profiles = buildPartnerProfiles(link.probeResponseElements(), partners.map((p) => ({ ...p.asPartner(), elements: p.probeResponseElements() })));
  const ml = buildBasicMultiLink({
    ...apMldCommonInfo(mldAddr, link.linkId!, link.changeCount, links.length),
    ...(req.apMldId !== undefined ? { apMldId: req.apMldId } : {}),
    profiles,
  });
  return link.probeResponse(da, ml);
}
