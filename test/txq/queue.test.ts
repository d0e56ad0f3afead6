import { describe, expect, it } from 'vitest';
import { TxQueue, type TxQueueLimits } from '../../core/txq/queue.js';
import type { TxClass, TxOutcome, TxSubmit } from '../../core/txq/types.js';
import { ManualClock, ScriptedTransport, eapolPayload, mgmtFrame, settle, silentLogger, tagOf } from './fakes.js';
import { mulberry32 as rng } from '../helpers/prng.js';

async function started(limits?: Partial<TxQueueLimits>) {
  const t = new ScriptedTransport();
  const clock = new ManualClock();
  const q = new TxQueue(t, clock, silentLogger, limits);
  await q.start();
  return { q, t, clock };
}

const lane = { wdev: 0x100000001n };

function frameOf(tag: number, cls: TxClass = 'management', extra: Partial<TxSubmit> = {}): TxSubmit {
  return { lane, class: cls, frame: mgmtFrame(tag), ...extra };
}

describe('TxQueue dispatch', () => {
  it('sends on an idle lane in the caller\'s turn (no deferral)', async () => {
    const { q, t } = await started();
    void q.submit(frameOf(1));
    expect(t.sends).toHaveLength(1);
    expect(tagOf(t.sends[0].req.frame)).toBe(1);
  });

  it('keeps submission order within a class under interleaved submitters', async () => {
    const { q, t } = await started({ window: 3, criticalReserve: 1 });
    t.autoReply = true;
    const next = rng(42);
    const submitted: number[] = [];
    const outcomes: Promise<TxOutcome>[] = [];
    let ended = 0;
    let maxQueued = 0;
    let tag = 0;
    // Three submitters (think ubus call, timer, RX-triggered reply) take turns at random
    // points of the event loop while statuses come back in between.
    const submitter = async () => {
      for (let i = 0; i < 60; i++) {
        if (next() < 0.5) await new Promise<void>((r) => setImmediate(r));
        const n = tag++;
        submitted.push(n);
        outcomes.push(q.submit(frameOf(n, 'bulk')).then((o) => (ended++, o)));
        maxQueued = Math.max(maxQueued, q.snapshot().lanes[0].classes.bulk.queued);
      }
    };
    const acked = new Set<number>();
    const acker = async () => {
      while (ended < 180) {
        await new Promise<void>((r) => setImmediate(r));
        t.sends.forEach((s, i) => {
          if (s.cookie !== undefined && !acked.has(i) && next() < 0.3) {
            acked.add(i);
            t.status(s, true);
          }
        });
      }
    };
    await Promise.all([submitter(), submitter(), submitter(), acker()]);
    const results = await Promise.all(outcomes);
    expect(results.every((r) => r.status === 'acked')).toBe(true);
    // The window was full often enough that frames really waited in the queue.
    expect(maxQueued).toBeGreaterThan(5);
    expect(t.tags()).toEqual(submitted);
  });

  it('enforces the window: at most `window` frames in flight, more go when statuses come', async () => {
    const { q, t } = await started({ window: 4, criticalReserve: 1 });
    t.autoReply = true;
    for (let i = 0; i < 10; i++) void q.submit(frameOf(i, 'critical'));
    await settle();
    expect(t.sends).toHaveLength(4);
    t.status(t.sends[0]);
    await settle();
    expect(t.sends).toHaveLength(5);
    expect(t.tags()).toEqual([0, 1, 2, 3, 4]);
    const lanes = q.snapshot().lanes;
    expect(lanes[0].classes.critical).toMatchObject({ queued: 5, inFlight: 4, sent: 5, acked: 1 });
  });

  it('counts a send awaiting its reply against the window too', async () => {
    const { q, t } = await started({ window: 2, criticalReserve: 1 });
    for (let i = 0; i < 3; i++) void q.submit(frameOf(i, 'critical'));
    expect(t.sends).toHaveLength(2);
    t.sends[0].reply();
    await settle();
    expect(t.sends).toHaveLength(2);
  });

  it('keeps the reserve for critical frames: bulk stops at window - reserve', async () => {
    const { q, t } = await started({ window: 4, criticalReserve: 2 });
    for (let i = 0; i < 6; i++) void q.submit(frameOf(i, 'bulk'));
    expect(t.sends).toHaveLength(2);
    void q.submit(frameOf(100, 'critical'));
    expect(t.tags()).toEqual([0, 1, 100]);
  });
});

