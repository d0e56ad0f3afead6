// Test doubles for the TX queue's boundaries: a transport whose replies the test hands
// out one by one, and a clock that only moves when told.
import type { MonotonicClock, TimerHandle } from '../../core/txq/clock.js';
import type { FrameTransport, TxEventSink, TxSendRequest, TxSendResult } from '../../core/txq/types.js';
import type { Logger } from '../../core/log.js';

export class ManualClock implements MonotonicClock {
  private t = 0;
  private timers = new Map<number, { at: number; cb: () => void }>();
  private nextId = 1;

  now(): number {
    return this.t;
  }
  setTimer(cb: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.t + ms, cb });
    return id;
  }
  clearTimer(h: TimerHandle): void {
    this.timers.delete(h as number);
  }
  get pendingTimers(): number {
    return this.timers.size;
  }
  /** Moves time forward, firing due timers in deadline order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let first: [number, { at: number; cb: () => void }] | undefined;
      for (const kv of this.timers) if (kv[1].at <= end && (!first || kv[1].at < first[1].at)) first = kv;
      if (!first) break;
      this.timers.delete(first[0]);
      this.t = first[1].at;
      first[1].cb();
    }
    this.t = end;
  }
}

export interface PendingSend {
  req: TxSendRequest;
  /** The cookie it was answered with. */
  cookie?: bigint;
  reply(cookie?: bigint): void;
  fail(err: unknown): void;
}

/** Records every send; the test answers each (or `autoReply` answers with fresh cookies). */
export class ScriptedTransport implements FrameTransport {
  readonly sends: PendingSend[] = [];
  readonly outstanding = new Set<PendingSend>();
  sink?: TxEventSink;
  autoReply = false;
  private cookie = 100n;
  existing?: Set<string>;

  send(req: TxSendRequest): Promise<TxSendResult> {
    return new Promise((resolve, reject) => {
      const p: PendingSend = {
        req,
        reply: (cookie) => {
          this.outstanding.delete(p);
          if (req.noAck) return resolve({});
          p.cookie = cookie ?? this.nextCookie();
          resolve({ cookie: p.cookie });
        },
        fail: (err) => {
          this.outstanding.delete(p);
          reject(err);
        },
      };
      this.sends.push(p);
      this.outstanding.add(p);
      if (this.autoReply) p.reply();
    });
  }
  nextCookie(): bigint {
    return ++this.cookie;
  }
  laneExists(lane: { wdev: bigint; linkId?: number }): boolean {
    return !this.existing || this.existing.has(String(lane.wdev));
  }
  start(sink: TxEventSink): void {
    this.sink = sink;
  }
  /** Reports the TX status of an answered send, as the kernel's event would. */
  status(p: PendingSend, acked = true): void {
    if (p.cookie === undefined) throw new Error('send not answered with a cookie yet');
    this.sink!.txStatus({ wdev: p.req.lane.wdev, kind: p.req.kind, cookie: p.cookie, acked });
  }
  /** The frames sent so far, as the tag byte each test frame carries at offset 24. */
  tags(): number[] {
    return this.sends.map((s) => tagOf(s.req.frame));
  }
}

/** A minimal action frame (type mgmt, subtype 13) whose last two bytes carry a tag. */
export function mgmtFrame(tag: number): Uint8Array {
  const f = new Uint8Array(27);
  f[0] = 0xd0;
  f[24] = 0x7f; // vendor-specific action category
  f[25] = tag & 0xff;
  f[26] = tag >> 8;
  return f;
}

/** The tag of a frame made by mgmtFrame or eapolPayload. */
export function tagOf(frame: Uint8Array): number {
  return frame[frame.length - 2] | (frame[frame.length - 1] << 8);
}

/** An EAPOL-Key-shaped control-port payload whose last two bytes carry a tag. */
export function eapolPayload(tag: number): Uint8Array {
  return new Uint8Array([0x02, 0x03, 0x00, 0x02, tag & 0xff, tag >> 8]);
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}

export const silentLogger: Logger = {
  error() {}, warn() {}, notice() {}, info() {}, debug() {},
  child() {
    return silentLogger;
  },
  limited() {
    return silentLogger;
  },
};
