// Every plugin the daemon knows. Which of them run is configuration
// (`config plugin '<name>'` in /etc/config/wifid), never an edit here.
import type { InjectionToken } from 'tsyringe';
import type { Plugin } from './plugin.js';
import { P2pDevicePlugin } from '../plugins/p2p-device/index.js';

export const PLUGIN_CLASSES: readonly InjectionToken<Plugin>[] = [P2pDevicePlugin];
