// SA Query for stations with management frame protection (IEEE 802.11-2020 11.13): an
// unprotected (re)association request for a station that holds a PMF association may be
// forged, so the AP refuses it with status 30 (REFUSED_TEMPORARILY) and a Timeout
// Interval element (association comeback time) and asks the associated station, with a
// protected SA Query Request, whether it is still there. If it answers, it keeps its
// association (the request was not its own); if no answer comes within
// dot11AssociationSAQueryMaximumTimeout, the next request replaces the association.
// The AP also answers SA Query Requests stations send it (11.13.2). On an AP MLD a non-AP
// MLD's queries go between MLD addresses on the link mac80211 picks, a legacy station's on
// its link between its link's addresses (station-route.ts).
import { nodeCrypto } from '../../core/crypto/node-crypto.js';
import { TimeoutIntervalType } from '../../core/ieee80211/assoc.js';
import { macEquals, macToString } from '../../core/ieee80211/mac-address.js';
import { buildSaQuery, parseSaQuery, SaQueryAction, SA_QUERY_TRANSACTION_ID_LEN } from '../../core/ieee80211/sa-query.js';
import { StatusCode } from '../../core/ieee80211/status-codes.js';
import type { MonotonicClock, TimerHandle } from '../../core/txq/clock.js';
import type { StationRoute } from './station-route.js';

/** 802.11 TU in ms. */
const TU_MS = 1.024;
/** dot11AssociationSAQueryMaximumTimeout and ...RetryTimeout, TUs (hostapd's defaults, assoc_sa_query_*). */
export const SA_QUERY_MAX_TU = 1000;
export const SA_QUERY_RETRY_TU = 201;

export interface SaQueryHost {
  clock: MonotonicClock;
  /** How frames to station `addr` are addressed, and its link. */
  route(addr: string): StationRoute;
  send(frame: Uint8Array, addr: string, linkId: number | undefined): Promise<unknown>;
  log(message: string): void;
}

export interface SaQueryRefusal {
  status: number;
  why: string;
  timeoutInterval: { type: number; value: number };
}

interface Query {
  startedAt: number;
  ids: Uint8Array[];
  timer: TimerHandle | undefined;
  timedOut: boolean;
}

export interface SaQueryCounters {
  started: number;
  answered: number;
  timedOut: number;
  requestsAnswered: number;
}

export class SaQueries {
  readonly counters: SaQueryCounters = { started: 0, answered: 0, timedOut: 0, requestsAnswered: 0 };
  private readonly queries = new Map<string, Query>();

  constructor(private readonly host: SaQueryHost, private readonly maxTu = SA_QUERY_MAX_TU, private readonly retryTu = SA_QUERY_RETRY_TU) {}

  /**
   * A (re)association request of `addr`, which holds a PMF association: the refusal while
   * the station may still be there (a query started or running), or undefined once a query
   * went unanswered (the association may be replaced).
   */
  checkReassociation(addr: string): SaQueryRefusal | undefined {
    let q = this.queries.get(addr);
    if (q?.timedOut) {
      this.forget(addr);
      return undefined;
    }
    if (!q) {
      q = { startedAt: this.host.clock.now(), ids: [], timer: undefined, timedOut: false };
      this.queries.set(addr, q);
      this.counters.started++;
      this.request(addr, q);
    }
    const passedTu = (this.host.clock.now() - q.startedAt) / TU_MS;
    // The comeback time is what is left of the query, plus one TU so the station comes back after it ends.
    const comeback = Math.max(1, Math.ceil(this.maxTu - passedTu) + 1);
    return {
      status: StatusCode.REFUSED_TEMPORARILY,
      why: 'the station holds a PMF association: SA Query under way',
      timeoutInterval: { type: TimeoutIntervalType.ASSOCIATION_COMEBACK_TIME, value: comeback },
    };
  }

  /** An SA Query action frame from the air (mac80211 checked its protection). */
  onFrame(frame: Uint8Array): void {
    const f = parseSaQuery(frame);
    const addr = macToString(f.sa);
    const route = this.host.route(addr);
    if (!macEquals(f.bssid, route.bssid)) return;
    if (f.action === SaQueryAction.REQUEST) {
      this.counters.requestsAnswered++;
      void this.host.send(buildSaQuery({ da: f.sa, sa: route.bssid, bssid: route.bssid, action: SaQueryAction.RESPONSE, transactionId: f.transactionId }), addr, route.linkId);
      return;
    }
    const q = this.queries.get(addr);
    if (!q || q.timedOut || !q.ids.some((id) => id[0] === f.transactionId[0] && id[1] === f.transactionId[1])) return;
    this.counters.answered++;
    this.host.log(`${addr}: answered the SA Query: its association stays`);
    this.forget(addr);
  }

  /** The station left or was replaced: its query ends. */
  forget(addr: string): void {
    const q = this.queries.get(addr);
    if (q?.timer !== undefined) this.host.clock.clearTimer(q.timer);
    this.queries.delete(addr);
  }

  stop(): void {
    for (const addr of [...this.queries.keys()]) this.forget(addr);
  }

  private request(addr: string, q: Query): void {
    const id = new Uint8Array(nodeCrypto().randomBytes(SA_QUERY_TRANSACTION_ID_LEN));
    q.ids.push(id);
    const route = this.host.route(addr);
    void this.host.send(buildSaQuery({ da: route.da, sa: route.bssid, bssid: route.bssid, action: SaQueryAction.REQUEST, transactionId: id }), addr, route.linkId);
    q.timer = this.host.clock.setTimer(() => {
      q.timer = undefined;
      if ((this.host.clock.now() - q.startedAt) / TU_MS >= this.maxTu) {
        q.timedOut = true;
        this.counters.timedOut++;
        this.host.log(`${addr}: no answer to the SA Query: the next association replaces it`);
      } else {
        this.request(addr, q);
      }
    }, this.retryTu * TU_MS);
  }
}
