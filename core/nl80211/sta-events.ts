// The MLME events of a station with its SME in wifid (mlme multicast group), read into what
// the SME acts on. Attributes as cfg80211 (Linux 6.12, net/wireless/nl80211.c) writes them:
// nl80211_send_mlme_event (FRAME; REQ_IE for ASSOCIATE), nl80211_send_mlme_timeout
// (TIMED_OUT + MAC), nl80211_send_connect_result (STATUS_CODE, MAC or MLD_ADDR, MLO_LINKS,
// TIMED_OUT + TIMEOUT_REASON), nl80211_send_disconnected (REASON_CODE, DISCONNECTED_BY_AP),
// cfg80211_links_removed (MLO_LINKS of MLO_LINK_ID). The frames are not parsed here: they
// came from the air, their parsers (core/ieee80211) count and drop the malformed.
import type { Attrs_nl80211_attrs } from './gen/schema.generated.js';

/** The commands a station SME subscribes to. */
export const STA_MLME_EVENTS = ['AUTHENTICATE', 'ASSOCIATE', 'DEAUTHENTICATE', 'DISASSOCIATE', 'CONNECT', 'DISCONNECT', 'LINKS_REMOVED'] as const;
export type StaMlmeCommand = (typeof STA_MLME_EVENTS)[number];

/** One link of a CONNECT event: the affiliated AP it was set up with, or refused. */
export interface ConnectLink {
  linkId: number;
  bssid?: string;
  /** Our address on that link. */
  addr?: string;
  /** A link the AP refused in its response (per-link status). */
  status?: number;
}

export type StaMlmeEvent =
  /** An Authentication frame from the AP (SAE: each of its commits and confirms). */
  | { kind: 'auth'; frame: Uint8Array }
  /** mac80211 gave up (no answer after its retries). `addr`: the BSSID or AP MLD address. */
  | { kind: 'auth_timeout'; addr?: string }
  /** The (Re)Association Response; `reqIe`: the elements mac80211 put in the request (with the ML element it built). */
  | { kind: 'assoc'; frame: Uint8Array; reqIe?: Uint8Array }
  | { kind: 'assoc_timeout'; addr?: string }
  /** A Deauthentication or Disassociation frame, received or the one we sent. */
  | { kind: 'deauth' | 'disassoc'; frame: Uint8Array }
  | { kind: 'connect'; status: number; bssid?: string; apMldAddr?: string; timedOut: boolean; timeoutReason?: number; links: ConnectLink[] }
  | { kind: 'disconnect'; reason?: number; byAp: boolean }
  | { kind: 'links_removed'; linkIds: number[] };

/** An MLME event of a station, or null when it lacks what makes it usable (counted by the caller). */
export function decodeStaMlmeEvent(cmd: string, a: Attrs_nl80211_attrs): StaMlmeEvent | null {
  switch (cmd) {
    case 'AUTHENTICATE':
      if (a.TIMED_OUT) return a.MAC !== undefined ? { kind: 'auth_timeout', addr: a.MAC } : { kind: 'auth_timeout' };
      return a.FRAME ? { kind: 'auth', frame: a.FRAME } : null;
    case 'ASSOCIATE':
      if (a.TIMED_OUT) return a.MAC !== undefined ? { kind: 'assoc_timeout', addr: a.MAC } : { kind: 'assoc_timeout' };
      if (!a.FRAME) return null;
      return a.REQ_IE ? { kind: 'assoc', frame: a.FRAME, reqIe: a.REQ_IE } : { kind: 'assoc', frame: a.FRAME };
    case 'DEAUTHENTICATE':
    case 'DISASSOCIATE':
      return a.FRAME ? { kind: cmd === 'DEAUTHENTICATE' ? 'deauth' : 'disassoc', frame: a.FRAME } : null;
    case 'CONNECT': {
      const links: ConnectLink[] = (a.MLO_LINKS ?? []).filter((l) => l.MLO_LINK_ID !== undefined).map((l) => ({
        linkId: l.MLO_LINK_ID!,
        ...(l.BSSID !== undefined ? { bssid: l.BSSID } : {}),
        ...(l.MAC !== undefined ? { addr: l.MAC } : {}),
        ...(l.STATUS_CODE !== undefined ? { status: l.STATUS_CODE } : {}),
      })).sort((x, y) => x.linkId - y.linkId);
      return {
        kind: 'connect',
        // cfg80211 writes STATUS_CODE always but for a timeout (then TIMED_OUT); 1 = unspecified failure.
        status: a.STATUS_CODE ?? (a.TIMED_OUT ? 1 : 0),
        ...(a.MAC !== undefined ? { bssid: a.MAC } : {}),
        ...(a.MLD_ADDR !== undefined ? { apMldAddr: a.MLD_ADDR } : {}),
        timedOut: a.TIMED_OUT === true,
        ...(a.TIMEOUT_REASON !== undefined ? { timeoutReason: a.TIMEOUT_REASON } : {}),
        links,
      };
    }
    case 'DISCONNECT':
      return { kind: 'disconnect', ...(a.REASON_CODE !== undefined ? { reason: a.REASON_CODE } : {}), byAp: a.DISCONNECTED_BY_AP === true };
    case 'LINKS_REMOVED': {
      const linkIds = (a.MLO_LINKS ?? []).map((l) => l.MLO_LINK_ID).filter((id): id is number => id !== undefined).sort((x, y) => x - y);
      return linkIds.length ? { kind: 'links_removed', linkIds } : null;
    }
    default:
      return null;
  }
}
