// The wiphys and interfaces/wdevs the kernel reports, as plain objects built from
// decoded nl80211 attributes (split wiphy dumps merged first). Pure model: the service
// feeds it dump results and events and announces what changed.
import { ENUMS, type Attrs_nl80211_attrs, type Attrs_nl80211_band_attr } from './gen/schema.generated.js';

const IFTYPES = ENUMS.nl80211_iftype.values as Record<string, number>;
const BANDS = ENUMS.nl80211_band.values as Record<string, number>;
const WIDTHS = ENUMS.nl80211_chan_width.values as Record<string, number>;

function reverse(map: Record<string, number>, exclude: RegExp): Map<number, string> {
  const out = new Map<number, string>();
  for (const [k, v] of Object.entries(map)) if (!exclude.test(k) && !out.has(v)) out.set(v, k.toLowerCase());
  return out;
}
const IFTYPE_NAMES = reverse(IFTYPES, /^(NUM_|MAX$|__)/);
const BAND_NAMES = reverse(BANDS, /^(NUM_|__)/);
const WIDTH_NAMES = reverse(WIDTHS, /^(NUM_|__)/);

/** 'station', 'ap', 'p2p_device'... (enum nl80211_iftype, lower case); unknown numbers as 'iftype_N'. */
export const iftypeName = (n: number): string => IFTYPE_NAMES.get(n) ?? `iftype_${n}`;
export const bandName = (n: number): string => BAND_NAMES.get(n) ?? `band_${n}`;
export const widthName = (n: number): string => WIDTH_NAMES.get(n) ?? `width_${n}`;
export const IFTYPE = { STATION: IFTYPES.STATION!, AP: IFTYPES.AP!, MONITOR: IFTYPES.MONITOR!, P2P_DEVICE: IFTYPES.P2P_DEVICE! };

export interface Channel {
  /** MHz, as NL80211_FREQUENCY_ATTR_FREQ (S1G channels add offsetKhz). */
  freq: number;
  offsetKhz?: number;
  disabled: boolean;
  noIr: boolean;
  radar: boolean;
  /** mBm, as the kernel reports it. */
  maxTxPowerMbm?: number;
  /** Regulatory/driver limits on wider channels using this one (NL80211_FREQUENCY_ATTR_NO_*), set only when true. */
  noHt40Minus?: true;
  noHt40Plus?: true;
  no80Mhz?: true;
  no160Mhz?: true;
  no320Mhz?: true;
  noHe?: true;
  noEht?: true;
}

export interface Band {
  band: string;
  bandId: number;
  channels: Channel[];
  /** Bitrates in units of 100 kbit/s. */
  bitrates: number[];
  ht: boolean;
  vht: boolean;
  he: boolean;
  eht: boolean;
  /** NL80211_BAND_ATTR_HT_*: what the AP's HT Capabilities element is built from. */
  htCapa?: BandHtCapa;
  /** NL80211_BAND_ATTR_VHT_*. */
  vhtCapa?: BandVhtCapa;
  /** NL80211_BAND_ATTR_IFTYPE_DATA: HE/EHT capabilities per interface type. */
  iftypeData?: BandIftypeData[];
}

export interface BandHtCapa {
  /** HT Capability Information (16 bits). */
  capabilities: number;
  ampduFactor: number;
  ampduDensity: number;
  /** Supported MCS Set, 16 bytes. */
  mcsSet: Uint8Array;
}

export interface BandVhtCapa {
  /** VHT Capabilities Information (32 bits). */
  capabilities: number;
  /** Supported VHT-MCS and NSS Set, 8 bytes. */
  mcsSet: Uint8Array;
}

export interface BandIftypeData {
  iftypes: string[];
  heMac?: Uint8Array;
  hePhy?: Uint8Array;
  /** struct ieee80211_he_mcs_nss_supp: 12 bytes (<= 80, 160, 80+80 MHz maps). */
  heMcs?: Uint8Array;
  hePpe?: Uint8Array;
  he6ghzCapa?: number;
  ehtMac?: Uint8Array;
  ehtPhy?: Uint8Array;
  /** struct ieee80211_eht_mcs_nss_supp: 9 bytes (<= 80, 160, 320 MHz maps). */
  ehtMcs?: Uint8Array;
  ehtPpe?: Uint8Array;
}

export interface IfaceLimit {
  max: number;
  types: string[];
}

export interface IfaceCombination {
  limits: IfaceLimit[];
  maxInterfaces: number;
  numChannels: number;
  staApBiMatch: boolean;
}

export interface MloCapability {
  iftype: string;
  emlCapability?: number;
  mldCapaAndOps?: number;
  /** Maximum number of simultaneous links (bits 0-3 of MLD Capabilities and Operations) + 1. */
  maxSimultaneousLinks?: number;
}

