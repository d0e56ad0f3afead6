// SA Query for a PMF station's (re)association (plugins/mld-ap/sa-query.ts, 802.11-2020
// 11.13): status 30 with the association comeback time, SA Query Requests retried every
// 201 TU, the association kept when the station answers and replaced after 1000 TU of silence.
import { describe, expect, it } from 'vitest';
import { parseTimeoutInterval, TimeoutIntervalType } from '../../core/ieee80211/assoc.js';
import { macFromString, macToString } from '../../core/ieee80211/mac-address.js';
import { buildSaQuery, parseSaQuery, SaQueryAction, type SaQueryFrame } from '../../core/ieee80211/sa-query.js';
import { StatusCode } from '../../core/ieee80211/status-codes.js';
import type { ApLink } from '../../plugins/mld-ap/ap-link.js';
import { linkAddress } from '../../plugins/mld-ap/mld-config.js';
import { SaQueries } from '../../plugins/mld-ap/sa-query.js';
import { stationRoute } from '../../plugins/mld-ap/station-route.js';
import type { ApStation } from '../../plugins/mld-ap/station-table.js';
import { ManualClock } from '../txq/fakes.js';

const BSSID = macFromString('02:00:00:00:00:00');
const STA = '02:00:00:00:01:00';

function world() {
  const clock = new ManualClock();
  const sent: Array<{ addr: string; frame: SaQueryFrame }> = [];
  const q = new SaQueries({ clock, route: (addr) => ({ da: macFromString(addr), bssid: BSSID }), send: async (frame, addr) => { sent.push({ addr, frame: parseSaQuery(frame) }); }, log: () => {} });
  const answer = (id: Uint8Array, action: number = SaQueryAction.RESPONSE) =>
    q.onFrame(buildSaQuery({ da: BSSID, sa: macFromString(STA), bssid: BSSID, action, transactionId: id }));
  return { clock, sent, q, answer };
}

describe('SA Query of a PMF station that reassociates', () => {
  it('refuses with status 30 and the comeback time, asks the station; it answers: the association stays, a new request starts a new query', () => {
    const w = world();
    const r = w.q.checkReassociation(STA)!;
    expect(r).toMatchObject({ status: StatusCode.REFUSED_TEMPORARILY, timeoutInterval: { type: TimeoutIntervalType.ASSOCIATION_COMEBACK_TIME, value: 1001 } });
    expect(w.sent).toHaveLength(1);
    expect(w.sent[0]).toMatchObject({ addr: STA, frame: { action: SaQueryAction.REQUEST } });
    // A second request during the query: refused again, comeback time shorter, no new query.
    w.clock.advance(102.4);
    expect(w.q.checkReassociation(STA)!.timeoutInterval.value).toBe(901);
    expect(w.sent).toHaveLength(1);
    // A response with another transaction identifier is not the answer.
    w.answer(new Uint8Array([0xde, 0xad]));
    expect(w.q.counters.answered).toBe(0);
    w.answer(w.sent[0]!.frame.transactionId);
    expect(w.q.counters).toMatchObject({ started: 1, answered: 1, timedOut: 0 });
    w.clock.advance(5000);
    expect(w.sent).toHaveLength(1);
    expect(w.q.checkReassociation(STA)?.status).toBe(StatusCode.REFUSED_TEMPORARILY);
    expect(w.q.counters.started).toBe(2);
  });

  it('no answer: requests every 201 TU until 1000 TU passed, then the next request is accepted (the association is replaced)', () => {
    const w = world();
    expect(w.q.checkReassociation(STA)?.status).toBe(StatusCode.REFUSED_TEMPORARILY);
    w.clock.advance(1100);
    expect(w.sent).toHaveLength(5);
    expect(new Set(w.sent.map((s) => Buffer.from(s.frame.transactionId).toString('hex'))).size).toBe(5);
    expect(w.q.counters.timedOut).toBe(1);
    // A late answer changes nothing.
    w.answer(w.sent[4]!.frame.transactionId);
    expect(w.q.counters.answered).toBe(0);
    expect(w.q.checkReassociation(STA)).toBeUndefined();
    expect(w.clock.pendingTimers).toBe(0);
  });

  it('answers a station\'s SA Query Request with its transaction identifier', () => {
    const w = world();
    w.answer(new Uint8Array([1, 2]), SaQueryAction.REQUEST);
    expect(w.sent).toEqual([{ addr: STA, frame: expect.objectContaining({ action: SaQueryAction.RESPONSE, transactionId: new Uint8Array([1, 2]) }) }]);
    expect(Buffer.from(w.sent[0]!.frame.da).equals(Buffer.from(macFromString(STA)))).toBe(true);
    expect(w.q.counters.requestsAnswered).toBe(1);
  });

  it('the Timeout Interval element the response carries reads back', () => {
    const w = world();
    const t = w.q.checkReassociation(STA)!.timeoutInterval;
    const body = new Uint8Array([t.type, t.value & 0xff, (t.value >> 8) & 0xff, 0, 0]);
    expect(parseTimeoutInterval(body)).toEqual(t);
  });
});

