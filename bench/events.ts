// Dispatch delay of high-priority nl80211 events under a flood of low-priority ones.
//
// Sender processes flood real NETLINK_GENERIC sockets of this process with nl80211
// messages built by the schema codec: bursts of NEW_SCAN_RESULTS-style messages (a BSS
// with 300 bytes of IEs, handled by a low-priority subscriber that decodes them, walks
// them and spends a fixed CPU time) and, every 2 ms, a FRAME event whose COOKIE carries the send time (CLOCK_MONOTONIC,
// shared by both processes). The receiver uses the service's own chain: GenlChannel ->
// makeEvent (lazy decode) -> EventDispatcher. The delay is from send to the high
// handler's first line. Two set-ups:
//   prioritised: high events on their own socket, subscription class 'high', low work
//                in 1 ms slices (what Nl80211Service does);
//   serial:      one socket, one FIFO, no slices (the "one serial loop" design);
//   worker:      the RFC's design: a worker thread owns the low socket, decodes each scan
//                result and does its work there, and posts what it found to the main
//                thread in batches of up to 32; the main thread keeps
//                only the high socket and counts a low event as handled when its result
//                arrives.
// The sockets talk to each other directly (user-space unicast), so the bench needs no
// cfg80211 and runs on any Linux host; only the kernel's netlink transport is real,
// the nl80211 messages are synthetic.
//
//   bench/events [seconds]      env: EVENTS_BENCH_SECONDS (5), EVENTS_BENCH_BURST (550: 5.5k/s),
//                               EVENTS_BENCH_WORK_US (50)
import { fork } from 'node:child_process';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadavg } from 'node:os';
import { encodeAttrs } from '../core/nl80211/attrs.js';
import { EventDispatcher } from '../core/nl80211/dispatch.js';
import { ENUMS } from '../core/nl80211/gen/schema.generated.js';
import { GenlChannel, openGenericNetlinkSocket, type NetlinkSocketLike } from '../core/nl80211/genl-channel.js';
import { buildGenlMessage } from '../core/nl80211/message.js';
import { makeEvent } from '../core/nl80211/events.js';
import type { Nl80211Event } from '../core/nl80211/dispatch.js';
import type { Logger } from '../core/log.js';

const FAMILY = 0x1c; // any genl family id: the messages never reach the kernel's families
const CMD = ENUMS.nl80211_commands.values;
const quiet: Logger = { error() {}, warn() {}, notice() {}, info() {}, debug() {}, child: () => quiet, limited: () => quiet };

interface SenderArgs { lowPort: number; highPort: number; seconds: number; burst: number; }

function scanResultMessage(seq: number): Buffer {
  const ies = Buffer.alloc(300);
  for (let off = 0; off + 32 <= ies.length; off += 32) { ies[off] = 221; ies[off + 1] = 30; } // vendor elements
  return buildGenlMessage({
    family: FAMILY, cmd: CMD.NEW_SCAN_RESULTS, version: 1, flags: 0, seq: 0, port: 0,
    attrs: encodeAttrs('nl80211_attrs', {
      WIPHY: 0, IFINDEX: 3, GENERATION: seq,
      BSS: { BSSID: '02:00:00:00:01:00', FREQUENCY: 2412, SIGNAL_MBM: -5000, INFORMATION_ELEMENTS: ies, BEACON_IES: ies },
    }),
  });
}

function frameMessage(): Buffer {
  return buildGenlMessage({
    family: FAMILY, cmd: CMD.FRAME, version: 1, flags: 0, seq: 0, port: 0,
    attrs: encodeAttrs('nl80211_attrs', { WIPHY: 0, IFINDEX: 3, WIPHY_FREQ: 2412, FRAME: Buffer.alloc(64), COOKIE: process.hrtime.bigint() }),
  });
}

/**
 * A sender process: role 'low' sends a burst of BURST scan results every 100 ms (what a
 * finished scan delivers); role 'high' sends a FRAME every 2 ms. Separate processes and
 * sockets, as the kernel's queues are separate. A burst fits the receiver's socket
 * buffer, so the sender never spins on a full socket (that would measure CPU starvation
 * of a 2-core machine, not dispatch).
 */
