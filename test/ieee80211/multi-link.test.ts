// The Basic Multi-Link element against frames from hostapd's tests/hwsim/test_eht.py
// (test_eht_ap_mld_proto: association requests of a non-AP MLD, written by the hostapd
// authors to 802.11be-2024) and against the element Linux's net/wireless/tests/scan.c
// (test_inform_bss_ml_sta) builds, and the layout hostapd's AP writes
// (hostapd_eid_eht_basic_ml_common, src/ap/ieee802_11_eht.c).
import { describe, expect, it } from 'vitest';
import { buildBasicMultiLink, multiLinkType, MultiLinkType, parseBasicMultiLink, StaControl } from '../../core/ieee80211/multi-link.js';
import { parseStaProfileFields, buildStaProfileFields } from '../../core/ieee80211/sta-profile.js';
import { ElementExtId, parseElements } from '../../core/ieee80211/elements.js';
import { parseDefragmented } from '../../core/ieee80211/element-fragments.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { macToString } from '../../core/ieee80211/mac-address.js';
import { hex, toHex } from './hex.js';

/** The data of the first element of `bytes` (fragments joined), after its extension id. */
const mlData = (bytes: Uint8Array) => parseDefragmented(bytes)[0].data.subarray(1);

// test_eht_ap_mld_proto, case "No Non-Inheritance element".
const MLD_ADDR = '02112233444f';
const ADDR1 = '021122334441';
const PROFILE_ELEMENTS = '010802040b160c121824' + '32043048606c' + '2d1afe131bffff000000000000000000000100000000000000000000'
  + 'ff16230178c81a400000bfce0000000000000000fafffaff' + 'ff126c07007c0000feffff7f0100888888880000';
const ASSOC_REQ_MLE = 'ff716b000109' + MLD_ADDR + '0000' + '0063' + '3100' + '07' + ADDR1 + '3004' + PROFILE_ELEMENTS;

