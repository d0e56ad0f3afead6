// MLO clients of mld-ap's AP MLD (issue 17) against the real kernel: wifid with an AP MLD
// of two links (2.4 GHz channels 1 and 6) on one mac80211_hwsim radio (mlo=1), SAE with
// hash-to-element and PMF required; Debian sid's wpa_supplicant 2.11 (built with 802.11be)
// on another radio in its own network namespace associates over both links; bookworm's
// wpa_supplicant 2.10 joins link 1 as a legacy station, alone and beside the MLD.
import { afterEach, describe, expect, it } from 'vitest';
import { linkAddress } from '../../plugins/mld-ap/mld-config.js';
import { pollUntil, run, tryRun } from './lib/exec.js';
import { loadHwsim, unloadHwsim, type Radio } from './lib/hwsim.js';
import { createNetns, movePhyToNetns, type Netns } from './lib/netns.js';
import { startWpaSupplicant, type Peer } from './lib/peers.js';
import { sidIw, sidWpaSupplicant } from './lib/sid.js';
import { WifidWorld } from './wifid-world.js';

const IFNAME = 'wifid-mld0';
const MLD_ADDR = '06:4d:4c:44:00:00';
const SSID = 'wifid-mlo';
const PASSWORD = 'wifid mlo password';
const AP_IP = '192.168.79.1';
const STA_IP = '192.168.79.2';
const LEGACY_IP = '192.168.79.3';
// Under TCG SAE's P-256 work, every node start and each ubus CLI call take seconds.
const TEST_TIMEOUT_MS = 600_000;

afterEach(async () => {
  await unloadHwsim();
});

type Client = { addr: string; authorized: boolean; akm: string; pmf: boolean; mlo?: boolean; mld_addr?: string; link_id?: number; links?: { link_id: number; addr: string }[] };

/** `key=value` lines of a wpa_cli reply. */
function keyValues(text: string): [string, string][] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]);
}

async function startApMld(apRadio: Radio): Promise<WifidWorld> {
  const world = await WifidWorld.create([
    "config plugin 'mld_ap'", "\toption enabled '1'", '',
    "config ap 'mld'", `\tlist link '${apRadio.phy}:1'`, `\tlist link '${apRadio.phy}:6'`, `\toption mld_addr '${MLD_ADDR}'`,
    `\toption ssid '${SSID}'`, "\toption encryption 'sae'", `\toption key '${PASSWORD}'`, "\toption sae_pwe '1'", "\toption ieee80211w '2'",
    `\toption ifname '${IFNAME}'`,
  ], 'wifid.ap');
  await world.startDaemon();
  await pollUntil(`wifid.ap status: waiting for AP MLD ${IFNAME} running`, 60_000, async () => {
    const ap = ((await world.call('status')).json as { aps: { state: string; error?: string }[] }).aps[0];
    if (ap?.state === 'failed') throw new Error(`AP MLD failed: ${String(ap.error)}\n${world.tail()}`);
    return ap?.state === 'running' ? ap : undefined;
  }, 500);
  await run(['ip', 'addr', 'add', `${AP_IP}/24`, 'dev', IFNAME]);
  return world;
}

/** What a failed association shows: the station's lines about selection, SAE, MLD and association, and wifid's status and log. */
async function diagnosis(sta: Peer, world: WifidWorld): Promise<string> {
  const lines = sta.output.filter((l) => /SAE|MLD|MLO|ML:|auth|assoc|DISABLED|reject|skip|select|EHT|RSN|PMF|wifid-mlo|CTRL-EVENT|link/i.test(l)).slice(-200);
  const status = JSON.stringify((await world.call('status').catch(() => ({ json: null }))).json);
  return `station:\n${lines.join('\n')}\nwifid status: ${status}\nwifid:\n${world.tail(120)}`;
}

