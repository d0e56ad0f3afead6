// Where a link of an AP MLD may go: the checks of a UCI link at bring-up and of a link
// added to a running MLD (wifid.ap add_link) are the same — the MLD's wiphy (one netdev
// per MLD in Linux, so one wiphy), MLO support, the channel on the phy with the htmode,
// a channel no other link of the MLD occupies — plus, for an added link, a free link id
// within the wiphy's limit. Pure: the wiphy and the links in, a plan or a problem out.
import type { Wiphy } from '../../core/nl80211/inventory.js';
import { apMldRefusal, MAX_MLO_LINK_ID } from '../../core/nl80211/mld-commands.js';
import type { ChannelDef } from '../../core/nl80211/ap-commands.js';
import type { ApSettings, HtMode } from './config.js';
import { formatLinkSpec, type LinkSpec } from './mld-config.js';
import { checkRadio, type RadioPlan } from './radio-checks.js';

/** A link the MLD has now, as far as the checks need it. */
export interface HeldLink {
  linkId: number;
  channel: ChannelDef;
}

export type LinkPlan = { ok: true; plan: RadioPlan } | { ok: false; problem: string };
export type AddedLinkPlan = { ok: true; plan: RadioPlan; linkId: number } | { ok: false; problem: string };

const WIDTH_MHZ: Record<ChannelDef['width'], number> = { '20_noht': 20, '20': 20, '40': 40, '80': 80, '160': 160, '320': 320 };

/** The frequencies a channel occupies, MHz (low, high). */
function span(c: ChannelDef): [number, number] {
  const centre = c.centerFreq1 ?? c.freq;
  const half = WIDTH_MHZ[c.width] / 2;
  return [centre - half, centre + half];
}

/** The link among `held` whose channel overlaps `c` (same primary or overlapping blocks), or undefined. */
export function overlappingLink(c: ChannelDef, held: readonly HeldLink[]): HeldLink | undefined {
  const [lo, hi] = span(c);
  return held.find((h) => {
    const [hlo, hhi] = span(h.channel);
    return h.channel.freq === c.freq || (lo < hhi && hlo < hi);
  });
}

/** The checks of one link on `wiphy` (the MLD's), against the links already planned or running. */
export function planLink(wiphy: Wiphy, band: ApSettings['band'], spec: LinkSpec<HtMode>, held: readonly HeldLink[]): LinkPlan {
  const what = `link ${formatLinkSpec(spec)}`;
  if (spec.phy !== wiphy.name) return { ok: false, problem: `${what}: the links of an AP MLD must be on one wiphy (Linux makes one netdev per MLD), this MLD is on ${wiphy.name}` };
  const refusal = apMldRefusal(wiphy);
  if (refusal) return { ok: false, problem: refusal };
  const r = checkRadio(wiphy, { ...(band ? { band } : {}), channel: spec.channel, ...(spec.htmode ? { htmode: spec.htmode } : {}) });
  if (!r.ok) return { ok: false, problem: `${what}: ${r.problem}` };
  const clash = overlappingLink(r.plan.channelPlan.chandef, held);
  if (clash) return { ok: false, problem: `${what}: its channel (${r.plan.freq} MHz, ${r.plan.channelPlan.chandef.width} MHz wide) overlaps link ${clash.linkId}'s (${clash.channel.freq} MHz, ${clash.channel.width}): the links of an AP MLD need separate channels` };
  return r;
}

/**
 * How many links an AP MLD on `wiphy` may hold: the wiphy's Maximum Number Of Simultaneous
 * Links for the AP interface type when it reports one (NL80211_ATTR_IFTYPE_EXT_CAPA), else
 * the link id range (0..14, 15 links).
 */
export function maxApLinks(wiphy: Wiphy): number {
  const ap = wiphy.mlo.find((m) => m.iftype === 'ap')?.maxSimultaneousLinks;
  return Math.min(ap ?? MAX_MLO_LINK_ID + 1, MAX_MLO_LINK_ID + 1);
}

/** A link added to a running MLD holding `held`: the checks of planLink, then the lowest free link id within the limit. */
export function planAddedLink(wiphy: Wiphy, band: ApSettings['band'], spec: LinkSpec<HtMode>, held: readonly HeldLink[]): AddedLinkPlan {
  const max = maxApLinks(wiphy);
  if (held.length >= max) return { ok: false, problem: `the AP MLD has ${held.length} links, the most ${wiphy.name} allows (link ids 0..${max - 1})` };
  const r = planLink(wiphy, band, spec, held);
  if (!r.ok) return r;
  const used = new Set(held.map((h) => h.linkId));
  let linkId = 0;
  while (used.has(linkId)) linkId++;
  if (linkId >= max) return { ok: false, problem: `no free link id below ${max} on ${wiphy.name} (in use: ${[...used].sort((a, b) => a - b).join(', ')})` };
  return { ok: true, plan: r.plan, linkId };
}
