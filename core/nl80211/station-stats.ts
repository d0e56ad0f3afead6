// The figures a GET_STATION reply's NL80211_ATTR_STA_INFO carries that status views show:
// signal, bytes and unicast bitrates, in the units ubus shows them (dBm, bytes, kbit/s).
// One reader for the AP's clients (mld-ap) and the station's link to its AP (sta-mlo), for
// the station as a whole or one of its links (a STA_INFO inside NL80211_ATTR_MLO_LINKS).
// The kernel fills only what it has: every figure is optional, and a rate cfg80211 never
// sends (0: nl80211_put_sta_rate leaves the attribute out instead) is named, not shown.
import type { Attrs_nl80211_rate_info, Attrs_nl80211_sta_info } from './gen/schema.generated.js';

/** A type, not an interface: views built from it go to ubus as blobmsg (an index signature). */
export type StationStats = {
  /** dBm of the last frame received (NL80211_STA_INFO_SIGNAL). */
  signal?: number;
  /** dBm, the kernel's moving average (NL80211_STA_INFO_SIGNAL_AVG). */
  signal_avg?: number;
  rx_bytes?: number;
  tx_bytes?: number;
  /** The last unicast rate received / sent, kbit/s (NL80211_RATE_INFO_BITRATE32, else BITRATE; 100 kbit/s units). */
  rx_rate_kbps?: number;
  tx_rate_kbps?: number;
};

/** Figures of a STA_INFO; `rejected` names each rate attribute left out for an impossible value. */
export function stationStats(info: Attrs_nl80211_sta_info): { stats: StationStats; rejected: string[] } {
  const stats: StationStats = {};
  const rejected: string[] = [];
  // s8 attributes in dBm (the decoder reads them signed).
  if (info.SIGNAL !== undefined) stats.signal = info.SIGNAL;
  if (info.SIGNAL_AVG !== undefined) stats.signal_avg = info.SIGNAL_AVG;
  const rx = info.RX_BYTES64 ?? info.RX_BYTES;
  if (rx !== undefined) stats.rx_bytes = Number(rx);
  const tx = info.TX_BYTES64 ?? info.TX_BYTES;
  if (tx !== undefined) stats.tx_bytes = Number(tx);
  const rate = (name: 'RX_BITRATE' | 'TX_BITRATE', r: Attrs_nl80211_rate_info | undefined): number | undefined => {
    if (r === undefined) return undefined;
    const v = r.BITRATE32 ?? r.BITRATE;
    // cfg80211 sends neither when it cannot compute the rate (cfg80211_calculate_bitrate 0).
    if (v === undefined) return undefined;
    if (!Number.isInteger(v) || v <= 0) { rejected.push(name); return undefined; }
    return v * 100;
  };
  const rxRate = rate('RX_BITRATE', info.RX_BITRATE);
  if (rxRate !== undefined) stats.rx_rate_kbps = rxRate;
  const txRate = rate('TX_BITRATE', info.TX_BITRATE);
  if (txRate !== undefined) stats.tx_rate_kbps = txRate;
  return { stats, rejected };
}
