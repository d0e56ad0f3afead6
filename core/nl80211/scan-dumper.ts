// GET_SCAN dumps in a worker thread (scan-worker.ts), so that decoding hundreds of BSSs
// never holds back the main thread's high-priority events. The thread starts with the
// first dump and ends after a quiet spell: an idle daemon does not pay for a second
// V8 isolate. Without the worker's file (the daemon run from sources), or when the
// thread fails, the dump runs on the main thread instead, with a warning.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { trimHeap } from '../heap-trim.js';
import type { Logger } from '../log.js';
import { Nl80211Error } from './errors.js';
import type { ScanResult } from './scan.js';
import { unpackScanResults } from './scan-results-packed.js';
import type { ScanWorkerOptions, ScanWorkerReply, ScanWorkerRequest } from './scan-worker-protocol.js';

export const SCAN_WORKER_FILE = 'wifid-scan-worker.js';

/** The worker's bundle beside the running bundle, or undefined (run from sources). */
export function bundledScanWorker(): string | undefined {
  if (typeof __dirname !== 'string') return undefined;
  const file = join(__dirname, SCAN_WORKER_FILE);
  return existsSync(file) ? file : undefined;
}

export interface ScanDumperOptions extends ScanWorkerOptions {
  /** The worker's script; undefined: every dump runs on the main thread. */
  workerFile: string | undefined;
  /** The thread ends after this long without a dump (ms). */
  idleMs: number;
}

interface Waiting {
  resolve(results: ScanResult[]): void;
  reject(err: Error): void;
}

export interface ScanDumperStats {
  /** Dumps answered by the worker thread. */
  inWorker: number;
  /** Dumps run on the main thread (no worker file, or the thread failed). */
  inMainThread: number;
  /** Threads started so far. */
  threadsStarted: number;
}

export class ScanDumper {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private failed: string | undefined;
  readonly stats: ScanDumperStats = { inWorker: 0, inMainThread: 0, threadsStarted: 0 };

  constructor(
    private readonly log: Logger,
    private readonly options: ScanDumperOptions,
    /** The same dump on the main thread's request socket. */
    private readonly inMainThread: (wdev: bigint) => Promise<ScanResult[]>,
  ) {}

  /** Whether a worker thread is running now. */
  get threadRunning(): boolean { return this.worker !== null; }

  async dump(family: { id: number; version: number }, wdev: bigint): Promise<ScanResult[]> {
    const worker = this.thread();
    if (!worker) {
      this.stats.inMainThread++;
      return this.inMainThread(wdev);
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const id = this.nextId++;
    try {
      const results = await new Promise<ScanResult[]>((resolve, reject) => {
        this.waiting.set(id, { resolve, reject });
        worker.postMessage({ id, family: family.id, version: family.version, wdev } satisfies ScanWorkerRequest);
      });
      this.stats.inWorker++;
      return results;
    } catch (err) {
      if (err instanceof ThreadFailure) {
        this.stats.inMainThread++;
        return this.inMainThread(wdev);
      }
      throw err;
    } finally {
      this.armIdle();
    }
  }

  /** Ends the thread (on detach and stop) and resolves once it is gone; dumps under way fail. */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const w = this.worker;
    this.worker = null;
    this.failAll(new Error('GET_SCAN: nl80211 detached'));
    if (w) await retire(w);
  }

  private thread(): Worker | null {
    if (this.worker) return this.worker;
    if (!this.options.workerFile || this.failed) return null;
    let w: Worker;
    try {
      w = new Worker(this.options.workerFile, { workerData: { ...(this.options.peerPort !== undefined ? { peerPort: this.options.peerPort } : {}) } satisfies ScanWorkerOptions });
    } catch (err) {
      this.giveUp(`cannot start: ${(err as Error).message}`);
      return null;
    }
    w.unref();
    exits.set(w, new Promise<void>((resolve) => w.once('exit', () => resolve())));
    w.on('message', (m: ScanWorkerReply) => this.onReply(m));
    w.on('error', (err) => {
      if (this.worker !== w) return;
      this.worker = null;
      this.giveUp(err.message);
    });
    w.on('exit', (code) => {
      if (this.worker !== w) return;
      this.worker = null;
      this.giveUp(`exited with code ${code}`);
    });
    this.worker = w;
    this.stats.threadsStarted++;
    return w;
  }

  /** A thread that failed once is not started again: the main thread serves from now on. */
  private giveUp(why: string): void {
    this.failed = why;
    this.log.warn(`scan worker thread: ${why}; scan results are decoded on the main thread from now on`);
    this.failAll(new ThreadFailure(why));
  }

  private failAll(err: Error): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of waiting) w.reject(err);
  }

  private onReply(m: ScanWorkerReply): void {
    if ('warning' in m) {
      this.log.warn(m.warning);
      return;
    }
    const w = this.waiting.get(m.id);
    if (!w) return;
    this.waiting.delete(m.id);
    if ('error' in m) {
      w.reject(m.error.errno !== undefined ? new Nl80211Error('GET_SCAN', m.error.errno, m.error.extack) : Object.assign(new Error(m.error.message), { name: m.error.name }));
      return;
    }
    const { skipped, problems } = m;
    if (skipped > 0) this.log.debug(`GET_SCAN: left out ${skipped} entries without a BSSID, frequency or elements, or malformed`);
    if (problems.length > 0) this.log.debug(`GET_SCAN: skipped attributes that did not fit their type: ${problems.join('; ')}`);
    w.resolve(unpackScanResults(m.packed));
  }

  private armIdle(): void {
    if (!this.worker || this.waiting.size > 0) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const w = this.worker;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker !== w || this.waiting.size > 0) return;
      this.worker = null;
      void retire(w);
    }, this.options.idleMs);
    this.idleTimer.unref();
  }
}

const exits = new WeakMap<Worker, Promise<void>>();

/**
 * Asks the thread to close its socket and end, and resolves when it has. Never
 * Worker.terminate(): stopping the thread inside a callback of the netlink addon makes
 * the addon throw a C++ exception through libuv, which aborts the whole process.
 */
function retire(w: Worker): Promise<void> {
  w.postMessage('close');
  // The thread's malloc'd memory is free once it is gone; glibc keeps it unless asked.
  return (exits.get(w) ?? Promise.resolve()).then(() => void trimHeap());
}

/** The thread failed (not the kernel): the dump is run again on the main thread. */
class ThreadFailure extends Error {
  override name = 'ThreadFailure';
}
