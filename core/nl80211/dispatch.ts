// Prioritised event dispatch. Each subscription has a priority class; an event becomes
// one job per matching subscription, queued in that subscription's class. High jobs run
// as soon as the I/O callback that received them returns (a microtask); low jobs run in
// time slices and give the event loop back between slices, so a high event arriving
// behind a backlog of low ones waits at most one slice, never the whole backlog.
import type { Logger } from '../log.js';
import type { Attrs_nl80211_attrs } from './gen/schema.generated.js';

export type Priority = 'high' | 'low';

export interface Nl80211Event {
  /** Command name as in the header without NL80211_CMD_ (e.g. 'DEL_INTERFACE'). */
  readonly cmd: string;
  readonly cmdId: number;
  readonly wiphy?: number;
  readonly ifindex?: number;
  readonly wdev?: bigint;
  /** Decoded attributes (decoded on first use, once). */
  readonly attrs: Attrs_nl80211_attrs;
  /** The socket it came on: 'high' (mlme, critical frames) or 'low' (config, scan, regulatory). */
  readonly source: Priority;
  /** performance.now() when the datagram was read from the socket. */
  readonly receivedAt: number;
}

export type EventHandler = (event: Nl80211Event) => void | Promise<void>;

export interface Subscription {
  /** Who subscribed (plugin name); removeOwner() drops all of an owner's subscriptions. */
  owner: string;
  /** Commands to receive, or '*' for all. */
  cmds: readonly string[] | '*';
  ifindex?: number;
  wdev?: bigint;
  wiphy?: number;
  priority: Priority;
  handler: EventHandler;
}

interface Job {
  event: Nl80211Event;
  sub: Subscription;
}

export interface DispatchScheduler {
  /** Runs fn right after the current callback (before other I/O). */
  soon(fn: () => void): void;
  /** Runs fn after pending I/O callbacks had their turn. */
  later(fn: () => void): void;
  now(): number;
}

export const nodeScheduler: DispatchScheduler = {
  soon: (fn) => queueMicrotask(fn),
  later: (fn) => void setImmediate(fn),
  now: () => performance.now(),
};

export interface DispatchStats {
  high: number;
  low: number;
  maxLowBacklog: number;
  /** Low slices that ended by yielding with work left. */
  yields: number;
  handlerErrors: number;
}

/** A FIFO that does not shift arrays (backlogs can be long). */
class Queue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  get length(): number { return this.items.length - this.head; }
  push(x: T): void { this.items.push(x); }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const x = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return x;
  }
  clear(): void { this.items = []; this.head = 0; }
}

export class EventDispatcher {
  private subs: Subscription[] = [];
  private readonly high = new Queue<Job>();
  private readonly low = new Queue<Job>();
  private highScheduled = false;
  private lowScheduled = false;
  readonly stats: DispatchStats = { high: 0, low: 0, maxLowBacklog: 0, yields: 0, handlerErrors: 0 };

  constructor(
    private readonly log: Logger,
    /** Longest stretch of low-priority handlers before the event loop gets a turn. */
    private readonly sliceMs = 1,
    private readonly scheduler: DispatchScheduler = nodeScheduler,
  ) {}

  subscribe(sub: Subscription): () => void {
    const entry = { ...sub };
    this.subs.push(entry);
    return () => { this.subs = this.subs.filter((s) => s !== entry); };
  }

  removeOwner(owner: string): void {
    this.subs = this.subs.filter((s) => s.owner !== owner);
  }

  get lowBacklog(): number { return this.low.length; }

  /** Queues the event for every matching subscription. */
  deliver(event: Nl80211Event): void {
    for (const sub of this.subs) {
      if (sub.cmds !== '*' && !sub.cmds.includes(event.cmd)) continue;
      if (sub.ifindex !== undefined && sub.ifindex !== event.ifindex) continue;
      if (sub.wdev !== undefined && sub.wdev !== event.wdev) continue;
      if (sub.wiphy !== undefined && sub.wiphy !== event.wiphy) continue;
      if (sub.priority === 'high') {
        this.high.push({ event, sub });
        if (!this.highScheduled) {
          this.highScheduled = true;
          this.scheduler.soon(() => this.drainHigh());
        }
      } else {
        this.low.push({ event, sub });
        if (this.low.length > this.stats.maxLowBacklog) this.stats.maxLowBacklog = this.low.length;
        if (!this.lowScheduled) {
          this.lowScheduled = true;
          this.scheduler.later(() => this.drainLow());
        }
      }
    }
  }

  /** Drops queued jobs (on stop or when nl80211 goes away). */
  clear(): void {
    this.high.clear();
    this.low.clear();
  }

  private drainHigh(): void {
    this.highScheduled = false;
    for (let job = this.high.shift(); job; job = this.high.shift()) {
      this.stats.high++;
      this.run(job);
    }
  }

  private drainLow(): void {
    this.lowScheduled = false;
    const start = this.scheduler.now();
    while (this.low.length > 0) {
      if (this.high.length > 0) this.drainHigh();
      this.stats.low++;
      this.run(this.low.shift()!);
      if (this.low.length > 0 && this.scheduler.now() - start >= this.sliceMs) {
        this.stats.yields++;
        this.lowScheduled = true;
        this.scheduler.later(() => this.drainLow());
        return;
      }
    }
  }

  private run({ event, sub }: Job): void {
    const fail = (err: unknown) => {
      this.stats.handlerErrors++;
      this.log.warn(`${sub.owner}/${event.cmd}: ${err instanceof Error ? err.message : String(err)}`);
    };
    try {
      const r = sub.handler(event);
      if (r && typeof (r as Promise<void>).then === 'function') (r as Promise<void>).catch(fail);
    } catch (err) {
      fail(err);
    }
  }
}
