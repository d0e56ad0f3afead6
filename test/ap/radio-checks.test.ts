// The radio checks of an AP section against a wiphy as core/nl80211/inventory.ts builds it.
import { describe, expect, it } from 'vitest';
import type { Band, Wiphy } from '../../core/nl80211/inventory.js';
import { checkRadio } from '../../plugins/mld-ap/radio-checks.js';
import type { ApSettings } from '../../plugins/mld-ap/config.js';

const ch = (freq: number, extra: Partial<Band['channels'][number]> = {}) => ({ freq, disabled: false, noIr: false, radar: false, ...extra });
const band2: Band = { band: '2ghz', bandId: 0, channels: [ch(2412), ch(2437), ch(2467, { noIr: true }), ch(2484, { disabled: true })], bitrates: [10, 20, 55, 110, 60, 90, 120, 180, 240, 360, 480, 540], ht: true, vht: false, he: true, eht: false };
const wiphy = { index: 0, name: 'phy0', bands: [band2], iftypes: ['station', 'ap'] } as unknown as Wiphy;
const settings = (s: Partial<ApSettings>): ApSettings => ({ phy: 'phy0', channel: 6, htmode: 'HT20', ssid: 'x', encryption: 'none', sae_pwe: '2', beacon_int: 100, dtim_period: 2, max_clients: 10, hidden: false, ...s } as ApSettings);

describe('radio checks', () => {
  it('channel 6 HT20 on a 2.4 GHz HT radio: 2437 MHz with the band\'s rates', () => {
    const r = checkRadio(wiphy, settings({}));
    expect(r).toMatchObject({ ok: true, plan: { band: '2.4GHz', freq: 2437, channel: 6 } });
  });

  it.each([
    [{ channel: 11 }, /channel 11 \(2462 MHz\) is not a channel of phy0/],
    [{ channel: 12 }, /does not allow beaconing on phy0 \(no-IR/],
    [{ channel: 14 }, /is disabled on phy0/],
    [{ channel: 36 }, /phy0 has no 5GHz band/],
    [{ htmode: 'EHT20' as const }, /htmode EHT20 needs EHT, which phy0 does not support/],
    [{ htmode: 'VHT20' as const }, /needs VHT/],
    [{ band: '6g' as const, channel: 3 }, /channel 3 does not exist on the 6GHz band/],
  ])('refuses %j', (s, message) => {
    const r = checkRadio(wiphy, settings(s));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toMatch(message);
  });
});
