// Logs a peer's bad frames at most once per peer and kind per interval (a minute), so a
// station that sends garbage cannot flood the log; every frame is still counted.
import type { Logger } from '../../core/log.js';
import type { MonotonicClock } from '../../core/txq/clock.js';

const INTERVAL_MS = 60_000;
/** Peers remembered at most; the oldest entries go first. */
const MAX_PEERS = 1024;

export class PeerLog {
  private readonly last = new Map<string, number>();

  constructor(private readonly log: Logger, private readonly clock: MonotonicClock, private readonly intervalMs = INTERVAL_MS) {}

  /** Logs `message` as a warning unless this peer's `kind` was logged within the interval; returns whether it logged. */
  warn(peer: string, kind: string, message: string): boolean {
    const key = `${peer} ${kind}`;
    const now = this.clock.now();
    const prior = this.last.get(key);
    if (prior !== undefined && now - prior < this.intervalMs) return false;
    this.last.delete(key);
    this.last.set(key, now);
    if (this.last.size > MAX_PEERS) this.last.delete(this.last.keys().next().value!);
    this.log.warn(`${peer}: ${message} (further ${kind} problems of this peer are counted, logged again after ${this.intervalMs / 1000} s)`);
    return true;
  }
}
