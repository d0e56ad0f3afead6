import { inject, injectable } from 'tsyringe';
import type { Logger } from './log.js';
import type { Plugin, PluginState, PluginStatus } from './plugin.js';
import { PluginScope } from './plugin/scope.js';
import type { ScopeCore } from './plugin/scoped-core.js';
import { ServiceRegistry } from './plugin/services.js';
import { TOKENS } from './tokens.js';

/** A startup error of the plugin graph itself: a cycle or a missing dependency. */
export class PluginGraphError extends Error {
  override name = 'PluginGraphError';
}

interface Entry {
  plugin: Plugin;
  enabled: boolean;
  state: PluginState;
  reason?: string;
  /** What the plugin holds since its last start; disposed after stop or a failed start. */
  scope?: PluginScope;
}

/**
 * Starts plugins in dependency order and stops them in reverse, as iwd's module.c does.
 * A plugin whose start() throws is marked failed and its dependants skipped; the others
 * go on. Only plugins that started are stopped; each start gets a fresh scope, disposed
 * after stop() and after a failed start(). Stopping a plugin stops its dependants first,
 * so none of them holds a service of a stopped provider. Plugins that require a core facility
 * (nl80211) wait until it is available. Every change goes through one serial chain so
 * a reload arriving during start-up never interleaves with it.
 */
@injectable()
export class PluginHost {
  private readonly entries = new Map<string, Entry>();
  /** Running plugins, in the order they started. */
  private running: Plugin[] = [];
  private readonly facilities = new Map<string, boolean>();
  private chain: Promise<unknown> = Promise.resolve();
  private readonly log: Logger;
  private readonly services = new ServiceRegistry();
  private readonly core: ScopeCore;

  constructor(
    @inject(TOKENS.Logger) log: Logger,
    @inject(TOKENS.PluginScopeCore, { isOptional: true }) core?: ScopeCore,
  ) {
    this.log = log.child('plugins');
    this.core = core ?? {};
  }

  /** Adds a plugin; `enabled: false` keeps it listed as disabled without starting it. */
  add(plugin: Plugin, enabled = true): void {
    if (this.entries.has(plugin.name)) throw new PluginGraphError(`plugin '${plugin.name}' registered twice`);
    this.entries.set(plugin.name, { plugin, enabled, state: enabled ? 'pending' : 'disabled' });
  }

