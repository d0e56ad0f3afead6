// bench/txq: in the hwsim VM, frames/s through the TX queue against bare
// NL80211_CMD_FRAME sends on the same interface, and the queueing delay of critical
// frames while bulk lanes are saturated. Prints measured numbers and ratios only.
//
//   bench/txq            (builds this file, boots the VM, runs it there)
import '@abraham/reflection';
import type { TxOutcome } from '../core/txq/types.js';
import { loadHwsim, unloadHwsim } from '../test/hwsim/lib/hwsim.js';
import { pollUntil } from '../test/hwsim/lib/exec.js';
import { addrOf, associate, startOpenAps, startQueueStack, taggedAction, wdevOf } from '../test/hwsim/txq-fixture.js';

/** Frames per block; a quad is four blocks, bare and queue twice each. */
const BLOCK = Number(process.env.TXQ_BENCH_BLOCK ?? 100);
/** The VM's speed drifts by up to 2x over a minute: many short interleaved blocks. */
const QUADS = Number(process.env.TXQ_BENCH_QUADS ?? 16);
const CRITICAL = Number(process.env.TXQ_BENCH_CRITICAL ?? 600);
/** Gap between critical submissions: sparse, as auth/assoc/EAPOL/ST execution are. */
const CRITICAL_GAP_MS = Number(process.env.TXQ_BENCH_CRITICAL_GAP_MS ?? 20);
/** Requests in flight for the bare sender: as many as the queue may have awaiting replies. */
const BARE_CONCURRENCY = Number(process.env.TXQ_BENCH_BARE_CONCURRENCY ?? 64);
/** The queue's limits as shipped unless set (window per lane, requests awaiting the kernel). */
const QUEUE_LIMITS = {
  ...(process.env.TXQ_BENCH_WINDOW ? { window: Number(process.env.TXQ_BENCH_WINDOW) } : {}),
  ...(process.env.TXQ_BENCH_MAX_SENDING ? { maxSending: Number(process.env.TXQ_BENCH_MAX_SENDING) } : {}),
};

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const f1 = (x: number) => x.toFixed(1);
const f3 = (x: number) => x.toFixed(3);

