import type { PluginModule } from '../../core/plugin.js';
import { MldApPlugin } from './plugin.js';
import { AP_OBJECT, apMethods } from './ubus-object.js';

export { MldApPlugin, AP_PLUGIN_NAME } from './plugin.js';
export { AP_SECTION } from './config.js';
export type { ApEvents } from './events.js';

export const MLD_AP: PluginModule = {
  plugin: MldApPlugin,
  // The handlers reach the AP manager only when called, which a described table never is.
  ubusObjects: () => ({ [AP_OBJECT]: apMethods(undefined as never) }),
};
