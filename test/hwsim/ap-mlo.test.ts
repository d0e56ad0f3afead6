// MLO clients of mld-ap's AP MLD (issue 17) against the real kernel: wifid with an AP MLD
// of two links (2.4 GHz channels 1 and 6) on one mac80211_hwsim radio (mlo=1), SAE with
// hash-to-element and PMF required (ap-mlo-fixture.ts); Debian sid's wpa_supplicant 2.11
// (built with 802.11be) on another radio in its own network namespace associates over both
// links, then (ap_mlo_sae) moves to a second AP MLD with encryption sae-ext (SAE-EXT-KEY,
// GCMP-256, BIP-GMAC-256) on a third radio; bookworm's wpa_supplicant 2.10 joins link 1 as
// a legacy station, alone and beside the MLD; remove_link of link 1 with both connected,
// and add_link bringing it back.
import { afterEach, describe, expect, it } from 'vitest';
import { macToString } from '../../core/ieee80211/mac-address.js';
import { captureMonitor, type Capture } from './lib/capture.js';
import { pollUntil, run, sleep, tryRun } from './lib/exec.js';
import { loadHwsim, unloadHwsim, type Radio } from './lib/hwsim.js';
import { parseIwMldLinks } from './lib/iw-mld.js';
import { createNetns, movePhyToNetns, type Netns } from './lib/netns.js';
import type { CapturedFrame } from './lib/pcap.js';
import { startWpaSupplicant, type Peer } from './lib/peers.js';
import { sidIw } from './lib/sid.js';
import type { WifidWorld } from './wifid-world.js';
import {
  EXT_MLD_ADDR, EXT_MLD_IFNAME, EXT_MLD_LINKS, EXT_MLD_SSID, MLD_ADDR, MLD_FREQS, MLD_IFNAME, MLD_LINKS, MLD_PASSWORD, MLD_SSID,
  mloStatus, saeExtNetwork, saeNetwork, scanUntilSeen, startApMld, startSidSupplicant,
} from './ap-mlo-fixture.js';
import type { ConfValues } from './lib/peers.js';

const AP_IP = '192.168.79.1';
const EXT_AP_IP = '192.168.80.1';
const EXT_STA_IP = '192.168.80.2';
const STA_IP = '192.168.79.2';
const LEGACY_IP = '192.168.79.3';
// Under TCG SAE's P-256 work, every node start and each ubus CLI call take seconds.
const TEST_TIMEOUT_MS = 600_000;
const REMOVAL_TIMEOUT_MS = 900_000;

afterEach(async () => {
  await unloadHwsim();
});

type Client = { addr: string; authorized: boolean; akm: string; pmf: boolean; mlo?: boolean; mld_addr?: string; link_id?: number; links?: { link_id: number; addr: string }[] };
type LinkStatus = { link_id: number; addr: string; freq: number; channel: number; state: string };

/** What a failed association shows: the station's lines about selection, SAE, MLD and association, and wifid's status and log. */
async function diagnosis(sta: Peer, world: WifidWorld): Promise<string> {
  const lines = sta.output.filter((l) => /SAE|MLD|MLO|ML:|auth|assoc|DISABLED|reject|skip|select|EHT|RSN|PMF|wifid-mlo|CTRL-EVENT|link/i.test(l)).slice(-200);
  const status = JSON.stringify((await world.call('status').catch(() => ({ json: null }))).json);
  return `station:\n${lines.join('\n')}\nwifid status: ${status}\nwifid:\n${world.tail(120)}`;
}

/** Station MACs as `iw dev <ap> station dump` lists them. */
async function dumpedStations(ifname = MLD_IFNAME): Promise<{ dump: string; addrs: string[] }> {
  const dump = (await run([...sidIw().argv, 'dev', ifname, 'station', 'dump'])).stdout;
  return { dump, addrs: [...dump.matchAll(/^Station ([0-9a-f:]{17})/gm)].map((m) => m[1]!).sort() };
}

