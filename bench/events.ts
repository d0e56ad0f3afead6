// Dispatch delay of high-priority nl80211 events while scan results flood in.
//
// A peer process answers GET_SCAN dumps as nl80211 does (test/nl80211/scan-dump-peer.ts:
// each BSS a NEW_SCAN_RESULTS message with 300 bytes of elements, packed into datagrams,
// then NLMSG_DONE), and the receiver asks it for a dump every 100 ms, as a scanning
// station or P2P discovery does: BURST results per dump. Another process sends a FRAME
// event every 2 ms whose COOKIE carries the send time (CLOCK_MONOTONIC, shared by both
// processes); the delay is from send to the high handler's first line. A scan result is
// handled when its ScanResult reached the consumer on the main thread, which walks its
// elements. Set-ups, each with the daemon's own code:
//   idle:        the high events alone, the machine's floor;
//   serial:      one socket and one FIFO for everything, results decoded on the main thread
//                (the "one serial loop" design);
//   prioritised: high events on their own socket with the prioritised dispatcher
//                (class 'high'), dumps on the request socket, decoded on the main thread
//                (the daemon's design before the scan worker);
//   worker:      as prioritised, but each dump runs on the scan worker thread's own socket
//                and is decoded there (ScanDumper with the bundled wifid-scan-worker.js:
//                the daemon's design now).
// Only user-space netlink sockets: no cfg80211 or VM needed. The peer's dumps come whole
// (the kernel's come a datagram per read); the worker's socket has room for them.
//
//   bench/events [seconds]      env: EVENTS_BENCH_SECONDS (5), EVENTS_BENCH_BURST (550: 5.5k/s)
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { decodeAttrs, encodeAttrs } from '../core/nl80211/attrs.js';
import { EventDispatcher } from '../core/nl80211/dispatch.js';
import { ENUMS } from '../core/nl80211/gen/schema.generated.js';
import { GenlChannel, openGenericNetlinkSocket } from '../core/nl80211/genl-channel.js';
import { buildGenlMessage, parseGenl } from '../core/nl80211/message.js';
import { makeEvent } from '../core/nl80211/events.js';
import { decodeScanDump, type ScanResult } from '../core/nl80211/scan.js';
import { ScanDumper, SCAN_WORKER_FILE } from '../core/nl80211/scan-dumper.js';
import type { Logger } from '../core/log.js';
import { PEER_FAMILY, scanEntryAttrs, startScanDumpPeer } from '../test/nl80211/scan-dump-peer.js';

const CMD = ENUMS.nl80211_commands.values;
const FAMILY = { id: PEER_FAMILY, version: 1 };
const quiet: Logger = { error() {}, warn() {}, notice() {}, info() {}, debug() {}, child: () => quiet, limited: () => quiet };

type SetUp = 'idle' | 'serial' | 'prioritised' | 'worker';
interface HighArgs { highPort: number; seconds: number }

function frameMessage(): Buffer {
  return buildGenlMessage({
    family: FAMILY.id, cmd: CMD.FRAME, version: 1, flags: 0, seq: 0, port: 0,
    attrs: encodeAttrs('nl80211_attrs', { WIPHY: 0, IFINDEX: 3, WIPHY_FREQ: 2412, FRAME: Buffer.alloc(64), COOKIE: process.hrtime.bigint() }),
  });
}

/** The high sender: a FRAME every 2 ms for `seconds`, then reports how many it sent. */
function runHighSender({ highPort, seconds }: HighArgs): void {
  const sock = openGenericNetlinkSocket();
  const end = Date.now() + seconds * 1000;
  let sent = 0;
  const timer = setInterval(() => {
    if (Date.now() >= end) {
      clearInterval(timer);
      process.send!({ sent });
      setTimeout(() => process.exit(0), 100);
      return;
    }
    sock.send(frameMessage(), { port: highPort }, () => void sent++);
  }, 2);
}

/** The dump peer: answers every GET_SCAN with `burst` BSSs until it is killed. */
function runPeer(burst: number): void {
  const ies = Buffer.alloc(300);
  for (let off = 0; off + 32 <= ies.length; off += 32) { ies[off] = 221; ies[off + 1] = 30; } // vendor elements
  const entries = Array.from({ length: burst }, (_, i) => scanEntryAttrs(i, ies));
  const peer = startScanDumpPeer({ entries: () => entries });
  process.send!({ port: peer.port });
}

interface Result { name: SetUp; mainBusy: number; delays: number[]; low: number; lowPerSec: number; dumps: number; failedDumps: number; overruns: number; sentHigh: number; load?: string }

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The consumer's part, on the main thread: each result's elements walked. */
function consume(results: readonly ScanResult[]): number {
  let elements = 0;
  for (const r of results) for (let off = 0; off + 2 <= r.ies.length; off += 2 + r.ies[off + 1]!) elements++;
  return elements;
}

