// The TX serialisation queue: every management or control-port frame wifid sends goes
// through here. Per lane (wdev + MLO link) a FIFO per class; frames that share sequence
// state leave one at a time in submission order; an idle lane with room sends in the
// caller's turn; depth is counted by TX-status cookies; every frame ends with an outcome.
// Beside it: limits.ts (its limits), status-match.ts (statuses that find no frame in
// flight: early or late), status-deadlines.ts (the shared TX-status timeout), snapshot.ts
// (what it reports of itself).
import { inject, injectable } from 'tsyringe';
import type { Logger } from '../log.js';
import { TOKENS } from '../tokens.js';
import type { MonotonicClock } from './clock.js';
import { CookieMap } from './cookie-map.js';
import { LaneState, laneKeyOf, type SeqChain, type TxEntry } from './lane.js';
import { DEFAULT_TXQ_LIMITS, type TxQueueLimits } from './limits.js';
import { newTotals, takeSnapshot, type TxQueueEvents, type TxQueueSnapshot } from './snapshot.js';
import { StatusDeadlines } from './status-deadlines.js';
import { UnmatchedStatuses } from './status-match.js';
import { InvalidSubmission, toSendRequest } from './validate.js';
import {
  TX_CLASSES,
  TxRejectedError,
  type FrameTransport,
  type TxClass,
  type TxEventSink,
  type TxLane,
  type TxOutcome,
  type TxRejectReason,
  type TxSendResult,
  type TxStatusEvent,
  type TxStatusKind,
  type TxSubmit,
} from './types.js';

export { DEFAULT_TXQ_LIMITS, type TxQueueLimits } from './limits.js';
export type { LaneSnapshot, TxQueueEvents, TxQueueSnapshot } from './snapshot.js';

/** Where a lane sits among its wdev's: 0 for the interface, 1 + link id for an MLO link. */
const laneSlot = (linkId: number | undefined) => (linkId === undefined ? 0 : linkId + 1);

const CLASS_RANK: Record<TxClass, number> = { critical: 0, management: 1, bulk: 2 };

function errnoOf(err: unknown): { errno: string; message: string; extack?: string } {
  const e = err as { errno?: unknown; code?: unknown; extack?: unknown; message?: unknown };
  const errno = typeof e?.errno === 'string' ? e.errno : typeof e?.code === 'string' ? e.code : 'EIO';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const extack = typeof e?.extack === 'string' ? e.extack : (e?.extack as { msg?: unknown })?.msg;
  return typeof extack === 'string' && extack ? { errno, message, extack } : { errno, message };
}

@injectable()
export class TxQueue implements TxEventSink {
  /** Lanes by wdev, then by slot (0: the interface, 1 + link id: an MLO link): no string keys per frame. */
  private readonly lanes = new Map<bigint, (LaneState | undefined)[]>();
  /** The lanes again, as an array the scheduler walks without allocating. */
  private laneList: LaneState[] = [];
  private readonly chains = new Map<string, SeqChain>();
  private readonly inflight: Record<TxStatusKind, CookieMap<TxEntry>> = { frame: new CookieMap(), control_port: new CookieMap() };
  private readonly unmatched: UnmatchedStatuses;
  /** Frames awaiting a status with the plain timeout (with an off-channel wait: a timer each). */
  private readonly plainDeadlines: StatusDeadlines<TxEntry>;
  private readonly totals = newTotals();
  private readonly events: TxQueueEvents = { statusTimeouts: 0, lateStatuses: 0, unmatchedStatuses: 0, rejectedAtSubmit: 0 };
  private readonly limits: TxQueueLimits;
  private readonly log: Logger;
  private state: 'idle' | 'running' | 'stopped' = 'idle';
  private sending = 0;
  /** Frames waiting in any lane: the scheduler has nothing to walk when it is 0. */
  private waiting = 0;
  private pumping = false;
  private pumpAgain = false;
  private rr = 0;

