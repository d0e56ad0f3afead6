// The APs of the `config ap` sections: started with the plugin, and on each reload the
// sections that were added, removed or changed are started, stopped or restarted; the
// others keep running untouched. Serves status, clients and kick.
import { stationLinks } from './station-links.js';
import type { ConfigService, ConfigSection } from '../../core/config/index.js';
import type { ConfigProblem } from '../../core/config/index.js';
import { AP_SECTION, apLinks, isApMld, type ApSettings, type HtMode } from './config.js';
import type { LinkSpec } from './mld-config.js';
import { ApInstance, type ApServices } from './ap-instance.js';
import { ApMld } from './ap-mld.js';
import { ApError } from './errors.js';
import { saeStatusCounters } from './sae-counters.js';
import { authKeyMgmtName } from '../../core/rsn/akm-names.js';
import type { ApRsnCounters } from './ap-rsn.js';
import type { SaQueryCounters } from './sa-query.js';
import { stationStats } from '../../core/nl80211/station-stats.js';
import type { Attrs_nl80211_sta_info } from '../../core/nl80211/gen/schema.generated.js';

/** The RSN counters of an RSN AP in status (absent for an open one). */
function rsnStatusCounters(c: { rsn?: ApRsnCounters; saQuery?: SaQueryCounters }): Record<string, number> {
  const r = c.rsn;
  const q = c.saQuery;
  return {
    ...(r ? {
      handshakes_completed: r.handshakesCompleted, handshakes_failed: r.handshakesFailed,
      eapol_malformed: r.malformed, eapol_mic_failures: r.micFailures, eapol_replays: r.replays,
      eapol_unexpected: r.unexpected + r.eapolUnexpected, eapol_retransmissions: r.retransmissions, eapol_send_errors: r.sendErrors,
      group_rekeys: r.groupRekeys, group_rekey_failures: r.groupRekeyFailures,
      key_seq_read_failures: r.keySeqReadFailures, group_key_updates: r.groupKeyUpdates,
    } : {}),
    ...(q ? { sa_queries_started: q.started, sa_queries_answered: q.answered, sa_queries_timed_out: q.timedOut, sa_query_requests_answered: q.requestsAnswered } : {}),
  };
}

export interface ApStatusView {
  name: string;
  ifname: string;
  phy: string;
  ssid: string;
  bssid: string;
  freq: number;
  channel: number;
  width: string;
  /** The htmode in force (the section's or the radio's default), empty while not running. */
  htmode: string;
  encryption: string;
  state: string;
  error?: string;
  clients: number;
  counters: Record<string, number>;
  /** An AP MLD: its MLD address and each link (bssid/freq/channel/width above are link 0's). */
  mld_addr?: string;
  links?: LinkStatusView[];
}

// A type, not an interface: ubus replies need types with an implicit index signature.
export type LinkStatusView = {
  link_id: number;
  addr: string;
  phy: string;
  freq: number;
  channel: number;
  width: string;
  /** 'removing' while remove_link's announcement counts down (tbtt_left: the AP Removal Timer now). */
  state: 'up' | 'removing';
  tbtt_left?: number;
  /** BSS Parameters Change Count in the link's Multi-Link element. */
  bss_params_change_count: number;
  /** Beacon templates wifid handed to the kernel for the link (START_AP + SET_BEACON), not beacons sent. */
  beacon_updates: number;
};

export interface ClientView {
  ap: string;
  addr: string;
  aid: number;
  akm: string;
  pmf: boolean;
  authorized: boolean;
  connected_s: number;
  signal?: number;
  rx_bytes?: number;
  tx_bytes?: number;
  rx_rate_kbps?: number;
  tx_rate_kbps?: number;
  inactive_ms?: number;
  /** On an AP MLD: whether the client is a non-AP MLD (then `addr` is its MLD address, also in mld_addr). */
  mlo?: boolean;
  mld_addr?: string;
  /** A legacy client's link on an AP MLD. */
  link_id?: number;
  /**
   * A non-AP MLD's links: link id and its address there, with the per-link statistics when
   * the kernel reports them in GET_STATION's NL80211_ATTR_MLO_LINKS (Linux 6.12 reports
   * only the MLD's totals, which are the top-level fields).
   */
  links?: ClientLinkView[];
}

export type ClientLinkView = {
  link_id: number;
  addr: string;
  signal?: number;
  rx_bytes?: number;
  tx_bytes?: number;
  rx_rate_kbps?: number;
  tx_rate_kbps?: number;
};