/**
 * sid's wpa_supplicant on `radio` (moved to a new namespace holding `ip`) joins the AP MLD
 * over both links with its network 0; `more` networks follow it, disabled.
 */
async function joinMlo(world: WifidWorld, radio: Radio, ip: string, more: ConfValues[] = []): Promise<{ sta: Peer; ns: Netns; mld: string; staLinks: string[] }> {
  const ns = await createNetns();
  await movePhyToNetns(radio.phy, ns);
  const sta = await startSidSupplicant(radio, ns, [saeNetwork(MLD_SSID, MLD_PASSWORD, MLD_FREQS), ...more]);
  await scanUntilSeen(sta, MLD_LINKS, MLD_FREQS);
  expect(await sta.ctrl('ENABLE_NETWORK 0')).toBe('OK');
  const { address, staLinks } = await connectedOverBothLinks(world, sta);
  await ns.run(['ip', 'addr', 'add', `${ip}/24`, 'dev', radio.ifname]);
  return { sta, ns, mld: address, staLinks };
}

/** Which AP MLD a station joins and what its wpa_cli status then shows. */
interface MldTarget {
  mldAddr: string;
  links: readonly string[];
  /** wpa_cli status's key_mgmt, pairwise_cipher, group_cipher (and more) once connected. */
  status: Record<string, string>;
}

const SAE_MLD: MldTarget = { mldAddr: MLD_ADDR, links: MLD_LINKS, status: { key_mgmt: 'SAE' } };
const SAE_EXT_MLD: MldTarget = { mldAddr: EXT_MLD_ADDR, links: EXT_MLD_LINKS, status: { key_mgmt: 'SAE-EXT-KEY', pairwise_cipher: 'GCMP-256', group_cipher: 'GCMP-256', pmf: '2', mgmt_group_cipher: 'BIP-GMAC-256' } };

/** The non-AP MLD's CTRL-EVENT-CONNECTED, its status and mlo_status over links 0 and 1. */
async function connectedOverBothLinks(world: WifidWorld, sta: Peer, target: MldTarget = SAE_MLD): Promise<{ address: string; staLinks: string[]; status: Record<string, string> }> {
  const connected = await sta.waitEvent(/CTRL-EVENT-CONNECTED/, 120_000);
  expect(connected, `sid wpa_supplicant: CTRL-EVENT-CONNECTED\n${connected ? '' : await diagnosis(sta, world)}`).not.toBeNull();
  const status = await sta.status();
  expect(status, `wpa_cli status\n${JSON.stringify(status)}`).toMatchObject({ wpa_state: 'COMPLETED', ...target.status, ap_mld_addr: target.mldAddr });
  const mlo = await mloStatus(sta);
  const both = mlo.linkIds.join(',') === '0,1';
  expect({ linkIds: mlo.linkIds, bssids: mlo.bssids }, `wpa_cli mlo_status\n${mlo.text}\n${both ? '' : await diagnosis(sta, world)}`)
    .toEqual({ linkIds: [0, 1], bssids: [...target.links] });
  return { address: status.address!, staLinks: mlo.staLinks, status };
}

/** bookworm's wpa_supplicant on `radio` (in a new namespace holding `ip`) joins link `link` (default 1) as a legacy station. */
async function joinLegacy(world: WifidWorld, radio: Radio, ip: string, link: 0 | 1 = 1): Promise<{ sta: Peer; ns: Netns; addr: string }> {
  const ns = await createNetns();
  await movePhyToNetns(radio.phy, ns);
  const sta = await startWpaSupplicant({ sae_pwe: 1 }, {
    ifname: radio.ifname, netns: ns,
    networks: [{ ...saeNetwork(MLD_SSID, MLD_PASSWORD, [MLD_FREQS[link]]), disabled: 0 }],
  });
  const connected = await sta.waitEvent(/CTRL-EVENT-CONNECTED/, 120_000);
  expect(connected, `bookworm wpa_supplicant: CTRL-EVENT-CONNECTED\n${connected ? '' : await diagnosis(sta, world)}`).not.toBeNull();
  const status = await sta.status();
  expect(status, `wpa_cli status\n${JSON.stringify(status)}`).toMatchObject({ wpa_state: 'COMPLETED', key_mgmt: 'SAE', bssid: MLD_LINKS[link], freq: String(MLD_FREQS[link]) });
  await ns.run(['ip', 'addr', 'add', `${ip}/24`, 'dev', radio.ifname]);
  return { sta, ns, addr: status.address! };
}

