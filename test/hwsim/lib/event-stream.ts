// A line-oriented event queue fed by a child process (wpa_cli, hostapd_cli,
// iw event): tests wait for a line matching a pattern with a timeout.
import type { Readable } from 'node:stream';

/**
 * An event from a line of wpa_cli's or hostapd_cli's interactive output
 * ("\r<3>CTRL-EVENT-SCAN-STARTED " between prompt redraws), level prefix
 * removed; undefined for lines that carry no event (prompts, replies).
 */
export function parseCliEventLine(line: string): string | undefined {
  const m = /<\d>(.*)$/.exec(line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, ''));
  return m ? m[1]!.trimEnd() : undefined;
}

interface Waiter {
  pattern: RegExp;
  resolve: (line: string | null) => void;
  timer: NodeJS.Timeout;
}

export class EventStream {
  /** Lines received and not yet taken by a waitEvent(). */
  private readonly pending: string[] = [];
  /** Every line received, for failure messages. */
  readonly history: string[] = [];
  private readonly waiters = new Set<Waiter>();
  private partial = '';
  /** Called with every event as it arrives (debug logging). */
  onEvent: ((event: string) => void) | null = null;
  private ended = false;

  constructor(
    /** Turns a raw line into an event, or undefined to ignore it. */
    private readonly parse: (line: string) => string | undefined = (l) => l,
  ) {}

  feedFrom(stream: Readable): void {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => this.push(chunk));
    stream.on('end', () => this.end());
  }

  push(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const raw of lines) {
      const event = this.parse(raw);
      if (event !== undefined) this.deliver(event);
    }
  }

  end(): void {
    this.ended = true;
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve(null);
    }
    this.waiters.clear();
  }

  /**
   * Resolves with the first event matching `pattern` (received before or
   * after the call; it is taken out of the queue), or null after timeoutMs
   * or when the source ends. Other events stay queued.
   */
  waitEvent(pattern: RegExp, timeoutMs: number): Promise<string | null> {
    const idx = this.pending.findIndex((l) => pattern.test(l));
    if (idx >= 0) return Promise.resolve(this.pending.splice(idx, 1)[0]!);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        pattern,
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve(null);
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Forgets queued events (e.g. before a step whose events matter). */
  clear(): void {
    this.pending.length = 0;
  }

  private deliver(event: string): void {
    this.history.push(event);
    this.onEvent?.(event);
    for (const w of this.waiters) {
      if (w.pattern.test(event)) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve(event);
        return;
      }
    }
    this.pending.push(event);
  }
}