/** Station MACs as `iw dev <ap> station dump` lists them. */
async function dumpedStations(): Promise<{ dump: string; addrs: string[] }> {
  const dump = (await run([...sidIw().argv, 'dev', IFNAME, 'station', 'dump'])).stdout;
  return { dump, addrs: [...dump.matchAll(/^Station ([0-9a-f:]{17})/gm)].map((m) => m[1]!).sort() };
}

/** sid's wpa_supplicant on `radio` (moved to a new namespace holding `ip`) joins the AP MLD over both links. */
async function joinMlo(world: WifidWorld, radio: Radio, ip: string): Promise<{ sta: Peer; ns: Netns; mld: string; staLinks: string[] }> {
  const ns = await createNetns();
  await movePhyToNetns(radio.phy, ns);
  const sid = sidWpaSupplicant();
  const sta = await startWpaSupplicant({ sae_pwe: 1 }, {
    ifname: radio.ifname, netns: ns, command: sid.argv, args: ['-dd'], label: `sid wpa_supplicant on ${radio.phy}`,
    networks: [{ ssid: `"${SSID}"`, key_mgmt: 'SAE', psk: `"${PASSWORD}"`, ieee80211w: 2, scan_freq: '2412 2437', disabled: 1 }],
  });
  // wpa_supplicant associates over the links whose BSSs its scan results hold (the others
  // it reports as unresolved): under TCG one active scan can miss a link's probe response
  // and beacon, so the station scans until it has seen both before it connects.
  await scanBothLinks(sta, 'both links of the AP MLD in the scan results');
  expect(await sta.ctrl('ENABLE_NETWORK 0')).toBe('OK');
  const { address, staLinks } = await connectedOverBothLinks(world, sta);
  await ns.run(['ip', 'addr', 'add', `${ip}/24`, 'dev', radio.ifname]);
  return { sta, ns, mld: address, staLinks };
}

/**
 * Scans until both links' BSSs were seen in the last `maxAgeS` seconds. wpa_supplicant
 * associates over the links whose BSSs its scan results hold (the others it reports as
 * unresolved): under TCG one active scan can miss a link's probe response and beacon.
 */
async function scanBothLinks(sta: Peer, step: string, maxAgeS = Infinity): Promise<void> {
  const links = [linkAddress(MLD_ADDR, 0), linkAddress(MLD_ADDR, 1)];
  await pollUntil(`sid wpa_supplicant: ${step}`, 90_000, async () => {
    const ages = await Promise.all(links.map(async (l) => /^age=(\d+)$/m.exec(await sta.ctrl(`BSS ${l}`))?.[1]));
    if (ages.every((a) => a !== undefined && Number(a) <= maxAgeS)) return true;
    await sta.ctrl('SCAN freq=2412,2437');
    await sta.waitEvent(/CTRL-EVENT-SCAN-RESULTS/, 20_000);
    return undefined;
  }, 1000);
}

/** The non-AP MLD's CTRL-EVENT-CONNECTED, its status and mlo_status over links 0 and 1. */
async function connectedOverBothLinks(world: WifidWorld, sta: Peer): Promise<{ address: string; staLinks: string[] }> {
  const connected = await sta.waitEvent(/CTRL-EVENT-CONNECTED/, 120_000);
  expect(connected, `sid wpa_supplicant: CTRL-EVENT-CONNECTED\n${connected ? '' : await diagnosis(sta, world)}`).not.toBeNull();
  const status = await sta.status();
  expect(status, `wpa_cli status\n${JSON.stringify(status)}`).toMatchObject({ wpa_state: 'COMPLETED', key_mgmt: 'SAE', ap_mld_addr: MLD_ADDR });
  const mlo = await mloStatus(sta);
  const both = mlo.linkIds.join(',') === '0,1';
  expect({ linkIds: mlo.linkIds, bssids: mlo.bssids }, `wpa_cli mlo_status\n${mlo.text}\n${both ? '' : await diagnosis(sta, world)}`)
    .toEqual({ linkIds: [0, 1], bssids: [linkAddress(MLD_ADDR, 0), linkAddress(MLD_ADDR, 1)] });
  return { address: status.address!, staLinks: mlo.staLinks };
}