describe('Basic Multi-Link element parsing', () => {
  it("reads hostapd's non-AP MLD association request element: MLD address, MLD capabilities, one complete profile", () => {
    const el = parseElements(hex(ASSOC_REQ_MLE))[0];
    expect(el.extId).toBe(ElementExtId.MULTI_LINK);
    const ml = parseBasicMultiLink(el.data.subarray(1));
    expect(macToString(ml.mldAddr)).toBe('02:11:22:33:44:4f');
    expect(ml).toMatchObject({ mldCapabilities: 0 });
    expect(ml.linkId).toBeUndefined();
    expect(ml.profiles).toHaveLength(1);
    const p = ml.profiles[0];
    expect(p).toMatchObject({ linkId: 1, completeProfile: true });
    expect(macToString(p.staAddr!)).toBe('02:11:22:33:44:41');
    const fields = parseStaProfileFields(p.profile, 'assoc-request');
    expect(fields.capabilityInfo).toBe(0x0430);
    expect(toHex(fields.elements)).toBe(PROFILE_ELEMENTS);
    expect(parseElements(fields.elements).map((e) => e.extId ?? e.id)).toEqual([1, 50, 45, 35, 108]);
  });

  it('skips Vendor Specific and unknown subelements (hostapd case "Empty Non-Inheritance element")', () => {
    const mle = 'ff7e6b000109' + '02112233442f' + '0000' + '0068' + '3100' + '07' + '021122334421' + '3004' + PROFILE_ELEMENTS
      + 'ff03380000' + 'aa00' + 'dd0411223344';
    const ml = parseBasicMultiLink(parseElements(hex(mle))[0].data.subarray(1));
    expect(ml.profiles.map((p) => p.linkId)).toEqual([1]);
    expect(toHex(parseStaProfileFields(ml.profiles[0].profile, 'assoc-request').elements)).toBe(PROFILE_ELEMENTS + 'ff03380000');
  });

  it('refuses the reserved link id 15 in a profile (hostapd case "Invalid link ID in Per-STA Profile")', () => {
    const mle = ASSOC_REQ_MLE.replace('00633100', '00633f00');
    expect(() => parseBasicMultiLink(mlData(hex(mle)))).toThrow(/link id 15 is reserved/);
  });

  it('refuses a Common Info too short for its presence bitmap (hostapd "Not enough bytes for common info")', () => {
    // ff0a6b 0001 09 <mld addr>: MLD capabilities announced, but the element ends after the address.
    expect(() => parseBasicMultiLink(mlData(hex('ff0a6b000109' + '021122334405')))).toThrow(FrameDecodeError);
    // hostapd's start_eht_sae_ap vendor element: link id, BSS params change count and MLD
    // capabilities present (11 octets with the length) but Common Info Length 10; Linux's
    // ieee80211_mle_size_ok refuses it as well.
    expect(() => parseBasicMultiLink(mlData(hex('ff0d6b' + '3001' + '0a' + '021122334455' + '01' + '00' + '00')))).toThrow(/needs 11/);
  });

  it('reads the element Linux builds in test_inform_bss_ml_sta, fragmented twice, extra Common Info octets skipped', () => {
    // struct mle_basic_common_info: control BASIC | BSS_PARAM_CH_CNT | LINK_ID | MLD_ID | MLD_CAPA_OP,
    // var_len 14 (it also holds an unflagged Extended MLD Capabilities field), MLD address, link id info 0,
    // change count 0, MLD capabilities 0x0102, MLD ID 1, 0x0304.
    const common = hex('3003 0e 102233445560 00 00 0201 01 0403');
    // struct sta_prof: COMPLETE | STA_MAC | BEACON_INT | TSF_OFFS | link id 2, var_len 17, bssid {0x10, 0...},
    // beacon interval 101, TSF offset -123, capabilities 0xdead; then vendor elements of 160 and 165 octets.
    const staProf = hex('f200 11 100000000000 6500 85ffffffffffffff adde');
    const profBody = new Uint8Array([...staProf, 0xdd, 160, ...new Uint8Array(160), 0xdd, 165, ...new Uint8Array(165)]);
    expect(profBody.length).toBe(350);
    // ieee80211_fragment_element: 255 octets in the subelement, the rest (95) in a Fragment subelement (254).
    const sub = new Uint8Array([0, 255, ...profBody.subarray(0, 255), 254, 95, ...profBody.subarray(255)]);
    const mlBody = new Uint8Array([107, ...common, ...sub]);
    expect(mlBody.length).toBe(1 + 16 + 354);
    const frame = new Uint8Array([255, 255, ...mlBody.subarray(0, 255), 242, mlBody.length - 255, ...mlBody.subarray(255)]);

    const ml = parseBasicMultiLink(mlData(frame));
    expect(macToString(ml.mldAddr)).toBe('10:22:33:44:55:60');
    expect(ml).toMatchObject({ linkId: 0, bssParamsChangeCount: 0, mldCapabilities: 0x0102, apMldId: 1 });
    expect(ml.extMldCapabilities).toBeUndefined();
    const p = ml.profiles[0];
    expect(p).toMatchObject({ linkId: 2, completeProfile: true, beaconIntervalTu: 101, tsfOffset: -123n });
    expect(macToString(p.staAddr!)).toBe('10:00:00:00:00:00');
    const fields = parseStaProfileFields(p.profile, 'probe-response');
    expect(fields.capabilityInfo).toBe(0xdead);
    expect(parseElements(fields.elements).map((e) => [e.id, e.data.length])).toEqual([[221, 160], [221, 165]]);
  });

  it('every truncation of a valid element is parsed or refused with FrameDecodeError', () => {
    const data = mlData(hex(ASSOC_REQ_MLE));
    let refused = 0;
    for (let len = 0; len < data.length; len++) {
      try { parseBasicMultiLink(data.subarray(0, len)); } catch (e) { expect(e).toBeInstanceOf(FrameDecodeError); refused++; }
    }
    expect(refused).toBeGreaterThan(0);
  });
});

