// The Reconfiguration Multi-Link element (802.11be-2024 9.4.2.322.4, Multi-Link type 2): an
// AP MLD announces in its beacons that affiliated APs go away, one Per-STA Profile per link
// with the AP Removal Timer (TBTTs of that link until removal, counted down each beacon;
// 35.3.6.2.2). Layout as hostapd's src/common/ieee802_11_defs.h (Figure 9-1074ad, 9-1074ag)
// and hostapd_eid_eht_reconf_ml; lengths are honoured so extended fields are skipped, as
// hostapd's test_eht_mld_owe_two_links_reconf_mle_ext requires of a station.
import { FrameDecodeError } from './decode-error.js';
import { ByteWriter } from './byte-writer.js';
import { buildFragmented, FRAGMENT_SUBELEMENT_ID } from './element-fragments.js';
import { MAC_LEN } from './mac-address.js';
import { buildMultiLinkElement, checkLinkId, le16, MultiLinkSubelement, MultiLinkType, profileLinkId, splitMultiLink } from './multi-link.js';

const RECONF = 'Reconfiguration Multi-Link element';

/** Presence bits, as bits of the Multi-Link Control field. */
export const ReconfPresence = {
  MLD_MAC_ADDRESS: 0x0010,
  EML_CAPABILITIES: 0x0020,
  MLD_CAPABILITIES: 0x0040,
  EXT_MLD_CAPABILITIES: 0x0080,
} as const;

/** STA Control of a Reconfiguration Per-STA Profile. */
export const ReconfStaControl = {
  LINK_ID_MASK: 0x000f,
  COMPLETE_PROFILE: 0x0010,
  STA_MAC_PRESENT: 0x0020,
  AP_REMOVAL_TIMER_PRESENT: 0x0040,
  OPERATION_TYPE_MASK: 0x0780,
  OPERATION_PARAMS_PRESENT: 0x0800,
  NSTR_BITMAP_SIZE: 0x1000,
  NSTR_INDICATION_PRESENT: 0x2000,
} as const;

/** Reconfiguration Operation Type (Table 9-417p). */
export const ReconfOperation = {
  AP_REMOVAL: 0,
  OPERATION_PARAMETER_UPDATE: 1,
  ADD_LINK: 2,
  DELETE_LINK: 3,
  NSTR_STATUS_UPDATE: 4,
} as const;

const OPERATION_PARAMS_LEN = 3;

export interface ReconfProfile {
  linkId: number;
  operation: number;
  completeProfile?: boolean;
  staAddr?: Uint8Array;
  /** TBTTs of the link's AP until it is removed (0: at the next TBTT). */
  apRemovalTimer?: number;
  /** Operation Parameters, raw (3 octets). */
  operationParams?: Uint8Array;
  nstr?: { bitmap: number; wide: boolean };
  /** STA Profile field, raw (empty for an AP removal). */
  profile: Uint8Array;
}

export interface ReconfigurationMultiLink {
  mldAddr?: Uint8Array;
  emlCapabilities?: number;
  mldCapabilities?: number;
  extMldCapabilities?: number;
  profiles: ReconfProfile[];
}

/** Whole Reconfiguration Multi-Link element(s). */
export function buildReconfigurationMultiLink(ml: ReconfigurationMultiLink): Uint8Array {
  let control: number = MultiLinkType.RECONFIGURATION;
  const common = new ByteWriter(16);
  if (ml.mldAddr) {
    if (ml.mldAddr.length !== MAC_LEN) throw new RangeError('MLD MAC address is not 6 octets');
    control |= ReconfPresence.MLD_MAC_ADDRESS;
    common.bytes(ml.mldAddr);
  }
  if (ml.emlCapabilities !== undefined) { control |= ReconfPresence.EML_CAPABILITIES; common.le16(ml.emlCapabilities); }
  if (ml.mldCapabilities !== undefined) { control |= ReconfPresence.MLD_CAPABILITIES; common.le16(ml.mldCapabilities); }
  if (ml.extMldCapabilities !== undefined) { control |= ReconfPresence.EXT_MLD_CAPABILITIES; common.le16(ml.extMldCapabilities); }
  return buildMultiLinkElement(control, common.finish(), ml.profiles.map(buildReconfProfile));
}

function buildReconfProfile(p: ReconfProfile): Uint8Array {
  checkLinkId(p.linkId);
  if (!Number.isInteger(p.operation) || p.operation < 0 || p.operation > 15) throw new RangeError(`operation type ${p.operation} is not 0-15`);
  let control = p.linkId | (p.operation << 7);
  const info = new ByteWriter(16);
  if (p.completeProfile) control |= ReconfStaControl.COMPLETE_PROFILE;
  if (p.staAddr) {
    if (p.staAddr.length !== MAC_LEN) throw new RangeError('STA MAC address is not 6 octets');
    control |= ReconfStaControl.STA_MAC_PRESENT;
    info.bytes(p.staAddr);
  }
  if (p.apRemovalTimer !== undefined) {
    if (!Number.isInteger(p.apRemovalTimer) || p.apRemovalTimer < 0 || p.apRemovalTimer > 0xffff) throw new RangeError('AP Removal Timer is 0-65535 TBTTs');
    control |= ReconfStaControl.AP_REMOVAL_TIMER_PRESENT;
    info.le16(p.apRemovalTimer);
  }
  if (p.operationParams) {
    if (p.operationParams.length !== OPERATION_PARAMS_LEN) throw new RangeError('Operation Parameters are 3 octets');
    control |= ReconfStaControl.OPERATION_PARAMS_PRESENT;
    info.bytes(p.operationParams);
  }
  if (p.nstr) {
    control |= ReconfStaControl.NSTR_INDICATION_PRESENT;
    if (p.nstr.wide) { control |= ReconfStaControl.NSTR_BITMAP_SIZE; info.le16(p.nstr.bitmap); } else info.u8(p.nstr.bitmap);
  }
  const staInfo = info.finish();
  const body = new ByteWriter(staInfo.length + p.profile.length + 3).le16(control).u8(staInfo.length + 1).bytes(staInfo).bytes(p.profile).finish();
  return buildFragmented(MultiLinkSubelement.PER_STA_PROFILE, body, FRAGMENT_SUBELEMENT_ID);
}

