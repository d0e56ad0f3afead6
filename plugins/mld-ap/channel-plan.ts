// The BSS's operating channel from OpenWrt's htmode: which PHY generation, the width,
// where the wider channel lies around the primary (HT40+/-: secondary above/below; wider
// blocks fixed by the band's channelization, 802.11-2020 Annex E / 802.11ax 27.3.23.2),
// and whether the phy can do it: every 20 MHz channel of the block exists and may
// beacon, the kernel's per-channel limits (NO_HT40±, NO_80/160/320MHZ, NO_HE/EHT) allow
// it, and the band's capabilities (HT/VHT/HE/EHT for the AP interface type) include it.
import type { BandName } from '../../core/ieee80211/channels.js';
import { channelToFreq } from '../../core/ieee80211/channels.js';
import type { BssChannel, BssWidth } from '../../core/ieee80211/bss-channel.js';
import { HtCapInfo } from '../../core/ieee80211/ht.js';
import { apIftypeData, HePhyWidth } from '../../core/ieee80211/he.js';
import type { Band, BandIftypeData, Channel } from '../../core/nl80211/inventory.js';
import type { ChannelDef } from '../../core/nl80211/ap-commands.js';
import type { HtMode } from './config.js';

export type PhyMode = 'legacy' | 'ht' | 'vht' | 'he' | 'eht';

/** What an htmode asks for: the generation and the width; HT40 without a sign lets the channel decide. */
export interface HtModeRequest {
  mode: PhyMode;
  width: BssWidth;
  /** HT40+ / HT40-: the secondary 20 MHz channel above (+1) or below (-1) the primary. */
  secondary?: 1 | -1;
}

export function parseHtMode(htmode: HtMode): HtModeRequest {
  if (htmode === 'NOHT') return { mode: 'legacy', width: 20 };
  if (htmode === 'HT40+') return { mode: 'ht', width: 40, secondary: 1 };
  if (htmode === 'HT40-') return { mode: 'ht', width: 40, secondary: -1 };
  const m = /^(EHT|HE|VHT|HT)(20|40|80|160|320)$/.exec(htmode);
  if (!m) throw new RangeError(`htmode ${htmode}`);
  return { mode: m[1]!.toLowerCase() as PhyMode, width: Number(m[2]) as BssWidth };
}

/**
 * The htmode in force when the section gives none: what OpenWrt's `wifi config` writes for
 * the radio (HT20 on a radio with HT capabilities, else none, which mac80211.sh runs as
 * legacy 802.11a/g).
 */
export function defaultHtMode(bandData: Band): HtMode {
  return bandData.htCapa ? 'HT20' : 'NOHT';
}

export interface ChannelPlan {
  mode: PhyMode;
  bss: BssChannel;
  /** START_AP's channel definition. */
  chandef: ChannelDef;
  /** HE/EHT capabilities of the band for the AP interface type, when the mode uses them. */
  apIftype?: BandIftypeData;
}

export type ChannelPlanResult = { ok: true; plan: ChannelPlan } | { ok: false; problem: string };

/** Centre channel numbers of the 5 GHz 40/80/160 MHz channels (802.11-2020 Annex E, Table E-4 classes 116-130). */
const CENTERS_5G: Record<40 | 80 | 160, number[]> = {
  40: [38, 46, 54, 62, 102, 110, 118, 126, 134, 142, 151, 159, 167, 175],
  80: [42, 58, 106, 122, 138, 155, 171],
  160: [50, 114, 163],
};

/** Centre channel of the `width` block holding `primary`, or undefined where the band has none. */
export function blockCenter(band: BandName, primary: number, width: 40 | 80 | 160 | 320): number | undefined {
  const half = width / 10 - 2; // channel numbers from the centre to the outermost 20 MHz channel
  if (band === '5GHz') {
    if (width === 320) return undefined;
    return CENTERS_5G[width].find((c) => primary >= c - half && primary <= c + half);
  }
  if (band === '6GHz') {
    // 6 GHz channels 1, 5, 9, ...: blocks of width/20 channels from channel 1 (320 MHz: the 320-1 channelization).
    const span = (width / 20) * 4;
    const low = 1 + Math.floor((primary - 1) / span) * span;
    return low + half;
  }
  return undefined;
}

const ok = (c: Channel | undefined): boolean => c !== undefined && !c.disabled && !c.noIr && !c.radar;

