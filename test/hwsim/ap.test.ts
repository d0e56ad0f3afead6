// mld-ap (wifid.ap) against the real kernel: a wifid AP on one mac80211_hwsim radio,
// Debian bookworm's wpa_supplicant 2.10 on another radio in its own network namespace.
// One hwsim load and one daemon per test; the steps of a test share them.
import { afterEach, describe, expect, it } from 'vitest';
import { loadHwsim, unloadHwsim, type Radio } from './lib/hwsim.js';
import { createNetns, movePhyToNetns, type Netns } from './lib/netns.js';
import { pollUntil, run, tryRun } from './lib/exec.js';
import { startWpaSupplicant, type Peer } from './lib/peers.js';
import { parseIwDev } from './lib/iw-dev.js';
import { WifidWorld } from './wifid-world.js';

const SSID = 'wifid-open';
const AP_IF = 'wifid-ap0';
const AP_IP = '192.168.77.1';
const STA_IP = '192.168.77.2';
// The real ubus CLI exits with the negated status: 256 - 2 (INVALID_ARGUMENT), 256 - 4 (NOT_FOUND).
const EXIT_INVALID_ARGUMENT = 254;
const EXIT_NOT_FOUND = 252;
// Under TCG every node start (the daemon, each ubus CLI call) and an association take seconds.
const TEST_TIMEOUT_MS = 480_000;

afterEach(async () => {
  await unloadHwsim();
});

function apConfig(radio: Radio, extra: string[] = []): string[] {
  return [
    "config plugin 'mld_ap'", "\toption enabled '1'", '',
    "config ap 'open'", `\toption phy '${radio.phy}'`, "\toption channel '1'", `\toption ssid '${SSID}'`,
    "\toption encryption 'none'", `\toption ifname '${AP_IF}'`, ...extra,
  ];
}

/** Station MACs as `iw dev <ap> station dump` lists them. */
async function iwStations(ifname: string): Promise<string[]> {
  const out = (await run(['iw', 'dev', ifname, 'station', 'dump'])).stdout;
  return [...out.matchAll(/^Station ([0-9a-f:]{17})/gm)].map((m) => m[1]!).sort();
}

async function joinOpen(radio: Radio, ns: Netns): Promise<Peer> {
  await movePhyToNetns(radio.phy, ns);
  const sta = await startWpaSupplicant({}, { ifname: radio.ifname, netns: ns, networks: [{ ssid: `"${SSID}"`, key_mgmt: 'NONE', scan_freq: 2412 }] });
  const connected = await sta.waitEvent(/CTRL-EVENT-CONNECTED/, 60_000);
  expect(connected, `wpa_supplicant on ${radio.ifname}: CTRL-EVENT-CONNECTED to ${SSID}\n${sta.tail()}`).not.toBeNull();
  return sta;
}

