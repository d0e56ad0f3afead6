// `ubus call wifid txq`: the queue's accounting, per lane and class, in the ubus
// engineer's method shape (the lead merges this table into the `wifid` object).
import type { UbusReply } from '../ubus/client.js';
import type { AccessMethod } from '../ubus/access.js';
import type { TxQueue, TxQueueSnapshot } from './queue.js';
import { TX_CLASSES } from './types.js';

/** Up to 2^53 a wdev id is an exact JSON number; beyond, a string keeps it exact. */
function wdevOut(w: bigint): number | string {
  return w <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(w) : w.toString();
}

/** Milliseconds rounded to the microsecond: enough to tell 0.02 ms from 1 ms. */
function ms(v: number | undefined): number | undefined {
  return v === undefined ? undefined : Math.round(v * 1000) / 1000;
}

export function txqReport(s: TxQueueSnapshot): UbusReply {
  return {
    lanes: s.lanes.map((l) => {
      const classes: Record<string, Record<string, number>> = {};
      for (const c of TX_CLASSES) {
        const k = l.classes[c];
        const row: Record<string, number> = {
          queued: k.queued,
          in_flight: k.inFlight,
          sent: k.sent,
          acked: k.acked,
          noack: k.noack,
          failed: k.failed,
          rejected: k.rejected,
          promoted: k.promoted,
        };
        const p50 = ms(k.delayP50Ms);
        const p99 = ms(k.delayP99Ms);
        if (p50 !== undefined) row.delay_p50_ms = p50;
        if (p99 !== undefined) row.delay_p99_ms = p99;
        classes[c] = row;
      }
      return l.linkId === undefined ? { wdev: wdevOut(l.wdev), classes } : { wdev: wdevOut(l.wdev), link_id: l.linkId, classes };
    }),
    totals: s.totals,
    sending: s.sending,
    status_timeouts: s.events.statusTimeouts,
    late_statuses: s.events.lateStatuses,
    unmatched_statuses: s.events.unmatchedStatuses,
    rejected_at_submit: s.events.rejectedAtSubmit,
  };
}

export function txqUbusMethods(queue: Pick<TxQueue, 'snapshot'>): Record<'txq', AccessMethod> {
  return {
    txq: {
      access: 'read',
      policy: {},
      handler: async () => txqReport(queue.snapshot()),
    },
  };
}
