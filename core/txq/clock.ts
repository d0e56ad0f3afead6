// A monotonic clock with timers, injected so that status timeouts are tested with a
// manual clock instead of wall time.
export type TimerHandle = unknown;

export interface MonotonicClock {
  /** Milliseconds on a monotonic scale (not wall time). */
  now(): number;
  setTimer(cb: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

export const systemClock: MonotonicClock = {
  now: () => performance.now(),
  setTimer(cb, ms) {
    const t = setTimeout(cb, ms);
    // A pending status timeout must not keep the daemon (or a test run) alive.
    t.unref();
    return t;
  },
  clearTimer(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};