/** Parses a Reconfiguration Multi-Link element's data (after the extension id, fragments joined). */
export function parseReconfigurationMultiLink(data: Uint8Array): ReconfigurationMultiLink {
  const parts = splitMultiLink(data, RECONF);
  if (parts.type !== MultiLinkType.RECONFIGURATION) throw new FrameDecodeError('bad_value', RECONF, 0, `type ${parts.type} is not Reconfiguration`);
  const { control, common: c } = parts;
  const has = (bit: number) => (control & bit) !== 0;
  const need = (has(ReconfPresence.MLD_MAC_ADDRESS) ? MAC_LEN : 0) + (has(ReconfPresence.EML_CAPABILITIES) ? 2 : 0)
    + (has(ReconfPresence.MLD_CAPABILITIES) ? 2 : 0) + (has(ReconfPresence.EXT_MLD_CAPABILITIES) ? 2 : 0);
  if (c.length < need) throw new FrameDecodeError('bad_length', `${RECONF} Common Info`, 2, `length ${c.length + 1}, the presence bitmap needs ${need + 1}`);
  const ml: ReconfigurationMultiLink = { profiles: [] };
  let pos = 0;
  if (has(ReconfPresence.MLD_MAC_ADDRESS)) { ml.mldAddr = c.slice(0, MAC_LEN); pos += MAC_LEN; }
  if (has(ReconfPresence.EML_CAPABILITIES)) { ml.emlCapabilities = le16(c, pos); pos += 2; }
  if (has(ReconfPresence.MLD_CAPABILITIES)) { ml.mldCapabilities = le16(c, pos); pos += 2; }
  if (has(ReconfPresence.EXT_MLD_CAPABILITIES)) ml.extMldCapabilities = le16(c, pos);
  for (const sub of parts.subelements) {
    if (sub.id !== MultiLinkSubelement.PER_STA_PROFILE) continue;
    const what = `${RECONF} Per-STA Profile`;
    const v = sub.data;
    if (v.length < 3) throw new FrameDecodeError('bad_length', what, sub.offset, `length ${v.length}, needs STA Control and STA Info Length`);
    const sc = le16(v, 0);
    const on = (bit: number) => (sc & bit) !== 0;
    const infoLen = v[2];
    const infoNeed = 1 + (on(ReconfStaControl.STA_MAC_PRESENT) ? MAC_LEN : 0) + (on(ReconfStaControl.AP_REMOVAL_TIMER_PRESENT) ? 2 : 0)
      + (on(ReconfStaControl.OPERATION_PARAMS_PRESENT) ? OPERATION_PARAMS_LEN : 0)
      + (on(ReconfStaControl.NSTR_INDICATION_PRESENT) ? (on(ReconfStaControl.NSTR_BITMAP_SIZE) ? 2 : 1) : 0);
    if (infoLen < infoNeed) throw new FrameDecodeError('bad_length', what, sub.offset + 4, `STA Info Length ${infoLen}, STA Control 0x${sc.toString(16)} needs ${infoNeed}`);
    if (2 + infoLen > v.length) throw new FrameDecodeError('truncated', what, sub.offset + 4, `STA Info Length ${infoLen} but ${v.length - 2} octets left`);
    const p: ReconfProfile = {
      linkId: profileLinkId(sc, what, sub.offset + 2),
      operation: (sc & ReconfStaControl.OPERATION_TYPE_MASK) >> 7,
      completeProfile: on(ReconfStaControl.COMPLETE_PROFILE),
      profile: v.slice(2 + infoLen),
    };
    let at = 3;
    if (on(ReconfStaControl.STA_MAC_PRESENT)) { p.staAddr = v.slice(at, at + MAC_LEN); at += MAC_LEN; }
    if (on(ReconfStaControl.AP_REMOVAL_TIMER_PRESENT)) { p.apRemovalTimer = le16(v, at); at += 2; }
    if (on(ReconfStaControl.OPERATION_PARAMS_PRESENT)) { p.operationParams = v.slice(at, at + OPERATION_PARAMS_LEN); at += OPERATION_PARAMS_LEN; }
    if (on(ReconfStaControl.NSTR_INDICATION_PRESENT)) {
      const wide = on(ReconfStaControl.NSTR_BITMAP_SIZE);
      p.nstr = { bitmap: wide ? le16(v, at) : v[at], wide };
    }
    ml.profiles.push(p);
  }
  return ml;
}