describe('SA Query on an AP MLD (routes of station-route.ts)', () => {
  const AP_MLD = '06:4d:4c:44:00:00';
  const STA_MLD = '02:00:00:00:10:00';
  const LEGACY = '02:00:00:00:20:00';

  /** An AP MLD of two links with a non-AP MLD on both and a legacy station on link 1. */
  function mldWorld() {
    const clock = new ManualClock();
    const links = [0, 1].map((linkId) => ({ linkId, bssidBytes: macFromString(linkAddress(AP_MLD, linkId)) })) as unknown as ApLink[];
    const stations = new Map<string, Partial<ApStation>>([
      [STA_MLD, { addr: STA_MLD, inKernel: true, linkId: 0, mld: { linkAddr: '02:00:00:00:10:01', links: [{ linkId: 0, addr: '02:00:00:00:10:01' }, { linkId: 1, addr: '02:00:00:00:10:02' }] } }],
      [LEGACY, { addr: LEGACY, inKernel: true, linkId: 1 }],
    ]);
    const ap = { link: links[0]!, links, mldAddrBytes: macFromString(AP_MLD) };
    const sent: Array<{ addr: string; linkId: number | undefined; frame: SaQueryFrame }> = [];
    const q = new SaQueries({
      clock, route: (addr) => stationRoute(ap, addr, stations.get(addr) as ApStation | undefined),
      send: async (frame, addr, linkId) => { sent.push({ addr, linkId, frame: parseSaQuery(frame) }); }, log: () => {},
    });
    return { q, sent };
  }

  it("queries a non-AP MLD between MLD addresses on the link mac80211 picks, and takes its answer as mac80211 hands it up (translated to MLD addresses)", () => {
    const w = mldWorld();
    w.q.checkReassociation(STA_MLD);
    const req = w.sent[0]!;
    expect({ linkId: req.linkId, da: macToString(req.frame.da), sa: macToString(req.frame.sa), bssid: macToString(req.frame.bssid) }).toEqual({ linkId: undefined, da: STA_MLD, sa: AP_MLD, bssid: AP_MLD });
    // An answer naming link 0's BSSID is not one mac80211 would hand up for an MLD: ignored.
    w.q.onFrame(buildSaQuery({ da: macFromString(linkAddress(AP_MLD, 0)), sa: macFromString(STA_MLD), bssid: macFromString(linkAddress(AP_MLD, 0)), action: SaQueryAction.RESPONSE, transactionId: req.frame.transactionId }));
    expect(w.q.counters.answered).toBe(0);
    w.q.onFrame(buildSaQuery({ da: macFromString(AP_MLD), sa: macFromString(STA_MLD), bssid: macFromString(AP_MLD), action: SaQueryAction.RESPONSE, transactionId: req.frame.transactionId }));
    expect(w.q.counters.answered).toBe(1);
  });

  it("queries a legacy station on link 1 of the AP MLD from link 1's BSSID, on link 1, and answers its requests there", () => {
    const w = mldWorld();
    const link1 = linkAddress(AP_MLD, 1);
    w.q.checkReassociation(LEGACY);
    expect({ linkId: w.sent[0]!.linkId, da: macToString(w.sent[0]!.frame.da), sa: macToString(w.sent[0]!.frame.sa), bssid: macToString(w.sent[0]!.frame.bssid) }).toEqual({ linkId: 1, da: LEGACY, sa: link1, bssid: link1 });
    w.q.onFrame(buildSaQuery({ da: macFromString(link1), sa: macFromString(LEGACY), bssid: macFromString(link1), action: SaQueryAction.REQUEST, transactionId: new Uint8Array([7, 7]) }));
    expect({ linkId: w.sent[1]!.linkId, action: w.sent[1]!.frame.action, sa: macToString(w.sent[1]!.frame.sa) }).toEqual({ linkId: 1, action: SaQueryAction.RESPONSE, sa: link1 });
    // A request naming link 0's BSSID from the station on link 1 is not for it: no answer.
    w.q.onFrame(buildSaQuery({ da: macFromString(linkAddress(AP_MLD, 0)), sa: macFromString(LEGACY), bssid: macFromString(linkAddress(AP_MLD, 0)), action: SaQueryAction.REQUEST, transactionId: new Uint8Array([8, 8]) }));
    expect(w.sent).toHaveLength(2);
  });
});
