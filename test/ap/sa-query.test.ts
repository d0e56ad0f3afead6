// SA Query for a PMF station's (re)association (plugins/mld-ap/sa-query.ts, 802.11-2020
// 11.13): status 30 with the association comeback time, SA Query Requests retried every
// 201 TU, the association kept when the station answers and replaced after 1000 TU of silence.
import { describe, expect, it } from 'vitest';
import { parseTimeoutInterval, TimeoutIntervalType } from '../../core/ieee80211/assoc.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { buildSaQuery, parseSaQuery, SaQueryAction, type SaQueryFrame } from '../../core/ieee80211/sa-query.js';
import { StatusCode } from '../../core/ieee80211/status-codes.js';
import { SaQueries } from '../../plugins/mld-ap/sa-query.js';
import { ManualClock } from '../txq/fakes.js';

const BSSID = macFromString('02:00:00:00:00:00');
const STA = '02:00:00:00:01:00';

function world() {
  const clock = new ManualClock();
  const sent: Array<{ addr: string; frame: SaQueryFrame }> = [];
  const q = new SaQueries({ clock, bssid: () => BSSID, send: async (frame, addr) => { sent.push({ addr, frame: parseSaQuery(frame) }); }, log: () => {} });
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
