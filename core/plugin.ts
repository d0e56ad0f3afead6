import type { InjectionToken } from 'tsyringe';
import type { SectionSchema } from './config/schema.js';
import type { PluginScope } from './plugin/scope.js';
import type { AccessMethods } from './ubus/access.js';

// A plugin declares itself (name, dependencies): the constructor only stores injected
// core services; start(scope) acquires timers, listeners, subscriptions, ubus objects
// and radio work through its scope, which the host releases after stop() and after a
// failed start(). Services of the plugins it depends on come from scope.service(TOKEN).
export interface Plugin {
  readonly name: string;
  readonly depends: readonly string[];
  /**
   * Core facilities the plugin cannot run without (e.g. 'nl80211'). While one is
   * unavailable the plugin waits, visibly, and starts when it appears.
   */
  readonly requires?: readonly string[];
  /**
   * The UCI section types the plugin reads. The daemon registers them before the file is
   * first read, so they are validated (and known) even while the plugin is off.
   */
  readonly configSections?: readonly SectionSchema[];
  /** Acquires through `scope` (a fresh one per start); a throw marks the plugin failed and disposes the scope. */
  start(scope: PluginScope): Promise<void>;
  /**
   * Optional: what must happen before the scope's releases (e.g. telling peers goodbye).
   * The scope is disposed after it, whether it throws or not.
   */
  stop?(): Promise<void>;
}

/**
 * A plugin as its folder exports it (plugins/<name>/index.ts); plugins/index.ts lists
 * them all, so adding a plugin needs no edit of the core.
 */
export interface PluginModule {
  /** The class the container builds (every constructor parameter with @inject(TOKEN)). */
  readonly plugin: InjectionToken<Plugin>;
  /**
   * Its ubus objects' method tables, built to be read (the ACL generator, the signature
   * test) and never called, so no running state is needed to build them.
   */
  readonly ubusObjects: () => Record<string, AccessMethods>;
}

export type PluginState = 'disabled' | 'pending' | 'starting' | 'running' | 'failed' | 'skipped' | 'stopping' | 'stopped' | 'waiting';

export interface PluginStatus {
  name: string;
  state: PluginState;
  /** Why the plugin failed, was skipped or waits. */
  reason?: string;
}
