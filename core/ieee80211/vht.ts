// VHT Capabilities (IEEE 802.11-2020 9.4.2.157) and VHT Operation (9.4.2.158) elements
// for an AP on 5 GHz, from the wiphy's band data (NL80211_BAND_ATTR_VHT_*).
import { ByteWriter } from './byte-writer.js';
import { FrameDecodeError } from './decode-error.js';
import { buildElement, ElementId } from './elements.js';
import type { BandVhtCapa } from '../nl80211/inventory.js';
import { segmentCenter, type BssChannel } from './bss-channel.js';

export const VHT_CAPABILITIES_LEN = 12;
export const VHT_OPERATION_LEN = 5;

/** VHT Capabilities Information: Supported Channel Width Set (bits 2-3) and Short GI for 160/80+80 (bit 6). */
const VHT_SUPPORTED_WIDTH_MASK = 0x3 << 2;
const VHT_SHORT_GI_160 = 1 << 6;

/** The AP's VHT Capabilities: the band's, without 160 MHz when the BSS is narrower. */
export function buildVhtCapabilities(vht: BandVhtCapa, ch: BssChannel): Uint8Array {
  if (vht.mcsSet.length !== 8) throw new RangeError('VHT MCS set must be 8 bytes');
  let info = vht.capabilities >>> 0;
  if (ch.width < 160) info = (info & ~(VHT_SUPPORTED_WIDTH_MASK | VHT_SHORT_GI_160)) >>> 0;
  const w = new ByteWriter(VHT_CAPABILITIES_LEN);
  w.le16(info & 0xffff).le16(info >>> 16).bytes(vht.mcsSet);
  return buildElement(ElementId.VHT_CAPABILITIES, w.finish());
}

/**
 * VHT Operation (Table 9-274): width 0 for 20/40 MHz, 1 for 80 and 160 MHz; for 160 MHz
 * CCFS0 is the primary 80 MHz centre and CCFS1 the 160 MHz centre. Basic VHT-MCS and NSS
 * set: 1 stream MCS 0-7 (0xfffc), as hostapd sends by default.
 */
export function buildVhtOperation(ch: BssChannel, basicMcsNss = 0xfffc): Uint8Array {
  const w = new ByteWriter(VHT_OPERATION_LEN);
  if (ch.width <= 40) w.u8(0).u8(0).u8(0);
  else if (ch.width === 80) w.u8(1).u8(ch.center).u8(0);
  else w.u8(1).u8(segmentCenter(ch, 80)).u8(segmentCenter(ch, 160));
  w.le16(basicMcsNss);
  return buildElement(ElementId.VHT_OPERATION, w.finish());
}

export interface VhtCapabilities {
  info: number;
  mcsSet: Uint8Array;
}

/** A peer's VHT Capabilities element body (12 octets exactly). */
export function parseVhtCapabilities(body: Uint8Array): VhtCapabilities {
  if (body.length !== VHT_CAPABILITIES_LEN) throw new FrameDecodeError('bad_length', 'VHT Capabilities element', 0, `length ${body.length}, expected ${VHT_CAPABILITIES_LEN}`);
  return { info: (body[0] | (body[1] << 8) | (body[2] << 16) | (body[3] << 24)) >>> 0, mcsSet: body.slice(4, 12) };
}
