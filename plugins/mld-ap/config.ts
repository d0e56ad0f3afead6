// The plugin's UCI sections, `config ap '<name>'` in /etc/config/wifid, one per AP,
// with OpenWrt's option names (wireless's wifi-iface/wifi-device):
//   config ap 'home'
//       option phy 'phy0'
//       option channel '6'
//       option htmode 'HT20'
//       option ssid 'OpenWrt'
//       option encryption 'psk2'
//       option key 'secret passphrase'
// An AP MLD (issue 17) names its links instead of phy and channel, one per line:
//       list link 'phy0:1'
//       list link 'phy0:6'
//       option mld_addr '06:00:00:00:00:01'      (optional)
// What can be checked from the file alone is checked here (the section is then left
// out, the problem is in `wifid status`); what needs the radio (the channel on the phy,
// an htmode the phy can do) is checked when the AP starts (apply-checks.ts).
import { boolType, customType, defineSection, enumType, intType, listOption, option, optionalOption, requiredOption, stringType, type SectionValues } from '../../core/config/index.js';
import { ifnameType, keyType, personalSecurityProblem, phyType, pmfSetting, ssidType, unicastMacType } from '../../core/config/wireless-options.js';
import { formatLinkSpec, linksProblem, parseLinkSpec, type LinkSpec } from './mld-config.js';

export const ENCRYPTIONS = ['none', 'psk2', 'psk2-sha256', 'sae', 'sae-mixed', 'sae-ext'] as const;
export type Encryption = (typeof ENCRYPTIONS)[number];

/** OpenWrt's htmode names (wifi-device option htmode). */
export const HTMODES = [
  'NOHT', 'HT20', 'HT40', 'HT40+', 'HT40-', 'VHT20', 'VHT40', 'VHT80', 'VHT160',
  'HE20', 'HE40', 'HE80', 'HE160', 'EHT20', 'EHT40', 'EHT80', 'EHT160', 'EHT320',
] as const;
export type HtMode = (typeof HTMODES)[number];

const linkType = customType<LinkSpec<HtMode>>(
  `<phy>:<channel>[:<htmode>], e.g. phy0:6 or phy0:36:EHT80 (htmode one of ${HTMODES.join(', ')})`,
  (raw) => parseLinkSpec(raw, HTMODES),
  formatLinkSpec,
);

/** Whether the BSS offers SAE: sae (AKM 8), sae-mixed (AKM 8 beside WPA2-PSK), sae-ext (AKM 24). */
export function usesSae(encryption: Encryption): boolean {
  return encryption === 'sae' || encryption === 'sae-mixed' || encryption === 'sae-ext';
}

