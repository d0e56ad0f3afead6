import { inject, injectable } from 'tsyringe';
import type { Logger } from '../log.js';
import { TOKENS } from '../tokens.js';

// A per-wiphy queue of radio-occupying work (scan, remain-on-channel, connect, P2P
// search/listen phases), modelled on iwd's radio work in src/wiphy.c: each item has a
// priority (lower runs sooner) and an id; only the head of a wiphy's queue runs; its
// run() says whether it finished at once or is pending until done(id); cleanup always
// runs exactly once when an item leaves the queue; a running head is never pre-empted,
// a more urgent item waits behind it and goes first once it ends.

/** Priorities of the work kinds wifid knows; lower runs sooner. */
export const RadioWorkPriority = {
  CONNECT: 0,
  FRAME_EXCHANGE: 1,
  OFFCHANNEL: 2,
  SCAN: 3,
  P2P_DISCOVERY: 4,
  PERIODIC_SCAN: 5,
} as const;

export type RadioWorkResult = 'done' | 'pending';

export interface RadioWorkItem {
  /** Shown in logs and listings, e.g. "p2p-listen". */
  name: string;
  priority: number;
  /** Who queued it, so that a plugin's stop() can cancel all its work at once. */
  owner?: string;
  /**
   * Starts the work. 'done' (or a throw/rejection) ends it at once; 'pending' keeps the
   * radio until `done()` or the queue's done(id) is called.
   */
  run(done: () => void, id: number): RadioWorkResult | Promise<RadioWorkResult>;
  /** Called when the item is cancelled while running: abort what run() started. */
  cancel?(): void;
  /** Always called once when the item leaves the queue (finished, cancelled, flushed). */
  cleanup?(): void;
}

export interface RadioWorkInfo {
  id: number;
  name: string;
  priority: number;
  owner?: string;
  running: boolean;
}

interface Entry {
  id: number;
  wiphy: number;
  item: RadioWorkItem;
  running: boolean;
}

/** What the rest of wifid sees of the queue (token TOKENS.RadioWork). */
export interface RadioWork {
  enqueue(wiphy: number, item: RadioWorkItem): number;
  done(id: number): boolean;
  cancel(id: number): boolean;
  cancelOwner(owner: string): number;
  flushWiphy(wiphy: number): number;
  isRunning(id: number): boolean;
  list(wiphy: number): RadioWorkInfo[];
}

@injectable()
export class RadioWorkQueue implements RadioWork {
  private readonly queues = new Map<number, Entry[]>();
  private readonly byId = new Map<number, Entry>();
  private nextId = 1;
  private readonly log: Logger;

  constructor(@inject(TOKENS.Logger) log: Logger) {
    this.log = log.child('radio');
  }

  /** Queues `item` on `wiphy` and returns its id; an idle wiphy starts it at once. */
  enqueue(wiphy: number, item: RadioWorkItem): number {
    if (!Number.isInteger(wiphy) || wiphy < 0) throw new RangeError(`invalid wiphy index ${wiphy}`);
    if (!Number.isFinite(item.priority)) throw new RangeError(`radio work "${item.name}" needs a numeric priority`);
    const entry: Entry = { id: this.nextId++, wiphy, item, running: false };
    let queue = this.queues.get(wiphy);
    if (!queue) this.queues.set(wiphy, (queue = []));
    // After every item of equal or higher urgency (FIFO within a priority), never before the running head.
    let at = queue.length;
    for (let i = 0; i < queue.length; i++) {
      if (queue[i].running) continue;
      if (queue[i].item.priority > item.priority) {
        at = i;
        break;
      }
    }
    queue.splice(at, 0, entry);
    this.byId.set(entry.id, entry);
    this.log.debug(`phy#${wiphy}: queued ${item.name} (id ${entry.id}, priority ${item.priority}, ${queue.length} in queue)`);
    if (queue.length === 1) this.startHead(wiphy);
    return entry.id;
  }

  /** Ends item `id`, running or waiting; returns false if it is not in any queue. */
  done(id: number): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    this.finish(entry, 'done');
    return true;
  }

  /** Removes item `id`; a running item's cancel() is called first. */
  cancel(id: number): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    if (entry.running) this.guard(entry, 'cancel', () => entry.item.cancel?.());
    this.finish(entry, 'cancelled');
    return true;
  }

  /** Cancels every item queued by `owner`; returns how many. */
  cancelOwner(owner: string): number {
    const ids = [...this.byId.values()].filter((e) => e.item.owner === owner).map((e) => e.id);
    for (const id of ids) this.cancel(id);
    return ids.length;
  }

  /** Cancels everything queued on a wiphy (it went away); returns how many. */
  flushWiphy(wiphy: number): number {
    const queue = this.queues.get(wiphy) ?? [];
    // Waiting items first, so the running head's end does not start one of them.
    const ordered = [...queue.filter((e) => !e.running), ...queue.filter((e) => e.running)];
    for (const e of ordered) this.cancel(e.id);
    this.queues.delete(wiphy);
    return ordered.length;
  }

  isRunning(id: number): boolean {
    return this.byId.get(id)?.running ?? false;
  }

  list(wiphy: number): RadioWorkInfo[] {
    return (this.queues.get(wiphy) ?? []).map((e) => ({
      id: e.id, name: e.item.name, priority: e.item.priority, owner: e.item.owner, running: e.running,
    }));
  }

  private finish(entry: Entry, why: 'done' | 'cancelled' | 'failed'): void {
    if (!this.byId.delete(entry.id)) return;
    const queue = this.queues.get(entry.wiphy) ?? [];
    const index = queue.indexOf(entry);
    if (index >= 0) queue.splice(index, 1);
    const wasHead = entry.running;
    entry.running = false;
    this.log.debug(`phy#${entry.wiphy}: ${entry.item.name} (id ${entry.id}) ${why}`);
    this.guard(entry, 'cleanup', () => entry.item.cleanup?.());
    // The next item starts on a fresh microtask: the caller of done() finishes first,
    // and a chain of items that end at once cannot grow the stack.
    if (wasHead && queue.length > 0) queueMicrotask(() => this.startHead(entry.wiphy));
  }

  private startHead(wiphy: number): void {
    const head = this.queues.get(wiphy)?.[0];
    if (!head || head.running) return;
    head.running = true;
    this.log.debug(`phy#${wiphy}: running ${head.item.name} (id ${head.id})`);
    let result: RadioWorkResult | Promise<RadioWorkResult>;
    try {
      result = head.item.run(() => this.done(head.id), head.id);
    } catch (err) {
      this.log.warn(`phy#${wiphy}: ${head.item.name} failed to start: ${describe(err)}`);
      this.finish(head, 'failed');
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (r) => { if (r === 'done') this.finish(head, 'done'); },
        (err) => {
          this.log.warn(`phy#${wiphy}: ${head.item.name} failed to start: ${describe(err)}`);
          this.finish(head, 'failed');
        },
      );
    } else if (result === 'done') {
      this.finish(head, 'done');
    }
  }

  private guard(entry: Entry, hook: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log.warn(`phy#${entry.wiphy}: ${entry.item.name} ${hook} threw: ${describe(err)}`);
    }
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
