// RSNE/RSNXE against elements hostapd's hwsim tests send (tests/hwsim/test_ap_eap.py
// test_ap_wpa2_eap_assoc_rsn, test_ap_pmf.py, test_ap_psk.py, test_sae.py) and the
// field layout of IEEE 802.11-2020 9.4.2.24 / 9.4.2.241.
import { describe, expect, it } from 'vitest';
import {
  AKM_8021X, AKM_FT_PSK, AKM_PSK, AKM_PSK_SHA256, AKM_SAE, CIPHER_BIP_CMAC128, CIPHER_CCMP, CIPHER_TKIP,
  encodeRsne, encodeRsnxe, parseRsne, parseRsnxe, RsnCapability, RsnxBit, suiteToString,
} from '../../core/ieee80211/rsn-element.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { hex, toHex } from './hex.js';

const body = (element: string) => hex(element).subarray(2);

describe('RSN element', () => {
  it('encodes WPA2-PSK as every WPA2 AP sends it (caps 0x000c: 16 PTKSA replay counters, as hostapd with WMM)', () => {
    const e = encodeRsne({ version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_PSK], capabilities: 0x000c, pmkids: [] });
    expect(toHex(e)).toBe('30140100000fac040100000fac040100000fac020c00');
  });

  it('encodes PSK-SHA256 with MFPR+MFPC as hostapd with ieee80211w=2 (test_ap_pmf.py)', () => {
    const info = { version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_PSK_SHA256], capabilities: 0x000c | RsnCapability.MFPR | RsnCapability.MFPC, pmkids: [] };
    expect(toHex(encodeRsne(info))).toBe('30140100000fac040100000fac040100000fac06cc00');
  });

  it('writes PMKID Count 0 before a Group Management Cipher Suite (test_ap_eap.py)', () => {
    const e = encodeRsne({ version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_8021X], capabilities: 0xcc, pmkids: [], groupMgmtCipher: CIPHER_BIP_CMAC128 });
    expect(toHex(e)).toBe('301a0100000fac040100000fac040100000fac01cc000000000fac06');
  });

  it('round-trips a PMKID', () => {
    const pmkid = hex('a225368fe0983b5828a37a0acb37f253');
    const info = { version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_SAE], capabilities: 0xcc, pmkids: [pmkid] };
    const e = encodeRsne(info);
    expect(e[1]).toBe(e.length - 2);
    expect(parseRsne(e.subarray(2))).toEqual(info);
  });

  it('parses each optional-trailing-field form hostapd accepts, with the standard defaults', () => {
    expect(parseRsne(body('30140100000fac040100000fac040100000fac010000'))).toEqual({
      version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_8021X], capabilities: 0, pmkids: [],
    });
    expect(parseRsne(body('30160100000fac040100000fac040100000fac0100000000')).pmkids).toEqual([]);
    expect(parseRsne(body('301a0100000fac040100000fac040100000fac0100000000000fac06')).groupMgmtCipher).toBe(CIPHER_BIP_CMAC128);
    // An undefined extension after the last field is ignored.
    expect(parseRsne(body('301c0100000fac040100000fac040100000fac0100000000000fac061122')).groupMgmtCipher).toBe(CIPHER_BIP_CMAC128);
    expect(parseRsne(body('30120100000fac040100000fac040100000fac01')).capabilities).toBe(0);
    expect(parseRsne(body('300c0100000fac040100000fac04')).akms).toEqual([AKM_8021X]);
    expect(parseRsne(body('30060100000fac02'))).toMatchObject({ groupCipher: CIPHER_TKIP, pairwiseCiphers: [CIPHER_CCMP] });
    expect(parseRsne(body('30020100'))).toEqual({ version: 1, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_8021X], capabilities: 0, pmkids: [] });
  });

  it('parses two AKMs (test_ap_psk.py) and reports the version for the caller to refuse', () => {
    expect(parseRsne(body('30180100000fac040100000fac040200000fac02000fac040000')).akms).toEqual([AKM_PSK, AKM_FT_PSK]);
    expect(parseRsne(hex('0200000fac04')).version).toBe(2);
  });

  it('refuses counts that run past the end and fields cut short', () => {
    const bad = [
      '01', // version cut
      '0100000fac', // group suite cut
      '0100000fac040200000fac04', // 2 pairwise, room for 1
      '0100000fac040100000fac0401', // AKM count cut
      '0100000fac040100000fac040100000fac0200', // capabilities cut
      '0100000fac040100000fac040100000fac0200000100', // 1 PMKID, none present
      '0100000fac040100000fac040100000fac02000000000fac', // group mgmt suite cut
    ];
    for (const b of bad) expect(() => parseRsne(hex(b)), b).toThrow(FrameDecodeError);
  });

  it('names suites for logs', () => {
    expect(suiteToString(AKM_SAE)).toBe('00-0f-ac:8');
  });
});

describe('RSN Extension element', () => {
  it('encodes H2E as hostapd/wpa_supplicant send it (F40120, test_sae.py) and parses it back', () => {
    expect(toHex(encodeRsnxe({ h2e: true }))).toBe('f40120');
    expect(toHex(encodeRsnxe({}))).toBe('f40100');
    const p = parseRsnxe(hex('20'));
    expect(p.h2e).toBe(true);
    expect(p.saePk).toBe(false);
    expect(parseRsnxe(hex('60')).saePk).toBe(true);
  });

  it('grows to the octets the highest bit needs, with the length subfield', () => {
    const e = encodeRsnxe({ h2e: true, bits: [RsnxBit.SECURE_LTF] });
    expect(toHex(e)).toBe('f402210' + '1');
    const p = parseRsnxe(e.subarray(2));
    expect(p.has(RsnxBit.SECURE_LTF)).toBe(true);
    expect(p.has(RsnxBit.SECURE_RTT)).toBe(false);
    expect(p.has(200)).toBe(false);
  });

  it('refuses an empty body or one shorter than its length subfield claims', () => {
    expect(() => parseRsnxe(new Uint8Array(0))).toThrow(FrameDecodeError);
    expect(() => parseRsnxe(hex('21'))).toThrow(FrameDecodeError);
  });
});