export const AP_SECTION = defineSection({
  type: 'ap',
  doc: 'One access point (plugin mld-ap, ubus wifid.ap): radio, channel, SSID and security. Any number of sections; a reload starts, stops or restarts only the APs whose section changed.',
  naming: 'named',
  options: {
    phy: optionalOption(phyType, 'The radio (wiphy name, iw phy); with channel, unless the links are given as list link.'),
    band: optionalOption(enumType(['2g', '5g', '6g'] as const), 'Band of the channel (OpenWrt\'s band): needed for 6 GHz, whose channel numbers overlap 5 GHz ones. Default: 2g for channels 1..14, else 5g.'),
    channel: optionalOption(intType(1, 233), 'Channel number on the band; must be enabled for beaconing on the phy.'),
    link: listOption(linkType, 'The links instead of phy and channel: <phy>:<channel>[:<htmode>]; two or more make an AP MLD (802.11be multi-link), one a single-link AP.'),
    mld_addr: optionalOption(unicastMacType, 'MLD address of an AP MLD. Default: derived from the section name, locally administered; link addresses are derived from it.'),
    htmode: optionalOption(enumType(HTMODES), 'OpenWrt htmode: NOHT, HT20, HT40 (HT40+/HT40-: secondary channel above/below), VHT20..160, HE20..160, EHT20..320; the phy must support it. Default: HT20 on a radio with HT, else NOHT (what OpenWrt\'s wifi config writes).'),
    country: optionalOption(stringType({ minLength: 2, maxLength: 2, pattern: /^([A-Z]{2}|00)$/, patternText: 'two capital letters (ISO 3166-1) or 00 (world)' }), 'Country code of the Country element (OpenWrt\'s wifi-device option country). Default: the kernel\'s regulatory domain.'),
    ssid: requiredOption(ssidType, 'Network name, 1..32 bytes.'),
    encryption: option(enumType(ENCRYPTIONS), 'none, psk2 (WPA2-PSK, AKM 2), psk2-sha256 (AKM 6), sae (WPA3-Personal, AKM 8), sae-mixed (SAE and WPA2-PSK), sae-ext (SAE-EXT-KEY, AKM 24, with GCMP-256 and BIP-GMAC-256; sae_pwe 1 or 2).', 'none'),
    key: optionalOption(keyType, 'Passphrase: 8..63 printable ASCII characters or 64 hex digits (sae, sae-ext: 1..128 characters).'),
    sae_pwe: option(enumType(['0', '1', '2'] as const), 'SAE password element: 0 hunting-and-pecking, 1 hash-to-element only, 2 both.', '2'),
    ieee80211w: optionalOption(enumType(['0', '1', '2'] as const), 'Management frame protection: 0 off, 1 optional, 2 required. Default: 2 for psk2-sha256, sae and sae-ext, 1 for sae-mixed, else 0.'),
    wpa_group_rekey: option(intType(0, 86_400 * 365), 'Group key (GTK) rekey interval, s; 0 = only when a client leaves. Default 86400, hostapd\'s for a CCMP group cipher (600 is its TKIP default).', 86_400),
    beacon_int: option(intType(15, 65535), 'Beacon interval, TU (1.024 ms).', 100),
    dtim_period: option(intType(1, 255), 'DTIM period, beacons.', 2),
    max_clients: option(intType(1, 2007), 'Most stations associated at once (AIDs 1..2007); more are refused with status 17.', 2007),
    hidden: option(boolType, 'Hide the SSID in beacons (probe requests naming it are still answered).', false),
    ifname: optionalOption(ifnameType, 'Name of the AP netdev. Default: wifid-ap<N>, N counting the ap sections from 0.'),
  },
  check(v) {
    if (v.link.length === 0 && (v.phy === undefined || v.channel === undefined)) return 'phy and channel are needed (or the links as list link)';
    if (v.link.length > 0 && (v.phy !== undefined || v.channel !== undefined)) return 'give either phy and channel or list link, not both';
    const links = linksProblem(v.link);
    if (links) return links;
    if (v.mld_addr !== undefined && v.link.length < 2) return 'mld_addr is for an AP MLD: it needs two or more links (list link)';
    // A station using AKM 24 derives its password element by hash-to-element only
    // (wpa_supplicant always does), so a BSS that refuses H2E could not serve one.
    if (v.encryption === 'sae-ext' && v.sae_pwe === '0') return 'sae-ext (AKM 24) uses hash-to-element: sae_pwe 1 or 2, not 0';
    return personalSecurityProblem(v);
  },
});

export type ApSettings = SectionValues<typeof AP_SECTION>;

/** Management frame protection in force: 0 off, 1 capable, 2 required. */
export function pmfOf(s: ApSettings): 0 | 1 | 2 {
  return pmfSetting(s);
}

/** The links of a section: `list link`, or the one of phy, channel and htmode. */
export function apLinks(s: ApSettings): LinkSpec<HtMode>[] {
  const withHtmode = (l: { phy: string; channel: number }, htmode: HtMode | undefined): LinkSpec<HtMode> => ({ phy: l.phy, channel: l.channel, ...(htmode ? { htmode } : {}) });
  if (s.link.length > 0) return s.link.map((l) => withHtmode(l, l.htmode ?? s.htmode));
  return [withHtmode({ phy: s.phy!, channel: s.channel! }, s.htmode)];
}

/** Two or more links: an AP MLD. */
export function isApMld(s: ApSettings): boolean {
  return s.link.length > 1;
}