/** The AP MLD's counters in wifid.ap status. */
async function apCounters(world: WifidWorld): Promise<Record<string, number>> {
  return ((await world.call('status')).json as { aps: { counters: Record<string, number> }[] }).aps[0]!.counters;
}

async function pingAp(ns: Netns, world: WifidWorld, more: () => Promise<string> = async () => '', ip = AP_IP): Promise<void> {
  const ping = await tryRun(['busybox', 'ping', '-c', '3', '-W', '5', ip], { netns: ns.name, timeoutMs: 40_000 });
  expect(ping.ok, `ping ${ip} from ${ns.name}\n${ping.stdout}${ping.stderr}\nwifid:\n${world.tail()}\n${ping.ok ? '' : await more()}`).toBe(true);
}

/** wifid.ap clients (of AP `ap.name` only, when given) once `count` are authorized, checked against iw's station dump. */
async function authorizedClients(world: WifidWorld, count: number, ap?: { name: string; ifname: string }): Promise<Client[]> {
  const clients = (await pollUntil(`wifid.ap clients${ap ? ` of ${ap.name}` : ''}: ${count} authorized`, 30_000, async () => {
    const c = ((await world.call('clients', ap ? { name: ap.name } : undefined)).json as { clients: Client[] }).clients;
    return c.length === count && c.every((x) => x.authorized) ? c : undefined;
  }, 500))!;
  const { dump, addrs } = await dumpedStations(ap?.ifname);
  expect(clients.map((c) => c.addr).sort(), `wifid.ap clients vs iw station dump\n${dump}`).toEqual(addrs);
  return clients;
}

function expectMldClient(c: Client | undefined, mld: string, staLinks: string[], linkIds = [0, 1], akm = 'SAE'): void {
  expect(c, 'wifid.ap clients: the non-AP MLD').toMatchObject({ addr: mld, mlo: true, mld_addr: mld, akm, pmf: true });
  expect(c!.links!.map((l) => l.link_id), 'the client\'s links').toEqual(linkIds);
  expect(c!.links!.map((l) => l.addr).sort(), 'the client\'s link addresses as wpa_supplicant reports them').toEqual(staLinks);
}

/** wifid.ap status's links of the AP MLD beside `iw dev <mld> info`'s (sid's iw 6.x prints the links). */
async function expectLinksAgree(world: WifidWorld, linkIds: number[]): Promise<void> {
  const links = ((await world.call('status')).json as { aps: { links: LinkStatus[] }[] }).aps[0]!.links;
  const info = (await run([...sidIw().argv, 'dev', MLD_IFNAME, 'info'])).stdout;
  const iw = parseIwMldLinks(info).map((l) => ({ link_id: l.linkId, addr: l.addr, freq: l.freq, channel: l.channel }));
  expect(links.map((l) => ({ link_id: l.link_id, addr: l.addr, freq: l.freq, channel: l.channel })), `wifid.ap status links vs iw dev ${MLD_IFNAME} info\n${info}`).toEqual(iw);
  expect(links.map((l) => [l.link_id, l.state]), 'wifid.ap status links').toEqual(linkIds.map((id) => [id, 'up']));
}

