// bench/sta (issue 14): in the hwsim VM, a station's "scan -> connected" time against one
// wifid AP MLD (links 0 and 1 on channels 1 and 6 of one mac80211_hwsim mlo=1 radio, SAE-H2E
// group 19, PMF required, CCMP: ap-mlo-fixture.ts's section), for three clients in the same run:
//   wifid two-link   wifid's station (plugins/sta-mlo) connecting with mlo (both links)
//   wifid one-link   the same station connecting with mlo 0 (one link, whichever the scan ranks first)
//   wpa_supplicant   Debian sid's wpa_supplicant 2.11 connecting as a non-AP MLD over both links
// The station wifid runs as a second wifid (its own daemon, ubus broker and UCI file) in its
// own network namespace on its own mlo=1 radio, as a station is a separate device from the AP:
// the AP's wifid does not share its event loop or CPU with it. sid's wpa_supplicant runs in a
// third namespace on a third mlo=1 radio. While one client is measured the others stay
// associated and idle (no traffic, no background scan).
//
// The span, the same for every client: from the bench writing the connect request (a ubus call
// `wifid.sta connect {name, ssid, key, encryption: 'sae', mlo}`, which includes its scan;
// wpa_cli's `reconnect`, which makes wpa_supplicant scan) to the station's kernel marking the AP
// authorized (mac80211's drv_sta_state 3->4 on the station's interface: the daemon's
// SET_STATION once the 4-way handshake's keys are installed; for the two-link clients the
// AP MLD's entry, both links set up). The request time is the bench's CLOCK_MONOTONIC just
// before the write; the end is the kernel trace's, on trace clock "mono" (CLOCK_MONOTONIC too),
// so no observation delay is in the end: only the one hop between the bench and the daemon
// (the in-process ubus broker; wpa_cli's pipe and its control socket datagram) is in the start.
// The split, from the trace (bench/sta-trace.ts): request -> the last scan end before the first
// authentication frame (the scans; wifid scans again, 3 at most, when an AP MLD's other link is
// missing; wpa_supplicant may add ML probe scans), -> the first authentication frame (the
// results read, the network chosen, the SAE commit computed), -> associated (SAE commit and
// confirm with the AP, the association), -> authorized (the 4-way handshake, keys). Apart: authorized ->
// the client's own report reaching the bench (the wifid.sta.connected event through the broker;
// CTRL-EVENT-CONNECTED through wpa_cli).
//
// The same work each cycle for every client: disconnect; the AP drops the station (traced);
// cfg80211's BSS cache of the station's wiphy flushed (a flush scan on channel 11, where nothing
// beacons: the kernel keeps a BSS 30 s and would otherwise hand the connection links an earlier
// cycle saw); wpa_supplicant's own BSS table and PMKSA cache flushed (wifid's station keeps
// neither); a settle pause; the request. So each connection scans every channel of the radio
// afresh (both clients scan all channels: wifid's connect has no channel list, and
// wpa_supplicant's network has no scan_freq) and runs a full SAE (the AP's count of accepted
// SAE exchanges is printed). Cycles run in rounds A B C, C B A, ... so the VM's drifting speed
// weighs on all alike. Each two-link connection is checked for links 0 and 1 (wifid's reply;
// wpa_supplicant's MLO_STATUS), the one-link one for a single link; one that is not does not count.
import * as os from 'node:os';
import { StderrLogger } from '../core/log.js';
import { UbusClient } from '../core/ubus/client.js';
import { apMldSection, MLD_IFNAME, MLD_LINKS, MLD_PASSWORD, MLD_SSID } from '../test/hwsim/ap-mlo-fixture.js';
import { pollUntil, sleep } from '../test/hwsim/lib/exec.js';
import { loadHwsim, unloadHwsim, type Radio } from '../test/hwsim/lib/hwsim.js';
import { KernelTrace, type TraceLosses } from '../test/hwsim/lib/ktrace.js';
import { createNetns, movePhyToNetns } from '../test/hwsim/lib/netns.js';
import { startWpaSupplicant } from '../test/hwsim/lib/peers.js';
import { sidWpaSupplicant } from '../test/hwsim/lib/sid.js';
import { WifidWorld } from '../test/hwsim/wifid-world.js';
import { cpuMs, f2, ms, pct, printVm, versionOf } from './ap-cycles.js';
import { flushKernelBss, supplicantSide, WifidStation, WpaCliSession, type StaSide } from './sta-sides.js';
import { apDropped, connectSpan, scanEnded, STA_TRACE_EVENTS, type ConnectSpan } from './sta-trace.js';

