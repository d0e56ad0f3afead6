// (Re)association request parsing and response building against the frames of
// open-assoc.pcap (wpa_supplicant 2.10 joining hostapd 2.10 in the hwsim VM), with the
// captured probe request's HT/HE/EHT elements and hostapd test RSNEs added to check each
// element's validation (802.11-2020 9.3.3.6-9.3.3.9, 9.4.2).
import { describe, expect, it } from 'vitest';
import { buildAssocResponse, parseAssocRequest, parseTimeoutInterval, TimeoutIntervalType } from '../../core/ieee80211/assoc.js';
import { CapabilityInfo } from '../../core/ieee80211/capability-info.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { buildExtensionElement } from '../../core/ieee80211/element-fragments.js';
import { ElementExtId, ElementId, parseElements } from '../../core/ieee80211/elements.js';
import { macFromString, macToString } from '../../core/ieee80211/mac-address.js';
import { MgmtSubtype } from '../../core/ieee80211/mgmt-header.js';
import { rateOctets } from '../../core/ieee80211/rates.js';
import { AKM_PSK, RsnCapability } from '../../core/ieee80211/rsn-element.js';
import { StatusCode } from '../../core/ieee80211/status-codes.js';
import { CAPTURE_AP, CAPTURE_STA, capturedMgmt, withoutDriverFields } from './open-assoc-capture.js';
import { hex, toHex } from './hex.js';

const REQ = capturedMgmt(MgmtSubtype.ASSOC_REQ, CAPTURE_STA);
const probe = capturedMgmt(MgmtSubtype.PROBE_REQ, CAPTURE_STA);
const probeEl = (pred: (e: { id: number; extId?: number }) => boolean) => {
  const e = parseElements(probe.subarray(24)).find(pred)!;
  return probe.subarray(24 + e.offset, 24 + e.offset + 2 + e.data.length);
};
const HT = probeEl((e) => e.id === ElementId.HT_CAPABILITIES);
const HE = probeEl((e) => e.extId === ElementExtId.HE_CAPABILITIES);
const EHT = probeEl((e) => e.extId === ElementExtId.EHT_CAPABILITIES);
const RSNE = hex('30140100000fac040100000fac040100000fac02cc00');
const RSNXE = hex('f40120');

const withElements = (frame: Uint8Array, ...els: Uint8Array[]) => new Uint8Array(Buffer.concat([frame, ...els]));

