// Scan results as wifid.sta shows them: the BSSs with their security, and each AP MLD
// once with all its links, also when only one link was heard (its RNR names the other).
import { describe, expect, it } from 'vitest';
import { parseBssElements } from '../../core/ieee80211/bss-elements.js';
import { scanView } from '../../plugins/sta-mlo/scan-view.js';
import { LINK0, LINK1, MLD_ADDR, mldLinkIes, pskIes, result } from './scan-fixture.js';

describe('parseBssElements', () => {
  it('an AP of an AP MLD: SSID, SAE with PMF required, H2E, its MLD address and link, the partner from the RNR', () => {
    const e = parseBssElements(mldLinkIes(LINK0, LINK1));
    expect(new TextDecoder().decode(e.ssid)).toBe('wifid-mld');
    expect(e.rsn).toMatchObject({ akms: [0x000fac08], pairwiseCiphers: [0x000fac04], mfpCapable: true, mfpRequired: true, groupMgmtCipher: 0x000fac06 });
    expect(e.h2e).toBe(true);
    expect(e.mld).toEqual({ mldAddr: MLD_ADDR, linkId: 0, bssParamsChangeCount: 0 });
    expect(e.partners).toEqual([{ linkId: 1, bssid: LINK1.bssid, freq: 2437, opClass: 81, channel: 6, disabled: false }]);
  });

  it('a plain WPA2-PSK BSS: no MLD, no partners, no PMF, no H2E', () => {
    const e = parseBssElements(pskIes());
    expect(e.rsn).toMatchObject({ akms: [0x000fac02], mfpCapable: false, mfpRequired: false });
    expect(e.mld).toBeUndefined();
    expect(e.partners).toEqual([]);
    expect(e.h2e).toBe(false);
  });

  it('a truncated element is a FrameDecodeError', () => {
    const ies = mldLinkIes(LINK0, LINK1);
    expect(() => parseBssElements(ies.subarray(0, ies.length - 3))).toThrow(/truncated|length/);
  });
});

describe('scanView', () => {
  it('both links heard: one AP MLD with links 0 and 1 (bssid, freq, signal), the legacy BSS beside it', () => {
    const v = scanView([
      result(LINK0.bssid, LINK0.freq, mldLinkIes(LINK0, LINK1), -30),
      result('02:00:00:00:02:00', 2462, pskIes(), -40),
      result(LINK1.bssid, LINK1.freq, mldLinkIes(LINK1, LINK0), -35),
    ]);
    expect(v.malformed).toBe(0);
    expect(v.bss.map((b) => [b.bssid, b.ssid, b.akm, b.pmf, b.mld_addr, b.link_id])).toEqual([
      [LINK0.bssid, 'wifid-mld', ['SAE'], 2, MLD_ADDR, 0],
      [LINK1.bssid, 'wifid-mld', ['SAE'], 2, MLD_ADDR, 1],
      ['02:00:00:00:02:00', 'legacy', ['WPA2-PSK'], 0, undefined, undefined],
    ]);
    expect(v.ap_mlds).toEqual([{
      ssid: 'wifid-mld', mld_addr: MLD_ADDR, akm: ['SAE'], pmf: 2, h2e: true,
      links: [
        { link_id: 0, bssid: LINK0.bssid, freq: 2412, signal: -30, heard: true },
        { link_id: 1, bssid: LINK1.bssid, freq: 2437, signal: -35, heard: true },
      ],
    }]);
  });

  it('one link heard: the AP MLD is listed whole, the other link from the RNR (no signal, heard false)', () => {
    const v = scanView([result(LINK1.bssid, LINK1.freq, mldLinkIes(LINK1, LINK0), -50)]);
    expect(v.ap_mlds).toHaveLength(1);
    expect(v.ap_mlds[0]!.links).toEqual([
      { link_id: 0, bssid: LINK0.bssid, freq: 2412, heard: false },
      { link_id: 1, bssid: LINK1.bssid, freq: 2437, signal: -50, heard: true },
    ]);
  });

  it('a result whose elements do not parse is left out and counted; the others stay', () => {
    const bad = pskIes();
    const v = scanView([result('02:00:00:00:02:00', 2462, bad.subarray(0, bad.length - 2)), result(LINK0.bssid, LINK0.freq, mldLinkIes(LINK0, undefined), -30)]);
    expect(v.malformed).toBe(1);
    expect(v.bss.map((b) => b.bssid)).toEqual([LINK0.bssid]);
    expect(v.ap_mlds[0]!.links.map((l) => l.link_id)).toEqual([0]);
  });
});
