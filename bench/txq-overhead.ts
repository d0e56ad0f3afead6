// bench/txq-overhead: the TX queue's own CPU cost per frame, on the host, against a
// transport that answers at once (cookie, then TX status): what the queue adds to a
// bare send, without a kernel in the way. Prints measured numbers only.
//
//   bench/txq-overhead
import '@abraham/reflection';
import { TxQueue } from '../core/txq/queue.js';
import { systemClock } from '../core/txq/clock.js';
import type { FrameTransport, TxEventSink, TxSendRequest, TxSendResult, TxOutcome } from '../core/txq/types.js';
import type { Logger } from '../core/log.js';

const N = Number(process.env.TXQ_OVERHEAD_FRAMES ?? 200_000);
const ROUNDS = 5;
const silent: Logger = { error() {}, warn() {}, notice() {}, info() {}, debug() {}, child: () => silent, limited: () => silent };

/** Answers each send on the next microtask and reports its ACK right after, as the kernel would on two sockets. */
class InstantTransport implements FrameTransport {
  sink?: TxEventSink;
  statuses = 0;
  protected cookie = 0n;
  start(sink: TxEventSink): void { this.sink = sink; }
  send(req: TxSendRequest): Promise<TxSendResult> {
    const cookie = ++this.cookie;
    queueMicrotask(() => queueMicrotask(() => {
      this.statuses++;
      this.sink?.txStatus({ wdev: req.lane.wdev, kind: req.kind, cookie, acked: true });
    }));
    return Promise.resolve({ cookie });
  }
}

function frame(): Uint8Array {
  const f = new Uint8Array(40);
  f[0] = 0xd0;
  f[24] = 0x04;
  f[25] = 0x09;
  return f;
}

async function bare(t: InstantTransport, n: number, concurrency: number): Promise<number> {
  const f = frame();
  const req: TxSendRequest = { lane: { wdev: 1n }, kind: 'frame', frame: f, noAck: false };
  // Bare sends have no one to hand their statuses to: detach the queue meanwhile.
  const sink = t.sink;
  t.sink = undefined;
  const t0 = performance.now();
  let next = 0;
  const worker = async () => { while (next++ < n) await t.send(req); };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await new Promise<void>((r) => setImmediate(r));
  const ms = performance.now() - t0;
  t.sink = sink;
  return ms;
}

async function queued(q: TxQueue, n: number): Promise<number> {
  const f = frame();
  const t0 = performance.now();
  let ended = 0;
  let submitted = 0;
  await new Promise<void>((resolve) => {
    const onEnd = (_o: TxOutcome) => { if (++ended === n) resolve(); else if (submitted < n) pushOne(); };
    const pushOne = () => { submitted++; void q.submit({ lane: { wdev: 1 }, class: 'management', frame: f }).then(onEnd); };
    // Keep 400 frames submitted and not ended, as a producer honouring back-pressure would.
    for (let i = 0; i < Math.min(400, n); i++) pushOne();
  });
  return performance.now() - t0;
}

/** Answers at once and reports each TX status `delayMs` later: the windows fill up, as on a busy channel. */
class SlowAckTransport extends InstantTransport {
  constructor(private readonly delayMs: number) { super(); }
  override send(req: TxSendRequest): Promise<TxSendResult> {
    const cookie = ++this.slowCookie;
    setTimeout(() => this.sink?.txStatus({ wdev: req.lane.wdev, kind: req.kind, cookie, acked: true }), this.delayMs);
    return Promise.resolve({ cookie });
  }
  private slowCookie = 0n;
}

/** Critical frames submitted one per ms while three lanes are kept full of bulk frames. */
async function criticalUnderBulk(): Promise<void> {
  const t = new SlowAckTransport(2);
  const q = new TxQueue(t, systemClock, silent);
  await q.start();
  const f = frame();
  let stop = false;
  const producers = [1, 2, 3].map(async (wdev) => {
    let outstanding = 0;
    while (!stop) {
      while (outstanding < 600) {
        outstanding++;
        void q.submit({ lane: { wdev }, class: 'bulk', frame: f }).then(() => void outstanding--);
      }
      await new Promise<void>((r) => setImmediate(r));
    }
  });
  await new Promise((r) => setTimeout(r, 200));
  const delays: number[] = [];
  let deferred = 0;
  const outs: Promise<TxOutcome>[] = [];
  for (let i = 0; i < 2000; i++) {
    const wdev = 1 + (i % 3);
    outs.push(q.submit({ lane: { wdev }, class: 'critical', frame: f }));
    if ((q.snapshot().lanes.find((l) => l.wdev === BigInt(wdev))?.classes.critical.queued ?? 0) > 0) deferred++;
    await new Promise((r) => setTimeout(r, 1));
  }
  for (const o of await Promise.all(outs)) delays.push(o.queuedMs ?? NaN);
  stop = true;
  await Promise.all(producers);
  delays.sort((a, b) => a - b);
  const pct = (p: number) => delays[Math.min(delays.length - 1, Math.ceil((p / 100) * delays.length) - 1)]!.toFixed(3);
  const snap = q.snapshot();
  const bulkQueued = snap.lanes.map((l) => l.classes.bulk.queued).join('/');
  console.log(`  critical queueing delay, 3 lanes saturated with bulk (TX status 2 ms after send; bulk queued at the end ${bulkQueued}): p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${delays[delays.length - 1]!.toFixed(3)} ms over ${delays.length} frames; deferred by the queue ${deferred}`);
  await q.stop();
}

async function main(): Promise<void> {
  const t = new InstantTransport();
  const q = new TxQueue(t, systemClock, silent);
  await q.start();
  await bare(t, 20_000, 64);
  await queued(q, 20_000);
  const b: number[] = [];
  const qq: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    b.push(await bare(t, N, 64));
    qq.push(await queued(q, N));
  }
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const us = (ms: number) => ((ms * 1000) / N).toFixed(2);
  console.log(`bench/txq-overhead: node ${process.version}, ${N} frames per run, median of ${ROUNDS}, host load ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`  bare transport.send (64 in flight):        ${us(med(b))} us/frame (${(N / med(b) * 1000).toFixed(0)} frames/s)`);
  console.log(`  through TxQueue (submit -> TX status):     ${us(med(qq))} us/frame (${(N / med(qq) * 1000).toFixed(0)} frames/s)`);
  console.log(`  queue's own cost: ${(((med(qq) - med(b)) * 1000) / N).toFixed(2)} us/frame`);
  const snap = q.snapshot();
  console.log(`  queue accounting: sent ${snap.totals.management.sent}, acked ${snap.totals.management.acked}, timeouts ${snap.events.statusTimeouts}`);
  await criticalUnderBulk();
}

void main();