describe('Basic Multi-Link element building', () => {
  it("writes an AP's beacon element in hostapd's layout", () => {
    // hostapd_eid_eht_basic_ml_common: LINK_ID | BSS_PARAM_CH_COUNT | EML_CAPA | MLD_CAPA = 0x01b0,
    // Common Info Length 13, MLD address, link id, change count, EML capabilities, MLD capabilities.
    const built = buildBasicMultiLink({
      mldAddr: hex('020000000100'), linkId: 1, bssParamsChangeCount: 3, emlCapabilities: 0, mldCapabilities: 0x2001, profiles: [],
    });
    expect(toHex(built)).toBe('ff106b' + 'b001' + '0d' + '020000000100' + '01' + '03' + '0000' + '0120');
  });

  it("writes an association response's partner profile in hostapd's layout (STA Control 0x09f1, STA Info Length 20)", () => {
    const profile = buildStaProfileFields({ capabilityInfo: 0x0411, statusCode: 0, elements: hex('010882848b960c121824') }, 'assoc-response');
    const built = buildBasicMultiLink({
      mldAddr: hex('020000000100'), linkId: 0, bssParamsChangeCount: 0, emlCapabilities: 0, mldCapabilities: 0x2001,
      profiles: [{
        linkId: 1, completeProfile: true, staAddr: hex('020000000101'), beaconIntervalTu: 100, tsfOffset: 0n,
        dtim: { count: 0, period: 2 }, bssParamsChangeCount: 0, profile,
      }],
    });
    const sub = 'f109' + '14' + '020000000101' + '6400' + '0000000000000000' + '0002' + '00' + '1104' + '0000' + '010882848b960c121824';
    expect(toHex(built)).toBe('ff' + (3 + 13 + 2 + sub.length / 2).toString(16) + '6b' + 'b001' + '0d' + '020000000100' + '00' + '00' + '0000' + '0120'
      + '00' + (sub.length / 2).toString(16) + sub);
    expect(StaControl.COMPLETE_PROFILE | StaControl.STA_MAC_PRESENT | StaControl.BEACON_INTERVAL_PRESENT | StaControl.TSF_OFFSET_PRESENT
      | StaControl.DTIM_INFO_PRESENT | StaControl.BSS_PARAMS_CHANGE_COUNT_PRESENT | 1).toBe(0x09f1);
  });

  it('round-trips every field, with a profile long enough to need both kinds of fragment', () => {
    const ml = {
      mldAddr: hex('02aabbccdd00'), linkId: 14, bssParamsChangeCount: 255, mediumSyncDelay: 0x10ac, emlCapabilities: 0x0001,
      mldCapabilities: 0x2002, apMldId: 0, extMldCapabilities: 0x0040,
      profiles: [
        { linkId: 0, completeProfile: true, staAddr: hex('02aabbccdd01'), beaconIntervalTu: 100, tsfOffset: -1n, dtim: { count: 1, period: 3 },
          nstr: { bitmap: 0x4001, wide: true }, bssParamsChangeCount: 7, profile: new Uint8Array(400).map((_, i) => i) },
        { linkId: 5, completeProfile: false, nstr: undefined, profile: new Uint8Array() },
      ],
    };
    const built = buildBasicMultiLink(ml);
    expect(parseElements(built).map((e) => e.id)).toEqual([255, 242]);
    const back = parseBasicMultiLink(mlData(built));
    expect(back).toEqual({ ...ml, profiles: [ml.profiles[0], { linkId: 5, completeProfile: false, profile: new Uint8Array() }] });
    expect(multiLinkType(mlData(built))).toBe(MultiLinkType.BASIC);
  });

  it('refuses impossible values instead of writing them', () => {
    expect(() => buildBasicMultiLink({ mldAddr: hex('0200'), profiles: [] })).toThrow(RangeError);
    expect(() => buildBasicMultiLink({ mldAddr: hex('020000000100'), linkId: 15, profiles: [] })).toThrow(RangeError);
    expect(() => buildBasicMultiLink({
      mldAddr: hex('020000000100'), profiles: [{ linkId: 1, completeProfile: false, nstr: { bitmap: 1, wide: false }, profile: new Uint8Array() }],
    })).toThrow(/complete profile/);
  });

  it('refuses another type as Basic', () => {
    expect(() => parseBasicMultiLink(hex('0200 01'))).toThrow(/not Basic/);
  });
});
