// The sta-mlo plugin's events, one typed map from name to payload: the stations emit
// them, the plugin announces them on ubus (event wifid.sta.<name> and a notification).

export interface StaEvents {
  /** A scan ended (aborted: the kernel gave up on it; the results are those read then). */
  scan_done: { sta: string; ifname: string; bss: number; ap_mlds: number; aborted: boolean };
  /** The port is open: authenticated, associated, keys in place. */
  connected: { sta: string; ifname: string; ssid: string; bssid: string; freq: number; akm: string; pmf: boolean };
  /** An association ended (the AP's deauthentication or disassociation, or ours); `reason`: the reason code. */
  disconnected: { sta: string; ifname: string; ssid: string; bssid: string; reason: number; reason_name: string; by_ap: boolean };
  /** The AP MLD removed a link (LINKS_REMOVED); the association goes on over `links`. */
  link_removed: { sta: string; ifname: string; link_id: number; ap_mld_addr: string; links: number[] };
}

export type StaEventName = keyof StaEvents;

export const STA_EVENT_NAMES: readonly StaEventName[] = ['scan_done', 'connected', 'disconnected', 'link_removed'];
