// EAPOL-Key codec and MIC against captured frames (test/rsn/captured-handshake.ts) and iwd's
// HMAC-SHA1 MIC vector; strict validation of lengths and types.
import { describe, expect, it } from 'vitest';
import {
  EAPOL_KEY_MIC_OFFSET, encodeEapolKey, parseEapolKey, setMic, withZeroedMic,
} from '../../core/ieee80211/eapol-key.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { eapolMic, eapolMicMatches } from '../../core/crypto/eapol-mic.js';
import { derivePtk } from '../../core/crypto/ptk.js';
import { pskFromPassphrase } from '../../core/crypto/psk.js';
import { aesKeyUnwrap } from '../../core/crypto/key-wrap.js';
import { AKM_PSK, AKM_PSK_SHA256, AKM_SAE_EXT_KEY, CIPHER_CCMP } from '../../core/ieee80211/rsn-element.js';
import { CAPTURE } from '../rsn/captured-handshake.js';
import { hex, toHex } from './hex.js';

describe('parseEapolKey on captured frames', () => {
  it('message 1: Key Info 0x008a, Key Length 16, counter 1, no Key Data', () => {
    const f = parseEapolKey(CAPTURE.msg1, 16);
    expect(f).toMatchObject({
      protocolVersion: 2, descriptorVersion: 2, pairwise: true, ack: true, mic: false, install: false, secure: false,
      keyLength: 16, replayCounter: 1n,
    });
    expect(toHex(f.nonce)).toBe('2b5852b88e4ca34dc599ed202c63957c535e3efa9289873411127cbaf3588425');
    expect(f.keyData.length).toBe(0);
  });

  it('message 3: install, ack, MIC, secure, encrypted Key Data of 56 octets', () => {
    const f = parseEapolKey(CAPTURE.msg3, 16);
    expect(f).toMatchObject({ install: true, ack: true, mic: true, secure: true, encryptedKeyData: true, replayCounter: 2n });
    expect(f.keyData.length).toBe(56);
    expect(toHex(f.micValue)).toBe('f8626a5776c733bfc071de62ebf7a7c5');
  });

  it('group message 1: not pairwise, counter 3', () => {
    expect(parseEapolKey(CAPTURE.group1, 16)).toMatchObject({ pairwise: false, secure: true, encryptedKeyData: true, replayCounter: 3n });
  });

  it.each(['msg1', 'msg2', 'msg3', 'msg4', 'group1', 'group2'] as const)('%s re-encodes to the same bytes', (name) => {
    const { pdu, ...fields } = parseEapolKey(CAPTURE[name], 16);
    expect(toHex(encodeEapolKey(fields))).toBe(toHex(CAPTURE[name]));
    expect(pdu.length).toBe(CAPTURE[name].length);
  });

  it('ignores link-layer padding after the declared body (not part of the PDU)', () => {
    const padded = new Uint8Array([...CAPTURE.msg4, 0, 0, 0]);
    expect(parseEapolKey(padded, 16).pdu.length).toBe(CAPTURE.msg4.length);
  });
});

describe('parseEapolKey refuses', () => {
  const bad = (mutate: (b: Uint8Array) => Uint8Array, micLen = 16) => () => parseEapolKey(mutate(CAPTURE.msg2.slice()), micLen);
  it.each([
    ['802.1X version 0', (b: Uint8Array) => { b[0] = 0; return b; }],
    ['an EAP packet (type 0)', (b: Uint8Array) => { b[1] = 0; return b; }],
    ['the WPA descriptor type 254', (b: Uint8Array) => { b[4] = 254; return b; }],
    ['a body length past the buffer', (b: Uint8Array) => b.subarray(0, b.length - 1)],
    ['a Key Data Length that disagrees with the body', (b: Uint8Array) => { b[EAPOL_KEY_MIC_OFFSET + 16 + 1] += 1; return b; }],
    ['a header alone', (b: Uint8Array) => b.subarray(0, 4)],
  ])('%s', (_name, mutate) => {
    expect(bad(mutate)).toThrow(FrameDecodeError);
  });

  it('a frame parsed with a MIC length other than its AKM\'s', () => {
    expect(() => parseEapolKey(CAPTURE.msg2, 24)).toThrow(FrameDecodeError);
  });
});

