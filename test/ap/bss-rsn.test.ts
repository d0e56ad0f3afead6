// The BSS's RSN configuration from its `config ap` section, and the RSNE checks of a
// (re)association request against it (802.11-2020 9.4.2.24, 12.6.3, Table 9-50).
import { describe, expect, it } from 'vitest';
import { parseAssocRequest } from '../../core/ieee80211/assoc.js';
import {
  AKM_PSK, AKM_PSK_SHA256, AKM_SAE, AKM_SAE_EXT_KEY, CIPHER_BIP_CMAC128, CIPHER_BIP_GMAC256, CIPHER_CCMP, CIPHER_GCMP256, CIPHER_TKIP,
  encodeRsne, encodeRsnxe, parseRsne, RsnCapability, type RsnInfo,
} from '../../core/ieee80211/rsn-element.js';
import { StatusCode } from '../../core/ieee80211/status-codes.js';
import { AuthType, WpaVersion } from '../../core/nl80211/ap-commands.js';
import { pskFromPassphrase } from '../../core/crypto/psk.js';
import { bssRsnConfig } from '../../plugins/mld-ap/bss-rsn.js';
import { bssPsk } from '../../plugins/mld-ap/ap-rsn.js';
import { checkStationRsn } from '../../plugins/mld-ap/sta-rsn-check.js';
import { apSettings, assocRequestFrame } from './rsn-fixture.js';
import { hex, toHex } from '../ieee80211/hex.js';

const KEY = 'correct horse battery';

