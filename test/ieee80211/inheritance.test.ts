// Per-STA profile inheritance against the cases of Linux's net/wireless/tests/scan.c
// (gen_new_ie_cases, for cfg80211_gen_new_ie which expands both Multiple BSSID and
// Multi-Link profiles) and the Non-Inheritance elements of hostapd's test_eht_ap_mld_proto.
import { describe, expect, it } from 'vitest';
import { buildNonInheritance, expandProfile, minimalProfile, parseNonInheritance } from '../../core/ieee80211/inheritance.js';
import { parseDefragmented } from '../../core/ieee80211/element-fragments.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { mulberry32 } from '../helpers/prng.js';
import { hex, toHex } from './hex.js';

/** struct test_elem: id, len, then data (for id 255: the extension id first) padded with zeros to len. */
function el(id: number, len: number, ...data: number[]): number[] {
  const body = new Array<number>(len).fill(0);
  data.forEach((v, i) => { body[i] = v; });
  return [id, len, ...body];
}
const bytes = (...els: number[][]) => new Uint8Array(els.flat());

const EXT = 255;
const SSID = 0;
const RNR = 201;
const FRAG = 242;
const ML = 107;
const NON_INHERITANCE = 56;
const HE_CAP = 35;
const HE_OP = 36;
const ASSOC_DELAY_INFO = 1;
const FILS_REQ_PARAMS = 2;
const FILS_KEY_CONFIRM = 3;

describe('expanding a profile (Linux gen_new_ie_cases)', () => {
  const cases: [string, number[][], number[][], number[][]][] = [
    ['ML not inherited', [el(EXT, 255, ML)], [el(SSID, 2)], [el(SSID, 2)]],
    ['fragments are ignored if previous len not 255', [el(RNR, 254), el(FRAG, 125)], [el(SSID, 2), el(FRAG, 125)], [el(RNR, 254), el(SSID, 2)]],
    ['fragments inherited', [el(RNR, 255), el(FRAG, 125)], [el(SSID, 2)], [el(RNR, 255), el(FRAG, 125), el(SSID, 2)]],
    ['multiple elements inherit', [el(RNR, 255), el(FRAG, 125), el(RNR, 123)], [el(SSID, 2)], [el(RNR, 255), el(FRAG, 125), el(RNR, 123), el(SSID, 2)]],
    ['one child element overrides', [el(RNR, 255), el(FRAG, 125), el(RNR, 123)], [el(RNR, 127), el(SSID, 2)], [el(RNR, 127), el(SSID, 2)]],
    ['empty elements from parent', [el(1, 0), el(EXT, 1, 0x10)], [], [el(1, 0), el(EXT, 1, 0x10)]],
    ['empty elements from child', [], [el(1, 0), el(EXT, 1, 0x10)], [el(1, 0), el(EXT, 1, 0x10)]],
    ['multiple extended elements',
      [el(EXT, 3, HE_CAP), el(EXT, 5, ASSOC_DELAY_INFO), el(EXT, 7, HE_OP), el(EXT, 11, FILS_REQ_PARAMS)],
      [el(SSID, 13), el(EXT, 17, HE_CAP), el(EXT, 11, FILS_KEY_CONFIRM), el(EXT, 19, HE_OP)],
      [el(EXT, 17, HE_CAP), el(EXT, 5, ASSOC_DELAY_INFO), el(EXT, 19, HE_OP), el(EXT, 11, FILS_REQ_PARAMS), el(SSID, 13), el(EXT, 11, FILS_KEY_CONFIRM)]],
    ['non-inherit element',
      [el(1, 7), el(2, 11), el(3, 13), el(EXT, 17, 0x10), el(EXT, 19, 0x11), el(EXT, 23, 0x12), el(EXT, 29, 0x14)],
      [el(EXT, 10, NON_INHERITANCE, 0x3, 0x1, 0x2, 0x3, 0x4, 0x10, 0x11, 0x13, 0x14), el(SSID, 2)],
      [el(EXT, 23, 0x12), el(SSID, 2)]],
  ];
  it.each(cases)('%s', (_name, parent, child, result) => {
    expect(toHex(expandProfile(bytes(...parent), bytes(...child)))).toBe(toHex(bytes(...result)));
  });

  it('refuses what Linux skips silently: an extension element without an extension id', () => {
    expect(() => expandProfile(bytes(el(EXT, 0)), bytes())).toThrow(FrameDecodeError);
  });

  it('replaces Vendor Specific elements by OUI, type and subtype, as Linux', () => {
    const parent = bytes(el(221, 6, 0x00, 0x50, 0xf2, 0x02, 0x01, 0xaa), el(221, 5, 0x50, 0x6f, 0x9a, 0x16, 0x00));
    const child = bytes(el(221, 6, 0x00, 0x50, 0xf2, 0x02, 0x01, 0xbb));
    expect(toHex(expandProfile(parent, child))).toBe(toHex(bytes(el(221, 6, 0x00, 0x50, 0xf2, 0x02, 0x01, 0xbb), el(221, 5, 0x50, 0x6f, 0x9a, 0x16, 0x00))));
  });
});

