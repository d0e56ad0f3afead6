// A station's scans: each one is radio work on the station's wiphy (priority SCAN, so
// P2P discovery and periodic scans wait behind it and a connect goes first), an active
// scan of every channel (or of the channels asked) for the wildcard SSID; when the kernel
// reports its end, the results are read by dump and turned into the ubus view. Callers
// that ask for the same channels while a scan is queued or running share it; others scan
// after it.
import type { Logger } from '../../core/log.js';
import { RadioWorkPriority } from '../../core/radio/work-queue.js';
import { runScan, type RunningScan } from '../../core/nl80211/scan.js';
import type { ScopedNl80211, ScopedRadioWork } from '../../core/plugin/index.js';
import type { MonotonicClock, TimerHandle } from '../../core/txq/clock.js';
import { scanView, type ScanView } from './scan-view.js';

/** A scan the kernel has not ended after this long is aborted (a full 2.4+5 GHz scan under TCG takes a few seconds). */
const SCAN_GUARD_MS = 60_000;
const WILDCARD_SSID = new Uint8Array(0);

export interface ScanCounters {
  scans: number;
  scans_aborted: number;
  scans_failed: number;
  /** Scan results left out because their elements did not parse. */
  bss_malformed: number;
}

export interface ScanOutcome extends ScanView {
  aborted: boolean;
}

export interface ScannerTarget {
  wiphy: number;
  wdev: bigint;
  name: string;
}

export class StationScanner {
  readonly counters: ScanCounters = { scans: 0, scans_aborted: 0, scans_failed: 0, bss_malformed: 0 };
  private pending: { channels: string; outcome: Promise<ScanOutcome> } | undefined;
  private workId: number | undefined;
  private running: RunningScan | undefined;
  private closed = false;
  last: ScanOutcome | undefined;

  constructor(
    private readonly target: ScannerTarget,
    private readonly s: { scoped: ScopedNl80211; radio: ScopedRadioWork; clock: MonotonicClock; log: Logger },
    private readonly observer: { scanning(on: boolean): void; done(outcome: ScanOutcome): void },
  ) {}

  get busy(): boolean {
    return this.pending !== undefined;
  }

  /**
   * Scans `freqs` (MHz; absent: every channel), or joins the scan of the same channels
   * under way; resolves with what the kernel holds after it (the BSSs of earlier scans
   * too, until cfg80211 ages them out).
   */
  scan(freqs?: readonly number[]): Promise<ScanOutcome> {
    if (this.closed) return Promise.reject(new Error('the station is stopped'));
    const channels = freqs ? [...new Set(freqs)].sort((a, b) => a - b).join(',') : 'all';
    if (this.pending?.channels === channels) return this.pending.outcome;
    const before = this.pending?.outcome.then(() => undefined, () => undefined);
    const outcome: Promise<ScanOutcome> = (before ?? Promise.resolve())
      .then(() => {
        if (this.closed) throw new Error('the station is stopped');
        return this.queue(freqs);
      })
      .finally(() => {
        if (this.pending?.outcome === outcome) this.pending = undefined;
      });
    this.pending = { channels, outcome };
    return outcome;
  }

  private queue(freqs?: readonly number[]): Promise<ScanOutcome> {
    return new Promise<ScanOutcome>((resolve, reject) => {
      let guard: TimerHandle | undefined;
      let outcome: ScanOutcome | undefined;
      let failure: Error | undefined;
      this.workId = this.s.radio.enqueue(this.target.wiphy, {
        name: `sta-scan ${this.target.name}`,
        priority: RadioWorkPriority.SCAN,
        run: (done) => {
          this.observer.scanning(true);
          this.counters.scans++;
          const scan = runScan(this.s.scoped, { wdev: this.target.wdev, ssids: [WILDCARD_SSID], ...(freqs ? { freqs } : {}) });
          this.running = scan;
          guard = this.s.clock.setTimer(() => {
            this.s.log.warn(`scan not ended by the kernel after ${SCAN_GUARD_MS / 1000} s: aborting it`);
            scan.abort().catch((err: unknown) => this.s.log.debug(`aborting the scan: ${(err as Error).message}`));
          }, SCAN_GUARD_MS);
          scan.ended
            .then(async (end) => {
              if (end === 'aborted') this.counters.scans_aborted++;
              const view = scanView(await this.s.scoped.dumpScan(this.target.wdev));
              this.counters.bss_malformed += view.malformed;
              if (view.malformed > 0) this.s.log.info(`${view.malformed} scan results with malformed elements left out`);
              outcome = { ...view, aborted: end === 'aborted' };
            })
            .catch((err: unknown) => {
              this.counters.scans_failed++;
              failure = err instanceof Error ? err : new Error(String(err));
            })
            .finally(done);
          return 'pending';
        },
        cancel: () => {
          this.running?.abort().catch(() => undefined);
        },
        cleanup: () => {
          if (guard !== undefined) this.s.clock.clearTimer(guard);
          this.running = undefined;
          this.workId = undefined;
          this.observer.scanning(false);
          if (outcome) {
            this.last = outcome;
            this.observer.done(outcome);
            resolve(outcome);
          } else {
            reject(failure ?? new Error('the scan was cancelled'));
          }
        },
      });
    });
  }

  /** Cancels a queued or running scan (the station stops); waiting callers are refused. */
  close(): void {
    this.closed = true;
    if (this.workId !== undefined) this.s.radio.cancel(this.workId);
  }
}
