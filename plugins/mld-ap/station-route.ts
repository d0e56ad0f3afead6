// How a management frame to one of the AP's stations is addressed and on which link it leaves.
// A non-AP MLD the kernel holds is addressed by MLD addresses with no link: mac80211 picks one
// of its links, translates the addresses, and protects a robust frame (SA Query, Deauthentication
// under PMF) with the MLD's PTK over the MLD addresses; the frames it receives from that MLD
// reach wifid translated back to MLD addresses (mac80211's link-to-MLD address translation
// on RX). Any other station, a legacy one on a link of an AP MLD or a station of a single-link
// AP, is addressed between its link's addresses, on that link.
import { macFromString } from '../../core/ieee80211/mac-address.js';
import type { ApContext } from './ap-context.js';
import type { ApStation } from './station-table.js';

export interface StationRoute {
  /** Address 1 of a frame to the station. */
  da: Uint8Array;
  /** The AP's address toward it (Address 2 and 3), which its frames to the AP carry as BSSID. */
  bssid: Uint8Array;
  /** The AP MLD's link the frame goes on; undefined: the kernel picks (or a single-link AP). */
  linkId?: number;
}

/** The route to station `addr` (its table entry `sta`, if any). */
export function stationRoute(ap: Pick<ApContext, 'link' | 'links' | 'mldAddrBytes'>, addr: string, sta: ApStation | undefined): StationRoute {
  const mld = ap.mldAddrBytes;
  if (sta?.mld && sta.inKernel && mld) return { da: macFromString(addr), bssid: mld };
  const link = ap.links.find((l) => l.linkId === sta?.linkId) ?? ap.link;
  return { da: macFromString(sta?.mld ? sta.mld.linkAddr : addr), bssid: link.bssidBytes, ...(link.linkId !== undefined ? { linkId: link.linkId } : {}) };
}
