import type { PluginModule } from '../../core/plugin.js';
import { StaMloPlugin } from './plugin.js';
import { STA_OBJECT, staMethods } from './ubus-object.js';

export { StaMloPlugin, STA_PLUGIN_NAME } from './plugin.js';
export { STA_SECTION, STA_NETWORK_SECTION } from './config.js';
export type { StaEvents } from './events.js';

export const STA_MLO: PluginModule = {
  plugin: StaMloPlugin,
  // The handlers reach the station manager only when called, which a described table never is.
  ubusObjects: () => ({ [STA_OBJECT]: staMethods(undefined as never) }),
};
