// What each link of an AP MLD adds to its beacons and probe responses (802.11be
// 35.3.4.1, 35.3.5): the Basic Multi-Link element naming the MLD (MLD address, this
// link's id, its BSS parameters change count, medium synchronization delay, MLD
// capabilities), and the Reduced Neighbor Report listing the other links with their
// MLD parameters, so a client that hears one link learns the rest. While links are being
// removed (remove_link), the Reconfiguration Multi-Link element announces each with its
// AP Removal Timer (802.11be 35.3.6.2.2), in the beacons of every link of the MLD.
import type { BandName } from '../../core/ieee80211/channels.js';
import { opClass20 } from '../../core/ieee80211/channels.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { buildBasicMultiLink, MEDIUM_SYNC_DELAY_DEFAULT, MldCapability, type BasicMultiLinkCommon } from '../../core/ieee80211/multi-link.js';
import { buildReconfigurationMultiLink, ReconfOperation } from '../../core/ieee80211/multi-link-reconf.js';
import { buildRnr, RnrBssParams, shortSsid, type RnrNeighbor } from '../../core/ieee80211/rnr.js';

/** One link as the elements see it. */
export interface MldLinkInfo {
  linkId: number;
  bssid: string;
  band: BandName;
  channel: number;
  /** BSS Parameters Change Count (802.11be 35.3.10): grows on each critical update of the link. */
  changeCount: number;
  /** Set while the link is announced for removal: TBTTs of the link until it goes (AP Removal Timer). */
  removalTbtt?: number;
}

/**
 * The AP MLD ID of the MLD itself (in its own RNR entries, and the only one a multi-link probe
 * request may name): 0, as it is not in a multiple BSSID set (802.11be 35.3.4.2).
 */
export const AP_MLD_ID = 0;

/** MLD Capabilities And Operations of an AP MLD with `links` links: simultaneous links, link reconfiguration. */
export function apMldCapabilities(links: number): number {
  return (Math.max(0, links - 1) & MldCapability.MAX_SIMULTANEOUS_LINKS_MASK) | MldCapability.LINK_RECONFIGURATION_SUPPORT;
}

/**
 * The Common Info of the Basic Multi-Link element link `linkId` sends in beacons, probe
 * responses and (re)association responses: MLD address, its link id and BSS Parameters
 * Change Count, Medium Synchronization Delay, MLD Capabilities.
 */
export function apMldCommonInfo(mldAddr: Uint8Array, linkId: number, changeCount: number, links: number): BasicMultiLinkCommon {
  return { mldAddr, linkId, bssParamsChangeCount: changeCount, mediumSyncDelay: MEDIUM_SYNC_DELAY_DEFAULT, mldCapabilities: apMldCapabilities(links) };
}

/** The Basic Multi-Link element and the Reduced Neighbor Report of link `self` among `links`. */
export function mldLinkElements(mldAddr: string, ssid: Uint8Array, self: MldLinkInfo, links: readonly MldLinkInfo[]): Uint8Array[] {
  const ml = buildBasicMultiLink({ ...apMldCommonInfo(macFromString(mldAddr), self.linkId, self.changeCount, links.length), profiles: [] });
  const short = shortSsid(ssid);
  const byChannel = new Map<string, RnrNeighbor>();
  for (const l of links) {
    if (l.linkId === self.linkId) continue;
    const opClass = opClass20(l.band, l.channel);
    if (opClass === undefined) throw new RangeError(`link ${l.linkId}: no operating class for channel ${l.channel} on ${l.band}`);
    const key = `${opClass}/${l.channel}`;
    let n = byChannel.get(key);
    if (!n) byChannel.set(key, (n = { opClass, channel: l.channel, aps: [] }));
    n.aps.push({
      bssid: macFromString(l.bssid),
      shortSsid: short,
      bssParams: RnrBssParams.SAME_SSID | RnrBssParams.COLOCATED_AP,
      mld: { apMldId: AP_MLD_ID, linkId: l.linkId, bssParamsChangeCount: l.changeCount, allUpdatesIncluded: false, disabledLink: false },
    });
  }
  const rnr = buildRnr([...byChannel.values()]);
  const reconf = reconfigurationElement(links);
  return [ml, ...(reconf ? [reconf] : []), ...(rnr.length ? [rnr] : [])];
}

/**
 * The Reconfiguration Multi-Link element announcing the links being removed, or undefined
 * when none is. One Per-STA Profile per link: its link id, operation AP Removal, the AP
 * Removal Timer present (TBTTs of that link until removal) and no STA profile; the
 * Common Info carries no MLD address (the Basic Multi-Link element beside it names the
 * MLD), as hostapd's hostapd_eid_eht_reconf_ml sends it.
 */
export function reconfigurationElement(links: readonly MldLinkInfo[]): Uint8Array | undefined {
  const removing = links.filter((l) => l.removalTbtt !== undefined);
  if (!removing.length) return undefined;
  return buildReconfigurationMultiLink({
    profiles: removing.map((l) => ({ linkId: l.linkId, operation: ReconfOperation.AP_REMOVAL, apRemovalTimer: l.removalTbtt!, profile: new Uint8Array(0) })),
  });
}