describe('bssRsnConfig', () => {
  it('none: no RSN', () => {
    expect(bssRsnConfig(apSettings({}))).toBeUndefined();
  });

  it('psk2: AKM 2, CCMP, 16 PTKSA replay counters, no PMF, no RSNXE: the octets hostapd 2.10 advertises with WMM on', () => {
    const c = bssRsnConfig(apSettings({ encryption: 'psk2', key: KEY }))!;
    expect(toHex(c.rsne)).toBe('30140100000fac040100000fac040100000fac020c00');
    expect(c).toMatchObject({ akms: [AKM_PSK], pairwiseCiphers: [CIPHER_CCMP], groupCipher: CIPHER_CCMP, pmf: 0, beaconProtection: false, h2e: false, authType: AuthType.OPEN_SYSTEM });
    expect(c.groupMgmtCipher).toBeUndefined();
    expect(c.rsnxe).toBeUndefined();
    expect(c.startAp).toEqual({ privacy: true, wpaVersions: WpaVersion.WPA2, pairwiseCiphers: [CIPHER_CCMP], groupCipher: CIPHER_CCMP, akms: [AKM_PSK] });
  });

  it('psk2 with ieee80211w 1 and 2: MFPC, then MFPR too; BIP-CMAC-128 implied (field left out), beacon protection on', () => {
    const capable = bssRsnConfig(apSettings({ encryption: 'psk2', key: KEY, ieee80211w: '1' }))!;
    expect(parseRsne(capable.rsne.subarray(2)).capabilities).toBe(0x0c | RsnCapability.MFPC);
    expect(capable).toMatchObject({ pmf: 1, groupMgmtCipher: CIPHER_BIP_CMAC128, beaconProtection: true });
    const required = bssRsnConfig(apSettings({ encryption: 'psk2', key: KEY, ieee80211w: '2' }))!;
    expect(toHex(required.rsne)).toBe('30140100000fac040100000fac040100000fac02cc00');
  });

  it('psk2-sha256: AKM 6 with PMF required by default', () => {
    const c = bssRsnConfig(apSettings({ encryption: 'psk2-sha256', key: KEY }))!;
    expect(toHex(c.rsne)).toBe('30140100000fac040100000fac040100000fac06cc00');
    expect(c).toMatchObject({ akms: [AKM_PSK_SHA256], pmf: 2 });
  });

  it('sae: AKM 8, WPA3, auth type SAE, RSNXE with H2E for sae_pwe 1 and 2 only', () => {
    const both = bssRsnConfig(apSettings({ encryption: 'sae', key: 'pw' }))!;
    expect(both).toMatchObject({ akms: [AKM_SAE], pmf: 2, h2e: true, h2eOnly: false, authType: AuthType.OPEN_SYSTEM, startAp: { wpaVersions: WpaVersion.WPA3 } });
    expect(toHex(both.rsnxe!)).toBe('f40120');
    expect(bssRsnConfig(apSettings({ encryption: 'sae', key: 'pw', sae_pwe: '1' }))).toMatchObject({ h2e: true, h2eOnly: true });
    const hnp = bssRsnConfig(apSettings({ encryption: 'sae', key: 'pw', sae_pwe: '0' }))!;
    expect(hnp.h2e).toBe(false);
    expect(hnp.rsnxe).toBeUndefined();
  });

  it('sae-mixed: AKMs 2 and 8 (Table 9-151 order), PMF capable, both WPA versions', () => {
    const c = bssRsnConfig(apSettings({ encryption: 'sae-mixed', key: KEY }))!;
    expect(toHex(c.rsne)).toBe('30180100000fac040100000fac040200000fac02000fac088c00');
    expect(c).toMatchObject({ pmf: 1, startAp: { wpaVersions: WpaVersion.WPA2 | WpaVersion.WPA3 } });
  });

  it('sae-ext: AKM 24 with GCMP-256 pairwise and group, BIP-GMAC-256 named after a PMKID Count of 0, PMF required, H2E', () => {
    const c = bssRsnConfig(apSettings({ encryption: 'sae-ext', key: 'pw' }))!;
    // Group 00-0f-ac:9, 1 pairwise 00-0f-ac:9, 1 AKM 00-0f-ac:24, MFPC|MFPR|16 PTKSA counters, PMKID Count 0, group management 00-0f-ac:12.
    expect(toHex(c.rsne)).toBe('301a0100000fac090100000fac090100000fac18cc000000000fac0c');
    expect(c).toMatchObject({
      akms: [AKM_SAE_EXT_KEY], pairwiseCiphers: [CIPHER_GCMP256], groupCipher: CIPHER_GCMP256, groupMgmtCipher: CIPHER_BIP_GMAC256,
      pmf: 2, beaconProtection: true, h2e: true, h2eOnly: false, authType: AuthType.OPEN_SYSTEM,
    });
    expect(toHex(c.rsnxe!)).toBe('f40120');
    expect(c.startAp).toEqual({ privacy: true, wpaVersions: WpaVersion.WPA3, pairwiseCiphers: [CIPHER_GCMP256], groupCipher: CIPHER_GCMP256, akms: [AKM_SAE_EXT_KEY] });
    // The element parses back to what was meant.
    expect(parseRsne(c.rsne.subarray(2))).toMatchObject({ groupCipher: CIPHER_GCMP256, pairwiseCiphers: [CIPHER_GCMP256], akms: [AKM_SAE_EXT_KEY], groupMgmtCipher: CIPHER_BIP_GMAC256 });
  });

  it('the PSK: PBKDF2 of passphrase and SSID (IEEE 802.11-2020 J.4.2 vector), or 64 hex digits taken as is', () => {
    // J.4.2 test vector: passphrase "password", SSID "IEEE".
    expect(toHex(pskFromPassphrase('password', 'IEEE'))).toBe('f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e');
    expect(bssPsk(apSettings({ encryption: 'psk2', key: KEY }))).toEqual(pskFromPassphrase(KEY, 'wifid-rsn'));
    const hexKey = 'ab'.repeat(32);
    expect(toHex(bssPsk(apSettings({ encryption: 'psk2', key: hexKey })))).toBe(hexKey);
  });
});

