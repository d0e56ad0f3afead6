// bench/sta's oracle: one connection of a station read from the kernel's trace (trace clock
// "mono" = CLOCK_MONOTONIC, the clock process.hrtime() reads, so the bench's own timestamp
// of the request sits on the same time line). What is traced fires for any userspace
// SME alike (wifid's sta-mlo, wpa_supplicant), in the same kernel:
//   cfg80211 rdev_scan           the station's daemon triggers a scan (TRIGGER_SCAN) on its wiphy
//   mac80211 api_scan_completed  the driver ended a (hardware) scan of that wiphy; mac80211_hwsim's
//                                mlo=1 radios scan in "hardware" (its channel-context ops), one band
//                                at a time (mac80211 asks band by band), so a scan of every channel
//                                ends once per band: the last end before the first authentication
//                                frame is the scan's
//   cfg80211 cfg80211_scan_done  the scan's end as cfg80211 reports it (carries no wiphy: used
//                                only when the wiphy's own end is not traced)
//   mac80211 drv_mgd_prepare_tx  the station's kernel is about to send an authentication (the
//                                first SAE commit) or (re)association request
//   mac80211 drv_sta_state       on the station's interface, its entry of the AP (the AP MLD's,
//                                for a multi-link association): ->3 associated, ->4 AUTHORIZED,
//                                the daemon's SET_STATION once the 4-way handshake's keys are in
import type { TraceEventSpec, TraceRecord } from '../test/hwsim/lib/ktrace.js';
import { mac80211Event, STA_STATE, STYPE, VIF_TYPE, type Mac80211Event } from '../test/hwsim/lib/mac80211-trace.js';

export const STA_TRACE_EVENTS: readonly TraceEventSpec[] = [
  { system: 'cfg80211', event: 'rdev_scan' },
  { system: 'cfg80211', event: 'cfg80211_scan_done' },
  { system: 'mac80211', event: 'api_scan_completed' },
  { system: 'mac80211', event: 'drv_mgd_prepare_tx' },
  { system: 'mac80211', event: 'drv_sta_state', filter: `new_state == ${STA_STATE.ASSOC} || new_state == ${STA_STATE.AUTHORIZED} || new_state == ${STA_STATE.NOTEXIST}` },
];

/** One connection, microseconds on CLOCK_MONOTONIC. */
export interface ConnectSpan {
  /** The bench wrote the connect request (ubus call / wpa_cli command). */
  requestUs: number;
  /** The first TRIGGER_SCAN of the station's wiphy after the request. */
  firstScanUs: number;
  /** The last scan end on that wiphy before the first authentication frame. */
  scanDoneUs: number;
  /** The station's first authentication frame (its first SAE commit). */
  firstAuthUs: number;
  /** The station's entry of the AP went to associated (the association response taken). */
  associatedUs: number;
  /** ... and to authorized: the port opened, the end of the span. */
  authorizedUs: number;
  /** TRIGGER_SCANs of the station between the request and the authorization (ML probes included). */
  scans: number;
  /** Authentication frames the station sent (SAE commit and confirm, repeats). */
  authFrames: number;
}

export interface SpanQuery {
  requestUs: number;
  /** The station's wiphy ("phy3") and interface ("wifid-sta0"). */
  phy: string;
  vif: string;
}

/** The wiphy name a cfg80211/mac80211 record starts with ("phy3" or "phy3,"). */
function phyOf(r: TraceRecord): string | undefined {
  return /^(phy\d+)/.exec(r.body)?.[1];
}

/** The connection that began with the request in `q`, or a string saying what is missing. */
export function connectSpan(records: readonly TraceRecord[], q: SpanQuery): ConnectSpan | string {
  const after = records.filter((r) => r.timeUs >= q.requestUs);
  const ev = after.map((r) => ({ r, e: mac80211Event(r) })).filter((x): x is { r: TraceRecord; e: Mac80211Event } => x.e !== undefined);
  const onSta = ev.map((x) => x.e).filter((e) => e.vif === q.vif && e.vifType === VIF_TYPE.STATION);
  const authorized = onSta.find((e) => e.kind === 'sta_state' && e.to === STA_STATE.AUTHORIZED);
  if (!authorized) return `no authorization on ${q.vif} in the trace`;
  const before = (t: number) => (r: TraceRecord) => r.timeUs <= t;
  const scans = after.filter((r) => r.event === 'rdev_scan' && phyOf(r) === q.phy && r.timeUs <= authorized.timeUs);
  if (scans.length === 0) return `no scan by ${q.phy} between the request and the authorization (the connection did not scan)`;
  const firstAuth = onSta.find((e) => e.kind === 'mgd_prepare_tx' && e.subtype === STYPE.AUTH);
  if (!firstAuth) return `no authentication frame from ${q.vif} before the authorization`;
  const ends = after.filter(before(firstAuth.timeUs));
  const ownEnds = ends.filter((r) => r.event === 'api_scan_completed' && phyOf(r) === q.phy);
  const scanEnd = (ownEnds.length ? ownEnds : ends.filter((r) => r.event === 'cfg80211_scan_done')).at(-1);
  if (!scanEnd) return `no scan end traced on ${q.phy} before the first authentication frame`;
  const associated = onSta.filter((e) => e.kind === 'sta_state' && e.to === STA_STATE.ASSOC && e.timeUs <= authorized.timeUs).at(-1);
  if (!associated) return `no association on ${q.vif} before the authorization`;
  const authFrames = onSta.filter((e) => e.kind === 'mgd_prepare_tx' && e.subtype === STYPE.AUTH && e.timeUs <= authorized.timeUs).length;
  return {
    requestUs: q.requestUs, firstScanUs: scans[0]!.timeUs, scanDoneUs: scanEnd.timeUs, firstAuthUs: firstAuth.timeUs, associatedUs: associated.timeUs, authorizedUs: authorized.timeUs,
    scans: scans.length, authFrames,
  };
}

/** Whether a scan of `phy` ended at or after `sinceUs` (its own end traced, else cfg80211's). */
export function scanEnded(records: readonly TraceRecord[], phy: string, sinceUs: number): boolean {
  return records.some((r) => r.timeUs >= sinceUs && ((r.event === 'api_scan_completed' && phyOf(r) === phy) || r.event === 'cfg80211_scan_done'));
}

/** Whether the AP's kernel removed the station `sta` from `apVif` (after a disconnection). */
export function apDropped(records: readonly TraceRecord[], apVif: string, sta: string): boolean {
  return records.map(mac80211Event).some((e) => e?.kind === 'sta_state' && e.vif === apVif && e.vifType === VIF_TYPE.AP && e.sta === sta && e.to === STA_STATE.NOTEXIST);
}
