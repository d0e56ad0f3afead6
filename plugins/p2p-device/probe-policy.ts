// Whether a P2P Device in Listen state answers a probe request: the checks of
// wpa_supplicant's p2p_reply_probe (src/p2p/p2p.c), so wifid answers exactly the
// searches a Wi-Fi P2P device is meant to answer.
import { isBroadcastMac, macEquals } from '../../core/ieee80211/mac-address.js';
import { isP2pWildcardSsid, type ProbeRequest } from '../../core/ieee80211/p2p-probe.js';
import type { DeviceType } from '../../core/ieee80211/device-type.js';

export type ProbeVerdict = { answer: true } | { answer: false; why: string };

function typeMatches(own: DeviceType, requested: DeviceType): boolean {
  if (own.category !== requested.category) return false;
  // A requested type with OUI and sub-category 0 is a category wildcard.
  if (requested.oui === 0 && requested.subcategory === 0) return true;
  return own.oui === requested.oui && own.subcategory === requested.subcategory;
}

export function probeVerdict(req: ProbeRequest, ownAddress: Uint8Array, ownTypes: readonly DeviceType[]): ProbeVerdict {
  if (!req.p2p) return { answer: false, why: 'no P2P element' };
  if (!isBroadcastMac(req.header.da) && !macEquals(req.header.da, ownAddress)) return { answer: false, why: 'addressed to another device' };
  if (!isBroadcastMac(req.header.bssid)) return { answer: false, why: 'BSSID is not the wildcard' };
  if (!isP2pWildcardSsid(req.ssid)) return { answer: false, why: 'SSID is not the P2P wildcard "DIRECT-"' };
  if (req.elevenBOnly) return { answer: false, why: '802.11b rates only' };
  if (req.p2p.deviceId && !macEquals(req.p2p.deviceId, ownAddress)) return { answer: false, why: 'Device ID names another device' };
  const wanted = req.wps?.requestedDeviceTypes ?? [];
  if (wanted.length > 0 && !ownTypes.some((own) => wanted.some((w) => typeMatches(own, w)))) {
    return { answer: false, why: 'Requested Device Type does not match' };
  }
  return { answer: true };
}
