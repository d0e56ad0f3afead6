// mld-ap (wifid.ap) with WPA2-Personal against the real kernel: a wifid AP on one
// mac80211_hwsim radio, Debian bookworm's wpa_supplicant 2.10 on others, each in its own
// network namespace. The AP's RSN (4-way handshake over the control port, keys installed
// with NEW_KEY/SET_KEY, PMF, group rekeys) is judged by what the peers and the kernel say:
// wpa_cli status, traffic passing both ways (unicast with the PTK, the AP's broadcast ARP
// with the GTK), `iw station dump`, the events on the bus.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadHwsim, unloadHwsim, type Radio } from './lib/hwsim.js';
import { createNetns, movePhyToNetns, type Netns } from './lib/netns.js';
import { pollUntil, run, tryRun } from './lib/exec.js';
import { EventStream } from './lib/event-stream.js';
import { startWpaSupplicant, type ConfValues, type Peer } from './lib/peers.js';
import { registerCleanup, unregisterCleanup } from './lib/cleanup.js';
import { WifidWorld } from './wifid-world.js';

const SSID = 'wifid-rsn';
const KEY = 'correct horse battery';
const AP_IF = 'wifid-ap0';
const AP_IP = '192.168.78.1';
const UBUS_CLI = fileURLToPath(new URL('../ubusd/ubus', import.meta.url));
// Under TCG every node start, scan and association takes seconds.
const TEST_TIMEOUT_MS = 600_000;
const JOIN_MS = 90_000;

afterEach(async () => {
  await unloadHwsim();
});

/** `ubus listen` on the AP's events, from before the first client: no event can be missed. */
async function listenApEvents(world: WifidWorld): Promise<{ events: EventStream; stop(): void }> {
  const events = new EventStream();
  const child = spawn(UBUS_CLI, ['-s', world.socket, 'listen', 'wifid.ap.authorized', 'wifid.ap.auth_failed', 'wifid.ap.disassoc'], { stdio: ['ignore', 'pipe', 'pipe'] });
  events.feedFrom(child.stdout!);
  const stop = async (): Promise<void> => { child.kill('SIGTERM'); };
  registerCleanup(child, 'ubus listen', stop);
  // Ready once it hears a probe of its own (node starts slowly under TCG).
  await pollUntil('waiting for `ubus listen` to register', 60_000, async () => {
    await world.ubus(['send', 'wifid.ap.disassoc', '{"probe":"listener"}']);
    return (await events.waitEvent(/listener/, 500)) ? true : undefined;
  }, 500);
  return { events, stop: () => { unregisterCleanup(child); void stop(); } };
}

async function startAp(radio: Radio, options: Record<string, string>): Promise<WifidWorld> {
  const config = [
    "config plugin 'mld_ap'", "\toption enabled '1'", '',
    "config ap 'rsn'", `\toption phy '${radio.phy}'`, "\toption channel '1'", `\toption ssid '${SSID}'`, `\toption ifname '${AP_IF}'`,
    ...Object.entries(options).map(([k, v]) => `\toption ${k} '${v}'`),
  ];
  const world = await WifidWorld.create(config, 'wifid.ap');
  await world.startDaemon();
  await pollUntil(`wifid.ap status: waiting for AP ${AP_IF} running`, 60_000, async () => {
    const ap = ((await world.call('status')).json as { aps?: Record<string, unknown>[] } | undefined)?.aps?.[0];
    if (ap?.state === 'failed') throw new Error(`AP failed: ${String(ap.error)}\n${world.tail()}`);
    return ap?.state === 'running' ? ap : undefined;
  }, 500);
  await run(['ip', 'addr', 'add', `${AP_IP}/24`, 'dev', AP_IF]);
  return world;
}

interface Client {
  sta: Peer;
  ns: Netns;
  addr: string;
  ip: string;
  radio: Radio;
}

/** wpa_supplicant in its own namespace on `radio`; its network enabled once the address is set (the monitor is attached by then). */
async function startClient(radio: Radio, index: number, network: ConfValues): Promise<Client> {
  const ns = await createNetns();
  await movePhyToNetns(radio.phy, ns);
  const sta = await startWpaSupplicant({}, { ifname: radio.ifname, netns: ns, networks: [{ ssid: `"${SSID}"`, scan_freq: 2412, disabled: 1, ...network }] });
  const addr = (await sta.status()).address!;
  const ip = `192.168.78.${10 + index}`;
  await ns.run(['ip', 'addr', 'add', `${ip}/24`, 'dev', radio.ifname]);
  await sta.ctrl('ENABLE_NETWORK 0');
  return { sta, ns, addr, ip, radio };
}

async function connected(c: Client, world: WifidWorld): Promise<Record<string, string>> {
  const ev = await c.sta.waitEvent(/CTRL-EVENT-CONNECTED/, JOIN_MS);
  expect(ev, `wpa_supplicant on ${c.radio.ifname}: CTRL-EVENT-CONNECTED\n${c.sta.tail()}\nwifid:\n${world.tail()}`).not.toBeNull();
  return c.sta.status();
}

