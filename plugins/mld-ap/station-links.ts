// What the client events and `clients` say of a station's links on an AP MLD.
import type { ApStation } from './station-table.js';

/** A non-AP MLD's MLD address and links (by link id, the association link wherever it is), a legacy station's link; nothing on a single-link AP. */
export function stationLinks(sta: ApStation): { mlo?: boolean; mld_addr?: string; link_id?: number; links?: { link_id: number; addr: string }[] } {
  if (sta.mld) return { mlo: true, mld_addr: sta.addr, links: [...sta.mld.links].sort((a, b) => a.linkId - b.linkId).map((l) => ({ link_id: l.linkId, addr: l.addr })) };
  return sta.linkId !== undefined ? { mlo: false, link_id: sta.linkId } : {};
}