describe('association request', () => {
  it('reads wpa_supplicant 2.10\'s open association request', () => {
    const r = parseAssocRequest(REQ, { reassoc: false });
    expect(macToString(r.sa)).toBe(CAPTURE_STA);
    expect(new TextDecoder().decode(r.ssid)).toBe('wifid-open');
    expect(r.capabilityInfo).toBe(0x0421);
    expect(r.listenInterval).toBe(5);
    expect(r.rates.rates).toEqual([2, 4, 11, 22, 12, 18, 24, 36, 48, 72, 96, 108]);
    expect(r.rates.basic).toEqual([]);
    expect(r.extCapabilities).toHaveLength(11);
    expect(r.supportedOperatingClasses![0]).toBe(81);
    expect(r.rsne).toBeUndefined();
    expect(r.others).toEqual([]);
  });

  it('keeps the RSNE as received, the RSNXE, and the HT/HE/EHT bodies NEW_STATION takes', () => {
    const r = parseAssocRequest(withElements(REQ, RSNE, HT, RSNXE, HE, EHT, hex('dd07 0050f2 02 000100')), { reassoc: false });
    expect(r.rsne).toMatchObject({ akms: [AKM_PSK], capabilities: 0xcc });
    expect(r.rsne!.capabilities & RsnCapability.MFPR).toBeTruthy();
    expect(toHex(r.rsneElement!)).toBe(toHex(RSNE));
    expect(r.rsnxe!.h2e).toBe(true);
    expect(toHex(r.htCapabilities!)).toBe(toHex(HT.subarray(2)));
    expect(toHex(r.heCapabilities!)).toBe(toHex(HE.subarray(3)));
    expect(toHex(r.ehtCapabilities!)).toBe(toHex(EHT.subarray(3)));
    expect(r.vendor).toHaveLength(1);
  });

  it('keeps a Multi-Link element longer than 255 octets whole, fragments joined', () => {
    const ml = new Uint8Array(300).fill(7);
    const r = parseAssocRequest(withElements(REQ, buildExtensionElement(ElementExtId.MULTI_LINK, ml)), { reassoc: false });
    expect(r.multiLink).toHaveLength(300);
  });

  it('reads the current AP address of a reassociation request', () => {
    const re = REQ.slice();
    re[0] = 0x20; // subtype 2
    const frame = new Uint8Array([...re.subarray(0, 28), ...macFromString(CAPTURE_AP), ...re.subarray(28)]);
    const r = parseAssocRequest(frame, { reassoc: true });
    expect(macToString(r.currentAp!)).toBe(CAPTURE_AP);
    expect(new TextDecoder().decode(r.ssid)).toBe('wifid-open');
    expect(() => parseAssocRequest(frame, { reassoc: false })).toThrow(/subtype 2/);
  });

  it('refuses bad element lengths, duplicates, missing elements, naming the element', () => {
    const cases: [Uint8Array, RegExp][] = [
      [withElements(REQ, HT.subarray(0, 27).map((b, i) => (i === 1 ? 25 : b))), /element 45/],
      [withElements(REQ, hex('0003616263')), /element 0.*twice/],
      [withElements(REQ, hex('3003 0100ff')), /element 48/],
      [withElements(REQ, hex('f400')), /element 244/],
      [withElements(REQ, hex('2101 00')), /element 33.*expected 2/],
      [withElements(REQ, hex('2403 010b06')), /element 36/],
      [withElements(REQ, EHT), /EHT Capabilities.*without HE/],
      [withElements(REQ, HE.map((b, i) => (i === 1 ? b - 1 : b)).subarray(0, HE.length - 1)), /extension element 35/],
      [withElements(REQ, hex('ff03 6b 0000')), /extension element 107/],
      [withElements(REQ, hex('dd02 0050')), /element 221/],
      [withElements(REQ, hex('0a05 0102')), /information element 10/],
    ];
    for (const [frame, msg] of cases) {
      expect(() => parseAssocRequest(frame, { reassoc: false }), String(msg)).toThrow(FrameDecodeError);
      expect(() => parseAssocRequest(frame, { reassoc: false }), String(msg)).toThrow(msg);
    }
    const noSsid = new Uint8Array([...REQ.subarray(0, 28), ...REQ.subarray(28 + 2 + REQ[29])]);
    expect(() => parseAssocRequest(noSsid, { reassoc: false })).toThrow(/no SSID/);
    expect(() => parseAssocRequest(REQ.subarray(0, 27), { reassoc: false })).toThrow(FrameDecodeError);
  });
});

describe('association response', () => {
  const RATES = rateOctets([10, 20, 55, 110, 60, 90, 120, 180, 240, 360, 480, 540], [10, 20, 55, 110]);
  const base = {
    da: macFromString(CAPTURE_STA), sa: macFromString(CAPTURE_AP), bssid: macFromString(CAPTURE_AP), reassoc: false,
    capabilityInfo: CapabilityInfo.ESS | CapabilityInfo.SHORT_SLOT_TIME, rates: RATES,
  };

  it('is hostapd 2.10\'s association response byte for byte (AID 1 with bits 14-15 set)', () => {
    const built = buildAssocResponse({
      ...base, status: StatusCode.SUCCESS, aid: 1,
      // BSS Max Idle Period given before Extended Capabilities: placed after it, as Table 9-35 orders them.
      elements: [hex('5a03 240100'), hex('7f08 0400400200000040')],
    });
    expect(toHex(built)).toBe(toHex(withoutDriverFields(capturedMgmt(MgmtSubtype.ASSOC_RESP, CAPTURE_AP))));
  });

  it('refuses a PMF station temporarily with the association comeback time (status 30, Timeout Interval type 3)', () => {
    const built = buildAssocResponse({ ...base, reassoc: true, status: StatusCode.REFUSED_TEMPORARILY, aid: 0, timeoutInterval: { type: TimeoutIntervalType.ASSOCIATION_COMEBACK_TIME, value: 1000 } });
    expect(toHex(built.subarray(0, 2))).toBe('3000');
    expect(toHex(built.subarray(24, 30))).toBe('0104' + '1e00' + '0000');
    const ti = parseElements(built.subarray(30)).find((e) => e.id === ElementId.TIMEOUT_INTERVAL)!;
    expect(toHex(ti.data)).toBe('03' + 'e8030000');
    expect(parseTimeoutInterval(ti.data)).toEqual({ type: 3, value: 1000 });
    expect(() => parseTimeoutInterval(ti.data.subarray(0, 4))).toThrow(FrameDecodeError);
    expect(() => buildAssocResponse({ ...base, status: 0, aid: 2008 })).toThrow(RangeError);
  });
});