function runSender(role: 'low' | 'high', { lowPort, highPort, seconds, burst }: SenderArgs): void {
  const sock = openGenericNetlinkSocket();
  const end = Date.now() + seconds * 1000;
  let sent = 0;
  let pending = 0;
  const finish = () => {
    process.send!({ sent });
    setTimeout(() => process.exit(0), 100);
  };
  if (role === 'high') {
    const timer = setInterval(() => {
      if (Date.now() >= end) { clearInterval(timer); finish(); return; }
      sock.send(frameMessage(), { port: highPort }, () => void sent++);
    }, 2);
    return;
  }
  const msg = scanResultMessage(0);
  const timer = setInterval(() => {
    if (Date.now() >= end) { clearInterval(timer); finish(); return; }
    if (pending > 0 || burst === 0) return; // the last burst is still queued: skip rather than spin
    for (let i = 0; i < burst; i++) {
      pending++;
      sock.send(msg, { port: lowPort }, () => { pending--; sent++; });
    }
  }, 100);
}

interface Result { name: string; delays: number[]; low: number; lowPerSec: number; maxBacklog: number; overruns: number; sentLow: number; sentHigh: number; load?: string }

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The work of a scan-results consumer: decode the BSS, walk its elements, then a fixed CPU cost (statistics, ranking). */
function handleScanResult(ev: Nl80211Event, workUs: number): { ies: number; freq?: number; signal?: number } {
  const bss = ev.attrs.BSS;
  const ies = bss?.INFORMATION_ELEMENTS ?? new Uint8Array(0);
  let count = 0;
  for (let off = 0; off + 2 <= ies.length; off += 2 + ies[off + 1]!) count++;
  const until = process.hrtime.bigint() + BigInt(workUs * 1000);
  while (process.hrtime.bigint() < until);
  return { ies: count, freq: bss?.FREQUENCY, signal: bss?.SIGNAL_MBM };
}

/**
 * The worker thread of the 'worker' set-up: owns the low socket, handles each scan result
 * and posts the results in batches of up to WORKER_BATCH (what the main thread would merge
 * into its scan table).
 */
const WORKER_BATCH = 32;

function runWorker(workUs: number): void {
  let pending: Array<{ ies: number; freq?: number; signal?: number }> = [];
  let overruns = 0;
  let flushScheduled = false;
  const flush = () => {
    flushScheduled = false;
    if (pending.length === 0) return;
    parentPort!.postMessage({ handled: pending.length, results: pending, overruns });
    pending = [];
    overruns = 0;
  };
  const ch = new GenlChannel(openGenericNetlinkSocket(1 << 20), {
    acceptUserSenders: true,
    onEvent: (msg, at) => {
      pending.push(handleScanResult(makeEvent(msg, at, 'low'), workUs));
      // Small batches: a big one costs the main thread a long deserialisation at once.
      if (pending.length >= WORKER_BATCH) flush();
      else if (!flushScheduled) { flushScheduled = true; setImmediate(flush); }
    },
    onSocketError: (err) => { if (err.code === 'ENOBUFS') overruns++; },
    onInvalid: () => undefined,
  });
  parentPort!.postMessage({ port: ch.port });
  parentPort!.on('message', () => { if (pending.length) flush(); ch.close(); parentPort!.close(); });
}

async function runReceiver(name: 'idle' | 'prioritised' | 'serial' | 'worker', seconds: number, burst: number, workUs: number, self: string): Promise<Result> {
  // 'idle': the prioritised set-up without the low flood, the machine's floor.
  const prioritised = name !== 'serial';
  if (name === 'idle') burst = 0;
  const dispatcher = new EventDispatcher(quiet, prioritised ? 1 : Number.POSITIVE_INFINITY);
  const delays: number[] = [];
  let overruns = 0;
  let low = 0;
  let ieCount = 0;
  const open = (): GenlChannel => {
    const sock: NetlinkSocketLike = openGenericNetlinkSocket(1 << 20);
    const ch: GenlChannel = new GenlChannel(sock, {
      acceptUserSenders: true,
      onEvent: (msg, at) => dispatcher.deliver(makeEvent(msg, at, ch === highCh ? 'high' : 'low')),
      onSocketError: (err) => { if (err.code === 'ENOBUFS') overruns++; },
      onInvalid: () => undefined,
    });
    return ch;
  };
  let highCh: GenlChannel | null = null;
  let worker: Worker | undefined;
  let lowCh: GenlChannel;
  let lowPort: number;
  if (name === 'worker') {
    // The low socket lives in the worker; its port comes back once it is open.
    worker = new Worker(self, { workerData: { workUs } });
    lowPort = await new Promise<number>((resolve) => worker!.once('message', (m: { port: number }) => resolve(m.port)));
    worker.on('message', (m: { handled?: number; overruns?: number }) => {
      if (m.handled) low += m.handled;
      if (m.overruns) overruns += m.overruns;
    });
    highCh = open();
    lowCh = highCh;
  } else {
    lowCh = open();
    lowPort = lowCh.port;
    highCh = prioritised ? open() : lowCh;
  }
  if (name !== 'worker') {
    dispatcher.subscribe({
      owner: 'scan', cmds: ['NEW_SCAN_RESULTS'], priority: 'low',
      handler: (ev) => {
        ieCount += handleScanResult(ev, workUs).ies;
        low++;
      },
    });
  }
  dispatcher.subscribe({
    owner: 'smd', cmds: ['FRAME'], priority: prioritised ? 'high' : 'low',
    handler: (ev) => {
      const now = process.hrtime.bigint();
      const sent = ev.attrs.COOKIE;
      if (sent !== undefined) delays.push(Number(now - sent) / 1e6);
    },
  });
  const started = Date.now();
  const args: SenderArgs = { lowPort, highPort: highCh.port, seconds, burst };
  const sent = await Promise.all((['low', 'high'] as const).map((role) => {
    const child = fork(self, ['--sender', role], { stdio: 'inherit' });
    child.send(args);
    return new Promise<number>((resolve) => child.once('message', (m) => resolve((m as { sent: number }).sent)));
  }));
  const counts = { sentLow: sent[0]!, sentHigh: sent[1]! };
  await new Promise((r) => setTimeout(r, 300));
  // Handled per second of sending (the senders' window), not of the set-up's whole life.
  const elapsed = seconds;
  void started;
  if (worker) {
    await new Promise<void>((resolve) => { worker!.once('exit', () => resolve()); worker!.postMessage('stop'); });
  }
  lowCh.close();
  if (highCh !== lowCh) highCh.close();
  void ieCount;
  return { name, delays: delays.sort((a, b) => a - b), low, lowPerSec: low / elapsed, maxBacklog: dispatcher.stats.maxLowBacklog, overruns, ...counts };
}

