// sta-mlo's scanning (issue 14) against the real kernel: wifid runs an AP MLD (two links,
// channels 1 and 6, one mlo=1 radio) and a station on a third radio; Debian's hostapd
// 2.10 runs a plain WPA2-PSK AP on a second radio in its own namespace. The station's
// `wifid.sta scan` lists the AP MLD once with both links (as sid's iw shows the AP's
// links) and hostapd's BSS with akm WPA2-PSK, and agrees with `iw dev <sta> scan dump`.
// A second station on a fourth radio (its own BSS cache: cfg80211 keeps one per wiphy)
// scans channel 1 only and knows link 1 from link 0's RNR alone; its connect over
// channel 1 makes a multi-link probe to link 0 (802.11be 35.3.4.2), whose answer gives
// cfg80211 link 1's BSS, and it associates over both links.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { registerCleanup, unregisterCleanup } from './lib/cleanup.js';
import { EventStream } from './lib/event-stream.js';
import { pollUntil, run, tryRun } from './lib/exec.js';
import { loadHwsim, unloadHwsim } from './lib/hwsim.js';
import { parseIwMldLinks } from './lib/iw-mld.js';
import { createNetns, movePhyToNetns } from './lib/netns.js';
import { startHostapd } from './lib/peers.js';
import { sidIw } from './lib/sid.js';
import { apMldSection, MLD_ADDR, MLD_FREQS, MLD_IFNAME, MLD_PASSWORD, MLD_SSID } from './ap-mlo-fixture.js';
import { WifidWorld } from './wifid-world.js';

const STA_IFNAME = 'wifid-sta0';
const PROBE_IFNAME = 'wifid-sta1';
/**
 * Connects until the multi-link probe's answer came inside the scan's dwell (hwsim: 30 ms
 * per channel; wifid's AP answers from userspace, 23-117 ms under TCG, slowest the first
 * time), each connect sending up to ML_PROBE_TRIES probes; as ap-mlo-probe.test.ts.
 */
const MAX_CONNECTS = 4;
const LEGACY_SSID = 'legacy-psk';
const TEST_TIMEOUT_MS = 600_000;
const UBUS_CLI = fileURLToPath(new URL('../ubusd/ubus', import.meta.url));

type Bss = { bssid: string; ssid: string; freq: number; signal?: number; akm: string[]; pmf: number; h2e: boolean; mld_addr?: string; link_id?: number };
type ApMld = { ssid: string; mld_addr: string; akm: string[]; pmf: number; h2e: boolean; links: { link_id: number; bssid: string; freq?: number; signal?: number; heard: boolean }[] };
type ScanReply = { bss: Bss[]; ap_mlds: ApMld[]; aborted: boolean };

afterEach(async () => {
  await unloadHwsim();
});

/** `iw dev <if> scan dump`: BSSID -> frequency (iw prints "freq: 2412" or "freq: 2412.0"). */
function iwScanDump(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let bssid: string | undefined;
  for (const line of text.split('\n')) {
    const b = /^BSS ([0-9a-f:]{17})/.exec(line);
    if (b) bssid = b[1];
    const f = /^\s+freq: (\d+)/.exec(line);
    if (f && bssid) out.set(bssid, Number(f[1]));
  }
  return out;
}

