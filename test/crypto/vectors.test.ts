// The RSN crypto primitives against published vectors. Each block names where its numbers
// come from; none of them was produced by the code under test.
import { describe, expect, it } from 'vitest';
import { pskFromPassphrase } from '../../core/crypto/psk.js';
import { kdf, prf } from '../../core/crypto/prf.js';
import { derivePtk } from '../../core/crypto/ptk.js';
import { aesCmac } from '../../core/crypto/cmac.js';
import { aesKeyUnwrap, aesKeyWrap } from '../../core/crypto/key-wrap.js';
import { AKM_PSK, CIPHER_CCMP, CIPHER_GCMP256 } from '../../core/ieee80211/rsn-element.js';
import { hex, toHex } from '../ieee80211/hex.js';

describe('pskFromPassphrase: IEEE 802.11-2020 J.4.2 pass-phrase-to-PSK test vectors', () => {
  // Also quoted in hostapd src/crypto/crypto_module_tests.c passphrase_tests and iwd unit/test-crypto.c.
  it.each([
    ['password', 'IEEE', 'f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e'],
    ['ThisIsAPassword', 'ThisIsASSID', '0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af'],
    ['a'.repeat(32), 'Z'.repeat(32), 'becb93866bb8c3832cb777c2f559807c8c59afcb6eae734885001300a981cc62'],
  ])('%s / %s', (pass, ssid, psk) => {
    expect(toHex(pskFromPassphrase(pass, ssid))).toBe(psk);
  });

  it('takes 64 hex digits as the PSK itself', () => {
    const raw = '0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af';
    expect(toHex(pskFromPassphrase(raw.toUpperCase(), 'ignored'))).toBe(raw);
  });

  it.each(['short77', 'x'.repeat(64), 'tab\tinside', 'é'.repeat(10)])('refuses %j', (bad) => {
    expect(() => pskFromPassphrase(bad, 'ssid')).toThrow(RangeError);
  });
});

describe('prf: IEEE 802.11-2020 J.3.2 PRF test vectors (PRF-512; hostapd crypto_module_tests.c key0..key2)', () => {
  it.each([
    ['0b'.repeat(20), 'Hi There',
      'bcd4c650b30b9684951829e0d75f9d54b862175ed9f00606e17d8da35402ffee75df78c3d31e0f889f012120c0862beb67753e7439ae242edb8373698356cf5a'],
    [toHex(Buffer.from('Jefe')), 'what do ya want for nothing?',
      '51f4de5b33f249adf81aeb713a3c20f4fe631446fabdfa58244759ae58ef9009a99abf4eac2ca5fa87e692c440eb40023e7babb206d61de7b92f41529092b8fc'],
    ['aa'.repeat(20), '\xdd'.repeat(50),
      'e1ac546ec4cb636f9976487be5c86be17a0252ca5d8d8df12cfb0473525249ce9dd8d177ead710bc9b590547239107aef7b4abd43d87f0a68f1cbd9e2b6f7607'],
  ])('key %s', (key, data, expected) => {
    expect(toHex(prf(hex(key), 'prefix', Buffer.from(data, 'latin1'), 512))).toBe(expected);
  });

  it('PRF-192 is the first 24 octets of the same stream', () => {
    expect(toHex(prf(hex('0b'.repeat(20)), 'prefix', Buffer.from('Hi There'), 192))).toBe('bcd4c650b30b9684951829e0d75f9d54b862175ed9f00606');
  });
});

describe('kdf: KDF-SHA256 (12.7.1.7.2)', () => {
  it('matches iwd unit/test-kdf-sha256.c "Test case 1" (key "abc", label "KDF test", context "data")', () => {
    expect(toHex(kdf('sha256', Buffer.from('abc'), 'KDF test', Buffer.from('data'), 256)))
      .toBe('9efd6eb02758cb7370a86f8a305375d41f8f21c2e47447f584f7d2291143d4d4');
  });

  it('encodes the length in the input, so a shorter output is not a prefix of a longer one', () => {
    const a = kdf('sha256', Buffer.from('abc'), 'KDF test', Buffer.from('data'), 128);
    expect(toHex(a)).not.toBe('9efd6eb02758cb7370a86f8a305375d4');
  });

  it('refuses lengths that are not whole octets', () => {
    expect(() => kdf('sha384', Buffer.from('k'), 'l', Buffer.alloc(0), 7)).toThrow(RangeError);
  });
});

