// The p2p-device plugin's events, one typed map from name to payload: discovery emits
// them, the plugin announces them on ubus (event wifid.p2p.<name> and a notification).
import type { PeerView } from './peer-table.js';

interface DeviceRef {
  /** The handle `start` returned. */
  handle: number;
  phy: string;
}

export interface P2pEvents {
  device_found: DeviceRef & PeerView;
  device_lost: DeviceRef & { p2p_dev_addr: string };
  find_stopped: DeviceRef & { reason: string };
}

export type P2pEventName = keyof P2pEvents;

export const P2P_EVENT_NAMES: readonly P2pEventName[] = ['device_found', 'device_lost', 'find_stopped'];
