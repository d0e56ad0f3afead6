// HE Capabilities (IEEE 802.11ax-2021 9.4.2.248), HE Operation (9.4.2.249) and HE 6 GHz
// Band Capabilities (9.4.2.263) elements, built for an AP from the wiphy's band data
// (NL80211_BAND_IFTYPE_ATTR_HE_*) and validated in a peer's frames: the MCS map size
// follows the Channel Width Set, the PPE Thresholds follow their own header.
import { ByteWriter } from './byte-writer.js';
import { FrameDecodeError } from './decode-error.js';
import { buildExtElement, ElementExtId } from './elements.js';
import type { BandIftypeData } from '../nl80211/inventory.js';
import { segmentCenter, type BssChannel } from './bss-channel.js';

export const HE_MAC_LEN = 6;
export const HE_PHY_LEN = 11;
/** HE PHY Channel Width Set bits (byte 0, B1-B4). */
export const HePhyWidth = { FORTY_IN_2G: 1 << 1, FORTY_EIGHTY_IN_5G_6G: 1 << 2, ONE_SIXTY: 1 << 3, EIGHTY_PLUS_EIGHTY: 1 << 4 } as const;
/** PPE Thresholds Present: PHY capability B55 (byte 6, bit 7). */
const HE_PHY_PPE_PRESENT_BYTE = 6;
const HE_PHY_PPE_PRESENT = 1 << 7;

/** Octets of the Supported HE-MCS And NSS Set for a PHY capabilities field (9.4.2.248.4). */
export function heMcsSetLength(phy: Uint8Array): number {
  return 4 + (phy[0] & HePhyWidth.ONE_SIXTY ? 4 : 0) + (phy[0] & HePhyWidth.EIGHTY_PLUS_EIGHTY ? 4 : 0);
}

/** Octets of PPE Thresholds starting at `ppe[0]` (9.4.2.248.5): a 7-bit header, then 6 bits per NSS and RU. */
export function hePpeLength(ppe: Uint8Array): number {
  if (ppe.length < 1) return 1;
  const nss = (ppe[0] & 0x7) + 1;
  const rus = popcount((ppe[0] >> 3) & 0xf);
  return Math.ceil((7 + nss * rus * 6) / 8);
}

export function popcount(v: number): number {
  let n = 0;
  for (let x = v; x; x &= x - 1) n++;
  return n;
}

/** The AP's band data for HE/EHT: the iftype data entry that lists "ap". */
export function apIftypeData(data: readonly BandIftypeData[] | undefined): BandIftypeData | undefined {
  return data?.find((d) => d.iftypes.includes('ap'));
}

/**
 * The AP's HE Capabilities element: the band's MAC and PHY capabilities, the channel
 * widths above the BSS's cleared (160 and 80+80 with their MCS maps; 40/80 for a 20 MHz
 * BSS), PPE Thresholds
 * when the PHY says they are present.
 */
export function buildHeCapabilities(he: BandIftypeData, ch: BssChannel): Uint8Array {
  if (!he.heMac || he.heMac.length !== HE_MAC_LEN || !he.hePhy || he.hePhy.length !== HE_PHY_LEN || !he.heMcs) {
    throw new RangeError('band data has no complete HE capabilities');
  }
  const phy = he.hePhy.slice();
  if (ch.width < 160) phy[0] &= ~(HePhyWidth.ONE_SIXTY | HePhyWidth.EIGHTY_PLUS_EIGHTY);
  // A 20 MHz BSS says so, as its HT Capabilities do (no 40 MHz width in either).
  if (ch.width < 40) phy[0] &= ~(HePhyWidth.FORTY_IN_2G | HePhyWidth.FORTY_EIGHTY_IN_5G_6G);
  const mcsLen = heMcsSetLength(phy);
  if (he.heMcs.length < mcsLen) throw new RangeError(`HE MCS set of ${he.heMcs.length} bytes, ${mcsLen} needed`);
  const w = new ByteWriter(64).bytes(he.heMac).bytes(phy).bytes(he.heMcs.subarray(0, mcsLen));
  if (phy[HE_PHY_PPE_PRESENT_BYTE] & HE_PHY_PPE_PRESENT) {
    const ppe = he.hePpe ?? new Uint8Array(0);
    const len = hePpeLength(ppe);
    if (ppe.length < len) throw new RangeError('HE PPE thresholds shorter than their header says');
    w.bytes(ppe.subarray(0, len));
  }
  return buildExtElement(ElementExtId.HE_CAPABILITIES, w.finish());
}

