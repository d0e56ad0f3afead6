// p2p-device (wifid.p2p) against the real kernel: P2P-Device wdevs on mac80211_hwsim,
// discovery both ways with Debian's wpa_supplicant on another radio, SIGKILL cleanup
// and every bad-input case through the ubus CLI.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadHwsim, unloadHwsim } from './lib/hwsim.js';
import { captureMonitor } from './lib/capture.js';
import { pollUntil } from './lib/exec.js';
import { P2pWorld, p2pWdevsOn, startP2pPeer } from './p2p-fixture.js';
import { parseProbeRequest, parseProbeResponse, isP2pWildcardSsid } from '../../core/ieee80211/p2p-probe.js';
import { macToString } from '../../core/ieee80211/mac-address.js';

const WIFID_NAME = 'wifid-hwsim';
const PEER_NAME = 'wpas-peer';
// The real ubus CLI exits with the negated status: 256 - 2 (INVALID_ARGUMENT), 256 - 4 (NOT_FOUND).
const EXIT_INVALID_ARGUMENT = 254;
const EXIT_NOT_FOUND = 252;
const EXIT_UNKNOWN_ERROR = 247;
// Under TCG every node start (the daemon, each ubus CLI call) takes seconds.
const TEST_TIMEOUT_MS = 360_000;

afterEach(async () => {
  await unloadHwsim();
});

async function startedDevice(world: P2pWorld, phy: string): Promise<{ handle: number; wdev: string; address: string }> {
  const r = await world.call('start', { phy });
  expect(r.code, `start ${phy}: ${r.stdout}${r.stderr}\n${world.tail()}`).toBe(0);
  const reply = r.json as { handle: number; wdev: string; address: string; phy: string };
  expect(reply.phy).toBe(phy);
  return reply;
}