  /**
   * Dependency order of the enabled plugins; throws PluginGraphError naming a cycle
   * or a missing (or disabled) dependency.
   */
  order(): Plugin[] {
    const sorted: Plugin[] = [];
    const mark = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string, path: string[]): void => {
      if (mark.get(name) === 'done') return;
      if (mark.get(name) === 'visiting') {
        const cycle = [...path.slice(path.indexOf(name)), name];
        throw new PluginGraphError(`plugin dependency cycle: ${cycle.join(' -> ')}`);
      }
      const entry = this.entries.get(name)!;
      mark.set(name, 'visiting');
      for (const dep of entry.plugin.depends) {
        const depEntry = this.entries.get(dep);
        if (!depEntry) throw new PluginGraphError(`plugin '${name}' depends on '${dep}', which does not exist`);
        if (!depEntry.enabled) {
          throw new PluginGraphError(`plugin '${name}' depends on '${dep}', which is disabled in the configuration`);
        }
        visit(dep, [...path, name]);
      }
      mark.set(name, 'done');
      sorted.push(entry.plugin);
    };
    for (const [name, entry] of this.entries) if (entry.enabled) visit(name, []);
    return sorted;
  }

  /** Starts every enabled plugin; resolves once each has started, failed, waits or was skipped. */
  async startAll(): Promise<void> {
    const order = this.order();
    return this.serial(async () => {
      for (const plugin of order) await this.startOne(plugin);
    });
  }

  /** Stops the running plugins in reverse order; resolves false if any stop() threw. */
  stopAll(): Promise<boolean> {
    return this.serial(async () => {
      let clean = true;
      for (const plugin of [...this.running].reverse()) clean = (await this.stopOne(plugin, 'stopped')) && clean;
      return clean;
    });
  }

  /**
   * Applies a new set of enabled plugins at run time (configuration reload): stops the
   * plugins turned off (dependants first), starts those turned on. Throws
   * PluginGraphError, changing nothing, if the new set is not a valid graph.
   */
  async setEnabled(enabled: ReadonlySet<string>): Promise<void> {
    for (const name of enabled) {
      if (!this.entries.has(name)) throw new PluginGraphError(`unknown plugin '${name}'`);
    }
    const before = new Map([...this.entries].map(([n, e]) => [n, e.enabled]));
    for (const [name, entry] of this.entries) entry.enabled = enabled.has(name);
    let order: Plugin[];
    try {
      order = this.order();
    } catch (err) {
      for (const [name, was] of before) this.entries.get(name)!.enabled = was;
      throw err;
    }
    await this.serial(async () => {
      for (const plugin of [...this.running].reverse()) {
        if (!this.closure(plugin.name).every((n) => this.entries.get(n)!.enabled)) {
          await this.stopOne(plugin, this.entries.get(plugin.name)!.enabled ? 'pending' : 'disabled');
        }
      }
      for (const [, entry] of this.entries) if (!entry.enabled && entry.state !== 'disabled') {
        entry.state = 'disabled';
        entry.reason = undefined;
      }
      for (const plugin of order) if (!this.isRunning(plugin)) await this.startOne(plugin);
    });
  }

  /**
   * Marks a core facility (e.g. 'nl80211') available or not: waiting plugins start when
   * it appears; plugins that need it are stopped, and wait again, when it goes away.
   */
  setFacility(name: string, available: boolean): Promise<void> {
    if (this.facilities.get(name) === available) return this.chain.then(() => undefined);
    this.facilities.set(name, available);
    return this.serial(async () => {
      if (available) {
        for (const plugin of this.order()) {
          if (this.entries.get(plugin.name)!.state === 'waiting' || this.entries.get(plugin.name)!.state === 'skipped') {
            await this.startOne(plugin);
          }
        }
      } else {
        for (const plugin of [...this.running].reverse()) {
          if (this.closure(plugin.name).some((n) => this.entries.get(n)!.plugin.requires?.includes(name))) {
            await this.stopOne(plugin, 'waiting', `${name} unavailable`);
          }
        }
      }
    });
  }

  status(): PluginStatus[] {
    return [...this.entries.values()].map(({ plugin, state, reason }) =>
      reason === undefined ? { name: plugin.name, state } : { name: plugin.name, state, reason },
    );
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.chain.then(job);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private isRunning(plugin: Plugin): boolean {
    return this.running.includes(plugin);
  }

  /** A plugin and everything it depends on, directly or not. */
  private closure(name: string, seen = new Set<string>()): string[] {
    if (seen.has(name)) return [];
    seen.add(name);
    for (const dep of this.entries.get(name)!.plugin.depends) this.closure(dep, seen);
    return [...seen];
  }

  private async startOne(plugin: Plugin): Promise<void> {
    const entry = this.entries.get(plugin.name)!;
    const missing = plugin.requires?.find((f) => this.facilities.get(f) !== true);
    if (missing !== undefined) {
      entry.state = 'waiting';
      entry.reason = `${missing} unavailable`;
      this.log.notice(`${plugin.name}: waiting: ${entry.reason}`);
      return;
    }
    const blocker = plugin.depends.find((d) => this.entries.get(d)!.state !== 'running');
    if (blocker !== undefined) {
      const blockerState = this.entries.get(blocker)!.state;
      entry.state = blockerState === 'waiting' ? 'waiting' : 'skipped';
      entry.reason = `dependency '${blocker}' is ${blockerState}`;
      this.log.warn(`${plugin.name}: not started: ${entry.reason}`);
      return;
    }
    entry.state = 'starting';
    const scope = new PluginScope(plugin.name, this.log, this.core, this.services, plugin.depends);
    entry.scope = scope;
    try {
      await plugin.start(scope);
      entry.state = 'running';
      entry.reason = undefined;
      this.running.push(plugin);
      this.log.info(`${plugin.name}: started`);
    } catch (err) {
      entry.state = 'failed';
      entry.reason = errorText(err);
      this.log.error(`${plugin.name}: start failed: ${entry.reason}`);
      // stop() is for plugins that started; what the failed start acquired goes with its scope.
      await this.release(entry);
    }
  }

  /** Disposes the plugin's scope; false if a release failed (each failure is logged). */
  private async release(entry: Entry): Promise<boolean> {
    const scope = entry.scope;
    entry.scope = undefined;
    return scope ? (await scope.dispose()) === 0 : true;
  }

  private async stopOne(plugin: Plugin, after: PluginState, reason?: string): Promise<boolean> {
    const entry = this.entries.get(plugin.name)!;
    this.running = this.running.filter((p) => p !== plugin);
    entry.state = 'stopping';
    let stopError: unknown;
    try {
      await plugin.stop?.();
    } catch (err) {
      stopError = err ?? new Error('stop failed');
    }
    const released = await this.release(entry);
    if (stopError !== undefined) {
      entry.state = 'failed';
      entry.reason = `stop failed: ${errorText(stopError)}`;
      this.log.error(`${plugin.name}: ${entry.reason}`);
      return false;
    }
    entry.state = after;
    entry.reason = reason;
    this.log.info(`${plugin.name}: stopped`);
    return released;
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
