// HT/VHT/HE/EHT elements built from a real hwsim radio's band data (get-wiphy-split-dump),
// compared with the elements mac80211 built from the same radio's data in the probe
// request wpa_supplicant sent (open-assoc.pcap), and the Operation elements' field
// layouts of 802.11-2020 9.4.2.56/158, 802.11ax 9.4.2.249, 802.11be 9.4.2.311.
import { describe, expect, it } from 'vitest';
import { segmentCenter, secondaryChannelOffset, type BssChannel } from '../../core/ieee80211/bss-channel.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { buildEhtCapabilities, buildEhtOperation, parseEhtCapabilities } from '../../core/ieee80211/eht.js';
import { ElementExtId, ElementId, parseElements, type Element } from '../../core/ieee80211/elements.js';
import { apIftypeData, buildHe6ghzBandCapabilities, buildHeCapabilities, buildHeOperation, parseHeCapabilities } from '../../core/ieee80211/he.js';
import { buildHtCapabilities, buildHtOperation, parseHtCapabilities } from '../../core/ieee80211/ht.js';
import { MgmtSubtype } from '../../core/ieee80211/mgmt-header.js';
import { buildVhtCapabilities, buildVhtOperation, parseVhtCapabilities } from '../../core/ieee80211/vht.js';
import { hwsimBand } from './band-fixture.js';
import { CAPTURE_STA, capturedMgmt } from './open-assoc-capture.js';
import { hex, toHex } from './hex.js';

const probe = capturedMgmt(MgmtSubtype.PROBE_REQ, CAPTURE_STA);
const probeElements = parseElements(probe.subarray(24));
const whole = (e: Element) => toHex(probe.subarray(24 + e.offset, 24 + e.offset + 2 + e.data.length));
const CAPTURED_HT = whole(probeElements.find((e) => e.id === ElementId.HT_CAPABILITIES)!);
const CAPTURED_HE = whole(probeElements.find((e) => e.extId === ElementExtId.HE_CAPABILITIES)!);
const CAPTURED_EHT = whole(probeElements.find((e) => e.extId === ElementExtId.EHT_CAPABILITIES)!);

const CH1_HT40: BssChannel = { band: '2.4GHz', primary: 1, width: 40, center: 3 };
const CH1_20: BssChannel = { band: '2.4GHz', primary: 1, width: 20, center: 1 };
const CH36_80: BssChannel = { band: '5GHz', primary: 36, width: 80, center: 42 };
const CH52_160: BssChannel = { band: '5GHz', primary: 52, width: 160, center: 50 };

describe('BSS channel segments', () => {
  it('finds the 40/80/160 MHz segment centres that hold the primary channel', () => {
    expect(secondaryChannelOffset(CH1_HT40)).toBe(1);
    expect(secondaryChannelOffset({ band: '2.4GHz', primary: 6, width: 40, center: 4 })).toBe(3);
    expect(segmentCenter({ band: '5GHz', primary: 40, width: 80, center: 42 }, 40)).toBe(38);
    expect(segmentCenter(CH52_160, 80)).toBe(58);
    expect(segmentCenter({ band: '6GHz', primary: 37, width: 320, center: 31 }, 160)).toBe(47);
  });
});

describe('HT', () => {
  it('HT Capabilities from the 2.4 GHz band data are those mac80211 sent for the same radio (40 MHz capable)', () => {
    expect(toHex(buildHtCapabilities(hwsimBand('2ghz').htCapa!, CH1_HT40))).toBe(CAPTURED_HT);
  });

  it('a 20 MHz BSS clears 40 MHz channel width and short GI 40', () => {
    const e = buildHtCapabilities(hwsimBand('2ghz').htCapa!, CH1_20);
    expect(parseHtCapabilities(e.subarray(2)).info).toBe(0x107e & ~0x0042 & ~0x1000);
  });

  it('HT Operation: primary channel, secondary above, any width (Figure 9-340)', () => {
    expect(toHex(buildHtOperation(CH1_HT40))).toBe('3d16' + '01' + '05' + '0000' + '0000' + '00'.repeat(16));
    expect(toHex(buildHtOperation({ ...CH36_80, width: 20, center: 36 }).subarray(2, 4))).toBe('2400');
  });

  it('refuses an HT Capabilities body of another length', () => {
    expect(() => parseHtCapabilities(hex(CAPTURED_HT).subarray(2, 27))).toThrow(FrameDecodeError);
  });
});

describe('VHT', () => {
  const vht = hwsimBand('5ghz').vhtCapa!;
  it('VHT Capabilities keep 160 MHz only for a 160 MHz BSS', () => {
    expect(parseVhtCapabilities(buildVhtCapabilities(vht, CH52_160).subarray(2)).info).toBe(vht.capabilities);
    expect(parseVhtCapabilities(buildVhtCapabilities(vht, CH36_80).subarray(2)).info).toBe(vht.capabilities & ~0x4c);
    expect(toHex(buildVhtCapabilities(vht, CH36_80).subarray(6))).toBe(toHex(vht.mcsSet));
  });

  it('VHT Operation: width 1 with CCFS0 for 80 MHz, the primary 80 and the 160 centre for 160 MHz (Table 9-274)', () => {
    expect(toHex(buildVhtOperation(CH36_80))).toBe('c005' + '01' + '2a' + '00' + 'fcff');
    expect(toHex(buildVhtOperation(CH52_160))).toBe('c005' + '01' + '3a' + '32' + 'fcff');
    expect(toHex(buildVhtOperation(CH1_HT40))).toBe('c005' + '000000' + 'fcff');
  });
});

