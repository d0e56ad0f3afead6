// The TX queue's vocabulary: what a submitter hands in, what it gets back, and the
// small transport contract the queue drives (nl80211 in the daemon, a fake in tests).

/** Priority classes, highest first. */
export const TX_CLASSES = ['critical', 'management', 'bulk'] as const;
export type TxClass = (typeof TX_CLASSES)[number];

/** A lane: one interface (wdev id) and, on an MLD, one link. */
export interface TxLane {
  wdev: number | bigint;
  linkId?: number;
}

/** How an EAPOL (or other control-port) payload is addressed. */
export interface ControlPortTx {
  /** Destination MAC, "aa:bb:cc:dd:ee:ff" or 6 bytes. */
  dest: string | Uint8Array;
  /** Defaults to 0x888e (EAPOL). */
  ethertype?: number;
  /** Send unencrypted even when a key is installed (NL80211_ATTR_CONTROL_PORT_NO_ENCRYPT). */
  noEncrypt?: boolean;
}

export interface TxSubmit {
  lane: TxLane;
  class: TxClass;
  /** A whole 802.11 management frame, or the control-port payload when `controlPort` is set. */
  frame: Uint8Array;
  /**
   * Frames that share sequence state (EAPOL of one station, frames with per-station
   * sequence numbers) carry the same key: they leave in submission order whatever their
   * classes, one at a time (the next waits for the previous one's TX status).
   * Scope: one wdev, all of its links.
   */
  seqKey?: string;
  controlPort?: ControlPortTx;
  /** Do not ask for a TX status (NL80211_ATTR_DONT_WAIT_FOR_ACK); the frame ends as `noack` once sent. */
  noAck?: boolean;
  /** Channel to send on (NL80211_ATTR_WIPHY_FREQ), MHz. */
  freq?: number;
  /** Off-channel wait (NL80211_ATTR_DURATION), ms; also lengthens the status timeout. */
  waitMs?: number;
  offchannelOk?: boolean;
  noCck?: boolean;
}

export type TxRejectReason = 'lane_gone' | 'queue_full' | 'invalid_frame' | 'unsupported' | 'stopped';

interface Timing {
  /** Submission to hand-off to the transport, ms (absent when never dispatched). */
  queuedMs?: number;
  /** Submission to outcome, ms. */
  totalMs: number;
}

export type TxOutcome =
  | ({ status: 'acked'; cookie: bigint } & Timing)
  /** Sent; `ackReported` false when the kernel was not asked for (or cannot give) a status. */
  | ({ status: 'noack'; ackReported: boolean; cookie?: bigint } & Timing)
  | ({ status: 'failed'; errno: string; message: string; extack?: string } & Timing)
  | ({ status: 'rejected'; reason: TxRejectReason; message: string } & Timing);

export type TxStatusKind = 'frame' | 'control_port';

/** What the queue hands to the transport. */
export interface TxSendRequest {
  lane: { wdev: bigint; linkId?: number };
  kind: TxStatusKind;
  frame: Uint8Array;
  controlPort?: { dest: Uint8Array; ethertype: number; noEncrypt: boolean };
  noAck: boolean;
  freq?: number;
  waitMs?: number;
  offchannelOk?: boolean;
  noCck?: boolean;
  /**
   * Set by the queue on frames that leave as critical: the transport sends them apart
   * from the other classes, so they never wait behind requests of lower classes.
   */
  critical?: boolean;
}

/** `cookie` absent: the kernel will report no TX status for this frame. */
export interface TxSendResult {
  cookie?: bigint;
}

/** A TX status event as the kernel reports it (FRAME_TX_STATUS / CONTROL_PORT_FRAME_TX_STATUS). */
export interface TxStatusEvent {
  wdev: bigint;
  kind: TxStatusKind;
  cookie: bigint;
  acked: boolean;
}

/** Where a transport reports status events and lanes that went away. */
export interface TxEventSink {
  txStatus(ev: TxStatusEvent): void;
  /** The interface (no linkId) or one of its links went away. */
  laneGone(lane: TxLane, why: string): void;
}

export interface FrameTransport {
  /**
   * Hands one frame to the kernel; resolves with its cookie. Rejects with an error that
   * carries `errno` (name) and optionally `extack`, or with a TxRejectedError.
   */
  send(req: TxSendRequest): Promise<TxSendResult>;
  /** False when the lane is known not to exist (submission is then rejected `lane_gone`). */
  laneExists?(lane: { wdev: bigint; linkId?: number }): boolean;
  /** Starts delivering events to the sink; stop() ends that. */
  start?(sink: TxEventSink): void | Promise<void>;
  stop?(): void | Promise<void>;
}

/** A transport's refusal before anything reached the kernel. */
export class TxRejectedError extends Error {
  override name = 'TxRejectedError';
  constructor(readonly reason: TxRejectReason, message: string) {
    super(message);
  }
}
