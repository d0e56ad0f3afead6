// Log lines for procd/logd: procd pipes a service's stderr into logd, one record per
// line, so each line carries its level and the component that wrote it.
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
}

export interface LogSink {
  write(line: string): void;
}

/** The most detailed level written; shared by a logger and its children, changed on reload. */
export class LogThreshold {
  constructor(public level: LogLevel = 'info') {}
}

export class StderrLogger implements Logger {
  private readonly threshold: LogThreshold;

  constructor(
    maxLevel: LogLevel | LogThreshold = 'info',
    private readonly component = 'wifid',
    private readonly sink: LogSink = process.stderr,
  ) {
    this.threshold = typeof maxLevel === 'string' ? new LogThreshold(maxLevel) : maxLevel;
  }

  private log(level: LogLevel, msg: string): void {
    if (RANK[level] > RANK[this.threshold.level]) return;
    this.sink.write(`${level}: ${this.component}: ${msg}\n`);
  }

  error(msg: string): void { this.log('error', msg); }
  warn(msg: string): void { this.log('warn', msg); }
  notice(msg: string): void { this.log('notice', msg); }
  info(msg: string): void { this.log('info', msg); }
  debug(msg: string): void { this.log('debug', msg); }

  child(component: string): Logger {
    return new StderrLogger(this.threshold, `${this.component}/${component}`, this.sink);
  }
}