export interface HeOperationOptions {
  bssColor: number;
  /** Basic HE-MCS And NSS Set; default 1 stream MCS 0-7 (0xfffc), as hostapd. */
  basicMcsNss?: number;
  /** TXOP Duration RTS Threshold (10 bits); 1023 = disabled, hostapd's default. */
  rtsThreshold?: number;
  defaultPeDuration?: number;
}

/** HE Operation Parameters: 6 GHz Operation Information Present (B17; wifid sends no VHT Operation Information, B14). */
const HE_OP_6GHZ_INFO_PRESENT = 1 << 17;

/**
 * HE Operation: parameters, BSS Color, basic MCS; on 6 GHz the 6 GHz Operation
 * Information (primary channel, width 0-3, CCFS0/1 as for VHT 160 MHz, minimum rate).
 */
export function buildHeOperation(ch: BssChannel, opts: HeOperationOptions): Uint8Array {
  if (!Number.isInteger(opts.bssColor) || opts.bssColor < 1 || opts.bssColor > 63) throw new RangeError(`BSS color ${opts.bssColor}`);
  let params = (opts.defaultPeDuration ?? 0) & 0x7 | ((opts.rtsThreshold ?? 1023) & 0x3ff) << 4;
  if (ch.band === '6GHz') params |= HE_OP_6GHZ_INFO_PRESENT;
  const w = new ByteWriter(16);
  w.u8(params).u8(params >>> 8).u8(params >>> 16).u8(opts.bssColor).le16(opts.basicMcsNss ?? 0xfffc);
  if (ch.band === '6GHz') {
    const width = ({ 20: 0, 40: 1, 80: 2, 160: 3, 320: 3 } as const)[ch.width];
    const seg0 = ch.width >= 160 ? segmentCenter(ch, 80) : ch.center;
    const seg1 = ch.width >= 160 ? segmentCenter(ch, 160) : 0;
    w.u8(ch.primary).u8(width).u8(seg0).u8(seg1).u8(6 * 2); // minimum rate 6 Mb/s (500 kb/s units)
  }
  return buildExtElement(ElementExtId.HE_OPERATION, w.finish());
}

/** HE 6 GHz Band Capabilities element (2-octet capabilities from NL80211_BAND_IFTYPE_ATTR_HE_6GHZ_CAPA). */
export function buildHe6ghzBandCapabilities(capa: number): Uint8Array {
  return buildExtElement(ElementExtId.HE_6GHZ_BAND_CAPABILITIES, new Uint8Array([capa & 0xff, (capa >> 8) & 0xff]));
}

export interface HeCapabilities {
  mac: Uint8Array;
  phy: Uint8Array;
  mcsSet: Uint8Array;
  ppe?: Uint8Array;
}

/**
 * A peer's HE Capabilities element data (after the extension id): fixed MAC and PHY
 * fields, the MCS map its Channel Width Set calls for, PPE Thresholds if flagged; no byte
 * more or less.
 */
export function parseHeCapabilities(data: Uint8Array): HeCapabilities {
  const what = 'HE Capabilities element';
  const fixed = HE_MAC_LEN + HE_PHY_LEN;
  if (data.length < fixed + 4) throw new FrameDecodeError('bad_length', what, 0, `length ${data.length}, at least ${fixed + 4} needed`);
  const phy = data.slice(HE_MAC_LEN, fixed);
  const mcsLen = heMcsSetLength(phy);
  let need = fixed + mcsLen;
  if (data.length < need) throw new FrameDecodeError('bad_length', what, fixed, `MCS map needs ${mcsLen} bytes, ${data.length - fixed} left`);
  const out: HeCapabilities = { mac: data.slice(0, HE_MAC_LEN), phy, mcsSet: data.slice(fixed, need) };
  if (phy[HE_PHY_PPE_PRESENT_BYTE] & HE_PHY_PPE_PRESENT) {
    if (data.length === need) throw new FrameDecodeError('bad_length', what, need, 'PPE Thresholds flagged but absent');
    const ppeLen = hePpeLength(data.subarray(need));
    if (data.length !== need + ppeLen) throw new FrameDecodeError('bad_length', what, need, `PPE Thresholds of ${data.length - need} bytes, header says ${ppeLen}`);
    out.ppe = data.slice(need);
    need += ppeLen;
  }
  if (data.length !== need) throw new FrameDecodeError('bad_length', what, need, `${data.length - need} bytes after the MCS map`);
  return out;
}
