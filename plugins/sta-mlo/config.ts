// The plugin's UCI sections in /etc/config/wifid: one `config sta '<name>'` per station
// (its radio and netdev) and any number of `config sta_network`, each naming the station
// it belongs to with `option sta` (as OpenWrt's wifi-iface names its radio with
// `option device`). Option names and values follow OpenWrt's wireless configuration:
//   config sta 'uplink'
//       option phy 'phy2'
//   config sta_network
//       option sta 'uplink'
//       option ssid 'home'
//       option encryption 'sae'
//       option key 'secret passphrase'
//       option priority '10'
// What the file alone shows is checked here (the section is then left out and the
// problem is in `wifid status`); a network naming no valid station is reported when
// the plugin applies the configuration (sta-manager.ts).
import { boolType, customType, defineSection, enumType, intType, macType, option, optionalOption, requiredOption, stringType, type SectionValues } from '../../core/config/index.js';

export const STA_ENCRYPTIONS = ['none', 'psk2', 'psk2-sha256', 'sae'] as const;
export type StaEncryption = (typeof STA_ENCRYPTIONS)[number];

const MAX_SSID_BYTES = 32;
const IFNAMSIZ = 15;
/** Largest priority (wpa_supplicant's priority is an int; OpenWrt shows small numbers). */
export const MAX_PRIORITY = 1000;

const ssidType = customType<string>(
  `SSID of 1..${MAX_SSID_BYTES} bytes (UTF-8)`,
  (raw) => {
    const n = Buffer.byteLength(raw, 'utf8');
    return n >= 1 && n <= MAX_SSID_BYTES ? raw : undefined;
  },
  (v) => v,
);

const unicastMacType = customType<string>(
  'a unicast MAC address such as 02:00:00:00:01:00',
  (raw) => {
    const parsed = macType.parse(raw);
    if (!parsed.ok) return undefined;
    return (parseInt(parsed.value.slice(0, 2), 16) & 1) === 0 ? parsed.value : undefined;
  },
  (v) => v,
);

const sectionNameType = stringType({ minLength: 1, maxLength: 64, pattern: /^[A-Za-z0-9_]+$/, patternText: 'the name of a sta section (letters, digits, _)' });

/** A PSK passphrase (8..63 printable ASCII, IEEE 802.11-2020 J.4.1) or the PSK as 64 hex digits. */
export function isValidPassphrase(key: string): boolean {
  return /^[\x20-\x7e]{8,63}$/.test(key) || /^[0-9a-fA-F]{64}$/.test(key);
}

/** Management frame protection per encryption when ieee80211w is not given (OpenWrt's defaults). */
export function defaultStaPmf(encryption: StaEncryption): 0 | 1 | 2 {
  return encryption === 'psk2-sha256' || encryption === 'sae' ? 2 : 0;
}

export const STA_SECTION = defineSection({
  type: 'sta',
  doc: 'One station (plugin sta-mlo, ubus wifid.sta): its radio and netdev. Its networks are sta_network sections naming it with option sta.',
  naming: 'named',
  options: {
    phy: requiredOption(stringType({ minLength: 1, maxLength: 31, pattern: /^[A-Za-z0-9_.-]+$/, patternText: 'a wiphy name such as phy0' }), 'The radio (wiphy name, iw phy).'),
    ifname: optionalOption(stringType({ minLength: 1, maxLength: IFNAMSIZ, pattern: /^[A-Za-z0-9_.-]+$/, patternText: `an interface name of 1..${IFNAMSIZ} letters, digits, _ . -` }), 'Name of the station netdev. Default: wifid-sta<N>, N counting the sta sections from 0.'),
  },
});

export const STA_NETWORK_SECTION = defineSection({
  type: 'sta_network',
  doc: 'A network a station may connect to (plugin sta-mlo): option sta names the sta section it belongs to.',
  naming: 'any',
  options: {
    sta: requiredOption(sectionNameType, 'The station (name of its sta section) that may connect to this network.'),
    ssid: requiredOption(ssidType, 'Network name, 1..32 bytes.'),
    encryption: option(enumType(STA_ENCRYPTIONS), 'none, psk2 (WPA2-PSK, AKM 2), psk2-sha256 (AKM 6), sae (WPA3-Personal, AKM 8; the only one that associates over several links).', 'none'),
    key: optionalOption(stringType({ minLength: 1, maxLength: 128 }), 'Passphrase: 8..63 printable ASCII characters or 64 hex digits (sae: 1..128 characters).'),
    ieee80211w: optionalOption(enumType(['0', '1', '2'] as const), 'Management frame protection: 0 off, 1 optional, 2 required. Default: 2 for psk2-sha256 and sae, else 0.'),
    bssid: optionalOption(unicastMacType, 'Connect only to this BSS (for an AP MLD: one of its links).'),
    mlo: option(boolType, 'Associate over all the links of an AP MLD when the network offers them (needs sae); 0: one link only.', true),
    priority: option(intType(0, MAX_PRIORITY), 'Among the networks in range the highest priority is chosen first, then the strongest signal.', 0),
  },
  check(v) {
    if (v.encryption === 'none') return v.key !== undefined ? 'key is given but encryption is none' : undefined;
    if (v.key === undefined) return `encryption ${v.encryption} needs a key`;
    if (v.encryption !== 'sae' && !isValidPassphrase(v.key)) {
      return `key: a passphrase of 8..63 printable ASCII characters or 64 hex digits is needed (got ${v.key.length} characters)`;
    }
    const pmf = v.ieee80211w !== undefined ? Number(v.ieee80211w) : defaultStaPmf(v.encryption);
    if (v.encryption === 'psk2-sha256' && pmf === 0) return 'psk2-sha256 (AKM 6) needs management frame protection: ieee80211w 1 or 2, not 0';
    if (v.encryption === 'sae' && pmf === 0) return 'sae (WPA3-Personal) needs management frame protection: ieee80211w 1 or 2, not 0';
    return undefined;
  },
});

export type StaSettings = SectionValues<typeof STA_SECTION>;
export type StaNetworkSettings = SectionValues<typeof STA_NETWORK_SECTION>;

/** Management frame protection a network asks for: 0 off, 1 capable, 2 required. */
export function networkPmf(n: StaNetworkSettings): 0 | 1 | 2 {
  return n.ieee80211w !== undefined ? (Number(n.ieee80211w) as 0 | 1 | 2) : defaultStaPmf(n.encryption);
}
