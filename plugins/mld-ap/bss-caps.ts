// What a BSS advertises about its PHY and QoS, built from the wiphy's band data and the
// channel plan (htmode): HT/VHT/HE/EHT Capabilities and Operation, the WMM Parameter
// element, the Country element and Extended Capabilities. Beacons, probe responses and
// (with the capabilities and operation) association responses carry them.
import type { BssTemplate } from '../../core/ieee80211/beacon.js';
import { buildCountryElement, countrySubbands, CountryEnvironment, type CountrySubband } from '../../core/ieee80211/country.js';
import { buildEhtCapabilities, buildEhtOperation } from '../../core/ieee80211/eht.js';
import { buildElement, ElementId } from '../../core/ieee80211/elements.js';
import { buildHe6ghzBandCapabilities, buildHeCapabilities, buildHeOperation, HE_MAC_LEN, HE_PHY_LEN } from '../../core/ieee80211/he.js';
import { buildHtCapabilities, buildHtOperation } from '../../core/ieee80211/ht.js';
import { buildVhtCapabilities, buildVhtOperation } from '../../core/ieee80211/vht.js';
import { buildWmmParameterElement } from '../../core/ieee80211/wmm.js';
import type { Band } from '../../core/nl80211/inventory.js';
import type { RadioPlan } from './radio-checks.js';

/** The elements a beacon template takes from the PHY and QoS side, as BssTemplate names them. */
export interface BssCaps extends Pick<BssTemplate,
  'htCapabilities' | 'htOperation' | 'vhtCapabilities' | 'vhtOperation' | 'heCapabilities' | 'heOperation'
  | 'he6ghzBandCapabilities' | 'ehtCapabilities' | 'ehtOperation' | 'extCapabilities' | 'country'> {
  /** The WMM Parameter element (whole vendor element). */
  wmmParameter: Uint8Array;
}

/** Extended Capabilities bit 62 (802.11-2020 Table 9-153): the AP acts on Operating Mode Notification frames (mac80211 does). */
const EXT_CAPA_OPERATING_MODE_NOTIFICATION = 62;

/** An Extended Capabilities element with `bits` set, as short as its highest bit allows; none without bits. */
export function buildExtCapabilities(bits: readonly number[]): Uint8Array | undefined {
  if (bits.length === 0) return undefined;
  const body = new Uint8Array(Math.floor(Math.max(...bits) / 8) + 1);
  for (const b of bits) body[b >> 3]! |= 1 << (b & 7);
  return buildElement(ElementId.EXT_CAPABILITIES, body);
}

/** Operating Extension Identifier (9.4.2.8): a triplet starting with 201 or more names an operating class. */
const OPERATING_TRIPLET = 201;
/** 6 GHz 20 MHz channels, global operating class 131 (Table E-4). */
const OP_CLASS_6GHZ_20 = 131;

/**
 * The Country element for `code` ("00" or undefined: the world domain, sent as the
 * standard's noncountry entity "XX" with environment 'X'), its triplets from the band's
 * channels that are enabled, with their maximum power; on 6 GHz preceded by the
 * operating triplet of class 131 with the global operating classes environment.
 */
export function buildCountryFor(code: string | undefined, bandName: RadioPlan['band'], band: Band): Uint8Array {
  const world = code === undefined || code === '00';
  const spacing = bandName === '2.4GHz' ? 1 : 4;
  const base = bandName === '2.4GHz' ? 2407 : bandName === '5GHz' ? 5000 : 5950;
  const channels = band.channels
    .filter((c) => !c.disabled && c.freq !== 2484 && (c.freq - base) % 5 === 0)
    .map((c) => ({ channel: (c.freq - base) / 5, maxTxPowerDbm: Math.max(0, Math.min(127, Math.floor((c.maxTxPowerMbm ?? 2000) / 100))) }));
  const triplets: CountrySubband[] = countrySubbands(channels, spacing);
  const sixGhz = bandName === '6GHz';
  if (sixGhz) triplets.unshift({ firstChannel: OPERATING_TRIPLET, numChannels: OP_CLASS_6GHZ_20, maxTxPowerDbm: 0 });
  return buildCountryElement({
    code: world ? 'XX' : code,
    environment: sixGhz ? CountryEnvironment.GLOBAL_OP_CLASSES : world ? CountryEnvironment.NON_COUNTRY : CountryEnvironment.ANY,
    subbands: triplets.slice(0, 84), // the element's body holds at most 255 octets
  });
}

/** BSS Color of an HE BSS (1..63): from the BSSID, so APs of one radio differ and a restart keeps it. */
export function bssColorOf(bssid: Uint8Array): number {
  return (bssid[5]! % 63) + 1;
}

/** Every capability element of the BSS the plan describes. */
export function buildBssCaps(plan: RadioPlan, bssid: Uint8Array, country: string | undefined): BssCaps {
  const { mode, bss, apIftype } = plan.channelPlan;
  const band = plan.bandData;
  const out: BssCaps = { wmmParameter: buildWmmParameterElement(), country: buildCountryFor(country, plan.band, band) };
  if (mode === 'legacy') return out;
  if (plan.band !== '6GHz' && band.htCapa) {
    out.htCapabilities = buildHtCapabilities(band.htCapa, bss);
    out.htOperation = buildHtOperation(bss);
  }
  // VHT on 5 GHz for VHT modes, and under HE/EHT there as OpenWrt does (ieee80211ac with ax/be on 5 GHz).
  if (plan.band === '5GHz' && band.vhtCapa && mode !== 'ht') {
    out.vhtCapabilities = buildVhtCapabilities(band.vhtCapa, { ...bss, width: bss.width === 320 ? 160 : bss.width });
    out.vhtOperation = buildVhtOperation(bss);
  }
  if ((mode === 'he' || mode === 'eht') && apIftype) {
    out.heCapabilities = buildHeCapabilities(apIftype, bss);
    out.heOperation = buildHeOperation(bss, { bssColor: bssColorOf(bssid) });
    if (plan.band === '6GHz' && apIftype.he6ghzCapa !== undefined) out.he6ghzBandCapabilities = buildHe6ghzBandCapabilities(apIftype.he6ghzCapa);
    if (mode === 'eht') {
      // The EHT-MCS map's size follows the HE PHY field the same frame carries.
      const hePhy = out.heCapabilities.subarray(3 + HE_MAC_LEN, 3 + HE_MAC_LEN + HE_PHY_LEN);
      out.ehtCapabilities = buildEhtCapabilities(apIftype, hePhy, bss);
      out.ehtOperation = buildEhtOperation(bss);
    }
  }
  const ext = buildExtCapabilities(mode === 'ht' ? [] : [EXT_CAPA_OPERATING_MODE_NOTIFICATION]);
  if (ext) out.extCapabilities = ext;
  return out;
}

/** The elements of a successful association response (802.11-2020 Table 9-35): capabilities and operation, extended capabilities, WMM to a WMM station. */
export function assocResponseCaps(caps: BssCaps, wmmStation: boolean): Uint8Array[] {
  return [
    caps.htCapabilities, caps.htOperation, caps.extCapabilities, caps.vhtCapabilities, caps.vhtOperation,
    caps.heCapabilities, caps.heOperation, caps.he6ghzBandCapabilities, caps.ehtCapabilities, caps.ehtOperation,
    wmmStation ? caps.wmmParameter : undefined,
  ].filter((e): e is Uint8Array => e !== undefined);
}
