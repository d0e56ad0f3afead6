// The judge of txq_air_order_and_ack, on the situations the hwsim test meets: hwsim0
// records reordered across CPUs or dropped (forgiven only as far as drops were measured),
// and outcomes that are wrong (never forgiven, all of them reported).
import { describe, expect, it } from 'vitest';
import type { TxOutcome } from '../../core/txq/types.js';
import { judgeAir, type AirEvidence } from '../hwsim/txq-air-judge.js';
import { taggedAction } from '../hwsim/txq-fixture.js';

const AP = '02:00:00:00:00:00';
const STA = '02:00:00:00:01:00';
const NOBODY = '02:00:00:00:99:99';
const N = 10;
const toStation = (i: number) => i % 5 !== 4;

/** An ACK control frame (IEEE 802.11-2020 9.3.1.3): frame control d4 00, duration, RA. */
function ack(ra: string): Uint8Array {
  return new Uint8Array([0xd4, 0x00, 0x00, 0x00, ...ra.split(':').map((h) => parseInt(h, 16))]);
}

const frame = (i: number) => taggedAction(AP, toStation(i) ? STA : NOBODY, i);
const isAck = (f: Uint8Array) => f[0] === 0xd4;
const indexOfFrame = (air: Uint8Array[], tag: number) => air.findIndex((f) => !isAck(f) && tagOf(f) === tag);
const tagOf = (f: Uint8Array) => new DataView(f.buffer, f.byteOffset).getUint32(24 + 6, true);

/** Records as hwsim0 gives them when nothing is lost or reordered: each frame, then its ACK. */
function cleanAir(): Uint8Array[] {
  const air: Uint8Array[] = [];
  for (let i = 0; i < N; i++) {
    air.push(frame(i));
    if (toStation(i)) air.push(ack(AP));
  }
  return air;
}

function outcomes(): TxOutcome[] {
  return [...Array(N).keys()].map((i) =>
    toStation(i) ? { status: 'acked', cookie: BigInt(i), totalMs: 1 } : { status: 'noack', ackReported: true, cookie: BigInt(i), totalMs: 1 },
  );
}

function evidence(over: Partial<AirEvidence> = {}): AirEvidence {
  return {
    n: N, toStation, outcomes: outcomes(), delivered: [...Array(N).keys()].filter(toStation), stationOverruns: 0,
    air: cleanAir(), apAddr: AP, monitorDrops: 0, ...over,
  };
}

describe('judgeAir', () => {
  it('agrees with a clean capture', () => {
    expect(judgeAir(evidence())).toEqual({ mismatches: [], missingFrameRecords: [], missingAckRecords: 0, unjudgedDeliveries: [] });
  });

  it('does not read an ACK record reordered behind the next frame as a missing ACK (the "after frame 58" failure)', () => {
    // Frame 3 (to the station) and 4 (to nobody): 3's ACK recorded after 4 (another CPU's backlog).
    const air = cleanAir();
    const at3 = indexOfFrame(air, 3);
    const [ack3] = air.splice(at3 + 1, 1);
    air.splice(at3 + 2, 0, ack3!);
    expect(air.slice(at3, at3 + 3).map((f) => (isAck(f) ? 'ack' : tagOf(f)))).toEqual([3, 4, 'ack']);
    expect(judgeAir(evidence({ air })).mismatches).toEqual([]);
  });

  it('forgives missing ACK records only as far as drops were measured', () => {
    const air = cleanAir();
    air.splice(indexOfFrame(air, 8) + 1, 1); // frame 8's ACK
    const unmeasured = judgeAir(evidence({ air }));
    expect(unmeasured.missingAckRecords).toBe(1);
    expect(unmeasured.mismatches).toEqual([expect.stringMatching(/lacks 0 frame records \[\] and 1 ACK records .*\[8\].*more than the 0 drops measured/)]);
    expect(judgeAir(evidence({ air, monitorDrops: 1 })).mismatches).toEqual([]);
  });

  it('counts a lost frame record against the measured drops too', () => {
    const air = cleanAir().filter((f) => isAck(f) || tagOf(f) !== 4);
    expect(judgeAir(evidence({ air })).missingFrameRecords).toEqual([4]);
    expect(judgeAir(evidence({ air })).mismatches).toHaveLength(1);
    expect(judgeAir(evidence({ air, monitorDrops: 1 })).mismatches).toEqual([]);
  });

  it('reports every wrong outcome and every undelivered frame, not the first', () => {
    const o = outcomes();
    o[1] = { status: 'noack', ackReported: true, cookie: 1n, totalMs: 1 };
    o[4] = { status: 'acked', cookie: 4n, totalMs: 1 };
    const delivered = [0, 2, 3, 5, 6, 7, 8]; // 1 never reached the station
    const v = judgeAir(evidence({ outcomes: o, delivered, monitorDrops: 100 }));
    expect(v.mismatches).toEqual([
      'frame 1 to the station: the queue reported noack (ackReported), expected acked',
      'frame 4 to nobody: the queue reported acked, expected noack (ackReported)',
      'frame 1 to the station never reached it (its socket reported no overrun)',
    ]);
  });

  it('does not excuse a wrong outcome or a delivery out of order by monitor drops', () => {
    const v = judgeAir(evidence({ delivered: [0, 2, 1, 3, 5, 6, 7, 8], monitorDrops: 100 }));
    expect(v.mismatches).toEqual(['the station received frame 1 after frame 2']);
  });

  it('flags more ACKs to the AP than frames acked, which no drop explains', () => {
    const air = [...cleanAir(), ack(AP)];
    expect(judgeAir(evidence({ air, monitorDrops: 100 })).mismatches).toEqual(['hwsim0 recorded 9 ACKs to the AP for 8 frames the queue reported acked']);
  });

  it('leaves deliveries unjudged, not failed, when the station socket overran', () => {
    const v = judgeAir(evidence({ delivered: [0, 1, 2], stationOverruns: 1 }));
    expect(v.mismatches).toEqual([]);
    expect(v.unjudgedDeliveries).toEqual([3, 5, 6, 7, 8]);
  });
});