/** Where an AP on `primary` with `htmode` operates, or why the phy cannot. */
export function planChannel(phy: string, band: BandName, bandData: Band, primary: number, htmode: HtMode): ChannelPlanResult {
  const fail = (problem: string): ChannelPlanResult => ({ ok: false, problem: `htmode ${htmode}: ${problem}` });
  const req = parseHtMode(htmode);
  const freq = channelToFreq(band, primary)!;
  const byFreq = (f: number) => bandData.channels.find((c) => c.freq === f);
  const primaryCh = byFreq(freq);
  const ht = bandData.htCapa;
  const apData = apIftypeData(bandData.iftypeData);
  const hePhy0 = apData?.hePhy?.[0] ?? 0;

  // The generation: the phy must have it, on this band, for the AP interface type.
  if (band === '6GHz' && (req.mode === 'legacy' || req.mode === 'ht' || req.mode === 'vht')) return fail('6 GHz is HE/EHT only (802.11ax 26.17.2); use HE or EHT');
  if ((req.mode === 'ht' || req.mode === 'vht') && !ht) return fail(`${phy} has no HT capabilities on ${band}`);
  if (req.mode === 'vht') {
    if (band !== '5GHz') return fail('VHT is a 5 GHz mode');
    if (!bandData.vhtCapa) return fail(`${phy} has no VHT capabilities on ${band}`);
  }
  if (req.mode === 'he' || req.mode === 'eht') {
    if (!apData?.hePhy || !apData.heMac || !apData.heMcs) return fail(`${phy} has no HE capabilities for an AP on ${band}`);
    if (band !== '6GHz' && !ht) return fail(`${phy} has no HT capabilities on ${band}, which HE needs there`);
    if (primaryCh?.noHe) return fail(`HE is not allowed on channel ${primary} (regulatory domain)`);
  }
  if (req.mode === 'eht') {
    if (!apData?.ehtPhy || !apData.ehtMac || !apData.ehtMcs) return fail(`${phy} has no EHT capabilities for an AP on ${band}`);
    if (primaryCh?.noEht) return fail(`EHT is not allowed on channel ${primary} (regulatory domain)`);
  }

  // The width: a block of 20 MHz channels around the primary.
  let center = primary;
  let centerFreq = freq;
  if (req.width === 40 && band === '2.4GHz') {
    if (primary === 14) return fail('channel 14 is 20 MHz only');
    // HT40 without a sign: above on channels 1-7, below from 8 (OpenWrt's mac80211.sh).
    const sec = req.secondary ?? (primary <= 7 ? 1 : -1);
    center = primary + 2 * sec;
    centerFreq = freq + 10 * sec;
    const second = primary + 4 * sec;
    if (second < 1 || second > 13) return fail(`no channel ${sec > 0 ? 'above' : 'below'} channel ${primary} for the secondary (HT40${sec > 0 ? '+' : '-'})`);
    if (!ok(byFreq(freq + 20 * sec))) return fail(`the secondary channel ${primary + 4 * sec} (${freq + 20 * sec} MHz) is not usable on ${phy}`);
  } else if (req.width > 20) {
    if (band === '2.4GHz') return fail(`${req.width} MHz channels do not exist on 2.4 GHz`);
    const c = blockCenter(band, primary, req.width as 40 | 80 | 160 | 320);
    if (c === undefined) return fail(`no ${req.width} MHz channel on ${band} holds channel ${primary}`);
    center = c;
    centerFreq = freq + 5 * (c - primary); // a centre is no 20 MHz channel on 6 GHz: from the primary, not channelToFreq
    if (req.secondary !== undefined && (c > primary ? 1 : -1) !== req.secondary) {
      return fail(`the 40 MHz channel of channel ${primary} has its secondary ${c > primary ? 'above' : 'below'} (centre channel ${c})`);
    }
    for (let f = centerFreq - req.width / 2 + 10; f < centerFreq + req.width / 2; f += 20) {
      if (!ok(byFreq(f))) return fail(`channel ${(f - (centerFreq - 5 * center)) / 5} (${f} MHz) of the ${req.width} MHz channel around ${c} is not usable for beaconing on ${phy}`);
    }
  }
  if (!primaryCh) return fail(`channel ${primary} is not a channel of ${phy}`);

  // Kernel per-channel limits on the primary (regulatory rules and driver).
  if (req.width >= 40) {
    const above = center > primary;
    if (above ? primaryCh.noHt40Plus : primaryCh.noHt40Minus) return fail(`40 MHz with the secondary ${above ? 'above' : 'below'} channel ${primary} is not allowed on ${phy} (NO_HT40${above ? 'PLUS' : 'MINUS'})`);
  }
  if (req.width >= 80 && primaryCh.no80Mhz) return fail(`80 MHz is not allowed on channel ${primary} on ${phy}`);
  if (req.width >= 160 && primaryCh.no160Mhz) return fail(`160 MHz is not allowed on channel ${primary} on ${phy}`);
  if (req.width >= 320 && primaryCh.no320Mhz) return fail(`320 MHz is not allowed on channel ${primary} on ${phy}`);

  // The width: the capabilities must include it.
  if (req.width >= 40 && (req.mode === 'ht' || req.mode === 'vht' || (band !== '6GHz' && req.mode !== 'legacy')) && !(ht!.capabilities & HtCapInfo.SUPPORTED_CHANNEL_WIDTH_SET)) {
    return fail(`${phy} is 20 MHz only in HT (no 40 MHz in its HT capabilities)`);
  }
  if (req.mode === 'vht' && req.width === 160 && ((bandData.vhtCapa!.capabilities >> 2) & 0x3) === 0) return fail(`${phy} has no 160 MHz in its VHT capabilities`);
  if (req.mode === 'he' || req.mode === 'eht') {
    const need = req.width === 20 ? 0 : band === '2.4GHz' ? HePhyWidth.FORTY_IN_2G : req.width <= 80 ? HePhyWidth.FORTY_EIGHTY_IN_5G_6G : HePhyWidth.ONE_SIXTY;
    if (need && !(hePhy0 & need)) return fail(`${phy}'s HE capabilities for an AP have no ${req.width} MHz on ${band}`);
    if (req.width === 320 && !((apData!.ehtPhy![0] ?? 0) & (1 << 1))) return fail(`${phy}'s EHT capabilities have no 320 MHz`);
  }
  if (req.width === 320 && (req.mode !== 'eht' || band !== '6GHz')) return fail('320 MHz channels are EHT on 6 GHz only');

  const chandef: ChannelDef = req.mode === 'legacy'
    ? { freq, width: '20_noht' }
    : { freq, width: String(req.width) as ChannelDef['width'], ...(req.width > 20 ? { centerFreq1: centerFreq } : { centerFreq1: freq }) };
  return {
    ok: true,
    plan: {
      mode: req.mode,
      bss: { band, primary, width: req.width, center },
      chandef,
      ...(req.mode === 'he' || req.mode === 'eht' ? { apIftype: apData! } : {}),
    },
  };
}