  constructor(
    @inject(TOKENS.FrameTransport) private readonly transport: FrameTransport,
    @inject(TOKENS.Clock) private readonly clock: MonotonicClock,
    @inject(TOKENS.Logger) log: Logger,
    @inject(TOKENS.TxQueueLimits, { isOptional: true }) limits?: Partial<TxQueueLimits>,
  ) {
    this.log = log.child('txq');
    this.limits = { ...DEFAULT_TXQ_LIMITS, ...limits, maxQueued: { ...DEFAULT_TXQ_LIMITS.maxQueued, ...limits?.maxQueued } };
    const l = this.limits;
    if (!(l.window > l.criticalReserve && l.criticalReserve >= 0 && l.maxSending > l.criticalReserve)) {
      throw new RangeError('TX queue limits: window and maxSending must exceed criticalReserve');
    }
    this.unmatched = new UnmatchedStatuses(clock, l.statusTimeoutMs, () => this.events.unmatchedStatuses++);
    this.plainDeadlines = new StatusDeadlines(clock, l.statusTimeoutMs, (e) => this.onStatusTimeout(e, l.statusTimeoutMs), () => this.state === 'running');
  }

  async start(): Promise<void> {
    if (this.state === 'running') return;
    this.state = 'running';
    await this.transport.start?.(this);
  }

  /** Ends every frame still held (queued: rejected `stopped`; in flight: failed ECANCELED). */
  async stop(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'stopped';
    for (const lane of [...this.laneList]) {
      this.endLane(lane, 'stopped', 'TX queue stopped', 'ECANCELED');
    }
    this.plainDeadlines.stop();
    await this.transport.stop?.();
  }

  /** Queues one frame; resolves with how it ended. Never rejects. */
  submit(s: TxSubmit): Promise<TxOutcome> {
    const t0 = this.clock.now();
    if (this.state !== 'running') {
      this.events.rejectedAtSubmit++;
      return Promise.resolve({ status: 'rejected', reason: 'stopped', message: 'TX queue is not running', totalMs: 0 });
    }
    let req;
    try {
      req = toSendRequest(s);
    } catch (err) {
      if (!(err instanceof InvalidSubmission)) throw err;
      this.events.rejectedAtSubmit++;
      return Promise.resolve({ status: 'rejected', reason: 'invalid_frame', message: err.message, totalMs: 0 });
    }
    const cls = s.class;
    if (this.transport.laneExists && !this.transport.laneExists(req.lane)) {
      this.events.rejectedAtSubmit++;
      this.totals[cls].rejected++;
      const where = laneKeyOf(req.lane.wdev, req.lane.linkId);
      return Promise.resolve({ status: 'rejected', reason: 'lane_gone', message: `no interface/link ${where}`, totalMs: 0 });
    }
    const lane = this.laneFor(req.lane.wdev, req.lane.linkId);
    const counters = lane.counters[cls];
    if (lane.queues[cls].length >= this.limits.maxQueued[cls]) {
      counters.rejected++;
      this.totals[cls].rejected++;
      return Promise.resolve({
        status: 'rejected',
        reason: 'queue_full',
        message: `lane ${lane.key} holds ${this.limits.maxQueued[cls]} ${cls} frames already`,
        totalMs: 0,
      });
    }

    let resolve!: (o: TxOutcome) => void;
    const done = new Promise<TxOutcome>((r) => (resolve = r));
    let chain: SeqChain | undefined;
    let chainKey: string | undefined;
    if (s.seqKey !== undefined) {
      chainKey = `${req.lane.wdev}|${s.seqKey}`;
      chain = this.chains.get(chainKey);
      if (!chain) this.chains.set(chainKey, (chain = []));
      this.promote(chain, cls);
    }
    const entry: TxEntry = { req, lane, submittedClass: cls, class: cls, chain, chainKey, submittedAt: t0, state: 'queued', resolve };
    chain?.push(entry);
    lane.queues[cls].push(entry);
    counters.queued++;
    this.waiting++;
    this.pump();
    return done;
  }

  /** A TX status from the kernel (FRAME_TX_STATUS or CONTROL_PORT_FRAME_TX_STATUS). */
  txStatus(ev: TxStatusEvent): void {
    const entry = this.inflight[ev.kind]?.get(ev.wdev, ev.cookie);
    if (!entry) {
      if (this.unmatched.takeTimedOut(ev.kind, ev.wdev, ev.cookie)) {
        this.events.lateStatuses++;
        return;
      }
      this.unmatched.holdEarly(ev.kind, ev.wdev, ev.cookie, ev.acked);
      return;
    }
    this.finishWithStatus(entry, ev.acked, ev.cookie);
    this.pump();
  }