async function pingAp(c: Client): Promise<void> {
  const ping = await tryRun(['busybox', 'ping', '-c', '3', '-W', '5', AP_IP], { netns: c.ns.name, timeoutMs: 40_000 });
  expect(ping.ok, `ping ${AP_IP} from ${c.ns.name}\n${ping.stdout}${ping.stderr}`).toBe(true);
}

/**
 * The AP pings the station after forgetting its neighbours: its ARP request is a broadcast,
 * encrypted with the GTK in use, so the answer proves the station holds that GTK.
 */
async function apPings(c: Client): Promise<void> {
  await run(['ip', 'neigh', 'flush', 'dev', AP_IF]);
  const ping = await tryRun(['busybox', 'ping', '-c', '3', '-W', '5', c.ip], { timeoutMs: 40_000 });
  expect(ping.ok, `ping ${c.ip} from the AP's side (ARP broadcast under the GTK)\n${ping.stdout}${ping.stderr}`).toBe(true);
}

/** `iw dev <ap> station dump`: each station's fields by MAC. */
async function iwStations(): Promise<Map<string, string>> {
  const out = (await run(['iw', 'dev', AP_IF, 'station', 'dump'])).stdout;
  const map = new Map<string, string>();
  for (const block of out.split(/^(?=Station )/m)) {
    const m = /^Station ([0-9a-f:]{17})/.exec(block);
    if (m) map.set(m[1]!, block);
  }
  return map;
}

async function clients(world: WifidWorld): Promise<Record<string, unknown>[]> {
  return ((await world.call('clients')).json as { clients: Record<string, unknown>[] }).clients;
}

async function counters(world: WifidWorld): Promise<Record<string, number>> {
  return ((await world.call('status')).json as { aps: { counters: Record<string, number> }[] }).aps[0]!.counters;
}

const PSK_NETWORK: ConfValues = { key_mgmt: 'WPA-PSK', psk: `"${KEY}"`, proto: 'RSN', pairwise: 'CCMP', group: 'CCMP' };

