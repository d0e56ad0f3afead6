// The messages between ScanDumper (main thread) and the scan-dump worker (scan-worker.ts).
import type { PackedScanResults } from './scan-results-packed.js';

/** workerData of the worker. */
export interface ScanWorkerOptions {
  /** Where the dumps go instead of the kernel: a user-space peer that answers as nl80211 would (benches and tests). */
  peerPort?: number;
}

/** A GET_SCAN dump of one wdev. */
export interface ScanWorkerRequest {
  id: number;
  /** nl80211's generic-netlink family id and version, as the main thread resolved them. */
  family: number;
  version: number;
  wdev: bigint;
}

export type ScanWorkerReply =
  | { id: number; packed: PackedScanResults; skipped: number; problems: string[] }
  | { id: number; error: { name: string; message: string; errno?: number; extack?: string } }
  | { warning: string };