/** Signal, bytes and rates of a STA_INFO (a station's or one of its links'). */
function stats(k: Attrs_nl80211_sta_info): Pick<ClientView, 'signal' | 'rx_bytes' | 'tx_bytes' | 'rx_rate_kbps' | 'tx_rate_kbps'> {
  const { signal_avg: _avg, ...shown } = stationStats(k).stats;
  return shown;
}

const widthName = (w: string): string => (w === '20_noht' ? '20' : w);

function mldStatus(ap: ApMld): Pick<ApStatusView, 'mld_addr' | 'links'> {
  return {
    ...(ap.mldAddr ? { mld_addr: ap.mldAddr } : {}),
    links: ap.links.map((l) => ({
      link_id: l.linkId!, addr: l.bssid, phy: l.setup.phy, freq: l.channel.freq, channel: l.setup.plan.channel,
      width: widthName(l.channel.width),
      ...(l.removalTbtt !== undefined ? { state: 'removing' as const, tbtt_left: l.removalTbtt } : { state: 'up' as const }),
      bss_params_change_count: l.changeCount, beacon_updates: l.beaconUpdates,
    })),
  };
}

function defaultIfname(section: ConfigSection<ApSettings>): string {
  return `wifid-ap${section.index}`;
}

const sameSettings = (a: ApSettings, b: ApSettings): boolean => JSON.stringify(a) === JSON.stringify(b);

export class ApManager {
  private readonly aps = new Map<string, ApInstance>();
  /** Serialises start/stop/reload work so two reloads never interleave. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly config: ConfigService, private readonly services: ApServices, private readonly reportProblems: (problems: ConfigProblem[]) => void) {}

  /** Starts, stops or restarts APs to match the valid `config ap` sections. */
  sync(): Promise<void> {
    const run = this.chain.then(() => this.apply());
    this.chain = run.catch((err: unknown) => this.services.log.error(`applying the ap sections: ${(err as Error).message}`));
    return run;
  }

  private async apply(): Promise<void> {
    const sections = this.config.sections(AP_SECTION);
    const wanted = new Map(sections.map((s) => [s.name, s]));
    for (const [name, ap] of [...this.aps]) {
      const want = wanted.get(name);
      if (!want || !sameSettings(want.values, ap.settings) || (want.values.ifname ?? defaultIfname(want)) !== ap.ifname) {
        this.aps.delete(name);
        await ap.stop();
      }
    }
    for (const s of sections) {
      if (this.aps.has(s.name)) continue;
      const ifname = s.values.ifname ?? defaultIfname(s);
      const ap = isApMld(s.values) ? new ApMld(s.name, s.values, ifname, this.services) : new ApInstance(s.name, s.values, ifname, this.services);
      this.aps.set(s.name, ap);
      await ap.start();
    }
    this.reportProblems([...this.aps.values()].filter((ap) => ap.state === 'failed').map((ap) => {
      const s = wanted.get(ap.name);
      return { severity: 'error' as const, file: this.config.path, line: s?.line ?? 0, section: ap.name, message: `AP not started: ${ap.error ?? 'unknown error'}` };
    }));
  }

  async stopAll(): Promise<void> {
    await this.chain;
    for (const [name, ap] of [...this.aps]) {
      this.aps.delete(name);
      await ap.stop().catch((err: unknown) => this.services.log.warn(`stopping AP ${name}: ${(err as Error).message}`));
    }
    this.reportProblems([]);
  }

  /** An interface removed behind wifid's back. */
  interfaceGone(wdev: bigint): void {
    for (const ap of this.aps.values()) if (ap.wdev === wdev) ap.gone('removed by the kernel');
  }

  private select(name: string | undefined): ApInstance[] {
    if (name === undefined) return [...this.aps.values()];
    const ap = this.aps.get(name);
    if (!ap) throw new ApError('NOT_FOUND', `no AP named '${name}' (configured: ${[...this.aps.keys()].join(', ') || 'none'})`);
    return [ap];
  }

