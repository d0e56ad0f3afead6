// The nl80211 commands of a station whose SME runs in wifid (the way wpa_supplicant drives
// mac80211 on a driver with WIPHY_FLAG_HAVE_AP_SME unset): AUTHENTICATE (Open System, or SAE
// with each step's fields in NL80211_ATTR_AUTH_DATA), ASSOCIATE (one BSS, or an AP MLD with
// NL80211_ATTR_MLO_LINKS), DEAUTHENTICATE, and the MLME events that answer them. Keys and
// the AUTHORIZED flag use ap-commands.ts's installKey / setStationFlags, which a station
// calls with the AP's address (pairwise key, flags) or a link id (group keys).
//
// Attribute pairs as net/wireless/nl80211.c (Linux 6.12) reads them in nl80211_authenticate
// and nl80211_associate, and as hostapd's src/drivers/driver_nl80211.c sends them
// (wpa_driver_nl80211_authenticate, wpa_driver_nl80211_associate, nl80211_connect_common).
import { ENUMS, type Attrs_nl80211_attrs } from './gen/schema.generated.js';
import { AuthType, EAPOL_ETHERTYPE, suiteList, type Nl80211Requester } from './ap-commands.js';
import { MAX_MLO_LINK_ID } from './mld-commands.js';

/** enum nl80211_mfp. */
export const Mfp = ENUMS.nl80211_mfp.values as Readonly<Record<'NO' | 'REQUIRED' | 'OPTIONAL', number>>;

/** IEEE80211_MAX_SSID_LEN: nl80211_policy's range of NL80211_ATTR_SSID is 1..32. */
const MAX_SSID_LEN = 32;

/** A request wifid refuses itself because the kernel would (or would misread it), nothing sent. */
export class StaCommandError extends Error {
  override name = 'StaCommandError';
  constructor(readonly cmd: string, message: string) {
    super(`${cmd}: ${message}`);
  }
}

function checkSsid(cmd: string, ssid: Uint8Array): void {
  if (ssid.length < 1 || ssid.length > MAX_SSID_LEN) throw new StaCommandError(cmd, `SSID of ${ssid.length} octets (1-${MAX_SSID_LEN})`);
}

function checkLinkId(cmd: string, linkId: number): void {
  if (!Number.isInteger(linkId) || linkId < 0 || linkId > MAX_MLO_LINK_ID) throw new StaCommandError(cmd, `MLO link id ${linkId} is not 0-${MAX_MLO_LINK_ID}`);
}

/** The link of an AP MLD an AUTHENTICATE goes over, and the AP MLD's address. */
export interface MldTarget {
  /** NL80211_ATTR_MLO_LINK_ID: the link of `bssid`. */
  linkId: number;
  /** NL80211_ATTR_MLD_ADDR: the AP MLD's address. */
  apMldAddr: string;
}

export interface AuthenticateParams {
  ifindex: number;
  /** NL80211_ATTR_MAC: the BSSID (an AP MLD's: the BSSID of the link `mld.linkId`). */
  bssid: string;
  freq: number;
  ssid: Uint8Array;
  authType: 'open' | 'sae';
  /**
   * SAE: the Authentication frame's body from the Authentication transaction sequence
   * number on (transaction, status, then the SAE fields): NL80211_ATTR_AUTH_DATA, which
   * cfg80211 requires for SAE and refuses below 4 octets. mac80211 writes the
   * Authentication algorithm number itself.
   */
  authData?: Uint8Array;
  /** Elements after the fixed fields (NL80211_ATTR_IE), e.g. none for SAE. */
  ie?: Uint8Array;
  /** An AP MLD: mac80211 then adds the Basic Multi-Link element with our MLD address. */
  mld?: MldTarget;
}

/**
 * AUTHENTICATE: one Authentication frame exchange through mac80211, which retries it and
 * answers with an AUTHENTICATE event carrying the peer's frame (or TIMED_OUT). For SAE every
 * step (commit, confirm, a commit with a token) is its own AUTHENTICATE with AUTH_DATA, as
 * wpa_supplicant's SME does; mac80211 passes SAE's frames up instead of finishing them.
 */
export async function authenticate(nl: Nl80211Requester, p: AuthenticateParams): Promise<void> {
  checkSsid('AUTHENTICATE', p.ssid);
  if (p.authType === 'sae' && (p.authData === undefined || p.authData.length < 4)) {
    throw new StaCommandError('AUTHENTICATE', 'SAE needs AUTH_DATA of at least 4 octets (transaction sequence number and status)');
  }
  if (p.authType === 'open' && p.authData !== undefined) throw new StaCommandError('AUTHENTICATE', 'AUTH_DATA is for SAE (and FILS) only');
  if (p.mld) checkLinkId('AUTHENTICATE', p.mld.linkId);
  await nl.request('AUTHENTICATE', {
    IFINDEX: p.ifindex,
    MAC: p.bssid,
    WIPHY_FREQ: p.freq,
    SSID: p.ssid,
    AUTH_TYPE: p.authType === 'sae' ? AuthType.SAE : AuthType.OPEN_SYSTEM,
    ...(p.authData ? { AUTH_DATA: p.authData } : {}),
    ...(p.ie?.length ? { IE: p.ie } : {}),
    ...(p.mld ? { MLO_LINK_ID: p.mld.linkId, MLD_ADDR: p.mld.apMldAddr } : {}),
  }, { socket: 'high' });
}

