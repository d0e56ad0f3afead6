// WPA3-Personal (SAE) in mld-ap (wifid.ap) against the real kernel: a wifid AP on one
// mac80211_hwsim radio, Debian bookworm's wpa_supplicant 2.10 on another radio in its own
// network namespace. One hwsim load and one daemon per test.
import { afterEach, describe, expect, it } from 'vitest';
import { loadHwsim, unloadHwsim, type Radio } from './lib/hwsim.js';
import { createNetns, movePhyToNetns, type Netns } from './lib/netns.js';
import { pollUntil, run, tryRun } from './lib/exec.js';
import { startWpaSupplicant, type ConfValues, type Peer } from './lib/peers.js';
import { WifidWorld } from './wifid-world.js';

const SSID = 'wifid-sae';
const PASSWORD = 'wifid sae password';
const AP_IF = 'wifid-ap0';
const AP_IP = '192.168.78.1';
const STA_IP = '192.168.78.2';
// Under TCG every node start (the daemon, each ubus CLI call) and an association take seconds.
const TEST_TIMEOUT_MS = 480_000;

afterEach(async () => {
  await unloadHwsim();
});

function apConfig(radio: Radio, encryption: string, extra: string[] = []): string[] {
  return [
    "config plugin 'mld_ap'", "\toption enabled '1'", '',
    "config ap 'wpa3'", `\toption phy '${radio.phy}'`, "\toption channel '1'", `\toption ssid '${SSID}'`,
    `\toption encryption '${encryption}'`, `\toption key '${PASSWORD}'`, `\toption ifname '${AP_IF}'`, ...extra,
  ];
}

/** Station MACs as `iw dev <ap> station dump` lists them. */
async function iwStations(ifname: string): Promise<string[]> {
  const out = (await run(['iw', 'dev', ifname, 'station', 'dump'])).stdout;
  return [...out.matchAll(/^Station ([0-9a-f:]{17})/gm)].map((m) => m[1]!).sort();
}

/** The daemon with one AP, running; the AP's netdev holds AP_IP. */
async function startAp(radio: Radio, encryption: string, extra: string[] = []): Promise<WifidWorld> {
  const world = await WifidWorld.create(apConfig(radio, encryption, extra), 'wifid.ap');
  await world.startDaemon();
  await pollUntil(`wifid.ap status: waiting for AP ${AP_IF} running`, 30_000, async () => {
    const ap = ((await world.call('status')).json as { aps?: Record<string, unknown>[] } | undefined)?.aps?.[0];
    if (ap?.state === 'failed') throw new Error(`AP failed: ${String(ap.error)}\n${world.tail()}`);
    return ap?.state === 'running' ? ap : undefined;
  }, 500);
  await run(['ip', 'addr', 'add', `${AP_IP}/24`, 'dev', AP_IF]);
  return world;
}

async function join(radio: Radio, ns: Netns, global: ConfValues, network: ConfValues, world: WifidWorld): Promise<Peer> {
  await movePhyToNetns(radio.phy, ns);
  const sta = await startWpaSupplicant(global, { ifname: radio.ifname, netns: ns, networks: [{ ssid: `"${SSID}"`, scan_freq: 2412, ...network }] });
  const connected = await sta.waitEvent(/CTRL-EVENT-CONNECTED/, 90_000);
  expect(connected, `wpa_supplicant on ${radio.ifname}: CTRL-EVENT-CONNECTED to ${SSID}\nstation:\n${sta.tail()}\nwifid:\n${world.tail()}`).not.toBeNull();
  return sta;
}