describe('derivePtk: IEEE Std 802.11-2016 J.7.1 Table J-13 inputs, J.7.2 Table J-14 CCMP keys (802.11-2020 J.7)', () => {
  // Quoted with these section numbers in Fuchsia's wlan rsn key/ptk.rs tests; also iwd unit/test-crypto.c ptk_test_1/2.
  const input = {
    akm: AKM_PSK,
    pmk: hex('0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af'),
    aa: hex('a0a1a1a3a4a5'),
    spa: hex('b0b1b2b3b4b5'),
    snonce: hex('c0c1c2c3c4c5c6c7c8c9d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5'),
    anonce: hex('e0e1e2e3e4e5e6e7e8e9f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405'),
    cipher: CIPHER_CCMP,
  };

  it('gives the standard KCK, KEK and TK', () => {
    const ptk = derivePtk(input);
    expect(toHex(ptk.kck)).toBe('379f9852d0199236b94e407ce4c00ec8');
    expect(toHex(ptk.kek)).toBe('47c9edc01c2c6e5b4910caddfb3e51a7');
    expect(toHex(ptk.tk)).toBe('b2360c79e9710fdd58bea93deaf06599');
  });

  it('is symmetric in who is Min and Max (the supplicant derives the same PTK)', () => {
    const swapped = derivePtk({ ...input, aa: input.spa, spa: input.aa, anonce: input.snonce, snonce: input.anonce });
    expect(toHex(swapped.tk)).toBe('b2360c79e9710fdd58bea93deaf06599');
  });

  it('a 32-octet TK continues the same PRF stream (J.7.3 Table J-15 TKIP: TK || MIC keys)', () => {
    expect(toHex(derivePtk({ ...input, cipher: CIPHER_GCMP256 }).tk))
      .toBe('b2360c79e9710fdd58bea93deaf06599db980afbc29c152855740a6ce5ae3827');
  });

  it('refuses an unknown AKM and a short nonce', () => {
    expect(() => derivePtk({ ...input, akm: 0x000fac01 })).toThrow(RangeError);
    expect(() => derivePtk({ ...input, anonce: new Uint8Array(31) })).toThrow(RangeError);
  });
});

describe('aesCmac: RFC 4493 section 4 examples (= NIST SP 800-38B D.1)', () => {
  const key = hex('2b7e151628aed2a6abf7158809cf4f3c');
  const msg = hex(`6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51
                   30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710`);
  it.each([
    [0, 'bb1d6929e95937287fa37d129b756746'],
    [16, '070a16b46b4d4144f79bdd9dd04a287c'],
    [40, 'dfa66747de9ae63030ca32611497c827'],
    [64, '51f0bebf7e3b9d92fc49741779363cfe'],
  ])('example with %i octets', (len, tag) => {
    expect(toHex(aesCmac(key, msg.subarray(0, len)))).toBe(tag);
  });
});

describe('aesKeyWrap / aesKeyUnwrap: RFC 3394 section 4 test vectors', () => {
  const kek = (n: number) => hex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f').subarray(0, n);
  const data = hex('00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f');
  it.each([
    ['4.1', 16, 16, '1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5'],
    ['4.2', 24, 16, '96778b25ae6ca435f92b5b97c050aed2468ab8a17ad84e5d'],
    ['4.3', 32, 16, '64e8c3f9ce0f5ba263e9777905818a2a93c8191e7d6e8ae7'],
    ['4.4', 24, 24, '031d33264e15d33268f24ec260743edce1c6c7ddee725a936ba814915c6762d2'],
    ['4.5', 32, 24, 'a8f9bc1612c68b3ff6e6f4fbe30e71e4769c8b80a32cb8958cd5d17d6b254da1'],
    ['4.6', 32, 32, '28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21'],
  ])('%s', (_name, kekLen, dataLen, wrapped) => {
    expect(toHex(aesKeyWrap(kek(kekLen), data.subarray(0, dataLen)))).toBe(wrapped);
    expect(toHex(aesKeyUnwrap(kek(kekLen), hex(wrapped))!)).toBe(toHex(data.subarray(0, dataLen)));
  });

  it('unwrap reports a tampered or wrongly keyed blob as undefined, never throws', () => {
    const wrapped = hex('1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5');
    wrapped[5] ^= 1;
    expect(aesKeyUnwrap(kek(16), wrapped)).toBeUndefined();
    expect(aesKeyUnwrap(hex('ff'.repeat(16)), hex('1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5'))).toBeUndefined();
    expect(aesKeyUnwrap(kek(16), new Uint8Array(20))).toBeUndefined();
  });
});