async function runReceiver(name: SetUp, seconds: number, peerPort: number, workerFile: string, self: string): Promise<Result> {
  const prioritised = name !== 'serial';
  const dispatcher = new EventDispatcher(quiet, prioritised ? 1 : Number.POSITIVE_INFINITY);
  const delays: number[] = [];
  let overruns = 0;
  const open = (priority: 'high' | 'low'): GenlChannel => new GenlChannel(openGenericNetlinkSocket(1 << 20), {
    acceptUserSenders: true,
    peerPort,
    onEvent: (msg, at) => dispatcher.deliver(makeEvent(msg, at, priority)),
    onSocketError: (err) => { if (err.code === 'ENOBUFS') overruns++; },
    onInvalid: () => undefined,
  });
  // serial: one socket carries the high events and the dumps' replies.
  const request = open('low');
  const high = prioritised ? open('high') : request;
  const inMainThread = async (wdev: bigint) =>
    decodeScanDump((await request.request(FAMILY.id, CMD.GET_SCAN, FAMILY.version, encodeAttrs('nl80211_attrs', { WDEV: wdev }), { dump: true }))
      .filter((m) => m.type === FAMILY.id).map((m) => decodeAttrs('nl80211_attrs', parseGenl(m).attrs)));
  const dumper = new ScanDumper(quiet, { workerFile: name === 'worker' ? workerFile : undefined, idleMs: 60_000, peerPort }, inMainThread);
  dispatcher.subscribe({
    owner: 'smd', cmds: ['FRAME'], priority: prioritised ? 'high' : 'low',
    handler: (ev) => {
      const now = process.hrtime.bigint();
      const sent = ev.attrs.COOKIE;
      if (sent !== undefined) delays.push(Number(now - sent) / 1e6);
    },
  });
  if (name === 'worker') await dumper.dump(FAMILY, 1n); // the thread is up before the clock starts, as in a scanning daemon

  let low = 0;
  let dumps = 0;
  let failedDumps = 0;
  let inFlight = false;
  const dumpTimer = name === 'idle' ? undefined : setInterval(() => {
    if (inFlight) return; // the last dump is still under way: skip a turn, as a scanner would
    inFlight = true;
    dumper.dump(FAMILY, 1n).then(
      (results) => { dumps++; consume(results); low += results.length; },
      () => { failedDumps++; },
    ).finally(() => { inFlight = false; });
  }, 100);

  const elu = performance.eventLoopUtilization();
  const child = fork(self, ['--high'], { stdio: 'inherit' });
  child.send({ highPort: high.port, seconds } satisfies HighArgs);
  const sentHigh = await new Promise<number>((resolve) => child.once('message', (m) => resolve((m as { sent: number }).sent)));
  if (dumpTimer) clearInterval(dumpTimer);
  const mainBusy = performance.eventLoopUtilization(elu).utilization;
  await new Promise((r) => setTimeout(r, 300));
  await dumper.close();
  request.close();
  if (high !== request) high.close();
  return { name, mainBusy, delays: delays.sort((a, b) => a - b), low, lowPerSec: low / seconds, dumps, failedDumps, overruns, sentHigh };
}

async function main(): Promise<void> {
  if (process.argv.includes('--high')) {
    process.once('message', (m) => runHighSender(m as HighArgs));
    return;
  }
  const peerAt = process.argv.indexOf('--peer');
  if (peerAt > 0) {
    runPeer(Number(process.argv[peerAt + 1]));
    return;
  }
  const seconds = Number(process.argv[2] ?? process.env.EVENTS_BENCH_SECONDS ?? 5);
  const burst = Number(process.env.EVENTS_BENCH_BURST ?? 550);
  const self = process.argv[1]!;
  const workerFile = join(__dirname, SCAN_WORKER_FILE);
  console.log(
    `bench/events: ${seconds} s per set-up; low: a GET_SCAN dump of ${burst} BSSs asked every 100 ms, each result decoded and its elements walked; ` +
      `high: one FRAME every 2 ms (node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`,
  );
  const peer = fork(self, ['--peer', String(burst)], { stdio: 'inherit' });
  const peerPort = await new Promise<number>((resolve) => peer.once('message', (m) => resolve((m as { port: number }).port)));
  const results: Result[] = [];
  try {
    for (const name of ['idle', 'serial', 'prioritised', 'worker'] as const) {
      results.push(await runReceiver(name, seconds, peerPort, workerFile, self));
      results.at(-1)!.load = loadavg()[0]!.toFixed(2);
    }
  } finally {
    peer.kill();
  }
  for (const r of results) {
    console.log(
      `${r.name.padEnd(12)} high events: ${r.delays.length}/${r.sentHigh} delivered, delay p50 ${percentile(r.delays, 50).toFixed(3)} ms, ` +
        `p99 ${percentile(r.delays, 99).toFixed(3)} ms, max ${(r.delays.at(-1) ?? NaN).toFixed(3)} ms | ` +
        `low handled ${r.low} (${Math.round(r.lowPerSec)}/s) in ${r.dumps} dumps, ${r.failedDumps} failed, ENOBUFS ${r.overruns} | main thread busy ${(100 * r.mainBusy).toFixed(1)} % | load ${r.load}`,
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