/** wpa_state COMPLETED with the key management and PMF expected, ping, station dump and wifid.ap clients agree. */
async function checkJoined(world: WifidWorld, sta: Peer, ns: Netns, radio: Radio, expected: { keyMgmt: string; pmf: boolean }): Promise<string> {
  const st = await sta.status();
  expect(st, `wpa_cli status\n${sta.tail()}`).toMatchObject({ wpa_state: 'COMPLETED', key_mgmt: expected.keyMgmt });
  if (expected.pmf) expect(st.pmf, 'wpa_cli status: pmf').toMatch(/^[12]$/);
  else expect(st.pmf, 'wpa_cli status: no pmf').toBeUndefined();
  const addr = st.address!;
  await ns.run(['ip', 'addr', 'add', `${STA_IP}/24`, 'dev', radio.ifname]);
  const ping = await tryRun(['busybox', 'ping', '-c', '3', '-W', '5', AP_IP], { netns: ns.name, timeoutMs: 30_000 });
  expect(ping.ok, `ping ${AP_IP} from the station's namespace\n${ping.stdout}${ping.stderr}`).toBe(true);
  const dump = await iwStations(AP_IF);
  const clients = (await pollUntil('wifid.ap clients: the station authorized', 20_000, async () => {
    const c = ((await world.call('clients')).json as { clients: Record<string, unknown>[] }).clients;
    return c.length === 1 && c[0]!.authorized === true ? c : undefined;
  }, 500))!;
  expect(clients.map((c) => c.addr), `wifid.ap clients vs iw station dump (${dump.join(' ')})\n${world.tail()}`).toEqual(dump);
  expect(clients[0]).toMatchObject({ addr, akm: expected.keyMgmt, pmf: expected.pmf, authorized: true });
  return addr;
}

