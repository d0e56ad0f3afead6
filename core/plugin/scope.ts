// A plugin's scope: everything the plugin acquires while it runs, released in one place.
// The host makes a fresh scope for each start and disposes it after stop() and after a
// failed start() (iwd calls no exit() for a module whose init failed, so what a half-done
// start acquired must be released without the plugin's help). Disposal releases the
// newest first, runs every release even if one throws, logs failures with the plugin's
// name and happens once.
import type { Logger } from '../log.js';
import { DisposerStack, type Release } from './disposer-stack.js';
import { ScopedClock, ScopedNl80211, ScopedRadioWork, ScopedTxQueue, ScopedUbus, type ScopeCore } from './scoped-core.js';
import type { ServiceRegistry, ServiceToken } from './services.js';
import type { EventListener, EventMap, TypedEvents } from './typed-events.js';
import { systemClock } from '../txq/clock.js';

export class PluginScope {
  private readonly stack: DisposerStack;
  /** Timers (setTimer/clearTimer) that end with the plugin. */
  readonly clock: ScopedClock;
  /** nl80211 event subscriptions, inventory and state listeners, frame registrations, requests. */
  readonly nl: ScopedNl80211;
  /** ubus objects, event listeners and subscriptions. */
  readonly ubus: ScopedUbus;
  /** Radio work, owned by the plugin's name. */
  readonly radio: ScopedRadioWork;
  /** TX submissions and owned lanes. */
  readonly txq: ScopedTxQueue;

  constructor(
    /** The plugin's name: the owner of its subscriptions and radio work. */
    readonly name: string,
    log: Logger,
    core: ScopeCore,
    private readonly services: ServiceRegistry,
    private readonly depends: readonly string[],
  ) {
    this.stack = new DisposerStack(name, log);
    this.clock = new ScopedClock(core.clock ?? systemClock, this.stack);
    this.nl = new ScopedNl80211(core.nl, this.stack);
    this.ubus = new ScopedUbus(core.ubus, this.stack);
    this.radio = new ScopedRadioWork(core.radio, this.stack);
    this.txq = new ScopedTxQueue(core.txq, this.stack);
  }

  /** True once the plugin stopped (or its start failed): nothing more can be acquired. */
  get disposed(): boolean {
    return this.stack.disposed;
  }

  /** Any other release to run when the plugin stops; returns the early release. */
  add(release: Release, what?: string): () => Promise<void> {
    return this.stack.add(release, what);
  }

  /** A listener on a typed event bus (the core's or a service's), detached when the plugin stops. */
  on<M extends EventMap, K extends keyof M & string>(events: TypedEvents<M>, event: K, listener: EventListener<M[K]>): () => void {
    this.stack.ensureOpen(`a listener for ${event}`);
    return this.stack.add(events.on(this.name, event, listener), `listener for ${event}`);
  }

  /** Offers a service to the plugins that depend on this one, until this one stops. */
  provide<T extends object>(token: ServiceToken<T>, impl: T): void {
    this.stack.ensureOpen(`service '${token.name}'`);
    this.stack.add(this.services.provide(token, impl, this.name), `service '${token.name}'`);
  }

  /**
   * The service of a plugin this one depends on (listed in `depends`, so it started
   * first and stops after). Throws ServiceUnavailableError once the provider stopped.
   */
  service<T>(token: ServiceToken<T>): T {
    return this.services.get(token, this.name, this.depends);
  }

  /** Releases everything; resolves with the number of releases that failed. Idempotent. */
  dispose(): Promise<number> {
    return this.stack.dispose();
  }
}