/** The unicast frames between the AP MLD's and the station's link addresses on the air, one line each (failure messages). */
function airLog(frames: readonly CapturedFrame[], names: Record<string, string>): string {
  const t0 = frames[0]?.timeUs ?? 0;
  return frames.filter((f) => f.frame.length >= 16 && (f.frame[0]! & 0x0c) !== 0x04 && (names[macToString(f.frame, 4)] !== undefined || names[macToString(f.frame, 10)] !== undefined) && f.frame[0] !== 0x80)
    .map((f) => {
      const fc = f.frame.readUInt16LE(0);
      const kind = `${['mgmt', 'ctrl', 'data', 'ext'][(fc >> 2) & 3]}/${(fc >> 4) & 0xf}`;
      const name = (a: string) => names[a] ?? a;
      return `${((f.timeUs - t0) / 1000).toFixed(0).padStart(7)} ms ${kind.padEnd(8)} ${name(macToString(f.frame, 10))} -> ${name(macToString(f.frame, 4))}${fc & 0x1000 ? ' PM' : ''}${fc & 0x0800 ? ' retry' : ''} ${f.frame.length} B`;
    }).slice(-150).join('\n');
}

describe('mld-ap MLO clients on mac80211_hwsim (mlo=1)', () => {
  it('ap_mlo_sae: sid wpa_supplicant 2.11 associates over links 0 and 1 with SAE-H2E and PMF; ping; clients and iw agree; then with SAE-EXT-KEY (AKM 24), GCMP-256 and BIP-GMAC-256 to a second AP MLD (encryption sae-ext), over both links again; ping', async () => {
    const [apRadio, staRadio, extRadio] = await loadHwsim({ radios: 3, mlo: true });
    const world = await startApMld(apRadio!, AP_IP, { radio: extRadio!, ip: EXT_AP_IP });
    const m = await joinMlo(world, staRadio!, STA_IP, [saeExtNetwork(EXT_MLD_SSID, MLD_PASSWORD, MLD_FREQS)]);
    await pingAp(m.ns, world);
    const clients = await authorizedClients(world, 1);
    expectMldClient(clients[0], m.mld, m.staLinks);

    // The same station moves to the sae-ext AP MLD (its network 1).
    const extStart = Date.now();
    await scanUntilSeen(m.sta, EXT_MLD_LINKS, MLD_FREQS);
    expect(await m.sta.ctrl('SELECT_NETWORK 1')).toBe('OK');
    const ext = await connectedOverBothLinks(world, m.sta, SAE_EXT_MLD);
    console.log(`wpa_cli status with sae-ext: ${['key_mgmt', 'pairwise_cipher', 'group_cipher', 'pmf', 'mgmt_group_cipher', 'sae_h2e', 'ap_mld_addr'].map((k) => `${k}=${ext.status[k]}`).join(' ')}`);
    await m.ns.run(['ip', 'addr', 'add', `${EXT_STA_IP}/24`, 'dev', staRadio!.ifname]);
    await pingAp(m.ns, world, async () => diagnosis(m.sta, world), EXT_AP_IP);
    expectMldClient((await authorizedClients(world, 1, { name: 'mldext', ifname: EXT_MLD_IFNAME }))[0], m.mld, ext.staLinks, [0, 1], 'SAE-EXT-KEY');
    console.log(`ap_mlo_sae: the sae-ext part (scan, SAE, association, 4-way handshake, ping, clients) took ${Date.now() - extStart} ms`);
    await m.sta.stop();
    await world.stop();
  }, TEST_TIMEOUT_MS);

  it('ap_mlo_legacy: bookworm wpa_supplicant 2.10 (no 802.11be) joins link 1 of the AP MLD with SAE-H2E and PMF as a legacy station; ping; clients and iw agree', async () => {
    const [apRadio, staRadio] = await loadHwsim({ radios: 2, mlo: true });
    const world = await startApMld(apRadio!, AP_IP);
    const l = await joinLegacy(world, staRadio!, STA_IP);
    await pingAp(l.ns, world);
    const clients = await authorizedClients(world, 1);
    expect(clients[0]).toMatchObject({ addr: l.addr, mlo: false, link_id: 1, akm: 'SAE', pmf: true });
    await l.sta.stop();
    await world.stop();
  }, TEST_TIMEOUT_MS);

  it('ap_mlo_with_legacy: the non-AP MLD on both links and a legacy station on link 1 at the same time; both ping; clients and iw agree; the legacy station leaves: group rekey of both links, the MLD answers and pings', async () => {
    const [apRadio, mldRadio, legacyRadio] = await loadHwsim({ radios: 3, mlo: true });
    const world = await startApMld(apRadio!, AP_IP);
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

  it('ap_mlo_link_removal: remove_link of the link that is not the non-AP MLD\'s association link, with the MLD on both links and a legacy station on that link: the MLD stays on the other (mlo_status one link) and pings, the legacy station is disassociated (reason 8); status, clients and iw agree; add_link brings the link back and a new association uses both links', async () => {
    const [apRadio, mldRadio, legacyRadio] = await loadHwsim({ radios: 3, mlo: true });
    const world = await startApMld(apRadio!, AP_IP);
    const m = await joinMlo(world, mldRadio!, STA_IP);
    // The link removed is the one that is not the MLD's association link (mac80211 marks it
    // "(assoc)" in the kernel log; wpa_cli status's bssid is the AP MLD's address): when sid's mac80211 (Linux 6.12, hwsim) removes its association link on the
    // AP Removal Timer, the link it keeps is left without a channel (iw dev info) and it
    // transmits nothing more (seen on hwsim0), whatever the AP does; not wifid's to fix.
    const klog = (await run(['dmesg'])).stdout;
    const assocLine = [...klog.matchAll(new RegExp(`${mldRadio!.ifname}: \\[link (\\d+)\\] local address \\S+, AP link address (\\S+) \\(assoc\\)`, 'g'))].at(-1);
    const assoc = MLD_LINKS.indexOf(assocLine?.[2] as typeof MLD_LINKS[number]);
    expect(assoc, `the MLD's association link in the kernel log\n${klog.split('\n').slice(-20).join('\n')}`).toBeGreaterThanOrEqual(0);
    const gone = assoc === 0 ? 1 : 0;
    const kept = 1 - gone;
    const l = await joinLegacy(world, legacyRadio!, LEGACY_IP, gone);
    await pingAp(m.ns, world);
    await pingAp(l.ns, world);
    await authorizedClients(world, 2);
    const mark = m.sta.output.length;
    let air: Capture | undefined = await captureMonitor();
    const names: Record<string, string> = { [MLD_LINKS[0]]: 'AP link 0', [MLD_LINKS[1]]: 'AP link 1', [MLD_ADDR]: 'AP MLD', [m.mld]: 'STA MLD', [l.addr]: 'legacy' };
    m.staLinks.forEach((a, i) => { names[a] = `STA link addr ${i}`; });
    /** What went wrong after remove_link: the station's link and key handling, its kernel's view, the air, wifid. */
    const removalLog = async (): Promise<string> => {
      const frames = air ? await air.stop().catch(() => []) : [];
      air = undefined;
      const iwSta = await tryRun([...sidIw().argv, 'dev', mldRadio!.ifname, 'info'], { netns: m.ns.name });
      const dmesg = await tryRun(['dmesg']);
      return [
        `sid wpa_supplicant since remove_link:\n${m.sta.output.slice(mark).filter((x) => /EAPOL|WPA:|RSN|MLO|MLD|GTK|link|CTRL-EVENT|nl80211:|deauth|disassoc/i.test(x)).slice(-120).join('\n')}`,
        `station iw dev info:\n${iwSta.stdout}`, `kernel log:\n${dmesg.stdout.split('\n').slice(-40).join('\n')}`,
        `AP station dump:\n${(await dumpedStations().catch(() => ({ dump: '' }))).dump}`,
        `air since remove_link (unicast, no beacons):\n${airLog(frames, names)}`,
        `wifid counters ${JSON.stringify(await apCounters(world).catch(() => null))}\nwifid:\n${world.tail(80)}`,
      ].join('\n');
    };

    // 30 TBTTs (about 3 s at 100 TU) announced; mac80211 on the MLD's side removes its link
    // one TBTT before the AP Removal Timer runs out, the AP when it does.
    const removing = await world.call('remove_link', { name: 'mld', link_id: gone, announce_tbtt: 30 });
    expect(removing.json, `remove_link ${gone}\n${world.tail()}`).toMatchObject({ link_id: gone, state: 'removing' });
    const left = await l.sta.waitEvent(/CTRL-EVENT-DISCONNECTED/, 120_000);
    expect(left, `bookworm wpa_supplicant: CTRL-EVENT-DISCONNECTED\n${left ? '' : await diagnosis(l.sta, world)}`).toMatch(new RegExp(`bssid=${MLD_LINKS[gone]} reason=8\\b`));
    // It would join its link again once it is back: it has seen what it had to.
    await l.sta.ctrl('DISCONNECT');

    const oneLink = await pollUntil(`sid wpa_supplicant: mlo_status with link ${kept} only`, 120_000, async () => {
      const s = await mloStatus(m.sta);
      return s.linkIds.join(',') === String(kept) ? s : undefined;
    }, 1000).catch(async (err: unknown) => { throw new Error(`${(err as Error).message}\n${await removalLog()}`); });
    expect(oneLink.bssids, 'the MLD\'s remaining AP link').toEqual([MLD_LINKS[kept]]);
    expect(await m.sta.status(), 'wpa_cli status after the removal').toMatchObject({ wpa_state: 'COMPLETED', ap_mld_addr: MLD_ADDR });
    await pingAp(m.ns, world, removalLog);
    // The legacy station held its link's group keys only, which went with the link: no rekey
    // (one could not complete: the kernel stops handing EAPOL to wifid with that link's STOP_AP,
    // ApMld.finishRemoval). The MLD stays associated: not disconnected 10 s on, still pinging.
    await sleep(10_000);
    const counters = await apCounters(world);
    expect({ group_rekeys: counters.group_rekeys, group_rekey_failures: counters.group_rekey_failures }, 'wifid counters: no rekey after the removal').toEqual({ group_rekeys: 0, group_rekey_failures: 0 });
    const dropped = m.sta.output.slice(mark).filter((x) => /CTRL-EVENT-DISCONNECTED/.test(x));
    expect(dropped, `the MLD was not disconnected\n${dropped.length ? await removalLog() : ''}`).toEqual([]);
    await pingAp(m.ns, world, removalLog);
    await air?.stop();
    air = undefined;
    const stays = (await pollUntil(`wifid.ap clients: the MLD with link ${kept} only`, 60_000, async () => {
      const c = ((await world.call('clients')).json as { clients: Client[] }).clients;
      return c.length === 1 && c[0]!.links?.length === 1 ? c : undefined;
    }, 500))[0];
    expectMldClient(stays, m.mld, oneLink.staLinks, [kept]);
    expectMldClient((await authorizedClients(world, 1))[0], m.mld, oneLink.staLinks, [kept]);
    await expectLinksAgree(world, [kept]);

    // add_link: the link on its channel again (the free link id); the MLD associates anew over both links.
    const added = await world.call('add_link', { name: 'mld', link: `${apRadio!.phy}:${[1, 6][gone]}` });
    expect(added.json, `add_link\n${world.tail()}`).toMatchObject({ link_id: gone });
    await expectLinksAgree(world, [0, 1]);
    await scanUntilSeen(m.sta, MLD_LINKS, MLD_FREQS, { maxAgeS: 5 });
    expect(await m.sta.ctrl('DISCONNECT')).toBe('OK');
    expect(await m.sta.waitEvent(/CTRL-EVENT-DISCONNECTED/, 30_000), 'sid wpa_supplicant: CTRL-EVENT-DISCONNECTED after DISCONNECT').not.toBeNull();
    expect(await m.sta.ctrl('RECONNECT')).toBe('OK');
    const again = await connectedOverBothLinks(world, m.sta);
    await pingAp(m.ns, world);
    expectMldClient((await authorizedClients(world, 1))[0], m.mld, again.staLinks);

    await l.sta.stop();
    await m.sta.stop();
    await world.stop();
  }, REMOVAL_TIMEOUT_MS);
});
