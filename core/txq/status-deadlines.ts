// Deadlines of frames awaiting a TX status with the plain timeout. Their deadlines grow
// with insertion order, so one timer for the oldest serves all of them (a timer per frame
// cost throughput). Frames with an off-channel wait have a timer each (in the queue).
import type { MonotonicClock, TimerHandle } from './clock.js';

export class StatusDeadlines<E> {
  private readonly deadlines = new Map<E, number>();
  private sweepTimer: TimerHandle | undefined;
  private lastDeadline = 0;

  /**
   * @param onTimeout called for each frame whose deadline passed
   * @param running whether to keep sweeping after a sweep
   */
  constructor(
    private readonly clock: MonotonicClock,
    private readonly timeoutMs: number,
    private readonly onTimeout: (e: E) => void,
    private readonly running: () => boolean,
  ) {}

  /** `e` was dispatched at `dispatchedAt`: it times out timeoutMs later. */
  add(e: E, dispatchedAt: number): void {
    // Counted from dispatch (one clock read less per frame; reads are costly in
    // VMs), never before the previous frame's: the sweep relies on the order.
    this.lastDeadline = Math.max(this.lastDeadline, dispatchedAt + this.timeoutMs);
    this.deadlines.set(e, this.lastDeadline);
    if (this.sweepTimer === undefined) this.arm();
  }

  delete(e: E): void {
    this.deadlines.delete(e);
  }

  stop(): void {
    if (this.sweepTimer !== undefined) this.clock.clearTimer(this.sweepTimer);
    this.sweepTimer = undefined;
  }

  private arm(): void {
    const first = this.deadlines.values().next();
    if (first.done) return;
    this.sweepTimer = this.clock.setTimer(() => this.sweep(), Math.max(0, first.value - this.clock.now()));
  }

  private sweep(): void {
    this.sweepTimer = undefined;
    const now = this.clock.now();
    for (const [e, deadline] of this.deadlines) {
      if (deadline > now) break;
      this.deadlines.delete(e);
      this.onTimeout(e);
    }
    if (this.sweepTimer === undefined && this.running()) this.arm();
  }
}
