// What the configuration asks of the radio, checked against what the wiphy reports:
// the channel exists on the phy and may beacon there, and the phy can do the htmode.
// Returns the problem in words, or where the AP will run.
import { channelToFreq, type BandName } from '../../core/ieee80211/channels.js';
import type { Band, Wiphy } from '../../core/nl80211/inventory.js';
import type { ApSettings, HtMode } from './config.js';

const BAND_OF: Record<'2g' | '5g' | '6g', BandName> = { '2g': '2.4GHz', '5g': '5GHz', '6g': '6GHz' };
const NL_BAND: Record<BandName, string> = { '2.4GHz': '2ghz', '5GHz': '5ghz', '6GHz': '6ghz' };

export interface RadioPlan {
  band: BandName;
  bandData: Band;
  channel: number;
  freq: number;
  /** Bitrates of the band, 100 kb/s units. */
  bitrates: number[];
}

export type RadioCheck = { ok: true; plan: RadioPlan } | { ok: false; problem: string };

/** The PHY generation an htmode needs. */
export function htmodeNeeds(htmode: HtMode): 'ht' | 'vht' | 'he' | 'eht' | undefined {
  if (htmode === 'NOHT') return undefined;
  if (htmode.startsWith('EHT')) return 'eht';
  if (htmode.startsWith('HE')) return 'he';
  if (htmode.startsWith('VHT')) return 'vht';
  return 'ht';
}

export function checkRadio(wiphy: Wiphy, s: ApSettings): RadioCheck {
  const band = BAND_OF[s.band ?? (s.channel <= 14 ? '2g' : '5g')];
  const freq = channelToFreq(band, s.channel);
  if (freq === undefined) return { ok: false, problem: `channel ${s.channel} does not exist on the ${band} band` };
  const bandData = wiphy.bands.find((b) => b.band === NL_BAND[band]);
  if (!bandData) return { ok: false, problem: `${wiphy.name} has no ${band} band (it has ${wiphy.bands.map((b) => b.band).join(', ') || 'none'})` };
  const chan = bandData.channels.find((c) => c.freq === freq);
  if (!chan) return { ok: false, problem: `channel ${s.channel} (${freq} MHz) is not a channel of ${wiphy.name}` };
  if (chan.disabled) return { ok: false, problem: `channel ${s.channel} (${freq} MHz) is disabled on ${wiphy.name} (regulatory domain)` };
  if (chan.noIr || chan.radar) return { ok: false, problem: `channel ${s.channel} (${freq} MHz) does not allow beaconing on ${wiphy.name} (${chan.radar ? 'radar detection' : 'no-IR'}, regulatory domain)` };
  const needs = htmodeNeeds(s.htmode);
  if (needs && !bandData[needs]) return { ok: false, problem: `htmode ${s.htmode} needs ${needs.toUpperCase()}, which ${wiphy.name} does not support on ${band}` };
  if (needs === 'vht' && band === '2.4GHz') return { ok: false, problem: `htmode ${s.htmode}: VHT is a 5 GHz mode` };
  if (s.htmode === 'EHT320' && band !== '6GHz') return { ok: false, problem: 'htmode EHT320: 320 MHz channels exist on 6 GHz only' };
  if (!wiphy.iftypes.includes('ap')) return { ok: false, problem: `${wiphy.name} cannot run an AP interface` };
  return { ok: true, plan: { band, bandData, channel: s.channel, freq, bitrates: bandData.bitrates } };
}
