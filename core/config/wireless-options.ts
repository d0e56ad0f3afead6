// UCI option types and checks that an AP section and a station's network share, with
// OpenWrt's wireless option names and meanings (ssid, encryption, key, ieee80211w, ifname):
// an AP and a station must agree on what a valid key or a PMF default is.
import { customType, macType, stringType } from './option-types.js';

const MAX_SSID_BYTES = 32;
/** Linux's IFNAMSIZ less the terminating NUL. */
const IFNAMSIZ = 15;

export const ssidType = customType<string>(
  `SSID of 1..${MAX_SSID_BYTES} bytes (UTF-8)`,
  (raw) => {
    const n = Buffer.byteLength(raw, 'utf8');
    return n >= 1 && n <= MAX_SSID_BYTES ? raw : undefined;
  },
  (v) => v,
);

/** A wiphy by name, as `iw phy` lists it. */
export const phyType = stringType({ minLength: 1, maxLength: 31, pattern: /^[A-Za-z0-9_.-]+$/, patternText: 'a wiphy name such as phy0' });

/** A key as given (its rules depend on the encryption: personalSecurityProblem). */
export const keyType = stringType({ minLength: 1, maxLength: 128 });

/** A unicast MAC address (a BSSID, an MLD address); lower case. */
export const unicastMacType = customType<string>(
  'a unicast MAC address such as 02:00:00:00:01:00',
  (raw) => {
    const parsed = macType.parse(raw);
    if (!parsed.ok) return undefined;
    const mac = parsed.value.toLowerCase();
    return (parseInt(mac.slice(0, 2), 16) & 1) === 0 && mac !== '00:00:00:00:00:00' ? mac : undefined;
  },
  (v) => v,
);

export const ifnameType = stringType({ minLength: 1, maxLength: IFNAMSIZ, pattern: /^[A-Za-z0-9_.-]+$/, patternText: `an interface name of 1..${IFNAMSIZ} letters, digits, _ . -` });

/** Longest SAE password taken (hostapd's sae_password has no limit; OpenWrt's LuCI caps keys). */
export const MAX_SAE_PASSWORD = 128;

/** A PSK passphrase (8..63 printable ASCII, IEEE 802.11-2020 J.4.1) or the PSK as 64 hex digits. */
export function isValidPassphrase(key: string): boolean {
  return /^[\x20-\x7e]{8,63}$/.test(key) || /^[0-9a-fA-F]{64}$/.test(key);
}

/** Management frame protection per encryption when ieee80211w is not given (OpenWrt's defaults). */
export function defaultPmf(encryption: string): 0 | 1 | 2 {
  switch (encryption) {
    case 'psk2-sha256':
    case 'sae':
    case 'sae-ext':
      return 2;
    case 'sae-mixed':
      return 1;
    default:
      return 0;
  }
}

/** Management frame protection in force: ieee80211w when given, else the encryption's default. */
export function pmfSetting(s: { encryption: string; ieee80211w?: '0' | '1' | '2' | undefined }): 0 | 1 | 2 {
  return s.ieee80211w !== undefined ? (Number(s.ieee80211w) as 0 | 1 | 2) : defaultPmf(s.encryption);
}

/**
 * What is wrong with a WPA2/WPA3-Personal setting (encryption, key, ieee80211w), or
 * undefined: a key for every encryption but none, a passphrase for the PSK AKMs, SAE's
 * password length, and PMF for the AKMs that require it (AKM 6, 8 and 24, 802.11-2020 12.6.3).
 */
export function personalSecurityProblem(s: { encryption: string; key?: string | undefined; ieee80211w?: '0' | '1' | '2' | undefined }): string | undefined {
  if (s.encryption === 'none') return s.key !== undefined ? 'key is given but encryption is none' : undefined;
  if (s.key === undefined) return `encryption ${s.encryption} needs a key`;
  const saePassword = s.encryption === 'sae' || s.encryption === 'sae-ext';
  if (saePassword) {
    if (s.key.length < 1 || s.key.length > MAX_SAE_PASSWORD) return `key: an SAE password of 1..${MAX_SAE_PASSWORD} characters is needed`;
  } else if (!isValidPassphrase(s.key)) {
    return `key: a passphrase of 8..63 printable ASCII characters or 64 hex digits is needed (got ${s.key.length} characters)`;
  }
  const pmf = pmfSetting(s);
  if (s.encryption === 'psk2-sha256' && pmf === 0) return 'psk2-sha256 (AKM 6) needs management frame protection: ieee80211w 1 or 2, not 0';
  if (saePassword && pmf === 0) return `${s.encryption} (WPA3-Personal) needs management frame protection: ieee80211w 1 or 2, not 0`;
  return undefined;
}