describe('TxQueue priority', () => {
  it('sends the higher class first when room opens', async () => {
    const { q, t } = await started({ window: 2, criticalReserve: 1 });
    t.autoReply = true;
    void q.submit(frameOf(0, 'critical'));
    void q.submit(frameOf(1, 'critical'));
    void q.submit(frameOf(10, 'bulk'));
    void q.submit(frameOf(20, 'management'));
    void q.submit(frameOf(11, 'bulk'));
    void q.submit(frameOf(2, 'critical'));
    void q.submit(frameOf(21, 'management'));
    await settle();
    expect(t.tags()).toEqual([0, 1]);
    for (let i = 0; i < 7 && t.sends[i]; i++) {
      t.status(t.sends[i]);
      await settle();
    }
    expect(t.tags()).toEqual([0, 1, 2, 20, 21, 10, 11]);
  });

  it('across lanes, gives a freed sending slot to the higher class', async () => {
    const { q, t } = await started({ window: 8, criticalReserve: 1, maxSending: 2 });
    const a = { wdev: 1 };
    const b = { wdev: 2, linkId: 1 };
    void q.submit({ lane: a, class: 'bulk', frame: mgmtFrame(1) });
    void q.submit({ lane: a, class: 'bulk', frame: mgmtFrame(2) });
    void q.submit({ lane: b, class: 'critical', frame: mgmtFrame(3) });
    void q.submit({ lane: b, class: 'management', frame: mgmtFrame(4) });
    // Bulk and management may use maxSending - reserve = 1 request awaiting its reply;
    // critical may use 2.
    expect(t.tags()).toEqual([1, 3]);
    t.sends[0].reply();
    await settle();
    expect(t.tags()).toEqual([1, 3]);
    t.sends[1].reply();
    await settle();
    // The freed slot goes to lane b's management frame, not to lane a's older bulk frame.
    expect(t.tags()).toEqual([1, 3, 4]);
    t.sends[2].reply();
    await settle();
    expect(t.tags()).toEqual([1, 3, 4, 2]);
  });
});

describe('TxQueue sequence state', () => {
  const sta = 'eapol:02:00:00:00:01:00';
  const eapol = (tag: number, cls: TxClass): TxSubmit => ({
    lane, class: cls, frame: eapolPayload(tag), seqKey: sta, controlPort: { dest: '02:00:00:00:01:00' },
  });

  it('never reorders EAPOL of one station, whatever the class mix', async () => {
    const { q, t } = await started({ window: 8, criticalReserve: 1 });
    t.autoReply = true;
    const outs = [
      q.submit(eapol(1, 'bulk')),
      q.submit(frameOf(50, 'management')),
      q.submit(eapol(2, 'critical')),
      q.submit(eapol(3, 'management')),
      q.submit(eapol(4, 'critical')),
    ];
    await settle();
    // Only the first EAPOL is out: the next waits for its status.
    const eapolSent = () => t.sends.filter((s) => s.req.kind === 'control_port').map((s) => tagOf(s.req.frame));
    expect(eapolSent()).toEqual([1]);
    for (let i = 0; i < 4; i++) {
      const last = t.sends.filter((s) => s.req.kind === 'control_port').at(-1)!;
      t.status(last, true);
      await settle();
    }
    expect(eapolSent()).toEqual([1, 2, 3, 4]);
    const results = await Promise.all(outs.filter((_, i) => i !== 1));
    expect(results.map((r) => r.status)).toEqual(['acked', 'acked', 'acked', 'acked']);
    expect(t.sends[0].req.controlPort).toEqual({ dest: new Uint8Array([2, 0, 0, 0, 1, 0]), ethertype: 0x888e, noEncrypt: false });
  });

  it('lifts a bulk frame of a critical frame\'s sequence state past unrelated bulk traffic', async () => {
    const { q, t } = await started({ window: 2, criticalReserve: 1 });
    t.autoReply = true;
    void q.submit(frameOf(1, 'bulk'));
    void q.submit(frameOf(2, 'bulk'));
    void q.submit({ ...frameOf(3, 'bulk'), seqKey: 'sta1' });
    void q.submit({ ...frameOf(4, 'critical'), seqKey: 'sta1' });
    await settle();
    expect(t.tags()).toEqual([1, 3]);
    t.status(t.sends[1]);
    await settle();
    expect(t.tags()).toEqual([1, 3, 4]);
    expect(q.snapshot().lanes[0].classes.bulk.promoted).toBe(1);
    // Frames that leave as critical (the promoted one too) are marked for the transport's
    // critical path; the rest are not.
    expect(t.sends.map((s) => s.req.critical === true)).toEqual([false, true, true]);
  });

  it('orders frames of one sequence state across the links of an MLD', async () => {
    const { q, t } = await started();
    t.autoReply = true;
    void q.submit({ lane: { wdev: 7, linkId: 0 }, class: 'management', frame: mgmtFrame(1), seqKey: 's' });
    void q.submit({ lane: { wdev: 7, linkId: 1 }, class: 'critical', frame: mgmtFrame(2), seqKey: 's' });
    await settle();
    expect(t.tags()).toEqual([1]);
    t.status(t.sends[0], false);
    await settle();
    expect(t.tags()).toEqual([1, 2]);
  });
});

