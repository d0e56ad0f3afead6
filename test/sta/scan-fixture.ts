// Beacon elements of the BSSs the scan tests hear, built with the core's element
// builders the AP uses: an AP MLD's two links (each with its Basic Multi-Link element
// and an RNR naming the other link) and a plain WPA2-PSK BSS.
import { buildSsidElement, buildSupportedRatesElement, buildDsParamsElement } from '../../core/ieee80211/elements.js';
import { buildBasicMultiLink } from '../../core/ieee80211/multi-link.js';
import { buildRnr, shortSsid } from '../../core/ieee80211/rnr.js';
import { AKM_PSK, AKM_SAE, CIPHER_BIP_CMAC128, CIPHER_CCMP, encodeRsne, encodeRsnxe, RsnCapability } from '../../core/ieee80211/rsn-element.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import type { ScanResult } from '../../core/nl80211/scan.js';

const cat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));
const text = (s: string) => new TextEncoder().encode(s);

export const MLD_ADDR = '06:00:00:00:00:01';
export const LINK0 = { id: 0, bssid: '06:00:00:00:00:10', channel: 1, freq: 2412 };
export const LINK1 = { id: 1, bssid: '06:00:00:00:00:11', channel: 6, freq: 2437 };

const saeRsne = encodeRsne({ version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_SAE], capabilities: RsnCapability.MFPC | RsnCapability.MFPR, pmkids: [], groupMgmtCipher: CIPHER_BIP_CMAC128 });
const pskRsne = encodeRsne({ version: 1, groupCipher: CIPHER_CCMP, pairwiseCiphers: [CIPHER_CCMP], akms: [AKM_PSK], capabilities: 0, pmkids: [] });

/** The elements of link `self`'s beacon; `partner` is named in its RNR. */
export function mldLinkIes(self: typeof LINK0, partner: typeof LINK0 | undefined, ssid = 'wifid-mld'): Uint8Array {
  return cat(
    buildSsidElement(text(ssid)),
    buildSupportedRatesElement([0x82, 0x84, 0x8b, 0x96]),
    buildDsParamsElement(self.channel),
    saeRsne,
    encodeRsnxe({ h2e: true }),
    ...(partner ? [buildRnr([{ opClass: 81, channel: partner.channel, aps: [{
      bssid: macFromString(partner.bssid), shortSsid: shortSsid(text(ssid)), bssParams: 0,
      mld: { apMldId: 0, linkId: partner.id, bssParamsChangeCount: 0, allUpdatesIncluded: false, disabledLink: false },
    }] }])] : []),
    buildBasicMultiLink({ mldAddr: macFromString(MLD_ADDR), linkId: self.id, bssParamsChangeCount: 0, mldCapabilities: 1, profiles: [] }),
  );
}

export function pskIes(ssid = 'legacy'): Uint8Array {
  return cat(buildSsidElement(text(ssid)), buildSupportedRatesElement([0x82, 0x84, 0x8b, 0x96]), buildDsParamsElement(11), pskRsne);
}

export function result(bssid: string, freq: number, ies: Uint8Array, signal?: number): ScanResult {
  return { bssid, freq, ies, ...(signal !== undefined ? { signal } : {}) };
}
