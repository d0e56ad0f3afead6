// Judging txq_air_order_and_ack: whether the queue's outcomes agree with what the air
// and the receiving station saw. Delivery is judged by the station's own frame
// registration on nl80211, which cannot lose a frame without the kernel saying so
// (ENOBUFS on its socket). The hwsim0 monitor can: its records go through per-CPU
// backlogs (reordered across CPUs, dropped when full) and tcpdump's socket (dropped when
// full), so it is judged by counts, and a record it misses is forgiven only as far as
// the drops measured on its way reach.
import type { TxOutcome } from '../../core/txq/types.js';
import { ackReceiver, tagOfAction } from './txq-fixture.js';

export interface AirEvidence {
  /** Frames submitted, tagged 0 .. n-1. */
  n: number;
  /** Whether frame `tag` went to the associated station (else to an address nobody has). */
  toStation(tag: number): boolean;
  /** The queue's outcome of each frame, by tag. */
  outcomes: readonly TxOutcome[];
  /** Tags the station's frame registration received, in arrival order. */
  delivered: readonly number[];
  /** ENOBUFS seen on the station's event socket while it listened. */
  stationOverruns: number;
  /** The hwsim0 records (802.11 frames without radiotap), in capture order. */
  air: readonly Uint8Array[];
  apAddr: string;
  /** Records the monitor is known to have lost (tcpdump's kernel drops + hwsim0 rx_dropped). */
  monitorDrops: number;
}

export interface AirVerdict {
  /** Every disagreement found, each a sentence naming the frame. Empty: all agree. */
  mismatches: string[];
  /** Tags with no record on hwsim0. */
  missingFrameRecords: number[];
  /** ACK records to the AP fewer than the frames the queue reported acked. */
  missingAckRecords: number;
  /** Station frames not judged by the station's registration because its socket overran. */
  unjudgedDeliveries: number[];
}

export function judgeAir(ev: AirEvidence): AirVerdict {
  const mismatches: string[] = [];
  const who = (tag: number) => (ev.toStation(tag) ? 'the station' : 'nobody');

  // The queue's outcomes: strict, nothing on the way can excuse a wrong TX status.
  for (let tag = 0; tag < ev.n; tag++) {
    const o = ev.outcomes[tag];
    const want = ev.toStation(tag) ? 'acked' : 'noack (ackReported)';
    const got = o === undefined ? 'no outcome' : o.status === 'noack' && o.ackReported ? 'noack (ackReported)' : o.status;
    if (got !== want) mismatches.push(`frame ${tag} to ${who(tag)}: the queue reported ${got}, expected ${want}`);
  }

  // Delivery and order, as the station received them.
  const received = new Map<number, number>();
  let last = -1;
  for (const tag of ev.delivered) {
    received.set(tag, (received.get(tag) ?? 0) + 1);
    if (tag < 0 || tag >= ev.n || !ev.toStation(tag)) mismatches.push(`the station received frame ${tag}, which was not sent to it`);
    else if (received.get(tag) === 2) mismatches.push(`the station received frame ${tag} more than once`);
    else if (tag < last) mismatches.push(`the station received frame ${tag} after frame ${last}`);
    last = Math.max(last, tag);
  }
  const unjudgedDeliveries: number[] = [];
  for (let tag = 0; tag < ev.n; tag++) {
    if (!ev.toStation(tag) || received.has(tag)) continue;
    if (ev.stationOverruns > 0) unjudgedDeliveries.push(tag);
    else mismatches.push(`frame ${tag} to the station never reached it (its socket reported no overrun)`);
  }

  // The monitor: each frame once, as many ACKs to the AP as frames acked, fewer only as
  // far as measured drops explain. ACKs are counted from the first tagged record on.
  const onAir = new Map<number, number>();
  let acks = 0;
  let started = false;
  const unackedByPosition: number[] = [];
  let prev: number | undefined;
  let prevAcked = false;
  const closePrev = () => {
    if (prev !== undefined && !prevAcked && ev.outcomes[prev]?.status === 'acked') unackedByPosition.push(prev);
  };
  for (const f of ev.air) {
    const t = tagOfAction(f);
    if (t) {
      started = true;
      closePrev();
      prev = t.tag;
      prevAcked = false;
      onAir.set(t.tag, (onAir.get(t.tag) ?? 0) + 1);
    } else if (started && ackReceiver(f) === ev.apAddr) {
      acks++;
      prevAcked = true;
    }
  }
  closePrev();
  for (const [tag, count] of onAir) {
    if (tag >= ev.n) mismatches.push(`hwsim0 recorded frame ${tag}, which was never submitted`);
    else if (count > 1) mismatches.push(`hwsim0 recorded frame ${tag} ${count} times`);
  }
  const missingFrameRecords = [...Array(ev.n).keys()].filter((tag) => !onAir.has(tag));
  const ackedCount = ev.outcomes.filter((o) => o?.status === 'acked').length;
  if (acks > ackedCount) mismatches.push(`hwsim0 recorded ${acks} ACKs to the AP for ${ackedCount} frames the queue reported acked`);
  const missingAckRecords = Math.max(0, ackedCount - acks);
  const lost = missingFrameRecords.length + missingAckRecords;
  if (lost > ev.monitorDrops) {
    mismatches.push(
      `hwsim0 lacks ${missingFrameRecords.length} frame records [${missingFrameRecords.join(',')}] and ` +
        `${missingAckRecords} ACK records (acked frames not followed by an ACK: [${unackedByPosition.join(',')}]), ` +
        `more than the ${ev.monitorDrops} drops measured`,
    );
  }
  return { mismatches, missingFrameRecords, missingAckRecords, unjudgedDeliveries };
}
