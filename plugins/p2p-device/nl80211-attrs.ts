// Attribute values nl80211 takes as raw bytes that the P2P Device needs to build.

/**
 * NL80211_ATTR_SCAN_SSIDS is a nested list whose entries are the SSIDs as attributes
 * numbered from 1 (as wpa_supplicant's nl80211_scan_common builds it); the schema types
 * it as binary, so the nesting is written here: len (u16), type (u16), SSID, padding to 4.
 */
export function encodeScanSsids(ssids: readonly Uint8Array[]): Uint8Array {
  const parts: number[] = [];
  ssids.forEach((ssid, i) => {
    const len = 4 + ssid.length;
    parts.push(len & 0xff, len >> 8, (i + 1) & 0xff, (i + 1) >> 8, ...ssid);
    while (parts.length % 4 !== 0) parts.push(0);
  });
  return new Uint8Array(parts);
}
