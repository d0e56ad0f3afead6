// Every plugin wifid ships, in one list beside the plugins: adding one is a new folder and
// a line here, no edit of the core. Which of them run is configuration
// (`config plugin '<name>'` in /etc/config/wifid). The daemon's entry (core/main.ts)
// hands this list to the daemon; the ACL generator reads their ubus method tables.
import type { PluginModule } from '../core/plugin.js';
import { P2P_DEVICE } from './p2p-device/index.js';
import { MLD_AP } from './mld-ap/index.js';
import { STA_MLO } from './sta-mlo/index.js';

export const PLUGINS: readonly PluginModule[] = [P2P_DEVICE, MLD_AP, STA_MLO];
