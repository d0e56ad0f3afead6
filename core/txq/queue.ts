// The TX serialisation queue: every management or control-port frame wifid sends goes
// through here. Per lane (wdev + MLO link) a FIFO per class; frames that share sequence
// state leave one at a time in submission order; an idle lane with room sends in the
// caller's turn; depth is counted by TX-status cookies; every frame ends with an outcome.
import { inject, injectable } from 'tsyringe';
import type { Logger } from '../log.js';
import { TOKENS } from '../tokens.js';
import type { MonotonicClock, TimerHandle } from './clock.js';
import { CookieMap } from './cookie-map.js';
import { Fifo } from './fifo.js';
import { LaneState, laneKeyOf, type ClassCounters, type SeqChain, type TxEntry } from './lane.js';
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

export interface TxQueueLimits {
  /** Frames in flight per lane (handed to the kernel, TX status not yet seen). */
  window: number;
  /** Window slots (per lane, and of maxSending) that only critical frames may use. */
  criticalReserve: number;
  /** Requests awaiting the kernel's reply, all lanes together: keeps the socket's backlog short. */
  maxSending: number;
  /** Frames waiting per lane and class before submissions are rejected `queue_full`. */
  maxQueued: Record<TxClass, number>;
  /** How long to wait for a TX status (plus the frame's waitMs). */
  statusTimeoutMs: number;
}

export const DEFAULT_TXQ_LIMITS: TxQueueLimits = {
  window: 64,
  criticalReserve: 4,
  // Requests awaiting the kernel's reply. Critical frames travel on their own socket
  // (the transport's high-priority one), so a deep pipeline of bulk requests no longer
  // delays them; deep pipelines let the socket batch writes and reads: in bench/txq the
  // queue's CPU cost per frame over bare sends fell from +15 % (window 32, 16 in flight)
  // to +3 % (64 and 64).
  maxSending: 64,
  maxQueued: { critical: 256, management: 512, bulk: 1024 },
  statusTimeoutMs: 2000,
};

/** Where a lane sits among its wdev's: 0 for the interface, 1 + link id for an MLO link. */
const laneSlot = (linkId: number | undefined) => (linkId === undefined ? 0 : linkId + 1);

const CLASS_RANK: Record<TxClass, number> = { critical: 0, management: 1, bulk: 2 };

interface EarlyStatus {
  kind: TxStatusKind;
  wdev: bigint;
  cookie: bigint;
  acked: boolean;
  at: number;
}

const timedOutKey = (kind: TxStatusKind, wdev: bigint, cookie: bigint) => `${kind}|${wdev}|${cookie}`;
/** Statuses that arrived before their send's reply are held this many at most. */
const EARLY_STATUS_MAX = 1024;

export interface TxQueueEvents {
  statusTimeouts: number;
  /** TX statuses that came after their frame had timed out (late, not lost). */
  lateStatuses: number;
  /** TX statuses that matched no frame of ours (other senders, or after a timeout). */
  unmatchedStatuses: number;
  /** Submissions rejected before reaching a lane (malformed, or lane unknown). */
  rejectedAtSubmit: number;
}

export interface LaneSnapshot {
  wdev: bigint;
  linkId?: number;
  classes: Record<TxClass, Omit<ClassCounters, 'delays'> & { delayP50Ms?: number; delayP99Ms?: number; delaySamples: number }>;
}

export interface TxQueueSnapshot {
  lanes: LaneSnapshot[];
  /** Cumulative per class over every lane, including lanes that are gone. */
  totals: Record<TxClass, { sent: number; acked: number; noack: number; failed: number; rejected: number }>;
  sending: number;
  events: TxQueueEvents;
}

type Totals = TxQueueSnapshot['totals'];

