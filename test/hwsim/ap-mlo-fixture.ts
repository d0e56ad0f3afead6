// What the AP MLD's hwsim tests (ap-mlo*.test.ts) and bench/ap's mlo mode share: wifid's
// AP MLD section (two links, 2.4 GHz channels 1 and 6, SAE-H2E with PMF required), wifid
// started with it, and
// Debian sid's wpa_supplicant 2.11 as its non-AP MLD, scanning until both links are in
// its scan results before it connects, and its MLO_STATUS read back.
import { linkAddress } from '../../plugins/mld-ap/mld-config.js';
import { pollUntil, run } from './lib/exec.js';
import type { Radio } from './lib/hwsim.js';
import type { Netns } from './lib/netns.js';
import { startWpaSupplicant, type ConfValues, type Peer } from './lib/peers.js';
import { sidWpaSupplicant } from './lib/sid.js';
import { WifidWorld } from './wifid-world.js';

export const MLD_IFNAME = 'wifid-mld0';
export const MLD_ADDR = '06:4d:4c:44:00:00';
export const MLD_SSID = 'wifid-mlo';
export const MLD_PASSWORD = 'wifid mlo password';
/** The AP MLD's link addresses (links 0 and 1, as mld-ap derives them from the MLD address). */
export const MLD_LINKS = [linkAddress(MLD_ADDR, 0), linkAddress(MLD_ADDR, 1)] as const;
/** The links' frequencies: channels 1 and 6. */
export const MLD_FREQS = [2412, 2437] as const;

/** The `config ap` section of the AP MLD on `phy` (links on channels 1 and 6 of that one wiphy). */
export function apMldSection(phy: string): string[] {
  return [
    "config ap 'mld'", `\tlist link '${phy}:1'`, `\tlist link '${phy}:6'`, `\toption mld_addr '${MLD_ADDR}'`,
    `\toption ssid '${MLD_SSID}'`, "\toption encryption 'sae'", `\toption key '${MLD_PASSWORD}'`, "\toption sae_pwe '1'", "\toption ieee80211w '2'",
    `\toption ifname '${MLD_IFNAME}'`,
  ];
}

/** A second AP MLD with SAE-EXT-KEY (AKM 24), GCMP-256 and BIP-GMAC-256, on its own radio, channels 1 and 6 too. */
export const EXT_MLD_IFNAME = 'wifid-mld1';
export const EXT_MLD_ADDR = '06:4d:4c:44:01:00';
export const EXT_MLD_SSID = 'wifid-mlo-ext';
export const EXT_MLD_LINKS = [linkAddress(EXT_MLD_ADDR, 0), linkAddress(EXT_MLD_ADDR, 1)] as const;

/** The `config ap` section of the SAE-EXT-KEY AP MLD on `phy` (its defaults: PMF required, sae_pwe 2). */
export function apMldExtSection(phy: string): string[] {
  return [
    "config ap 'mldext'", `\tlist link '${phy}:1'`, `\tlist link '${phy}:6'`, `\toption mld_addr '${EXT_MLD_ADDR}'`,
    `\toption ssid '${EXT_MLD_SSID}'`, "\toption encryption 'sae-ext'", `\toption key '${MLD_PASSWORD}'`, `\toption ifname '${EXT_MLD_IFNAME}'`,
  ];
}

/** wpa_supplicant's network block for AKM 24 with the 256-bit suites, H2E (the global sae_pwe 1) and PMF required. */
export function saeExtNetwork(ssid: string, password: string, scanFreqs: readonly number[]): ConfValues {
  return {
    ssid: `"${ssid}"`, key_mgmt: 'SAE-EXT-KEY', pairwise: 'GCMP-256', group: 'GCMP-256', group_mgmt: 'BIP-GMAC-256', psk: `"${password}"`,
    ieee80211w: 2, scan_freq: scanFreqs.join(' '), disabled: 1,
  };
}

/**
 * wifid running the AP MLD on `apRadio`'s phy, `apIp`/24 on its netdev; with `ext`, the
 * SAE-EXT-KEY AP MLD (apMldExtSection) on `ext.radio` too, `ext.ip`/24 on its netdev.
 * Throws with an AP's error if one fails.
 */
