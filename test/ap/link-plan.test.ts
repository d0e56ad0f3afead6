// The checks of an AP MLD's links (plugins/mld-ap/link-plan.ts) against a real
// mac80211_hwsim wiphy (the inventory of its captured dump, test/ieee80211/band-fixture.ts):
// the refusals add_link answers with, and the link id an added link gets.
import { describe, expect, it } from 'vitest';
import type { Wiphy } from '../../core/nl80211/inventory.js';
import type { ChannelDef } from '../../core/nl80211/ap-commands.js';
import { maxApLinks, overlappingLink, planAddedLink, planLink, type HeldLink } from '../../plugins/mld-ap/link-plan.js';
import { HWSIM_WIPHY } from '../ieee80211/band-fixture.js';

const wiphy: Wiphy = { ...HWSIM_WIPHY, name: 'phy0', supportsMlo: true };
const ch = (freq: number, width: ChannelDef['width'] = '20', centerFreq1 = freq): ChannelDef => ({ freq, width, centerFreq1 });
/** Links 0 and 1 on channels 1 and 6 (HT20), as ap-mld's VM test starts them. */
const held: HeldLink[] = [{ linkId: 0, channel: ch(2412) }, { linkId: 1, channel: ch(2437) }];

describe('AP MLD link plan', () => {
  it('channel 11 on the MLD\'s wiphy: HT20 at 2462 MHz, link id 2', () => {
    const r = planAddedLink(wiphy, undefined, { phy: 'phy0', channel: 11 }, held);
    expect(r).toMatchObject({ ok: true, linkId: 2, plan: { freq: 2462, channel: 11, htmode: 'HT20' } });
  });

  it('the lowest free link id: a removed link 0 leaves its id for the next add', () => {
    const r = planAddedLink(wiphy, undefined, { phy: 'phy0', channel: 11 }, [held[1]!]);
    expect(r.ok && r.linkId).toBe(0);
  });

  it.each([
    ['another wiphy', { phy: 'phy1', channel: 11 }, /must be on one wiphy .* this MLD is on phy0/],
    ['a channel in use', { phy: 'phy0', channel: 6 }, /overlaps link 1's \(2437 MHz/],
    ['a channel overlapping one in use (HT40+ on 3 covers 1..7)', { phy: 'phy0', channel: 3, htmode: 'HT40+' as const }, /overlaps link 0's/],
    ['a channel the phy lacks', { phy: 'phy0', channel: 15 }, /channel 15 does not exist|not a channel of phy0/],
  ])('refused: %s', (_what, spec, problem) => {
    const r = planAddedLink(wiphy, undefined, spec, held);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toMatch(problem);
  });

  it('refused: a wiphy without MLO support', () => {
    const r = planAddedLink({ ...wiphy, supportsMlo: false }, undefined, { phy: 'phy0', channel: 11 }, held);
    expect(!r.ok && r.problem).toMatch(/does not support MLO/);
  });

  it('refused: beyond the wiphy\'s Maximum Number Of Simultaneous Links for the AP type', () => {
    const two: Wiphy = { ...wiphy, mlo: [{ iftype: 'ap', mldCapaAndOps: 1, maxSimultaneousLinks: 2 }] };
    expect(maxApLinks(two)).toBe(2);
    const r = planAddedLink(two, undefined, { phy: 'phy0', channel: 11 }, held);
    expect(!r.ok && r.problem).toMatch(/has 2 links, the most phy0 allows \(link ids 0\.\.1\)/);
  });

  it('refused: a 16th link (link ids 0..14)', () => {
    expect(maxApLinks(wiphy)).toBe(15);
    const full: HeldLink[] = Array.from({ length: 15 }, (_, i) => ({ linkId: i, channel: ch(5180 + 20 * i) }));
    const r = planAddedLink(wiphy, undefined, { phy: 'phy0', channel: 11 }, full);
    expect(!r.ok && r.problem).toMatch(/has 15 links/);
  });

  it('overlap: 20 MHz channels 1 and 5 only touch (2402-2422, 2422-2442), 1 and 2 overlap', () => {
    expect(overlappingLink(ch(2432), [held[0]!])).toBeUndefined();
    expect(overlappingLink(ch(2417), [held[0]!])?.linkId).toBe(0);
    expect(planLink(wiphy, undefined, { phy: 'phy0', channel: 6 }, [held[0]!]).ok).toBe(true);
  });
});
