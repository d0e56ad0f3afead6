// Seeded random runs of the queue against a scripted kernel: whatever the interleaving
// of submissions, replies, statuses, timeouts and lane removals, every frame ends once,
// the window holds, and class and sequence-state order hold.
import { describe, expect, it } from 'vitest';
import { TxQueue } from '../../core/txq/queue.js';
import { TX_CLASSES, type TxClass, type TxOutcome } from '../../core/txq/types.js';
import { ManualClock, ScriptedTransport, eapolPayload, mgmtFrame, settle, silentLogger, tagOf, type PendingSend } from './fakes.js';
import { mulberry32 as rng } from '../helpers/prng.js';

interface Meta { lane: string; cls: TxClass; seqKey?: string; wdev: number }

async function runSeed(seed: number, steps: number) {
  const next = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const t = new ScriptedTransport();
  const clock = new ManualClock();
  const window = 4;
  const q = new TxQueue(t, clock, silentLogger, { window, criticalReserve: 1, maxSending: 6, statusTimeoutMs: 50, maxQueued: { critical: 20, management: 20, bulk: 20 } });
  await q.start();
  const lanes = [{ wdev: 1 }, { wdev: 2, linkId: 0 }, { wdev: 2, linkId: 1 }];
  const meta = new Map<number, Meta>();
  const outcomes = new Map<number, TxOutcome>();
  let resolvedTwice = 0;
  const answered: PendingSend[] = [];
  let tag = 0;

  for (let step = 0; step < steps; step++) {
    const r = next();
    if (r < 0.45) {
      const lane = pick(lanes);
      const cls = pick(TX_CLASSES);
      const seqKey = next() < 0.3 ? pick(['a', 'b']) : undefined;
      const n = tag++;
      meta.set(n, { lane: `${lane.wdev}/${lane.linkId}`, cls, seqKey, wdev: lane.wdev });
      const eapol = seqKey !== undefined && next() < 0.5;
      void q.submit({ lane, class: cls, seqKey, frame: eapol ? eapolPayload(n) : mgmtFrame(n), ...(eapol ? { controlPort: { dest: '02:00:00:00:00:01' } } : {}) })
        .then((o) => { if (outcomes.has(n)) resolvedTwice++; outcomes.set(n, o); });
    } else if (r < 0.7 && t.outstanding.size) {
      const p = pick([...t.outstanding]);
      if (next() < 0.1) p.fail(Object.assign(new Error('kernel says no'), { code: 'EBUSY' }));
      else { p.reply(); answered.push(p); }
    } else if (r < 0.9 && answered.length) {
      const i = Math.floor(next() * answered.length);
      const p = answered.splice(i, 1)[0]!;
      if (p.cookie !== undefined) t.status(p, next() < 0.8);
    } else if (r < 0.97) {
      clock.advance(Math.floor(next() * 30));
    } else {
      const lane = pick(lanes);
      q.laneGone(next() < 0.5 ? { wdev: lane.wdev } : lane, 'random removal');
    }
    if (step % 7 === 0) await settle();
    for (const l of q.snapshot().lanes) {
      const inFlight = TX_CLASSES.reduce((s, c) => s + l.classes[c].inFlight, 0);
      expect(inFlight, `seed ${seed} step ${step}: lane ${l.wdev}/${l.linkId} in flight`).toBeLessThanOrEqual(window);
    }
  }
  await q.stop();
  for (const p of [...t.outstanding]) p.reply();
  await settle();

  expect(outcomes.size, `seed ${seed}: every submission ended`).toBe(tag);
  expect(resolvedTwice).toBe(0);
  // Sent order: within (lane, class) for frames without sequence state, and within each
  // sequence state (per wdev), submission order.
  const sent = t.sends.map((s) => tagOf(s.req.frame));
  const lastByGroup = new Map<string, number>();
  for (const n of sent) {
    const m = meta.get(n)!;
    const group = m.seqKey !== undefined ? `seq ${m.wdev} ${m.seqKey}` : `class ${m.lane} ${m.cls}`;
    const prev = lastByGroup.get(group) ?? -1;
    expect(n, `seed ${seed}: ${group} sent ${n} after ${prev}`).toBeGreaterThan(prev);
    lastByGroup.set(group, n);
  }
  const snap = q.snapshot();
  const counted = TX_CLASSES.reduce((s, c) => s + snap.totals[c].acked + snap.totals[c].noack + snap.totals[c].failed + snap.totals[c].rejected, 0);
  expect(counted, `seed ${seed}: counters account for every frame`).toBe(tag);
  return { submitted: tag, sent: sent.length, statuses: new Set([...outcomes.values()].map((o) => o.status)) };
}

describe('TxQueue under seeded random interleavings', () => {
  for (const seed of [1, 7, 42, 1234, 98765]) {
    it(`seed ${seed}: every frame ends once, window and order hold`, async () => {
      const r = await runSeed(seed, 1500);
      expect(r.sent).toBeGreaterThan(100);
      expect([...r.statuses].sort()).toEqual(['acked', 'failed', 'noack', 'rejected']);
    });
  }
});