export interface Wiphy {
  index: number;
  name: string;
  bands: Band[];
  iftypes: string[];
  softwareIftypes: string[];
  combinations: IfaceCombination[];
  supportsMlo: boolean;
  mlo: MloCapability[];
  p2pDevice: boolean;
  maxScanSsids?: number;
  maxRemainOnChannelMs?: number;
  supportedCommands: number[];
}

export interface Chandef {
  freq: number;
  width?: string;
  centerFreq1?: number;
  centerFreq2?: number;
}

export interface MloLink {
  linkId: number;
  addr: string;
  channel?: Chandef;
}

export interface Iface {
  wdev: bigint;
  wiphy: number;
  ifindex?: number;
  ifname?: string;
  iftype: string;
  iftypeId: number;
  addr?: string;
  /** Set when the interface is an MLD (it has links): the MLD address. */
  mldAddr?: string;
  links: MloLink[];
  channel?: Chandef;
  ssid?: string;
  txPowerMbm?: number;
  fourAddr?: boolean;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Uint8Array);

/**
 * Merges the messages of a split wiphy dump (NL80211_ATTR_SPLIT_WIPHY_DUMP): the kernel
 * spreads one wiphy over many messages, e.g. one channel of a band per message. Arrays
 * (channel lists) are concatenated, keyed maps (bands by id) merged, the rest replaced.
 */
export function mergeSplitParts<T extends object>(parts: readonly T[]): T {
  const merge = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) {
      const prev = out[k];
      if (Array.isArray(prev) && Array.isArray(v)) out[k] = [...prev, ...v];
      else if (isPlainObject(prev) && isPlainObject(v)) out[k] = merge(prev, v);
      else out[k] = v;
    }
    return out;
  };
  return parts.reduce((acc, p) => merge(acc as Record<string, unknown>, p as Record<string, unknown>), {} as Record<string, unknown>) as T;
}

/** Groups split-dump messages by wiphy index, in order of first appearance. */
export function groupByWiphy(parts: readonly Attrs_nl80211_attrs[]): Attrs_nl80211_attrs[] {
  const groups = new Map<number, Attrs_nl80211_attrs[]>();
  for (const p of parts) {
    if (p.WIPHY === undefined) continue;
    let g = groups.get(p.WIPHY);
    if (!g) groups.set(p.WIPHY, (g = []));
    g.push(p);
  }
  return [...groups.values()].map((g) => mergeSplitParts(g));
}

function buildBand(bandId: number, b: Attrs_nl80211_band_attr): Band {
  const band: Band = {
    band: bandName(bandId),
    bandId,
    channels: (b.FREQS ?? []).filter((f) => f.FREQ !== undefined).map((f) => {
      const ch: Channel = { freq: f.FREQ!, disabled: !!f.DISABLED, noIr: !!f.NO_IR, radar: !!f.RADAR };
      if (f.OFFSET) ch.offsetKhz = f.OFFSET;
      if (f.MAX_TX_POWER !== undefined) ch.maxTxPowerMbm = f.MAX_TX_POWER;
      if (f.NO_HT40_MINUS) ch.noHt40Minus = true;
      if (f.NO_HT40_PLUS) ch.noHt40Plus = true;
      if (f.NO_80MHZ) ch.no80Mhz = true;
      if (f.NO_160MHZ) ch.no160Mhz = true;
      if (f.NO_320MHZ) ch.no320Mhz = true;
      if (f.NO_HE) ch.noHe = true;
      if (f.NO_EHT) ch.noEht = true;
      return ch;
    }),
    bitrates: (b.RATES ?? []).filter((r) => r.RATE !== undefined).map((r) => r.RATE!),
    ht: b.HT_CAPA !== undefined,
    vht: b.VHT_CAPA !== undefined,
    he: (b.IFTYPE_DATA ?? []).some((d) => d.HE_CAP_PHY !== undefined),
    eht: (b.IFTYPE_DATA ?? []).some((d) => d.EHT_CAP_PHY !== undefined),
  };
  if (b.HT_CAPA !== undefined && b.HT_MCS_SET !== undefined) {
    band.htCapa = { capabilities: b.HT_CAPA, ampduFactor: b.HT_AMPDU_FACTOR ?? 0, ampduDensity: b.HT_AMPDU_DENSITY ?? 0, mcsSet: b.HT_MCS_SET };
  }
  if (b.VHT_CAPA !== undefined && b.VHT_MCS_SET !== undefined) band.vhtCapa = { capabilities: b.VHT_CAPA, mcsSet: b.VHT_MCS_SET };
  if (b.IFTYPE_DATA?.length) {
    band.iftypeData = b.IFTYPE_DATA.map((d) => {
      const out: BandIftypeData = { iftypes: (d.IFTYPES ?? []).map(iftypeName) };
      if (d.HE_CAP_MAC) out.heMac = d.HE_CAP_MAC;
      if (d.HE_CAP_PHY) out.hePhy = d.HE_CAP_PHY;
      if (d.HE_CAP_MCS_SET) out.heMcs = d.HE_CAP_MCS_SET;
      if (d.HE_CAP_PPE) out.hePpe = d.HE_CAP_PPE;
      if (d.HE_6GHZ_CAPA !== undefined) out.he6ghzCapa = d.HE_6GHZ_CAPA;
      if (d.EHT_CAP_MAC) out.ehtMac = d.EHT_CAP_MAC;
      if (d.EHT_CAP_PHY) out.ehtPhy = d.EHT_CAP_PHY;
      if (d.EHT_CAP_MCS_SET) out.ehtMcs = d.EHT_CAP_MCS_SET;
      if (d.EHT_CAP_PPE) out.ehtPpe = d.EHT_CAP_PPE;
      return out;
    });
  }
  return band;
}

