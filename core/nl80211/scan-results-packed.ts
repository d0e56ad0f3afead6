// ScanResults packed for the trip from the scan worker to the main thread: the numbers
// in one Float64Array, the element bytes in one buffer, both transferred (moved, not
// copied), and only the addresses as strings. A dump of 550 BSSs then costs the main
// thread about a third of a millisecond to take in, where the results as objects (each
// with two byte arrays) cost it a millisecond or more to deserialise, and the garbage.
import type { ScanResult } from './scan.js';

export interface PackedScanResults {
  bssids: string[];
  /** '' where the kernel named no MLD. */
  mldAddrs: string[];
  /** FIELDS numbers per result; NaN where a field is absent. */
  numbers: Float64Array;
  bytes: ArrayBuffer;
}

// Per result: freq, signal, seenMsAgo, capability, beaconIntervalTu, status,
// kernelLinkId, ies offset, ies length, beaconIes offset (NaN: none), beaconIes length.
const FIELDS = 11;

export function packScanResults(results: readonly ScanResult[]): PackedScanResults {
  const numbers = new Float64Array(results.length * FIELDS);
  let size = 0;
  for (const r of results) size += r.ies.length + (r.beaconIes?.length ?? 0);
  const bytes = new Uint8Array(size);
  let at = 0;
  const put = (b: Uint8Array): number => {
    bytes.set(b, at);
    at += b.length;
    return at - b.length;
  };
  results.forEach((r, i) => {
    const o = i * FIELDS;
    numbers[o] = r.freq;
    numbers[o + 1] = r.signal ?? NaN;
    numbers[o + 2] = r.seenMsAgo ?? NaN;
    numbers[o + 3] = r.capability ?? NaN;
    numbers[o + 4] = r.beaconIntervalTu ?? NaN;
    numbers[o + 5] = r.status ?? NaN;
    numbers[o + 6] = r.kernelLinkId ?? NaN;
    numbers[o + 7] = put(r.ies);
    numbers[o + 8] = r.ies.length;
    numbers[o + 9] = r.beaconIes ? put(r.beaconIes) : NaN;
    numbers[o + 10] = r.beaconIes?.length ?? 0;
  });
  return { bssids: results.map((r) => r.bssid), mldAddrs: results.map((r) => r.kernelMldAddr ?? ''), numbers, bytes: bytes.buffer };
}

/** The results again; their element bytes are views of the one buffer. */
export function unpackScanResults(p: PackedScanResults): ScanResult[] {
  const out: ScanResult[] = [];
  const n = p.numbers;
  for (let i = 0; i < p.bssids.length; i++) {
    const o = i * FIELDS;
    const r: ScanResult = { bssid: p.bssids[i]!, freq: n[o]!, ies: new Uint8Array(p.bytes, n[o + 7]!, n[o + 8]!) };
    if (!Number.isNaN(n[o + 1])) r.signal = n[o + 1]!;
    if (!Number.isNaN(n[o + 2])) r.seenMsAgo = n[o + 2]!;
    if (!Number.isNaN(n[o + 3])) r.capability = n[o + 3]!;
    if (!Number.isNaN(n[o + 4])) r.beaconIntervalTu = n[o + 4]!;
    if (!Number.isNaN(n[o + 9])) r.beaconIes = new Uint8Array(p.bytes, n[o + 9]!, n[o + 10]!);
    if (!Number.isNaN(n[o + 5])) r.status = n[o + 5]!;
    if (!Number.isNaN(n[o + 6])) r.kernelLinkId = n[o + 6]!;
    if (p.mldAddrs[i]) r.kernelMldAddr = p.mldAddrs[i]!;
    out.push(r);
  }
  return out;
}
