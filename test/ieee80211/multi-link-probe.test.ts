// Multi-link probing against the Probe Request Multi-Link element wpa_supplicant writes
// (wpa_supplicant_ml_probe_ie, wpa_supplicant/scan.c) and the partner profiles hostapd puts
// in its ML probe responses (hostapd_eid_eht_basic_ml_common with hostapd_gen_per_sta_profiles).
import { describe, expect, it } from 'vitest';
import { buildPartnerProfiles, buildProbeRequestMultiLink, parseProbeRequestMultiLink, requestedLinkIds } from '../../core/ieee80211/multi-link-probe.js';
import { buildBasicMultiLink, parseBasicMultiLink } from '../../core/ieee80211/multi-link.js';
import { parseStaProfileFields } from '../../core/ieee80211/sta-profile.js';
import { expandProfile } from '../../core/ieee80211/inheritance.js';
import { parseDefragmented } from '../../core/ieee80211/element-fragments.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { hex, toHex } from './hex.js';

const mlData = (bytes: Uint8Array) => parseDefragmented(bytes)[0].data.subarray(1);

describe('Probe Request Multi-Link element', () => {
  it("reads wpa_supplicant's probe for links 1 and 2 of AP MLD 0: Common Info Length 2, STA Control only", () => {
    // control PROBE_REQ | AP_MLD_ID, common info length 2, MLD ID 0; per link: subelement 0, length 2, link | COMPLETE_PROFILE
    const ml = parseProbeRequestMultiLink(mlData(hex('ff0d6b' + '1100' + '0200' + '00021100' + '00021200')));
    expect(ml).toEqual({ apMldId: 0, links: [{ linkId: 1, completeProfile: true, elements: new Uint8Array() }, { linkId: 2, completeProfile: true, elements: new Uint8Array() }] });
    expect(requestedLinkIds(ml, [0, 1, 2, 3])).toEqual([1, 2]);
  });

  it('reads a probe of the receiving AP MLD for every link, and writes both byte for byte', () => {
    const all = parseProbeRequestMultiLink(mlData(hex('ff046b' + '0100' + '01')));
    expect(all).toEqual({ links: [] });
    expect(requestedLinkIds(all, [0, 2])).toEqual([0, 2]);
    expect(toHex(buildProbeRequestMultiLink(all))).toBe('ff046b010001');
    expect(toHex(buildProbeRequestMultiLink({ apMldId: 0, links: [1, 2].map((linkId) => ({ linkId, completeProfile: true, elements: new Uint8Array() })) })))
      .toBe('ff0d6b' + '1100' + '0200' + '00021100' + '00021200');
  });

  it('round-trips the MLD MAC address and a partial request with a Request element', () => {
    const ml = { apMldId: 3, mldAddr: hex('020000000100'), links: [{ linkId: 4, completeProfile: false, elements: hex('0a 02 30 38') }] };
    expect(parseProbeRequestMultiLink(mlData(buildProbeRequestMultiLink(ml)))).toEqual(ml);
  });

  it('refuses a truncated Common Info, an empty profile and another type', () => {
    expect(() => parseProbeRequestMultiLink(mlData(hex('ff046b' + '1100' + '01')))).toThrow(/needs 2/);
    expect(() => parseProbeRequestMultiLink(mlData(hex('ff076b' + '0100' + '01' + '0001' + '11')))).toThrow(FrameDecodeError);
    expect(() => parseProbeRequestMultiLink(hex('0000 07 020000000100'))).toThrow(/not Probe Request/);
  });
});

describe('partner profiles of an ML probe response', () => {
  // Link 0 (reporting, channel 1) and link 1 (channel 6) of one AP MLD: same SSID, rates and
  // RSNE; DS Parameter Set and HT Operation differ; only link 0 sends a vendor element.
  const ssid = '00 09 77696669642d6d6c64';
  const rates = '01 08 82848b960c121824';
  const rsne = '30 14 0100 000fac04 0100 000fac04 0100 000fac08 c000';
  const reporting = hex(ssid + rates + '03 01 01' + rsne + '3d 16 01' + '00'.repeat(21) + 'dd 05 0050f20201');
  const partner = hex(ssid + rates + '03 01 06' + rsne + '3d 16 06' + '00'.repeat(21));

  it("writes hostapd's STA Control 0x01f1 and STA Info Length 19, and a profile that expands back", () => {
    const profiles = buildPartnerProfiles(reporting, [{ linkId: 1, bssid: hex('020000000101'), beaconIntervalTu: 100, dtimPeriod: 2, capabilityInfo: 0x0411, elements: partner }]);
    const built = buildBasicMultiLink({ mldAddr: hex('020000000100'), linkId: 0, bssParamsChangeCount: 0, emlCapabilities: 0, mldCapabilities: 0x2001, profiles });
    const elements = '03 01 06' + '3d 16 06' + '00'.repeat(21) + 'ff 04 38 01 dd 00';
    const sub = 'f101' + '13' + '020000000101' + '6400' + '0000000000000000' + '0002' + '1104' + elements.replace(/ /g, '');
    expect(toHex(built)).toBe('ff' + (3 + 13 + 2 + sub.length / 2).toString(16) + '6b' + 'b001' + '0d' + '020000000100' + '00' + '00' + '0000' + '0120'
      + '00' + (sub.length / 2).toString(16) + sub);
    const p = parseBasicMultiLink(mlData(built)).profiles[0];
    const fields = parseStaProfileFields(p.profile, 'probe-response');
    expect(fields.capabilityInfo).toBe(0x0411);
    expect(toHex(expandProfile(reporting, fields.elements))).toBe(toHex(partner));
  });
});