describe('the Non-Inheritance element (hostapd test_eht_ap_mld_proto)', () => {
  it('reads the two lists of case "Non-Inheritance element"', () => {
    const el = parseDefragmented(hex('ff2338' + '1010032a362137387172756b548bedeff0' + '106b01020304050607080c0d21643b3a36'))[0];
    const ni = parseNonInheritance(el.data.subarray(1));
    expect(ni.ids).toEqual([0x10, 0x03, 0x2a, 0x36, 0x21, 0x37, 0x38, 0x71, 0x72, 0x75, 0x6b, 0x54, 0x8b, 0xed, 0xef, 0xf0]);
    expect(ni.extIds).toEqual([0x6b, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0c, 0x0d, 0x21, 0x64, 0x3b, 0x3a, 0x36]);
    expect(toHex(buildNonInheritance(ni))).toBe('ff2338' + '1010032a362137387172756b548bedeff0' + '106b01020304050607080c0d21643b3a36');
  });

  it('accepts "Empty Non-Inheritance element" and refuses the truncated one hostapd drops ("Invalid inheritance")', () => {
    expect(parseNonInheritance(hex('0000'))).toEqual({ ids: [], extIds: [] });
    expect(() => parseNonInheritance(hex('00'))).toThrow(FrameDecodeError);
    expect(() => expandProfile(bytes(el(1, 1)), hex('ff023800'))).toThrow(FrameDecodeError);
    expect(() => parseNonInheritance(hex('03 0102'))).toThrow(FrameDecodeError);
  });
});

describe('building the minimal profile of a partner link', () => {
  const reporting = bytes(el(SSID, 4, 0x61, 0x62, 0x63, 0x64), el(1, 8, 0x82, 0x84, 0x8b, 0x96), el(3, 1, 1), el(5, 4), el(48, 20, 1),
    el(221, 7, 0x00, 0x50, 0xf2, 0x02, 0x01, 0x01), el(EXT, 5, HE_OP, 1), el(EXT, 12, ML));

  it('carries what differs, lists what the partner lacks last, and leaves TIM and the Multi-Link element out', () => {
    const partner = bytes(el(SSID, 4, 0x61, 0x62, 0x63, 0x64), el(1, 8, 0x8c, 0x12), el(3, 1, 6), el(5, 4, 9), el(48, 20, 1),
      el(221, 7, 0x00, 0x50, 0xf2, 0x02, 0x01, 0x01));
    const profile = minimalProfile(reporting, partner);
    // Supported Rates and DS Parameter Set differ; SSID, RSNE and WMM are inherited; HE Operation is
    // refused (extension id 36); the partner's own TIM is not a profile's business.
    expect(toHex(profile)).toBe(toHex(bytes(el(1, 8, 0x8c, 0x12), el(3, 1, 6), el(EXT, 4, NON_INHERITANCE, 0, 1, HE_OP))));
  });

  it('refuses all Vendor Specific elements and carries its own when the partner lacks one of the reporting frame', () => {
    const partner = bytes(el(SSID, 4, 0x61, 0x62, 0x63, 0x64), el(1, 8, 0x82, 0x84, 0x8b, 0x96), el(3, 1, 1), el(48, 20, 1),
      el(221, 5, 0x50, 0x6f, 0x9a, 0x16, 0x00), el(EXT, 5, HE_OP, 1));
    expect(toHex(minimalProfile(reporting, partner))).toBe(toHex(bytes(el(221, 5, 0x50, 0x6f, 0x9a, 0x16, 0x00), el(EXT, 4, NON_INHERITANCE, 1, 221, 0))));
  });

  it('is empty for an identical partner', () => {
    expect(minimalProfile(reporting, reporting)).toEqual(new Uint8Array());
  });

  it('expands back to the partner elements, for 300 seeded random element lists', () => {
    const rnd = mulberry32(0x5ee17);
    const pick = (n: number) => Math.floor(rnd() * n);
    const KINDS = [[0], [1], [3], [45], [48], [61], [127], [221, 0x00, 0x50, 0xf2, 0x02, 0x01], [221, 0x50, 0x6f, 0x9a, 0x16, 0x00],
      [EXT, HE_CAP], [EXT, HE_OP], [EXT, 108], [EXT, 106]];
    const randomList = () => {
      const out: number[][] = [];
      for (const k of KINDS) {
        if (rnd() < 0.5) continue;
        const copies = k[0] === 221 && rnd() < 0.3 ? 2 : 1;
        for (let c = 0; c < copies; c++) out.push(el(k[0], k.length - 1 + pick(3), ...k.slice(1)).map((v, i) => (i > k.length + 1 ? pick(2) : v)));
      }
      return out;
    };
    /** Elements as a sorted multiset of hex strings: the order of an expanded list follows the reporting frame. */
    const asSet = (b: Uint8Array) => parseDefragmented(b).map((e) => toHex(new Uint8Array([e.id, ...e.data]))).sort();
    for (let i = 0; i < 300; i++) {
      const rep = bytes(...randomList());
      const full = bytes(...randomList());
      expect(asSet(expandProfile(rep, minimalProfile(rep, full)))).toEqual(asSet(full));
    }
  });
});
