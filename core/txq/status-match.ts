// Matching TX statuses that do not find their frame in flight. A status may overtake the
// reply carrying its cookie (they come on different sockets): it is held briefly for the
// send that is about to learn its cookie. A status for a frame that already timed out is
// told apart (late, not lost).
import type { MonotonicClock } from './clock.js';
import { CookieMap } from './cookie-map.js';
import { Fifo } from './fifo.js';
import type { TxStatusKind } from './types.js';

export interface EarlyStatus {
  kind: TxStatusKind;
  wdev: bigint;
  cookie: bigint;
  acked: boolean;
  at: number;
}

const timedOutKey = (kind: TxStatusKind, wdev: bigint, cookie: bigint) => `${kind}|${wdev}|${cookie}`;
/** Statuses that arrived before their send's reply are held this many at most. */
const EARLY_STATUS_MAX = 1024;

export class UnmatchedStatuses {
  private readonly earlyStatus: Record<TxStatusKind, CookieMap<EarlyStatus>> = { frame: new CookieMap(), control_port: new CookieMap() };
  /** Early statuses in arrival order, to drop the oldest (entries already matched are skipped). */
  private readonly earlyOrder = new Fifo<EarlyStatus>();
  /** Frames that timed out (kind|wdev|cookie), so a status that comes later is told apart. */
  private readonly timedOut = new Set<string>();

  /**
   * @param statusTimeoutMs how long an early status is held at most
   * @param onDropped called for each early status dropped unmatched
   */
  constructor(
    private readonly clock: MonotonicClock,
    private readonly statusTimeoutMs: number,
    private readonly onDropped: () => void,
  ) {}

  /** A frame of ours timed out waiting for its status. */
  markTimedOut(kind: TxStatusKind, wdev: bigint, cookie: bigint): void {
    this.timedOut.add(timedOutKey(kind, wdev, cookie));
    if (this.timedOut.size > EARLY_STATUS_MAX) this.timedOut.delete(this.timedOut.values().next().value!);
  }

  /** True (once) if the status is of a frame that timed out. */
  takeTimedOut(kind: TxStatusKind, wdev: bigint, cookie: bigint): boolean {
    return this.timedOut.size > 0 && this.timedOut.delete(timedOutKey(kind, wdev, cookie));
  }

  /** The status held for (kind, wdev, cookie), removed; undefined if none came early. */
  takeEarly(kind: TxStatusKind, wdev: bigint, cookie: bigint): EarlyStatus | undefined {
    const map = this.earlyStatus[kind];
    const early = map.size ? map.get(wdev, cookie) : undefined;
    if (early) map.delete(wdev, cookie);
    return early;
  }

  holdEarly(kind: TxStatusKind, wdev: bigint, cookie: bigint, acked: boolean): void {
    if (!this.earlyStatus[kind]) return;
    const st: EarlyStatus = { kind, wdev, cookie, acked, at: this.clock.now() };
    const held = () => this.earlyStatus.frame.size + this.earlyStatus.control_port.size;
    for (let old = this.earlyOrder.peek(); old; old = this.earlyOrder.peek()) {
      const map = this.earlyStatus[old.kind];
      if (map.get(old.wdev, old.cookie) !== old) {
        this.earlyOrder.shift(); // matched meanwhile
        continue;
      }
      if (held() < EARLY_STATUS_MAX && st.at - old.at < this.statusTimeoutMs) break;
      this.earlyOrder.shift();
      map.delete(old.wdev, old.cookie);
      this.onDropped();
    }
    this.earlyStatus[st.kind].set(st.wdev, st.cookie, st);
    this.earlyOrder.push(st);
  }
}
