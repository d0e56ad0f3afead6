// The nl80211 commands of an access point with userspace MLME (the way hostapd drives
// mac80211): the AP interface, START_AP / SET_BEACON / STOP_AP with the beacon
// templates and the crypto settings, stations (NEW/SET/DEL/GET_STATION), keys
// (NEW/SET/DEL_KEY; MLO_LINK_ID ready for an AP MLD's per-link group keys), frame
// registrations and PROBE_CLIENT. Each command is spelled here once; the AP plugin
// calls these functions, never `request()` with AP commands of its own.
import { ENUMS, type Attrs_nl80211_attrs, type Attrs_nl80211_key_attributes } from './gen/schema.generated.js';
import { IFTYPE } from './inventory.js';
import type { RequestOptions } from './service.js';
import { mgmtFrameType, MgmtSubtype } from '../ieee80211/mgmt-header.js';

/** What the commands need of the nl80211 service (a fake in unit tests). */
export interface Nl80211Requester {
  request(cmd: string, attrs?: Attrs_nl80211_attrs, opts?: RequestOptions): Promise<Attrs_nl80211_attrs[]>;
}

const STA_FLAG = ENUMS.nl80211_sta_flags.values as Record<string, number>;
const KEYTYPE = ENUMS.nl80211_key_type.values as Record<string, number>;
const KEY_DEFAULT_TYPE = ENUMS.nl80211_key_default_types.values as Record<string, number>;
const CHAN_WIDTH = ENUMS.nl80211_chan_width.values as Record<string, number>;

export const EAPOL_ETHERTYPE = 0x888e;
/** NL80211_WPA_VERSION_2 / _3 (WPA3 = SAE). */
export const WpaVersion = { WPA2: 1 << 1, WPA3: 1 << 2 } as const;
/** enum nl80211_auth_type. */
export const AuthType = ENUMS.nl80211_auth_type.values as Readonly<Record<'OPEN_SYSTEM' | 'SAE' | 'AUTOMATIC', number>>;
/** enum nl80211_hidden_ssid: how a hidden BSS's beacon hides the SSID. */
export const HiddenSsid = { NOT_IN_USE: 0, ZERO_LEN: 1, ZERO_CONTENTS: 2 } as const;

export type StaFlag = 'authorized' | 'short_preamble' | 'wme' | 'mfp' | 'authenticated' | 'associated';

/** struct nl80211_sta_flag_update { u32 mask; u32 set; }: `set` names flags to set, the others in `mask` are cleared. */
export function staFlagsUpdate(mask: readonly StaFlag[], set: readonly StaFlag[]): Uint8Array {
  const bits = (flags: readonly StaFlag[]): number => flags.reduce((b, f) => b | (1 << STA_FLAG[f.toUpperCase()]!), 0);
  const out = Buffer.alloc(8);
  out.writeUInt32LE(bits(mask) >>> 0, 0);
  out.writeUInt32LE(bits(set) >>> 0, 4);
  return out;
}

/** A suite list attribute (CIPHER_SUITES_PAIRWISE, AKM_SUITES): u32 values back to back. */
export function suiteList(suites: readonly number[]): Uint8Array {
  const out = Buffer.alloc(4 * suites.length);
  suites.forEach((s, i) => out.writeUInt32LE(s >>> 0, 4 * i));
  return out;
}

export interface ChannelDef {
  /** Primary channel, MHz. */
  freq: number;
  /** 20_noht, 20, 40, 80, 160, 320 (enum nl80211_chan_width, lower case). */
  width: '20_noht' | '20' | '40' | '80' | '160' | '320';
  centerFreq1?: number;
}

function chandefAttrs(c: ChannelDef): Attrs_nl80211_attrs {
  const width = CHAN_WIDTH[c.width.toUpperCase()];
  if (width === undefined) throw new RangeError(`channel width ${c.width}`);
  return { WIPHY_FREQ: c.freq, CHANNEL_WIDTH: width, ...(c.centerFreq1 !== undefined ? { CENTER_FREQ1: c.centerFreq1 } : {}) };
}

/** Creates an AP interface owned by the daemon's socket (it dies with the daemon). */
export async function newApInterface(nl: Nl80211Requester, wiphy: number, ifname: string): Promise<{ ifindex: number; wdev: bigint; addr: string }> {
  const [reply] = await nl.request('NEW_INTERFACE', { WIPHY: wiphy, IFTYPE: IFTYPE.AP, IFNAME: ifname, SOCKET_OWNER: true });
  if (reply?.IFINDEX === undefined || reply.WDEV === undefined || reply.MAC === undefined) throw new Error(`NEW_INTERFACE ${ifname}: the reply lacks ifindex, wdev or address`);
  return { ifindex: reply.IFINDEX, wdev: reply.WDEV, addr: reply.MAC };
}

