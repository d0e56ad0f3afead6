// EHT Capabilities (IEEE 802.11be-2024 9.4.2.323) and EHT Operation (9.4.2.311) elements,
// built for an AP from the wiphy's band data (NL80211_BAND_IFTYPE_ATTR_EHT_*) and
// validated in a peer's frames. The EHT-MCS map's size depends on the HE Capabilities of
// the same frame (Channel Width Set) and on who sends it: a 20 MHz-only non-AP STA sends
// the 4-octet form, others 3 octets per width up to 80, 160 and 320 MHz.
import { ByteWriter } from './byte-writer.js';
import { FrameDecodeError } from './decode-error.js';
import { buildExtElement, ElementExtId } from './elements.js';
import type { BandIftypeData } from '../nl80211/inventory.js';
import { HePhyWidth, popcount } from './he.js';
import { segmentCenter, type BssChannel } from './bss-channel.js';

export const EHT_MAC_LEN = 2;
export const EHT_PHY_LEN = 9;
/** EHT PHY: Support For 320 MHz In 6 GHz (B1). */
const EHT_PHY_320 = 1 << 1;
/** EHT PHY: PPE Thresholds Present (B43: byte 5, bit 3). */
const EHT_PHY_PPE_BYTE = 5;
const EHT_PHY_PPE_PRESENT = 1 << 3;

/** Octets of the Supported EHT-MCS And NSS Set (9.4.2.323.4). */
export function ehtMcsSetLength(hePhy: Uint8Array, ehtPhy: Uint8Array, fromAp: boolean): number {
  const widths = HePhyWidth.FORTY_IN_2G | HePhyWidth.FORTY_EIGHTY_IN_5G_6G | HePhyWidth.ONE_SIXTY | HePhyWidth.EIGHTY_PLUS_EIGHTY;
  if ((hePhy[0] & widths) === 0) return fromAp ? 3 : 4;
  return 3 + (hePhy[0] & HePhyWidth.ONE_SIXTY ? 3 : 0) + (ehtPhy[0] & EHT_PHY_320 ? 3 : 0);
}

/** Octets of EHT PPE Thresholds (9.4.2.323.5): a 9-bit header (NSS, RU bitmask), 6 bits per NSS and RU. */
export function ehtPpeLength(ppe: Uint8Array): number {
  if (ppe.length < 2) return 2;
  const nss = (ppe[0] & 0xf) + 1;
  const rus = popcount(((ppe[0] | (ppe[1] << 8)) >> 4) & 0x1f);
  return Math.ceil((9 + nss * rus * 6) / 8);
}

/**
 * The AP's EHT Capabilities element. `hePhy` is the PHY field of the HE Capabilities the
 * same frame carries (after the BSS width was applied), since it decides the map size.
 */
export function buildEhtCapabilities(d: BandIftypeData, hePhy: Uint8Array, ch: BssChannel): Uint8Array {
  if (!d.ehtMac || d.ehtMac.length !== EHT_MAC_LEN || !d.ehtPhy || d.ehtPhy.length !== EHT_PHY_LEN || !d.ehtMcs) {
    throw new RangeError('band data has no complete EHT capabilities');
  }
  const phy = d.ehtPhy.slice();
  if (ch.width < 320) phy[0] &= ~EHT_PHY_320;
  const mcsLen = ehtMcsSetLength(hePhy, phy, true);
  if (d.ehtMcs.length < mcsLen) throw new RangeError(`EHT MCS set of ${d.ehtMcs.length} bytes, ${mcsLen} needed`);
  const w = new ByteWriter(64).bytes(d.ehtMac).bytes(phy).bytes(d.ehtMcs.subarray(0, mcsLen));
  if (phy[EHT_PHY_PPE_BYTE] & EHT_PHY_PPE_PRESENT) {
    const ppe = d.ehtPpe ?? new Uint8Array(0);
    const len = ehtPpeLength(ppe);
    if (ppe.length < len) throw new RangeError('EHT PPE thresholds shorter than their header says');
    w.bytes(ppe.subarray(0, len));
  }
  return buildExtElement(ElementExtId.EHT_CAPABILITIES, w.finish());
}

/** EHT Operation Parameters: EHT Operation Information Present (B0). */
const EHT_OP_INFO_PRESENT = 1 << 0;

/**
 * EHT Operation with the EHT Operation Information always present (as hostapd sends it):
 * width 0-4 (20..320 MHz), CCFS0 = centre of the 80 MHz (up to 80: the BSS) or 160 MHz
 * (320 MHz BSS) segment with the primary, CCFS1 = BSS centre for 160/320 MHz. Basic
 * EHT-MCS And NSS Set: 1 stream for MCS 0-7 (0x11, 0, 0, 0).
 */
export function buildEhtOperation(ch: BssChannel): Uint8Array {
  const width = ({ 20: 0, 40: 1, 80: 2, 160: 3, 320: 4 } as const)[ch.width];
  let seg0 = ch.center;
  let seg1 = 0;
  if (ch.width === 160) [seg0, seg1] = [segmentCenter(ch, 80), ch.center];
  if (ch.width === 320) [seg0, seg1] = [segmentCenter(ch, 160), ch.center];
  const w = new ByteWriter(8).u8(EHT_OP_INFO_PRESENT).u8(0x11).u8(0).u8(0).u8(0).u8(width).u8(seg0).u8(seg1);
  return buildExtElement(ElementExtId.EHT_OPERATION, w.finish());
}

export interface EhtCapabilities {
  mac: Uint8Array;
  phy: Uint8Array;
  mcsSet: Uint8Array;
  ppe?: Uint8Array;
}

/**
 * A peer's EHT Capabilities element data (after the extension id), given the PHY field of
 * the HE Capabilities of the same frame; `fromAp` false for a client's frames.
 */
export function parseEhtCapabilities(data: Uint8Array, hePhy: Uint8Array, fromAp = false): EhtCapabilities {
  const what = 'EHT Capabilities element';
  const fixed = EHT_MAC_LEN + EHT_PHY_LEN;
  if (data.length < fixed) throw new FrameDecodeError('bad_length', what, 0, `length ${data.length}, at least ${fixed} needed`);
  const phy = data.slice(EHT_MAC_LEN, fixed);
  const mcsLen = ehtMcsSetLength(hePhy, phy, fromAp);
  let need = fixed + mcsLen;
  if (data.length < need) throw new FrameDecodeError('bad_length', what, fixed, `MCS map needs ${mcsLen} bytes, ${data.length - fixed} left`);
  const out: EhtCapabilities = { mac: data.slice(0, EHT_MAC_LEN), phy, mcsSet: data.slice(fixed, need) };
  if (phy[EHT_PHY_PPE_BYTE] & EHT_PHY_PPE_PRESENT) {
    const ppeLen = ehtPpeLength(data.subarray(need));
    if (data.length !== need + ppeLen) throw new FrameDecodeError('bad_length', what, need, `PPE Thresholds of ${data.length - need} bytes, header says ${ppeLen}`);
    out.ppe = data.slice(need);
    need += ppeLen;
  }
  if (data.length !== need) throw new FrameDecodeError('bad_length', what, need, `${data.length - need} bytes after the MCS map`);
  return out;
}
