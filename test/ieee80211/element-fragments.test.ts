// Element fragmentation against the vectors of Linux's net/wireless/tests/fragmentation.c
// (cfg80211_defragment_element KUnit tests): the same sparse buffers, the same expectations.
import { describe, expect, it } from 'vitest';
import { buildExtensionElement, buildFragmented, FRAGMENT_SUBELEMENT_ID, parseDefragmented } from '../../core/ieee80211/element-fragments.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { hex } from './hex.js';

const EXT = 255;
const ML = 107;
const FRAG = 242;

/** A zeroed buffer of `size` octets with the given octets set, as the kernel's designated initialisers. */
function sparse(size: number, set: Record<number, number>): Uint8Array {
  const b = new Uint8Array(size);
  for (const [at, v] of Object.entries(set)) b[Number(at)] = v;
  return b;
}

describe('defragmentation (Linux fragmentation.c vectors)', () => {
  it('defragment_0: a 254-octet element is complete, the Fragment after it stands alone', () => {
    const input = sparse(254 + 3 + 7 + 1, { 0: EXT, 1: 254, 2: ML, 27: 27, 123: 123, [254 + 2]: FRAG, [254 + 3]: 7 });
    const els = parseDefragmented(input.subarray(0, 254 + 2 + 2 + 7));
    expect(els.map((e) => [e.id, e.data.length, e.fragments])).toEqual([[EXT, 254, 0], [FRAG, 7, 0]]);
    // The kernel's result starts after the extension id: 253 octets of input + 3.
    expect(els[0].data.subarray(1)).toEqual(input.subarray(3, 3 + 253));
  });

  it('defragment_1: 255 + 7 joined, the Fragment after the short one not used', () => {
    const input = sparse(255 + 3 + 10 + 1, {
      0: EXT, 1: 255, 2: ML, 27: 27, 123: 123, [255 + 2]: FRAG, [255 + 3]: 7, [255 + 3 + 1]: 0xaa, [255 + 3 + 8]: FRAG, [255 + 3 + 9]: 1,
    });
    const els = parseDefragmented(input.subarray(0, 255 + 3 + 10 + 1));
    expect(els).toHaveLength(2);
    expect(els[0].fragments).toBe(1);
    const data = els[0].data.subarray(1);
    expect(data.length).toBe(254 + 7);
    expect(data.subarray(0, 254)).toEqual(input.subarray(3, 3 + 254));
    expect(data.subarray(254)).toEqual(input.subarray(255 + 4, 255 + 4 + 7));
    expect(els[1]).toMatchObject({ id: FRAG, fragments: 0 });
  });

  it('defragment_2: 255 + 255 + 1 joined, a further Fragment not used', () => {
    const input = sparse(2 * 257 + 6, {
      0: EXT, 1: 255, 2: ML, 27: 27, 123: 123,
      257: FRAG, [257 + 1]: 255, [257 + 20]: 0xaa,
      [2 * 257]: FRAG, [2 * 257 + 1]: 1, [2 * 257 + 2]: 0xcc, [2 * 257 + 3]: FRAG, [2 * 257 + 4]: 1,
    });
    const els = parseDefragmented(input);
    expect(els.map((e) => [e.id, e.fragments])).toEqual([[EXT, 2], [FRAG, 0]]);
    const data = els[0].data.subarray(1);
    expect(data.length).toBe(254 + 255 + 1);
    expect(data.subarray(0, 254)).toEqual(input.subarray(3, 257));
    expect(data.subarray(254, 254 + 255)).toEqual(input.subarray(257 + 2, 257 + 2 + 255));
    expect(data[254 + 255]).toBe(0xcc);
  });

  it('defragment_at_end: the fragments end with the buffer', () => {
    const input = sparse(255 + 3 + 7 + 1, { 0: EXT, 1: 255, 2: ML, 27: 27, 123: 123, [255 + 2]: FRAG, [255 + 3]: 7 });
    const els = parseDefragmented(input);
    expect(els).toHaveLength(1);
    expect(els[0].data.subarray(1)).toEqual(new Uint8Array([...input.subarray(3, 257), ...input.subarray(259, 266)]));
  });

  it('refuses a fragment that runs past the buffer', () => {
    const input = sparse(255 + 2 + 2 + 3, { 0: EXT, 1: 255, 2: ML, [257]: FRAG, [258]: 9 });
    expect(() => parseDefragmented(input)).toThrow(FrameDecodeError);
  });
});

describe('fragmenting on build', () => {
  it('writes 255 octets, then Fragment elements of 255 and the rest (the layout the vectors above read)', () => {
    const body = new Uint8Array(600).map((_, i) => i & 0xff);
    const out = buildFragmented(221, body);
    expect(out.length).toBe(600 + 3 * 2);
    expect([out[0], out[1], out[257], out[258], out[514], out[515]]).toEqual([221, 255, FRAG, 255, FRAG, 90]);
    const back = parseDefragmented(out);
    expect(back).toHaveLength(1);
    expect(back[0].data).toEqual(body);
  });

  it('leaves short bodies alone and uses the subelement fragment id when told', () => {
    expect(buildFragmented(0, hex('0102'), FRAGMENT_SUBELEMENT_ID)).toEqual(hex('00 02 01 02'));
    const sub = buildFragmented(0, new Uint8Array(256), FRAGMENT_SUBELEMENT_ID);
    expect([sub[0], sub[1], sub[257], sub[258]]).toEqual([0, 255, 254, 1]);
    expect(parseDefragmented(sub, FRAGMENT_SUBELEMENT_ID)[0].data.length).toBe(256);
  });

  it('counts the extension id in the first fragment, as hostapd (254 data octets, then 255)', () => {
    const out = buildExtensionElement(ML, new Uint8Array(300));
    expect([out[0], out[1], out[2], out[257], out[258]]).toEqual([EXT, 255, ML, FRAG, 300 - 254]);
  });
});
