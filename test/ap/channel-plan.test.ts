// htmode → operating channel, against a real mac80211_hwsim radio's bands (captured under
// the world regulatory domain, where 5 and 6 GHz may not beacon: the cases lift the no-IR
// and disabled flags as `iw reg set US` would for the channels they use). Expected centres
// are those of 802.11-2020 Annex E (5 GHz 40/80/160 MHz channels 38, 42, 50...) and the
// 6 GHz channelization of 802.11ax 27.3.23.2 / 802.11be 36.3.23.2.
import { describe, expect, it } from 'vitest';
import type { Band } from '../../core/nl80211/inventory.js';
import { blockCenter, defaultHtMode, planChannel } from '../../plugins/mld-ap/channel-plan.js';
import type { HtMode } from '../../plugins/mld-ap/config.js';
import { hwsimBand } from '../ieee80211/band-fixture.js';

/**
 * A band with the channels between `lo` and `hi` MHz open for beaconing (no radar, no-IR);
 * a disabled channel, which the kernel reports with every width limit, loses those too.
 */
function opened(name: '2ghz' | '5ghz' | '6ghz', lo: number, hi: number): Band {
  const b = hwsimBand(name);
  return {
    ...b,
    channels: b.channels.map((c) => {
      if (c.freq < lo || c.freq > hi) return c;
      const open = { ...c, noIr: false, radar: false };
      return c.disabled ? { freq: c.freq, disabled: false, noIr: false, radar: false, ...(c.maxTxPowerMbm !== undefined ? { maxTxPowerMbm: c.maxTxPowerMbm } : {}) } : open;
    }),
  };
}

const b2 = hwsimBand('2ghz');
const b5 = opened('5ghz', 5170, 5250); // 36-48 (UNII-1) open, 52-64 keep radar, 149-165 no-IR
const b5all = opened('5ghz', 5170, 5835);
const b6 = opened('6ghz', 5945, 7125);

const plan = (band: '2.4GHz' | '5GHz' | '6GHz', data: Band, ch: number, htmode: HtMode) => planChannel('phy0', band, data, ch, htmode);

describe('channel plan', () => {
  it.each([
    // band, channel, htmode → width, centre channel, centre MHz; the band data
    ['2.4GHz', 1, 'HT40', 40, 3, 2422, b2],
    ['2.4GHz', 1, 'HE40', 40, 3, 2422, b2],
    ['2.4GHz', 11, 'HT40', 40, 9, 2452, b2],
    ['2.4GHz', 5, 'HT40-', 40, 3, 2422, b2],
    ['2.4GHz', 5, 'HT40+', 40, 7, 2442, b2],
    ['5GHz', 36, 'HT40', 40, 38, 5190, b5],
    ['5GHz', 40, 'HT40-', 40, 38, 5190, b5],
    ['5GHz', 44, 'VHT80', 80, 42, 5210, b5],
    ['5GHz', 48, 'HE80', 80, 42, 5210, b5],
    ['5GHz', 100, 'VHT160', 160, 114, 5570, b5all],
    ['5GHz', 157, 'EHT80', 80, 155, 5775, b5all],
    ['6GHz', 37, 'HE160', 160, 47, 6185, b6],
    ['6GHz', 1, 'EHT320', 320, 31, 6105, b6],
  ] as const)('%s channel %i %s: %i MHz around channel %i (%i MHz)', (band, ch, htmode, width, center, centerFreq, data) => {
    const r = plan(band, data, ch, htmode);
    if (!r.ok) throw new Error(r.problem);
    expect(r.plan.bss).toMatchObject({ primary: ch, width, center });
    expect(r.plan.chandef).toMatchObject({ width: String(width), centerFreq1: centerFreq });
  });

  it.each([
    ['5GHz', 40, 'HT40+', b5, /secondary below \(centre channel 38\)/],
    ['5GHz', 36, 'VHT160', b5, /channel 52 \(5260 MHz\) of the 160 MHz channel around 50 is not usable/],
    ['5GHz', 44, 'HE40', hwsimBand('5ghz'), /channel 44 \(5220 MHz\) of the 40 MHz channel around 46 is not usable/],
    ['5GHz', 165, 'HT40', b5all, /channel 169 \(5845 MHz\) of the 40 MHz channel around 167 is not usable/],
    ['5GHz', 144, 'VHT160', b5all, /no 160 MHz channel on 5GHz holds channel 144/],
    ['2.4GHz', 6, 'VHT80', b2, /VHT is a 5 GHz mode/],
    ['2.4GHz', 14, 'HT40', b2, /channel 14 is 20 MHz only/],
    ['5GHz', 36, 'EHT320', b5, /320 MHz channels are EHT on 6 GHz only|no 320 MHz channel/],
    ['6GHz', 37, 'HT20', b6, /6 GHz is HE\/EHT only/],
  ] as const)('refuses %s channel %i %s', (band, ch, htmode, data, why) => {
    const r = plan(band, data, ch, htmode);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toMatch(why);
  });

  it('the kernel\'s per-channel limits refuse a width: NO_HT40PLUS on channel 11, NO_80MHZ', () => {
    // hwsim flags channel 11 (2462 MHz) NO_HT40PLUS: its secondary above would be channel 15.
    expect(b2.channels.find((c) => c.freq === 2462)!.noHt40Plus).toBe(true);
    const no80: Band = { ...b5, channels: b5.channels.map((c) => (c.freq === 5180 ? { ...c, no80Mhz: true } : c)) };
    const r = plan('5GHz', no80, 36, 'VHT80');
    expect(!r.ok && r.problem).toMatch(/80 MHz is not allowed on channel 36/);
    expect(plan('5GHz', no80, 36, 'VHT40').ok).toBe(true);
  });

  it('HT20 clears nothing but HT40 needs the band\'s 40 MHz capability', () => {
    const ht20only: Band = { ...b2, htCapa: { ...b2.htCapa!, capabilities: b2.htCapa!.capabilities & ~0x0002 } };
    expect(plan('2.4GHz', ht20only, 1, 'HT20').ok).toBe(true);
    const r = plan('2.4GHz', ht20only, 1, 'HT40');
    expect(!r.ok && r.problem).toMatch(/20 MHz only in HT/);
  });

  it('HE needs the AP\'s iftype data: HE capabilities for a station only are not enough', () => {
    const staOnly: Band = { ...b2, iftypeData: b2.iftypeData!.filter((d) => !d.iftypes.includes('ap')) };
    const r = plan('2.4GHz', staOnly, 1, 'HE20');
    expect(!r.ok && r.problem).toMatch(/no HE capabilities for an AP/);
  });

  it('centres of the 5 GHz and 6 GHz blocks', () => {
    expect([36, 40, 44, 48].map((c) => blockCenter('5GHz', c, 80))).toEqual([42, 42, 42, 42]);
    expect(blockCenter('5GHz', 144, 80)).toBe(138);
    expect(blockCenter('5GHz', 64, 160)).toBe(50);
    expect(blockCenter('6GHz', 5, 40)).toBe(3);
    expect(blockCenter('6GHz', 65, 320)).toBe(95);
  });

  it('default htmode: HT20 on an HT band, NOHT without HT capabilities', () => {
    expect(defaultHtMode(b2)).toBe('HT20');
    const { htCapa: _h, ...noHt } = b2;
    expect(defaultHtMode({ ...noHt, ht: false })).toBe('NOHT');
  });
});
