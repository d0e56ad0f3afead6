// The nl80211 commands of an AP MLD (802.11be multi-link device), the MLO link model of
// cfg80211: one netdev whose own address is the MLD address, links added and removed by
// link id with their own addresses (ADD_LINK / REMOVE_LINK), each link beaconing on its
// own channel (START_AP / SET_BEACON / STOP_AP with MLO_LINK_ID: ap-commands.ts takes
// `linkId`), a multi-link station created on its association link (NEW_STATION with
// MLO_LINK_ID and MLD_ADDR) and grown by one link station per further link
// (ADD_LINK_STA / MODIFY_LINK_STA / REMOVE_LINK_STA), group keys per link (installKey's
// `linkId`). The attribute pairs follow net/wireless/nl80211.c (nl80211_add_link,
// nl80211_add_mod_link_station, nl80211_new_station), the way hostapd's driver_nl80211.c
// sends them.
import type { Attrs_nl80211_attrs, Attrs_nl80211_sta_info } from './gen/schema.generated.js';
import { buildIface, IFTYPE, type Iface, type MloLink, type Wiphy } from './inventory.js';
import type { Nl80211Requester } from './ap-commands.js';

/** Link ids 0..14: IEEE80211_MLD_MAX_NUM_LINKS (15) in the kernel, the Link ID field's range (802.11be 9.4.2.322.2.2). */
export const MAX_MLO_LINK_ID = 14;

function checkLinkId(linkId: number): void {
  if (!Number.isInteger(linkId) || linkId < 0 || linkId > MAX_MLO_LINK_ID) throw new RangeError(`MLO link id ${linkId} is not 0-${MAX_MLO_LINK_ID}`);
}

/**
 * Why `wiphy` cannot host an AP MLD, or undefined if it can. cfg80211 shows MLO support
 * to userspace as the flag attribute NL80211_ATTR_MLO_SUPPORT (WIPHY_FLAG_SUPPORTS_MLO);
 * without it ADD_LINK fails with EINVAL and no explanation, so the check comes first.
 */
export function apMldRefusal(wiphy: Wiphy): string | undefined {
  if (!wiphy.iftypes.includes('ap')) return `${wiphy.name} cannot be an access point`;
  if (!wiphy.supportsMlo) return `${wiphy.name} does not support MLO (no NL80211_ATTR_MLO_SUPPORT)`;
  return undefined;
}

/**
 * Creates the AP interface of an MLD: NEW_INTERFACE with NL80211_ATTR_MAC, which becomes
 * the netdev's address and so the MLD address (mac80211 takes the vif address as the
 * MLD address once the interface has links). Owned by the daemon's socket like every
 * interface wifid makes.
 */
export async function newApMldInterface(nl: Nl80211Requester, wiphy: number, ifname: string, mldAddr: string): Promise<{ ifindex: number; wdev: bigint; addr: string }> {
  const [reply] = await nl.request('NEW_INTERFACE', { WIPHY: wiphy, IFTYPE: IFTYPE.AP, IFNAME: ifname, MAC: mldAddr, SOCKET_OWNER: true });
  if (reply?.IFINDEX === undefined || reply.WDEV === undefined || reply.MAC === undefined) throw new Error(`NEW_INTERFACE ${ifname}: the reply lacks ifindex, wdev or address`);
  return { ifindex: reply.IFINDEX, wdev: reply.WDEV, addr: reply.MAC };
}

/** wifid's own refusal of a link request the kernel would take without complaint, nothing sent. */
export class MldLinkError extends Error {
  override name = 'MldLinkError';
  constructor(readonly cmd: string, message: string) {
    super(`${cmd}: ${message}`);
  }
}

/**
 * ADD_LINK: link `linkId` with its own address `addr` (the link's BSSID). cfg80211 does
 * not check that the link id is free (nl80211_add_link sets the bit and the address and
 * calls the driver, which sees no change of its link set and succeeds; a driver error
 * then clears the link), nor that addresses differ. So the interface is read first and
 * a link id in use, or an address of another link or of the MLD, is refused here.
 */
export async function addLink(nl: Nl80211Requester, ifindex: number, linkId: number, addr: string): Promise<void> {
  checkLinkId(linkId);
  const iface = await readIface(nl, ifindex);
  const name = iface.ifname ?? `ifindex ${ifindex}`;
  const same = iface.links.find((l) => l.linkId === linkId);
  if (same) throw new MldLinkError('ADD_LINK', `${name} has link ${linkId} already (${same.addr})`);
  const taken = iface.links.find((l) => l.addr === addr);
  if (taken) throw new MldLinkError('ADD_LINK', `${addr} is the address of link ${taken.linkId} of ${name}`);
  if (iface.addr === addr) throw new MldLinkError('ADD_LINK', `${addr} is the MLD address of ${name}`);
  await nl.request('ADD_LINK', { IFINDEX: ifindex, MLO_LINK_ID: linkId, MAC: addr });
}

/**
 * REMOVE_LINK: stops the AP on that link (cfg80211_remove_link → cfg80211_stop_ap) and
 * removes it. Removing the last link leaves an AP interface without links, i.e. no MLD
 * any more: callers refuse that themselves. An unknown link id: EINVAL.
 */
export async function removeLink(nl: Nl80211Requester, ifindex: number, linkId: number): Promise<void> {
  checkLinkId(linkId);
  await nl.request('REMOVE_LINK', { IFINDEX: ifindex, MLO_LINK_ID: linkId });
}

