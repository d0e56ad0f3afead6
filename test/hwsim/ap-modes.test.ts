// mld-ap's PHY modes against the real kernel: a wifid AP with an htmode wider or newer than
// HT20 on one mac80211_hwsim radio, Debian bookworm's wpa_supplicant 2.10 on another in its
// own namespace. What the station's kernel made of the AP's elements shows in `iw dev <sta>
// link` (MCS rates and width), what wifid asked of the AP's kernel in `iw dev <ap> info`;
// the beacon's elements are read back from wpa_supplicant's scan result (BSS ie=).
import { afterEach, describe, expect, it } from 'vitest';
import { ElementExtId, ElementId, parseElements } from '../../core/ieee80211/elements.js';
import { loadHwsim, unloadHwsim, type Radio } from './lib/hwsim.js';
import { createNetns, movePhyToNetns, type Netns } from './lib/netns.js';
import { pollUntil, run, tryRun } from './lib/exec.js';
import { startWpaSupplicant, type Peer } from './lib/peers.js';
import { WifidWorld } from './wifid-world.js';

const SSID = 'wifid-modes';
const AP_IF = 'wifid-ap0';
const AP_IP = '192.168.78.1';
const STA_IP = '192.168.78.2';
const TEST_TIMEOUT_MS = 480_000;

afterEach(async () => {
  await unloadHwsim();
});

function apSection(name: string, radio: Radio, channel: number, htmode: string, ifname: string, ssid = SSID): string[] {
  return [
    `config ap '${name}'`, `\toption phy '${radio.phy}'`, `\toption channel '${channel}'`, `\toption htmode '${htmode}'`,
    `\toption ssid '${ssid}'`, "\toption encryption 'none'", `\toption ifname '${ifname}'`, '',
  ];
}

type ApStatus = Record<string, unknown>;

async function waitRunning(world: WifidWorld, name: string): Promise<ApStatus> {
  return pollUntil(`wifid.ap status: AP ${name} running`, 30_000, async () => {
    const aps = ((await world.call('status')).json as { aps?: ApStatus[] } | undefined)?.aps ?? [];
    const ap = aps.find((a) => a.name === name);
    if (ap?.state === 'failed') throw new Error(`AP ${name} failed: ${String(ap.error)}\n${world.tail()}`);
    return ap?.state === 'running' ? ap : undefined;
  }, 500);
}

async function join(radio: Radio, ns: Netns, freq: number): Promise<Peer> {
  await movePhyToNetns(radio.phy, ns);
  const sta = await startWpaSupplicant({}, { ifname: radio.ifname, netns: ns, networks: [{ ssid: `"${SSID}"`, key_mgmt: 'NONE', scan_freq: freq }] });
  const connected = await sta.waitEvent(/CTRL-EVENT-CONNECTED/, 60_000);
  expect(connected, `wpa_supplicant on ${radio.ifname}: CTRL-EVENT-CONNECTED to ${SSID}\n${sta.tail()}`).not.toBeNull();
  return sta;
}

/** The elements of the AP's beacon or probe response as the station's scan result holds them. */
async function scannedElements(sta: Peer, bssid: string) {
  const bss = await sta.ctrl(`BSS ${bssid}`);
  const ie = /^ie=([0-9a-f]*)$/m.exec(bss)?.[1];
  expect(ie, `BSS ${bssid} has ie=\n${bss}`).toBeDefined();
  return parseElements(Buffer.from(ie!, 'hex'));
}

/**
 * `iw dev <sta> link` once its bitrate lines match `re` (pinging so that both directions
 * have rates); the last output on failure. Only the rate family (HT/VHT/HE MCS) is asked
 * of the rates: which width minstrel samples at a given moment is its choice, the
 * channel width the station's kernel runs is read by stationWidth.
 */
async function waitLink(ns: Netns, ifname: string, re: RegExp): Promise<string> {
  let last = '';
  try {
    return await pollUntil(`iw dev ${ifname} link matches ${re}`, 60_000, async () => {
      await tryRun(['busybox', 'ping', '-c', '2', '-W', '2', AP_IP], { netns: ns.name, timeoutMs: 10_000 });
      last = (await ns.run(['iw', 'dev', ifname, 'link'])).stdout;
      return re.test(last) ? last : undefined;
    }, 1000);
  } catch (err) {
    // What mac80211 logged about the connection (e.g. "disabling VHT") says why.
    const dmesg = (await tryRun(['dmesg'])).stdout.split('\n').filter((l) => /wlan|wifid|VHT|HT|HE/.test(l)).slice(-20).join('\n');
    const ap = (await tryRun(['iw', 'dev', AP_IF, 'station', 'dump'])).stdout;
    throw new Error(`${(err as Error).message}\n${last}\nAP station dump:\n${ap}\nkernel log:\n${dmesg}`);
  }
}

