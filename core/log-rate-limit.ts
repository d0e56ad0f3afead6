// Rate limit for log lines that someone outside can cause (a ubus caller, a peer on the
// air): the kernel's ___ratelimit (lib/ratelimit.c, printk_ratelimit) per key. Each key
// may write `burst` lines per `intervalMs` window; lines beyond are dropped and counted,
// and the first line of a later window is preceded by "N lines suppressed". The clock
// is injected, so tests step it instead of waiting.

export interface RateLimitPolicy {
  intervalMs: number;
  burst: number;
  /** Keys tracked at once; beyond, new keys share one window (a caller cannot grow the map). */
  maxKeys: number;
}

/** The kernel's DEFAULT_RATELIMIT_INTERVAL (5 s) and DEFAULT_RATELIMIT_BURST (10). */
export const DEFAULT_LOG_RATE_LIMIT: RateLimitPolicy = { intervalMs: 5000, burst: 10, maxKeys: 128 };

/** The key lines of untracked keys share once `maxKeys` are in use. */
export const OVERFLOW_KEY = '(other sources)';

interface Window {
  begin: number;
  printed: number;
  missed: number;
}

export interface Admission {
  /** False: drop the line (it was counted). */
  pass: boolean;
  /** Lines of this key dropped in earlier windows, to report before this line. */
  suppressed: number;
  /** The key the line was counted under (OVERFLOW_KEY when the table was full). */
  key: string;
}

export class LogRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly clock: { now(): number },
    private readonly policy: RateLimitPolicy = DEFAULT_LOG_RATE_LIMIT,
  ) {}

  admit(wanted: string): Admission {
    const now = this.clock.now();
    const key = this.windows.has(wanted) || this.makeRoom(now) ? wanted : OVERFLOW_KEY;
    let w = this.windows.get(key);
    if (!w) {
      w = { begin: now, printed: 0, missed: 0 };
      this.windows.set(key, w);
    }
    let suppressed = 0;
    if (now - w.begin >= this.policy.intervalMs) {
      suppressed = w.missed;
      w.begin = now;
      w.printed = 0;
      w.missed = 0;
    }
    if (w.printed < this.policy.burst) {
      w.printed++;
      return { pass: true, suppressed, key };
    }
    w.missed++;
    return { pass: false, suppressed: 0, key };
  }

  /** True when a new key fits: forgets keys whose window ended with nothing left to report. */
  private makeRoom(now: number): boolean {
    if (this.windows.size < this.policy.maxKeys) return true;
    for (const [k, w] of this.windows) {
      if (k !== OVERFLOW_KEY && w.missed === 0 && now - w.begin >= this.policy.intervalMs) this.windows.delete(k);
    }
    return this.windows.size < this.policy.maxKeys;
  }
}
