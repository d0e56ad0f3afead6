// Key Data: KDEs and elements (IEEE 802.11-2020 12.7.2, Table 12-9; 802.11be MLO KDEs 16-19).
// The plain GTK case is the captured hostapd message 3; the other layouts are written out by hand
// from the standard's figures, field by field, not produced by the writer.
import { describe, expect, it } from 'vitest';
import { KdeType, KeyDataWriter, padForKeyWrap, parseKeyData } from '../../core/ieee80211/kde.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { CAPTURE } from '../rsn/captured-handshake.js';
import { hex, toHex } from './hex.js';

const PN = hex('010203040506');
const KEY16 = hex('000102030405060708090a0b0c0d0e0f');

describe('parseKeyData', () => {
  it('hostapd\'s message 3 Key Data: the RSNE, a GTK KDE (key id 1, no Tx bit) and 0xdd 00 padding', () => {
    const kd = parseKeyData(hex(`${toHex(CAPTURE.apRsne)}dd16000fac010100${toHex(CAPTURE.gtk1)}dd00`));
    expect(kd.elements.map((e) => e.id)).toEqual([48]);
    expect(kd.gtk).toEqual({ keyId: 1, tx: false, key: CAPTURE.gtk1 });
  });

  it('IGTK KDE (Figure 12-42): Key ID 4 LE, IPN, IGTK', () => {
    const kd = parseKeyData(hex(`dd1c000fac09 0400 010203040506 ${toHex(KEY16)}`));
    expect(kd.igtk).toEqual({ keyId: 4, pn: PN, key: KEY16 });
  });

  it('BIGTK KDE: Key ID 6, BIPN, BIGTK; MAC address KDE', () => {
    const kd = parseKeyData(hex(`dd1c000fac0e 0600 010203040506 ${toHex(KEY16)} dd0a000fac03 020000000100`));
    expect(kd.bigtk).toEqual({ keyId: 6, pn: PN, key: KEY16 });
    expect(toHex(kd.macAddress!)).toBe('020000000100');
  });

  it('MLO GTK KDE: key id bits 0-1, Tx bit 2, link id bits 4-7, PN, GTK', () => {
    const kd = parseKeyData(hex(`dd1b000fac10 25 010203040506 ${toHex(KEY16)}`));
    expect(kd.mloGtks).toEqual([{ keyId: 1, tx: true, linkId: 2, pn: PN, key: KEY16 }]);
  });

  it('MLO IGTK and MLO BIGTK KDEs: Key ID, PN, link id in bits 4-7 of the Link ID Info octet', () => {
    const kd = parseKeyData(hex(`dd1d000fac11 0500 010203040506 10 ${toHex(KEY16)} dd1d000fac12 0700 010203040506 f0 ${toHex(KEY16)}`));
    expect(kd.mloIgtks).toEqual([{ keyId: 5, pn: PN, linkId: 1, key: KEY16 }]);
    expect(kd.mloBigtks).toEqual([{ keyId: 7, pn: PN, linkId: 15, key: KEY16 }]);
  });

  it('MLO Link KDE: link id bits 0-3, RSNE Info bit 4, RSNXE Info bit 5, MAC, then the elements', () => {
    const kd = parseKeyData(hex(`dd22000fac13 32 020000000a00 ${toHex(CAPTURE.staRsne)} f40120`));
    expect(kd.mloLinks).toEqual([{ linkId: 2, mac: hex('020000000a00'), rsne: CAPTURE.staRsne, rsnxe: hex('f40120') }]);
  });

  it('keeps unknown KDEs and other vendor elements, in order', () => {
    const kd = parseKeyData(hex('dd07000fac0d510601 dd05506f9a2001'));
    expect(kd.otherKdes).toEqual([{ type: KdeType.OCI, data: hex('510601') }]);
    expect(kd.elements.map((e) => e.id)).toEqual([221]);
  });

  it.each([
    ['a GTK KDE with a 15-octet key', 'dd15000fac010100' + '00'.repeat(15)],
    ['a truncated KDE', 'dd16000fac010100'],
    ['two GTK KDEs', `dd16000fac010100${toHex(KEY16)}dd16000fac010200${toHex(KEY16)}`],
    ['a MAC address KDE of 5 octets', 'dd09000fac030200000001'],
    ['an MLO Link KDE announcing an RSNE it lacks', 'dd0b000fac1311020000000a00'],
    ['an MLO Link KDE with trailing octets', 'dd0d000fac1301020000000a000000'],
    ['padding that is not all zeros after 0xdd', 'dd0001'],
  ])('refuses %s', (_name, bytes) => {
    expect(() => parseKeyData(hex(bytes))).toThrow(FrameDecodeError);
  });
});

describe('KeyDataWriter', () => {
  it('writes hostapd\'s message 3 Key Data byte for byte', () => {
    const kd = new KeyDataWriter().element(CAPTURE.apRsne).gtk({ keyId: 1, tx: false, key: CAPTURE.gtk1 }).finish();
    expect(toHex(padForKeyWrap(kd))).toBe(`${toHex(CAPTURE.apRsne)}dd16000fac010100${toHex(CAPTURE.gtk1)}dd00`);
  });

  it('writes the IGTK, BIGTK and MLO KDE layouts the parser tests spell out', () => {
    const kd = new KeyDataWriter()
      .igtk({ keyId: 4, pn: PN, key: KEY16 })
      .mloGtk({ keyId: 1, tx: true, linkId: 2, pn: PN, key: KEY16 })
      .mloIgtk({ keyId: 5, pn: PN, linkId: 1, key: KEY16 })
      .mloLink({ linkId: 2, mac: hex('020000000a00'), rsne: CAPTURE.staRsne, rsnxe: hex('f40120') })
      .finish();
    expect(toHex(kd)).toBe(toHex(hex(`dd1c000fac09 0400 010203040506 ${toHex(KEY16)}
      dd1b000fac10 25 010203040506 ${toHex(KEY16)}
      dd1d000fac11 0500 010203040506 10 ${toHex(KEY16)}
      dd22000fac13 32 020000000a00 ${toHex(CAPTURE.staRsne)} f40120`)));
  });

  it('pads to a multiple of 8 and at least 16 octets; a fitting length is left alone', () => {
    expect(toHex(padForKeyWrap(hex('0102')))).toBe('0102dd' + '00'.repeat(13));
    expect(padForKeyWrap(new Uint8Array(24)).length).toBe(24);
    expect(padForKeyWrap(new Uint8Array(17)).length).toBe(24);
  });

  it('refuses keys of the wrong size and short PNs', () => {
    expect(() => new KeyDataWriter().gtk({ keyId: 1, tx: false, key: new Uint8Array(5) })).toThrow(RangeError);
    expect(() => new KeyDataWriter().igtk({ keyId: 4, pn: new Uint8Array(5), key: KEY16 })).toThrow(RangeError);
  });
});
