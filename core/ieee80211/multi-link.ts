// The Multi-Link element (IEEE 802.11be-2024 9.4.2.322; element 255, extension 107):
// Multi-Link Control (type in B0-B2, presence bitmap in B4-B15), a Common Info field that
// starts with its own length, and a Link Info field of subelements (Per-STA Profile 0,
// Vendor Specific 221, Fragment 254). This file holds what every type shares and the Basic
// type (0) that beacons, probe responses and (re)association frames carry. Field layouts
// as in hostapd's src/common/ieee802_11_defs.h and Linux's include/linux/ieee80211-eht.h,
// both citing the 802.11be-2024 figures. Every length field is honoured as the upper bound
// of what is known, so fields later amendments append are skipped, not refused.
import { FrameDecodeError, requireBytes } from './decode-error.js';
import { ByteWriter } from './byte-writer.js';
import { ElementExtId } from './elements.js';
import { buildExtensionElement, buildFragmented, FRAGMENT_SUBELEMENT_ID, parseDefragmented, type DefragmentedElement } from './element-fragments.js';
import { MAC_LEN } from './mac-address.js';

export const MultiLinkType = {
  BASIC: 0,
  PROBE_REQUEST: 1,
  RECONFIGURATION: 2,
  TDLS: 3,
  PRIORITY_ACCESS: 4,
} as const;

/** Subelement IDs of the Link Info field (802.11be-2024 Table 9-417g). */
export const MultiLinkSubelement = {
  PER_STA_PROFILE: 0,
  VENDOR_SPECIFIC: 221,
  FRAGMENT: FRAGMENT_SUBELEMENT_ID,
} as const;

/** Presence bits of the Basic Multi-Link element, as bits of the Multi-Link Control field (Figure 9-1074o). */
export const BasicPresence = {
  LINK_ID: 0x0010,
  BSS_PARAMS_CHANGE_COUNT: 0x0020,
  MEDIUM_SYNC_DELAY: 0x0040,
  EML_CAPABILITIES: 0x0080,
  MLD_CAPABILITIES: 0x0100,
  AP_MLD_ID: 0x0200,
  EXT_MLD_CAPABILITIES: 0x0400,
} as const;

/** STA Control field of a Basic Multi-Link Per-STA Profile (Figure 9-1074v). */
export const StaControl = {
  LINK_ID_MASK: 0x000f,
  COMPLETE_PROFILE: 0x0010,
  STA_MAC_PRESENT: 0x0020,
  BEACON_INTERVAL_PRESENT: 0x0040,
  TSF_OFFSET_PRESENT: 0x0080,
  DTIM_INFO_PRESENT: 0x0100,
  NSTR_LINK_PAIR_PRESENT: 0x0200,
  NSTR_BITMAP_SIZE: 0x0400,
  BSS_PARAMS_CHANGE_COUNT_PRESENT: 0x0800,
} as const;

/** MLD Capabilities And Operations subfields (Figure 9-1074s). */
export const MldCapability = {
  /** Maximum Number Of Simultaneous Links, minus one. */
  MAX_SIMULTANEOUS_LINKS_MASK: 0x000f,
  SRS_SUPPORT: 0x0010,
  TID_TO_LINK_MAPPING_MASK: 0x0060,
  FREQUENCY_SEPARATION_MASK: 0x0f80,
  AAR_SUPPORT: 0x1000,
  LINK_RECONFIGURATION_SUPPORT: 0x2000,
  ALIGNED_TWT_SUPPORT: 0x4000,
} as const;

/** Link IDs are 0-14; 15 means "no link" where a field allows it (802.11be-2024 9.4.2.322.2.3). */
export const MAX_LINK_ID = 14;
/** Medium Synchronization Delay Information default (dot11MSDTimerDuration 5484 µs, OFDM ED -72 dBm, 1 TXOP), as Linux. */
export const MEDIUM_SYNC_DELAY_DEFAULT = 0x10ac;

const BASIC = 'Basic Multi-Link element';
const CONTROL_TYPE_MASK = 0x0007;

export const le16 = (v: Uint8Array, at: number): number => v[at] | (v[at + 1] << 8);

/** The three parts every Multi-Link element type shares. */
export interface MultiLinkParts {
  type: number;
  control: number;
  /** Common Info without its length octet; may be longer than the fields the type defines. */
  common: Uint8Array;
  /** Link Info subelements, Fragment subelements joined. */
  subelements: DefragmentedElement[];
}

