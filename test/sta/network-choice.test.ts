// The best configured network in range: priority, then a multi-link association where
// the network allows it, then signal; only BSSs the network can join (AKM, PMF, bssid).
import { describe, expect, it } from 'vitest';
import type { StaNetworkSettings } from '../../plugins/sta-mlo/config.js';
import { canJoin, chooseNetwork } from '../../plugins/sta-mlo/network-choice.js';
import { scanView } from '../../plugins/sta-mlo/scan-view.js';
import { LINK0, LINK1, MLD_ADDR, mldLinkIes, pskIes, result } from './scan-fixture.js';

const LEGACY = '02:00:00:00:02:00';

function net(o: Partial<StaNetworkSettings> & { ssid: string }): StaNetworkSettings {
  return { sta: 'uplink', encryption: 'none', key: undefined, ieee80211w: undefined, bssid: undefined, mlo: true, priority: 0, auto_connect: true, ...o };
}

const sae = (o: Partial<StaNetworkSettings> = {}) => net({ ssid: 'wifid-mld', encryption: 'sae', key: 'pw', ...o });
const psk = (o: Partial<StaNetworkSettings> = {}) => net({ ssid: 'legacy', encryption: 'psk2', key: 'legacy passphrase', ...o });

/** The AP MLD's two links (signals -60 and -55) and the WPA2-PSK BSS at `legacySignal`. */
function scan(legacySignal = -30) {
  return scanView([
    result(LINK0.bssid, LINK0.freq, mldLinkIes(LINK0, LINK1), -60),
    result(LINK1.bssid, LINK1.freq, mldLinkIes(LINK1, LINK0), -55),
    result(LEGACY, 2462, pskIes(), legacySignal),
  ]);
}

describe('chooseNetwork', () => {
  it('the higher priority wins even when weaker', () => {
    const c = chooseNetwork([psk(), sae({ priority: 5 })], scan());
    expect(c?.network.ssid).toBe('wifid-mld');
    expect(c?.mlo).toBe(true);
  });

  it('equal priority: the stronger signal (the PSK BSS at -30 beats the AP MLD when mlo is 0)', () => {
    const c = chooseNetwork([sae({ mlo: false }), psk()], scan(-30));
    expect(c).toMatchObject({ mlo: false, bss: { bssid: LEGACY } });
  });

  it('equal priority: a multi-link association is preferred over a stronger single-link BSS when mlo is 1', () => {
    const c = chooseNetwork([psk(), sae()], scan(-30));
    expect(c?.mlo).toBe(true);
    expect(c?.apMld?.mld_addr).toBe(MLD_ADDR);
    expect(c?.apMld?.links.map((l) => l.link_id)).toEqual([0, 1]);
    // Associated over the strongest link.
    expect(c?.bss.bssid).toBe(LINK1.bssid);
  });

  it('mlo 0: a single-link association with the AP MLD\'s strongest link', () => {
    expect(chooseNetwork([sae({ mlo: false })], scan())).toMatchObject({ mlo: false, bss: { bssid: LINK1.bssid } });
    expect(chooseNetwork([sae({ mlo: false })], scan())?.apMld).toBeUndefined();
  });

  it('a pinned bssid: only that BSS (an AP MLD link) is chosen', () => {
    expect(chooseNetwork([sae({ bssid: LINK0.bssid })], scan())).toMatchObject({ mlo: true, bss: { bssid: LINK0.bssid } });
    expect(chooseNetwork([sae({ bssid: '02:00:00:00:09:09' })], scan())).toBeUndefined();
  });

  it('nothing joinable: SSID not in range, AKM not offered, PMF required against a BSS without it', () => {
    expect(chooseNetwork([net({ ssid: 'elsewhere' })], scan())).toBeUndefined();
    expect(chooseNetwork([psk({ ssid: 'wifid-mld' })], scan())).toBeUndefined();
    expect(chooseNetwork([net({ ssid: 'legacy' })], scan()), 'open network against an RSN BSS').toBeUndefined();
    expect(chooseNetwork([psk({ ieee80211w: '2' })], scan()), 'PMF required, BSS without PMF').toBeUndefined();
    expect(chooseNetwork([], scan())).toBeUndefined();
  });

  it('canJoin: an SAE network with PMF off cannot join a BSS requiring PMF', () => {
    const bss = scan().bss.find((b) => b.bssid === LINK0.bssid)!;
    expect(canJoin(sae(), bss)).toBe(true);
    expect(canJoin(sae({ ieee80211w: '0' }), bss)).toBe(false);
  });

  it('equal priority, equal signal, no MLO: file order decides', () => {
    const v = scanView([result(LEGACY, 2462, pskIes(), -40), result('02:00:00:00:02:01', 2412, pskIes('other'), -40)]);
    expect(chooseNetwork([psk({ ssid: 'other' }), psk()], v)?.network.ssid).toBe('other');
    expect(chooseNetwork([psk(), psk({ ssid: 'other' })], v)?.network.ssid).toBe('legacy');
  });
});
