import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../core/ieee80211/crc32.js';

describe('crc32', () => {
  it('gives the check value of CRC-32/ISO-HDLC for "123456789"', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('is 0 for no bytes', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('agrees with zlib on seeded random inputs of every length up to 64', () => {
    let seed = 0x1234567;
    const next = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed >>> 24; };
    for (let len = 0; len <= 64; len++) {
      const b = Uint8Array.from({ length: len }, next);
      expect(crc32(b)).toBe(zlibCrc32(b) >>> 0);
    }
  });
});
