// The scan worker thread as the daemon ships it (the bundled wifid-scan-worker.js) on real
// NETLINK_GENERIC sockets, against a user-space peer that answers GET_SCAN as nl80211
// does. Judged by the results: the same ScanResults the main thread's decoder makes of
// the same messages.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeAttrs } from '../../core/nl80211/attrs.js';
import { Nl80211Error } from '../../core/nl80211/errors.js';
import { openGenericNetlinkSocket } from '../../core/nl80211/genl-channel.js';
import { decodeScanEntry, type ScanResult } from '../../core/nl80211/scan.js';
import { ScanDumper, SCAN_WORKER_FILE, type ScanDumperOptions } from '../../core/nl80211/scan-dumper.js';
import type { Logger } from '../../core/log.js';
import { mulberry32, mutate } from '../helpers/prng.js';
import { wifidBundle } from '../helpers/wifid-process.js';
import { PEER_FAMILY, scanEntryAttrs, startScanDumpPeer, type ScanDumpPeer, type ScanDumpPeerOptions } from './scan-dump-peer.js';

const FAMILY = { id: PEER_FAMILY, version: 1 };

function recordingLogger(warnings: string[]): Logger {
  const log: Logger = {
    error: (m: string) => void warnings.push(m), warn: (m: string) => void warnings.push(m),
    notice() {}, info() {}, debug() {}, child: () => log, limited: () => log,
  } as Logger;
  return log;
}

/** Element bytes of entry i: an SSID and a vendor element, each of its own length. */
const iesOf = (i: number) => Buffer.concat([Buffer.from([0, 5]), Buffer.from(`n${String(i).padStart(4, '0')}`), Buffer.from([221, 4 + (i % 7), 0x00, 0x50, 0xf2, ...Array(1 + (i % 7)).fill(i & 0xff)])]);

/** What the main thread's decoder makes of the same attributes, as comparable values. */
const mainThreadView = (attrs: readonly Uint8Array[]) => attrs.map((a) => decodeScanEntry(decodeAttrs('nl80211_attrs', a))).filter((r): r is ScanResult => r !== undefined).map(comparable);
const comparable = (r: ScanResult) => ({ ...r, ies: Buffer.from(r.ies).toString('hex'), beaconIes: r.beaconIes && Buffer.from(r.beaconIes).toString('hex') });

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
}

