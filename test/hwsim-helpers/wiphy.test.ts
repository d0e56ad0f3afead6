// Reading a split GET_WIPHY dump, on the real dump of one hwsim radio loaded
// with mlo=1 (see vectors/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeWiphyDump, parseAttrs } from '../hwsim/lib/wiphy.js';
import { mulberry32, mutate } from '../helpers/prng.js';

const parts = (
  JSON.parse(readFileSync(new URL('./vectors/get-wiphy-split-dump.json', import.meta.url), 'utf8')) as { data: string }[]
).map((p) => Buffer.from(p.data, 'hex'));

describe('mergeWiphyDump', () => {
  it('merges the parts of one radio into one wiphy with its name, MLO support and P2P-Device', () => {
    const wiphys = mergeWiphyDump(parts);
    expect(wiphys).toHaveLength(1);
    const [w] = wiphys;
    expect(w!.index).toBe(0);
    expect(w!.name).toBe('phy0');
    expect(w!.has('MLO_SUPPORT')).toBe(true);
    expect(w!.supportedIftypes()).toEqual(
      expect.arrayContaining(['STATION', 'AP', 'MONITOR', 'P2P_CLIENT', 'P2P_GO', 'P2P_DEVICE']),
    );
    expect(w!.has('SOFTWARE_IFTYPES')).toBe(true);
  });

  it('a wiphy without an attribute does not report it', () => {
    const mloAttr = 315; // NL80211_ATTR_MLO_SUPPORT in Linux 6.12's nl80211.h
    const [w] = mergeWiphyDump(parts);
    expect(w!.attrs.has(mloAttr)).toBe(true);
    w!.attrs.delete(mloAttr);
    expect(w!.has('MLO_SUPPORT')).toBe(false);
  });
});

describe('parseAttrs', () => {
  it('rejects an attribute running past the end with its offset', () => {
    expect(() => parseAttrs(Buffer.from([8, 0, 1, 0, 0, 0]))).toThrow(/malformed netlink attribute at offset 0 \(len 8\)/);
    expect(() => parseAttrs(Buffer.from([2, 0, 1, 0]))).toThrow(/len 2/);
  });

  it('fuzz: mutated dump parts parse or fail with a netlink-attribute error (seeded, fixed count)', () => {
    const rnd = mulberry32(0x5eed_0002);
    for (let run = 0; run < 5_000; run++) {
      const input = mutate(parts[run % parts.length]!, rnd);
      try {
        for (const values of parseAttrs(input).values()) for (const v of values) expect(v.byteOffset + v.length).toBeLessThanOrEqual(input.byteOffset + input.length);
      } catch (e) {
        expect((e as Error).message).toMatch(/^malformed netlink attribute/);
      }
    }
  });
});