describe('EAPOL-Key MIC', () => {
  const ptk = derivePtk({
    akm: AKM_PSK, pmk: pskFromPassphrase(CAPTURE.passphrase, CAPTURE.ssid), aa: CAPTURE.aa, spa: CAPTURE.spa,
    anonce: parseEapolKey(CAPTURE.msg1, 16).nonce, snonce: parseEapolKey(CAPTURE.msg2, 16).nonce, cipher: CIPHER_CCMP,
  });

  it('derives the captured PSK from the passphrase', () => {
    expect(toHex(pskFromPassphrase(CAPTURE.passphrase, CAPTURE.ssid))).toBe(toHex(CAPTURE.psk));
  });

  it.each(['msg2', 'msg3', 'msg4', 'group1', 'group2'] as const)('HMAC-SHA1-128 (version 2) verifies captured %s', (name) => {
    const f = parseEapolKey(CAPTURE[name], 16);
    expect(eapolMicMatches(AKM_PSK, ptk.kck, withZeroedMic(f.pdu, 16), f.micValue)).toBe(true);
  });

  it('a flipped bit anywhere in the PDU fails the MIC', () => {
    const f = parseEapolKey(CAPTURE.msg2, 16);
    const tampered = withZeroedMic(f.pdu, 16);
    tampered[tampered.length - 1] ^= 0x01;
    expect(eapolMicMatches(AKM_PSK, ptk.kck, tampered, f.micValue)).toBe(false);
  });

  it('setMic writes the field the parser reads', () => {
    const pdu = withZeroedMic(CAPTURE.msg4, 16);
    setMic(pdu, eapolMic(AKM_PSK, ptk.kck, pdu));
    expect(toHex(pdu)).toBe(toHex(CAPTURE.msg4));
  });

  it('iwd unit/test-eapol.c eapol_key_mic_test_2: HMAC-SHA1 MIC of a message 2 under KCK 9a75ef0b..', () => {
    const frame = hex(`0103007502010a0010000000000000000159168bc3a5df18d71efb6423f340088dab9e1ba2bbc58659e07b3764b0de8570
      0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000016
      30140100000fac040100000fac040100000fac020100`);
    expect(toHex(eapolMic(AKM_PSK, hex('9a75ef0bde7c209ccae13f54b1b33ea3'), frame))).toBe('6f0489cf7406acf0ae8fcb32bce57c37');
  });

  it('AES-128-CMAC for AKM 6 is RFC 4493 CMAC over the PDU', () => {
    // RFC 4493 example 2: the AKM only selects the algorithm, the MIC is the CMAC tag itself.
    expect(toHex(eapolMic(AKM_PSK_SHA256, hex('2b7e151628aed2a6abf7158809cf4f3c'), hex('6bc1bee22e409f96e93d7e117393172a'))))
      .toBe('070a16b46b4d4144f79bdd9dd04a287c');
  });

  it('AKM 24 with a 24-octet KCK gives a 24-octet HMAC-SHA-384 MIC', () => {
    expect(eapolMic(AKM_SAE_EXT_KEY, new Uint8Array(24), new Uint8Array(99)).length).toBe(24);
  });

  it('the captured message 3 Key Data unwraps with the KEK to RSNE, GTK KDE and padding', () => {
    const f = parseEapolKey(CAPTURE.msg3, 16);
    expect(toHex(aesKeyUnwrap(ptk.kek, f.keyData)!))
      .toBe(`${toHex(CAPTURE.apRsne)}dd16000fac010100${toHex(CAPTURE.gtk1)}dd00`);
  });
});
