// A station's scans through the real radio work queue, against a stand-in of cfg80211
// that ends each TRIGGER_SCAN with NEW_SCAN_RESULTS (or SCAN_ABORTED, a refusal, or
// silence) and answers GET_SCAN with beacons built by core/ieee80211. Judged by what is
// sent to the kernel, the outcome, the counters and the radio queue.
import { describe, expect, it } from 'vitest';
import type { Nl80211Event, Subscription } from '../../core/nl80211/dispatch.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import type { ScanResult } from '../../core/nl80211/scan.js';
import { PluginScope, ServiceRegistry } from '../../core/plugin/index.js';
import { RadioWorkPriority, RadioWorkQueue } from '../../core/radio/work-queue.js';
import { StationScanner, type ScanOutcome } from '../../plugins/sta-mlo/scanner.js';
import { ManualClock, silentLogger } from '../txq/fakes.js';
import { LINK0, LINK1, mldLinkIes, pskIes } from './scan-fixture.js';

const WDEV = 0x1_0000_0002n;
const WIPHY = 1;
const ticks = async (n = 20) => { for (let i = 0; i < n; i++) await Promise.resolve(); };

type Reaction = 'done' | 'aborted' | 'refused' | 'silent';

function kernel(react: () => Reaction) {
  const subs = new Set<Subscription>();
  const sent: string[] = [];
  const triggers: Attrs_nl80211_attrs[] = [];
  const emit = (cmd: string) => queueMicrotask(() => {
    const ev = { cmd, cmdId: 0, wdev: WDEV, attrs: {}, source: 'low', receivedAt: 0 } as Nl80211Event;
    for (const s of [...subs]) if ((s.cmds === '*' || s.cmds.includes(cmd)) && (s.wdev === undefined || s.wdev === WDEV)) void s.handler(ev);
  });
  const bss = (bssid: string, freq: number, ies: Uint8Array, signal: number): ScanResult => ({ bssid, freq, ies, signal, seenMsAgo: 10 });
  const nl = {
    subscribe: (sub: Subscription) => { subs.add(sub); return () => void subs.delete(sub); },
    onChange: () => () => {},
    onState: () => () => {},
    request: async (cmd: string, attrs?: Attrs_nl80211_attrs): Promise<Attrs_nl80211_attrs[]> => {
      sent.push(cmd);
      if (cmd === 'TRIGGER_SCAN') {
        triggers.push(attrs ?? {});
        const r = react();
        if (r === 'refused') throw new Error('TRIGGER_SCAN: EBUSY: Device or resource busy');
        if (r !== 'silent') emit(r === 'done' ? 'NEW_SCAN_RESULTS' : 'SCAN_ABORTED');
        return [];
      }
      if (cmd === 'ABORT_SCAN') { emit('SCAN_ABORTED'); return []; }
      return [];
    },
    dumpScan: async (): Promise<ScanResult[]> => {
      sent.push('GET_SCAN');
      const bad = pskIes('broken');
      return [bss(LINK0.bssid, LINK0.freq, mldLinkIes(LINK0, LINK1), -40), bss('02:00:00:00:02:00', 2462, pskIes(), -50), bss('02:00:00:00:02:01', 2412, bad.subarray(0, bad.length - 1), -60)];
    },
  };
  return { nl, sent, subs, triggers };
}

function setup(react: () => Reaction = () => 'done') {
  const k = kernel(react);
  const clock = new ManualClock();
  const radio = new RadioWorkQueue(silentLogger);
  const scope = new PluginScope('sta-mlo', silentLogger, { nl: k.nl, radio, clock }, new ServiceRegistry(), []);
  const states: boolean[] = [];
  const done: ScanOutcome[] = [];
  const scanner = new StationScanner({ wiphy: WIPHY, wdev: WDEV, name: 'uplink' }, { scoped: scope.nl, radio: scope.radio, clock: scope.clock, log: silentLogger }, {
    scanning: (on) => states.push(on), done: (o) => done.push(o),
  });
  return { ...k, clock, radio, scanner, states, done };
}

