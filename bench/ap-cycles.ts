// What both modes of bench/ap share: the disconnect/reconnect cycle of one station,
// timed by the kernel's trace (see bench/ap.ts for the clock and the oracle), run in
// ABBA order over two sides, and the figures printed in one format.
import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import { pollUntil, sleep, tryRun } from '../test/hwsim/lib/exec.js';
import type { KernelTrace, TraceEventSpec, TraceLosses } from '../test/hwsim/lib/ktrace.js';
import { associationSpan, mac80211Event, STA_STATE, VIF_TYPE, type AssociationSpan } from '../test/hwsim/lib/mac80211-trace.js';
import type { Peer } from '../test/hwsim/lib/peers.js';

/** Attempts beyond the measured count per side before the bench gives up. */
const SPARE_ATTEMPTS = 5;

export function pct(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
export const ms = (us: number) => (us / 1000).toFixed(1);
export const f2 = (x: number) => x.toFixed(2);

/** user + system CPU time of a process, ms (from /proc/PID/stat, clock ticks of 10 ms). */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 (utime, stime); f[0] is field 3.
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

/** "2.10" from `hostapd -v` / `wpa_supplicant -v` (they print it on stderr or stdout). */
export async function versionOf(argv: string[]): Promise<string> {
  const r = await tryRun(argv);
  return /v(\d+\.\d+\S*)/.exec(r.stdout + r.stderr)?.[1] ?? '(version unknown)';
}

/**
 * The tracepoints: the station's (re)association requests and their end, the AP's
 * authorizations and deletions; in debug mode every call of these kinds (and `debugExtra`).
 */
export function traceEvents(debug: boolean, debugExtra: readonly TraceEventSpec[] = []): TraceEventSpec[] {
  if (debug) {
    return ['drv_mgd_prepare_tx', 'drv_mgd_complete_tx', 'drv_sta_state', 'drv_set_key'].map((event) => ({ system: 'mac80211', event }))
      .concat(['rdev_add_station', 'rdev_change_station', 'rdev_del_station', 'rdev_assoc', 'rdev_mgmt_tx', 'cfg80211_rx_mgmt'].map((event) => ({ system: 'cfg80211', event })))
      .concat(debugExtra);
  }
  return [
    { system: 'mac80211', event: 'drv_mgd_prepare_tx', filter: 'subtype == 0x0 || subtype == 0x20' },
    { system: 'mac80211', event: 'drv_mgd_complete_tx', filter: 'subtype == 0x0 || subtype == 0x20' },
    { system: 'mac80211', event: 'drv_sta_state', filter: `new_state == ${STA_STATE.AUTHORIZED} || new_state == ${STA_STATE.NOTEXIST}` },
  ];
}

export interface Side {
  name: string;
  label: string;
  sta: Peer;
  staVif: string;
  /** The station's address as the AP's kernel holds it (a non-AP MLD's MLD address). */
  staAddr: string;
  apVif: string;
  apPid: number;
  spans: AssociationSpan[];
  cpuMs: number;
  /** AP process CPU over the settle pauses, and their length. */
  idleCpuMs: number;
  idleS: number;
  failures: string[];
}

export function side(s: Pick<Side, 'name' | 'label' | 'sta' | 'staVif' | 'staAddr' | 'apVif' | 'apPid'>): Side {
  return { ...s, spans: [], cpuMs: 0, idleCpuMs: 0, idleS: 0, failures: [] };
}

export interface CycleHooks {
  /** Runs before the trace is cleared and the station reconnects (e.g. flush its PMKSA cache). */
  beforeReconnect?(side: Side): Promise<void>;
  /** After a traced association: why it does not count (e.g. fewer links than asked), or undefined. */
  check?(side: Side): Promise<string | undefined>;
  /** Printed after a window of repeated requests in debug mode (e.g. the AP daemon's log). */
  debugTail?(side: Side): string | undefined;
}

export interface CycleOptions {
  settleMs: number;
  debug: boolean;
  /** Debug mode: print the whole trace window of each side's first measured association. */
  showFirstWindow?: boolean;
  hooks?: CycleHooks;
}

/** Disconnect/reconnect cycles of the sides' stations, each timed by the trace. */
export class AssociationCycles {
  readonly losses: TraceLosses = { overrun: 0, commitOverrun: 0, dropped: 0 };
  private readonly shown = new Set<string>();

  constructor(private readonly trace: KernelTrace, readonly sides: readonly Side[], private readonly opts: CycleOptions) {}

  async takeLosses(): Promise<void> {
    const l = await this.trace.losses();
    this.losses.overrun += l.overrun;
    this.losses.commitOverrun += l.commitOverrun;
    this.losses.dropped += l.dropped;
  }

  /** `warmup` unmeasured cycles per side, then ABBA rounds until each side has `assocs` spans; seconds taken. */
  async run(warmup: number, assocs: number, benchName: string): Promise<number> {
    const started = performance.now();
    for (let i = 0; i < warmup; i++) for (const s of this.sides) await this.cycle(s, false);
    for (let round = 0; this.sides.some((s) => s.spans.length < assocs); round++) {
      for (const s of round % 2 === 0 ? this.sides : [...this.sides].reverse()) {
        if (s.spans.length >= assocs) continue;
        if (s.failures.length > SPARE_ATTEMPTS) throw new Error(`${benchName}: ${s.label}: ${s.failures.length} failed associations: ${s.failures.join('; ')}`);
        await this.cycle(s, true);
      }
    }
    await this.takeLosses();
    return (performance.now() - started) / 1000;
  }

  /** One disconnect/reconnect cycle; the span when measured. */
  async cycle(side: Side, measure: boolean): Promise<void> {
    const { sta } = side;
    const { trace, sides } = this;
    const query = { staVif: side.staVif, apVif: side.apVif, sta: side.staAddr };
    if ((await sta.ctrl('DISCONNECT')) !== 'OK') throw new Error(`${sta.label}: DISCONNECT refused`);
    if (!(await sta.waitEvent(/CTRL-EVENT-DISCONNECTED/, 20_000))) throw new Error(`${sta.label}: no disconnection\n${sta.tail()}`);
    await pollUntil(`${side.apVif}: ${side.staAddr} dropped by the AP`, 20_000, async () =>
      (await trace.records()).map(mac80211Event).some((e) => e?.kind === 'sta_state' && e.vif === side.apVif && e.vifType === VIF_TYPE.AP && e.sta === side.staAddr && e.to === STA_STATE.NOTEXIST) ? true : undefined, 100);
    while (await sta.waitEvent(/CTRL-EVENT-CONNECTED/, 0)); // stale ones, if any
    // Both APs are idle now: their CPU over the pause is their cost of idling (timers,
    // beacons are the kernel's), which the per-association CPU figure also contains.
    const idle0 = await Promise.all(sides.map((x) => cpuMs(x.apPid)));
    const t0 = performance.now();
    await sleep(this.opts.settleMs);
    const idleS = (performance.now() - t0) / 1000;
    for (const [i, x] of sides.entries()) {
      x.idleCpuMs += (await cpuMs(x.apPid)) - idle0[i]!;
      x.idleS += idleS;
    }
    await this.opts.hooks?.beforeReconnect?.(side);
    await this.takeLosses();
    await trace.clear();
    const cpu0 = await cpuMs(side.apPid);
    if ((await sta.ctrl('RECONNECT')) !== 'OK') throw new Error(`${sta.label}: RECONNECT refused`);
    const connected = await sta.waitEvent(/CTRL-EVENT-CONNECTED/, 30_000);
    let span: AssociationSpan | string = connected ? 'not yet authorized' : 'wpa_supplicant reported no connection within 30 s';
    if (connected) {
      // The station is done (it sent message 4 or got the association response); the
      // AP's last step may still run: leave it the CPU before reading the trace.
      await sleep(300);
      span = await pollUntil(`${side.apVif}: ${side.staAddr} authorized`, 15_000, async () => {
        const s = associationSpan(await trace.records(), query);
        return typeof s === 'string' ? undefined : s;
      }, 50).catch(async () => associationSpan(await trace.records(), query));
    }
    const cpu = (await cpuMs(side.apPid)) - cpu0;
    if (typeof span !== 'string' && this.opts.hooks?.check) span = (await this.opts.hooks.check(side)) ?? span;
    if (!measure) return;
    if (typeof span === 'string') {
      side.failures.push(span);
      if (!connected) {
        // Back to a known state: connected, before the next cycle disconnects.
        await sta.ctrl('RECONNECT');
        await sta.waitEvent(/CTRL-EVENT-CONNECTED/, 60_000);
      }
      return;
    }
    side.spans.push(span);
    side.cpuMs += cpu;
    const first = this.opts.showFirstWindow && !this.shown.has(side.name);
    if (this.opts.debug && (span.requests > 1 || first)) {
      this.shown.add(side.name);
      console.log(`debug: ${side.label}: ${span.requests} request(s), ${ms(span.authorizedUs - span.requestUs)} ms; the trace window (ms from the first request):`);
      for (const r of await trace.records()) console.log(`  ${ms(r.timeUs - span.requestUs).padStart(8)} ${r.task}-${r.pid} ${r.event}: ${r.body}`);
      const tail = this.opts.hooks?.debugTail?.(side);
      if (tail) console.log(tail);
    }
  }
}

/** The VM's load and identity, the two lines every mode starts its figures with. */
export function printVm(benchName: string): void {
  console.log(`${benchName}: load average in the VM ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`${benchName}: Linux ${os.release()}, mac80211_hwsim, ${process.env.WIFID_VM_ACCEL ?? 'tcg'} VM with ${os.cpus().length} vCPU(s), node ${process.version}`);
}

/**
 * Each side's p50/p99 (and the request -> response -> authorized split, the AP's CPU),
 * then `ratio <ratioLabel>: p50 x, p99 y` of sides[0] over sides[1], repeats, failures and
 * the trace's losses.
 */
export function printFigures(sides: readonly Side[], ratioLabel: string, losses: TraceLosses, secs: number): void {
  const p50: number[] = [];
  const p99: number[] = [];
  const width = Math.max(16, ...sides.map((s) => s.label.length));
  for (const s of sides) {
    const total = s.spans.map((x) => x.authorizedUs - x.requestUs).sort((a, b) => a - b);
    const withResp = s.spans.filter((x) => x.responseUs !== undefined);
    const toResp = withResp.map((x) => x.responseUs! - x.requestUs).sort((a, b) => a - b);
    const afterResp = withResp.map((x) => x.authorizedUs - x.responseUs!).sort((a, b) => a - b);
    p50.push(pct(total, 50));
    p99.push(pct(total, 99));
    console.log(`  ${s.label.padEnd(width)} p50 ${ms(pct(total, 50))} ms, p99 ${ms(pct(total, 99))} ms (nearest rank; n ${total.length}, min ${ms(total[0]!)}, max ${ms(total[total.length - 1]!)}); ` +
      `request -> response p50 ${ms(pct(toResp, 50))} ms, response -> authorized p50 ${ms(pct(afterResp, 50))} ms; ` +
      `AP process CPU ${f2(s.cpuMs / s.spans.length)} ms per association (10 ms ticks, summed over ${s.spans.length}), idle ${f2(s.idleCpuMs / s.idleS)} ms per s`);
  }
  console.log(`  ratio ${ratioLabel}: p50 ${f2(p50[0]! / p50[1]!)}, p99 ${f2(p99[0]! / p99[1]!)}`);
  const retried = sides.map((s) => `${s.name} ${s.spans.filter((x) => x.requests > 1).length}/${s.spans.length}`).join(', ');
  const failed = sides.map((s) => `${s.name} ${s.failures.length}${s.failures.length ? ` (${s.failures.join('; ')})` : ''}`).join(', ');
  console.log(`  associations whose request was repeated: ${retried}; failed attempts: ${failed}`);
  console.log(`  trace events lost: overrun ${losses.overrun}, commit overrun ${losses.commitOverrun}, dropped ${losses.dropped}; ${secs.toFixed(0)} s of cycles`);
  if (losses.overrun + losses.commitOverrun + losses.dropped > 0) console.log('  (events were lost: the figures above may miss associations)');
}
