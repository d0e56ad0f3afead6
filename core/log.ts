// Log lines for procd/logd: procd pipes a service's stderr into logd, one record per
// line, so each line carries its level and the component that wrote it.
//
// Messages are template strings with values from outside in them (ubus arguments, UCI
// values, peer names), so the logger, not each call site, makes every line safe: control
// characters and invalid UTF-8 escaped (a value cannot start a record of its own), the
// message cut at MAX_LOG_MESSAGE characters. Lines someone outside can cause go through
// `limited(key)`, which rate-limits them per key (a ubus caller, a peer's address).
import { LogRateLimiter, type RateLimitPolicy } from './log-rate-limit.js';
import { logSafe } from './log-text.js';
import { systemClock } from './txq/clock.js';

export type LogLevel = 'error' | 'warn' | 'notice' | 'info' | 'debug';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, notice: 2, info: 3, debug: 4 };

export interface Logger {
  error(msg: string): void;
  warn(msg: string): void;
  notice(msg: string): void;
  info(msg: string): void;
  debug(msg: string): void;
  /** A logger whose lines name `component`. */
  child(component: string): Logger;
  /**
   * The same logger, its lines rate-limited under `key` (say `ubus user nobody`, `peer
   * 02:00:00:00:01:00`): for every line a remote party can cause as often as it likes.
   */
  limited(key: string): Logger;
}

export interface LogSink {
  write(line: string): void;
}

/** The most detailed level written; shared by a logger and its children, changed on reload. */
export class LogThreshold {
  constructor(public level: LogLevel = 'info') {}
}

/** What a logger and all loggers derived from it share. */
interface LogOutput {
  threshold: LogThreshold;
  sink: LogSink;
  limiter: LogRateLimiter;
}

export class StderrLogger implements Logger {
  private readonly out: LogOutput;

  /** `clock` and `rateLimit` drive `limited()`; tests pass a manual clock. */
  constructor(
    maxLevel: LogLevel | LogThreshold = 'info',
    private readonly component = 'wifid',
    sink: LogSink = process.stderr,
    clock: { now(): number } = systemClock,
    rateLimit?: RateLimitPolicy,
    private readonly key?: string,
    shared?: LogOutput,
  ) {
    this.out = shared ?? {
      threshold: typeof maxLevel === 'string' ? new LogThreshold(maxLevel) : maxLevel,
      sink,
      limiter: new LogRateLimiter(clock, rateLimit),
    };
  }

  private log(level: LogLevel, msg: string): void {
    if (RANK[level] > RANK[this.out.threshold.level]) return;
    const prefix = `${level}: ${logSafe(this.component)}: `;
    if (this.key !== undefined) {
      const admitted = this.out.limiter.admit(this.key);
      if (!admitted.pass) return;
      if (admitted.suppressed > 0) {
        this.out.sink.write(`${prefix}${admitted.suppressed} lines suppressed (rate limit for ${logSafe(admitted.key)})\n`);
      }
    }
    this.out.sink.write(`${prefix}${logSafe(msg)}\n`);
  }

  error(msg: string): void { this.log('error', msg); }
  warn(msg: string): void { this.log('warn', msg); }
  notice(msg: string): void { this.log('notice', msg); }
  info(msg: string): void { this.log('info', msg); }
  debug(msg: string): void { this.log('debug', msg); }

  child(component: string): Logger {
    return new StderrLogger(undefined, `${this.component}/${component}`, undefined, undefined, undefined, this.key, this.out);
  }

  limited(key: string): Logger {
    return new StderrLogger(undefined, this.component, undefined, undefined, undefined, key, this.out);
  }
}