describe('HE', () => {
  it('HE Capabilities from the 2.4 GHz band data are those mac80211 sent for the same radio', () => {
    expect(toHex(buildHeCapabilities(apIftypeData(hwsimBand('2ghz').iftypeData)!, CH1_HT40))).toBe(CAPTURED_HE);
  });

  it('a 20 MHz BSS clears the 40 MHz width bit the band data has, and nothing else', () => {
    const d = apIftypeData(hwsimBand('2ghz').iftypeData)!;
    const phy = parseHeCapabilities(buildHeCapabilities(d, CH1_20).subarray(3)).phy;
    expect(d.hePhy![0]! & 0x02).toBe(0x02);
    expect(phy[0]).toBe(d.hePhy![0]! & ~0x02);
    expect(toHex(phy.subarray(1))).toBe(toHex(d.hePhy!.subarray(1)));
  });

  it('160 MHz keeps the 160 and 80+80 MHz MCS maps of a radio with both; 80 MHz drops them with the width bits', () => {
    const d = apIftypeData(hwsimBand('5ghz').iftypeData)!;
    const wide = parseHeCapabilities(buildHeCapabilities(d, CH52_160).subarray(3));
    expect(wide.phy[0] & 0x18).toBe(0x18);
    expect(wide.mcsSet).toHaveLength(12);
    const narrow = parseHeCapabilities(buildHeCapabilities(d, CH36_80).subarray(3));
    expect(narrow.mcsSet).toHaveLength(4);
    expect(narrow.phy[0] & 0x18).toBe(0);
  });

  it('HE Operation: RTS threshold disabled, BSS color, basic MCS; 6 GHz Operation Information on 6 GHz', () => {
    expect(toHex(buildHeOperation(CH36_80, { bssColor: 1 }))).toBe('ff07' + '24' + 'f03f00' + '01' + 'fcff');
    const six = buildHeOperation({ band: '6GHz', primary: 37, width: 160, center: 47 }, { bssColor: 5 });
    expect(toHex(six)).toBe('ff0c' + '24' + 'f03f02' + '05' + 'fcff' + '25' + '03' + '27' + '2f' + '0c');
    expect(() => buildHeOperation(CH36_80, { bssColor: 0 })).toThrow(RangeError);
    expect(toHex(buildHe6ghzBandCapabilities(hwsimBand('6ghz').iftypeData![1]!.he6ghzCapa!))).toBe('ff033b' + 'ff3e');
  });

  it('refuses HE Capabilities whose MCS map or PPE Thresholds do not match their flags', () => {
    const data = hex(CAPTURED_HE).subarray(3);
    expect(() => parseHeCapabilities(data.subarray(0, data.length - 1))).toThrow(FrameDecodeError);
    const extra = new Uint8Array([...data, 0]);
    expect(() => parseHeCapabilities(extra)).toThrow(/after the MCS map/);
    const ppeFlagged = data.slice();
    ppeFlagged[6 + 6] |= 0x80;
    expect(() => parseHeCapabilities(ppeFlagged)).toThrow(/PPE Thresholds/);
  });
});

describe('EHT', () => {
  it('EHT Capabilities from the 2.4 GHz band data are those mac80211 sent for the same radio (with PPE Thresholds)', () => {
    const d = apIftypeData(hwsimBand('2ghz').iftypeData)!;
    const he = parseHeCapabilities(buildHeCapabilities(d, CH1_20).subarray(3));
    expect(toHex(buildEhtCapabilities(d, he.phy, CH1_20))).toBe(CAPTURED_EHT);
  });

  it('parses the captured element against the HE PHY field and refuses it cut or without its PPE', () => {
    const he = parseHeCapabilities(hex(CAPTURED_HE).subarray(3));
    const data = hex(CAPTURED_EHT).subarray(3);
    expect(parseEhtCapabilities(data, he.phy).mcsSet).toHaveLength(3);
    expect(() => parseEhtCapabilities(data.subarray(0, 14), he.phy)).toThrow(FrameDecodeError);
    // A 20 MHz-only client sends a 4-octet map.
    const only20 = he.phy.slice();
    only20[0] = 0;
    expect(() => parseEhtCapabilities(data, only20)).toThrow(FrameDecodeError);
  });

  it('EHT Operation: information present, basic MCS 0x11, width and CCFS (802.11be 9.4.2.311)', () => {
    expect(toHex(buildEhtOperation(CH36_80))).toBe('ff09' + '6a' + '01' + '11000000' + '02' + '2a' + '00');
    expect(toHex(buildEhtOperation({ band: '6GHz', primary: 37, width: 320, center: 31 }))).toBe('ff09' + '6a' + '01' + '11000000' + '04' + '2f' + '1f');
  });
});
