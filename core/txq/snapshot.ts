// What the TX queue reports of itself (`wifid txq`): counters per lane and class, totals
// over every lane, and events that concern no single frame.
import type { ClassCounters, LaneState } from './lane.js';
import { TX_CLASSES, type TxClass } from './types.js';

export interface TxQueueEvents {
  statusTimeouts: number;
  /** TX statuses that came after their frame had timed out (late, not lost). */
  lateStatuses: number;
  /** TX statuses that matched no frame of ours (other senders, or after a timeout). */
  unmatchedStatuses: number;
  /** Submissions rejected before reaching a lane (malformed, or lane unknown). */
  rejectedAtSubmit: number;
}

export interface LaneSnapshot {
  wdev: bigint;
  linkId?: number;
  classes: Record<TxClass, Omit<ClassCounters, 'delays'> & { delayP50Ms?: number; delayP99Ms?: number; delaySamples: number }>;
}

export interface TxQueueSnapshot {
  lanes: LaneSnapshot[];
  /** Cumulative per class over every lane, including lanes that are gone. */
  totals: Record<TxClass, { sent: number; acked: number; noack: number; failed: number; rejected: number }>;
  sending: number;
  events: TxQueueEvents;
}

export type Totals = TxQueueSnapshot['totals'];

export function newTotals(): Totals {
  const t = {} as Totals;
  for (const c of TX_CLASSES) t[c] = { sent: 0, acked: 0, noack: 0, failed: 0, rejected: 0 };
  return t;
}

/** Copies the counters, so the snapshot stays as it was while the queue goes on. */
export function takeSnapshot(laneList: readonly LaneState[], totalsNow: Totals, sending: number, events: TxQueueEvents): TxQueueSnapshot {
  const lanes: LaneSnapshot[] = [];
  for (const lane of laneList) {
    const classes = {} as LaneSnapshot['classes'];
    for (const c of TX_CLASSES) {
      const { delays, ...counts } = lane.counters[c];
      classes[c] = { ...counts, delayP50Ms: delays.percentile(50), delayP99Ms: delays.percentile(99), delaySamples: delays.size };
    }
    lanes.push(lane.linkId === undefined ? { wdev: lane.wdev, classes } : { wdev: lane.wdev, linkId: lane.linkId, classes });
  }
  const totals = newTotals();
  for (const c of TX_CLASSES) totals[c] = { ...totalsNow[c] };
  return { lanes, totals, sending, events: { ...events } };
}
