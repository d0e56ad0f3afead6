// The radio checks of an AP section against a real mac80211_hwsim wiphy (the inventory
// built from its captured split dump, test/ieee80211/band-fixture.ts), with the channel
// flags a regulatory domain would set changed where a case needs them.
import { describe, expect, it } from 'vitest';
import type { Band, BandIftypeData, Wiphy } from '../../core/nl80211/inventory.js';
import { checkRadio } from '../../plugins/mld-ap/radio-checks.js';
import type { ApSettings } from '../../plugins/mld-ap/config.js';
import { HWSIM_WIPHY, hwsimBand } from '../ieee80211/band-fixture.js';

const real2g = hwsimBand('2ghz');
/** hwsim's 2.4 GHz band without channel 11, channel 14 disabled, and no EHT for the AP. */
const band2: Band = {
  ...real2g,
  channels: real2g.channels.filter((c) => c.freq !== 2462).map((c) => (c.freq === 2484 ? { ...c, disabled: true } : c)),
  iftypeData: real2g.iftypeData!.map((d): BandIftypeData => ({ iftypes: d.iftypes, ...(d.heMac ? { heMac: d.heMac, hePhy: d.hePhy!, heMcs: d.heMcs! } : {}) })),
  eht: false,
};
const wiphy: Wiphy = { ...HWSIM_WIPHY, name: 'phy0', bands: [band2] };
const settings = (s: Partial<ApSettings>): ApSettings & { channel: number } => ({ phy: 'phy0', channel: 6, ssid: 'x', encryption: 'none', sae_pwe: '2', beacon_int: 100, dtim_period: 2, max_clients: 10, hidden: false, ...s } as ApSettings & { channel: number });

describe('radio checks', () => {
  it('channel 6 without htmode on a 2.4 GHz HT radio: HT20 at 2437 MHz with the band\'s rates', () => {
    const r = checkRadio(wiphy, settings({}));
    expect(r).toMatchObject({ ok: true, plan: { band: '2.4GHz', freq: 2437, channel: 6, htmode: 'HT20', bitrates: real2g.bitrates } });
    expect(r.ok && r.plan.channelPlan.chandef).toEqual({ freq: 2437, width: '20', centerFreq1: 2437 });
  });

  it('a radio without HT capabilities runs legacy by default and refuses HT20', () => {
    const { htCapa: _h, ...noHt } = band2;
    const legacy: Wiphy = { ...wiphy, bands: [{ ...noHt, ht: false, iftypeData: [] }] };
    const r = checkRadio(legacy, settings({}));
    expect(r.ok && r.plan.htmode).toBe('NOHT');
    expect(r.ok && r.plan.channelPlan.chandef).toEqual({ freq: 2437, width: '20_noht' });
    const ht = checkRadio(legacy, settings({ htmode: 'HT20' }));
    expect(!ht.ok && ht.problem).toMatch(/htmode HT20: phy0 has no HT capabilities on 2.4GHz/);
  });

  it.each([
    [{ channel: 11 }, /channel 11 \(2462 MHz\) is not a channel of phy0/],
    [{ channel: 12 }, /does not allow beaconing on phy0 \(no-IR/],
    [{ channel: 14 }, /is disabled on phy0/],
    [{ channel: 36 }, /phy0 has no 5GHz band/],
    [{ htmode: 'EHT20' as const }, /htmode EHT20: phy0 has no EHT capabilities for an AP/],
    [{ htmode: 'VHT20' as const }, /htmode VHT20: VHT is a 5 GHz mode/],
    [{ htmode: 'HE80' as const }, /80 MHz channels do not exist on 2.4 GHz/],
    [{ htmode: 'HT40-' as const, channel: 1 }, /htmode HT40-: no channel below channel 1 for the secondary/],
    [{ htmode: 'HT40+' as const, channel: 9 }, /secondary channel 13 \(2472 MHz\) is not usable/],
    [{ band: '6g' as const, channel: 3 }, /channel 3 does not exist on the 6GHz band/],
  ])('refuses %j', (s, message) => {
    const r = checkRadio(wiphy, settings(s));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toMatch(message);
  });
});