describe('ScanDumper: GET_SCAN in the worker thread', () => {
  const workerFile = join(dirname(wifidBundle()), SCAN_WORKER_FILE);
  let peer: ScanDumpPeer | undefined;
  let dumper: ScanDumper | undefined;
  afterEach(async () => {
    await dumper?.close();
    peer?.close();
  });
  const make = ({ entries, refuse, ...o }: Partial<ScanDumperOptions> & ScanDumpPeerOptions, warnings: string[] = [], mainThread: (w: bigint) => Promise<ScanResult[]> = async () => { throw new Error('not expected on the main thread'); }) => {
    peer = startScanDumpPeer({ entries, ...(refuse ? { refuse } : {}) });
    dumper = new ScanDumper(recordingLogger(warnings), { workerFile, idleMs: 60_000, peerPort: peer.port, ...o }, mainThread);
    return { peer, dumper };
  };

  it('600 BSSs over many datagrams: the same results the main thread decodes, all from the thread', async () => {
    const attrs = Array.from({ length: 600 }, (_, i) => scanEntryAttrs(i, iesOf(i)));
    const { dumper: d, peer: p } = make({ entries: () => attrs });
    const results = await d.dump(FAMILY, 1n);
    expect(results).toHaveLength(600);
    expect(results.map(comparable)).toEqual(mainThreadView(attrs));
    expect(results[0]!.ies).toBeInstanceOf(Uint8Array);
    expect(d.stats).toEqual({ inWorker: 1, inMainThread: 0, threadsStarted: 1 });
    expect(p.dumps).toBe(1);
  });

  it('a kernel refusal is an Nl80211Error with its errno; the next dump works on the same thread', async () => {
    let refuse = true;
    const attrs = [scanEntryAttrs(1, iesOf(1))];
    const { dumper: d } = make({ entries: () => attrs, refuse: () => (refuse ? { errno: 16 } : undefined) });
    const err = await d.dump(FAMILY, 1n).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Nl80211Error);
    expect((err as Nl80211Error).code).toBe('EBUSY');
    expect((err as Nl80211Error).cmd).toBe('GET_SCAN');
    refuse = false;
    expect((await d.dump(FAMILY, 1n)).map(comparable)).toEqual(mainThreadView(attrs));
    expect(d.stats.threadsStarted).toBe(1);
  });

  it('seeded: 400 mutated entries in one dump are left out or decoded as the main thread would; the thread lives on', async () => {
    const rnd = mulberry32(0x5ca9);
    const attrs = Array.from({ length: 400 }, (_, i) => {
      const good = Buffer.from(scanEntryAttrs(i, iesOf(i)));
      return i % 4 === 0 ? good : mutate(good, rnd);
    });
    // The main thread's decoder throws on some: the worker leaves those out.
    const expected = attrs.flatMap((a) => {
      try { return mainThreadView([a]); } catch { return []; }
    });
    const { dumper: d } = make({ entries: () => attrs });
    const results = await d.dump(FAMILY, 1n);
    expect(results.length).toBeGreaterThanOrEqual(100);
    expect(results.map(comparable)).toEqual(expected);
    expect(await d.dump(FAMILY, 1n)).toHaveLength(results.length);
  });

  it('the thread ends after a quiet spell, and the next dump starts another', async () => {
    const attrs = [scanEntryAttrs(2, iesOf(2))];
    const { dumper: d } = make({ entries: () => attrs, idleMs: 50 });
    await d.dump(FAMILY, 1n);
    expect(d.threadRunning).toBe(true);
    await until(() => !d.threadRunning);
    expect(await d.dump(FAMILY, 1n)).toHaveLength(1);
    expect(d.stats).toEqual({ inWorker: 2, inMainThread: 0, threadsStarted: 2 });
  });

  it('a thread that fails: the dump runs on the main thread instead, with a warning, and so do the next', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wifid-scan-worker-'));
    const broken = join(dir, SCAN_WORKER_FILE);
    writeFileSync(broken, "throw new Error('broken worker');\n");
    const warnings: string[] = [];
    const served: bigint[] = [];
    const fallback = async (w: bigint) => { served.push(w); return []; };
    const { dumper: d } = make({ entries: () => [], workerFile: broken }, warnings, fallback);
    expect(await d.dump(FAMILY, 9n)).toEqual([]);
    expect(await d.dump(FAMILY, 10n)).toEqual([]);
    expect(served).toEqual([9n, 10n]);
    expect(d.stats).toEqual({ inWorker: 0, inMainThread: 2, threadsStarted: 1 });
    expect(warnings.join('\n')).toMatch(/scan worker thread: .*broken worker.*main thread/);
  });

  it('closed with a dump under way: the dump fails, and the thread ends by itself (no abort of the process)', async () => {
    const silent = openGenericNetlinkSocket(); // a peer that never answers
    try {
      const d = new ScanDumper(recordingLogger([]), { workerFile, idleMs: 60_000, peerPort: silent.address().port }, async () => { throw new Error('not expected on the main thread'); });
      const pending = d.dump(FAMILY, 1n).catch((e: unknown) => e);
      await until(() => d.threadRunning);
      await new Promise((r) => setTimeout(r, 50));
      await d.close();
      expect(String(await pending)).toMatch(/detached/);
      expect(d.threadRunning).toBe(false);
    } finally {
      silent.close();
    }
  });

  it('without a worker file (run from sources) every dump runs on the main thread', async () => {
    const served: bigint[] = [];
    const { dumper: d } = make({ entries: () => [], workerFile: undefined }, [], async (w) => { served.push(w); return []; });
    await d.dump(FAMILY, 4n);
    expect(served).toEqual([4n]);
    expect(d.stats.threadsStarted).toBe(0);
  });
});