  status(name?: string): ApStatusView[] {
    return this.select(name).map((ap) => {
      const link = ap.hasLink ? ap.link : undefined;
      const c = ap.mlme.counters;
      return {
        name: ap.name,
        ifname: ap.ifname,
        phy: link?.setup.phy ?? apLinks(ap.settings)[0]!.phy,
        ssid: ap.settings.ssid,
        bssid: link?.bssid ?? '',
        freq: link?.channel.freq ?? 0,
        channel: link?.setup.plan.channel ?? apLinks(ap.settings)[0]!.channel,
        width: link ? (link.channel.width === '20_noht' ? '20' : link.channel.width) : '',
        htmode: link?.setup.plan.htmode ?? ap.settings.htmode ?? '',
        encryption: ap.settings.encryption,
        state: ap.state,
        ...(ap.error ? { error: ap.error } : {}),
        clients: ap.stations.associatedCount,
        counters: {
          bad_auth: c.bad.auth, bad_assoc: c.bad.assoc, bad_deauth_disassoc: c.bad.leave, bad_probe: c.bad.probe, bad_other: c.bad.other,
          auth_refused: c.authRefused, assoc_refused: c.assocRefused, probe_answered: c.probeAnswered, ml_probe_answered: c.mlProbeAnswered,
          duplicates: c.duplicates, assoc_superseded: c.assocSuperseded, assoc_updated: c.assocUpdated,
          beacon_updates: link?.beaconUpdates ?? 0,
          ...rsnStatusCounters(ap.rsnCounters()),
          ...(ap.sae ? saeStatusCounters(ap.sae.counters) : {}),
        },
        ...(ap instanceof ApMld ? mldStatus(ap) : {}),
      };
    });
  }

  async clients(name?: string): Promise<ClientView[]> {
    const out: ClientView[] = [];
    for (const ap of this.select(name)) {
      if (ap.state !== 'running') continue;
      const kernel = await ap.kernelStationViews();
      const now = ap.clock.now();
      for (const sta of ap.stations.list()) {
        if (sta.aid === undefined) continue;
        const view = kernel.get(sta.addr);
        const k = view?.info;
        const sl = stationLinks(sta);
        const links = sl.links?.map((l): ClientLinkView => {
          const li = view?.links.find((x) => x.linkId === l.link_id)?.info;
          return { ...l, ...(li ? stats(li) : {}) };
        });
        out.push({
          ap: ap.name,
          addr: sta.addr,
          aid: sta.aid,
          akm: authKeyMgmtName(sta.akm),
          pmf: sta.pmf,
          authorized: sta.state === 'authorized',
          connected_s: k?.CONNECTED_TIME ?? Math.floor((now - (sta.associatedAt ?? now)) / 1000),
          ...(k ? stats(k) : {}),
          ...(k?.INACTIVE_TIME !== undefined ? { inactive_ms: k.INACTIVE_TIME } : {}),
          ...(sl.mlo !== undefined ? { mlo: sl.mlo } : {}),
          ...(sl.mld_addr !== undefined ? { mld_addr: sl.mld_addr } : {}),
          ...(sl.link_id !== undefined ? { link_id: sl.link_id } : {}),
          ...(links ? { links } : {}),
        });
      }
    }
    return out;
  }

  /** The AP MLD `name`; a missing AP or a single-link one is refused. */
  private mld(name: string): ApMld {
    const [ap] = this.select(name);
    if (!(ap instanceof ApMld)) throw new ApError('NOT_SUPPORTED', `AP ${name} is not an AP MLD (a section with two or more 'list link' is)`);
    return ap;
  }

  /** add_link: the new link's id, address and channel. */
  async addLink(name: string, spec: LinkSpec<HtMode>): Promise<{ link_id: number; addr: string; freq: number; channel: number }> {
    const link = await this.mld(name).addLink(spec);
    return { link_id: link.linkId!, addr: link.bssid, freq: link.channel.freq, channel: link.setup.plan.channel };
  }

  /** remove_link: announced for `announceTbtt` TBTTs (0: removed at once). */
  async removeLink(name: string, linkId: number, announceTbtt: number): Promise<{ link_id: number; addr: string; tbtt_left: number; state: 'removing' | 'removed' }> {
    const { link, tbtt } = await this.mld(name).removeLink(linkId, announceTbtt);
    return { link_id: linkId, addr: link.bssid, tbtt_left: tbtt, state: tbtt > 0 ? 'removing' : 'removed' };
  }

  /** Kicks `addr` from whichever AP holds it; returns that AP's name. */
  async kick(addr: string, reason: number, banS: number): Promise<string> {
    for (const ap of this.aps.values()) {
      if (ap.state === 'running' && ap.stations.get(addr)?.aid !== undefined) {
        await ap.kick(addr, reason, banS);
        return ap.name;
      }
    }
    throw new ApError('NOT_FOUND', `no AP has a client ${addr}`);
  }

}