/** The channel line of `iw dev <sta> info`: the width the station's kernel set up from the AP's elements. */
async function stationChannel(ns: Netns, ifname: string): Promise<string> {
  const info = (await ns.run(['iw', 'dev', ifname, 'info'])).stdout;
  return /^\s*channel .*$/m.exec(info)?.[0]?.trim() ?? info;
}

async function ping(ns: Netns): Promise<void> {
  const r = await tryRun(['busybox', 'ping', '-c', '3', '-W', '5', AP_IP], { netns: ns.name, timeoutMs: 30_000 });
  expect(r.ok, `ping ${AP_IP} from the station's namespace\n${r.stdout}${r.stderr}`).toBe(true);
}

describe('mld-ap PHY modes on mac80211_hwsim', () => {
  it('ap_ht40_he: HE40 on 2.4 GHz channel 1 (secondary above), the station runs 40 MHz with MCS rates; an htmode the radio cannot do is refused, the other AP runs', async () => {
    const radios = await loadHwsim({ radios: 2 });
    const config = [
      "config plugin 'mld_ap'", "\toption enabled '1'", '',
      ...apSection('fast', radios[0]!, 1, 'HE40', AP_IF),
      ...apSection('bad', radios[0]!, 1, 'VHT80', 'wifid-ap1', 'wifid-bad'),
    ];
    const world = await WifidWorld.create(config, 'wifid.ap');
    await world.startDaemon();
    const status = await waitRunning(world, 'fast');
    expect(status).toMatchObject({ freq: 2412, channel: 1, width: '40', htmode: 'HE40' });
    const bad = ((await world.call('status', { name: 'bad' })).json as { aps: ApStatus[] }).aps[0];
    expect(bad).toMatchObject({ state: 'failed', error: expect.stringMatching(/htmode VHT80: VHT is a 5 GHz mode/) });
    const info = (await run(['iw', 'dev', AP_IF, 'info'])).stdout;
    expect(info, `iw dev ${AP_IF} info`).toMatch(/channel 1 \(2412 MHz\), width: 40 MHz, center1: 2422 MHz/);
    await run(['ip', 'addr', 'add', `${AP_IP}/24`, 'dev', AP_IF]);

    const ns = await createNetns();
    const sta = await join(radios[1]!, ns, 2412);
    await ns.run(['ip', 'addr', 'add', `${STA_IP}/24`, 'dev', radios[1]!.ifname]);
    await ping(ns);

    const elements = await scannedElements(sta, status.bssid as string);
    const htOp = elements.find((e) => e.id === ElementId.HT_OPERATION);
    expect(htOp?.data[0], 'HT Operation: primary channel').toBe(1);
    expect((htOp?.data[1] ?? 0) & 0x07, 'HT Operation: secondary above, any channel width').toBe(0x05);
    expect(elements.some((e) => e.extId === ElementExtId.HE_CAPABILITIES), 'HE Capabilities in the beacon').toBe(true);
    expect(elements.some((e) => e.extId === ElementExtId.HE_OPERATION), 'HE Operation in the beacon').toBe(true);
    const wmm = elements.find((e) => e.id === ElementId.VENDOR_SPECIFIC && Buffer.from(e.data.subarray(0, 5)).toString('hex') === '0050f20201');
    expect(wmm, 'WMM Parameter element in the beacon').toBeDefined();
    expect(elements.some((e) => e.id === ElementId.COUNTRY), 'Country element in the beacon').toBe(true);

    expect(await stationChannel(ns, radios[1]!.ifname), 'the station runs the 40 MHz channel').toMatch(/channel 1 \(2412 MHz\), width: 40 MHz, center1: 2422 MHz/);
    const link = await waitLink(ns, radios[1]!.ifname, /(tx|rx) bitrate:.*\b(HE-)?MCS \d+/);
    expect(link).toMatch(/Connected to /);
    expect((await run(['iw', 'dev', AP_IF, 'station', 'dump'])).stdout, 'the AP\'s kernel has the station as a WMM station').toMatch(/WMM\/WME:\s*yes/);
    expect(world.tail(1000)).toMatch(/associated, AID 1, (HE|HT), WMM/);
    const clients = (await world.call('clients')).json as { clients: Record<string, unknown>[] };
    expect(clients.clients.map((c) => c.addr)).toEqual([(await sta.status()).address]);

    await sta.stop();
    await world.stopDaemon();
    await world.stop();
    await ns.delete();
  }, TEST_TIMEOUT_MS);

  it('ap_vht40_5g: VHT40 on 5 GHz channel 36 under hwsim\'s custom regulatory rules (regtest=5: 5150-5250 MHz, 40 MHz at most); VHT80 there is refused from the kernel\'s NO_80MHZ; world domain Country element', async () => {
    // No regulatory.db in the VM, so no `iw reg set`: hwsim's custom world domain 01 opens
    // 5150-5250 MHz for beaconing, 40 MHz wide at most, on every radio it creates.
    const radios = await loadHwsim({ radios: 2, params: { regtest: 5 } });
    const config = [
      "config plugin 'mld_ap'", "\toption enabled '1'", '',
      ...apSection('wide', radios[0]!, 36, 'VHT40', AP_IF),
      ...apSection('toowide', radios[0]!, 44, 'VHT80', 'wifid-ap1', 'wifid-toowide'),
    ];
    const world = await WifidWorld.create(config, 'wifid.ap');
    await world.startDaemon();
    const status = await waitRunning(world, 'wide');
    expect(status).toMatchObject({ freq: 5180, channel: 36, width: '40', htmode: 'VHT40' });
    const refused = ((await world.call('status', { name: 'toowide' })).json as { aps: ApStatus[] }).aps[0];
    expect(refused).toMatchObject({ state: 'failed', error: expect.stringMatching(/htmode VHT80: 80 MHz is not allowed on channel 44/) });
    const info = (await run(['iw', 'dev', AP_IF, 'info'])).stdout;
    expect(info, `iw dev ${AP_IF} info`).toMatch(/channel 36 \(5180 MHz\), width: 40 MHz, center1: 5190 MHz/);
    await run(['ip', 'addr', 'add', `${AP_IP}/24`, 'dev', AP_IF]);

    const ns = await createNetns();
    const sta = await join(radios[1]!, ns, 5180);
    await ns.run(['ip', 'addr', 'add', `${STA_IP}/24`, 'dev', radios[1]!.ifname]);
    await ping(ns);

    const elements = await scannedElements(sta, status.bssid as string);
    // The kernel's own domain stays the world (00): the standard's noncountry entity, then
    // the channels hwsim's rule opens, 36 to 48, as one subband triplet.
    const country = elements.find((e) => e.id === ElementId.COUNTRY);
    expect(Buffer.from(country?.data.subarray(0, 3) ?? []).toString('latin1'), 'Country element for the world domain').toBe('XXX');
    expect([...(country?.data.subarray(3, 5) ?? [])], 'first subband: channels 36-48').toEqual([36, 4]);
    const vhtOp = elements.find((e) => e.id === ElementId.VHT_OPERATION);
    expect(vhtOp?.data[0], 'VHT Operation: 20/40 MHz channel width').toBe(0);
    const htOp = elements.find((e) => e.id === ElementId.HT_OPERATION);
    expect([htOp?.data[0], (htOp?.data[1] ?? 0) & 0x07], 'HT Operation: primary 36, secondary above').toEqual([36, 0x05]);

    // hwsim's station associates as HT here, not VHT (seen in the VM: it sends no VHT
    // Capabilities; its channels allow no 80 MHz, which every VHT STA supports), so the
    // link shows HT or VHT MCS rates on a 40 MHz channel.
    expect(await stationChannel(ns, radios[1]!.ifname), 'the station runs the 40 MHz channel').toMatch(/channel 36 \(5180 MHz\), width: 40 MHz, center1: 5190 MHz/);
    const link = await waitLink(ns, radios[1]!.ifname, /(tx|rx) bitrate:.*\b(VHT-)?MCS \d+/);
    expect(link).toMatch(/freq: 5180/);
    expect((await run(['iw', 'dev', AP_IF, 'station', 'dump'])).stdout, 'the AP\'s kernel has the station as a WMM station').toMatch(/WMM\/WME:\s*yes/);
    expect(world.tail(1000)).toMatch(/associated, AID 1, V?HT, WMM/);

    await sta.stop();
    await world.stopDaemon();
    await world.stop();
    await ns.delete();
  }, TEST_TIMEOUT_MS);
});