describe('mld-ap SAE on mac80211_hwsim', () => {
  it('ap_sae_h2e: bookworm wpa_supplicant with sae_pwe 1 joins a sae AP with sae_pwe 1 (hash-to-element, PMF required)', async () => {
    const radios = await loadHwsim({ radios: 2 });
    const world = await startAp(radios[0]!, 'sae', ["\toption sae_pwe '1'"]);
    const ns = await createNetns();
    const sta = await join(radios[1]!, ns, { sae_pwe: 1 }, { key_mgmt: 'SAE', psk: `"${PASSWORD}"`, ieee80211w: 2 }, world);
    await checkJoined(world, sta, ns, radios[1]!, { keyMgmt: 'SAE', pmf: true });
    const st = await sta.status();
    // Both sides allow only H2E (the AP answers an H&P commit with status 1), so success means H2E ran;
    // wpa_supplicant's status says so itself where it has the sae_h2e line.
    expect(st.sae_group, 'wpa_cli status: SAE group 19').toBe('19');
    if ('sae_h2e' in st) expect(st.sae_h2e, 'wpa_cli status: hash-to-element').toBe('1');
    const counters = ((await world.call('status')).json as { aps: Array<{ counters: Record<string, number> }> }).aps[0]!.counters;
    expect(counters, 'wifid.ap status: one SAE exchange, nothing refused').toMatchObject({ sae_accepted: 1, sae_refused: 0 });
    await sta.stop();
    await world.stopDaemon();
    await world.stop();
    await ns.delete();
  }, TEST_TIMEOUT_MS);

  it('ap_sae_hnp: sae_pwe 0 on both sides (hunting-and-pecking); a reconnection uses the cached PMKSA (no SAE exchange)', async () => {
    const radios = await loadHwsim({ radios: 2 });
    const world = await startAp(radios[0]!, 'sae', ["\toption sae_pwe '0'"]);
    const ns = await createNetns();
    const sta = await join(radios[1]!, ns, { sae_pwe: 0 }, { key_mgmt: 'SAE', psk: `"${PASSWORD}"`, ieee80211w: 2 }, world);
    const addr = await checkJoined(world, sta, ns, radios[1]!, { keyMgmt: 'SAE', pmf: true });
    const first = await sta.status();
    expect(first.sae_group, 'wpa_cli status: SAE group 19').toBe('19');
    if ('sae_h2e' in first) expect(first.sae_h2e, 'wpa_cli status: hunting-and-pecking').toBe('0');

    const saeAccepted = async () => ((await world.call('status')).json as { aps: Array<{ counters: Record<string, number> }> }).aps[0]!.counters.sae_accepted;
    expect(await saeAccepted(), 'wifid.ap status: one SAE exchange accepted').toBe(1);

    // PMKSA caching: the STA comes back with Open System and the PMKID of the SAE PMKSA.
    expect(await sta.ctrl('DISCONNECT')).toBe('OK');
    expect(await sta.waitEvent(/CTRL-EVENT-DISCONNECTED/, 20_000), `disconnected\n${sta.tail()}`).not.toBeNull();
    await pollUntil(`${AP_IF}: the station gone after DISCONNECT`, 20_000, async () => ((await iwStations(AP_IF)).length === 0 ? true : undefined), 500);
    expect(await sta.ctrl('RECONNECT')).toBe('OK');
    expect(await sta.waitEvent(/CTRL-EVENT-CONNECTED/, 90_000), `reconnected\n${sta.tail()}\nwifid:\n${world.tail()}`).not.toBeNull();
    const second = await sta.status();
    expect(second, `wpa_cli status after the reconnection\n${sta.tail()}`).toMatchObject({ wpa_state: 'COMPLETED', key_mgmt: 'SAE', address: addr });
    // wpa_supplicant reports an SAE group only when SAE ran (hostapd's test_sae_pmksa_caching checks the same).
    expect(second.sae_group, 'no SAE exchange the second time: the cached PMKSA was used').toBeUndefined();
    expect(await saeAccepted(), 'wifid.ap status: still one SAE exchange').toBe(1);
    const ping = await tryRun(['busybox', 'ping', '-c', '3', '-W', '5', AP_IP], { netns: ns.name, timeoutMs: 30_000 });
    expect(ping.ok, `ping after the PMKSA-cached reconnection\n${ping.stdout}${ping.stderr}`).toBe(true);
    await sta.stop();
    await world.stopDaemon();
    await world.stop();
    await ns.delete();
  }, TEST_TIMEOUT_MS);

  it('ap_sae_wrong_password: an SAE client with another password fails at the confirm and never joins', async () => {
    const radios = await loadHwsim({ radios: 2 });
    const world = await startAp(radios[0]!, 'sae', ["\toption sae_pwe '2'"]);
    const ns = await createNetns();
    await movePhyToNetns(radios[1]!.phy, ns);
    const sta = await startWpaSupplicant({ sae_pwe: 2 }, {
      ifname: radios[1]!.ifname, netns: ns,
      networks: [{ ssid: `"${SSID}"`, scan_freq: 2412, key_mgmt: 'SAE', psk: '"not the password"', ieee80211w: 2 }],
    });
    const counters = async () => ((await world.call('status')).json as { aps: Array<{ counters: Record<string, number> }> }).aps[0]!.counters;
    const failed = await pollUntil('wifid.ap status: an SAE confirm that did not verify', 90_000, async () => {
      const c = await counters();
      return (c.sae_failed_bad_confirm ?? 0) >= 1 ? c : undefined;
    }, 1000);
    expect(failed.sae_accepted, `no SAE exchange accepted\n${world.tail()}`).toBe(0);
    expect(((await world.call('clients')).json as { clients: unknown[] }).clients).toEqual([]);
    expect(await iwStations(AP_IF)).toEqual([]);
    expect((await sta.status()).wpa_state).not.toBe('COMPLETED');
    await sta.stop();
    await world.stopDaemon();
    await world.stop();
    await ns.delete();
  }, TEST_TIMEOUT_MS);

  it('ap_sae_mixed_psk_client: a WPA-PSK client joins a sae-mixed AP with Open System authentication', async () => {
    const radios = await loadHwsim({ radios: 2 });
    const world = await startAp(radios[0]!, 'sae-mixed', ["\toption sae_pwe '2'"]);
    const ns = await createNetns();
    const sta = await join(radios[1]!, ns, {}, { key_mgmt: 'WPA-PSK', psk: `"${PASSWORD}"` }, world);
    await checkJoined(world, sta, ns, radios[1]!, { keyMgmt: 'WPA2-PSK', pmf: false });
    await sta.stop();
    await world.stopDaemon();
    await world.stop();
    await ns.delete();
  }, TEST_TIMEOUT_MS);
});