describe('StationScanner', () => {
  it('a scan: one TRIGGER_SCAN, the results by dump (the malformed one counted), scan_done once; two callers share it', async () => {
    const w = setup();
    const [a, b] = await Promise.all([w.scanner.scan(), w.scanner.scan()]);
    expect(a).toBe(b);
    expect(w.sent).toEqual(['TRIGGER_SCAN', 'GET_SCAN']);
    expect(a.aborted).toBe(false);
    expect(a.bss.map((x) => x.bssid)).toEqual([LINK0.bssid, '02:00:00:00:02:00']);
    expect(a.ap_mlds.map((m) => m.links.map((l) => [l.link_id, l.heard]))).toEqual([[[0, true], [1, false]]]);
    expect(w.scanner.counters).toEqual({ scans: 1, scans_aborted: 0, scans_failed: 0, bss_malformed: 1 });
    expect(w.done).toHaveLength(1);
    expect(w.states).toEqual([true, false]);
    expect(w.radio.list(WIPHY)).toEqual([]);
    expect(w.subs.size, 'the scan-end subscription released').toBe(0);
  });

  it('freqs: only those channels scanned; a caller for other channels scans after, one for the same joins', async () => {
    const w = setup();
    const [a, b, c] = await Promise.all([w.scanner.scan([2437, 2412]), w.scanner.scan([2412, 2437]), w.scanner.scan()]);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(w.sent).toEqual(['TRIGGER_SCAN', 'GET_SCAN', 'TRIGGER_SCAN', 'GET_SCAN']);
    expect(w.triggers[0]!.SCAN_FREQUENCIES).toEqual([2437, 2412]);
    expect(w.triggers[1]!.SCAN_FREQUENCIES).toBeUndefined();
    expect(w.scanner.counters.scans).toBe(2);
    expect(w.scanner.busy).toBe(false);
  });

  it('waits for the radio: queued behind running work, it starts only when that ends', async () => {
    const w = setup();
    let finish!: () => void;
    w.radio.enqueue(WIPHY, { name: 'p2p-listen', priority: RadioWorkPriority.P2P_DISCOVERY, run: (done) => { finish = done; return 'pending'; } });
    const scan = w.scanner.scan();
    await ticks();
    expect(w.sent).toEqual([]);
    expect(w.radio.list(WIPHY).map((i) => [i.name, i.running])).toEqual([['p2p-listen', true], ['sta-scan uplink', false]]);
    finish();
    await scan;
    expect(w.sent).toEqual(['TRIGGER_SCAN', 'GET_SCAN']);
  });

  it('aborted by the kernel: the results read then, aborted true, counted', async () => {
    const w = setup(() => 'aborted');
    const o = await w.scanner.scan();
    expect(o.aborted).toBe(true);
    expect(w.scanner.counters).toMatchObject({ scans: 1, scans_aborted: 1 });
  });

  it('TRIGGER_SCAN refused: the caller hears why, counted, the radio is free for the next scan', async () => {
    let n = 0;
    const w = setup(() => (n++ === 0 ? 'refused' : 'done'));
    await expect(w.scanner.scan()).rejects.toThrow(/EBUSY/);
    expect(w.scanner.counters).toMatchObject({ scans: 1, scans_failed: 1 });
    expect(w.radio.list(WIPHY)).toEqual([]);
    expect((await w.scanner.scan()).aborted).toBe(false);
    expect(w.states).toEqual([true, false, true, false]);
  });

  it('a kernel that never ends the scan: aborted after the guard (ABORT_SCAN), results read', async () => {
    const w = setup(() => 'silent');
    const scan = w.scanner.scan();
    await ticks();
    expect(w.sent).toEqual(['TRIGGER_SCAN']);
    w.clock.advance(60_000);
    const o = await scan;
    expect(w.sent).toEqual(['TRIGGER_SCAN', 'ABORT_SCAN', 'GET_SCAN']);
    expect(o.aborted).toBe(true);
    expect(w.clock.pendingTimers).toBe(0);
  });

  it('closed while running: the caller is refused, ABORT_SCAN sent, the radio freed; no scan afterwards', async () => {
    const w = setup(() => 'silent');
    const scan = w.scanner.scan();
    await ticks();
    w.scanner.close();
    await expect(scan).rejects.toThrow(/cancelled/);
    expect(w.sent).toContain('ABORT_SCAN');
    expect(w.radio.list(WIPHY)).toEqual([]);
    await expect(w.scanner.scan()).rejects.toThrow(/stopped/);
  });
});