/** Type of a Multi-Link element from its data (the element body after the extension id). */
export function multiLinkType(data: Uint8Array): number {
  requireBytes(data.length, 0, 2, 'Multi-Link element');
  return data[0] & CONTROL_TYPE_MASK;
}

/** Splits a Multi-Link element's data (after the extension id, fragments joined) into its parts. */
export function splitMultiLink(data: Uint8Array, what = 'Multi-Link element'): MultiLinkParts {
  requireBytes(data.length, 0, 3, what);
  const control = le16(data, 0);
  const commonLen = data[2];
  if (commonLen < 1) throw new FrameDecodeError('bad_length', what, 2, 'Common Info Length 0 does not count itself');
  requireBytes(data.length, 2, commonLen, `${what} Common Info`);
  return {
    type: control & CONTROL_TYPE_MASK,
    control,
    common: data.subarray(3, 2 + commonLen),
    subelements: parseDefragmented(data.subarray(2 + commonLen), FRAGMENT_SUBELEMENT_ID),
  };
}

/** Whole Multi-Link element(s): control, Common Info (its length octet added) and subelements, fragmented as needed. */
export function buildMultiLinkElement(control: number, common: Uint8Array, subelements: readonly Uint8Array[]): Uint8Array {
  if (common.length + 1 > 255) throw new RangeError('Multi-Link Common Info longer than 255 octets');
  const w = new ByteWriter().le16(control).u8(common.length + 1).bytes(common);
  for (const s of subelements) w.bytes(s);
  return buildExtensionElement(ElementExtId.MULTI_LINK, w.finish());
}

export function checkLinkId(linkId: number): void {
  if (!Number.isInteger(linkId) || linkId < 0 || linkId > MAX_LINK_ID) throw new RangeError(`link id ${linkId} is not 0-${MAX_LINK_ID}`);
}

function checkMac(mac: Uint8Array, what: string): void {
  if (mac.length !== MAC_LEN) throw new RangeError(`${what} is ${mac.length} octets, not 6`);
}

export interface BasicMultiLinkCommon {
  mldAddr: Uint8Array;
  /** Link ID Info: the link of the AP (or STA) that sends the element. */
  linkId?: number;
  bssParamsChangeCount?: number;
  /** Medium Synchronization Delay Information, the raw 16-bit field. */
  mediumSyncDelay?: number;
  emlCapabilities?: number;
  /** MLD Capabilities And Operations (see MldCapability). */
  mldCapabilities?: number;
  apMldId?: number;
  extMldCapabilities?: number;
}

export interface PerStaProfile {
  linkId: number;
  completeProfile: boolean;
  /** STA MAC Address: the link address of the reported AP or of the requesting STA. */
  staAddr?: Uint8Array;
  beaconIntervalTu?: number;
  /** TSF Offset: the reported AP's TSF minus the reporting AP's, the raw signed 64-bit field. */
  tsfOffset?: bigint;
  dtim?: { count: number; period: number };
  /** NSTR Indication Bitmap, only in a complete profile; `wide` selects the 2-octet form. */
  nstr?: { bitmap: number; wide: boolean };
  bssParamsChangeCount?: number;
  /** STA Profile field: the frame's fixed fields and elements for that link (see sta-profile.ts). */
  profile: Uint8Array;
}

export interface BasicMultiLink extends BasicMultiLinkCommon {
  profiles: PerStaProfile[];
}

/** Whole Basic Multi-Link element(s), Fragment elements and subelements added where needed. */
export function buildBasicMultiLink(ml: BasicMultiLink): Uint8Array {
  checkMac(ml.mldAddr, 'MLD MAC address');
  let control: number = MultiLinkType.BASIC;
  const w = new ByteWriter(32).bytes(ml.mldAddr);
  if (ml.linkId !== undefined) {
    checkLinkId(ml.linkId);
    control |= BasicPresence.LINK_ID;
    w.u8(ml.linkId);
  }
  if (ml.bssParamsChangeCount !== undefined) { control |= BasicPresence.BSS_PARAMS_CHANGE_COUNT; w.u8(ml.bssParamsChangeCount); }
  if (ml.mediumSyncDelay !== undefined) { control |= BasicPresence.MEDIUM_SYNC_DELAY; w.le16(ml.mediumSyncDelay); }
  if (ml.emlCapabilities !== undefined) { control |= BasicPresence.EML_CAPABILITIES; w.le16(ml.emlCapabilities); }
  if (ml.mldCapabilities !== undefined) { control |= BasicPresence.MLD_CAPABILITIES; w.le16(ml.mldCapabilities); }
  if (ml.apMldId !== undefined) { control |= BasicPresence.AP_MLD_ID; w.u8(ml.apMldId); }
  if (ml.extMldCapabilities !== undefined) { control |= BasicPresence.EXT_MLD_CAPABILITIES; w.le16(ml.extMldCapabilities); }
  return buildMultiLinkElement(control, w.finish(), ml.profiles.map(buildPerStaProfile));
}