describe('mld-ap on mac80211_hwsim', () => {
  it('ap_open: bookworm wpa_supplicant joins an open wifid AP, ping passes, station dump and clients agree, kick and bad input, SIGKILL removes the AP', async () => {
    const radios = await loadHwsim({ radios: 2 });
    const world = await WifidWorld.create(apConfig(radios[0]!), 'wifid.ap');
    await world.startDaemon();
    const status = await pollUntil(`wifid.ap status: waiting for AP ${AP_IF} running`, 30_000, async () => {
      const r = await world.call('status');
      const ap = (r.json as { aps?: Record<string, unknown>[] } | undefined)?.aps?.[0];
      if (ap?.state === 'failed') throw new Error(`AP failed: ${String(ap.error)}\n${world.tail()}`);
      return ap?.state === 'running' ? ap : undefined;
    }, 500);
    expect(status).toMatchObject({ name: 'open', ifname: AP_IF, phy: radios[0]!.phy, ssid: SSID, freq: 2412, channel: 1, encryption: 'none', clients: 0 });
    const iface = parseIwDev((await run(['iw', 'dev'])).stdout).find((w) => w.ifname === AP_IF);
    expect(iface, `iw dev lists ${AP_IF}`).toMatchObject({ type: 'AP', addr: status.bssid });
    await run(['ip', 'addr', 'add', `${AP_IP}/24`, 'dev', AP_IF]);

    const ns = await createNetns();
    const sta = await joinOpen(radios[1]!, ns);
    const staAddr = (await sta.status()).address!;
    expect((await sta.status()).wpa_state).toBe('COMPLETED');
    expect((await sta.status()).key_mgmt).toBe('NONE');
    await ns.run(['ip', 'addr', 'add', `${STA_IP}/24`, 'dev', radios[1]!.ifname]);
    const ping = await tryRun(['busybox', 'ping', '-c', '3', '-W', '5', AP_IP], { netns: ns.name, timeoutMs: 30_000 });
    expect(ping.ok, `ping ${AP_IP} from the station's namespace\n${ping.stdout}${ping.stderr}`).toBe(true);

    const clients = (await world.call('clients')).json as { clients: Record<string, unknown>[] };
    const dump = await iwStations(AP_IF);
    expect(clients.clients.map((c) => c.addr), `wifid.ap clients vs iw station dump (${dump.join(' ')})\nwifid:\n${world.tail()}\nstation:\n${sta.tail()}`).toEqual(dump);
    expect(clients.clients[0]).toMatchObject({ ap: 'open', addr: staAddr, aid: 1, akm: 'NONE', pmf: false, authorized: true });
    expect(clients.clients[0]!.rx_bytes as number).toBeGreaterThan(0);
    expect((await world.call('status', { name: 'open' })).json).toMatchObject({ aps: [{ clients: 1 }] });

    // Bad input: a status and nothing changed.
    const cases: [string, Record<string, unknown>, number, RegExp][] = [
      ['status', { name: 'nosuch' }, EXIT_NOT_FOUND, /no AP named 'nosuch'/],
      ['kick', { addr: '02:00:00:00:99:00' }, EXIT_NOT_FOUND, /no AP has a client 02:00:00:00:99:00/],
      ['kick', { addr: 'not-a-mac' }, EXIT_INVALID_ARGUMENT, /addr must be a MAC address/],
      ['kick', { addr: staAddr, reason: 0 }, EXIT_INVALID_ARGUMENT, /reason must be an 802.11 reason code/],
      ['kick', { addr: staAddr, ban_s: -1 }, EXIT_INVALID_ARGUMENT, /ban_s must be/],
    ];
    for (const [method, args, code, message] of cases) {
      const r = await world.call(method, args);
      expect([method, args, r.code], r.stdout + r.stderr).toEqual([method, args, code]);
      expect(r.stdout + r.stderr).toMatch(message);
    }
    expect(await iwStations(AP_IF)).toEqual([staAddr]);

    // Kick with a reason: the station sees the deauthentication, the AP forgets it.
    const kick = await world.call('kick', { addr: staAddr, reason: 5, ban_s: 2 });
    expect(kick.code, kick.stdout + kick.stderr).toBe(0);
    const gone = await sta.waitEvent(/CTRL-EVENT-DISCONNECTED .*reason=5/, 20_000);
    expect(gone, `wpa_supplicant: disconnected with reason 5\n${sta.tail()}`).not.toBeNull();
    expect(await iwStations(AP_IF)).toEqual([]);
    // After the ban it joins again (wpa_supplicant retries by itself).
    const again = await sta.waitEvent(/CTRL-EVENT-CONNECTED/, 60_000);
    expect(again, `wpa_supplicant: reconnected after the ban\n${sta.tail()}`).not.toBeNull();
    await pollUntil('clients after the reconnection', 10_000, async () =>
      ((await world.call('clients')).json as { clients: unknown[] }).clients.length === 1 ? true : undefined, 500);

    // The station leaves: disassoc seen, the kernel entry removed.
    await sta.stop();
    await pollUntil(`${AP_IF}: no station after wpa_supplicant stopped`, 15_000, async () => ((await iwStations(AP_IF)).length === 0 ? true : undefined), 500);
    expect(((await world.call('clients')).json as { clients: unknown[] }).clients).toEqual([]);

    await world.killDaemon();
    await pollUntil(`${AP_IF} gone after SIGKILL`, 10_000, async () =>
      parseIwDev((await run(['iw', 'dev'])).stdout).some((w) => w.ifname === AP_IF) ? undefined : true, 500);
    await world.stop();
    await ns.delete();
  }, TEST_TIMEOUT_MS);

  it('ap_open_repeated_assoc: a second association request of an associated station (injected with its address) updates the kernel entry with SET_STATION, AID kept; never a second NEW_STATION; the station keeps passing traffic', async () => {
    const radios = await loadHwsim({ radios: 3 });
    const world = await WifidWorld.create(apConfig(radios[0]!), 'wifid.ap');
    await world.startDaemon();
    const ap = await pollUntil(`wifid.ap status: waiting for AP ${AP_IF} running`, 30_000, async () => {
      const a = ((await world.call('status')).json as { aps?: Record<string, unknown>[] } | undefined)?.aps?.[0];
      if (a?.state === 'failed') throw new Error(`AP failed: ${String(a.error)}\n${world.tail()}`);
      return a?.state === 'running' ? a : undefined;
    }, 500);
    await run(['ip', 'addr', 'add', `${AP_IP}/24`, 'dev', AP_IF]);
    const ns = await createNetns();
    const sta = await joinOpen(radios[1]!, ns);
    const staAddr = (await sta.status()).address!;
    await ns.run(['ip', 'addr', 'add', `${STA_IP}/24`, 'dev', radios[1]!.ifname]);
    await pollUntil('the station authorized', 20_000, async () =>
      ((await world.call('clients')).json as { clients: { authorized: boolean }[] }).clients[0]?.authorized ? true : undefined, 500);

    // The third radio, a monitor on channel 1, sends an Association Request as if from the
    // station (what a station whose retry timer beat the AP's answer sends): a new frame, new
    // sequence number, to the AP the station is associated with.
    const mon = 'wifid-mon0';
    await run(['iw', 'phy', radios[2]!.phy, 'interface', 'add', mon, 'type', 'monitor']);
    await run(['ip', 'link', 'set', mon, 'up']);
    await run(['iw', 'dev', mon, 'set', 'freq', '2412']);
    const mac = (m: string) => m.split(':').join('');
    const ssidHex = Buffer.from(SSID).toString('hex');
    const frame = [
      '0000080000000000', // radiotap: version 0, length 8, no fields
      '0000', '0000', mac(String(ap.bssid)), mac(staAddr), mac(String(ap.bssid)), '0000', // Association Request header
      '0104', '0a00', // capability (ESS, short slot), listen interval 10
      `00${(SSID.length).toString(16).padStart(2, '0')}${ssidHex}`,
      '010882848b960c121824', '320430486c60',
    ].join('');
    const inject = `import socket,binascii; s=socket.socket(socket.AF_PACKET,socket.SOCK_RAW); s.bind(('${mon}',0)); s.send(binascii.unhexlify('${frame}'))`;
    await run(['python3', '-c', inject]);

    const counters = async () => ((await world.call('status')).json as { aps: { counters: Record<string, number> }[] }).aps[0]!.counters;
    const updated = await pollUntil('wifid counts the association as an update of the kernel entry', 30_000, async () =>
      ((await counters()).assoc_updated >= 1 ? true : undefined), 500).catch(() => false);
    expect(updated, `assoc_updated\n${JSON.stringify(await counters())}\nwifid:\n${world.tail()}`).toBe(true);
    await pollUntil('the station authorized again', 20_000, async () =>
      ((await world.call('clients')).json as { clients: { authorized: boolean }[] }).clients[0]?.authorized ? true : undefined, 500);
    const clients = ((await world.call('clients')).json as { clients: Record<string, unknown>[] }).clients;
    expect(clients).toEqual([expect.objectContaining({ addr: staAddr, aid: 1, authorized: true })]);
    const dump = (await run(['iw', 'dev', AP_IF, 'station', 'dump'])).stdout;
    expect(dump, 'iw station dump after the update').toMatch(/authorized:\s*yes/);
    expect(dump).toMatch(/associated:\s*yes/);
    const log = world.tail(5000);
    expect(log, 'no second NEW_STATION, no fallback to DEL+NEW').not.toMatch(/EEXIST|SET_STATION: ENOENT|updating the station entry refused/);
    expect(log).toMatch(new RegExp(`${staAddr}: reassociated, AID 1`));
    // The daemon's own account of the update, for the run's output.
    console.log(log.split('\n').filter((l) => l.includes(staAddr)).join('\n'));
    const ping = await tryRun(['busybox', 'ping', '-c', '3', '-W', '5', AP_IP], { netns: ns.name, timeoutMs: 30_000 });
    expect(ping.ok, `ping ${AP_IP} after the update\n${ping.stdout}${ping.stderr}\nwifid:\n${world.tail()}`).toBe(true);
    expect((await sta.status()).wpa_state).toBe('COMPLETED');
    await run(['iw', 'dev', mon, 'del']);
    await sta.stop();
    await world.stopDaemon();
    await world.stop();
    await ns.delete();
  }, TEST_TIMEOUT_MS);

  it('ap_reload: a channel the radio lacks is refused into wifid status; SIGHUP with a changed SSID restarts only that AP', async () => {
    const radios = await loadHwsim({ radios: 1 });
    const config = [
      ...apConfig(radios[0]!), '',
      "config ap 'second'", `\toption phy '${radios[0]!.phy}'`, "\toption channel '1'", "\toption ssid 'wifid-second'", "\toption ifname 'wifid-ap1'", '',
      "config ap 'bad'", `\toption phy '${radios[0]!.phy}'`, "\toption channel '36'", "\toption ssid 'wifid-bad'", "\toption ifname 'wifid-ap2'",
    ];
    const world = await WifidWorld.create(config, 'wifid.ap');
    await world.startDaemon();
    const aps = async () => ((await world.call('status')).json as { aps: Record<string, unknown>[] }).aps;
    await pollUntil('two APs running', 30_000, async () => ((await aps()).filter((a) => a.state === 'running').length === 2 ? true : undefined), 500);
    const bad = (await aps()).find((a) => a.name === 'bad')!;
    expect(bad).toMatchObject({ state: 'failed', error: expect.stringMatching(/no 5GHz band|channel 36/) });
    const core = (await world.ubus(['call', 'wifid', 'status'])).json as { config_problems: string[] };
    expect(core.config_problems.join('\n')).toMatch(/section 'bad': AP not started: .*(5GHz|channel 36)/);
    const before = Object.fromEntries((await aps()).map((a) => [a.name, a.bssid]));
    const ifindexBefore = (await run(['cat', '/sys/class/net/wifid-ap1/ifindex'])).stdout.trim();

    await world.writeConfig(config.map((l) => l.replace(`'${SSID}'`, "'wifid-renamed'")));
    world.reloadDaemon();
    await pollUntil('AP open restarted with the new SSID', 30_000, async () => {
      const open = (await aps()).find((a) => a.name === 'open');
      return open?.ssid === 'wifid-renamed' && open.state === 'running' ? true : undefined;
    }, 500);
    // The other AP kept its interface: same ifindex, same BSSID.
    expect((await run(['cat', '/sys/class/net/wifid-ap1/ifindex'])).stdout.trim()).toBe(ifindexBefore);
    expect((await aps()).find((a) => a.name === 'second')!.bssid).toBe(before.second);
    const ssids = (await run(['iw', 'dev'])).stdout;
    expect(ssids).toMatch(/ssid wifid-renamed/);
    await world.stopDaemon();
    await world.stop();
  }, TEST_TIMEOUT_MS);
});
