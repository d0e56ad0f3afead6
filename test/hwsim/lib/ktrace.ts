// The kernel's own event trace (tracefs) in the VM: a private trace instance with a
// few tracepoints enabled, read back as records on one clock. Timing with it needs no
// frame capture and no userspace clock: the kernel stamps each event as it happens,
// whichever process (wifid, hostapd, wpa_supplicant) caused it.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { registerCleanup, unregisterCleanup } from './cleanup.js';
import { run } from './exec.js';

const TRACEFS = '/sys/kernel/tracing';

/** One line of a trace file: who ran, on which CPU, when, which event, its printed fields. */
export interface TraceRecord {
  task: string;
  pid: number;
  cpu: number;
  /** Time on the instance's trace clock, microseconds (the file prints seconds with 6 decimals). */
  timeUs: number;
  /** Event name without its system, e.g. "drv_sta_state". */
  event: string;
  /** The event's printed fields (its print fmt), e.g. "phy0 vif:wlan0(3) sta:02:00:00:00:01:00 state: 3->4". */
  body: string;
}

// "  kworker/u8:2-37      [001] b.s1.    42.957498: cfg80211_rx_mgmt: wdev(1), ..."
// The task name may hold '-', '/', ':' and spaces; the pid is the last "-N" before the CPU.
const LINE = /^\s*(.*?)-(\d+)\s+\[(\d+)\]\s+(?:\S+\s+)?(\d+)\.(\d{1,9}):\s+(\w+):\s?(.*)$/;

/** Parses one line of a tracefs `trace` file; undefined for headers, comments and blank lines. */
export function parseTraceLine(line: string): TraceRecord | undefined {
  if (line.startsWith('#') || !line.trim()) return undefined;
  const m = LINE.exec(line);
  if (!m) return undefined;
  // Fractions are microseconds (6 digits) for the mono/local clocks; scale any other width.
  const frac = m[5]!;
  const fracUs = Number(frac.padEnd(6, '0').slice(0, 6));
  return { task: m[1]!, pid: Number(m[2]), cpu: Number(m[3]), timeUs: Number(m[4]) * 1e6 + fracUs, event: m[6]!, body: m[7]! };
}

export function parseTrace(text: string): TraceRecord[] {
  const out: TraceRecord[] = [];
  for (const line of text.split('\n')) {
    const r = parseTraceLine(line);
    if (r) out.push(r);
  }
  return out;
}

/** Events a per-CPU ring buffer lost: overwritten before read (overrun, commit overrun) or not written (dropped). */
export interface TraceLosses {
  overrun: number;
  commitOverrun: number;
  dropped: number;
}

/** Parses a per_cpu/cpuN/stats file. */
export function parseTraceStats(text: string): TraceLosses {
  const field = (name: string) => {
    const m = new RegExp(`^${name}:\\s*(\\d+)$`, 'm').exec(text);
    if (!m) throw new Error(`trace stats: no "${name}:" line in:\n${text}`);
    return Number(m[1]);
  };
  return { overrun: field('overrun'), commitOverrun: field('commit overrun'), dropped: field('dropped events') };
}

export interface TraceEventSpec {
  /** Trace system, e.g. "mac80211". */
  system: string;
  event: string;
  /** A tracefs filter expression on the event's fields, e.g. "new_state == 4". */
  filter?: string;
}

export interface KernelTraceOptions {
  /** Instance name (a directory under instances/); an old instance of that name is removed first. */
  name: string;
  events: readonly TraceEventSpec[];
  /** Trace clock; "mono" is CLOCK_MONOTONIC, consistent across CPUs. Default "mono". */
  clock?: string;
  /** Per-CPU buffer size, KiB. Default 1024. */
  bufferKb?: number;
}

/** A private tracefs instance: its own buffer, clock and enabled events, so other tracing is untouched. */
export class KernelTrace {
  private constructor(readonly dir: string) {}

  /** Mounts tracefs if needed, creates the instance, sets its clock and enables the events. */
  static async open(opts: KernelTraceOptions): Promise<KernelTrace> {
    if (!existsSync(join(TRACEFS, 'trace_clock'))) await run(['mount', '-t', 'tracefs', 'nodev', TRACEFS]);
    const dir = join(TRACEFS, 'instances', opts.name);
    if (existsSync(dir)) await rmdir(dir);
    await mkdir(dir);
    const trace = new KernelTrace(dir);
    registerCleanup(trace, `kernel trace instance ${opts.name}`, () => trace.close());
    await writeFile(join(dir, 'buffer_size_kb'), String(opts.bufferKb ?? 1024));
    await writeFile(join(dir, 'trace_clock'), opts.clock ?? 'mono');
    for (const e of opts.events) {
      const base = join(dir, 'events', e.system, e.event);
      if (!existsSync(base)) throw new Error(`kernel trace: no tracepoint ${e.system}:${e.event} (module not loaded?)`);
      if (e.filter) await writeFile(join(base, 'filter'), e.filter);
      await writeFile(join(base, 'enable'), '1');
    }
    return trace;
  }

  /** Empties the buffer of every CPU. */
  async clear(): Promise<void> {
    await writeFile(join(this.dir, 'trace'), '');
  }

  /** Every record in the buffer (not consumed), in time order. */
  async records(): Promise<TraceRecord[]> {
    return parseTrace(await readFile(join(this.dir, 'trace'), 'utf8'));
  }

  /** Losses summed over the CPUs since the buffer was last cleared. */
  async losses(): Promise<TraceLosses> {
    const sum: TraceLosses = { overrun: 0, commitOverrun: 0, dropped: 0 };
    for (const cpu of await readdir(join(this.dir, 'per_cpu'))) {
      const s = parseTraceStats(await readFile(join(this.dir, 'per_cpu', cpu, 'stats'), 'utf8'));
      sum.overrun += s.overrun;
      sum.commitOverrun += s.commitOverrun;
      sum.dropped += s.dropped;
    }
    return sum;
  }

  /** Disables the instance's events and removes it. */
  async close(): Promise<void> {
    unregisterCleanup(this);
    if (!existsSync(this.dir)) return;
    await writeFile(join(this.dir, 'events', 'enable'), '0').catch(() => undefined);
    await rmdir(this.dir);
  }
}
