import type { SectionSchema } from './config/schema.js';

// A plugin declares itself (name, dependencies) and owns what it acquires: the
// constructor only stores injected services; start() acquires sockets, timers, ubus
// objects and listeners; stop() releases them.
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
  start(): Promise<void>;
  stop(): Promise<void>;
}

export type PluginState = 'disabled' | 'pending' | 'starting' | 'running' | 'failed' | 'skipped' | 'stopping' | 'stopped' | 'waiting';

export interface PluginStatus {
  name: string;
  state: PluginState;
  /** Why the plugin failed, was skipped or waits. */
  reason?: string;
}
