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

const FRAMES = Number(process.env.TXQ_BENCH_FRAMES ?? 300);
/** Paired rounds (bare and queue back to back, order alternating): the VM's speed drifts between rounds by up to 2x, so many short pairs give a steadier median than a few long ones. */
const ROUNDS = Number(process.env.TXQ_BENCH_ROUNDS ?? 16);
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

  // TX statuses of bare sends, counted by the bench's own subscription.
  let bareStatuses = 0;
  let bareAcked = 0;
  nl.subscribe({ owner: 'bench', cmds: ['FRAME_TX_STATUS'], priority: 'high', handler: (ev) => {
    if (ev.wdev === L0.wdev) { bareStatuses++; if (ev.attrs.ACK) bareAcked++; }
  } });

  /** The node process's CPU time (user + system) in µs since `from`. */
  const cpuSince = (from: NodeJS.CpuUsage) => { const u = process.cpuUsage(from); return { total: u.user + u.system, user: u.user }; };

  async function bare(n: number): Promise<{ replyRate: number; statusRate: number; acked: number; statuses: number; cpu: { total: number; user: number }; n: number }> {
    bareStatuses = 0;
    bareAcked = 0;
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
    const tReplies = performance.now() - t0;
    // Statuses that never come are counted, not waited for forever.
    await pollUntil('bare: all TX statuses', 10_000, () => (bareStatuses >= n ? true : undefined), 1).catch(() => undefined);
    const tStatuses = performance.now() - t0;
    return { replyRate: (n / tReplies) * 1000, statusRate: (bareStatuses / tStatuses) * 1000, acked: bareAcked, statuses: bareStatuses, cpu: cpuSince(cpu0), n };
  }

  async function queued(n: number): Promise<{ rate: number; acked: number; other: string[]; cpu: { total: number; user: number }; n: number }> {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const outs: Promise<TxOutcome>[] = [];
    let ended = 0;
    const MAX_OUTSTANDING = 500; // below maxQueued: a producer that honours back-pressure
    for (let i = 0; i < n; i++) {
      while (i - ended >= MAX_OUTSTANDING) await new Promise<void>((r) => setImmediate(r));
      outs.push(queue.submit({ lane: { wdev: L0.wdev }, class: 'management', frame: taggedAction(L0.addr, sta, i) }).then((o) => (ended++, o)));
    }
    const res = await Promise.all(outs);
    const t = performance.now() - t0;
    const other = res.filter((r) => r.status !== 'acked').map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
    return { rate: (n / t) * 1000, acked: res.length - other.length, other: other.slice(0, 3), cpu: cpuSince(cpu0), n };
  }

  // Warm-up (JIT, rate control, caches), then alternating rounds.
  await bare(500);
  await queued(500);
  const bareR: Awaited<ReturnType<typeof bare>>[] = [];
  const queueR: Awaited<ReturnType<typeof queued>>[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) {
      bareR.push(await bare(FRAMES));
      queueR.push(await queued(FRAMES));
    } else {
      queueR.push(await queued(FRAMES));
      bareR.push(await bare(FRAMES));
    }
  }
  const bareReply = median(bareR.map((x) => x.replyRate));
  const bareStatus = median(bareR.map((x) => x.statusRate));
  const q = median(queueR.map((x) => x.rate));
  const pairRatios = queueR.map((x, i) => x.rate / bareR[i]!.replyRate);
  const totalTime = (rs: { rate: number }[]) => rs.reduce((t, x) => t + FRAMES / x.rate, 0);

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
  console.log(`throughput, ${FRAMES} unicast public action frames per run, AP ${L0.ifname} -> associated station, ${ROUNDS} paired runs (medians):`);
  console.log(`  bare NL80211_CMD_FRAME (${BARE_CONCURRENCY} requests in flight): ${f1(bareReply)} frames/s to the last reply; ${f1(bareStatus)} frames/s to the last TX status`);
  const limits = queue.limitsInUse();
  console.log(`  through TxQueue (window ${limits.window}, ${limits.maxSending} requests in flight, cookies closed by TX status): ${f1(q)} frames/s to the last outcome`);
  console.log(`  ratio queue/bare: median of paired rounds ${f3(median(pairRatios))} (pairs: ${pairRatios.map(f3).join(' ')}); all frames over all time ${f3(totalTime(bareR.map((x) => ({ rate: x.replyRate }))) / totalTime(queueR))} (target >= 0.9)`);
  console.log(`  per run: bare ${bareR.map((x) => `${f1(x.replyRate)}/${f1(x.statusRate)} (${x.statuses} statuses, ${x.acked} acked)`).join(', ')}; queue ${queueR.map((x) => `${f1(x.rate)} (${x.acked} acked)`).join(', ')}`);
  // On one vCPU a send runs the kernel's whole TX path in the sender's system time.
  const perFrame = (rs: { cpu: { total: number; user: number }; n: number }[], k: 'total' | 'user') => median(rs.map((x) => x.cpu[k] / x.n));
  const [bareCpu, queueCpu] = [perFrame(bareR, 'total'), perFrame(queueR, 'total')];
  console.log(`  CPU time of this process per frame (medians; user+system, system includes the kernel's TX path): bare ${f1(bareCpu)} us (user ${f1(perFrame(bareR, 'user'))}), through the queue ${f1(queueCpu)} us (user ${f1(perFrame(queueR, 'user'))}); the queue adds ${f1(queueCpu - bareCpu)} us (${f1((100 * (queueCpu - bareCpu)) / bareCpu)}%)`);
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