describe('sta-mlo scanning on mac80211_hwsim (mlo=1)', () => {
  it('sta_scan_ap_mld: the AP MLD once with both links, hostapd\'s psk2 BSS with akm WPA2-PSK; agrees with iw; bad names refused; a station that scanned channel 1 alone learns link 1 by a multi-link probe and associates over both', async () => {
    const [apRadio, legacyRadio, staRadio, probeRadio] = await loadHwsim({ radios: 4, mlo: true });
    const ns = await createNetns('legacy');
    await movePhyToNetns(legacyRadio!.phy, ns);
    const legacy = await startHostapd(
      { driver: 'nl80211', ssid: LEGACY_SSID, hw_mode: 'g', channel: 11, wpa: 2, wpa_key_mgmt: 'WPA-PSK', rsn_pairwise: 'CCMP', wpa_passphrase: 'legacy passphrase' },
      { ifname: legacyRadio!.ifname, netns: ns, label: `hostapd on ${legacyRadio!.phy}` },
    );
    const world = await WifidWorld.create([
      "config plugin 'mld_ap'", "\toption enabled '1'", '',
      "config plugin 'sta_mlo'", "\toption enabled '1'", '',
      ...apMldSection(apRadio!.phy), '',
      "config sta 'uplink'", `\toption phy '${staRadio!.phy}'`, '',
      "config sta 'probe'", `\toption phy '${probeRadio!.phy}'`, `\toption ifname '${PROBE_IFNAME}'`, '',
      "config sta_network", "\toption sta 'uplink'", `\toption ssid '${MLD_SSID}'`, "\toption encryption 'sae'", "\toption key 'unused here'", "\toption auto_connect '0'",
    ], 'wifid.sta');
    await world.startDaemon();

    // The station's netdev exists, up, in managed mode; status says idle.
    type Status = { name: string; ifname: string; phy: string; addr: string; state: string; error?: string; counters: Record<string, number>; networks: string[] };
    const status = async () => ((await world.call('status')).json as { stations: Status[] }).stations;
    const [sta] = await status();
    expect(sta, `wifid.sta status\n${world.tail()}`).toMatchObject({ name: 'uplink', ifname: STA_IFNAME, phy: staRadio!.phy, state: 'idle', networks: [MLD_SSID] });
    const info = (await run(['iw', 'dev', STA_IFNAME, 'info'])).stdout;
    expect(info, `iw dev ${STA_IFNAME} info`).toMatch(/type managed/);
    expect(info).toContain(`addr ${sta!.addr}`);

    // The AP MLD is running; its links as the kernel has them.
    await pollUntil('wifid.ap: the AP MLD running', 60_000, async () => {
      const r = await world.ubus(['call', 'wifid.ap', 'status', '{"name":"mld"}']);
      const ap = (r.json as { aps?: { state: string; error?: string }[] } | undefined)?.aps?.[0];
      if (ap?.state === 'failed') throw new Error(`AP MLD failed: ${String(ap.error)}\n${world.tail()}`);
      return ap?.state === 'running' ? true : undefined;
    }, 500);
    const apLinks = parseIwMldLinks((await run([...sidIw().argv, 'dev', MLD_IFNAME, 'info'])).stdout)
      .map((l) => ({ link_id: l.linkId, bssid: l.addr, freq: l.freq }));
    expect(apLinks.map((l) => l.link_id), 'the AP MLD\'s links in sid iw').toEqual([0, 1]);

    const events = new EventStream();
    const listener = spawn(UBUS_CLI, ['-s', world.socket, 'listen', 'wifid.sta.scan_done'], { stdio: ['ignore', 'pipe', 'pipe'] });
    events.feedFrom(listener.stdout!);
    registerCleanup(listener, 'ubus listen', async () => { listener.kill('SIGTERM'); });
    await pollUntil('waiting for `ubus listen` to register', 60_000, async () => {
      await world.ubus(['send', 'wifid.sta.scan_done', '{"probe":"listener"}']);
      return (await events.waitEvent(/listener/, 500)) ? true : undefined;
    }, 500);

    // Under TCG one active scan can miss a link: scan until both links and hostapd were heard.
    let reply: ScanReply | undefined;
    let scans = 0;
    await pollUntil(`${STA_IFNAME}: both links of ${MLD_ADDR} and ${legacyRadio!.addr} heard`, 240_000, async () => {
      const r = await world.call('scan', { name: 'uplink' });
      scans++;
      if (r.code !== 0) throw new Error(`wifid.sta scan failed (${r.code}): ${r.stdout}${r.stderr}\n${world.tail()}`);
      reply = r.json as ScanReply;
      const heard = new Set(reply.bss.map((b) => b.bssid));
      return apLinks.every((l) => heard.has(l.bssid)) && heard.has(legacyRadio!.addr) ? true : undefined;
    }, 1000);
    const scan = reply!;

    const mlds = scan.ap_mlds.filter((m) => m.mld_addr === MLD_ADDR);
    expect(mlds, `the AP MLD listed once\n${JSON.stringify(scan.ap_mlds)}`).toHaveLength(1);
    expect(mlds[0], 'the AP MLD').toMatchObject({ ssid: MLD_SSID, akm: ['SAE'], pmf: 2, h2e: true });
    expect(mlds[0]!.links.map((l) => ({ link_id: l.link_id, bssid: l.bssid, freq: l.freq, heard: l.heard })), 'its links agree with iw dev info')
      .toEqual(apLinks.map((l) => ({ ...l, heard: true })));
    for (const l of mlds[0]!.links) expect(l.signal, `link ${l.link_id}'s signal`).toEqual(expect.any(Number));
    for (const l of apLinks) {
      expect(scan.bss.find((b) => b.bssid === l.bssid), `BSS of link ${l.link_id}`).toMatchObject({ ssid: MLD_SSID, freq: l.freq, mld_addr: MLD_ADDR, link_id: l.link_id, akm: ['SAE'] });
    }
    expect(scan.bss.find((b) => b.bssid === legacyRadio!.addr), 'hostapd\'s BSS').toMatchObject({ ssid: LEGACY_SSID, freq: 2462, akm: ['WPA2-PSK'], pmf: 0, h2e: false });
    expect(scan.bss.find((b) => b.bssid === legacyRadio!.addr)?.mld_addr, 'hostapd 2.10 is no AP MLD').toBeUndefined();

    // The kernel's own scan results agree: every BSS listed is in iw's dump, on the same frequency.
    const dump = iwScanDump((await run(['iw', 'dev', STA_IFNAME, 'scan', 'dump'])).stdout);
    for (const b of scan.bss) expect([b.bssid, dump.get(b.bssid)], `iw dev ${STA_IFNAME} scan dump`).toEqual([b.bssid, b.freq]);
    for (const l of apLinks) expect(dump.get(l.bssid), `link ${l.link_id} in iw's dump`).toBe(l.freq);

    const done = await events.waitEvent(/scan_done/, 30_000);
    expect(done, `wifid.sta.scan_done\n${events.history.join('\n')}`).toMatch(/"sta": ?"uplink".*"ifname": ?"wifid-sta0"/);
    const [after] = await status();
    expect(after!.state).toBe('idle');
    expect(after!.counters.scans).toBeGreaterThanOrEqual(scans);
    expect(after!.counters.bss_malformed).toBe(0);
    console.log(`sta_scan: ${scans} scans until both links and hostapd were heard; ${scan.bss.length} BSSs, ${scan.ap_mlds.length} AP MLDs`);
    // Every dump was decoded in the scan worker thread, none on the main thread.
    const core = (await world.ubus(['call', 'wifid', 'status'])).json as { scan_dumps: { in_worker: number; in_main_thread: number; threads_started: number } };
    expect(core.scan_dumps.in_worker, JSON.stringify(core.scan_dumps)).toBeGreaterThanOrEqual(scans);
    expect(core.scan_dumps.in_main_thread, JSON.stringify(core.scan_dumps)).toBe(0);

    // Bad names: refused with a message, state unchanged.
    const unknown = await world.call('scan', { name: 'nope' });
    expect(unknown.code, 'scan of an unknown station').not.toBe(0);
    expect(unknown.stdout + unknown.stderr).toMatch(/no station named 'nope' \(configured: uplink, probe\)/);
    const bad = await world.call('status', { name: 'bad name!' });
    expect(bad.code, 'status with a malformed name').not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/name must be the name of a sta section/);
    expect((await status())[0]!.state).toBe('idle');

    // The multi-link probe. Station 'probe' scans channel 1 only: link 0 heard, link 1 named
    // by link 0's RNR and absent from the kernel's BSS cache.
    let ch1: ScanReply | undefined;
    await pollUntil(`${PROBE_IFNAME}: link 0 heard on channel 1`, 120_000, async () => {
      const r = await world.call('scan', { name: 'probe', freqs: [MLD_FREQS[0]] });
      if (r.code !== 0) throw new Error(`wifid.sta scan {freqs} failed (${r.code}): ${r.stdout}${r.stderr}\n${world.tail()}`);
      ch1 = r.json as ScanReply;
      return ch1.bss.some((b) => b.bssid === apLinks[0]!.bssid) ? true : undefined;
    }, 1000);
    const heardOnCh1 = ch1!.ap_mlds.find((m) => m.mld_addr === MLD_ADDR);
    expect(heardOnCh1?.links.map((l) => [l.link_id, l.bssid, l.freq, l.heard]), 'channel 1 only: link 1 from the RNR').toEqual([
      [0, apLinks[0]!.bssid, MLD_FREQS[0], true], [1, apLinks[1]!.bssid, MLD_FREQS[1], false],
    ]);
    expect(iwScanDump((await run(['iw', 'dev', PROBE_IFNAME, 'scan', 'dump'])).stdout).has(apLinks[1]!.bssid), 'link 1 not in the kernel\'s cache').toBe(false);

    type Conn = { state: string; links?: { link_id: number; bssid: string; freq: number }[]; ml_probe?: { bssid: string; links: number[]; learned: number[]; probes: number } };
    const apCounters = async () => ((await world.ubus(['call', 'wifid.ap', 'status', '{"name":"mld"}'])).json as { aps: { counters: Record<string, number> }[] }).aps[0]!.counters;
    const answeredBefore = (await apCounters()).ml_probe_answered!;
    let conn: Conn | undefined;
    const tries: string[] = [];
    for (let attempt = 1; ; attempt++) {
      const r = await world.ubus(['-t', '180', 'call', 'wifid.sta', 'connect', JSON.stringify({ name: 'probe', ssid: MLD_SSID, key: MLD_PASSWORD, encryption: 'sae', freqs: [MLD_FREQS[0]] })]);
      expect(r.code, `connect over channel 1 (attempt ${attempt}): ${r.stdout}${r.stderr}\nwifid:\n${world.tail(150)}`).toBe(0);
      conn = r.json as Conn;
      tries.push(`${conn.links?.length ?? 0} links after ${conn.ml_probe?.probes ?? 0} probes`);
      if (conn.links?.length === 2 || attempt === MAX_CONNECTS) break;
      // Not an error: the answers came after the dwell and the association went ahead over link 0.
      expect(conn.ml_probe, JSON.stringify(conn)).toMatchObject({ links: [1], learned: [] });
      expect((await world.call('disconnect', { name: 'probe' })).code).toBe(0);
    }
    console.log(`sta_scan ml probe: ${tries.join('; ')}`);
    expect(conn, `connect with the ML probe\n${world.tail(150)}`).toMatchObject({ state: 'connected', ap_mld_addr: MLD_ADDR, ml_probe: { bssid: apLinks[0]!.bssid, links: [1], learned: [1] } });
    expect(conn!.links!.map(({ link_id, bssid, freq }) => ({ link_id, bssid, freq }))).toEqual([{ link_id: 0, bssid: apLinks[0]!.bssid, freq: MLD_FREQS[0] }, { link_id: 1, bssid: apLinks[1]!.bssid, freq: MLD_FREQS[1] }]);
    const probeInfo = (await run([...sidIw().argv, 'dev', PROBE_IFNAME, 'info'])).stdout;
    expect(parseIwMldLinks(probeInfo).map((l) => [l.linkId, l.freq]), probeInfo).toEqual([[0, MLD_FREQS[0]], [1, MLD_FREQS[1]]]);
    expect((await apCounters()).ml_probe_answered, 'the AP answered multi-link probes').toBeGreaterThan(answeredBefore);
    const probeAddr = (await status()).find((x) => x.name === 'probe')!.addr;
    const clients = ((await world.ubus(['call', 'wifid.ap', 'clients', '{"name":"mld"}'])).json as { clients: { addr: string; links?: { link_id: number }[] }[] }).clients;
    expect(clients.find((c) => c.addr === probeAddr)?.links?.map((l) => l.link_id).sort(), JSON.stringify(clients)).toEqual([0, 1]);
    expect((await world.call('disconnect', { name: 'probe' })).code).toBe(0);

    listener.kill('SIGTERM');
    unregisterCleanup(listener);
    await legacy.stop();
    await world.stopDaemon();
    await pollUntil(`${PROBE_IFNAME} removed when wifid stops`, 10_000, async () => (!(await tryRun(['ip', 'link', 'show', PROBE_IFNAME])).ok ? true : undefined), 200);
    await pollUntil(`${STA_IFNAME} removed when wifid stops`, 10_000, async () => (!(await tryRun(['ip', 'link', 'show', STA_IFNAME])).ok ? true : undefined), 200);
    await world.stop();
  }, TEST_TIMEOUT_MS);
});
