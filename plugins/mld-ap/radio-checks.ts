// What the configuration asks of the radio, checked against what the wiphy reports:
// the channel exists on the phy and may beacon there, and the phy can do the htmode.
// Returns the problem in words, or where the AP will run.
import { channelToFreq, type BandName } from '../../core/ieee80211/channels.js';
import type { Band, Wiphy } from '../../core/nl80211/inventory.js';
import type { ApSettings, HtMode } from './config.js';
import { defaultHtMode, planChannel, type ChannelPlan } from './channel-plan.js';

const BAND_OF: Record<'2g' | '5g' | '6g', BandName> = { '2g': '2.4GHz', '5g': '5GHz', '6g': '6GHz' };
const NL_BAND: Record<BandName, string> = { '2.4GHz': '2ghz', '5GHz': '5ghz', '6GHz': '6ghz' };

export interface RadioPlan {
  band: BandName;
  bandData: Band;
  channel: number;
  freq: number;
  /** Bitrates of the band, 100 kb/s units. */
  bitrates: number[];
  /** The htmode in force (the section's, or the radio's default) and the channel it gives. */
  htmode: HtMode;
  channelPlan: ChannelPlan;
}

export type RadioCheck = { ok: true; plan: RadioPlan } | { ok: false; problem: string };

/** Where one link of an AP is to run (a section's phy/channel/htmode, or one of its `list link`). */
export interface RadioWish {
  band?: ApSettings['band'];
  channel: number;
  /** Undefined: the radio's default (see defaultHtMode). */
  htmode?: HtMode;
}

export function checkRadio(wiphy: Wiphy, s: RadioWish): RadioCheck {
  const band = BAND_OF[s.band ?? (s.channel <= 14 ? '2g' : '5g')];
  const freq = channelToFreq(band, s.channel);
  if (freq === undefined) return { ok: false, problem: `channel ${s.channel} does not exist on the ${band} band` };
  const bandData = wiphy.bands.find((b) => b.band === NL_BAND[band]);
  if (!bandData) return { ok: false, problem: `${wiphy.name} has no ${band} band (it has ${wiphy.bands.map((b) => b.band).join(', ') || 'none'})` };
  const chan = bandData.channels.find((c) => c.freq === freq);
  if (!chan) return { ok: false, problem: `channel ${s.channel} (${freq} MHz) is not a channel of ${wiphy.name}` };
  if (chan.disabled) return { ok: false, problem: `channel ${s.channel} (${freq} MHz) is disabled on ${wiphy.name} (regulatory domain)` };
  if (chan.noIr || chan.radar) return { ok: false, problem: `channel ${s.channel} (${freq} MHz) does not allow beaconing on ${wiphy.name} (${chan.radar ? 'radar detection' : 'no-IR'}, regulatory domain)` };
  if (!wiphy.iftypes.includes('ap')) return { ok: false, problem: `${wiphy.name} cannot run an AP interface` };
  const htmode = s.htmode ?? defaultHtMode(bandData);
  const channelPlan = planChannel(wiphy.name, band, bandData, s.channel, htmode);
  if (!channelPlan.ok) return channelPlan;
  return { ok: true, plan: { band, bandData, channel: s.channel, freq, bitrates: bandData.bitrates, htmode, channelPlan: channelPlan.plan } };
}