/** `wpa_cli mlo_status`: the link ids, AP link addresses and station link addresses, sorted. */
async function mloStatus(sta: Peer): Promise<{ linkIds: number[]; bssids: string[]; staLinks: string[]; text: string }> {
  const mlo = keyValues(await sta.ctrl('MLO_STATUS'));
  const values = (key: string) => mlo.filter(([k]) => k === key).map(([, v]) => v).sort();
  return { linkIds: values('link_id').map(Number).sort(), bssids: values('ap_link_addr'), staLinks: values('sta_link_addr'), text: mlo.map((kv) => kv.join('=')).join('\n') };
}

/** bookworm's wpa_supplicant on `radio` (in a new namespace holding `ip`) joins link 1 as a legacy station. */
async function joinLegacy(world: WifidWorld, radio: Radio, ip: string): Promise<{ sta: Peer; ns: Netns; addr: string }> {
  const ns = await createNetns();
  await movePhyToNetns(radio.phy, ns);
  const sta = await startWpaSupplicant({ sae_pwe: 1 }, {
    ifname: radio.ifname, netns: ns,
    networks: [{ ssid: `"${SSID}"`, key_mgmt: 'SAE', psk: `"${PASSWORD}"`, ieee80211w: 2, scan_freq: 2437 }],
  });
  const connected = await sta.waitEvent(/CTRL-EVENT-CONNECTED/, 120_000);
  expect(connected, `bookworm wpa_supplicant: CTRL-EVENT-CONNECTED\n${connected ? '' : await diagnosis(sta, world)}`).not.toBeNull();
  const status = await sta.status();
  expect(status, `wpa_cli status\n${JSON.stringify(status)}`).toMatchObject({ wpa_state: 'COMPLETED', key_mgmt: 'SAE', bssid: linkAddress(MLD_ADDR, 1), freq: '2437' });
  await ns.run(['ip', 'addr', 'add', `${ip}/24`, 'dev', radio.ifname]);
  return { sta, ns, addr: status.address! };
}

/** The AP MLD's counters in wifid.ap status. */
async function apCounters(world: WifidWorld): Promise<Record<string, number>> {
  return ((await world.call('status')).json as { aps: { counters: Record<string, number> }[] }).aps[0]!.counters;
}

async function pingAp(ns: Netns, world: WifidWorld): Promise<void> {
  const ping = await tryRun(['busybox', 'ping', '-c', '3', '-W', '5', AP_IP], { netns: ns.name, timeoutMs: 40_000 });
  expect(ping.ok, `ping ${AP_IP} from ${ns.name}\n${ping.stdout}${ping.stderr}\nwifid:\n${world.tail()}`).toBe(true);
}

/** wifid.ap clients once `count` are authorized, checked against iw's station dump. */
async function authorizedClients(world: WifidWorld, count: number): Promise<Client[]> {
  const clients = (await pollUntil(`wifid.ap clients: ${count} authorized`, 30_000, async () => {
    const c = ((await world.call('clients')).json as { clients: Client[] }).clients;
    return c.length === count && c.every((x) => x.authorized) ? c : undefined;
  }, 500))!;
  const { dump, addrs } = await dumpedStations();
  expect(clients.map((c) => c.addr).sort(), `wifid.ap clients vs iw station dump\n${dump}`).toEqual(addrs);
  return clients;
}

function expectMldClient(c: Client | undefined, mld: string, staLinks: string[], linkIds = [0, 1]): void {
  expect(c, 'wifid.ap clients: the non-AP MLD').toMatchObject({ addr: mld, mlo: true, mld_addr: mld, akm: 'SAE', pmf: true });
  expect(c!.links!.map((l) => l.link_id), 'the client\'s links').toEqual(linkIds);
  expect(c!.links!.map((l) => l.addr).sort(), 'the client\'s link addresses as wpa_supplicant reports them').toEqual(staLinks);
}