export async function delInterface(nl: Nl80211Requester, ifindex: number): Promise<void> {
  await nl.request('DEL_INTERFACE', { IFINDEX: ifindex });
}

export interface BeaconData {
  head: Uint8Array;
  tail: Uint8Array;
  /** Probe response template (NL80211_ATTR_PROBE_RESP) for drivers that answer probes themselves. */
  probeResp?: Uint8Array;
  linkId?: number;
}

function beaconAttrs(b: BeaconData): Attrs_nl80211_attrs {
  return {
    BEACON_HEAD: b.head,
    BEACON_TAIL: b.tail,
    ...(b.probeResp ? { PROBE_RESP: b.probeResp } : {}),
    ...(b.linkId !== undefined ? { MLO_LINK_ID: b.linkId } : {}),
  };
}

export interface ApCrypto {
  /** NL80211_ATTR_PRIVACY: the BSS requires encryption. */
  privacy: boolean;
  wpaVersions?: number;
  pairwiseCiphers?: number[];
  groupCipher?: number;
  akms?: number[];
}

export interface StartApParams {
  ifindex: number;
  beacon: BeaconData;
  beaconIntTu: number;
  dtimPeriod: number;
  ssid: Uint8Array;
  hidden: keyof typeof HiddenSsid;
  channel: ChannelDef;
  authType: number;
  crypto: ApCrypto;
  /** Seconds of inactivity after which the driver reports the station (if it can). */
  inactivityTimeoutS?: number;
}

/**
 * START_AP. Sent with SOCKET_OWNER on the high-priority socket: EAPOL then comes to that
 * socket as CONTROL_PORT_FRAME (CONTROL_PORT_OVER_NL80211 needs an owner), and the
 * kernel stops the AP if the daemon dies.
 */
export async function startAp(nl: Nl80211Requester, p: StartApParams): Promise<void> {
  const c = p.crypto;
  await nl.request('START_AP', {
    IFINDEX: p.ifindex,
    ...beaconAttrs(p.beacon),
    BEACON_INTERVAL: p.beaconIntTu,
    DTIM_PERIOD: p.dtimPeriod,
    SSID: p.ssid,
    HIDDEN_SSID: HiddenSsid[p.hidden],
    ...chandefAttrs(p.channel),
    AUTH_TYPE: p.authType,
    ...(c.privacy ? { PRIVACY: true as const } : {}),
    ...(c.wpaVersions ? { WPA_VERSIONS: c.wpaVersions } : {}),
    ...(c.pairwiseCiphers?.length ? { CIPHER_SUITES_PAIRWISE: suiteList(c.pairwiseCiphers) } : {}),
    ...(c.groupCipher !== undefined ? { CIPHER_SUITE_GROUP: c.groupCipher } : {}),
    ...(c.akms?.length ? { AKM_SUITES: suiteList(c.akms) } : {}),
    CONTROL_PORT: true,
    CONTROL_PORT_ETHERTYPE: EAPOL_ETHERTYPE,
    CONTROL_PORT_OVER_NL80211: true,
    CONTROL_PORT_NO_PREAUTH: true,
    SOCKET_OWNER: true,
    ...(p.inactivityTimeoutS !== undefined ? { INACTIVITY_TIMEOUT: p.inactivityTimeoutS } : {}),
  }, { socket: 'high' });
}

export async function setBeacon(nl: Nl80211Requester, ifindex: number, beacon: BeaconData): Promise<void> {
  await nl.request('SET_BEACON', { IFINDEX: ifindex, ...beaconAttrs(beacon) });
}

export async function stopAp(nl: Nl80211Requester, ifindex: number, linkId?: number): Promise<void> {
  await nl.request('STOP_AP', { IFINDEX: ifindex, ...(linkId !== undefined ? { MLO_LINK_ID: linkId } : {}) });
}

export interface NewStationParams {
  ifindex: number;
  addr: string;
  aid: number;
  listenInterval: number;
  /** Supported Rates + Extended Supported Rates octets (500 kb/s units, basic bit kept). */
  supportedRates: Uint8Array;
  capability: number;
  flags: { set: StaFlag[]; mask: StaFlag[] };
  /** Element bodies as received in the (re)association request. */
  htCapability?: Uint8Array;
  vhtCapability?: Uint8Array;
  heCapability?: Uint8Array;
  he6ghzCapability?: Uint8Array;
  ehtCapability?: Uint8Array;
  extCapability?: Uint8Array;
  wme?: { uapsdQueues: number; maxSp: number };
  /** On an AP MLD: the link the station is added on (every station there needs one; cfg80211 refuses EINVAL otherwise)... */
  linkId?: number;
  /**
   * ...and for a multi-link station (`addr` its MLD address) its address on that link.
   * nl80211_new_station then takes NL80211_ATTR_MAC as the link address and
   * NL80211_ATTR_MLD_ADDR as the MLD address (the station's key), as hostapd sends them.
   */
  linkAddr?: string;
}

