// The Reduced Neighbor Report against the fields Linux's net/wireless/tests/scan.c builds
// (test_inform_bss_ml_sta: struct ieee80211_tbtt_info_ge_11 and the NSTR "MLD" type) and
// the layout hostapd's AP writes (hostapd_eid_rnr_bss, src/ap/ieee802_11.c).
import { describe, expect, it } from 'vitest';
import { buildRnr, parseRnr, RnrBssParams, shortSsid, TbttInfoType } from '../../core/ieee80211/rnr.js';
import { parseElements } from '../../core/ieee80211/elements.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { macToString } from '../../core/ieee80211/mac-address.js';
import { hex, toHex } from './hex.js';

describe('Reduced Neighbor Report parsing', () => {
  it("reads Linux's rnr_normal: one 16-octet field with AP MLD ID 1 and link id 2 on channel 11", () => {
    const body = hex('00 10 51 0b' + 'ff 102233445567 00000000 00 00' + '01 0200');
    const [info] = parseRnr(body);
    expect(info).toMatchObject({ type: 0, filtered: false, opClass: 81, channel: 11, tbttInfoLength: 16 });
    const [ap] = info.entries;
    expect(macToString(ap.bssid!)).toBe('10:22:33:44:55:67');
    expect(ap).toMatchObject({ tbttOffset: 255, shortSsid: 0, bssParams: 0, psd20: 0 });
    expect(ap.mld).toEqual({ apMldId: 1, linkId: 2, bssParamsChangeCount: 0, allUpdatesIncluded: false, disabledLink: false });
  });

  it('keeps the MLD parameters of a 17-octet field (Linux ge_11 with the UHR Enhanced Critical Update octet)', () => {
    const [info] = parseRnr(hex('00 11 51 0b' + 'ff 102233445567 00000000 00 00' + '00 0200' + '00'));
    expect(info.entries[0].mld).toMatchObject({ apMldId: 0, linkId: 2 });
  });

  it("reads Linux's rnr_nstr: TBTT Information type MLD, 3 octets of MLD parameters only", () => {
    const [info] = parseRnr(hex('01 03 51 0b' + '00 0200'));
    expect(info.type).toBe(TbttInfoType.MLD);
    expect(info.entries[0].mld).toMatchObject({ apMldId: 0, linkId: 2 });
    expect(info.entries[0].bssid).toBeUndefined();
  });

  it('reads every short layout of Table 9-281 and a disabled link with all updates included', () => {
    const [a, b, c] = parseRnr(hex('00 01 51 01 05' + '10 06 51 06 07 78563412 42 08 78563412 43' + '00 09 73 24 ff 020000000001 40 f6'));
    expect(a.entries[0]).toMatchObject({ tbttOffset: 5 });
    expect(b.entries.map((e) => [e.tbttOffset, e.shortSsid, e.bssParams])).toEqual([[7, 0x12345678, 0x42], [8, 0x12345678, 0x43]]);
    expect(c.entries[0]).toMatchObject({ bssParams: 0x40, psd20: -10 });
    const [d] = parseRnr(hex('00 10 51 06 ff 020000000002 00000000 42 7f' + '00 3122'));
    expect(d.entries[0].mld).toEqual({ apMldId: 0, linkId: 1, bssParamsChangeCount: 0x23, allUpdatesIncluded: false, disabledLink: true });
  });

  it('refuses a TBTT Information Set that runs past the element, and a short header', () => {
    expect(() => parseRnr(hex('10 0d 51 06' + 'ff 020000000002 00000000 42 7f'))).toThrow(FrameDecodeError);
    expect(() => parseRnr(hex('00 0d 51'))).toThrow(/header needs 4/);
  });
});

describe('Reduced Neighbor Report building', () => {
  it("writes a partner link in hostapd's layout: unknown offset, same SSID and co-located, PSD 127, MLD parameters", () => {
    const ssid = new TextEncoder().encode('wifid-mld');
    const built = buildRnr([{ opClass: 81, channel: 6, aps: [{
      bssid: hex('020000000102'), shortSsid: shortSsid(ssid), bssParams: RnrBssParams.SAME_SSID | RnrBssParams.COLOCATED_AP,
      mld: { apMldId: 0, linkId: 1, bssParamsChangeCount: 0x12, allUpdatesIncluded: false, disabledLink: false },
    }] }]);
    const s = shortSsid(ssid);
    const le = toHex(new Uint8Array([s & 0xff, (s >>> 8) & 0xff, (s >>> 16) & 0xff, s >>> 24]));
    // hostapd: *eid++ = mld id; *eid++ = link_id | (bpcc & 0xf) << 4; *eid = (bpcc & 0xf0) >> 4
    expect(toHex(built)).toBe('c9 14 00 10 51 06 ff 020000000102'.replace(/ /g, '') + le + '42' + '7f' + '00' + '21' + '01');
  });

  it('computes the Short SSID as CRC-32 (the check value of "123456789")', () => {
    expect(shortSsid(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('splits over elements at 255 octets and round-trips', () => {
    const aps = Array.from({ length: 20 }, (_, i) => ({
      bssid: hex(`0200000001${i.toString(16).padStart(2, '0')}`), shortSsid: 0xdeadbeef, bssParams: 0x42, psd20: -3,
      mld: { apMldId: 0, linkId: i % 15, bssParamsChangeCount: i, allUpdatesIncluded: true, disabledLink: i === 3 },
    }));
    const built = buildRnr([{ opClass: 131, channel: 5, aps }]);
    const els = parseElements(built);
    expect(els.length).toBe(2);
    const back = els.flatMap((e) => parseRnr(e.data));
    expect(back.map((i) => i.entries.length)).toEqual([15, 5]);
    expect(back.flatMap((i) => i.entries).map((e) => ({ bssid: e.bssid, shortSsid: e.shortSsid, bssParams: e.bssParams, psd20: e.psd20, mld: e.mld })))
      .toEqual(aps);
    expect(buildRnr([])).toEqual(new Uint8Array());
    expect(() => buildRnr([{ opClass: 81, channel: 1, aps: [aps[0], { ...aps[1], mld: undefined }] }])).toThrow(RangeError);
  });
});