/** Measured connections per client. */
const CYCLES = Number(process.env.BENCH_STA_CYCLES ?? 10);
/** Unmeasured connections per client first (JIT, the first SAE's code loaded). */
const WARMUP = Number(process.env.BENCH_STA_WARMUP ?? 1);
/** Pause between the flushes and the request: every daemon idle when it starts. */
const SETTLE_MS = Number(process.env.BENCH_STA_SETTLE_MS ?? 500);
/** Both daemons at their debug level; the logs of failed connections, each client's first trace window. */
const DEBUG = process.env.BENCH_STA_DEBUG === '1';
/** Failed connections per client beyond which the bench gives up. */
const SPARE_ATTEMPTS = 5;
/** Channel 11: no BSS there, so a flush scan on it leaves cfg80211's cache empty. */
const EMPTY_FREQ = 2462;
const STA_IF = 'wifid-sta0';

interface Sample extends ConnectSpan {
  reportedUs: number;
  clientCpuMs: number;
  apCpuMs: number;
  saeAccepted: number;
}

interface Measured {
  side: StaSide;
  samples: Sample[];
  failures: string[];
}

async function apStatus(ap: UbusClient): Promise<{ state?: string; error?: string; counters?: Record<string, number> } | undefined> {
  const r = (await ap.call('wifid.ap', 'status')) as { aps?: { ifname?: string; state?: string; error?: string; counters?: Record<string, number> }[] } | undefined;
  return r?.aps?.find((a) => a.ifname === MLD_IFNAME);
}

