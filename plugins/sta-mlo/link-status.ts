// The kernel's figures of a connection in `wifid.sta status`, read when status is asked:
// GET_STATION of the station entry mac80211 keeps for the AP (keyed by the AP MLD's address
// over links, else the BSSID) for signal, bytes and rates; GET_INTERFACE for the station's
// own address on each link (what `iw dev <sta> info` lists).
//
// What Linux 6.12 gives for a multi-link connection (net/wireless/nl80211.c,
// net/mac80211/sta_info.c): GET_STATION takes no link id (nl80211_get_station reads
// NL80211_ATTR_MAC only) and its reply has no NL80211_ATTR_MLO_LINKS (nl80211_send_station
// writes no per-link part); sta_set_sinfo fills the one STA_INFO from the station's default
// link, which for a station is its association link: SIGNAL/SIGNAL_AVG and RX_BYTES are
// that link's (mac80211 counts reception per link station), TX_BYTES the whole MLD's
// (transmission is counted on the default link whatever link sends), and no TX_BITRATE or
// RX_BITRATE at all for a multi-link peer. So those figures are shown at the connection's
// level, as the kernel has them; a link shows figures only from a kernel that reports
// them per link (a STA_INFO inside MLO_LINKS, struct link_station_info in later kernels).
import { Nl80211Error } from '../../core/nl80211/errors.js';
import { getStations, type Nl80211Requester } from '../../core/nl80211/ap-commands.js';
import { decodeStation, readLinks } from '../../core/nl80211/mld-commands.js';
import { stationStats, type StationStats } from '../../core/nl80211/station-stats.js';
import type { ConnectionView } from './connector.js';

/** One link of a connection in status. */
export type ConnectionLinkView = {
  link_id: number;
  /** The station's own address on the link (GET_INTERFACE's MLO_LINKS). */
  addr?: string;
  bssid: string;
  freq: number;
} & StationStats;

/** What the kernel said of a connection; `problems`: what could not be read, in words. */
export interface KernelFigures {
  stats: StationStats;
  /** Per-link figures, by link id, where the kernel reports them per link. */
  linkStats: Map<number, StationStats>;
  /** The station's own address on each link, by link id. */
  ownLinkAddrs: Map<number, string>;
  problems: string[];
}

const why = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Reads GET_STATION of `apAddr` (and, over links, GET_INTERFACE) on interface `ifindex`; never throws. */
export async function readKernelFigures(nl: Nl80211Requester, ifindex: number, apAddr: string, mlo: boolean): Promise<KernelFigures> {
  const out: KernelFigures = { stats: {}, linkStats: new Map(), ownLinkAddrs: new Map(), problems: [] };
  try {
    const replies = await getStations(nl, ifindex, apAddr);
    const view = replies[0] ? decodeStation(replies[0]) : null;
    if (!view) {
      out.problems.push(`GET_STATION ${apAddr}: ${replies.length ? 'the reply has no NL80211_ATTR_MAC' : 'no reply'}`);
    } else if (view.addr !== apAddr) {
      out.problems.push(`GET_STATION ${apAddr}: the reply is about ${view.addr}`);
    } else {
      const top = stationStats(view.info);
      out.stats = top.stats;
      for (const name of top.rejected) out.problems.push(`GET_STATION ${apAddr}: ${name} without a usable rate`);
      for (const l of view.links) {
        if (!l.info) continue;
        const s = stationStats(l.info);
        out.linkStats.set(l.linkId, s.stats);
        for (const name of s.rejected) out.problems.push(`GET_STATION ${apAddr}: link ${l.linkId}'s ${name} without a usable rate`);
      }
    }
  } catch (err) {
    out.problems.push(err instanceof Nl80211Error ? `${err.message} (${apAddr})` : `GET_STATION ${apAddr}: ${why(err)}`);
  }
  if (mlo) {
    try {
      for (const l of await readLinks(nl, ifindex)) out.ownLinkAddrs.set(l.linkId, l.addr);
    } catch (err) {
      // Both name the command: "GET_INTERFACE: ENODEV", "GET_INTERFACE 7: the reply lacks ...".
      out.problems.push(why(err));
    }
  }
  return out;
}

/** `links` (the SME's: the links set up and not removed) with the kernel's addresses and per-link figures. */
export function linksWithFigures(links: readonly { link_id: number; bssid: string; freq: number }[], k: KernelFigures): ConnectionLinkView[] {
  return links.map((l) => {
    const addr = k.ownLinkAddrs.get(l.link_id);
    return { link_id: l.link_id, ...(addr ? { addr } : {}), bssid: l.bssid, freq: l.freq, ...k.linkStats.get(l.link_id) };
  });
}

/**
 * The connected `view` with the kernel's figures: the station entry's at the connection's
 * level, each link's address and its own figures where the kernel has them; `kernel_error`
 * says what could not be read (the rest of the view stands).
 */
export async function withKernelFigures(view: ConnectionView, nl: Nl80211Requester, ifindex: number): Promise<{ view: ConnectionView; problems: string[] }> {
  const apAddr = view.ap_mld_addr ?? view.bssid;
  if (view.state !== 'connected' || apAddr === undefined) return { view, problems: [] };
  const k = await readKernelFigures(nl, ifindex, apAddr, view.links !== undefined);
  return {
    view: { ...view, ...k.stats, ...(view.links ? { links: linksWithFigures(view.links, k) } : {}), ...(k.problems.length ? { kernel_error: k.problems.join('; ') } : {}) },
    problems: k.problems,
  };
}