  /** An interface (no linkId: all its links) or one link went away. */
  laneGone(gone: TxLane, why: string): void {
    let wdev: bigint;
    try {
      wdev = BigInt(gone.wdev);
    } catch {
      return;
    }
    for (const lane of [...this.laneList]) {
      if (lane.wdev !== wdev) continue;
      if (gone.linkId !== undefined && lane.linkId !== gone.linkId) continue;
      this.endLane(lane, 'lane_gone', `interface/link ${lane.key} went away: ${why}`, 'ENODEV');
    }
    this.pump();
  }

  /** The limits this queue runs with (defaults merged with what was injected). */
  limitsInUse(): Readonly<TxQueueLimits> {
    return this.limits;
  }

  snapshot(): TxQueueSnapshot {
    return takeSnapshot(this.laneList, this.totals, this.sending, this.events);
  }


  // --- internals -------------------------------------------------------------------

  private laneFor(wdev: bigint, linkId: number | undefined): LaneState {
    let slots = this.lanes.get(wdev);
    if (!slots) this.lanes.set(wdev, (slots = []));
    const slot = laneSlot(linkId);
    let lane = slots[slot];
    if (!lane) {
      lane = slots[slot] = new LaneState(wdev, linkId);
      this.laneList.push(lane);
    }
    return lane;
  }

  /**
   * A frame of class `cls` joins a sequence state whose earlier frames still wait in a
   * lower class: they move up with it (to the tail of `cls`, in their order), so the
   * critical frame is not held behind bulk traffic it has nothing to do with.
   */
  private promote(chain: SeqChain, cls: TxClass): void {
    for (const e of chain) {
      if (e.state !== 'queued' || CLASS_RANK[e.class] <= CLASS_RANK[cls]) continue;
      e.lane.queues[e.class].remove(e);
      e.class = cls;
      e.lane.queues[cls].push(e);
      e.lane.counters[e.submittedClass].promoted++;
    }
  }

  private admissible(lane: LaneState, e: TxEntry): boolean {
    const reserve = e.class === 'critical' ? 0 : this.limits.criticalReserve;
    if (lane.active.size >= this.limits.window - reserve) return false;
    if (this.sending >= this.limits.maxSending - reserve) return false;
    return !e.chain || e.chain[0] === e;
  }

  /**
   * Dispatches whatever may go now: the highest class first across all lanes (lanes of
   * one class taken in turn), a class's frames in FIFO order. Runs in the caller's turn,
   * so an idle lane sends at once; re-entrant calls fold into the running loop.
   */
  private pump(): void {
    if (this.waiting === 0) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        while (this.dispatchOne());
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }

  private dispatchOne(): boolean {
    const lanes = this.laneList;
    const n = lanes.length;
    for (const cls of TX_CLASSES) {
      for (let i = 0; i < n; i++) {
        const lane = lanes[(this.rr + i) % n];
        const head = lane.queues[cls].peek();
        if (!head || !this.admissible(lane, head)) continue;
        lane.queues[cls].shift();
        this.waiting--;
        this.rr = (this.rr + i + 1) % n;
        this.dispatch(head);
        return true;
      }
    }
    return false;
  }

  private dispatch(e: TxEntry): void {
    const lane = e.lane;
    const c = lane.counters[e.submittedClass];
    const now = this.clock.now();
    e.state = 'sending';
    e.dispatchedAt = now;
    if (e.class === 'critical') e.req.critical = true;
    lane.active.add(e);
    this.sending++;
    c.queued--;
    c.inFlight++;
    c.sent++;
    this.totals[e.submittedClass].sent++;
    c.delays.add(now - e.submittedAt);
    let sent: Promise<TxSendResult>;
    try {
      sent = this.transport.send(e.req);
    } catch (err) {
      sent = Promise.reject(err);
    }
    sent.then(
      (res) => this.onSent(e, res),
      (err) => this.onSendError(e, err),
    );
  }