async function main(): Promise<void> {
  const [apRadio, wifidRadio, wpaRadio] = (await loadHwsim({ radios: 3, mlo: true })) as [Radio, Radio, Radio];
  const trace = await KernelTrace.open({ name: 'wifid-bench-sta', clock: 'mono', events: STA_TRACE_EVENTS });
  const log = new StderrLogger('error', 'bench-sta');

  // The AP MLD, in the root namespace.
  const apWorld = await WifidWorld.create(["config plugin 'mld_ap'", "\toption enabled '1'", '', ...apMldSection(apRadio.phy)], 'wifid.ap');
  await apWorld.startDaemon({ verbose: DEBUG });
  const ap = new UbusClient(apWorld.socket, log);
  await ap.connect();
  const apUp = await pollUntil('wifid.ap: the AP MLD running or failed', 90_000, async () => {
    const a = await apStatus(ap);
    return a?.state === 'running' || a?.state === 'failed' ? a : undefined;
  }, 500);
  if (apUp.state !== 'running') throw new Error(`the AP MLD is not running: ${String(apUp.error)}\n${apWorld.tail()}`);
  const apPid = apWorld.daemonPid!;

  // wifid's station: a second wifid in its own namespace.
  const wifidNs = await createNetns();
  await movePhyToNetns(wifidRadio.phy, wifidNs);
  const staWorld = await WifidWorld.create([
    "config plugin 'sta_mlo'", "\toption enabled '1'", '',
    "config sta 'sta0'", `\toption phy '${wifidRadio.phy}'`, `\toption ifname '${STA_IF}'`,
  ], 'wifid.sta');
  await staWorld.startDaemon({ netns: wifidNs.name, verbose: DEBUG });
  const station = await WifidStation.open(staWorld.socket);
  const st = await pollUntil(`wifid.sta: ${STA_IF} idle`, 60_000, async () => {
    const s = await station.status();
    if (s.state === 'failed') throw new Error(`the station failed: ${String(s.error)}\n${staWorld.tail()}`);
    return s.state === 'idle' ? s : undefined;
  }, 500);
  const staAddr = String(st.addr);
  const wifidSide = (mlo: boolean) => station.side({
    name: mlo ? 'wifid-2' : 'wifid-1', label: mlo ? 'wifid sta-mlo, 2 links' : 'wifid sta-mlo, 1 link (mlo 0)', mlo,
    pid: staWorld.daemonPid!, netns: wifidNs, phy: wifidRadio.phy, vif: STA_IF, addr: staAddr, ssid: MLD_SSID, key: MLD_PASSWORD,
  });

  // sid's wpa_supplicant, in a third namespace; the same SAE-H2E network with PMF required,
  // no scan_freq (it scans every channel, as wifid does) and scan_ssid (it probes for the SSID, as wifid does).
  const wpaNs = await createNetns();
  await movePhyToNetns(wpaRadio.phy, wpaNs);
  const sid = sidWpaSupplicant();
  const sta = await startWpaSupplicant({ sae_pwe: 1, p2p_disabled: 1 }, {
    ifname: wpaRadio.ifname, netns: wpaNs, command: sid.argv, args: DEBUG ? ['-dd'] : [], label: `sid wpa_supplicant on ${wpaRadio.phy}`, startTimeoutMs: 60_000,
    networks: [{ ssid: `"${MLD_SSID}"`, key_mgmt: 'SAE', psk: `"${MLD_PASSWORD}"`, ieee80211w: 2, scan_ssid: 1, disabled: 1 }],
  });
  const cli = new WpaCliSession(sta.ctrlDir, wpaRadio.ifname);
  if ((await sta.ctrl('ENABLE_NETWORK 0')) !== 'OK') throw new Error(`${sta.label}: ENABLE_NETWORK 0 refused`);
  if (!(await sta.waitEvent(/CTRL-EVENT-CONNECTED/, 120_000))) throw new Error(`${sta.label}: no first connection\n${sta.tail()}\n${apWorld.tail()}`);
  const supplicantVersion = await versionOf([...sid.argv, '-v']);
  const wpaSide = supplicantSide({
    name: 'wpa_supplicant', label: `wpa_supplicant ${supplicantVersion}, 2 links`, sta, cli, netns: wpaNs, phy: wpaRadio.phy, vif: wpaRadio.ifname,
    addr: (await sta.status()).address!,
  });

  const measured: Measured[] = [wifidSide(true), wifidSide(false), wpaSide].map((side) => ({ side, samples: [], failures: [] }));
  const losses: TraceLosses = { overrun: 0, commitOverrun: 0, dropped: 0 };
  const takeLosses = async () => {
    const l = await trace.losses();
    losses.overrun += l.overrun;
    losses.commitOverrun += l.commitOverrun;
    losses.dropped += l.dropped;
  };
  const tail = (m: Measured) => (m.side.name === 'wpa_supplicant' ? sta.tail(40) : staWorld.tail(60)) + `\n-- AP:\n${apWorld.tail(30)}`;

  const cycle = async (m: Measured, measure: boolean): Promise<void> => {
    const { side } = m;
    await takeLosses();
    await trace.clear();
    if (await side.disconnect()) {
      await pollUntil(`${MLD_IFNAME}: ${side.addr} dropped by the AP`, 20_000, async () => (apDropped(await trace.records(), MLD_IFNAME, side.addr) ? true : undefined), 100);
    }
    await flushKernelBss(side.netns, side.vif, EMPTY_FREQ, MLD_LINKS, async (sinceUs) => scanEnded(await trace.records(), side.phy, sinceUs));
    await side.forget();
    await sleep(SETTLE_MS);
    const sae0 = (await apStatus(ap))?.counters?.sae_accepted ?? 0;
    await takeLosses();
    await trace.clear();
    const cpu0 = await cpuMs(side.pid);
    const apCpu0 = await cpuMs(apPid);
    const out = await side.connect();
    const clientCpuMs = (await cpuMs(side.pid)) - cpu0;
    const apCpuMs = (await cpuMs(apPid)) - apCpu0;
    let span: ConnectSpan | string = out.failure ?? 'no report';
    if (!out.failure) {
      const q = { requestUs: out.requestUs, phy: side.phy, vif: side.vif };
      span = await pollUntil(`${side.vif}: authorized in the trace`, 15_000, async () => {
        const s = connectSpan(await trace.records(), q);
        return typeof s === 'string' ? undefined : s;
      }, 100).catch(async () => connectSpan(await trace.records(), q));
      if (typeof span !== 'string') span = (await side.check()) ?? span;
    }
    const saeAccepted = ((await apStatus(ap))?.counters?.sae_accepted ?? 0) - sae0;
    if (!measure) return;
    if (typeof span === 'string') {
      m.failures.push(span);
      if (DEBUG) console.log(`debug: ${side.label}: failed: ${span}\n${tail(m)}`);
      return;
    }
    m.samples.push({ ...span, reportedUs: out.reportedUs!, clientCpuMs, apCpuMs, saeAccepted });
    if (DEBUG && m.samples.length === 1) {
      console.log(`debug: ${side.label}: the first measured connection's trace window (ms from the request):`);
      for (const r of await trace.records()) console.log(`  ${ms(r.timeUs - span.requestUs).padStart(8)} ${r.task}-${r.pid} ${r.event}: ${r.body}`);
    }
  };

  const started = performance.now();
  for (let i = 0; i < WARMUP; i++) for (const m of measured) await cycle(m, false);
  for (let round = 0; measured.some((m) => m.samples.length < CYCLES); round++) {
    for (const m of round % 2 === 0 ? measured : [...measured].reverse()) {
      if (m.samples.length >= CYCLES) continue;
      if (m.failures.length > SPARE_ATTEMPTS) throw new Error(`bench/sta: ${m.side.label}: ${m.failures.length} failed connections: ${m.failures.join('; ')}\n${tail(m)}`);
      await cycle(m, true);
    }
  }
  await takeLosses();
  const secs = (performance.now() - started) / 1000;

  printVm('bench/sta');
  console.log(`bench/sta: wifid ${process.env.WIFID_BENCH_STA_COMMIT ?? '(commit unknown)'}, wpa_supplicant ${supplicantVersion} (Debian sid ${sid.version}); ` +
    `load average after the cycles ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`scan -> connected against wifid's AP MLD (links 0 and 1 on channels 1 and 6, one mlo=1 radio; SAE-H2E group 19, PMF required, CCMP), ` +
    `each client in its own netns on its own mlo=1 radio, wifid's station in a second wifid; ${CYCLES} connections each in ABC/CBA rounds (+${WARMUP} warm-up each); ` +
    `every connection after a disconnect, cfg80211's BSS cache flushed (and wpa_supplicant's BSS table and PMKSA cache): a fresh scan of every channel and a full SAE; ` +
    'from the bench writing the request (ubus connect / wpa_cli reconnect, CLOCK_MONOTONIC) to the station\'s kernel authorizing the AP (trace clock mono, drv_sta_state 3->4 on the station):');
  const width = Math.max(...measured.map((m) => m.side.label.length));
  const p50 = new Map<string, number>();
  const p99 = new Map<string, number>();
  const after50 = new Map<string, number>();
  for (const { side, samples } of measured) {
    const sorted = (f: (s: Sample) => number) => samples.map(f).sort((a, b) => a - b);
    const total = sorted((s) => s.authorizedUs - s.requestUs);
    const after = sorted((s) => s.authorizedUs - s.scanDoneUs);
    p50.set(side.name, pct(total, 50));
    p99.set(side.name, pct(total, 99));
    after50.set(side.name, pct(after, 50));
    const mean = (f: (s: Sample) => number) => samples.reduce((a, s) => a + f(s), 0) / samples.length;
    console.log(`  ${side.label.padEnd(width)} p50 ${ms(pct(total, 50))} ms, p99 ${ms(pct(total, 99))} ms (nearest rank; n ${total.length}, min ${ms(total[0]!)}, max ${ms(total.at(-1)!)}); ` +
      `after the scan (scan done -> authorized) p50 ${ms(pct(after, 50))} ms; p50 of: request -> first scan ${ms(pct(sorted((s) => s.firstScanUs - s.requestUs), 50))} ms, request -> scan done ${ms(pct(sorted((s) => s.scanDoneUs - s.requestUs), 50))} ms, ` +
      `scan done -> first auth frame ${ms(pct(sorted((s) => s.firstAuthUs - s.scanDoneUs), 50))} ms, -> associated ${ms(pct(sorted((s) => s.associatedUs - s.firstAuthUs), 50))} ms, associated -> authorized ${ms(pct(sorted((s) => s.authorizedUs - s.associatedUs), 50))} ms, ` +
      `authorized -> reported ${ms(pct(sorted((s) => s.reportedUs - s.authorizedUs), 50))} ms; scans per connection ${f2(mean((s) => s.scans))} (max ${Math.max(...samples.map((s) => s.scans))}), ` +
      `auth frames ${f2(mean((s) => s.authFrames))}; client CPU ${f2(mean((s) => s.clientCpuMs))} ms, AP CPU ${f2(mean((s) => s.apCpuMs))} ms per connection (10 ms ticks); ` +
      `SAE accepted by the AP ${samples.reduce((a, s) => a + s.saeAccepted, 0)} over ${samples.length}`);
  }
  const ratio = (label: string, a: string, b: string) =>
    console.log(`  ratio ${label}: p50 ${f2(p50.get(a)! / p50.get(b)!)}, p99 ${f2(p99.get(a)! / p99.get(b)!)}; after the scan (scan done -> authorized) p50 ${f2(after50.get(a)! / after50.get(b)!)}`);
  ratio('two-link/one-link (wifid)', 'wifid-2', 'wifid-1');
  ratio(`wifid/wpa_supplicant ${supplicantVersion} (two-link)`, 'wifid-2', 'wpa_supplicant');
  console.log(`  failed attempts: ${measured.map((m) => `${m.side.name} ${m.failures.length}${m.failures.length ? ` (${m.failures.join('; ')})` : ''}`).join(', ')}`);
  console.log(`  trace events lost: overrun ${losses.overrun}, commit overrun ${losses.commitOverrun}, dropped ${losses.dropped}; ${secs.toFixed(0)} s of cycles`);
  if (losses.overrun + losses.commitOverrun + losses.dropped > 0) console.log('  (events were lost: the figures above may miss connections)');

  cli.close();
  await sta.stop();
  await station.close();
  await ap.close();
  await staWorld.stop();
  await apWorld.stop();
  await trace.close();
  await unloadHwsim();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench/sta failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