/** The station attributes NEW_STATION and SET_STATION share. */
function stationAttrs(p: NewStationParams): Attrs_nl80211_attrs {
  return {
    IFINDEX: p.ifindex,
    MAC: p.addr,
    STA_AID: p.aid,
    STA_LISTEN_INTERVAL: p.listenInterval,
    STA_SUPPORTED_RATES: p.supportedRates,
    STA_CAPABILITY: p.capability,
    STA_FLAGS2: staFlagsUpdate(p.flags.mask, p.flags.set),
    ...(p.htCapability ? { HT_CAPABILITY: p.htCapability } : {}),
    ...(p.vhtCapability ? { VHT_CAPABILITY: p.vhtCapability } : {}),
    ...(p.heCapability ? { HE_CAPABILITY: p.heCapability } : {}),
    ...(p.he6ghzCapability ? { HE_6GHZ_CAPABILITY: p.he6ghzCapability } : {}),
    ...(p.ehtCapability ? { EHT_CAPABILITY: p.ehtCapability } : {}),
    ...(p.extCapability ? { STA_EXT_CAPABILITY: p.extCapability } : {}),
    ...(p.wme ? { STA_WME: { UAPSD_QUEUES: p.wme.uapsdQueues, MAX_SP: p.wme.maxSp } } : {}),
    ...(p.linkId !== undefined ? { MLO_LINK_ID: p.linkId } : {}),
  };
}

export async function newStation(nl: Nl80211Requester, p: NewStationParams): Promise<void> {
  const mld = p.linkAddr !== undefined ? { MAC: p.linkAddr, MLD_ADDR: p.addr } : {};
  await nl.request('NEW_STATION', { ...stationAttrs(p), ...mld });
}

/**
 * SET_STATION with everything NEW_STATION carries: a new (re)association of a station the
 * kernel holds already. cfg80211 takes rates and capabilities only while the station is not
 * associated (cfg80211_check_station_change, CFG80211_STA_AP_CLIENT_UNASSOC; mac80211's
 * NL80211_FEATURE_FULL_AP_CLIENT_STATE), so the caller clears ASSOCIATED first; mac80211
 * applies the ASSOCIATED flag of `p.flags` after the capabilities (sta_apply_parameters).
 */
export async function updateStation(nl: Nl80211Requester, p: NewStationParams): Promise<void> {
  // SET_STATION names a station by its key (a multi-link station's MLD address), never by a link address.
  await nl.request('SET_STATION', stationAttrs(p));
}

/** Sets (`set`) or clears (in `mask`, not in `set`) station flags, e.g. AUTHORIZED after the 4-way handshake. */
export async function setStationFlags(nl: Nl80211Requester, ifindex: number, addr: string, mask: StaFlag[], set: StaFlag[]): Promise<void> {
  await nl.request('SET_STATION', { IFINDEX: ifindex, MAC: addr, STA_FLAGS2: staFlagsUpdate(mask, set) });
}

export async function delStation(nl: Nl80211Requester, ifindex: number, addr: string): Promise<void> {
  await nl.request('DEL_STATION', { IFINDEX: ifindex, MAC: addr });
}

/** GET_STATION of one station, or every station (dump) when `addr` is omitted. */
export async function getStations(nl: Nl80211Requester, ifindex: number, addr?: string): Promise<Attrs_nl80211_attrs[]> {
  return addr === undefined
    ? nl.request('GET_STATION', { IFINDEX: ifindex }, { dump: true })
    : nl.request('GET_STATION', { IFINDEX: ifindex, MAC: addr });
}

export type KeyKind = 'pairwise' | 'gtk' | 'igtk' | 'bigtk';

export interface KeyParams {
  ifindex: number;
  kind: KeyKind;
  /** Key id: 0 for the pairwise key, 1..2 GTK, 4..5 IGTK, 6..7 BIGTK. */
  keyId: number;
  cipher: number;
  key: Uint8Array;
  /** The station of a pairwise key. */
  addr?: string;
  /** Receive sequence counter / packet number, little-endian, 6 bytes. */
  seq?: Uint8Array;
  /** The link of a group key on an AP MLD. */
  linkId?: number;
  /** Group keys: SET_KEY makes it the transmit key of its kind (default true); false installs it for later. */
  makeDefault?: boolean;
}