function newTotals(): Totals {
  const t = {} as Totals;
  for (const c of TX_CLASSES) t[c] = { sent: 0, acked: 0, noack: 0, failed: 0, rejected: 0 };
  return t;
}

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
  private readonly earlyStatus: Record<TxStatusKind, CookieMap<EarlyStatus>> = { frame: new CookieMap(), control_port: new CookieMap() };
  /** Early statuses in arrival order, to drop the oldest (entries already matched are skipped). */
  private readonly earlyOrder = new Fifo<EarlyStatus>();
  /** Frames that timed out (kind|wdev|cookie), so a status that comes later is told apart. */
  private readonly timedOut = new Set<string>();
  /**
   * Frames awaiting a status with the plain timeout: their deadlines grow with insertion
   * order, so one timer for the oldest serves all of them (a timer per frame cost
   * throughput). Frames with an off-channel wait have a timer each.
   */
  private readonly plainDeadlines = new Map<TxEntry, number>();
  private sweepTimer: TimerHandle | undefined;
  private lastPlainDeadline = 0;
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
    if (this.sweepTimer !== undefined) this.clock.clearTimer(this.sweepTimer);
    this.sweepTimer = undefined;
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
      if (this.timedOut.size && this.timedOut.delete(timedOutKey(ev.kind, ev.wdev, ev.cookie))) {
        this.events.lateStatuses++;
        return;
      }
      // The status may overtake the reply carrying its cookie (they come on different
      // sockets); hold it briefly for the send that is about to learn its cookie.
      if (this.earlyStatus[ev.kind]) this.holdEarlyStatus({ kind: ev.kind, wdev: ev.wdev, cookie: ev.cookie, acked: ev.acked, at: this.clock.now() });
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
    const lanes: LaneSnapshot[] = [];
    for (const lane of this.laneList) {
      const classes = {} as LaneSnapshot['classes'];
      for (const c of TX_CLASSES) {
        const { delays, ...counts } = lane.counters[c];
        classes[c] = { ...counts, delayP50Ms: delays.percentile(50), delayP99Ms: delays.percentile(99), delaySamples: delays.size };
      }
      lanes.push(lane.linkId === undefined ? { wdev: lane.wdev, classes } : { wdev: lane.wdev, linkId: lane.linkId, classes });
    }
    const totals = newTotals();
    for (const c of TX_CLASSES) totals[c] = { ...this.totals[c] };
    return { lanes, totals, sending: this.sending, events: { ...this.events } };
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
        const early = this.earlyStatus[kind].size ? this.earlyStatus[kind].get(lane.wdev, cookie) : undefined;
        if (early) {
          this.earlyStatus[kind].delete(lane.wdev, cookie);
          this.finishWithStatus(e, early.acked, cookie);
        } else {
          e.state = 'inflight';
          e.cookie = cookie;
          this.inflight[kind].set(lane.wdev, cookie, e);
          if (e.req.waitMs) {
            const ms = this.limits.statusTimeoutMs + e.req.waitMs;
            e.timer = this.clock.setTimer(() => this.onStatusTimeout(e, ms), ms);
          } else {
            // Counted from dispatch (one clock read less per frame; reads are costly in
            // VMs), never before the previous frame's: the sweep relies on the order.
            this.lastPlainDeadline = Math.max(this.lastPlainDeadline, e.dispatchedAt! + this.limits.statusTimeoutMs);
            this.plainDeadlines.set(e, this.lastPlainDeadline);
            if (this.sweepTimer === undefined) this.armSweep();
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

  private armSweep(): void {
    const first = this.plainDeadlines.values().next();
    if (first.done) return;
    this.sweepTimer = this.clock.setTimer(() => this.sweep(), Math.max(0, first.value - this.clock.now()));
  }

  private sweep(): void {
    this.sweepTimer = undefined;
    const now = this.clock.now();
    for (const [e, deadline] of this.plainDeadlines) {
      if (deadline > now) break;
      this.plainDeadlines.delete(e);
      this.onStatusTimeout(e, this.limits.statusTimeoutMs);
    }
    if (this.sweepTimer === undefined && this.state === 'running') this.armSweep();
  }

  private onStatusTimeout(e: TxEntry, ms: number): void {
    if (e.state !== 'inflight') return;
    e.timer = undefined;
    this.events.statusTimeouts++;
    if (e.cookie !== undefined) {
      this.timedOut.add(timedOutKey(e.req.kind, e.req.lane.wdev, e.cookie));
      if (this.timedOut.size > EARLY_STATUS_MAX) this.timedOut.delete(this.timedOut.values().next().value!);
    }
    this.log.warn(`no TX status within ${ms} ms on ${e.lane.key} (${e.submittedClass})`);
    this.finish(e, { status: 'failed', errno: 'ETIMEDOUT', message: `no TX status within ${ms} ms` });
    this.pump();
  }

  private finishWithStatus(e: TxEntry, acked: boolean, cookie: bigint): void {
    this.finish(e, acked ? { status: 'acked', cookie } : { status: 'noack', ackReported: true, cookie });
  }

  private holdEarlyStatus(st: EarlyStatus): void {
    const held = () => this.earlyStatus.frame.size + this.earlyStatus.control_port.size;
    for (let old = this.earlyOrder.peek(); old; old = this.earlyOrder.peek()) {
      const map = this.earlyStatus[old.kind];
      if (map.get(old.wdev, old.cookie) !== old) {
        this.earlyOrder.shift(); // matched meanwhile
        continue;
      }
      if (held() < EARLY_STATUS_MAX && st.at - old.at < this.limits.statusTimeoutMs) break;
      this.earlyOrder.shift();
      map.delete(old.wdev, old.cookie);
      this.events.unmatchedStatuses++;
    }
    this.earlyStatus[st.kind].set(st.wdev, st.cookie, st);
    this.earlyOrder.push(st);
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

