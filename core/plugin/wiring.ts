// The two ways every plugin ties itself to the core, written once: its events go out on
// ubus under its object (a ubus event and a notification, core/ubus/announce.ts), and
// the sections it owns are re-applied after a reload that changed one of them. Both last
// as long as the plugin's scope.
import type { ConfigService } from '../config/index.js';
import type { SectionSchema } from '../config/schema.js';
import type { Logger } from '../log.js';
import { announce } from '../ubus/announce.js';
import type { UbusClient } from '../ubus/index.js';
import type { PluginScope } from './scope.js';
import { TypedEvents, type EventMap } from './typed-events.js';

/** A typed event bus whose every event named in `names` is announced as `<object>.<event>`. */
export function announcedEvents<M extends EventMap>(
  scope: PluginScope, ubus: UbusClient, log: Logger, object: string, names: readonly (keyof M & string)[],
): TypedEvents<M> {
  const events = new TypedEvents<M>(log);
  for (const name of names) scope.on(events, name, (data) => announce(ubus, log, object, name, data as object));
  return events;
}

/** Calls `sync` after every applied reload that changed a section of one of `sections`' types. */
export function syncOnReload(scope: PluginScope, config: ConfigService, sections: readonly SectionSchema[], sync: () => Promise<void>): void {
  const types = new Set(sections.map((s) => s.type));
  scope.add(config.onReload(async (result) => {
    if (result.changes.some((c) => types.has(c.type))) await sync();
  }), 'reload listener');
}