export async function startApMld(apRadio: Radio, apIp: string, ext?: { radio: Radio; ip: string }): Promise<WifidWorld> {
  const extSection = ext ? ['', ...apMldExtSection(ext.radio.phy)] : [];
  const world = await WifidWorld.create(["config plugin 'mld_ap'", "\toption enabled '1'", '', ...apMldSection(apRadio.phy), ...extSection], 'wifid.ap');
  await world.startDaemon();
  const count = ext ? 2 : 1;
  await pollUntil(`wifid.ap status: waiting for ${count === 1 ? `AP MLD ${MLD_IFNAME}` : `AP MLDs ${MLD_IFNAME}, ${EXT_MLD_IFNAME}`} running`, 60_000, async () => {
    const aps = ((await world.call('status')).json as { aps: { name: string; state: string; error?: string }[] }).aps;
    const failed = aps.find((a) => a.state === 'failed');
    if (failed) throw new Error(`AP MLD ${failed.name} failed: ${String(failed.error)}\n${world.tail()}`);
    return aps.length === count && aps.every((a) => a.state === 'running') ? aps : undefined;
  }, 500);
  await run(['ip', 'addr', 'add', `${apIp}/24`, 'dev', MLD_IFNAME]);
  if (ext) await run(['ip', 'addr', 'add', `${ext.ip}/24`, 'dev', EXT_MLD_IFNAME]);
  return world;
}

/** The SAE network block of an H2E client with PMF required. */
export function saeNetwork(ssid: string, password: string, scanFreqs: readonly number[]): ConfValues {
  return { ssid: `"${ssid}"`, key_mgmt: 'SAE', psk: `"${password}"`, ieee80211w: 2, scan_freq: scanFreqs.join(' '), disabled: 1 };
}

/**
 * sid's wpa_supplicant on `radio` in `ns` with `network` as network 0 (or the networks in
 * order), disabled until the caller enables one; with -dd (for failure messages) unless `debug` is false (a bench).
 */
export function startSidSupplicant(radio: Radio, ns: Netns, network: ConfValues | readonly ConfValues[], debug = true): Promise<Peer> {
  return startWpaSupplicant({ sae_pwe: 1 }, {
    ifname: radio.ifname, netns: ns, command: sidWpaSupplicant().argv, args: debug ? ['-dd'] : [], label: `sid wpa_supplicant on ${radio.phy}`,
    networks: Array.isArray(network) ? network : [network as ConfValues],
  });
}

/**
 * Scans until every one of `bssids` is in the station's scan results, seen in the last
 * `maxAgeS` seconds (after a link came back, an entry from before its removal does not
 * count). wpa_supplicant associates over the links whose BSSs its scan results hold (the
 * others it reports as unresolved): under TCG one active scan can miss a link's probe
 * response and beacon.
 */
export async function scanUntilSeen(sta: Peer, bssids: readonly string[], freqs: readonly number[], opts: { timeoutMs?: number; maxAgeS?: number } = {}): Promise<void> {
  const maxAgeS = opts.maxAgeS ?? Infinity;
  await pollUntil(`${sta.label}: ${bssids.join(', ')} in the scan results${Number.isFinite(maxAgeS) ? ` (seen in the last ${maxAgeS} s)` : ''}`, opts.timeoutMs ?? 90_000, async () => {
    const ages = await Promise.all(bssids.map(async (b) => /^age=(\d+)$/m.exec(await sta.ctrl(`BSS ${b}`))?.[1]));
    if (ages.every((a) => a !== undefined && Number(a) <= maxAgeS)) return true;
    if ((await sta.ctrl(`SCAN freq=${freqs.join(',')}`)).trim() === 'OK') await sta.waitEvent(/CTRL-EVENT-SCAN-RESULTS/, 20_000);
    return undefined;
  }, 1000);
}

/** `key=value` lines of a wpa_cli reply. */
export function keyValues(text: string): [string, string][] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]);
}

export interface MloStatus {
  /** link_id lines, sorted. */
  linkIds: number[];
  /** ap_link_addr lines, sorted. */
  bssids: string[];
  /** sta_link_addr lines, sorted. */
  staLinks: string[];
  /** The reply as `key=value` lines, for failure messages. */
  text: string;
}

/** `wpa_cli mlo_status` of a station. */
export async function mloStatus(sta: Peer): Promise<MloStatus> {
  const kv = keyValues(await sta.ctrl('MLO_STATUS'));
  const values = (key: string) => kv.filter(([k]) => k === key).map(([, v]) => v).sort();
  return { linkIds: values('link_id').map(Number).sort(), bssids: values('ap_link_addr'), staLinks: values('sta_link_addr'), text: kv.map((x) => x.join('=')).join('\n') };
}
