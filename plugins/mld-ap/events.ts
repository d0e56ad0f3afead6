// The mld-ap plugin's events, one typed map from name to payload: the APs emit them,
// the plugin announces them on ubus (event wifid.ap.<name> and a notification).
interface ClientRef {
  /** The ap section's name. */
  ap: string;
  ifname: string;
  addr: string;
}

export interface ApEvents {
  assoc: ClientRef & { aid: number; reassoc: boolean };
  authorized: ClientRef & { aid: number };
  disassoc: ClientRef & { reason: number; reason_name: string; why: string };
  auth_failed: ClientRef & { reason: string };
  /** An AP MLD's link added by add_link (ap: the section's name). */
  link_added: { ap: string; ifname: string; link_id: number; addr: string; freq: number; channel: number };
  /** An AP MLD's link gone: after remove_link's countdown ('removed'), or lost while announced ('failed'); disassociated: its stations that left, mlds_kept: non-AP MLDs that stay on other links. */
  link_removed: { ap: string; ifname: string; link_id: number; addr: string; reason: string; disassociated: number; mlds_kept: number };
}

export type ApEventName = keyof ApEvents;

export const AP_EVENT_NAMES: readonly ApEventName[] = ['assoc', 'authorized', 'disassoc', 'auth_failed', 'link_added', 'link_removed'];
