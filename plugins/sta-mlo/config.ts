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
import { ifnameType, keyType, personalSecurityProblem, phyType, pmfSetting, ssidType, unicastMacType } from '../../core/config/wireless-options.js';
import { boolType, customType, defineSection, enumType, intType, macType, option, optionalOption, requiredOption, stringType, type SectionValues } from '../../core/config/index.js';

export const STA_ENCRYPTIONS = ['none', 'psk2', 'psk2-sha256', 'sae'] as const;
export type StaEncryption = (typeof STA_ENCRYPTIONS)[number];

/** Largest priority (wpa_supplicant's priority is an int; OpenWrt shows small numbers). */
export const MAX_PRIORITY = 1000;

const sectionNameType = stringType({ minLength: 1, maxLength: 64, pattern: /^[A-Za-z0-9_]+$/, patternText: 'the name of a sta section (letters, digits, _)' });

export const STA_SECTION = defineSection({
  type: 'sta',
  doc: 'One station (plugin sta-mlo, ubus wifid.sta): its radio and netdev. Its networks are sta_network sections naming it with option sta.',
  naming: 'named',
  options: {
    phy: requiredOption(phyType, 'The radio (wiphy name, iw phy).'),
    ifname: optionalOption(ifnameType, 'Name of the station netdev. Default: wifid-sta<N>, N counting the sta sections from 0.'),
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
    key: optionalOption(keyType, 'Passphrase: 8..63 printable ASCII characters or 64 hex digits (sae: 1..128 characters).'),
    ieee80211w: optionalOption(enumType(['0', '1', '2'] as const), 'Management frame protection: 0 off, 1 optional, 2 required. Default: 2 for psk2-sha256 and sae, else 0.'),
    bssid: optionalOption(unicastMacType, 'Connect only to this BSS (for an AP MLD: one of its links).'),
    mlo: option(boolType, 'Associate over all the links of an AP MLD when the network offers them (needs sae); 0: one link only.', true),
    priority: option(intType(0, MAX_PRIORITY), 'Among the networks in range the highest priority is chosen first, then the strongest signal.', 0),
    auto_connect: option(boolType, 'The station connects to this network by itself when it is the best in range (and reconnects after a loss); 0: only by ubus connect.', true),
  },
  check(v) {
    return personalSecurityProblem(v);
  },
});

export type StaSettings = SectionValues<typeof STA_SECTION>;
export type StaNetworkSettings = SectionValues<typeof STA_NETWORK_SECTION>;

/** Management frame protection a network asks for: 0 off, 1 capable, 2 required. */
export function networkPmf(n: StaNetworkSettings): 0 | 1 | 2 {
  return pmfSetting(n);
}
