// Supported Rates and Extended Supported Rates (IEEE 802.11-2020 9.4.2.3, 9.4.2.12):
// each octet is a rate in units of 500 kb/s with bit 7 marking a basic rate, or, with
// bit 7 set, a BSS membership selector (Table 9-78). The first 8 octets go in Supported
// Rates, the rest in Extended Supported Rates.
import { ElementId, buildElement } from './elements.js';

export const BASIC_RATE_FLAG = 0x80;

/** BSS membership selector values (Table 9-78; 802.11ax adds HE PHY), sent with bit 7 set. */
export const BssMembershipSelector = {
  HE_PHY: 122,
  SAE_HASH_TO_ELEMENT_ONLY: 123,
  EPD: 124,
  GLK: 125,
  VHT_PHY: 126,
  HT_PHY: 127,
} as const;
const SELECTORS = new Set<number>(Object.values(BssMembershipSelector));

/**
 * Rate octets from the wiphy's bitrates (100 kb/s units, as nl80211 reports them):
 * each as 500 kb/s units, flagged basic when listed in `basic100k`, then the selectors.
 */
export function rateOctets(bitrates100k: readonly number[], basic100k: readonly number[], selectors: readonly number[] = []): number[] {
  const basic = new Set(basic100k);
  const out = bitrates100k.map((r) => {
    if (r % 5 !== 0 || r / 5 > 0x7f || r <= 0) throw new RangeError(`bitrate ${r * 100} kb/s has no Supported Rates encoding`);
    return (r / 5) | (basic.has(r) ? BASIC_RATE_FLAG : 0);
  });
  for (const b of basic) if (!bitrates100k.includes(b)) throw new RangeError(`basic rate ${b * 100} kb/s is not a supported rate`);
  return [...out, ...selectors.map((s) => s | BASIC_RATE_FLAG)];
}

/** The Supported Rates element and, beyond 8 octets, the Extended Supported Rates element. */
export function buildRateElements(octets: readonly number[]): { supported: Uint8Array; extended?: Uint8Array } {
  if (octets.length < 1) throw new RangeError('at least one rate is needed');
  if (octets.length > 8 + 255) throw new RangeError('too many rates');
  const supported = buildElement(ElementId.SUPPORTED_RATES, new Uint8Array(octets.slice(0, 8)));
  if (octets.length <= 8) return { supported };
  return { supported, extended: buildElement(ElementId.EXT_SUPPORTED_RATES, new Uint8Array(octets.slice(8))) };
}

export interface RateSet {
  /** Rates in 500 kb/s units, basic flag removed. */
  rates: number[];
  /** Rates the sender marked basic, in 500 kb/s units. */
  basic: number[];
  /** BSS membership selectors (without bit 7). */
  selectors: number[];
}

/** Splits the octets of Supported Rates (+ Extended Supported Rates) into rates, basic rates and selectors. */
export function decodeRateSet(octets: Uint8Array): RateSet {
  const set: RateSet = { rates: [], basic: [], selectors: [] };
  for (const o of octets) {
    const v = o & 0x7f;
    if (o & BASIC_RATE_FLAG && SELECTORS.has(v)) {
      set.selectors.push(v);
      continue;
    }
    set.rates.push(v);
    if (o & BASIC_RATE_FLAG) set.basic.push(v);
  }
  return set;
}