/** Builds a wiphy from its merged attributes; null if the index or name is missing. */
export function buildWiphy(a: Attrs_nl80211_attrs): Wiphy | null {
  if (a.WIPHY === undefined || a.WIPHY_NAME === undefined) return null;
  const iftypes = (a.SUPPORTED_IFTYPES ?? []).map(iftypeName);
  const w: Wiphy = {
    index: a.WIPHY,
    name: a.WIPHY_NAME,
    bands: Object.entries(a.WIPHY_BANDS ?? {}).map(([id, b]) => buildBand(Number(id), b!)).sort((x, y) => x.bandId - y.bandId),
    iftypes,
    softwareIftypes: (a.SOFTWARE_IFTYPES ?? []).map(iftypeName),
    combinations: (a.INTERFACE_COMBINATIONS ?? []).map((c) => ({
      limits: (c.LIMITS ?? []).map((l) => ({ max: l.MAX ?? 0, types: (l.TYPES ?? []).map(iftypeName) })),
      maxInterfaces: c.MAXNUM ?? 0,
      numChannels: c.NUM_CHANNELS ?? 0,
      staApBiMatch: !!c.STA_AP_BI_MATCH,
    })),
    supportsMlo: !!a.MLO_SUPPORT,
    mlo: (a.IFTYPE_EXT_CAPA ?? []).filter((e) => e.IFTYPE !== undefined && (e.EML_CAPABILITY !== undefined || e.MLD_CAPA_AND_OPS !== undefined)).map((e) => {
      const m: MloCapability = { iftype: iftypeName(e.IFTYPE!) };
      if (e.EML_CAPABILITY !== undefined) m.emlCapability = e.EML_CAPABILITY;
      if (e.MLD_CAPA_AND_OPS !== undefined) {
        m.mldCapaAndOps = e.MLD_CAPA_AND_OPS;
        m.maxSimultaneousLinks = (e.MLD_CAPA_AND_OPS & 0xf) + 1;
      }
      return m;
    }),
    p2pDevice: (a.SUPPORTED_IFTYPES ?? []).includes(IFTYPE.P2P_DEVICE),
    supportedCommands: a.SUPPORTED_COMMANDS ?? [],
  };
  if (a.MAX_NUM_SCAN_SSIDS !== undefined) w.maxScanSsids = a.MAX_NUM_SCAN_SSIDS;
  if (a.MAX_REMAIN_ON_CHANNEL_DURATION !== undefined) w.maxRemainOnChannelMs = a.MAX_REMAIN_ON_CHANNEL_DURATION;
  return w;
}

function chandef(a: Attrs_nl80211_attrs): Chandef | undefined {
  if (a.WIPHY_FREQ === undefined) return undefined;
  const c: Chandef = { freq: a.WIPHY_FREQ };
  if (a.CHANNEL_WIDTH !== undefined) c.width = widthName(a.CHANNEL_WIDTH);
  if (a.CENTER_FREQ1 !== undefined) c.centerFreq1 = a.CENTER_FREQ1;
  if (a.CENTER_FREQ2 !== undefined) c.centerFreq2 = a.CENTER_FREQ2;
  return c;
}

