// The figures of a GET_STATION reply's STA_INFO (core/nl80211/station-stats.ts), from bytes
// written by hand in the kernel's layout (include/uapi/linux/nl80211.h: STA_INFO 21;
// nl80211_sta_info SIGNAL 7 and SIGNAL_AVG 13 (s8), RX_BYTES 2, TX_BYTES 3 (u32), RX_BYTES64 23,
// TX_BYTES64 24, TX_BITRATE 8, RX_BITRATE 14 (nests); nl80211_rate_info BITRATE 1 (u16),
// MCS 2, BITRATE32 5 (u32), in 100 kbit/s).
import { describe, expect, it } from 'vitest';
import { decodeAttrs } from '../../core/nl80211/attrs.js';
import { stationStats } from '../../core/nl80211/station-stats.js';
import { tlv, u16, u32, u64 } from './hand-tlv.js';

const staInfo = (...parts: Buffer[]) => decodeAttrs('nl80211_attrs', tlv(21, Buffer.concat(parts), true)).STA_INFO!;

describe('stationStats', () => {
  it('a single-link peer: signal and average in dBm (signed), 64-bit bytes, both rates in kbit/s from BITRATE32', () => {
    const info = staInfo(
      tlv(7, [-30 & 0xff]), tlv(13, [-31 & 0xff]), tlv(23, u64(123456789012n)), tlv(24, u64(4242n)),
      tlv(8, Buffer.concat([tlv(1, u16(540)), tlv(5, u32(540))]), true),
      tlv(14, Buffer.concat([tlv(2, [7]), tlv(5, u32(722))]), true),
    );
    expect(stationStats(info)).toEqual({
      stats: { signal: -30, signal_avg: -31, rx_bytes: 123456789012, tx_bytes: 4242, tx_rate_kbps: 54_000, rx_rate_kbps: 72_200 },
      rejected: [],
    });
  });

  it('Linux 6.12\'s reply for a multi-link AP: signal and bytes, no rate nests at all: no rates shown', () => {
    const info = staInfo(tlv(7, [-30 & 0xff]), tlv(23, u64(1000n)), tlv(24, u64(2000n)));
    expect(stationStats(info)).toEqual({ stats: { signal: -30, rx_bytes: 1000, tx_bytes: 2000 }, rejected: [] });
  });

  it('32-bit byte counters when there are no 64-bit ones; the 16-bit BITRATE when there is no BITRATE32', () => {
    const info = staInfo(tlv(2, u32(77)), tlv(3, u32(88)), tlv(8, tlv(1, u16(10)), true));
    expect(stationStats(info).stats).toEqual({ rx_bytes: 77, tx_bytes: 88, tx_rate_kbps: 1000 });
  });

  it('a rate nest without a bitrate (cfg80211 could not compute one) shows no rate; a bitrate of 0, which cfg80211 never sends, is named', () => {
    expect(stationStats(staInfo(tlv(14, tlv(2, [40]), true)))).toEqual({ stats: {}, rejected: [] });
    expect(stationStats(staInfo(tlv(7, [-50 & 0xff]), tlv(8, tlv(5, u32(0)), true)))).toEqual({ stats: { signal: -50 }, rejected: ['TX_BITRATE'] });
  });

  it('an empty STA_INFO: nothing shown, nothing rejected', () => {
    expect(stationStats({})).toEqual({ stats: {}, rejected: [] });
  });
});
