// The core's facilities as a plugin sees them through its scope: each acquisition is
// recorded in the plugin's DisposerStack and released when the plugin stops, so a plugin
// never cleans up by hand (an onChange closure here, unsubscribeOwner there...).
// These are thin wrappers over the core services' public APIs; the services themselves
// know nothing of plugins.
import type { Nl80211Event, Subscription } from '../nl80211/dispatch.js';
import type { InventoryChange } from '../nl80211/inventory.js';
import type { ScanResult } from '../nl80211/scan.js';
import type { Attrs_nl80211_attrs, Nl80211Command } from '../nl80211/gen/schema.generated.js';
import type { Nl80211Service, Nl80211State, RequestOptions } from '../nl80211/service.js';
import type { RadioWork, RadioWorkItem } from '../radio/work-queue.js';
import type { MonotonicClock, TimerHandle } from '../txq/clock.js';
import type { TxQueue } from '../txq/queue.js';
import type { TxLane, TxOutcome, TxSubmit } from '../txq/types.js';
import type { UbusClient, UbusEventHandler, UbusMethods, UbusNotificationHandler, UbusObjectOptions } from '../ubus/index.js';
import { ScopeClosedError, type DisposerStack } from './disposer-stack.js';

/** What the host lends every scope (absent ones throw when a plugin reaches for them). */
export interface ScopeCore {
  nl?: Pick<Nl80211Service, 'subscribe' | 'onChange' | 'onState' | 'request' | 'dumpScan'>;
  ubus?: Pick<UbusClient, 'addObject' | 'removeObject' | 'onEvent' | 'subscribe'>;
  radio?: Pick<RadioWork, 'enqueue' | 'cancel' | 'done' | 'cancelOwner'>;
  txq?: Pick<TxQueue, 'submit' | 'laneGone'>;
  clock?: MonotonicClock;
}

function need<T>(owner: string, what: string, x: T | undefined): T {
  if (x === undefined) throw new Error(`${owner}: no ${what} in this daemon`);
  return x;
}

/** Timers that end with the plugin; after it stopped, setTimer is refused. */
export class ScopedClock implements MonotonicClock {
  private readonly timers = new Set<TimerHandle>();
  private released = false;

  constructor(private readonly base: MonotonicClock, private readonly stack: DisposerStack) {
    stack.add(() => {
      this.released = true;
      for (const t of this.timers) base.clearTimer(t);
      this.timers.clear();
    }, 'timers');
  }

  now(): number {
    return this.base.now();
  }

  setTimer(cb: () => void, ms: number): TimerHandle {
    if (this.released) throw new ScopeClosedError(`${this.stack.owner}: cannot acquire a timer: the plugin has stopped`);
    const handle = this.base.setTimer(() => {
      this.timers.delete(handle);
      cb();
    }, ms);
    this.timers.add(handle);
    return handle;
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle);
    this.base.clearTimer(handle);
  }
}

export type ScopedSubscription = Omit<Subscription, 'owner' | 'cmds'> & { cmds: readonly Nl80211Command[] | '*' };

export class ScopedNl80211 {
  constructor(private readonly core: ScopeCore['nl'], private readonly stack: DisposerStack) {}

  private get nl(): NonNullable<ScopeCore['nl']> {
    return need(this.stack.owner, 'nl80211 service', this.core);
  }

  /** nl80211 events for this plugin (owner: the plugin's name); returns the early unsubscribe. */
  subscribe(sub: ScopedSubscription): () => void {
    const what = `nl80211 subscription to ${sub.cmds === '*' ? 'all events' : sub.cmds.join('/')}`;
    this.stack.ensureOpen(what);
    return this.stack.add(this.nl.subscribe({ ...sub, owner: this.stack.owner }), what);
  }

  onChange(listener: (change: InventoryChange) => void): () => void {
    this.stack.ensureOpen('an inventory listener');
    return this.stack.add(this.nl.onChange(listener), 'inventory listener');
  }

  onState(listener: (state: Nl80211State) => void): () => void {
    this.stack.ensureOpen('an nl80211 state listener');
    return this.stack.add(this.nl.onState(listener), 'nl80211 state listener');
  }

  request(cmd: Nl80211Command, attrs?: Attrs_nl80211_attrs, opts?: RequestOptions): Promise<Attrs_nl80211_attrs[]> {
    return this.nl.request(cmd, attrs, opts);
  }

