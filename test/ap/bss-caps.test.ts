// The capability elements of an AP's beacon, built from a real mac80211_hwsim radio's band
// data (captured split dump) and the htmode, checked against the standard's layouts:
// element order of 802.11-2020 Table 9-32, HT Operation (9.4.2.56), VHT Operation
// (Table 9-274), HE 6 GHz Operation Information (802.11ax 9.4.2.249), EHT Operation
// (802.11be 9.4.2.311), Country (9.4.2.8).
import { describe, expect, it } from 'vitest';
import { ElementExtId, ElementId, parseElements, type Element } from '../../core/ieee80211/elements.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import type { Band, Wiphy } from '../../core/nl80211/inventory.js';
import { ApLink } from '../../plugins/mld-ap/ap-link.js';
import { buildExtCapabilities } from '../../plugins/mld-ap/bss-caps.js';
import type { ApSettings, HtMode } from '../../plugins/mld-ap/config.js';
import { checkRadio } from '../../plugins/mld-ap/radio-checks.js';
import { HWSIM_WIPHY, hwsimBand } from '../ieee80211/band-fixture.js';

/** hwsim's bands with 5 GHz 36-48 and all of 6 GHz open, as a regulatory domain allowing them would leave them. */
function openBand(b: Band, lo: number, hi: number): Band {
  return { ...b, channels: b.channels.map((c) => (c.freq >= lo && c.freq <= hi ? { freq: c.freq, disabled: false, noIr: false, radar: false, maxTxPowerMbm: 2300 } : c)) };
}
const WIPHY: Wiphy = { ...HWSIM_WIPHY, name: 'phy0', bands: [hwsimBand('2ghz'), openBand(hwsimBand('5ghz'), 5170, 5250), openBand(hwsimBand('6ghz'), 5945, 7125)] };
const BSSID = '02:00:00:00:00:2a';

function link(channel: number, htmode: HtMode | undefined, extra: Partial<ApSettings> = {}, country?: string): ApLink {
  const s = { phy: 'phy0', channel, ssid: 'caps', encryption: 'none', sae_pwe: '2', beacon_int: 100, dtim_period: 2, max_clients: 10, hidden: false, ...(htmode ? { htmode } : {}), ...extra } as ApSettings;
  const r = checkRadio(WIPHY, { ...s, channel: s.channel! });
  if (!r.ok) throw new Error(r.problem);
  return new ApLink({ phy: 'phy0', wiphy: 0, bssid: BSSID, plan: r.plan, ssid: 'caps', hidden: false, beaconIntTu: 100, dtimPeriod: 2, ...(country ? { country } : {}) });
}

const key = (e: Element) => (e.extId !== undefined ? `255/${e.extId}` : String(e.id));
const tail = (l: ApLink) => parseElements(l.beacon().tail);
const find = (els: Element[], id: number, extId?: number) => els.find((e) => e.id === id && (extId === undefined || e.extId === extId));

