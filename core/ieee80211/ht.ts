// HT Capabilities (IEEE 802.11-2020 9.4.2.55) and HT Operation (9.4.2.56) elements:
// built for an AP from the wiphy's band data (NL80211_BAND_ATTR_HT_*) and its channel,
// and a client's HT Capabilities body checked for length (NEW_STATION takes the body).
import { ByteWriter } from './byte-writer.js';
import { FrameDecodeError } from './decode-error.js';
import { buildElement, ElementId } from './elements.js';
import type { BandHtCapa } from '../nl80211/inventory.js';
import { secondaryChannelOffset, type BssChannel } from './bss-channel.js';

export const HT_CAPABILITIES_LEN = 26;
export const HT_OPERATION_LEN = 22;

/** HT Capability Information bits (Figure 9-333). */
export const HtCapInfo = {
  LDPC: 1 << 0,
  SUPPORTED_CHANNEL_WIDTH_SET: 1 << 1,
  SM_POWER_SAVE_MASK: 0x3 << 2,
  GREENFIELD: 1 << 4,
  SHORT_GI_20: 1 << 5,
  SHORT_GI_40: 1 << 6,
  TX_STBC: 1 << 7,
  RX_STBC_MASK: 0x3 << 8,
  DELAYED_BLOCK_ACK: 1 << 10,
  MAX_AMSDU_7935: 1 << 11,
  DSSS_CCK_40: 1 << 12,
  FORTY_MHZ_INTOLERANT: 1 << 14,
  LSIG_TXOP_PROTECTION: 1 << 15,
} as const;

/**
 * The AP's HT Capabilities element: the band's capabilities, with 40 MHz (channel width
 * set, short GI 40, DSSS/CCK in 40) cleared when the BSS is 20 MHz, as a 20 MHz-only AP
 * must say (9.4.2.55.2).
 */
export function buildHtCapabilities(ht: BandHtCapa, ch: BssChannel): Uint8Array {
  if (ht.mcsSet.length !== 16) throw new RangeError('HT MCS set must be 16 bytes');
  let info = ht.capabilities & 0xffff;
  if (ch.width < 40) info &= ~(HtCapInfo.SUPPORTED_CHANNEL_WIDTH_SET | HtCapInfo.SHORT_GI_40 | HtCapInfo.DSSS_CCK_40);
  const w = new ByteWriter(HT_CAPABILITIES_LEN);
  w.le16(info).u8((ht.ampduFactor & 0x3) | ((ht.ampduDensity & 0x7) << 2)).bytes(ht.mcsSet);
  w.le16(0).le16(0).le16(0).u8(0); // HT Extended, Transmit Beamforming, ASEL capabilities: none
  return buildElement(ElementId.HT_CAPABILITIES, w.finish());
}

export interface HtOperationOptions {
  /** HT Protection (0 none, 1 nonmember, 2 20 MHz, 3 non-HT mixed), from the BSS's members. */
  protection?: number;
  /** Some associated HT STA is not HT-greenfield capable. */
  nonGreenfieldPresent?: boolean;
  /** Basic HT-MCS Set, 16 bytes; none required by default. */
  basicMcsSet?: Uint8Array;
}

/** The AP's HT Operation element for its channel. */
export function buildHtOperation(ch: BssChannel, opts: HtOperationOptions = {}): Uint8Array {
  const offset = secondaryChannelOffset(ch);
  const w = new ByteWriter(HT_OPERATION_LEN);
  w.u8(ch.primary);
  w.u8(offset | (ch.width >= 40 ? 1 << 2 : 0)); // STA Channel Width: any width
  w.le16((opts.protection ?? 0) & 0x3 | (opts.nonGreenfieldPresent ? 1 << 2 : 0));
  w.le16(0);
  w.bytes(opts.basicMcsSet ?? new Uint8Array(16));
  return buildElement(ElementId.HT_OPERATION, w.finish());
}

export interface HtCapabilities {
  info: number;
  ampduParams: number;
  mcsSet: Uint8Array;
}

/** A peer's HT Capabilities element body (26 octets exactly). */
export function parseHtCapabilities(body: Uint8Array): HtCapabilities {
  if (body.length !== HT_CAPABILITIES_LEN) throw new FrameDecodeError('bad_length', 'HT Capabilities element', 0, `length ${body.length}, expected ${HT_CAPABILITIES_LEN}`);
  return { info: body[0] | (body[1] << 8), ampduParams: body[2], mcsSet: body.slice(3, 19) };
}