  private onSent(e: TxEntry, res: TxSendResult): void {
    this.sending--;
    if (e.state === 'sending') {
      const cookie = res?.cookie;
      if (cookie === undefined) {
        this.finish(e, { status: 'noack', ackReported: false });
      } else {
        const { kind, lane } = e.req;
        const early = this.unmatched.takeEarly(kind, lane.wdev, cookie);
        if (early) {
          this.finishWithStatus(e, early.acked, cookie);
        } else {
          e.state = 'inflight';
          e.cookie = cookie;
          this.inflight[kind].set(lane.wdev, cookie, e);
          if (e.req.waitMs) {
            const ms = this.limits.statusTimeoutMs + e.req.waitMs;
            e.timer = this.clock.setTimer(() => this.onStatusTimeout(e, ms), ms);
          } else {
            this.plainDeadlines.add(e, e.dispatchedAt!);
          }
        }
      }
    }
    this.pump();
  }

  private onSendError(e: TxEntry, err: unknown): void {
    this.sending--;
    if (e.state === 'sending') {
      if (err instanceof TxRejectedError) {
        this.finish(e, { status: 'rejected', reason: err.reason, message: err.message });
      } else {
        this.finish(e, { status: 'failed', ...errnoOf(err) });
      }
    }
    this.pump();
  }

  private onStatusTimeout(e: TxEntry, ms: number): void {
    if (e.state !== 'inflight') return;
    e.timer = undefined;
    this.events.statusTimeouts++;
    if (e.cookie !== undefined) {
      this.unmatched.markTimedOut(e.req.kind, e.req.lane.wdev, e.cookie);
    }
    this.log.warn(`no TX status within ${ms} ms on ${e.lane.key} (${e.submittedClass})`);
    this.finish(e, { status: 'failed', errno: 'ETIMEDOUT', message: `no TX status within ${ms} ms` });
    this.pump();
  }

  private finishWithStatus(e: TxEntry, acked: boolean, cookie: bigint): void {
    this.finish(e, acked ? { status: 'acked', cookie } : { status: 'noack', ackReported: true, cookie });
  }

  /** Queued frames are rejected with `reason`; frames in flight fail with `errno`. */
  private endLane(lane: LaneState, reason: TxRejectReason, message: string, errno: string): void {
    for (const cls of TX_CLASSES) {
      for (const e of lane.queues[cls].drain()) this.finish(e, { status: 'rejected', reason, message }, false);
    }
    for (const e of [...lane.active]) this.finish(e, { status: 'failed', errno, message });
    const slots = this.lanes.get(lane.wdev);
    if (slots) {
      slots[laneSlot(lane.linkId)] = undefined;
      if (slots.every((l) => l === undefined)) this.lanes.delete(lane.wdev);
    }
    this.laneList = this.laneList.filter((l) => l !== lane);
  }

  private finish(
    e: TxEntry,
    outcome: DistributiveOmit<TxOutcome, 'totalMs' | 'queuedMs'>,
    stillInQueue = true,
  ): void {
    if (e.state === 'done') return;
    const lane = e.lane;
    const c = lane.counters[e.submittedClass];
    if (e.state === 'queued') {
      if (stillInQueue) lane.queues[e.class].remove(e);
      c.queued--;
      this.waiting--;
    } else {
      lane.active.delete(e);
      c.inFlight--;
    }
    e.state = 'done';
    if (e.timer !== undefined) this.clock.clearTimer(e.timer);
    this.plainDeadlines.delete(e);
    if (e.cookie !== undefined) this.inflight[e.req.kind].delete(e.req.lane.wdev, e.cookie);
    if (e.chain) {
      const i = e.chain.indexOf(e);
      if (i >= 0) e.chain.splice(i, 1);
      if (e.chain.length === 0 && e.chainKey) this.chains.delete(e.chainKey);
    }
    c[outcome.status]++;
    this.totals[e.submittedClass][outcome.status]++;
    // The outcome object is the caller's fresh literal: completed in place, no copies.
    const o = outcome as TxOutcome;
    if (e.dispatchedAt !== undefined) o.queuedMs = e.dispatchedAt - e.submittedAt;
    o.totalMs = this.clock.now() - e.submittedAt;
    e.resolve(o);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

