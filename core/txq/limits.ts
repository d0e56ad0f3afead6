// The TX queue's limits: window, reserve for critical frames, backlog, queue depths and
// the TX-status timeout, with the defaults the daemon runs with.
import type { TxClass } from './types.js';

export interface TxQueueLimits {
  /** Frames in flight per lane (handed to the kernel, TX status not yet seen). */
  window: number;
  /** Window slots (per lane, and of maxSending) that only critical frames may use. */
  criticalReserve: number;
  /** Requests awaiting the kernel's reply, all lanes together: keeps the socket's backlog short. */
  maxSending: number;
  /** Frames waiting per lane and class before submissions are rejected `queue_full`. */
  maxQueued: Record<TxClass, number>;
  /** How long to wait for a TX status (plus the frame's waitMs). */
  statusTimeoutMs: number;
}

export const DEFAULT_TXQ_LIMITS: TxQueueLimits = {
  window: 64,
  criticalReserve: 4,
  // Requests awaiting the kernel's reply. Critical frames travel on their own socket
  // (the transport's high-priority one), so a deep pipeline of bulk requests no longer
  // delays them; deep pipelines let the socket batch writes and reads: in bench/txq the
  // queue's CPU cost per frame over bare sends fell from +15 % (window 32, 16 in flight)
  // to +3 % (64 and 64).
  maxSending: 64,
  maxQueued: { critical: 256, management: 512, bulk: 1024 },
  statusTimeoutMs: 2000,
};