describe('TxQueue outcomes', () => {
  it('ends a frame whose status never comes as failed ETIMEDOUT and frees its slot', async () => {
    const { q, t, clock } = await started({ window: 2, criticalReserve: 1, statusTimeoutMs: 500 });
    t.autoReply = true;
    const first = q.submit(frameOf(1, 'critical'));
    void q.submit(frameOf(2, 'critical'));
    void q.submit(frameOf(3, 'critical'));
    await settle();
    expect(t.sends).toHaveLength(2);
    clock.advance(499);
    await settle();
    expect(t.sends).toHaveLength(2);
    clock.advance(1);
    const out = await first;
    expect(out).toMatchObject({ status: 'failed', errno: 'ETIMEDOUT' });
    await settle();
    expect(t.sends).toHaveLength(3);
    // A late status for the timed-out frame changes nothing.
    t.status(t.sends[0], true);
    expect(q.snapshot().lanes[0].classes.critical).toMatchObject({ failed: 2, acked: 0, inFlight: 1 });
    expect(q.snapshot().events).toMatchObject({ statusTimeouts: 2, lateStatuses: 1, unmatchedStatuses: 0 });
  });

  it('times out each frame at its own deadline, off-channel waits included', async () => {
    const { q, t, clock } = await started({ statusTimeoutMs: 500 });
    t.autoReply = true;
    const ended: string[] = [];
    const track = (name: string, p: Promise<TxOutcome>) => void p.then((o) => ended.push(`${name}@${clock.now()}:${o.status}`));
    track('a', q.submit(frameOf(1)));
    await settle();
    clock.advance(200);
    track('b', q.submit(frameOf(2)));
    track('w', q.submit(frameOf(3, 'management', { waitMs: 100, freq: 2412 })));
    await settle();
    t.status(t.sends[1]!, true); // b ends by its status, before its deadline
    await settle();
    clock.advance(299);
    await settle();
    expect(ended).toEqual(['b@200:acked']);
    clock.advance(1);
    await settle();
    expect(ended).toEqual(['b@200:acked', 'a@500:failed']);
    clock.advance(299);
    await settle();
    expect(ended).toHaveLength(2);
    clock.advance(1);
    await settle();
    expect(ended).toEqual(['b@200:acked', 'a@500:failed', 'w@800:failed']);
  });

  it('adds the off-channel wait to the status timeout', async () => {
    const { q, t, clock } = await started({ statusTimeoutMs: 100 });
    t.autoReply = true;
    let done: TxOutcome | undefined;
    void q.submit(frameOf(1, 'management', { waitMs: 300, freq: 2437 })).then((o) => (done = o));
    await settle();
    clock.advance(399);
    await settle();
    expect(done).toBeUndefined();
    clock.advance(1);
    await settle();
    expect(done).toMatchObject({ status: 'failed', errno: 'ETIMEDOUT' });
    expect(t.sends[0].req).toMatchObject({ freq: 2437, waitMs: 300 });
  });

  it('matches a status that arrives before the reply carrying its cookie', async () => {
    const { q, t } = await started();
    const out = q.submit(frameOf(1));
    t.sink!.txStatus({ wdev: lane.wdev, kind: 'frame', cookie: 777n, acked: true });
    t.sends[0].reply(777n);
    expect(await out).toMatchObject({ status: 'acked', cookie: 777n });
  });

  it('does not match a status of another wdev or of the other kind', async () => {
    const { q, t, clock } = await started({ statusTimeoutMs: 50 });
    const out = q.submit(frameOf(1));
    t.sends[0].reply(5n);
    await settle();
    t.sink!.txStatus({ wdev: lane.wdev + 1n, kind: 'frame', cookie: 5n, acked: true });
    t.sink!.txStatus({ wdev: lane.wdev, kind: 'control_port', cookie: 5n, acked: true });
    t.sink!.txStatus({ wdev: lane.wdev, kind: 'frame', cookie: 5n, acked: false });
    expect(await out).toMatchObject({ status: 'noack', ackReported: true, cookie: 5n });
    clock.advance(100);
  });

  it('ends a no-ack frame as noack without waiting for a status', async () => {
    const { q, t, clock } = await started();
    const out = q.submit(frameOf(1, 'bulk', { noAck: true }));
    expect(t.sends[0].req.noAck).toBe(true);
    t.sends[0].reply();
    expect(await out).toMatchObject({ status: 'noack', ackReported: false });
    expect(clock.pendingTimers).toBe(0);
  });

  it('reports a kernel error with its errno and extack', async () => {
    const { q, t } = await started();
    const out = q.submit(frameOf(1));
    t.sends[0].fail(Object.assign(new Error('nl80211 FRAME failed'), { errno: 'EBUSY', extack: 'channel busy' }));
    expect(await out).toMatchObject({ status: 'failed', errno: 'EBUSY', extack: 'channel busy' });
    expect(q.snapshot().lanes[0].classes.management).toMatchObject({ failed: 1, inFlight: 0 });
  });

  it('rejects a malformed frame and leaves the queue as it was', async () => {
    const { q, t } = await started();
    const before = q.snapshot();
    const bad: TxSubmit[] = [
      { lane, class: 'management', frame: new Uint8Array(10) },
      { lane, class: 'management', frame: new Uint8Array(24).fill(0x08) }, // data frame
      { lane, class: 'urgent' as TxClass, frame: mgmtFrame(1) },
      { lane: { wdev: -1 }, class: 'bulk', frame: mgmtFrame(1) },
      { lane: { wdev: 1, linkId: 15 }, class: 'bulk', frame: mgmtFrame(1) },
      { lane, class: 'critical', frame: eapolPayload(1), controlPort: { dest: 'nope' } },
      { lane, class: 'critical', frame: 'text' as unknown as Uint8Array },
    ];
    for (const b of bad) {
      expect(await q.submit(b)).toMatchObject({ status: 'rejected', reason: 'invalid_frame' });
    }
    expect(t.sends).toHaveLength(0);
    expect(q.snapshot().lanes).toEqual(before.lanes);
    expect(q.snapshot().events.rejectedAtSubmit).toBe(bad.length);
  });

  it('applies back-pressure: queue_full past maxQueued, counted, without touching queued frames', async () => {
    const { q, t } = await started({ window: 2, criticalReserve: 1, maxQueued: { critical: 4, management: 4, bulk: 2 } });
    for (let i = 0; i < 1; i++) void q.submit(frameOf(i, 'bulk')); // in flight
    void q.submit(frameOf(1, 'bulk'));
    void q.submit(frameOf(2, 'bulk'));
    const over = await q.submit(frameOf(3, 'bulk'));
    expect(over).toMatchObject({ status: 'rejected', reason: 'queue_full' });
    // Another class is not hit by bulk's back-pressure.
    void q.submit(frameOf(9, 'critical'));
    expect(t.tags()).toEqual([0, 9]);
    expect(q.snapshot().lanes[0].classes.bulk).toMatchObject({ queued: 2, rejected: 1 });
  });

  it('rejects a submission for a lane the transport does not know', async () => {
    const { q, t } = await started();
    t.existing = new Set(['5']);
    expect(await q.submit({ lane: { wdev: 6 }, class: 'critical', frame: mgmtFrame(1) })).toMatchObject({ status: 'rejected', reason: 'lane_gone' });
    void q.submit({ lane: { wdev: 5 }, class: 'critical', frame: mgmtFrame(1) });
    expect(t.sends).toHaveLength(1);
  });

  it('converts a transport refusal into a rejection', async () => {
    const { q, t } = await started();
    const { TxRejectedError } = await import('../../core/txq/types.js');
    const out = q.submit({ ...frameOf(1, 'critical'), controlPort: { dest: '02:00:00:00:00:01' } });
    t.sends[0].fail(new TxRejectedError('unsupported', 'no control port over nl80211'));
    expect(await out).toMatchObject({ status: 'rejected', reason: 'unsupported' });
  });
});