/** Builds an interface/wdev from a GET_INTERFACE reply or NEW/SET_INTERFACE event. */
export function buildIface(a: Attrs_nl80211_attrs): Iface | null {
  if (a.WDEV === undefined || a.WIPHY === undefined || a.IFTYPE === undefined) return null;
  const links: MloLink[] = (a.MLO_LINKS ?? []).filter((l) => l.MLO_LINK_ID !== undefined && l.MAC !== undefined).map((l) => {
    const link: MloLink = { linkId: l.MLO_LINK_ID!, addr: l.MAC! };
    const ch = chandef(l);
    if (ch) link.channel = ch;
    return link;
  });
  const i: Iface = { wdev: a.WDEV, wiphy: a.WIPHY, iftype: iftypeName(a.IFTYPE), iftypeId: a.IFTYPE, links };
  if (a.IFINDEX !== undefined) i.ifindex = a.IFINDEX;
  if (a.IFNAME !== undefined) i.ifname = a.IFNAME;
  if (a.MAC !== undefined) i.addr = a.MAC;
  if (links.length > 0 && a.MAC !== undefined) i.mldAddr = a.MAC;
  const ch = chandef(a);
  if (ch) i.channel = ch;
  if (a.SSID !== undefined) i.ssid = Buffer.from(a.SSID).toString('utf8');
  if (a.WIPHY_TX_POWER_LEVEL !== undefined) i.txPowerMbm = a.WIPHY_TX_POWER_LEVEL;
  if (a['4ADDR'] !== undefined) i.fourAddr = a['4ADDR'] !== 0;
  return i;
}

export type InventoryChange =
  | { kind: 'wiphy-added' | 'wiphy-removed' | 'wiphy-changed'; wiphy: Wiphy }
  | { kind: 'interface-added' | 'interface-removed' | 'interface-changed'; iface: Iface };

const same = (a: unknown, b: unknown) =>
  JSON.stringify(a, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) === JSON.stringify(b, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

export class Inventory {
  private readonly wiphyMap = new Map<number, Wiphy>();
  private readonly ifaceMap = new Map<bigint, Iface>();

  wiphys(): Wiphy[] { return [...this.wiphyMap.values()].sort((a, b) => a.index - b.index); }
  interfaces(): Iface[] { return [...this.ifaceMap.values()].sort((a, b) => (a.wdev < b.wdev ? -1 : a.wdev > b.wdev ? 1 : 0)); }
  wiphy(index: number): Wiphy | undefined { return this.wiphyMap.get(index); }
  wiphyByName(name: string): Wiphy | undefined { return this.wiphys().find((w) => w.name === name); }
  iface(wdev: bigint): Iface | undefined { return this.ifaceMap.get(wdev); }
  ifaceByIndex(ifindex: number): Iface | undefined { return this.interfaces().find((i) => i.ifindex === ifindex); }
  ifaceByName(ifname: string): Iface | undefined { return this.interfaces().find((i) => i.ifname === ifname); }

  /** Replaces everything with a fresh dump; returns the differences. */
  replaceAll(wiphys: Wiphy[], ifaces: Iface[]): InventoryChange[] {
    const changes: InventoryChange[] = [];
    const newW = new Map(wiphys.map((w) => [w.index, w]));
    const newI = new Map(ifaces.map((i) => [i.wdev, i]));
    for (const [wdev, i] of this.ifaceMap) if (!newI.has(wdev)) { this.ifaceMap.delete(wdev); changes.push({ kind: 'interface-removed', iface: i }); }
    for (const [idx, w] of this.wiphyMap) if (!newW.has(idx)) { this.wiphyMap.delete(idx); changes.push({ kind: 'wiphy-removed', wiphy: w }); }
    for (const w of wiphys) changes.push(...this.upsertWiphy(w));
    for (const i of ifaces) changes.push(...this.upsertIface(i));
    return changes;
  }

  upsertWiphy(w: Wiphy): InventoryChange[] {
    const prev = this.wiphyMap.get(w.index);
    this.wiphyMap.set(w.index, w);
    if (!prev) return [{ kind: 'wiphy-added', wiphy: w }];
    return same(prev, w) ? [] : [{ kind: 'wiphy-changed', wiphy: w }];
  }

  removeWiphy(index: number): InventoryChange[] {
    const w = this.wiphyMap.get(index);
    if (!w) return [];
    const changes: InventoryChange[] = [];
    // The kernel removes a wiphy's interfaces with it; say so even if their events were lost.
    for (const i of this.interfaces()) if (i.wiphy === index) changes.push(...this.removeIface(i.wdev));
    this.wiphyMap.delete(index);
    changes.push({ kind: 'wiphy-removed', wiphy: w });
    return changes;
  }

  upsertIface(i: Iface): InventoryChange[] {
    const prev = this.ifaceMap.get(i.wdev);
    this.ifaceMap.set(i.wdev, i);
    if (!prev) return [{ kind: 'interface-added', iface: i }];
    return same(prev, i) ? [] : [{ kind: 'interface-changed', iface: i }];
  }

  removeIface(wdev: bigint): InventoryChange[] {
    const i = this.ifaceMap.get(wdev);
    if (!i) return [];
    this.ifaceMap.delete(wdev);
    return [{ kind: 'interface-removed', iface: i }];
  }

  clear(): InventoryChange[] {
    return this.replaceAll([], []);
  }
}