describe('checkStationRsn', () => {
  const BSSID = '02:00:00:00:00:00';
  const STA = '02:00:00:00:01:00';
  const staRsne = (over: Partial<RsnInfo> = {}) => encodeRsne({ version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_PSK], capabilities: 0, pmkids: [], ...over });
  const request = (...elements: Uint8Array[]) => parseAssocRequest(assocRequestFrame({ sa: STA, bssid: BSSID, ssid: 'wifid-rsn', elements }), { reassoc: false });
  const psk2 = bssRsnConfig(apSettings({ encryption: 'psk2', key: KEY }))!;
  const pmfCapable = bssRsnConfig(apSettings({ encryption: 'psk2', key: KEY, ieee80211w: '1' }))!;
  const pmfRequired = bssRsnConfig(apSettings({ encryption: 'psk2-sha256', key: KEY }))!;

  it('accepts wpa_supplicant 2.10\'s RSNE and says what was agreed', () => {
    expect(checkStationRsn(psk2, request(hex('30140100000fac040100000fac040100000fac020000')))).toEqual({ ok: true, agreed: { akm: AKM_PSK, pairwiseCipher: CIPHER_CCMP, pmf: false, pmkids: [] } });
    const sha256 = checkStationRsn(pmfRequired, request(staRsne({ akms: [AKM_PSK_SHA256], capabilities: RsnCapability.MFPC })));
    expect(sha256).toEqual({ ok: true, agreed: { akm: AKM_PSK_SHA256, pairwiseCipher: CIPHER_CCMP, pmf: true, pmkids: [] } });
    // MFP capable on both sides is negotiated; a STA without it still joins a PMF-capable BSS.
    expect(checkStationRsn(pmfCapable, request(staRsne({ capabilities: RsnCapability.MFPC, groupMgmtCipher: CIPHER_BIP_CMAC128 })))).toMatchObject({ ok: true, agreed: { pmf: true } });
    expect(checkStationRsn(pmfCapable, request(staRsne()))).toMatchObject({ ok: true, agreed: { pmf: false } });
    // MFPC offered to a BSS without PMF: no protection.
    expect(checkStationRsn(psk2, request(staRsne({ capabilities: RsnCapability.MFPC })))).toMatchObject({ ok: true, agreed: { pmf: false } });
  });

  it.each([
    ['no RSNE', psk2, [], StatusCode.STATUS_INVALID_ELEMENT, /no RSN element/],
    ['version 2', psk2, [staRsne({ version: 2 })], StatusCode.UNSUPPORTED_RSNE_VERSION, /RSN version 2/],
    ['group TKIP', psk2, [staRsne({ groupCipher: CIPHER_TKIP })], StatusCode.STATUS_INVALID_GROUP_CIPHER, /group cipher 00-0f-ac:2/],
    ['pairwise GCMP-256', psk2, [staRsne({ pairwiseCiphers: [CIPHER_GCMP256] })], StatusCode.STATUS_INVALID_PAIRWISE_CIPHER, /pairwise cipher 00-0f-ac:9 not offered/],
    ['two pairwise ciphers', psk2, [staRsne({ pairwiseCiphers: [CIPHER_CCMP, CIPHER_TKIP] })], StatusCode.STATUS_INVALID_PAIRWISE_CIPHER, /2 pairwise cipher suites/],
    ['AKM 6 on a psk2 BSS', psk2, [staRsne({ akms: [AKM_PSK_SHA256] })], StatusCode.STATUS_INVALID_AKMP, /AKM 00-0f-ac:6 not offered/],
    ['no AKM', psk2, [staRsne({ akms: [] })], StatusCode.STATUS_INVALID_AKMP, /0 AKM suites/],
    ['MFPR without MFPC', pmfCapable, [staRsne({ capabilities: RsnCapability.MFPR })], StatusCode.INVALID_RSNE_CAPABILITIES, /MFP required but not capable/],
    ['no MFP when required', pmfRequired, [staRsne({ akms: [AKM_PSK_SHA256] })], StatusCode.ROBUST_MANAGEMENT_POLICY_VIOLATION, /required and the STA does not offer it/],
    ['MFP required by the STA, off in the BSS', psk2, [staRsne({ capabilities: RsnCapability.MFPC | RsnCapability.MFPR })], StatusCode.ROBUST_MANAGEMENT_POLICY_VIOLATION, /BSS has it off/],
    ['group management cipher BIP-GMAC-256', pmfCapable, [staRsne({ capabilities: RsnCapability.MFPC, groupMgmtCipher: CIPHER_BIP_GMAC256 })], StatusCode.STATUS_CIPHER_OUT_OF_POLICY, /group management cipher 00-0f-ac:12/],
  ] as const)('refuses %s', (_name, cfg, elements, status, why) => {
    const r = checkStationRsn(cfg, request(...elements));
    expect(r).toMatchObject({ ok: false, status });
    expect(r.ok ? '' : r.why).toMatch(why);
  });

  it('sae-ext: wpa_supplicant\'s SAE-EXT-KEY RSNE is accepted; CCMP, BIP-CMAC-128 (named or implied) and AKM 8 are refused', () => {
    const ext = bssRsnConfig(apSettings({ encryption: 'sae-ext', key: 'pw' }))!;
    const good = { groupCipher: CIPHER_GCMP256, pairwiseCiphers: [CIPHER_GCMP256], akms: [AKM_SAE_EXT_KEY], capabilities: RsnCapability.MFPC | RsnCapability.MFPR };
    expect(checkStationRsn(ext, request(staRsne({ ...good, groupMgmtCipher: CIPHER_BIP_GMAC256 }), encodeRsnxe({ h2e: true }))))
      .toEqual({ ok: true, agreed: { akm: AKM_SAE_EXT_KEY, pairwiseCipher: CIPHER_GCMP256, pmf: true, pmkids: [] } });
    expect(checkStationRsn(ext, request(staRsne({ ...good, pairwiseCiphers: [CIPHER_CCMP], groupMgmtCipher: CIPHER_BIP_GMAC256 })))).toMatchObject({ ok: false, status: StatusCode.STATUS_INVALID_PAIRWISE_CIPHER });
    expect(checkStationRsn(ext, request(staRsne({ ...good, groupCipher: CIPHER_CCMP, groupMgmtCipher: CIPHER_BIP_GMAC256 })))).toMatchObject({ ok: false, status: StatusCode.STATUS_INVALID_GROUP_CIPHER });
    expect(checkStationRsn(ext, request(staRsne({ ...good, akms: [AKM_SAE], groupMgmtCipher: CIPHER_BIP_GMAC256 })))).toMatchObject({ ok: false, status: StatusCode.STATUS_INVALID_AKMP });
    expect(checkStationRsn(ext, request(staRsne({ ...good, groupMgmtCipher: CIPHER_BIP_CMAC128 })))).toMatchObject({ ok: false, status: StatusCode.STATUS_CIPHER_OUT_OF_POLICY });
    // Left out, the field means BIP-CMAC-128 (9.4.2.24.1).
    expect(checkStationRsn(ext, request(staRsne(good)))).toMatchObject({ ok: false, status: StatusCode.STATUS_CIPHER_OUT_OF_POLICY });
  });

  it('an RSNE that ends after the version means group CCMP, pairwise CCMP, AKM 1: refused as AKM 43', () => {
    expect(checkStationRsn(psk2, request(hex('30020100')))).toMatchObject({ ok: false, status: StatusCode.STATUS_INVALID_AKMP });
  });

  it('sae-mixed: a PSK station and an SAE station are both accepted, PMKIDs passed on', () => {
    const mixed = bssRsnConfig(apSettings({ encryption: 'sae-mixed', key: KEY }))!;
    expect(checkStationRsn(mixed, request(staRsne()))).toMatchObject({ ok: true, agreed: { akm: AKM_PSK, pmf: false } });
    const pmkid = new Uint8Array(16).fill(7);
    expect(checkStationRsn(mixed, request(staRsne({ akms: [AKM_SAE], capabilities: RsnCapability.MFPC, pmkids: [pmkid] }), encodeRsnxe({ h2e: true }))))
      .toEqual({ ok: true, agreed: { akm: AKM_SAE, pairwiseCipher: CIPHER_CCMP, pmf: true, pmkids: [pmkid] } });
  });
});