/** The crypto of an association: what the RSNE in `ie` announces, told to cfg80211 too. */
export interface AssocCrypto {
  /** NL80211_WPA_VERSION_2 / _3 (WpaVersion in ap-commands.ts). */
  wpaVersions: number;
  pairwiseCipher: number;
  groupCipher: number;
  akm: number;
  /** NL80211_ATTR_USE_MFP: REQUIRED when the RSNE says MFPC (802.11w in use on this association). */
  mfp: 'NO' | 'REQUIRED';
}

/** One further link of an MLO association (never the association link itself). */
export interface AssocLink {
  linkId: number;
  /** The affiliated AP's BSSID on that link. */
  bssid: string;
  freq: number;
  /**
   * Elements of this link's Per-STA Profile that differ from the association link's
   * (NL80211_ATTR_IE in the link's nest). cfg80211 refuses Fragment and Non-Inheritance
   * elements here; mac80211 builds the profile and the inheritance itself.
   */
  ie?: Uint8Array;
}

export interface AssociateParams {
  ifindex: number;
  ssid: Uint8Array;
  /** Single link: the BSS. With `mld`: the association link's BSSID. */
  bssid: string;
  freq: number;
  /** Elements of the (Re)Association Request wifid chooses: RSNE, RSNXE, ... */
  ie: Uint8Array;
  crypto?: AssocCrypto;
  /** PREV_BSSID: a reassociation within the ESS. */
  prevBssid?: string;
  mld?: {
    apMldAddr: string;
    /** The link the request is sent on (`bssid`, `freq`). */
    assocLinkId: number;
    /** The other links requested. */
    links: AssocLink[];
  };
}

/**
 * ASSOCIATE, on the high-priority socket with SOCKET_OWNER: the kernel then delivers EAPOL
 * of this association to that socket as CONTROL_PORT_FRAME (CONTROL_PORT_OVER_NL80211;
 * cfg80211 sends such frames to wdev->conn_owner_nlportid only) and disconnects when the
 * daemon dies. CONTROL_PORT keeps the port closed until SET_STATION AUTHORIZED.
 *
 * MLO: nl80211_associate takes the association link's BSSID and frequency only inside
 * NL80211_ATTR_MLO_LINKS (MAC and WIPHY_FREQ at the top level are EINVAL together with
 * MLO_LINKS), needs MLD_ADDR (the AP MLD) and MLO_LINK_ID (the association link, which
 * must be among the links), and refuses per-link elements on the association link ("cannot
 * have per-link elems on assoc link"): its elements are the top-level NL80211_ATTR_IE.
 */
export async function associate(nl: Nl80211Requester, p: AssociateParams): Promise<void> {
  checkSsid('ASSOCIATE', p.ssid);
  const c = p.crypto;
  const crypto: Attrs_nl80211_attrs = c
    ? {
      WPA_VERSIONS: c.wpaVersions,
      CIPHER_SUITES_PAIRWISE: suiteList([c.pairwiseCipher]),
      CIPHER_SUITE_GROUP: c.groupCipher,
      AKM_SUITES: suiteList([c.akm]),
      USE_MFP: Mfp[c.mfp],
    }
    : {};
  const common: Attrs_nl80211_attrs = {
    IFINDEX: p.ifindex,
    SSID: p.ssid,
    IE: p.ie,
    ...crypto,
    CONTROL_PORT: true,
    CONTROL_PORT_ETHERTYPE: EAPOL_ETHERTYPE,
    CONTROL_PORT_OVER_NL80211: true,
    SOCKET_OWNER: true,
    ...(p.prevBssid ? { PREV_BSSID: p.prevBssid } : {}),
  };
  if (!p.mld) {
    await nl.request('ASSOCIATE', { ...common, MAC: p.bssid, WIPHY_FREQ: p.freq }, { socket: 'high' });
    return;
  }
  const m = p.mld;
  checkLinkId('ASSOCIATE', m.assocLinkId);
  const seen = new Set([m.assocLinkId]);
  for (const l of m.links) {
    checkLinkId('ASSOCIATE', l.linkId);
    if (seen.has(l.linkId)) throw new StaCommandError('ASSOCIATE', `link ${l.linkId} given twice`);
    seen.add(l.linkId);
  }
  const links: Attrs_nl80211_attrs[] = [
    { MLO_LINK_ID: m.assocLinkId, MAC: p.bssid, WIPHY_FREQ: p.freq },
    ...m.links.map((l) => ({ MLO_LINK_ID: l.linkId, MAC: l.bssid, WIPHY_FREQ: l.freq, ...(l.ie?.length ? { IE: l.ie } : {}) })),
  ].sort((a, b) => a.MLO_LINK_ID! - b.MLO_LINK_ID!);
  await nl.request('ASSOCIATE', { ...common, MLD_ADDR: m.apMldAddr, MLO_LINK_ID: m.assocLinkId, MLO_LINKS: links }, { socket: 'high' });
}

/**
 * DEAUTHENTICATE: ends the authentication (and the association) with `addr`, the BSSID or
 * the AP MLD's address. cfg80211 requires a reason code other than 0 (nl80211_policy's range
 * of NL80211_ATTR_REASON_CODE starts at 1). `localOnly`: forget the state, send nothing.
 */
export async function deauthenticate(nl: Nl80211Requester, ifindex: number, addr: string, reason: number, localOnly = false): Promise<void> {
  if (!Number.isInteger(reason) || reason < 1 || reason > 0xffff) throw new StaCommandError('DEAUTHENTICATE', `reason code ${reason} is not 1-65535`);
  await nl.request('DEAUTHENTICATE', { IFINDEX: ifindex, MAC: addr, REASON_CODE: reason, ...(localOnly ? { LOCAL_STATE_CHANGE: true as const } : {}) }, { socket: 'high' });
}