describe('p2p-device on mac80211_hwsim', () => {
  it('p2p_start_stop: start creates a started P2P-Device wdev with socket ownership, stop removes it', async () => {
    const radios = await loadHwsim({ radios: 1 });
    const world = await P2pWorld.create(WIFID_NAME);
    await world.startDaemon();
    const dev = await startedDevice(world, radios[0]!.phy);
    const listed = await p2pWdevsOn(radios[0]!.index);
    expect(listed.map((w) => [BigInt(w.wdev), w.addr]), 'iw dev after start').toEqual([[BigInt(dev.wdev), dev.address]]);
    const list = await world.call('list');
    expect((list.json as { devices: unknown[] }).devices).toEqual([expect.objectContaining({ handle: dev.handle, phy: radios[0]!.phy, state: 'idle', device_name: WIFID_NAME })]);
    const stop = await world.call('stop', { handle: dev.handle });
    expect(stop.code, stop.stderr).toBe(0);
    expect(await p2pWdevsOn(radios[0]!.index), 'iw dev after stop').toEqual([]);
    expect((await world.call('list')).json).toEqual({ devices: [] });
  }, TEST_TIMEOUT_MS);

  it('p2p_sigkill: SIGKILL of the daemon removes its P2P-Device', async () => {
    const radios = await loadHwsim({ radios: 1 });
    const world = await P2pWorld.create(WIFID_NAME);
    await world.startDaemon();
    await startedDevice(world, radios[0]!.phy);
    expect(await p2pWdevsOn(radios[0]!.index)).toHaveLength(1);
    await world.killDaemon();
    await pollUntil(`${radios[0]!.phy}: P2P-Device gone after SIGKILL`, 10_000, async () =>
      (await p2pWdevsOn(radios[0]!.index)).length === 0 ? true : undefined);
  }, TEST_TIMEOUT_MS);

  it('p2p_bad_input: unknown phy, second start, unknown handle and bad arguments answer with a status and change nothing', async () => {
    const radios = await loadHwsim({ radios: 1 });
    const world = await P2pWorld.create(WIFID_NAME);
    await world.startDaemon();
    const dev = await startedDevice(world, radios[0]!.phy);
    const before = JSON.stringify((await world.call('list')).json);
    const wdevsBefore = await p2pWdevsOn(radios[0]!.index);

    const cases: [string, Record<string, unknown>, number, RegExp][] = [
      ['start', { phy: 'phy99' }, EXIT_NOT_FOUND, /unknown phy 'phy99'/],
      ['start', { phy: radios[0]!.phy }, EXIT_INVALID_ARGUMENT, /allows 1 P2P-Device and already has one/],
      ['start', { phy: 'phy0; rm -rf /' }, EXIT_INVALID_ARGUMENT, /phy must be a wiphy name/],
      ['start', {}, EXIT_INVALID_ARGUMENT, /phy/],
      ['stop', { handle: dev.handle + 1000 }, EXIT_NOT_FOUND, /no P2P-Device with handle/],
      ['find', { handle: dev.handle + 1000 }, EXIT_NOT_FOUND, /no P2P-Device with handle/],
      ['listen', { handle: dev.handle + 1000, timeout: 5 }, EXIT_NOT_FOUND, /no P2P-Device with handle/],
      ['stop_find', { handle: dev.handle + 1000 }, EXIT_NOT_FOUND, /no P2P-Device with handle/],
      ['peers', { handle: dev.handle + 1000 }, EXIT_NOT_FOUND, /no P2P-Device with handle/],
      ['find', { handle: dev.handle, timeout: -1 }, EXIT_INVALID_ARGUMENT, /timeout must be/],
      ['stop', { handle: 'one' }, EXIT_INVALID_ARGUMENT, /handle/],
    ];
    for (const [method, args, code, message] of cases) {
      const r = await world.call(method, args);
      const what = `${method} ${JSON.stringify(args)}`;
      expect(r.code, `${what}: exit code (stdout ${r.stdout} stderr ${r.stderr})`).toBe(code);
      expect(`${r.stdout}${r.stderr}`, `${what}: message`).toMatch(message);
    }
    expect(JSON.stringify((await world.call('list')).json), 'list after the bad calls').toBe(before);
    expect(await p2pWdevsOn(radios[0]!.index), 'iw dev after the bad calls').toEqual(wdevsBefore);
    expect((await world.call('stop', { handle: dev.handle })).code).toBe(0);
  }, TEST_TIMEOUT_MS);

  it('p2p_kernel_refusal: a radio switched off by rfkill answers with the kernel\'s errno through ubus and leaves no wdev', async () => {
    const radios = await loadHwsim({ radios: 1 });
    const world = await P2pWorld.create(WIFID_NAME);
    await world.startDaemon();
    const rfkill = readdirSync('/sys/class/rfkill').find((d) => readFileSync(`/sys/class/rfkill/${d}/name`, 'utf8').trim() === radios[0]!.phy);
    expect(rfkill, `rfkill switch of ${radios[0]!.phy}`).toBeDefined();
    writeFileSync(`/sys/class/rfkill/${rfkill}/soft`, '1');
    try {
      const r = await world.call('start', { phy: radios[0]!.phy });
      expect(r.code, `${r.stdout}${r.stderr}`).toBe(EXIT_UNKNOWN_ERROR);
      expect(`${r.stdout}${r.stderr}`).toMatch(/START_P2P_DEVICE: ERFKILL/);
      expect(await p2pWdevsOn(radios[0]!.index), 'iw dev after the refused start').toEqual([]);
      expect((await world.call('list')).json).toEqual({ devices: [] });
    } finally {
      writeFileSync(`/sys/class/rfkill/${rfkill}/soft`, '0');
    }
    // Switched on again, the same call works.
    await startedDevice(world, radios[0]!.phy);
  }, TEST_TIMEOUT_MS);

  it('p2p_no_p2p_device: a phy without P2P-Device support is refused and nothing is created', async () => {
    const radios = await loadHwsim({ radios: 1, params: { support_p2p_device: 0 } });
    const world = await P2pWorld.create(WIFID_NAME);
    await world.startDaemon();
    const r = await world.call('start', { phy: radios[0]!.phy });
    expect(r.code, `${r.stdout}${r.stderr}`).toBe(EXIT_INVALID_ARGUMENT);
    expect(`${r.stdout}${r.stderr}`).toMatch(/does not support P2P-Device/);
    expect(await p2pWdevsOn(radios[0]!.index)).toEqual([]);
    expect((await world.call('list')).json).toEqual({ devices: [] });
  }, TEST_TIMEOUT_MS);

  it('p2p_discovery_wpa_supplicant: wpa_supplicant finds wifid by name, and wifid lists wpa_supplicant by name', async () => {
    const radios = await loadHwsim({ radios: 2 });
    const capture = await captureMonitor();
    const world = await P2pWorld.create(WIFID_NAME);
    await world.startDaemon();
    const dev = await startedDevice(world, radios[0]!.phy);
    const wpas = await startP2pPeer(radios[1]!.ifname, PEER_NAME);
    const wpasAddr = (await wpas.peer.ctrl('STATUS', { ifname: wpas.p2pIfname })).match(/p2p_device_address=(\S+)/)?.[1];
    expect(wpasAddr, 'wpa_supplicant P2P device address').toBeDefined();

    expect((await world.call('find', { handle: dev.handle, timeout: 120 })).code).toBe(0);
    expect(await wpas.peer.ctrl('P2P_FIND 120', { ifname: wpas.p2pIfname })).toBe('OK');

    // Both directions are awaited together, so one run tells which of them works.
    const wpasFoundWifid = wpas.p2pEvents.waitEvent(new RegExp(`P2P-DEVICE-FOUND ${dev.address}.*name='${WIFID_NAME}'`), 90_000);
    const wifidFoundWpas = pollUntil(`wifid (${radios[0]!.phy}): peers listing ${wpasAddr}`, 90_000, async () => {
      const r = await world.call('peers', { handle: dev.handle });
      const peers = (r.json as { peers?: { p2p_dev_addr: string; device_name: string }[] } | undefined)?.peers ?? [];
      return peers.find((p) => p.p2p_dev_addr === wpasAddr);
    }, 1000).catch((e: Error) => e);
    const [found, peer] = await Promise.all([wpasFoundWifid, wifidFoundWpas]);
    const context = `\n--- wpa_supplicant P2P events ---\n${wpas.p2pEvents.history.filter((l) => /P2P-/.test(l)).slice(-10).join('\n')}` +
      `\n--- wifid ---\n${world.daemonOutput.filter((l) => /probe|found|lost|discovery|malformed|warn|error/.test(l)).slice(-30).join('\n')}`;
    expect(peer instanceof Error ? peer.message : 'ok', `wifid's peers never listed wpa_supplicant's device${context}`).toBe('ok');
    expect(peer).toMatchObject({ device_name: PEER_NAME, pri_dev_type: '1-0050F204-1', listen_freq: 2412 });
    expect(found, `wpa_supplicant (${radios[1]!.phy}): no P2P-DEVICE-FOUND for wifid ${dev.address}${context}`).not.toBeNull();

    const stopFind = await world.call('stop_find', { handle: dev.handle });
    expect(stopFind.json).toMatchObject({ state: 'idle' });
    await wpas.peer.ctrl('P2P_STOP_FIND', { ifname: wpas.p2pIfname });
    expect((await world.call('stop', { handle: dev.handle })).code).toBe(0);
    expect(await p2pWdevsOn(radios[0]!.index)).toEqual([]);
    await wpas.stop();

    // What went on the air parses with core/ieee80211: wpa_supplicant's P2P probe
    // requests and its probe responses, and wifid's probe responses.
    const frames = (await capture.stop()).map((f) => new Uint8Array(f.frame));
    const probeReqs = frames.filter((f) => f[0] === 0x40 && macToString(f, 10) === wpasAddr).map((f) => parseProbeRequest(f));
    expect(probeReqs.length, 'wpa_supplicant probe requests on hwsim0').toBeGreaterThan(0);
    expect(probeReqs.some((p) => p.p2p && isP2pWildcardSsid(p.ssid) && p.wps?.deviceName === PEER_NAME)).toBe(true);
    const ourResponses = frames.filter((f) => f[0] === 0x50 && macToString(f, 10) === dev.address).map((f) => parseProbeResponse(f));
    expect(ourResponses.length, 'wifid probe responses on hwsim0').toBeGreaterThan(0);
    expect(ourResponses[0]!.p2p?.deviceInfo?.deviceName).toBe(WIFID_NAME);
    if (process.env.WIFID_P2P_DUMP_VECTORS === '1') {
      const theirResponse = frames.find((f) => f[0] === 0x50 && macToString(f, 10) === wpasAddr);
      const theirRequest = frames.find((f) => f[0] === 0x40 && macToString(f, 10) === wpasAddr && f.length > 100);
      for (const [name, f] of [['wpas-probe-request', theirRequest], ['wpas-probe-response', theirResponse]] as const) {
        if (f) process.stdout.write(`P2P-VECTOR ${name} ${Buffer.from(f).toString('hex')}\n`);
      }
    }
  }, TEST_TIMEOUT_MS);
});
