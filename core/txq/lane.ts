// One lane's state: a FIFO per priority class, the frames it has handed to the kernel
// and not yet seen end, and its counters.
import { DelayWindow } from './delay-window.js';
import { Fifo } from './fifo.js';
import { TX_CLASSES, type TxClass, type TxOutcome, type TxSendRequest } from './types.js';
import type { TimerHandle } from './clock.js';

export interface ClassCounters {
  /** Waiting in the lane now. */
  queued: number;
  /** Handed to the kernel, outcome not yet known. */
  inFlight: number;
  /** Handed to the kernel (cumulative). */
  sent: number;
  acked: number;
  noack: number;
  failed: number;
  rejected: number;
  /** Frames of this class that a later frame of the same sequence state lifted to its class. */
  promoted: number;
  delays: DelayWindow;
}

export function newCounters(): ClassCounters {
  return { queued: 0, inFlight: 0, sent: 0, acked: 0, noack: 0, failed: 0, rejected: 0, promoted: 0, delays: new DelayWindow() };
}

/** One sequence state (a seqKey on one wdev): its unfinished frames in submission order. */
export type SeqChain = TxEntry[];

export interface TxEntry {
  readonly req: TxSendRequest;
  readonly lane: LaneState;
  /** The class it was submitted with: what counters are kept under. */
  readonly submittedClass: TxClass;
  /** The queue it waits in; higher than submittedClass once promoted. */
  class: TxClass;
  readonly chain?: SeqChain;
  readonly chainKey?: string;
  readonly submittedAt: number;
  dispatchedAt?: number;
  state: 'queued' | 'sending' | 'inflight' | 'done';
  /** Set once the kernel answered: where the frame waits for its TX status. */
  cookie?: bigint;
  timer?: TimerHandle;
  readonly resolve: (o: TxOutcome) => void;
}

export function laneKeyOf(wdev: bigint, linkId: number | undefined): string {
  return linkId === undefined ? `${wdev}` : `${wdev}/${linkId}`;
}

export class LaneState {
  readonly key: string;
  readonly queues: Record<TxClass, Fifo<TxEntry>> = { critical: new Fifo(), management: new Fifo(), bulk: new Fifo() };
  readonly counters: Record<TxClass, ClassCounters> = { critical: newCounters(), management: newCounters(), bulk: newCounters() };
  /** Entries handed to the transport and not ended: the window's depth. */
  readonly active = new Set<TxEntry>();

  constructor(readonly wdev: bigint, readonly linkId: number | undefined) {
    this.key = laneKeyOf(wdev, linkId);
  }

  queuedTotal(): number {
    let n = 0;
    for (const c of TX_CLASSES) n += this.queues[c].length;
    return n;
  }

  isIdle(): boolean {
    return this.active.size === 0 && this.queuedTotal() === 0;
  }
}
