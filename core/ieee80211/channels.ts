// Channel numbers, frequencies and the global operating classes P2P attributes carry
// (IEEE 802.11-2020 Annex E, Table E-4), as wpa_supplicant's p2p_channel_to_freq.
export const P2P_SOCIAL_CHANNELS = [1, 6, 11] as const;
/** Operating class of 20 MHz channels 1-13 in 2.4 GHz. */
export const OP_CLASS_24GHZ = 81;

/** Frequency in MHz of `channel` in global operating class `opClass`, or undefined. */
export function opClassChannelToFreq(opClass: number, channel: number): number | undefined {
  switch (opClass) {
    case 81: return channel >= 1 && channel <= 13 ? 2407 + 5 * channel : undefined;
    case 82: return channel === 14 ? 2484 : undefined;
    case 115: case 116: case 117: case 118: case 119: case 120:
      return channel >= 36 && channel <= 64 ? 5000 + 5 * channel : undefined;
    case 121: case 122: case 123:
      return channel >= 100 && channel <= 144 ? 5000 + 5 * channel : undefined;
    case 124: case 125: case 126: case 127:
      return channel >= 149 && channel <= 177 ? 5000 + 5 * channel : undefined;
    // 6 GHz (an RNR names a 6 GHz partner link this way): 20..320 MHz classes, and channel 2.
    case 131: case 132: case 133: case 134: case 135: case 137:
      return channel >= 1 && channel <= 233 && channel % 4 === 1 ? 5950 + 5 * channel : undefined;
    case 136: return channel === 2 ? 5935 : undefined;
    default: return undefined;
  }
}

/** 2.4 GHz channel (1-14) to MHz. */
export function channel24ToFreq(channel: number): number | undefined {
  if (channel === 14) return 2484;
  return channel >= 1 && channel <= 13 ? 2407 + 5 * channel : undefined;
}

/** Channel number of a 2.4 or 5 GHz frequency, or undefined. */
export function freqToChannel(freq: number): number | undefined {
  if (freq === 2484) return 14;
  if (freq >= 2412 && freq <= 2472 && (freq - 2407) % 5 === 0) return (freq - 2407) / 5;
  if (freq >= 5180 && freq <= 5885 && freq % 5 === 0) return (freq - 5000) / 5;
  return undefined;
}

export type BandName = '2.4GHz' | '5GHz' | '6GHz';

/** MHz of a channel number on a band (IEEE 802.11-2020 E.1: 2.4 GHz 2407 + 5n, 14 = 2484; 5 GHz 5000 + 5n; 6 GHz 5950 + 5n, channel 2 = 5935). */
export function channelToFreq(band: BandName, channel: number): number | undefined {
  if (!Number.isInteger(channel)) return undefined;
  switch (band) {
    case '2.4GHz': return channel24ToFreq(channel);
    case '5GHz': return channel >= 1 && channel <= 200 ? 5000 + 5 * channel : undefined;
    case '6GHz':
      if (channel === 2) return 5935;
      return channel >= 1 && channel <= 233 && channel % 4 === 1 ? 5950 + 5 * channel : undefined;
  }
}

/**
 * Global operating class of a 20 MHz channel (Table E-4), as a Reduced Neighbor Report
 * names a neighbor's channel: 81/82 on 2.4 GHz, 115/118/121/124/125 on 5 GHz, 131 on 6 GHz.
 */
export function opClass20(band: BandName, channel: number): number | undefined {
  if (channelToFreq(band, channel) === undefined) return undefined;
  switch (band) {
    case '2.4GHz': return channel === 14 ? 82 : 81;
    case '5GHz':
      if (channel >= 36 && channel <= 48) return 115;
      if (channel >= 52 && channel <= 64) return 118;
      if (channel >= 100 && channel <= 144) return 121;
      if (channel >= 149 && channel <= 161) return 124;
      if (channel >= 165 && channel <= 177) return 125;
      return undefined;
    case '6GHz': return 131;
  }
}