/** NEW_KEY for a pairwise or group key, then, for group keys, SET_KEY making it the default for its use. */
export async function installKey(nl: Nl80211Requester, p: KeyParams): Promise<void> {
  const key: Attrs_nl80211_key_attributes = {
    DATA: p.key,
    IDX: p.keyId,
    CIPHER: p.cipher,
    TYPE: p.kind === 'pairwise' ? KEYTYPE.PAIRWISE! : KEYTYPE.GROUP!,
    ...(p.seq ? { SEQ: p.seq } : {}),
  };
  const link = p.linkId !== undefined ? { MLO_LINK_ID: p.linkId } : {};
  await nl.request('NEW_KEY', { IFINDEX: p.ifindex, KEY: key, ...(p.addr ? { MAC: p.addr } : {}), ...link });
  if (p.kind === 'pairwise' || p.makeDefault === false) return;
  await setDefaultGroupKey(nl, p.ifindex, p.kind, p.keyId, p.linkId);
}

/** SET_KEY: the installed group key `keyId` becomes the transmit key for multicast data (GTK), group management (IGTK) or beacons (BIGTK). */
export async function setDefaultGroupKey(nl: Nl80211Requester, ifindex: number, kind: Exclude<KeyKind, 'pairwise'>, keyId: number, linkId?: number): Promise<void> {
  const defaults: Attrs_nl80211_key_attributes = kind === 'gtk'
    ? { IDX: keyId, DEFAULT: true, DEFAULT_TYPES: [KEY_DEFAULT_TYPE.MULTICAST!] }
    : kind === 'igtk' ? { IDX: keyId, DEFAULT_MGMT: true } : { IDX: keyId, DEFAULT_BEACON: true };
  await nl.request('SET_KEY', { IFINDEX: ifindex, KEY: defaults, ...(linkId !== undefined ? { MLO_LINK_ID: linkId } : {}) });
}

/**
 * GET_KEY of a group key: its transmit sequence counter (NL80211_ATTR_KEY_SEQ, the PN/TSC
 * little-endian as 802.11 writes it; mac80211 reports the last one it used, 6 octets for
 * CCMP/GCMP/BIP). With `linkId`, the group key of that link of an AP MLD.
 */
export async function getGroupKeySeq(nl: Nl80211Requester, ifindex: number, keyId: number, linkId?: number): Promise<Uint8Array> {
  const [reply] = await nl.request('GET_KEY', {
    IFINDEX: ifindex,
    KEY_IDX: keyId,
    KEY_TYPE: KEYTYPE.GROUP!,
    ...(linkId !== undefined ? { MLO_LINK_ID: linkId } : {}),
  });
  const seq = reply?.KEY_SEQ ?? reply?.KEY?.SEQ;
  if (!seq) throw new Error(`GET_KEY of key ${keyId}: the reply carries no sequence counter`);
  return seq;
}

export async function delKey(nl: Nl80211Requester, ifindex: number, keyId: number, addr?: string, linkId?: number): Promise<void> {
  await nl.request('DEL_KEY', {
    IFINDEX: ifindex,
    KEY: { IDX: keyId, TYPE: addr ? KEYTYPE.PAIRWISE! : KEYTYPE.GROUP! },
    ...(addr ? { MAC: addr } : {}),
    ...(linkId !== undefined ? { MLO_LINK_ID: linkId } : {}),
  });
}

/** The management frames an AP with userspace MLME handles, all on the high-priority socket. */
export const AP_RX_FRAMES: readonly { subtype: number; match?: Uint8Array }[] = [
  { subtype: MgmtSubtype.AUTH },
  { subtype: MgmtSubtype.ASSOC_REQ },
  { subtype: MgmtSubtype.REASSOC_REQ },
  { subtype: MgmtSubtype.DISASSOC },
  { subtype: MgmtSubtype.DEAUTH },
  { subtype: MgmtSubtype.PROBE_REQ },
  // SA Query (category 8): the AP answers requests and awaits responses for PMF.
  { subtype: MgmtSubtype.ACTION, match: new Uint8Array([8]) },
];

export async function registerApFrames(nl: Nl80211Requester, ifindex: number): Promise<void> {
  for (const f of AP_RX_FRAMES) {
    await nl.request('REGISTER_FRAME', { IFINDEX: ifindex, FRAME_TYPE: mgmtFrameType(f.subtype), FRAME_MATCH: f.match ?? new Uint8Array() }, { socket: 'high' });
  }
}

/** PROBE_CLIENT: a null data frame to a station; the TX status (PROBE_CLIENT event with ACK) says whether it is there. */
export async function probeClient(nl: Nl80211Requester, ifindex: number, addr: string): Promise<bigint | undefined> {
  const [reply] = await nl.request('PROBE_CLIENT', { IFINDEX: ifindex, MAC: addr });
  return reply?.COOKIE;
}