describe('BSS capability elements', () => {
  it('HE40 on 2.4 GHz channel 1: every element in Table 9-32\'s order, 40 MHz above the primary, HE with 40 MHz in 2.4 GHz', () => {
    const l = link(1, 'HE40');
    expect(l.channel).toEqual({ freq: 2412, width: '40', centerFreq1: 2422 });
    const els = tail(l);
    // Country, ERP, Extended Supported Rates, HT Capabilities, HT Operation, Extended
    // Capabilities, HE Capabilities, HE Operation, then the vendor WMM Parameter element.
    expect(els.map(key)).toEqual(['7', '42', '50', '45', '61', '127', '255/35', '255/36', '221']);
    const ht = find(els, ElementId.HT_CAPABILITIES)!.data;
    expect((ht[0]! | (ht[1]! << 8)) & 0x0002, 'HT: 40 MHz supported').toBe(0x0002);
    expect([...find(els, ElementId.HT_OPERATION)!.data.subarray(0, 2)]).toEqual([1, 0x05]);
    expect(find(els, ElementId.EXTENSION, ElementExtId.HE_CAPABILITIES)!.data[1 + 6]! & 0x02, 'HE PHY: 40 MHz in 2.4 GHz').toBe(0x02);
    // Operating Mode Notification (bit 62) and nothing else.
    expect([...find(els, ElementId.EXT_CAPABILITIES)!.data]).toEqual([0, 0, 0, 0, 0, 0, 0, 0x40]);
    // World domain: noncountry entity "XX" + 'X'; channels 1-13 at hwsim's 20 dBm in one triplet.
    expect(Buffer.from(find(els, ElementId.COUNTRY)!.data).toString('hex')).toBe('585858' + '010d14');
    // HE Operation: BSS color from the BSSID's last octet, 0x2a % 63 + 1.
    expect(find(els, ElementId.EXTENSION, ElementExtId.HE_OPERATION)!.data[4]).toBe(43);
  });

  it('no htmode on an HT radio: HT20, 40 MHz cleared from the HT Capabilities; the section\'s country', () => {
    const l = link(6, undefined, {}, 'DE');
    expect(l.channel).toEqual({ freq: 2437, width: '20', centerFreq1: 2437 });
    const els = tail(l);
    expect(els.map(key)).toEqual(['7', '42', '50', '45', '61', '221']);
    const ht = find(els, ElementId.HT_CAPABILITIES)!.data;
    expect((ht[0]! | (ht[1]! << 8)) & 0x0042, 'HT: no 40 MHz, no short GI 40').toBe(0);
    expect([...find(els, ElementId.HT_OPERATION)!.data.subarray(0, 2)]).toEqual([6, 0]);
    expect(Buffer.from(find(els, ElementId.COUNTRY)!.data.subarray(0, 3)).toString('latin1')).toBe('DE ');
  });

  it('VHT80 on 5 GHz channel 36: VHT Operation width 1 centred on 42, VHT Capabilities without 160 MHz, no HE', () => {
    const l = link(36, 'VHT80');
    expect(l.channel).toEqual({ freq: 5180, width: '80', centerFreq1: 5210 });
    const els = tail(l);
    expect(els.map(key)).toEqual(['7', '45', '61', '127', '191', '192', '221']);
    expect([...find(els, ElementId.VHT_OPERATION)!.data.subarray(0, 3)]).toEqual([1, 42, 0]);
    const vht = find(els, ElementId.VHT_CAPABILITIES)!.data;
    expect(vht[0]! & 0x4c, 'VHT: no 160/80+80 width set, no short GI 160').toBe(0);
    expect([...find(els, ElementId.HT_OPERATION)!.data.subarray(0, 2)]).toEqual([36, 0x05]);
    // Every enabled 5 GHz channel (radar and no-IR ones are the domain's too): 36-48 at the
    // opened 23 dBm, 52-64, 100-140 and 149-165 at hwsim's 20 dBm, spacing 4; a pad octet
    // makes the length even.
    expect(Buffer.from(find(els, ElementId.COUNTRY)!.data).toString('hex')).toBe('585858' + '240417' + '340414' + '640b14' + '950514' + '00');
  });

  it('EHT160 on 6 GHz channel 37: no HT/VHT, HE Operation with 6 GHz information, EHT Operation width 3, country with the operating class', () => {
    const l = link(37, 'EHT160', { band: '6g' });
    expect(l.channel).toEqual({ freq: 6135, width: '160', centerFreq1: 6185 });
    const els = tail(l);
    expect(els.some((e) => e.id === ElementId.HT_CAPABILITIES || e.id === ElementId.VHT_CAPABILITIES)).toBe(false);
    const heOp = find(els, ElementId.EXTENSION, ElementExtId.HE_OPERATION)!.data;
    // ext id, 3 params, color, 2 basic MCS, then primary 37, control 3 (160 MHz), CCFS0 39 (80 MHz with the primary), CCFS1 47, min rate.
    expect([...heOp.subarray(7, 11)]).toEqual([37, 3, 39, 47]);
    const ehtOp = find(els, ElementId.EXTENSION, ElementExtId.EHT_OPERATION)!.data;
    expect([...ehtOp.subarray(6, 9)]).toEqual([3, 39, 47]);
    const country = find(els, ElementId.COUNTRY)!.data;
    expect([...country.subarray(2, 6)]).toEqual([0x04, 201, 131, 0]);
  });

  it('NOHT: legacy channel, WMM and country only', () => {
    const l = link(11, 'NOHT');
    expect(l.channel).toEqual({ freq: 2462, width: '20_noht' });
    expect(tail(l).map(key)).toEqual(['7', '42', '50', '221']);
  });

  it('association response elements: operation and capabilities; the WMM Parameter element only to a WMM station', () => {
    const l = link(1, 'HE40');
    const withWmm = l.assocResponseElements(true).map((e) => e[0]);
    const without = l.assocResponseElements(false).map((e) => e[0]);
    expect(withWmm).toContain(ElementId.VENDOR_SPECIFIC);
    expect(without).not.toContain(ElementId.VENDOR_SPECIFIC);
    expect(without).toEqual(expect.arrayContaining([ElementId.HT_CAPABILITIES, ElementId.HT_OPERATION, ElementId.EXTENSION]));
  });

  it('Extended Capabilities: as long as the highest bit needs, none without bits', () => {
    expect([...buildExtCapabilities([2, 62])!]).toEqual([127, 8, 0x04, 0, 0, 0, 0, 0, 0, 0x40]);
    expect([...buildExtCapabilities([0])!]).toEqual([127, 1, 1]);
    expect(buildExtCapabilities([])).toBeUndefined();
  });

  it('the beacon\'s BSSID is the link\'s', () => {
    expect([...link(1, 'HT20').beacon().head.subarray(16, 22)]).toEqual([...macFromString(BSSID)]);
  });
});