describe('mld-ap MLO clients on mac80211_hwsim (mlo=1)', () => {
  it('ap_mlo_sae: sid wpa_supplicant 2.11 associates over links 0 and 1 with SAE-H2E and PMF; ping; clients and iw agree', async () => {
    const [apRadio, staRadio] = await loadHwsim({ radios: 2, mlo: true });
    const world = await startApMld(apRadio!);
    const m = await joinMlo(world, staRadio!, STA_IP);
    await pingAp(m.ns, world);
    const clients = await authorizedClients(world, 1);
    expectMldClient(clients[0], m.mld, m.staLinks);
    await m.sta.stop();
    await world.stop();
  }, TEST_TIMEOUT_MS);

  it('ap_mlo_legacy: bookworm wpa_supplicant 2.10 (no 802.11be) joins link 1 of the AP MLD with SAE-H2E and PMF as a legacy station; ping; clients and iw agree', async () => {
    const [apRadio, staRadio] = await loadHwsim({ radios: 2, mlo: true });
    const world = await startApMld(apRadio!);
    const l = await joinLegacy(world, staRadio!, STA_IP);
    await pingAp(l.ns, world);
    const clients = await authorizedClients(world, 1);
    expect(clients[0]).toMatchObject({ addr: l.addr, mlo: false, link_id: 1, akm: 'SAE', pmf: true });
    await l.sta.stop();
    await world.stop();
  }, TEST_TIMEOUT_MS);

  it('ap_mlo_with_legacy: the non-AP MLD on both links and a legacy station on link 1 at the same time; both ping; clients and iw agree; the legacy station leaves: group rekey of both links, the MLD answers and pings', async () => {
    const [apRadio, mldRadio, legacyRadio] = await loadHwsim({ radios: 3, mlo: true });
    const world = await startApMld(apRadio!);
    const m = await joinMlo(world, mldRadio!, STA_IP);
    const l = await joinLegacy(world, legacyRadio!, LEGACY_IP);
    await pingAp(m.ns, world);
    await pingAp(l.ns, world);
    const clients = await authorizedClients(world, 2);
    expectMldClient(clients.find((c) => c.mlo), m.mld, m.staLinks);
    expect(clients.find((c) => !c.mlo)).toMatchObject({ addr: l.addr, mlo: false, link_id: 1 });
    // The legacy station leaves: a group rekey of both links; the MLD answers its group key handshake (MLO KDEs) and keeps passing traffic.
    await l.sta.stop();
    const rekeyed = await pollUntil('wifid: the group rekey after the legacy station left', 120_000, async () => {
      const c = await apCounters(world);
      return c.group_rekeys >= 1 || c.group_rekey_failures >= 1 ? c : undefined;
    }, 1000).catch(async (err: unknown) => { throw new Error(`${(err as Error).message}\n${await diagnosis(m.sta, world)}`); });
    const rekeyOk = rekeyed.group_rekeys === 1 && rekeyed.group_rekey_failures === 0;
    expect({ group_rekeys: rekeyed.group_rekeys, group_rekey_failures: rekeyed.group_rekey_failures }, `wifid counters\n${rekeyOk ? '' : await diagnosis(m.sta, world)}`).toEqual({ group_rekeys: 1, group_rekey_failures: 0 });
    expect(m.sta.output.filter((x) => /MLO RSN: Group rekeying completed/.test(x)), 'sid wpa_supplicant: the MLO group rekey').not.toHaveLength(0);
    await pingAp(m.ns, world);
    expectMldClient((await authorizedClients(world, 1))[0], m.mld, m.staLinks);
    await m.sta.stop();
    await world.stop();
  }, TEST_TIMEOUT_MS);
});