/** The links of an interface as the kernel has them now (GET_INTERFACE's NL80211_ATTR_MLO_LINKS), by link id. */
export async function readLinks(nl: Nl80211Requester, ifindex: number): Promise<MloLink[]> {
  return [...(await readIface(nl, ifindex)).links].sort((a, b) => a.linkId - b.linkId);
}

async function readIface(nl: Nl80211Requester, ifindex: number): Promise<Iface> {
  const [reply] = await nl.request('GET_INTERFACE', { IFINDEX: ifindex });
  const iface = reply ? buildIface(reply) : null;
  if (!iface) throw new Error(`GET_INTERFACE ${ifindex}: the reply lacks wdev, wiphy or interface type`);
  return iface;
}

/** A link of a multi-link station (one ADD_LINK_STA / MODIFY_LINK_STA). */
export interface LinkStationParams {
  ifindex: number;
  /** The station's MLD address (the station's key in the kernel, NL80211_ATTR_MLD_ADDR here). */
  mldAddr: string;
  linkId: number;
  /** The station's address on this link (NL80211_ATTR_MAC). */
  linkAddr: string;
  /** Supported Rates + Extended Supported Rates octets on this link (500 kb/s units); required by ADD_LINK_STA. */
  supportedRates?: Uint8Array;
  /** Element bodies from the association request's per-STA profile (or inherited from the frame). */
  htCapability?: Uint8Array;
  vhtCapability?: Uint8Array;
  heCapability?: Uint8Array;
  he6ghzCapability?: Uint8Array;
  ehtCapability?: Uint8Array;
  /** Operating Mode field of an Operating Mode Notification (VHT/HE). */
  opmodeNotif?: number;
}

function linkStationAttrs(p: LinkStationParams): Attrs_nl80211_attrs {
  checkLinkId(p.linkId);
  return {
    IFINDEX: p.ifindex,
    MLD_ADDR: p.mldAddr,
    MLO_LINK_ID: p.linkId,
    MAC: p.linkAddr,
    ...(p.supportedRates ? { STA_SUPPORTED_RATES: p.supportedRates } : {}),
    ...(p.htCapability ? { HT_CAPABILITY: p.htCapability } : {}),
    ...(p.vhtCapability ? { VHT_CAPABILITY: p.vhtCapability } : {}),
    ...(p.heCapability ? { HE_CAPABILITY: p.heCapability } : {}),
    ...(p.he6ghzCapability ? { HE_6GHZ_CAPABILITY: p.he6ghzCapability } : {}),
    ...(p.ehtCapability ? { EHT_CAPABILITY: p.ehtCapability } : {}),
    ...(p.opmodeNotif !== undefined ? { OPMODE_NOTIF: p.opmodeNotif } : {}),
  };
}

/** ADD_LINK_STA: a further link of a station created with NEW_STATION on its association link. */
export async function addLinkStation(nl: Nl80211Requester, p: LinkStationParams): Promise<void> {
  if (!p.supportedRates?.length) throw new RangeError(`ADD_LINK_STA ${p.mldAddr} link ${p.linkId}: supported rates are required`);
  await nl.request('ADD_LINK_STA', linkStationAttrs(p));
}

export async function modifyLinkStation(nl: Nl80211Requester, p: LinkStationParams): Promise<void> {
  await nl.request('MODIFY_LINK_STA', linkStationAttrs(p));
}

export async function removeLinkStation(nl: Nl80211Requester, ifindex: number, mldAddr: string, linkId: number): Promise<void> {
  checkLinkId(linkId);
  await nl.request('REMOVE_LINK_STA', { IFINDEX: ifindex, MLD_ADDR: mldAddr, MLO_LINK_ID: linkId });
}

/** One link of a station as GET_STATION / NEW_STATION report it. */
export interface StationLink {
  linkId: number;
  /** The station's address on the link. */
  addr?: string;
  /** Per-link statistics (kernels that report link_station info put a STA_INFO in each link). */
  info?: Attrs_nl80211_sta_info;
}

/** A station as GET_STATION or the NEW_STATION event report it, MLO parts pulled out. */
export interface StationView {
  /** NL80211_ATTR_MAC: the station's MLD address for a multi-link station, else its address. */
  addr: string;
  /** NL80211_ATTR_MLD_ADDR at the top level. */
  mldAddr?: string;
  /** NL80211_ATTR_MLO_LINK_ID at the top level: the association link (NEW_STATION event). */
  assocLinkId?: number;
  info: Attrs_nl80211_sta_info;
  /** NL80211_ATTR_MLO_LINKS, by link id; empty for a single-link station or a kernel that reports no links. */
  links: StationLink[];
}

/** Pulls the MLO parts out of a decoded GET_STATION reply or NEW_STATION event; null without NL80211_ATTR_MAC. */
export function decodeStation(a: Attrs_nl80211_attrs): StationView | null {
  if (a.MAC === undefined) return null;
  const links: StationLink[] = (a.MLO_LINKS ?? []).filter((l) => l.MLO_LINK_ID !== undefined).map((l) => {
    const link: StationLink = { linkId: l.MLO_LINK_ID! };
    if (l.MAC !== undefined) link.addr = l.MAC;
    if (l.STA_INFO !== undefined) link.info = l.STA_INFO;
    return link;
  }).sort((x, y) => x.linkId - y.linkId);
  const v: StationView = { addr: a.MAC, info: a.STA_INFO ?? {}, links };
  if (a.MLD_ADDR !== undefined) v.mldAddr = a.MLD_ADDR;
  if (a.MLO_LINK_ID !== undefined) v.assocLinkId = a.MLO_LINK_ID;
  return v;
}
