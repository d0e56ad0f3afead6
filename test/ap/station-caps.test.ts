// A station's capabilities for NEW_STATION from a (re)association request: wpa_supplicant
// 2.10's captured request (open-assoc.pcap) with the HT/HE/EHT Capabilities mac80211 put
// in the same station's captured probe request, and a WMM Information element.
import { describe, expect, it } from 'vitest';
import { parseAssocRequest } from '../../core/ieee80211/assoc.js';
import { ElementExtId, ElementId, parseElements } from '../../core/ieee80211/elements.js';
import { MgmtSubtype } from '../../core/ieee80211/mgmt-header.js';
import type { Wiphy } from '../../core/nl80211/inventory.js';
import { buildBssCaps } from '../../plugins/mld-ap/bss-caps.js';
import type { ApSettings, HtMode } from '../../plugins/mld-ap/config.js';
import { checkRadio } from '../../plugins/mld-ap/radio-checks.js';
import { badCapabilityElement, stationCaps } from '../../plugins/mld-ap/station-caps.js';
import { HWSIM_WIPHY } from '../ieee80211/band-fixture.js';
import { CAPTURE_STA, capturedMgmt } from '../ieee80211/open-assoc-capture.js';
import { hex, toHex } from '../ieee80211/hex.js';

const REQ = capturedMgmt(MgmtSubtype.ASSOC_REQ, CAPTURE_STA);
const probe = capturedMgmt(MgmtSubtype.PROBE_REQ, CAPTURE_STA);
const probeEl = (pred: (e: { id: number; extId?: number }) => boolean) => {
  const e = parseElements(probe.subarray(24)).find(pred)!;
  return probe.subarray(24 + e.offset, 24 + e.offset + 2 + e.data.length);
};
const HT = probeEl((e) => e.id === ElementId.HT_CAPABILITIES);
const HE = probeEl((e) => e.extId === ElementExtId.HE_CAPABILITIES);
const EHT = probeEl((e) => e.extId === ElementExtId.EHT_CAPABILITIES);
// WMM Information: QoS Info 0x0f, U-APSD on all four ACs, Max SP 0 (all frames).
const WMM_INFO = hex('dd07 0050f2 02 00 01 0f');
const FIXED = 24 + 4;

const frame = (...els: Uint8Array[]) => new Uint8Array(Buffer.concat([REQ, ...els]));
const req = (...els: Uint8Array[]) => parseAssocRequest(frame(...els), { reassoc: false });

function bss(channel: number, htmode: HtMode) {
  const s = { phy: 'phy0', channel, htmode, ssid: 'x', encryption: 'none', sae_pwe: '2', beacon_int: 100, dtim_period: 2, max_clients: 10, hidden: false } as ApSettings;
  const r = checkRadio({ ...HWSIM_WIPHY, name: 'phy0' } as Wiphy, { ...s, channel: s.channel! });
  if (!r.ok) throw new Error(r.problem);
  return buildBssCaps(r.plan, new Uint8Array(6), undefined);
}

describe('station capabilities', () => {
  it('an HE40 BSS takes the station\'s HT and HE Capabilities as sent, WMM with its U-APSD queues; no EHT the BSS does not run', () => {
    const c = stationCaps(req(HT, HE, EHT, WMM_INFO), bss(1, 'HE40'), false);
    expect(c.mode).toBe('he');
    expect(toHex(c.params.htCapability!)).toBe(toHex(HT.subarray(2)));
    expect(toHex(c.params.heCapability!)).toBe(toHex(HE.subarray(3)));
    expect(c.params.ehtCapability).toBeUndefined();
    expect(c.params.wme).toEqual({ uapsdQueues: 0x0f, maxSp: 0 });
    // wpa_supplicant's Extended Capabilities go to the kernel too.
    expect(c.params.extCapability).toHaveLength(11);
  });

  it('an EHT BSS takes the EHT Capabilities as well', () => {
    const c = stationCaps(req(HT, HE, EHT, WMM_INFO), bss(1, 'EHT20'), false);
    expect(c.mode).toBe('eht');
    expect(toHex(c.params.ehtCapability!)).toBe(toHex(EHT.subarray(3)));
  });

  it('an HT20 BSS takes HT only; a legacy BSS nothing but WMM', () => {
    const ht = stationCaps(req(HT, HE, WMM_INFO), bss(6, 'HT20'), false);
    expect([ht.mode, ht.params.heCapability]).toEqual(['ht', undefined]);
    const legacy = stationCaps(req(HT, HE, WMM_INFO), bss(6, 'NOHT'), false);
    expect([legacy.mode, legacy.params.htCapability, legacy.params.wme]).toEqual(['legacy', undefined, { uapsdQueues: 0x0f, maxSp: 0 }]);
  });

  it('a station without WMM is no HT station (an HT STA is a QoS STA): served as legacy', () => {
    const c = stationCaps(req(HT, HE), bss(1, 'HE40'), false);
    expect(c).toMatchObject({ mode: 'legacy', params: {} });
    expect(c.params.htCapability).toBeUndefined();
    expect(c.wmm).toBeUndefined();
  });

  it('names the malformed capability element of a request that failed to parse', () => {
    const shortHt = HT.slice(0, 27);
    shortHt[1] = 25;
    expect(() => req(shortHt)).toThrow();
    expect(badCapabilityElement(frame(shortHt).subarray(FIXED))).toMatch(/^HT Capabilities: .*length 25/);
    const longVht = hex('bf0d' + '00'.repeat(13));
    expect(badCapabilityElement(frame(longVht).subarray(FIXED))).toMatch(/^VHT Capabilities/);
    const shortHe = new Uint8Array([...HE.subarray(0, 2), ...HE.subarray(2, HE.length - 1)]);
    shortHe[1] = HE[1]! - 1;
    expect(badCapabilityElement(frame(shortHe).subarray(FIXED))).toMatch(/^HE Capabilities/);
    // Well-formed ones, and a fault elsewhere (a truncated element list), are not its business.
    expect(badCapabilityElement(frame(HT, HE, EHT, WMM_INFO).subarray(FIXED))).toBeUndefined();
    expect(badCapabilityElement(frame(hex('dd05 0050f2')).subarray(FIXED))).toBeUndefined();
  });
});
