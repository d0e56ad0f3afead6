// A non-AP MLD's links in the kernel (issue 17): ADD_LINK_STA for each further link of a new
// association, and a new (re)association of a station the kernel holds already updated in
// place, as mlme.ts's updateInKernel does for a single-link station (hostapd keeps a station
// the driver holds with full AP client state, and adds, modifies and removes its link
// stations): the port closes and ASSOCIATED is cleared (cfg80211 takes new rates and
// capabilities only then), the old PTK goes (a new 4-way handshake follows), the links it asks
// for again are updated (MODIFY_LINK_STA; the association link by SET_STATION), the links it no
// longer asks for, or asks for with a new address, removed (REMOVE_LINK_STA), new ones added
// (ADD_LINK_STA), and SET_STATION with the request's parameters and ASSOCIATED comes last.
// The AID stays.
import { delKey, setStationFlags, updateStation, type NewStationParams } from '../../core/nl80211/ap-commands.js';
import { Nl80211Error } from '../../core/nl80211/errors.js';
import { addLinkStation, modifyLinkStation, removeLinkStation, type LinkStationParams } from '../../core/nl80211/mld-commands.js';
import { StatusCode, statusCodeName } from '../../core/ieee80211/status-codes.js';
import type { ApContext } from './ap-context.js';
import type { MloLinkRequest } from './mlo-association.js';
import type { ApStation, StationLinkInfo } from './station-table.js';

const accepted = (l: MloLinkRequest) => l.status === StatusCode.SUCCESS && l.req !== undefined && l.caps !== undefined;

/** A further link's parameters for ADD_LINK_STA / MODIFY_LINK_STA, from its per-STA profile. */
function furtherLinkParams(ifindex: number, mldAddr: string, l: MloLinkRequest): LinkStationParams {
  const p = l.caps!.params;
  return {
    ifindex, mldAddr, linkId: l.linkId, linkAddr: l.staAddr, supportedRates: new Uint8Array(l.req!.rateOctets),
    ...(p.htCapability ? { htCapability: p.htCapability } : {}),
    ...(p.vhtCapability ? { vhtCapability: p.vhtCapability } : {}),
    ...(p.heCapability ? { heCapability: p.heCapability } : {}),
    ...(p.he6ghzCapability ? { he6ghzCapability: p.he6ghzCapability } : {}),
    ...(p.ehtCapability ? { ehtCapability: p.ehtCapability } : {}),
    ...(l.req!.operatingModeNotification !== undefined ? { opmodeNotif: l.req!.operatingModeNotification } : {}),
  };
}

/** The association link's parameters for ADD_LINK_STA, from the station's SET_STATION parameters. */
function assocLinkParams(p: NewStationParams): LinkStationParams {
  return {
    ifindex: p.ifindex, mldAddr: p.addr, linkId: p.linkId!, linkAddr: p.linkAddr!, supportedRates: p.supportedRates,
    ...(p.htCapability ? { htCapability: p.htCapability } : {}),
    ...(p.vhtCapability ? { vhtCapability: p.vhtCapability } : {}),
    ...(p.heCapability ? { heCapability: p.heCapability } : {}),
    ...(p.he6ghzCapability ? { he6ghzCapability: p.he6ghzCapability } : {}),
    ...(p.ehtCapability ? { ehtCapability: p.ehtCapability } : {}),
  };
}

/**
 * ADD_LINK_STA for a further link of a non-AP MLD; a link the kernel refuses is refused in
 * the response (status 1) rather than failing the association. True when the kernel took it.
 */
export async function addMldLink(ap: ApContext, sta: ApStation, l: MloLinkRequest): Promise<boolean> {
  if (!accepted(l)) {
    ap.peerLog.warn(sta.addr, 'assoc', `link ${l.linkId} refused: ${statusCodeName(l.status)} (${l.why ?? ''})`);
    return false;
  }
  try {
    await addLinkStation(ap.nl, furtherLinkParams(ap.ifindex, sta.addr, l));
    return true;
  } catch (err) {
    l.status = StatusCode.REFUSED_REASON_UNSPECIFIED;
    l.why = `ADD_LINK_STA: ${(err as Error).message}`;
    ap.log.warn(`${sta.addr}: link ${l.linkId} not added: ${(err as Error).message}`);
    return false;
  }
}

