export { P2pDevicePlugin, P2P_PLUGIN_NAME } from './plugin.js';
export { P2P_SECTION } from './config.js';
