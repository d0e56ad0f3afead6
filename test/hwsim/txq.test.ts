// The TX queue against the real kernel (Linux 6.12, mac80211_hwsim) in the VM: frames
// leave in submission order with the ACK status hwsim saw, EAPOL goes by the control
// port with its own TX status, and an interface removed under a full queue ends every
// frame with a reason.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { TxOutcome } from '../../core/txq/types.js';
import { captureMonitor } from './lib/capture.js';
import { loadHwsim, unloadHwsim } from './lib/hwsim.js';
import { pollUntil, sleep } from './lib/exec.js';
import { parsePcap } from './lib/pcap.js';
import { judgeAir } from './txq-air-judge.js';
import {
  addrOf, associate, listenAsStation, startOpenAps, startQueueStack, tagOfAction, taggedAction, wdevOf, type QueueStack,
} from './txq-fixture.js';

let stack: QueueStack | null = null;

afterEach(async () => {
  await stack?.stop();
  stack = null;
  await unloadHwsim();
});

/** An AP on radio 0 with a station on radio 1 associated to it, and the queue running. */
async function apWithStation(limits: Parameters<typeof startQueueStack>[0]) {
  const radios = await loadHwsim({ radios: 2 });
  const ap = radios[0]!.ifname;
  const sta = radios[1]!.ifname;
  await startOpenAps([ap]);
  await associate(sta, 'txq0');
  stack = await startQueueStack(limits);
  const s = stack;
  const wdev = await pollUntil(`nl80211 inventory: ${ap} as AP`, 10_000, () => (s.nl.iface({ ifname: ap })?.iftype === 'ap' ? wdevOf(s.nl, ap) : undefined));
  return { ap, sta, apAddr: await addrOf(ap), staAddr: await addrOf(sta), wdev, s };
}