describe('mld-ap WPA2-Personal on mac80211_hwsim', () => {
  it('ap_psk2: wpa_supplicant 2.10 joins with WPA2-PSK, traffic passes both ways, station dump and clients agree, authorized announced', async () => {
    const radios = await loadHwsim({ radios: 2 });
    const world = await startAp(radios[0]!, { encryption: 'psk2', key: KEY });
    const listener = await listenApEvents(world);
    const c = await startClient(radios[1]!, 0, PSK_NETWORK);
    const status = await connected(c, world);
    expect(status).toMatchObject({ wpa_state: 'COMPLETED', key_mgmt: 'WPA2-PSK', pairwise_cipher: 'CCMP', group_cipher: 'CCMP' });
    expect(status.pmf).toBeUndefined();
    const authorized = await listener.events.waitEvent(new RegExp(`wifid\\.ap\\.authorized.*${c.addr}`), 30_000);
    expect(authorized, `wifid.ap.authorized for ${c.addr}\n${listener.events.history.join('\n')}`).not.toBeNull();
    await pingAp(c);
    await apPings(c);

    const list = await clients(world);
    const dump = await iwStations();
    expect(list.map((x) => x.addr), `wifid.ap clients vs iw station dump\n${[...dump.values()].join('\n')}`).toEqual([...dump.keys()]);
    expect(list[0]).toMatchObject({ addr: c.addr, akm: 'WPA2-PSK', pmf: false, authorized: true });
    expect(dump.get(c.addr)).toMatch(/authorized:\s*yes/);
    expect(dump.get(c.addr)).toMatch(/MFP:\s*no/);
    // Message 3's Key RSC came from the kernel's GTK counter (GET_KEY), not a zero stand-in.
    expect(await counters(world)).toMatchObject({ handshakes_completed: 1, handshakes_failed: 0, eapol_mic_failures: 0, key_seq_read_failures: 0 });
    listener.stop();
    await c.sta.stop();
    await world.stopDaemon();
    await world.stop();
    await c.ns.delete();
  }, TEST_TIMEOUT_MS);

  it('ap_psk2_sha256_pmf: WPA2-PSK-SHA256 with PMF required and beacon protection; pmf=2, MFP in the station dump', async () => {
    const radios = await loadHwsim({ radios: 2 });
    const world = await startAp(radios[0]!, { encryption: 'psk2-sha256', key: KEY });
    const c = await startClient(radios[1]!, 0, { ...PSK_NETWORK, key_mgmt: 'WPA-PSK-SHA256', ieee80211w: 2, beacon_prot: 1 });
    const status = await connected(c, world);
    // wpa_cli prints pmf=2 when the AP's RSNE has MFPR, with the group management cipher.
    expect(status).toMatchObject({ wpa_state: 'COMPLETED', key_mgmt: 'WPA2-PSK-SHA256', pairwise_cipher: 'CCMP', pmf: '2', mgmt_group_cipher: 'BIP' });
    await pingAp(c);
    await apPings(c);
    const list = await clients(world);
    expect(list).toEqual([expect.objectContaining({ addr: c.addr, akm: 'WPA2-PSK-SHA256', pmf: true, authorized: true })]);
    const dump = await iwStations();
    expect([...dump.keys()]).toEqual([c.addr]);
    expect(dump.get(c.addr)).toMatch(/MFP:\s*yes/);
    expect(dump.get(c.addr)).toMatch(/authorized:\s*yes/);
    // GET_KEY read the GTK's, IGTK's and BIGTK's transmit counters for message 3.
    expect(await counters(world)).toMatchObject({ key_seq_read_failures: 0 });
    // Beacons protected with the BIGTK the station holds: after several seconds of beacons it is still connected.
    await pingAp(c);
    expect((await c.sta.status()).wpa_state).toBe('COMPLETED');
    await c.sta.stop();
    await world.stopDaemon();
    await world.stop();
    await c.ns.delete();
  }, TEST_TIMEOUT_MS);

  it('ap_psk2_two_clients_rekey: two clients; one leaves, the GTK is rekeyed, the other keeps passing traffic under the new GTK', async () => {
    const radios = await loadHwsim({ radios: 3 });
    const world = await startAp(radios[0]!, { encryption: 'psk2', key: KEY });
    const a = await startClient(radios[1]!, 0, PSK_NETWORK);
    const b = await startClient(radios[2]!, 1, PSK_NETWORK);
    await connected(a, world);
    await connected(b, world);
    await pollUntil('two authorized clients', 30_000, async () => ((await clients(world)).filter((x) => x.authorized).length === 2 ? true : undefined), 500);
    await pingAp(a);
    await pingAp(b);
    expect((await counters(world)).group_rekeys).toBe(0);

    await a.sta.stop();
    const rekeyed = await b.sta.waitEvent(/WPA: Group rekeying completed/, 60_000);
    expect(rekeyed, `wpa_supplicant of the remaining client: group rekeying\n${b.sta.tail()}\nwifid:\n${world.tail()}`).not.toBeNull();
    await pollUntil('wifid counts the group rekey', 30_000, async () => ((await counters(world)).group_rekeys >= 1 ? true : undefined), 500);
    expect((await clients(world)).map((x) => x.addr)).toEqual([b.addr]);
    await pingAp(b);
    await apPings(b);
    expect((await b.sta.status()).wpa_state).toBe('COMPLETED');
    await b.sta.stop();
    await world.stopDaemon();
    await world.stop();
    await a.ns.delete();
    await b.ns.delete();
  }, TEST_TIMEOUT_MS);

  it('ap_psk2_wrong_passphrase: the client is never authorized, auth_failed is announced, a client with the right key still joins', async () => {
    const radios = await loadHwsim({ radios: 3 });
    const world = await startAp(radios[0]!, { encryption: 'psk2', key: KEY });
    const listener = await listenApEvents(world);
    const bad = await startClient(radios[1]!, 0, { ...PSK_NETWORK, psk: '"not the passphrase"' });
    const failed = await listener.events.waitEvent(new RegExp(`wifid\\.ap\\.auth_failed.*${bad.addr}.*mic_failure`), JOIN_MS);
    expect(failed, `wifid.ap.auth_failed for ${bad.addr}\n${listener.events.history.join('\n')}\nwifid:\n${world.tail()}`).not.toBeNull();
    const wrongKey = await bad.sta.waitEvent(/CTRL-EVENT-SSID-TEMP-DISABLED.*reason=WRONG_KEY/, 30_000);
    expect(wrongKey, `wpa_supplicant says WRONG_KEY\n${bad.sta.tail()}`).not.toBeNull();
    expect((await counters(world)).handshakes_failed).toBeGreaterThanOrEqual(1);

    const good = await startClient(radios[2]!, 1, PSK_NETWORK);
    await connected(good, world);
    await pingAp(good);
    const authorized = await listener.events.waitEvent(new RegExp(`wifid\\.ap\\.authorized.*${good.addr}`), 30_000);
    expect(authorized).not.toBeNull();
    // The bad client was never authorized: no event, and never listed as authorized.
    expect(listener.events.history.filter((l) => l.includes('wifid.ap.authorized') && l.includes(bad.addr))).toEqual([]);
    expect((await clients(world)).filter((x) => x.authorized).map((x) => x.addr)).toEqual([good.addr]);
    listener.stop();
    await bad.sta.stop();
    await good.sta.stop();
    await world.stopDaemon();
    await world.stop();
    await bad.ns.delete();
    await good.ns.delete();
  }, TEST_TIMEOUT_MS);
});
