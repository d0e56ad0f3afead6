// ScanResults packed for the worker-to-main-thread trip come back as they went, every
// optional field present or absent as it was, over seeded random results.
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../core/nl80211/scan.js';
import { packScanResults, unpackScanResults } from '../../core/nl80211/scan-results-packed.js';
import { mulberry32 } from '../helpers/prng.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const comparable = (r: ScanResult) => ({ ...r, ies: hex(r.ies), beaconIes: r.beaconIes && hex(r.beaconIes) });

describe('packScanResults / unpackScanResults', () => {
  it('2000 seeded results in 40 packs: equal after the round trip, through a structured clone with the buffers moved', () => {
    const rnd = mulberry32(0x9ac4);
    const pick = () => rnd() < 0.5;
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
    const mac = () => Array.from({ length: 6 }, () => Math.floor(rnd() * 256).toString(16).padStart(2, '0')).join(':');
    for (let pack = 0; pack < 40; pack++) {
      const results: ScanResult[] = Array.from({ length: Math.floor(rnd() * 100) }, () => ({
        bssid: mac(), freq: 2412 + Math.floor(rnd() * 4000), ies: bytes(Math.floor(rnd() * 400)),
        ...(pick() ? { signal: -Math.floor(rnd() * 9000) / 100 } : {}),
        ...(pick() ? { seenMsAgo: Math.floor(rnd() * 1e6) } : {}),
        ...(pick() ? { capability: Math.floor(rnd() * 0x10000) } : {}),
        ...(pick() ? { beaconIntervalTu: Math.floor(rnd() * 1000) } : {}),
        ...(pick() ? { beaconIes: bytes(Math.floor(rnd() * 400)) } : {}),
        ...(pick() ? { status: Math.floor(rnd() * 2) } : {}),
        ...(pick() ? { kernelLinkId: Math.floor(rnd() * 15) } : {}),
        ...(pick() ? { kernelMldAddr: mac() } : {}),
      }));
      const packed = packScanResults(results);
      const moved = structuredClone(packed, { transfer: [packed.numbers.buffer as ArrayBuffer, packed.bytes] });
      expect(packed.bytes.byteLength, 'the bytes were moved, not copied').toBe(0);
      expect(unpackScanResults(moved).map(comparable)).toEqual(results.map(comparable));
    }
  });
});