describe('TxQueue teardown', () => {
  it('rejects what is queued and fails what is in flight when the interface goes away', async () => {
    const { q, t } = await started({ window: 3, criticalReserve: 1 });
    const outs = [0, 1, 2, 3, 4].map((i) => q.submit(frameOf(i, 'critical')));
    t.sends[0].reply();
    await settle();
    q.laneGone({ wdev: lane.wdev }, 'interface removed');
    const results = await Promise.all(outs);
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed', 'failed', 'rejected', 'rejected']);
    expect(results[0]).toMatchObject({ errno: 'ENODEV' });
    expect(results[3]).toMatchObject({ reason: 'lane_gone' });
    expect((results[3] as { message: string }).message).toContain('interface removed');
    // Replies that come afterwards change nothing, and the queue keeps working.
    t.sends[1].reply();
    t.sends[2].fail(Object.assign(new Error('x'), { errno: 'ENODEV' }));
    await settle();
    expect(q.snapshot().lanes).toEqual([]);
    expect(q.snapshot().totals.critical).toMatchObject({ sent: 3, failed: 3, rejected: 2 });
    expect(q.snapshot().sending).toBe(0);
  });

  it('ends only the frames of a link that goes away', async () => {
    const { q, t } = await started({ window: 2, criticalReserve: 1 });
    const l0 = [1, 2, 3].map((i) => q.submit({ lane: { wdev: 9, linkId: 0 }, class: 'critical', frame: mgmtFrame(i) }));
    const l1 = q.submit({ lane: { wdev: 9, linkId: 1 }, class: 'critical', frame: mgmtFrame(4) });
    q.laneGone({ wdev: 9, linkId: 0 }, 'link 0 removed');
    expect((await Promise.all(l0)).map((r) => r.status)).toEqual(['failed', 'failed', 'rejected']);
    const s4 = t.sends.find((s) => tagOf(s.req.frame) === 4)!;
    s4.reply(1n);
    await settle();
    t.status(s4);
    expect(await l1).toMatchObject({ status: 'acked' });
  });

  it('stop() ends every frame it holds', async () => {
    const { q, t } = await started({ window: 2, criticalReserve: 1 });
    const outs = [1, 2, 3].map((i) => q.submit(frameOf(i, 'critical')));
    await q.stop();
    expect((await Promise.all(outs)).map((r) => r.status)).toEqual(['failed', 'failed', 'rejected']);
    expect(await q.submit(frameOf(4))).toMatchObject({ status: 'rejected', reason: 'stopped' });
    expect(t.sends).toHaveLength(2);
  });
});

describe('TxQueue accounting', () => {
  it('measures queueing delay per class from submission to dispatch', async () => {
    const { q, t, clock } = await started({ window: 2, criticalReserve: 1 });
    t.autoReply = true;
    void q.submit(frameOf(1, 'critical'));
    void q.submit(frameOf(2, 'critical'));
    const third = q.submit(frameOf(3, 'critical'));
    await settle();
    clock.advance(7);
    t.status(t.sends[0]);
    await settle();
    const crit = q.snapshot().lanes[0].classes.critical;
    expect(crit.delaySamples).toBe(3);
    expect(crit.delayP50Ms).toBe(0);
    expect(crit.delayP99Ms).toBe(7);
    t.status(t.sends[2]);
    expect(await third).toMatchObject({ status: 'acked', queuedMs: 7 });
  });
});
