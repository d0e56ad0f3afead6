import type { PluginModule } from '../../core/plugin.js';
import { P2pDevicePlugin } from './plugin.js';
import { P2P_OBJECT, p2pMethods } from './ubus-object.js';

export { P2pDevicePlugin, P2P_PLUGIN_NAME } from './plugin.js';
export { P2P_SECTION } from './config.js';
export type { P2pEvents } from './events.js';

export const P2P_DEVICE: PluginModule = {
  plugin: P2pDevicePlugin,
  // The handlers reach the device manager only when called, which a described table never is.
  ubusObjects: () => ({ [P2P_OBJECT]: p2pMethods(undefined as never) }),
};