/**
 * Updates the kernel's entry of non-AP MLD `sta` for its new (re)association: `p` on the
 * association link (p.linkId, p.linkAddr), `more` the further links it asked for. Sets
 * sta.mld.links to the links the kernel then holds. Throws Nl80211Error when the kernel
 * refuses a step (the caller then removes the entry and adds it anew).
 */
export async function updateMldStation(ap: ApContext, sta: ApStation, p: NewStationParams, more: readonly MloLinkRequest[]): Promise<void> {
  const nl = ap.nl;
  const mld = sta.mld!;
  const same = (a: StationLinkInfo, b: StationLinkInfo) => a.linkId === b.linkId && a.addr === b.addr;
  const assoc: StationLinkInfo = { linkId: p.linkId!, addr: p.linkAddr! };
  const wanted: { link: StationLinkInfo; req?: MloLinkRequest }[] = [
    { link: assoc },
    ...more.filter(accepted).map((req) => ({ link: { linkId: req.linkId, addr: req.staAddr }, req })),
  ];
  const held = mld.links;
  const stale = held.filter((h) => !wanted.some((w) => same(h, w.link)));
  const fresh = wanted.filter((w) => !held.some((h) => same(h, w.link)));
  const kept = wanted.filter((w) => !fresh.includes(w));
  for (const l of more) if (!accepted(l)) ap.peerLog.warn(sta.addr, 'assoc', `link ${l.linkId} refused: ${statusCodeName(l.status)} (${l.why ?? ''})`);

  await setStationFlags(nl, p.ifindex, p.addr, ['authorized', 'associated'], []);
  // A pairwise key belongs to the station (its MLD), never to a link: no link ID.
  await delKey(nl, p.ifindex, 0, p.addr).catch((err: unknown) => {
    if (!(err instanceof Nl80211Error && err.code === 'ENOENT')) throw err;
  });
  const added = new Set<StationLinkInfo>();
  const add = async (w: (typeof wanted)[number]): Promise<void> => {
    if (!w.req) await addLinkStation(nl, assocLinkParams(p));
    else if (!(await addMldLink(ap, sta, w.req))) return;
    added.add(w.link);
  };
  // Links on ids it holds none on yet come first; then each stale link that has a replacement
  // on its id (a new address: mac80211 gives a non-AP MLD new random link addresses for each
  // connection) goes, the replacement right after it; the stale links without one go last. The
  // station so never has no link: REMOVE_LINK_STA refuses its last one (a single link changing
  // address), which leaves only removing and adding the entry (the caller's fallback).
  for (const w of fresh) if (!held.some((h) => h.linkId === w.link.linkId)) await add(w);
  const replacementOf = (s: StationLinkInfo) => fresh.find((w) => w.link.linkId === s.linkId);
  for (const s of [...stale.filter((x) => replacementOf(x)), ...stale.filter((x) => !replacementOf(x))]) {
    await removeLinkStation(nl, p.ifindex, sta.addr, s.linkId);
    const replacement = replacementOf(s);
    if (replacement) await add(replacement);
  }
  // The further links it keeps, with the capabilities its new request gives them.
  for (const w of kept) if (w.req) await modifyLinkStation(nl, furtherLinkParams(p.ifindex, sta.addr, w.req));
  // Last, SET_STATION on the association link: its rates and capabilities, the AID, ASSOCIATED.
  await updateStation(nl, p);
  mld.links = wanted.filter((w) => kept.includes(w) || added.has(w.link)).map((w) => w.link);
  mld.linkAddr = assoc.addr;
  mld.reauthAddr = undefined;
}
