// Sends a handshake message and retransmits it on timeout, a fresh frame (with the next replay
// counter) each time, until the answer arrives or the attempts are used up (IEEE 802.11-2020
// 12.7.6: dot11RSNAConfigPairwiseUpdateCount; 12.7.7: dot11RSNAConfigGroupUpdateCount).
import type { MonotonicClock, TimerHandle } from '../txq/clock.js';
import type { HandshakeCounters, RetryPolicy } from './types.js';

export class Retransmitter {
  private timer: TimerHandle | undefined;
  private attempt = 0;

  constructor(
    private readonly clock: MonotonicClock,
    private readonly policy: RetryPolicy,
    private readonly counters: HandshakeCounters,
    private readonly send: (frame: Uint8Array) => Promise<void>,
  ) {}

  /** Starts the cycle: `build` makes each transmission, `exhausted` runs after the last one times out. */
  start(build: () => Uint8Array, exhausted: () => void, first: boolean): void {
    this.stop();
    this.attempt = 0;
    const transmit = (): void => {
      this.attempt++;
      if (this.attempt > 1) this.counters.retransmissions++;
      this.send(build()).catch(() => {
        this.counters.sendErrors++;
      });
      const wait = this.attempt === 1 && first ? this.policy.firstTimeoutMs : this.policy.timeoutMs;
      this.timer = this.clock.setTimer(() => {
        this.timer = undefined;
        if (this.attempt >= this.policy.attempts) exhausted();
        else transmit();
      }, wait);
    };
    transmit();
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }
}
