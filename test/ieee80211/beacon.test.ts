// Beacon and probe response against what hostapd 2.10 sent in the hwsim VM
// (open-assoc.pcap): same BSS parameters in, the same bytes out, save the fields the
// driver writes (duration, sequence number, timestamp) and the TIM mac80211 inserts.
import { describe, expect, it } from 'vitest';
import { buildBeacon, buildProbeResponse, ErpFlag, type BssTemplate } from '../../core/ieee80211/beacon.js';
import { CapabilityInfo } from '../../core/ieee80211/capability-info.js';
import { buildCountryElement, countrySubbands, CountryEnvironment } from '../../core/ieee80211/country.js';
import { buildElement, buildExtElement, ElementExtId, ElementId, parseElements } from '../../core/ieee80211/elements.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { MgmtSubtype } from '../../core/ieee80211/mgmt-header.js';
import { BssMembershipSelector, decodeRateSet, rateOctets } from '../../core/ieee80211/rates.js';
import { encodeRsne, AKM_PSK, CIPHER_CCMP, encodeRsnxe } from '../../core/ieee80211/rsn-element.js';
import { CAPTURE_AP, CAPTURE_STA, capturedMgmt, withoutDriverFields } from './open-assoc-capture.js';
import { hex, toHex } from './hex.js';

// hostapd's defaults on 2.4 GHz (hw_mode=g): rates 1, 2, 5.5, 11 basic and the OFDM rates.
const HOSTAPD_RATES = rateOctets([10, 20, 55, 110, 60, 90, 120, 180, 240, 360, 480, 540], [10, 20, 55, 110]);

const OPEN_BSS: BssTemplate = {
  bssid: macFromString(CAPTURE_AP),
  ssid: new TextEncoder().encode('wifid-open'),
  beaconIntTu: 1000,
  capabilityInfo: CapabilityInfo.ESS | CapabilityInfo.SHORT_SLOT_TIME,
  channel: 1,
  band: '2.4GHz',
  rates: HOSTAPD_RATES,
  erp: ErpFlag.BARKER_PREAMBLE_MODE,
  extCapabilities: hex('7f08 0400400200000040'),
  // Supported Operating Classes: not built by wifid; passed as an extra element to place it.
  extraTail: [hex('3b02 5100')],
};

function timIndex(frame: Uint8Array, from: number): number {
  let pos = from;
  while (frame[pos] !== ElementId.TIM) pos += 2 + frame[pos + 1];
  return pos;
}

describe('beacon', () => {
  const captured = withoutDriverFields(capturedMgmt(MgmtSubtype.BEACON, CAPTURE_AP), true);
  const tim = timIndex(captured, 36);

  it('head is hostapd 2.10\'s beacon up to the TIM', () => {
    expect(toHex(buildBeacon(OPEN_BSS).head)).toBe(toHex(captured.subarray(0, tim)));
  });

  it('tail is hostapd 2.10\'s beacon after the TIM, elements in the standard\'s order whatever order they are given in', () => {
    expect(toHex(buildBeacon(OPEN_BSS).tail)).toBe(toHex(captured.subarray(tim + 2 + captured[tim + 1])));
  });

  it('a hidden BSS beacons an empty SSID', () => {
    const { head } = buildBeacon({ ...OPEN_BSS, hidden: true });
    expect(toHex(head.subarray(36, 38))).toBe('0000');
  });

  it('places RSNE after Extended Supported Rates, HT/ext caps in order, RSNXE and extension elements after, vendor last', () => {
    const rsne = encodeRsne({ version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_PSK], capabilities: 0x0c, pmkids: [] });
    const ml = buildExtElement(ElementExtId.MULTI_LINK, hex('b001 0d 020000000010 00 00 00'));
    const ehtCaps = buildExtElement(ElementExtId.EHT_CAPABILITIES, new Uint8Array(11));
    const rnr = buildElement(ElementId.REDUCED_NEIGHBOR_REPORT, hex('00 04 51 06 00 00 00 00'));
    const wmm = hex('dd07 0050f2020101 00');
    const { tail } = buildBeacon({
      ...OPEN_BSS, extraTail: [ml, rnr], rsne, rsnxe: encodeRsnxe({ h2e: true }), ehtCapabilities: ehtCaps, vendorElements: [wmm],
      country: buildCountryElement({ code: 'US', subbands: [{ firstChannel: 1, numChannels: 11, maxTxPowerDbm: 30 }] }),
    });
    const ids = parseElements(tail).map((e) => (e.extId !== undefined ? `ext${e.extId}` : String(e.id)));
    expect(ids).toEqual(['7', '42', '50', '48', '127', '201', '244', 'ext107', 'ext108', '221']);
  });

  it('sends no DSSS Parameter Set on 6 GHz and no ERP outside 2.4 GHz', () => {
    const six = buildBeacon({ ...OPEN_BSS, band: '6GHz', channel: 5, rates: rateOctets([60, 120, 240], [60, 120, 240]) });
    expect(parseElements(six.head.subarray(36)).map((e) => e.id)).toEqual([0, 1]);
    expect(parseElements(six.tail).map((e) => e.id)).not.toContain(ElementId.ERP);
  });
});

describe('probe response', () => {
  it('is hostapd 2.10\'s probe response to the station', () => {
    const captured = withoutDriverFields(capturedMgmt(MgmtSubtype.PROBE_RESP, CAPTURE_AP), true);
    const built = buildProbeResponse(OPEN_BSS, macFromString(CAPTURE_STA));
    expect(toHex(built)).toBe(toHex(captured));
  });

  it('carries the SSID of a hidden BSS and per-response extra elements', () => {
    const ml = buildExtElement(ElementExtId.MULTI_LINK, hex('0100'));
    const built = buildProbeResponse({ ...OPEN_BSS, hidden: true }, undefined, [ml]);
    const els = parseElements(built.subarray(36));
    expect(new TextDecoder().decode(els[0].data)).toBe('wifid-open');
    expect(els.at(-1)!.extId).toBe(ElementExtId.MULTI_LINK);
    expect(toHex(built.subarray(4, 10))).toBe('ffffffffffff');
  });
});

describe('rates and country', () => {
  it('splits basic rates and BSS membership selectors (0xFB: SAE H2E only, 802.11-2020 Table 9-78)', () => {
    const octets = rateOctets([60, 120, 240], [60], [BssMembershipSelector.SAE_HASH_TO_ELEMENT_ONLY]);
    expect(octets).toEqual([0x8c, 0x18, 0x30, 0xfb]);
    expect(decodeRateSet(new Uint8Array(octets))).toEqual({ rates: [12, 24, 48], basic: [12], selectors: [123] });
    expect(() => rateOctets([60], [120])).toThrow(/basic rate/);
  });

  it('builds a Country element with even length and merges channels of equal power', () => {
    const subbands = countrySubbands([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((channel) => ({ channel, maxTxPowerDbm: 30 })), 1);
    expect(toHex(buildCountryElement({ code: 'US', environment: CountryEnvironment.ANY, subbands }))).toBe('0706' + '555320' + '010b1e');
    const five = countrySubbands([36, 40, 44, 48, 149, 153].map((channel) => ({ channel, maxTxPowerDbm: 23 })), 4);
    expect(five).toEqual([{ firstChannel: 36, numChannels: 4, maxTxPowerDbm: 23 }, { firstChannel: 149, numChannels: 2, maxTxPowerDbm: 23 }]);
    expect(toHex(buildCountryElement({ code: 'DE', environment: CountryEnvironment.GLOBAL_OP_CLASSES, subbands: five }))).toBe('070a' + '444504' + '240417' + '950217' + '00');
  });
});