function within<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no outcome within ${ms} ms`)), ms))]);
}

describe('txq on mac80211_hwsim', () => {
  // 240 s: a hang guard, not a speed target (under TCG on a loaded machine setting up the
  // AP, the station and the capture has taken most of a minute).
  it('txq_air_order_and_ack: frames reach the air in submission order, each with the ACK status hwsim saw', async () => {
    // The TX-status timeout is not what this test is about (test/txq/queue.test.ts times it
    // on a fake clock): a generous one keeps a VM starved of CPU (RCU stalls of a minute
    // were seen) from turning a late status into a failed frame.
    const { sta, apAddr, staAddr, wdev, s } = await apWithStation({ window: 4, criticalReserve: 1, statusTimeoutMs: 60_000 });
    const station = await listenAsStation(s.nl, sta);
    const capture = await captureMonitor();
    const N = 60;
    const nobody = '02:00:00:00:99:99';
    const toStation = (i: number) => i % 5 !== 4;
    const outcomes: Promise<TxOutcome>[] = [];
    for (let i = 0; i < N; i++) {
      outcomes.push(s.queue.submit({ lane: { wdev }, class: 'management', frame: taggedAction(apAddr, toStation(i) ? staAddr : nobody, i) }));
    }
    const results = await within('60 frames through the queue', 90_000, Promise.all(outcomes));
    const expectedAtStation = results.filter((_, i) => toStation(i)).length;
    await pollUntil('station: waiting for the frames sent to it', 10_000, () => (station.delivered.length >= expectedAtStation ? true : undefined)).catch(() => undefined);
    // tcpdump writes behind the air under load: wait until the last frame is in the file
    // (then a moment for its ACK) before stopping it.
    const lastWritten = async () => {
      try {
        return parsePcap(await readFile(capture.path)).some((c) => tagOfAction(new Uint8Array(c.frame))?.tag === N - 1) ? true : undefined;
      } catch {
        return undefined; // a record half written
      }
    };
    await pollUntil('hwsim0 capture: waiting for the last frame to be written', 15_000, lastWritten).catch(() => undefined);
    await sleep(500);
    const air = (await capture.stop()).map((c) => new Uint8Array(c.frame));
    station.stop();
    const delivered = station.delivered;
    const stationOverruns = station.overruns();
    const { droppedByKernel, rxDropped } = capture.drops();

    const verdict = judgeAir({
      n: N, toStation, outcomes: results, delivered, stationOverruns,
      air, apAddr, monitorDrops: (droppedByKernel ?? 0) + rxDropped,
    });
    // What the monitor and the station's socket lost, whatever the verdict (the drops
    // that excuse missing records are measured, not assumed).
    console.log(
      `txq_air_order_and_ack: hwsim0 dropped ${droppedByKernel ?? '?'} (tcpdump) + ${rxDropped} (rx_dropped); ` +
        `missing records: frames [${verdict.missingFrameRecords.join(',')}], ACKs ${verdict.missingAckRecords}; ` +
        `station socket overruns ${stationOverruns}, unjudged deliveries [${verdict.unjudgedDeliveries.join(',')}]; ` +
        `queue events ${JSON.stringify(s.queue.snapshot().events)}`,
    );
    expect(verdict.mismatches, 'queue outcomes vs. the station and the air').toEqual([]);
    // A station whose socket overran judged nothing: not a pass by default.
    expect(verdict.unjudgedDeliveries.length, 'frames the station could not vouch for').toBeLessThan(expectedAtStation);
    const lane = s.queue.snapshot().lanes.find((l) => l.wdev === wdev)!;
    expect(lane.classes.management).toMatchObject({ sent: N, acked: 48, noack: 12, failed: 0, rejected: 0, queued: 0, inFlight: 0 });
  }, 240_000);

  it('txq_eapol_control_port: EAPOL leaves as CONTROL_PORT_FRAME, in order, each ended by its own TX status', async () => {
    const { apAddr, staAddr, wdev, s } = await apWithStation({});
    const capture = await captureMonitor();
    // EAPOL-Key headers (version 2, type 3) with a 4-byte body that tags them: the open
    // network's wpa_supplicant ignores them, hwsim acknowledges the data frames.
    const eapol = (i: number) => new Uint8Array([2, 3, 0, 4, 0x57, 0x46, 0x44, i]);
    const N = 8;
    const outcomes: Promise<TxOutcome>[] = [];
    for (let i = 0; i < N; i++) {
      outcomes.push(s.queue.submit({ lane: { wdev }, class: 'critical', seqKey: `eapol ${staAddr}`, frame: eapol(i), controlPort: { dest: staAddr } }));
    }
    const results = await within('EAPOL frames through the queue', 20_000, Promise.all(outcomes));
    for (const [i, r] of results.entries()) {
      // acked with a cookie: the ACK's NLMSGERR_ATTR_COOKIE matched CONTROL_PORT_FRAME_TX_STATUS.
      expect(r, `EAPOL frame ${i}`).toMatchObject({ status: 'acked', cookie: expect.any(BigInt) });
    }
    await sleep(500);
    const frames = (await capture.stop()).map((c) => new Uint8Array(c.frame));
    // On the air: data frames to the station carrying LLC/SNAP 88-8e and our tag, in order.
    const marker = [0x88, 0x8e, 2, 3, 0, 4, 0x57, 0x46, 0x44];
    const tags: number[] = [];
    for (const f of frames) {
      if ((f[0]! & 0x0c) !== 0x08) continue; // data frames only
      for (let o = 24; o + marker.length < f.length; o++) {
        if (marker.every((b, k) => f[o + k] === b)) tags.push(f[o + marker.length]!);
      }
    }
    const firsts = tags.filter((t, i) => tags.indexOf(t) === i); // retries repeat a frame
    expect(firsts, `EAPOL frames on hwsim0 from ${apAddr}`).toEqual([...Array(N).keys()]);
    const lane = s.queue.snapshot().lanes.find((l) => l.wdev === wdev)!;
    expect(lane.classes.critical).toMatchObject({ sent: N, acked: N, noack: 0, failed: 0 });
  });

  it('txq_iface_removed_while_queued: every queued and in-flight frame ends with a reason', async () => {
    const { apAddr, staAddr, wdev, s } = await apWithStation({ window: 2, criticalReserve: 1 });
    const N = 200;
    const outcomes: Promise<TxOutcome>[] = [];
    for (let i = 0; i < N; i++) {
      outcomes.push(s.queue.submit({ lane: { wdev }, class: i % 2 ? 'bulk' : 'management', frame: taggedAction(apAddr, staAddr, i) }));
    }
    expect(s.queue.snapshot().lanes[0]!.classes.bulk.queued, 'frames still queued when the interface goes').toBeGreaterThan(50);
    await s.nl.request('DEL_INTERFACE', { WDEV: wdev });
    const results = await within('frames of a removed interface', 15_000, Promise.all(outcomes));

    const byStatus = (st: string) => results.filter((r) => r.status === st);
    const rejected = byStatus('rejected');
    expect(rejected.length).toBeGreaterThan(100);
    for (const r of rejected) expect(r).toMatchObject({ reason: 'lane_gone' });
    for (const r of byStatus('failed')) expect((r as { errno: string }).errno).not.toBe('ETIMEDOUT');
    expect(byStatus('acked').length + byStatus('noack').length + byStatus('failed').length + rejected.length).toBe(N);
    // Afterwards the lane is gone, the counters kept, nothing left in flight.
    const snap = s.queue.snapshot();
    expect(snap.lanes.find((l) => l.wdev === wdev)).toBeUndefined();
    expect(snap.sending).toBe(0);
    expect(snap.totals.bulk.rejected + snap.totals.management.rejected).toBe(rejected.length);
    // Submitting to the removed interface is refused at once, with a reason.
    const late = await within('submission after removal', 5_000, s.queue.submit({ lane: { wdev }, class: 'critical', frame: taggedAction(apAddr, staAddr, 999) }));
    expect(late).toMatchObject({ status: 'rejected', reason: 'lane_gone' });
  });
});