async function main(): Promise<void> {
  if (!isMainThread) {
    runWorker((workerData as { workUs: number }).workUs);
    return;
  }
  const senderAt = process.argv.indexOf('--sender');
  if (senderAt > 0) {
    const role = process.argv[senderAt + 1] === 'high' ? 'high' : 'low';
    process.once('message', (m) => runSender(role, m as SenderArgs));
    return;
  }
  const seconds = Number(process.argv[2] ?? process.env.EVENTS_BENCH_SECONDS ?? 5);
  const burst = Number(process.env.EVENTS_BENCH_BURST ?? 550);
  const workUs = Number(process.env.EVENTS_BENCH_WORK_US ?? 50);
  const self = process.argv[1]!;
  console.log(
    `bench/events: ${seconds} s per set-up; low: ${burst} scan results every 100 ms, each handled with decode + ${workUs} us of work; ` +
      `high: one FRAME every 2 ms (node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`,
  );
  const results: Result[] = [];
  for (const name of ['idle', 'serial', 'prioritised', 'worker'] as const) {
    results.push(await runReceiver(name, seconds, burst, workUs, self));
    results.at(-1)!.load = loadavg()[0]!.toFixed(2);
  }
  for (const r of results) {
    console.log(
      `${r.name.padEnd(12)} high events: ${r.delays.length}/${r.sentHigh} delivered, delay p50 ${percentile(r.delays, 50).toFixed(3)} ms, ` +
        `p99 ${percentile(r.delays, 99).toFixed(3)} ms, max ${(r.delays.at(-1) ?? NaN).toFixed(3)} ms | ` +
        `low handled ${r.low} (${Math.round(r.lowPerSec)}/s) of ${r.sentLow} sent, max backlog ${r.maxBacklog}, ENOBUFS ${r.overruns} | load ${r.load}`,
    );
  }
  const [idle, serial, prio, worker] = results as [Result, Result, Result, Result];
  const load = `load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
  console.log(
    `ratio serial/prioritised: p50 ${(percentile(serial.delays, 50) / percentile(prio.delays, 50)).toFixed(1)}x, ` +
      `p99 ${(percentile(serial.delays, 99) / percentile(prio.delays, 99)).toFixed(1)}x; ` +
      `low throughput prioritised/serial ${(prio.lowPerSec / serial.lowPerSec).toFixed(2)} (${load})`,
  );
  for (const r of [prio, worker]) {
    console.log(
      `ratio ${r.name}/idle high p99: ${(percentile(r.delays, 99) / percentile(idle.delays, 99)).toFixed(2)} (goal <= 1.5); ` +
        `low throughput ${r.name}/serial ${(r.lowPerSec / serial.lowPerSec).toFixed(2)} (goal >= 0.95), ${Math.round(r.lowPerSec)}/s handled (goal >= 5000), ENOBUFS ${r.overruns} (${load})`,
    );
  }
}

void main();
