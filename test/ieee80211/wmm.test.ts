// WMM Parameter and Information elements (WMM specification 1.2, 2.2.1/2.2.2).
import { describe, expect, it } from 'vitest';
import { buildWmmParameterElement, DEFAULT_AP_EDCA, isWmmInformation, stationWmm } from '../../core/ieee80211/wmm.js';
import { hex, toHex } from './hex.js';

describe('WMM', () => {
  it('the AP\'s default WMM Parameter element is hostapd\'s (wmm_ac_* defaults of hostapd.conf)', () => {
    // Encoded by hand from the WMM spec's layout, U-APSD off: BE AIFSN 3 CW 15-1023,
    // BK AIFSN 7 CW 15-1023, VI AIFSN 2 CW 7-15 TXOP 94, VO AIFSN 2 CW 3-7 TXOP 47.
    expect(toHex(buildWmmParameterElement())).toBe('dd18' + '0050f2' + '02' + '01' + '01' + '00' + '00' + '03a40000' + '27a40000' + '42435e00' + '62322f00');
  });

  it('QoS Info: parameter set count and U-APSD; ACM flag per AC', () => {
    const e = buildWmmParameterElement({ ...DEFAULT_AP_EDCA, vo: { ...DEFAULT_AP_EDCA.vo, admissionControl: true } }, { parameterSetCount: 3, uapsd: true });
    expect(e[8]).toBe(0x83);
    expect(e[22]).toBe(0x72); // ACI 3, ACM, AIFSN 2
    expect(() => buildWmmParameterElement({ ...DEFAULT_AP_EDCA, be: { aifsn: 1, ecwMin: 4, ecwMax: 10, txopLimit: 0 } })).toThrow(RangeError);
  });

  it('a station\'s WMM Information element: U-APSD queues and Max SP from its QoS Info', () => {
    // QoS Info 0x6f: all four ACs U-APSD, Max SP length 3 (six frames).
    expect(stationWmm([hex('00904c0400'), hex('0050f2020001' + '6f')])).toEqual({ uapsdQueues: 0x0f, maxSp: 3 });
    expect(stationWmm([hex('0050f2020001' + '00')])).toEqual({ uapsdQueues: 0, maxSp: 0 });
    // A WMM Parameter element (subtype 1) or a WPA element (type 1) is not a station's WMM.
    expect(isWmmInformation(hex('0050f2020101' + '00'))).toBe(false);
    expect(stationWmm([hex('0050f2010100')])).toBeUndefined();
  });
});
