// The operating channel of a BSS as the HT/VHT/HE/EHT Operation elements describe it:
// a primary 20 MHz channel, a width, and the channel number at the centre of that width.
// The segment rules (which 80/160 MHz centre goes in CCFS0 and which in CCFS1) are those
// of 802.11-2020 Table 9-274 (VHT, "new" 160 MHz signalling), 9.4.2.249 (HE 6 GHz
// Operation Information) and 802.11be-2024 9.4.2.311 (EHT Operation Information).

export type BssBand = '2.4GHz' | '5GHz' | '6GHz';
export type BssWidth = 20 | 40 | 80 | 160 | 320;

export interface BssChannel {
  band: BssBand;
  /** Primary 20 MHz channel number. */
  primary: number;
  width: BssWidth;
  /** Channel number at the centre of the whole width (= primary for 20 MHz). */
  center: number;
}

/** Centre channel number of the `subWidth` MHz segment that holds the primary channel. */
export function segmentCenter(ch: BssChannel, subWidth: 40 | 80 | 160): number {
  if (subWidth >= ch.width) return ch.center;
  const step = subWidth / 5; // channel numbers per segment
  const low = ch.center - ch.width / 10 + 2; // lowest 20 MHz channel of the whole width
  const index = Math.floor((ch.primary - low) / step);
  return low + index * step + step / 2 - 2;
}

/** HT secondary channel offset: 1 above, 3 below, 0 none (9.4.2.56, Table 9-185). */
export function secondaryChannelOffset(ch: BssChannel): number {
  if (ch.width < 40) return 0;
  return segmentCenter(ch, 40) > ch.primary ? 1 : 3;
}