  /** The kernel's scan results for `wdev`, decoded off the main thread. */
  dumpScan(wdev: bigint): Promise<ScanResult[]> {
    return this.nl.dumpScan(wdev);
  }

  /**
   * REGISTER_FRAME for `wdev` on an event socket ('high' for frames that must be answered
   * at once). nl80211 has no unregister: the kernel drops a registration with its wdev or
   * socket, so the plugin owns it by owning the wdev (remove the wdev in a disposer).
   */
  async registerFrame(wdev: bigint, frameType: number, match: Uint8Array, socket: 'high' | 'low'): Promise<void> {
    this.stack.ensureOpen('a frame registration');
    await this.nl.request('REGISTER_FRAME', { WDEV: wdev, FRAME_TYPE: frameType, FRAME_MATCH: match }, { socket });
  }
}

export class ScopedUbus {
  constructor(private readonly core: ScopeCore['ubus'], private readonly stack: DisposerStack) {}

  private get ubus(): NonNullable<ScopeCore['ubus']> {
    return need(this.stack.owner, 'ubus client', this.core);
  }

  /** Publishes an object until the plugin stops; resolves with the early removal. */
  async addObject(path: string, methods: UbusMethods, opts?: UbusObjectOptions): Promise<() => Promise<void>> {
    this.stack.ensureOpen(`ubus object ${path}`);
    await this.ubus.addObject(path, methods, opts);
    return this.hold(() => this.ubus.removeObject(path), `ubus object ${path}`);
  }

  async onEvent(pattern: string, handler: UbusEventHandler): Promise<() => Promise<void>> {
    this.stack.ensureOpen(`ubus events ${pattern}`);
    return this.hold(await this.ubus.onEvent(pattern, handler), `ubus event listener ${pattern}`);
  }

  async subscribe(path: string, handler: UbusNotificationHandler): Promise<() => Promise<void>> {
    this.stack.ensureOpen(`ubus subscription to ${path}`);
    return this.hold(await this.ubus.subscribe(path, handler), `ubus subscription to ${path}`);
  }

  /** Holds a release; one acquired while the scope closed (the await) is released at once. */
  private async hold(release: () => Promise<void>, what: string): Promise<() => Promise<void>> {
    if (!this.stack.disposed) return this.stack.add(release, what);
    await release();
    throw new ScopeClosedError(`${this.stack.owner}: ${what} acquired after the plugin stopped, released`);
  }
}

/** Radio work queued by the plugin (owner: its name); cancelled when it stops. */
export class ScopedRadioWork {
  constructor(private readonly core: ScopeCore['radio'], private readonly stack: DisposerStack) {
    // Held from the start, so it is released after what the plugin acquired later (whose
    // releases may still cancel their own work) and before the timers.
    stack.add(() => void this.core?.cancelOwner(stack.owner), 'radio work');
  }

  private get radio(): NonNullable<ScopeCore['radio']> {
    return need(this.stack.owner, 'radio work queue', this.core);
  }

  enqueue(wiphy: number, item: Omit<RadioWorkItem, 'owner'>): number {
    this.stack.ensureOpen('radio work');
    return this.radio.enqueue(wiphy, { ...item, owner: this.stack.owner });
  }

  cancel(id: number): boolean {
    return this.radio.cancel(id);
  }

  done(id: number): boolean {
    return this.radio.done(id);
  }
}

/**
 * The TX queue for a plugin: after it stopped, its submissions are rejected ('stopped')
 * without reaching the queue; lanes it owns (ownLane) lose their waiting frames with it.
 */
export class ScopedTxQueue {
  constructor(private readonly core: ScopeCore['txq'], private readonly stack: DisposerStack) {}

  private get txq(): NonNullable<ScopeCore['txq']> {
    return need(this.stack.owner, 'TX queue', this.core);
  }

  submit(s: TxSubmit): Promise<TxOutcome> {
    if (this.stack.disposed) {
      return Promise.resolve({ status: 'rejected', reason: 'stopped', message: `${this.stack.owner} has stopped`, totalMs: 0 });
    }
    return this.txq.submit(s);
  }

  /** A lane only this plugin sends on (e.g. its own wdev): frames still queued end with it. */
  ownLane(lane: TxLane): () => Promise<void> {
    return this.stack.add(() => this.txq.laneGone(lane, `${this.stack.owner} stopped`), `TX lane ${String(lane.wdev)}`);
  }
}
