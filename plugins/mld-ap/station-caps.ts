// A station's capabilities as its (re)association request states them, for NEW_STATION:
// HT/VHT/HE/EHT Capabilities element bodies the kernel takes as they came (mac80211
// intersects them with the AP's own), the WMM flag with the U-APSD queues and Max SP.
// Only what the BSS itself runs is passed on (no VHT in an HT BSS), and, as hostapd's
// copy_sta_*_capab, HT and later only for a WMM (QoS) station: an HT STA is a QoS STA
// (802.11-2020 10.2.5), so a station without QoS is served as legacy.
// Also: whether a request that failed to parse failed in one of these elements, which is
// answered with status 40 (invalid element) instead of silence.
import type { AssocRequest } from '../../core/ieee80211/assoc.js';
import { ElementExtId, ElementId, iterateElements } from '../../core/ieee80211/elements.js';
import { parseEhtCapabilities } from '../../core/ieee80211/eht.js';
import { parseHeCapabilities } from '../../core/ieee80211/he.js';
import { parseHtCapabilities } from '../../core/ieee80211/ht.js';
import { parseVhtCapabilities } from '../../core/ieee80211/vht.js';
import { stationWmm, type WmmStationInfo } from '../../core/ieee80211/wmm.js';
import type { NewStationParams } from '../../core/nl80211/ap-commands.js';
import type { BssCaps } from './bss-caps.js';

export type StationCapParams = Pick<NewStationParams, 'htCapability' | 'vhtCapability' | 'heCapability' | 'he6ghzCapability' | 'ehtCapability' | 'extCapability' | 'wme'>;

export interface StationCaps {
  wmm?: WmmStationInfo;
  /** NEW_STATION attributes. */
  params: StationCapParams;
  /** What the station runs in this BSS, for the log. */
  mode: 'legacy' | 'ht' | 'vht' | 'he' | 'eht';
}

export function stationCaps(req: AssocRequest, bss: BssCaps, sixGhz: boolean): StationCaps {
  const wmm = stationWmm(req.vendor);
  const params: StationCapParams = {};
  let mode: StationCaps['mode'] = 'legacy';
  if (req.extCapabilities) params.extCapability = req.extCapabilities;
  if (!wmm) return { params, mode };
  params.wme = wmm;
  if (bss.htCapabilities && req.htCapabilities) {
    params.htCapability = req.htCapabilities;
    mode = 'ht';
  }
  if (bss.vhtCapabilities && req.vhtCapabilities) {
    params.vhtCapability = req.vhtCapabilities;
    mode = 'vht';
  }
  if (bss.heCapabilities && req.heCapabilities) {
    params.heCapability = req.heCapabilities;
    mode = 'he';
    if (sixGhz && req.he6ghzBandCapabilities !== undefined) {
      params.he6ghzCapability = new Uint8Array([req.he6ghzBandCapabilities & 0xff, req.he6ghzBandCapabilities >> 8]);
    }
    if (bss.ehtCapabilities && req.ehtCapabilities) {
      params.ehtCapability = req.ehtCapabilities;
      mode = 'eht';
    }
  }
  return { wmm, params, mode };
}

/**
 * The capability element of a (re)association request's body (after the fixed fields)
 * whose length or layout is wrong, named, or undefined if they are all well formed.
 */
export function badCapabilityElement(body: Uint8Array): string | undefined {
  let hePhy: Uint8Array | undefined;
  let eht: Uint8Array | undefined;
  try {
    for (const e of iterateElements(body)) {
      const check = (name: string, fn: () => void): string | undefined => {
        try {
          fn();
          return undefined;
        } catch (err) {
          return `${name}: ${(err as Error).message}`;
        }
      };
      let bad: string | undefined;
      if (e.id === ElementId.HT_CAPABILITIES) bad = check('HT Capabilities', () => parseHtCapabilities(e.data));
      else if (e.id === ElementId.VHT_CAPABILITIES) bad = check('VHT Capabilities', () => parseVhtCapabilities(e.data));
      else if (e.id === ElementId.EXTENSION && e.data[0] === ElementExtId.HE_CAPABILITIES) bad = check('HE Capabilities', () => { hePhy = parseHeCapabilities(e.data.subarray(1)).phy; });
      else if (e.id === ElementId.EXTENSION && e.data[0] === ElementExtId.EHT_CAPABILITIES) eht = e.data.subarray(1);
      if (bad) return bad;
    }
  } catch {
    return undefined; // the element list itself is broken: not a capability element's fault
  }
  if (eht && hePhy) {
    try {
      parseEhtCapabilities(eht, hePhy, false);
    } catch (err) {
      return `EHT Capabilities: ${(err as Error).message}`;
    }
  }
  return undefined;
}
