// One link of an AP: the channel it beacons on, its BSSID, the BSS template its beacon
// and probe responses are built from, and (with RSN) its group keys. A single-link AP
// has one; an AP MLD (issue 17) holds one per affiliated AP, each with its link id.
import { buildBeacon, buildProbeResponse, type BssTemplate } from '../../core/ieee80211/beacon.js';
import { CapabilityInfo } from '../../core/ieee80211/capability-info.js';
import type { BandName } from '../../core/ieee80211/channels.js';
import { textEncoder } from '../../core/ieee80211/byte-writer.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { MGMT_HEADER_LEN } from '../../core/ieee80211/mgmt-header.js';
import { ElementExtId, ElementId } from '../../core/ieee80211/elements.js';
import { multiLinkType, MultiLinkType } from '../../core/ieee80211/multi-link.js';
import type { PartnerLink } from '../../core/ieee80211/partner-profile.js';
import { rateOctets } from '../../core/ieee80211/rates.js';
import type { BeaconData, ChannelDef } from '../../core/nl80211/ap-commands.js';
import type { RadioPlan } from './radio-checks.js';
import { assocResponseCaps, buildBssCaps, type BssCaps } from './bss-caps.js';

/** Basic rates, 100 kb/s units: 1, 2, 5.5, 11 Mb/s on 2.4 GHz (hostapd's 802.11g default), 6, 12, 24 Mb/s elsewhere. */
const BASIC_RATES: Record<BandName, number[]> = { '2.4GHz': [10, 20, 55, 110], '5GHz': [60, 120, 240], '6GHz': [60, 120, 240] };

export interface GroupKeys {
  gtk?: { key: Uint8Array; id: number };
  igtk?: { key: Uint8Array; id: number };
  bigtk?: { key: Uint8Array; id: number };
}

export interface LinkSetup {
  /** Undefined on a single-link AP; the MLO link id on an AP MLD. */
  linkId?: number;
  phy: string;
  wiphy: number;
  bssid: string;
  plan: RadioPlan;
  ssid: string;
  hidden: boolean;
  beaconIntTu: number;
  dtimPeriod: number;
  /** Whole RSN element and RSNX element of the BSS, absent for an open one. */
  rsne?: Uint8Array;
  rsnxe?: Uint8Array;
  /** Country code of the Country element; undefined for the world domain. */
  country?: string;
}

export class ApLink {
  readonly linkId: number | undefined;
  readonly bssid: string;
  readonly bssidBytes: Uint8Array;
  readonly channel: ChannelDef;
  readonly template: BssTemplate;
  /** HT/VHT/HE/EHT, WMM, country and extended capability elements of the BSS. */
  readonly caps: BssCaps;
  readonly groupKeys: GroupKeys = {};
  /** Beacon templates handed to the kernel (START_AP and every SET_BEACON). */
  beaconUpdates = 0;
  /** An AP MLD's link: its BSS Parameters Change Count (802.11be 35.3.10), one more per critical update. */
  changeCount = 0;
  /** An AP MLD's link announced for removal (remove_link): TBTTs left on its AP Removal Timer. */
  removalTbtt: number | undefined;
  /** Supported rates in 500 kb/s units and the basic ones, for checking a station's rates. */
  readonly rates: number[];
  readonly basicRates: number[];

  constructor(readonly setup: LinkSetup) {
    this.linkId = setup.linkId;
    this.bssid = setup.bssid;
    this.bssidBytes = macFromString(setup.bssid);
    this.channel = setup.plan.channelPlan.chandef;
    this.caps = buildBssCaps(setup.plan, this.bssidBytes, setup.country);
    const basic = BASIC_RATES[setup.plan.band].filter((r) => setup.plan.bitrates.includes(r));
    const octets = rateOctets(setup.plan.bitrates, basic);
    this.rates = octets.map((o) => o & 0x7f);
    this.basicRates = octets.filter((o) => o & 0x80).map((o) => o & 0x7f);
    const is24 = setup.plan.band === '2.4GHz';
    this.template = {
      bssid: this.bssidBytes,
      ssid: textEncoder.encode(setup.ssid),
      hidden: setup.hidden,
      beaconIntTu: setup.beaconIntTu,
      capabilityInfo: CapabilityInfo.ESS | (setup.rsne ? CapabilityInfo.PRIVACY : 0) | (is24 ? CapabilityInfo.SHORT_PREAMBLE | CapabilityInfo.SHORT_SLOT_TIME : 0),
      channel: setup.plan.channel,
      band: setup.plan.band,
      rates: octets,
      ...(is24 ? { erp: 0 } : {}),
      ...(setup.rsne ? { rsne: setup.rsne } : {}),
      ...(setup.rsnxe ? { rsnxe: setup.rsnxe } : {}),
      ...withoutWmm(this.caps),
      vendorElements: [this.caps.wmmParameter],
    };
  }

  get capabilityInfo(): number {
    return this.template.capabilityInfo;
  }

  beacon(): BeaconData {
    const { head, tail } = buildBeacon(this.template);
    return { head, tail, probeResp: buildProbeResponse(this.template), ...(this.linkId !== undefined ? { linkId: this.linkId } : {}) };
  }

  /** Capability elements of a successful association response; the WMM Parameter element to a WMM station. */
  assocResponseElements(wmmStation: boolean): Uint8Array[] {
    return assocResponseCaps(this.caps, wmmStation);
  }

  /**
   * A probe response to `da`; with `basicMultiLink`, that Basic Multi-Link element (a
   * multi-link probe response's, with partner profiles) takes the place of the beacon's one.
   */
  probeResponse(da: Uint8Array, basicMultiLink?: Uint8Array): Uint8Array {
    if (!basicMultiLink) return buildProbeResponse(this.template, da);
    const extraTail = [basicMultiLink, ...(this.template.extraTail ?? []).filter((e) => !isBasicMultiLink(e))];
    return buildProbeResponse({ ...this.template, extraTail }, da);
  }

  /** The elements of its probe response (after the fixed fields), as a partner link's profile starts from. */
  probeResponseElements(): Uint8Array {
    return buildProbeResponse(this.template).subarray(MGMT_HEADER_LEN + PROBE_RESP_FIXED_LEN);
  }

  /** This link as another link of its AP MLD describes it in a Per-STA Profile. */
  asPartner(): PartnerLink {
    return {
      linkId: this.linkId!, bssid: this.bssidBytes, beaconIntervalTu: this.setup.beaconIntTu, dtimPeriod: this.setup.dtimPeriod,
      // The links share one radio's TSF in mac80211_hwsim, and mac80211 reports no offset between links.
      tsfOffset: 0n,
      bssParamsChangeCount: this.changeCount, capabilityInfo: this.capabilityInfo,
    };
  }
}

/** Timestamp, Beacon Interval, Capability Information. */
const PROBE_RESP_FIXED_LEN = 12;

/** Whether a whole element is a Basic Multi-Link element (type 0 in its Multi-Link Control). */
function isBasicMultiLink(e: Uint8Array): boolean {
  return e.length >= 5 && e[0] === ElementId.EXTENSION && e[2] === ElementExtId.MULTI_LINK && multiLinkType(e.subarray(3)) === MultiLinkType.BASIC;
}

function withoutWmm(caps: BssCaps): Omit<BssCaps, 'wmmParameter'> {
  const { wmmParameter: _wmm, ...elements } = caps;
  return elements;
}
