import { describe, expect, it } from 'vitest';
import { buildElement, ElementId, iterateElements, parseElements, ratesAre11bOnly } from '../../core/ieee80211/elements.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { buildVendorElements, concatVendorPayloads, P2P_VENDOR_TYPE, parseVendorElement, WPS_VENDOR_TYPE } from '../../core/ieee80211/vendor-elements.js';
import { hex } from './hex.js';

describe('information element iteration', () => {
  it('walks SSID, rates and an extension element with their offsets', () => {
    // SSID "DIRECT-", Supported Rates 6/9/12/18, Extension 108 (EHT Capabilities id) with 2 body bytes
    const ies = hex('00 07 444952454354 2d  01 04 8c 12 98 24  ff 03 6c 01 02');
    const els = parseElements(ies);
    expect(els.map((e) => [e.id, e.offset, e.data.length])).toEqual([[0, 0, 7], [1, 9, 4], [255, 15, 3]]);
    expect(new TextDecoder().decode(els[0].data)).toBe('DIRECT-');
    expect(els[2].extId).toBe(0x6c);
  });

  it('accepts an empty list and a zero-length element', () => {
    expect(parseElements(new Uint8Array())).toEqual([]);
    expect(parseElements(hex('00 00'))[0].data.length).toBe(0);
  });

  it('rejects an element whose length runs past the buffer, naming the offset', () => {
    const ies = hex('00 02 41 42  dd 09 50 6f 9a 09 02');
    const err = (() => { try { parseElements(ies); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(FrameDecodeError);
    expect((err as FrameDecodeError).code).toBe('truncated');
    expect((err as FrameDecodeError).offset).toBe(4);
  });

  it('rejects a lone trailing id byte and an empty extension element', () => {
    expect(() => parseElements(hex('00 00 dd'))).toThrow(FrameDecodeError);
    expect(() => parseElements(hex('ff 00'))).toThrow(/extension id/);
  });

  it('yields elements lazily before a later error', () => {
    const it = iterateElements(hex('00 01 41 dd 05'));
    expect(it.next().value?.id).toBe(0);
    expect(() => it.next()).toThrow(FrameDecodeError);
  });

  it('refuses to build a body longer than 255 bytes', () => {
    expect(() => buildElement(ElementId.SSID, new Uint8Array(256))).toThrow(RangeError);
  });

  it('tells 11b-only rate sets from OFDM ones', () => {
    expect(ratesAre11bOnly(parseElements(hex('01 04 82 84 8b 96')))).toBe(true);
    expect(ratesAre11bOnly(parseElements(hex('01 04 82 84 8b 96 32 01 0c')))).toBe(false);
    expect(ratesAre11bOnly(parseElements(hex('00 00')))).toBe(false);
  });
});

describe('vendor elements', () => {
  it('reads OUI and type of a P2P and a WPS element', () => {
    const els = parseElements(hex('dd 06 50 6f 9a 09 02 00  dd 05 00 50 f2 04 10'));
    expect(parseVendorElement(els[0])).toMatchObject({ oui: 0x506f9a, type: 9 });
    expect(parseVendorElement(els[1])).toMatchObject({ oui: 0x0050f2, type: 4 });
    expect(() => parseVendorElement(parseElements(hex('dd 02 50 6f'))[0])).toThrow(/shorter than an OUI/);
  });

  it('concatenates the payloads of split elements in order, skipping other vendors', () => {
    // One P2P attribute list split over two P2P elements with a WPS element between.
    const ies = hex('dd 07 50 6f 9a 09 02 02 00  dd 05 00 50 f2 04 aa  dd 06 50 6f 9a 09 01 00');
    expect([...concatVendorPayloads(parseElements(ies), P2P_VENDOR_TYPE)!]).toEqual([2, 2, 0, 1, 0]);
    expect([...concatVendorPayloads(parseElements(ies), WPS_VENDOR_TYPE)!]).toEqual([0xaa]);
    expect(concatVendorPayloads(parseElements(hex('00 00')), P2P_VENDOR_TYPE)).toBeUndefined();
  });

  it('splits a long payload at 251 bytes per element and joins it back', () => {
    const payload = new Uint8Array(600).map((_, i) => i & 0xff);
    const built = buildVendorElements(P2P_VENDOR_TYPE, payload);
    const els = parseElements(built);
    expect(els.map((e) => e.data.length)).toEqual([255, 255, 4 + 600 - 2 * 251]);
    expect(concatVendorPayloads(els, P2P_VENDOR_TYPE)).toEqual(payload);
  });
});