async function main(): Promise<void> {
  const radios = await loadHwsim({ radios: 4 });
  const [ap0, ap1, ap2] = radios.slice(0, 3).map((r) => r.ifname) as [string, string, string];
  const staIf = radios[3]!.ifname;
  const hostapd = await startOpenAps([ap0, ap1, ap2]);
  await associate(staIf, 'txq0');
  // A status timeout well above what TCG starvation can delay a status by: the bench
  // measures the queue, not its timeout policy (timeouts and late statuses are printed).
  const stack = await startQueueStack({ statusTimeoutMs: 10_000, ...QUEUE_LIMITS });
  const { nl, queue } = stack;
  await pollUntil('inventory: APs', 10_000, () => ([ap0, ap1, ap2].every((i) => nl.iface({ ifname: i })?.iftype === 'ap') ? true : undefined));
  const sta = await addrOf(staIf);
  const lanes = await Promise.all([ap0, ap1, ap2].map(async (ifname, i) => ({ ifname, no: i, wdev: wdevOf(nl, ifname), addr: await addrOf(ifname) })));
  const L0 = lanes[0]!;

  // TX statuses of bare sends, counted by the bench's own subscription; a bare block
  // ends, as a queued frame does, with its last TX status.
  let bareStatuses = 0;
  let bareAcked = 0;
  let bareTarget = 0;
  let bareAllStatuses: (() => void) | undefined;
  nl.subscribe({ owner: 'bench', cmds: ['FRAME_TX_STATUS'], priority: 'high', handler: (ev) => {
    if (ev.wdev !== L0.wdev) return;
    bareStatuses++;
    if (ev.attrs.ACK) bareAcked++;
    if (bareStatuses >= bareTarget) bareAllStatuses?.();
  } });

  /** The node process's CPU time (user + system) in µs since `from`. */
  const cpuSince = (from: NodeJS.CpuUsage) => { const u = process.cpuUsage(from); return { total: u.user + u.system, user: u.user }; };

  interface Block { ms: number; acked: number; cpu: { total: number; user: number }; other: string[] }

  async function bare(n: number): Promise<Block> {
    bareStatuses = 0;
    bareAcked = 0;
    bareTarget = n;
    const statuses = new Promise<void>((resolve) => (bareAllStatuses = resolve));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < n) {
        const i = next++;
        await nl.request('FRAME', { WDEV: L0.wdev, FRAME: taggedAction(L0.addr, sta, i) });
      }
    };
    await Promise.all(Array.from({ length: BARE_CONCURRENCY }, worker));
    // Statuses that never come are counted, not waited for forever.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([statuses, new Promise<void>((r) => (timer = setTimeout(r, 10_000)))]);
    clearTimeout(timer);
    const ms = performance.now() - t0;
    bareAllStatuses = undefined;
    const other = bareStatuses < n ? [`${n - bareStatuses} TX statuses missing`] : [];
    return { ms, acked: bareAcked, cpu: cpuSince(cpu0), other };
  }

  async function queued(n: number): Promise<Block> {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const outs: Promise<TxOutcome>[] = [];
    for (let i = 0; i < n; i++) {
      outs.push(queue.submit({ lane: { wdev: L0.wdev }, class: 'management', frame: taggedAction(L0.addr, sta, i) }));
    }
    const res = await Promise.all(outs);
    const ms = performance.now() - t0;
    const other = res.filter((r) => r.status !== 'acked').map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
    return { ms, acked: res.length - other.length, other: other.slice(0, 3), cpu: cpuSince(cpu0) };
  }

  // Warm-up (JIT, rate control, caches), then quads of blocks in ABBA order (bare,
  // queue, queue, bare; the next quad the other way round): the VM's speed drifts, and
  // a drift that is linear over a quad weighs on both sides alike.
  await bare(500);
  await queued(500);
  const bareR: Block[] = [];
  const queueR: Block[] = [];
  const quadRatios: number[] = [];
  for (let quad = 0; quad < QUADS; quad++) {
    const order = quad % 2 === 0 ? ['bare', 'queue', 'queue', 'bare'] : ['queue', 'bare', 'bare', 'queue'];
    let tb = 0;
    let tq = 0;
    for (const side of order) {
      if (side === 'bare') {
        const b = await bare(BLOCK);
        bareR.push(b);
        tb += b.ms;
      } else {
        const q = await queued(BLOCK);
        queueR.push(q);
        tq += q.ms;
      }
    }
    quadRatios.push(tb / tq);
  }
  const sumMs = (rs: Block[]) => rs.reduce((t, x) => t + x.ms, 0);
  const rateOf = (rs: Block[]) => (rs.length * BLOCK * 1000) / sumMs(rs);

  // Critical frames while three lanes (the critical frames' own among them) are kept full of bulk.
  let stopBulk = false;
  let bulkDone = 0;
  // Each lane keeps 600 bulk frames submitted: every outcome submits the next one (a
  // producer driven by completions, as a daemon's would be; polling would burn the
  // single vCPU the frames and the measurement need).
  let bulkOutstanding = 0;
  let bulkStopped!: () => void;
  const bulkProducers = new Promise<void>((resolve) => (bulkStopped = resolve));
  for (const l of lanes) {
    let tag = 0;
    const submitBulk = () => {
      bulkOutstanding++;
      void queue.submit({ lane: { wdev: l.wdev }, class: 'bulk', frame: taggedAction(l.addr, sta, tag++, l.no) }).then(() => {
        bulkOutstanding--;
        bulkDone++;
        if (!stopBulk) submitBulk();
        else if (bulkOutstanding === 0) bulkStopped();
      });
    };
    for (let i = 0; i < 600; i++) submitBulk();
  }
  await new Promise((r) => setTimeout(r, 500));
  const critP: Promise<TxOutcome>[] = [];
  let deferredAtSubmit = 0;
  let backlogSeen = 0;
  const tc0 = performance.now();
  const bulkAtStart = bulkDone;
  for (let i = 0; i < CRITICAL; i++) {
    const l = lanes[i % lanes.length]!;
    const snap = queue.snapshot().lanes.find((x) => x.wdev === l.wdev);
    if ((snap?.classes.bulk.queued ?? 0) > 0) backlogSeen++;
    critP.push(queue.submit({ lane: { wdev: l.wdev }, class: 'critical', frame: taggedAction(l.addr, sta, 1_000_000 + i, l.no) }));
    // Still queued once submit() returned: the queue deferred it (no window room).
    if ((queue.snapshot().lanes.find((x) => x.wdev === l.wdev)?.classes.critical.queued ?? 0) > 0) deferredAtSubmit++;
    await new Promise((r) => setTimeout(r, CRITICAL_GAP_MS));
  }
  const crit = await Promise.all(critP);
  const critSecs = (performance.now() - tc0) / 1000;
  const bulkRate = (bulkDone - bulkAtStart) / critSecs;
  stopBulk = true;
  await bulkProducers;
  await new Promise((r) => setTimeout(r, 500));
  const qd = crit.map((o) => o.queuedMs ?? NaN).sort((a, b) => a - b);
  const tot = crit.map((o) => o.totalMs).sort((a, b) => a - b);
  const critAcked = crit.filter((o) => o.status === 'acked').length;
  const snap = queue.snapshot();
  const bulkP99 = Math.max(...snap.lanes.map((l) => l.classes.bulk.delayP99Ms ?? 0));

  const os = await import('node:os');
  console.log(`bench/txq: load average in the VM ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`bench/txq: Linux ${os.release()}, mac80211_hwsim, ${process.env.WIFID_VM_ACCEL ?? 'tcg'} VM with ${os.cpus().length} vCPU(s), node ${process.version}`);
  console.log(`throughput, unicast public action frames AP ${L0.ifname} -> associated station, ${QUADS} quads of ${BLOCK}-frame blocks in ABBA order (${QUADS * 2 * BLOCK} frames each way), every frame timed to its TX status:`);
  console.log(`  bare NL80211_CMD_FRAME (${BARE_CONCURRENCY} requests in flight): ${f1(rateOf(bareR))} frames/s`);
  const limits = queue.limitsInUse();
  console.log(`  through TxQueue (window ${limits.window}, ${limits.maxSending} requests in flight, cookies closed by TX status): ${f1(rateOf(queueR))} frames/s`);
  console.log(`  ratio queue/bare: all frames ${f3(sumMs(bareR) / sumMs(queueR))}; median of quads ${f3(median(quadRatios))} (quads: ${quadRatios.map(f3).join(' ')}) (target >= 0.9)`);
  const blockRates = (rs: Block[]) => rs.map((x) => f1((BLOCK * 1000) / x.ms)).join(' ');
  console.log(`  per block, frames/s: bare ${blockRates(bareR)}; queue ${blockRates(queueR)}`);
  console.log(`  acked: bare ${bareR.reduce((n, x) => n + x.acked, 0)}/${bareR.length * BLOCK}, queue ${queueR.reduce((n, x) => n + x.acked, 0)}/${queueR.length * BLOCK}`);
  // On one vCPU a send runs the kernel's whole TX path in the sender's system time.
  const perFrame = (rs: Block[], k: 'total' | 'user') => rs.reduce((t, x) => t + x.cpu[k], 0) / (rs.length * BLOCK);
  const [bareCpu, queueCpu] = [perFrame(bareR, 'total'), perFrame(queueR, 'total')];
  console.log(`  CPU time of this process per frame (user+system; system includes the kernel's TX path): bare ${f1(bareCpu)} us (user ${f1(perFrame(bareR, 'user'))}), through the queue ${f1(queueCpu)} us (user ${f1(perFrame(queueR, 'user'))}); the queue adds ${f1(queueCpu - bareCpu)} us (${f1((100 * (queueCpu - bareCpu)) / bareCpu)}%)`);
  for (const x of bareR) if (x.other.length) console.log(`  bare: ${x.other.join(' ')}`);
  for (const x of queueR) if (x.other.length) console.log(`  queue outcomes other than acked: ${x.other.join(' ')}`);
  console.log(`critical frames under saturated bulk: ${CRITICAL} critical frames over ${lanes.length} lanes, each lane kept at ~600 bulk frames queued (${f1(bulkRate)} bulk frames/s went out meanwhile; bulk backlog present at ${backlogSeen}/${CRITICAL} critical submissions):`);
  console.log(`  critical queueing delay (submit -> handed to nl80211): p50 ${f3(pct(qd, 50))} ms, p99 ${f3(pct(qd, 99))} ms, max ${f3(qd[qd.length - 1]!)} ms (target p99 < 1 ms)`);
  console.log(`  critical frames deferred by the queue (not dispatched within submit()): ${deferredAtSubmit}/${CRITICAL}; over 1 ms from submit to dispatch: ${qd.filter((x) => x > 1).length}/${CRITICAL}; one every ${CRITICAL_GAP_MS} ms by timer = ${f1(CRITICAL / critSecs)} critical frames/s measured`);
  console.log(`  critical submit -> TX status: p50 ${f3(pct(tot, 50))} ms, p99 ${f3(pct(tot, 99))} ms; ${critAcked}/${CRITICAL} acked`);
  console.log(`  queue events over the whole run: ${snap.events.statusTimeouts} status timeouts, ${snap.events.lateStatuses} late statuses, ${snap.events.unmatchedStatuses} statuses of other senders (the bare runs)`);
  console.log(`  bulk queueing delay p99 (worst lane, last 1024 frames): ${f3(bulkP99)} ms`);

  await stack.stop();
  await hostapd.stop();
  await unloadHwsim();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench/txq failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
