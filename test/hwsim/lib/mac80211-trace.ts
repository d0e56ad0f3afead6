// mac80211's tracepoints read as association milestones. mac80211 traces every call
// into the driver, for any userspace MLME alike (wifid, hostapd, wpa_supplicant):
//   drv_mgd_prepare_tx   a station's kernel is about to send an authentication or
//                        (re)association request (subtype = the frame's stype bits)
//   drv_mgd_complete_tx  ... and that exchange ended (success:1 = a response came)
//   drv_sta_state        a station entry changes state; 3->4 is AUTHORIZED, the
//                        802.1X port opening (SET_STATION with the authorized flag)
import type { TraceRecord } from './ktrace.js';

/** enum ieee80211_sta_state */
export const STA_STATE = { NOTEXIST: 0, NONE: 1, AUTH: 2, ASSOC: 3, AUTHORIZED: 4 } as const;
/** enum nl80211_iftype values that appear as vif types here. */
export const VIF_TYPE = { STATION: 2, AP: 3 } as const;
/** Management frame subtypes as mac80211 passes them (the stype bits of frame control). */
export const STYPE = { ASSOC_REQ: 0x00, REASSOC_REQ: 0x20, AUTH: 0xb0, DEAUTH: 0xc0 } as const;

interface VifRef {
  timeUs: number;
  wiphy: string;
  vif: string;
  vifType: number;
}

export interface StaStateEvent extends VifRef {
  kind: 'sta_state';
  sta: string;
  from: number;
  to: number;
}

export interface MgdTxEvent extends VifRef {
  kind: 'mgd_prepare_tx' | 'mgd_complete_tx';
  subtype: number;
  success: boolean;
}

export type Mac80211Event = StaStateEvent | MgdTxEvent;

const VIF = String.raw`(\S+) vif:(\S+)\((\d+)(?:/p2p)?\)`;
const STA_STATE_BODY = new RegExp(`^${VIF} sta:([0-9a-f:]{17}) state: (\\d+)->(\\d+)$`);
const MGD_TX_BODY = new RegExp(`^${VIF} duration: \\d+, subtype:0x([0-9a-f]+), success:(\\d+)$`);

/** The milestone a trace record stands for, or undefined for other events. */
export function mac80211Event(r: TraceRecord): Mac80211Event | undefined {
  if (r.event === 'drv_sta_state') {
    const m = STA_STATE_BODY.exec(r.body);
    if (!m) throw new Error(`drv_sta_state: unexpected fields "${r.body}"`);
    return { kind: 'sta_state', timeUs: r.timeUs, wiphy: m[1]!, vif: m[2]!, vifType: Number(m[3]), sta: m[4]!, from: Number(m[5]), to: Number(m[6]) };
  }
  if (r.event === 'drv_mgd_prepare_tx' || r.event === 'drv_mgd_complete_tx') {
    const m = MGD_TX_BODY.exec(r.body);
    if (!m) throw new Error(`${r.event}: unexpected fields "${r.body}"`);
    const kind = r.event === 'drv_mgd_prepare_tx' ? 'mgd_prepare_tx' : 'mgd_complete_tx';
    return { kind, timeUs: r.timeUs, wiphy: m[1]!, vif: m[2]!, vifType: Number(m[3]), subtype: parseInt(m[4]!, 16), success: m[5] === '1' };
  }
  return undefined;
}

export interface AssociationSpan {
  /** The station's kernel sends its first (re)association request of the attempt. */
  requestUs: number;
  /** The (re)association exchange ended with a response (undefined if none was traced). */
  responseUs: number | undefined;
  /** The AP's kernel marks the station authorized. */
  authorizedUs: number;
  /** (Re)association requests the station's kernel sent before the authorization (1 = no retry). */
  requests: number;
}

export interface SpanQuery {
  /** The station's netdev (vif) name and the AP's. */
  staVif: string;
  apVif: string;
  /** The station's MAC address as the AP sees it. */
  sta: string;
}

/**
 * The association of `q.sta` to the AP in one trace window: from the station's first
 * (re)association request to the AP authorizing it. A string says what is missing.
 */
export function associationSpan(records: readonly TraceRecord[], q: SpanQuery): AssociationSpan | string {
  const events = records.map(mac80211Event).filter((e): e is Mac80211Event => e !== undefined);
  const isRequest = (e: Mac80211Event): e is MgdTxEvent =>
    e.kind !== 'sta_state' && e.vif === q.staVif && e.vifType === VIF_TYPE.STATION && (e.subtype === STYPE.ASSOC_REQ || e.subtype === STYPE.REASSOC_REQ);
  const authorized = events.find((e) => e.kind === 'sta_state' && e.vif === q.apVif && e.vifType === VIF_TYPE.AP && e.sta === q.sta && e.to === STA_STATE.AUTHORIZED);
  if (!authorized) return `no authorization of ${q.sta} on ${q.apVif} in the trace`;
  const before = events.filter((e) => e.timeUs <= authorized.timeUs);
  const requests = before.filter((e) => isRequest(e) && e.kind === 'mgd_prepare_tx');
  if (requests.length === 0) return `no (re)association request from ${q.staVif} before ${q.sta} was authorized on ${q.apVif}`;
  const first = requests[0]!;
  const response = before.find((e) => isRequest(e) && e.kind === 'mgd_complete_tx' && e.success && e.timeUs >= first.timeUs);
  return { requestUs: first.timeUs, responseUs: response?.timeUs, authorizedUs: authorized.timeUs, requests: requests.length };
}