/** A Per-STA Profile subelement (Figure 9-1074u), with Fragment subelements when longer than 255. */
export function buildPerStaProfile(p: PerStaProfile): Uint8Array {
  checkLinkId(p.linkId);
  let control = p.linkId;
  const info = new ByteWriter(32);
  if (p.completeProfile) control |= StaControl.COMPLETE_PROFILE;
  if (p.staAddr) { checkMac(p.staAddr, 'STA MAC address'); control |= StaControl.STA_MAC_PRESENT; info.bytes(p.staAddr); }
  if (p.beaconIntervalTu !== undefined) { control |= StaControl.BEACON_INTERVAL_PRESENT; info.le16(p.beaconIntervalTu); }
  if (p.tsfOffset !== undefined) {
    control |= StaControl.TSF_OFFSET_PRESENT;
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigInt64(0, p.tsfOffset, true);
    info.bytes(b);
  }
  if (p.dtim) { control |= StaControl.DTIM_INFO_PRESENT; info.u8(p.dtim.count).u8(p.dtim.period); }
  if (p.nstr) {
    if (!p.completeProfile) throw new RangeError('an NSTR Indication Bitmap belongs to a complete profile only');
    control |= StaControl.NSTR_LINK_PAIR_PRESENT;
    if (p.nstr.wide) { control |= StaControl.NSTR_BITMAP_SIZE; info.le16(p.nstr.bitmap); } else info.u8(p.nstr.bitmap);
  }
  if (p.bssParamsChangeCount !== undefined) { control |= StaControl.BSS_PARAMS_CHANGE_COUNT_PRESENT; info.u8(p.bssParamsChangeCount); }
  const staInfo = info.finish();
  const body = new ByteWriter(staInfo.length + p.profile.length + 3).le16(control).u8(staInfo.length + 1).bytes(staInfo).bytes(p.profile).finish();
  return buildFragmented(MultiLinkSubelement.PER_STA_PROFILE, body, FRAGMENT_SUBELEMENT_ID);
}

/** Parses a Basic Multi-Link element's data: the element body after the extension id, fragments joined. */
export function parseBasicMultiLink(data: Uint8Array): BasicMultiLink {
  const parts = splitMultiLink(data, BASIC);
  if (parts.type !== MultiLinkType.BASIC) throw new FrameDecodeError('bad_value', BASIC, 0, `type ${parts.type} is not Basic`);
  const { control, common: c } = parts;
  const has = (bit: number) => (control & bit) !== 0;
  const need = MAC_LEN + (has(BasicPresence.LINK_ID) ? 1 : 0) + (has(BasicPresence.BSS_PARAMS_CHANGE_COUNT) ? 1 : 0)
    + (has(BasicPresence.MEDIUM_SYNC_DELAY) ? 2 : 0) + (has(BasicPresence.EML_CAPABILITIES) ? 2 : 0)
    + (has(BasicPresence.MLD_CAPABILITIES) ? 2 : 0) + (has(BasicPresence.AP_MLD_ID) ? 1 : 0)
    + (has(BasicPresence.EXT_MLD_CAPABILITIES) ? 2 : 0);
  if (c.length < need) {
    throw new FrameDecodeError('bad_length', `${BASIC} Common Info`, 2, `length ${c.length + 1} but the presence bitmap 0x${control.toString(16)} needs ${need + 1}`);
  }
  const ml: BasicMultiLink = { mldAddr: c.slice(0, MAC_LEN), profiles: [] };
  let pos = MAC_LEN;
  if (has(BasicPresence.LINK_ID)) ml.linkId = c[pos++] & StaControl.LINK_ID_MASK;
  if (has(BasicPresence.BSS_PARAMS_CHANGE_COUNT)) ml.bssParamsChangeCount = c[pos++];
  if (has(BasicPresence.MEDIUM_SYNC_DELAY)) { ml.mediumSyncDelay = le16(c, pos); pos += 2; }
  if (has(BasicPresence.EML_CAPABILITIES)) { ml.emlCapabilities = le16(c, pos); pos += 2; }
  if (has(BasicPresence.MLD_CAPABILITIES)) { ml.mldCapabilities = le16(c, pos); pos += 2; }
  if (has(BasicPresence.AP_MLD_ID)) ml.apMldId = c[pos++];
  if (has(BasicPresence.EXT_MLD_CAPABILITIES)) ml.extMldCapabilities = le16(c, pos);
  for (const sub of parts.subelements) {
    // Vendor Specific and unknown subelements carry nothing wifid acts on (hostapd skips them too).
    if (sub.id === MultiLinkSubelement.PER_STA_PROFILE) ml.profiles.push(parsePerStaProfile(sub));
  }
  return ml;
}

/** Link ID of a Per-STA Profile's STA Control, refusing 15 (no link). */
export function profileLinkId(control: number, what: string, offset: number): number {
  const linkId = control & StaControl.LINK_ID_MASK;
  if (linkId > MAX_LINK_ID) throw new FrameDecodeError('bad_value', what, offset, `link id ${linkId} is reserved`);
  return linkId;
}

function parsePerStaProfile(sub: DefragmentedElement): PerStaProfile {
  const what = `${BASIC} Per-STA Profile`;
  const v = sub.data;
  if (v.length < 3) throw new FrameDecodeError('bad_length', what, sub.offset, `length ${v.length}, needs STA Control and STA Info Length`);
  const control = le16(v, 0);
  const has = (bit: number) => (control & bit) !== 0;
  const complete = has(StaControl.COMPLETE_PROFILE);
  const nstr = complete && has(StaControl.NSTR_LINK_PAIR_PRESENT);
  const infoLen = v[2];
  const need = 1 + (has(StaControl.STA_MAC_PRESENT) ? MAC_LEN : 0) + (has(StaControl.BEACON_INTERVAL_PRESENT) ? 2 : 0)
    + (has(StaControl.TSF_OFFSET_PRESENT) ? 8 : 0) + (has(StaControl.DTIM_INFO_PRESENT) ? 2 : 0)
    + (nstr ? (has(StaControl.NSTR_BITMAP_SIZE) ? 2 : 1) : 0) + (has(StaControl.BSS_PARAMS_CHANGE_COUNT_PRESENT) ? 1 : 0);
  if (infoLen < need) throw new FrameDecodeError('bad_length', what, sub.offset + 4, `STA Info Length ${infoLen}, STA Control 0x${control.toString(16)} needs ${need}`);
  if (2 + infoLen > v.length) throw new FrameDecodeError('truncated', what, sub.offset + 4, `STA Info Length ${infoLen} but ${v.length - 2} octets left`);
  const p: PerStaProfile = { linkId: profileLinkId(control, what, sub.offset + 2), completeProfile: complete, profile: v.slice(2 + infoLen) };
  let pos = 3;
  if (has(StaControl.STA_MAC_PRESENT)) { p.staAddr = v.slice(pos, pos + MAC_LEN); pos += MAC_LEN; }
  if (has(StaControl.BEACON_INTERVAL_PRESENT)) { p.beaconIntervalTu = le16(v, pos); pos += 2; }
  if (has(StaControl.TSF_OFFSET_PRESENT)) { p.tsfOffset = new DataView(v.buffer, v.byteOffset + pos, 8).getBigInt64(0, true); pos += 8; }
  if (has(StaControl.DTIM_INFO_PRESENT)) { p.dtim = { count: v[pos], period: v[pos + 1] }; pos += 2; }
  if (nstr) {
    const wide = has(StaControl.NSTR_BITMAP_SIZE);
    p.nstr = { bitmap: wide ? le16(v, pos) : v[pos], wide };
    pos += wide ? 2 : 1;
  }
  if (has(StaControl.BSS_PARAMS_CHANGE_COUNT_PRESENT)) p.bssParamsChangeCount = v[pos];
  return p;
}
