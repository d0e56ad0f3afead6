// Shapes shared by the 4-way handshake, the group key handshake and the supplicant.
import type { MonotonicClock } from '../txq/clock.js';

/** Why a handshake gave up; the AP then deauthenticates with `deauthReason`. */
export type HandshakeFailure =
  /** Every reply to message 1 carried a bad MIC: a wrong passphrase on one side. */
  | 'mic_failure'
  /** No (valid) reply after the last retransmission. */
  | 'timeout'
  /** The RSNE/RSNXE in message 2 differs from the (Re)Association Request's. */
  | 'rsne_mismatch'
  /** installPtk rejected (the kernel refused the key). */
  | 'install_failed';

/** The current group keys of the link, read when a message 3 or group message 1 is built. */
export interface GroupKeys {
  gtk: Uint8Array;
  /** 1 or 2. */
  gtkId: number;
  /** The GTK's receive sequence counter for Key RSC (up to 8 octets, little-endian); zeros if absent. */
  gtkRsc?: Uint8Array;
  /** BIP key, sent when management frame protection was negotiated. */
  igtk?: Uint8Array;
  /** 4 or 5. */
  igtkId?: number;
  /** IPN, 6 octets little-endian; zeros if absent. */
  igtkPn?: Uint8Array;
  /** Beacon protection key, sent with the IGTK when beacon protection is on. */
  bigtk?: Uint8Array;
  /** 6 or 7. */
  bigtkId?: number;
  bigtkPn?: Uint8Array;
}

/** Retransmission policy (802.11 dot11RSNAConfigPairwiseUpdateCount / GroupUpdateCount). */
export interface RetryPolicy {
  /** Transmissions of each message before giving up. */
  attempts: number;
  /** Wait after the first transmission of message 1 (or group message 1). */
  firstTimeoutMs: number;
  /** Wait after every other transmission. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, firstTimeoutMs: 1000, timeoutMs: 1000 };

/** Frames received and dropped, by cause (shown by `wifid.ap status`). */
export interface HandshakeCounters {
  /** Not an EAPOL-Key frame of the right shape (FrameDecodeError). */
  malformed: number;
  /** MIC did not verify. */
  micFailures: number;
  /** Replay counter not one this side sent (old, replayed or forged). */
  replays: number;
  /** Well formed but not expected now (wrong message, request bit, wrong descriptor version). */
  unexpected: number;
  /** Retransmissions made after a timeout. */
  retransmissions: number;
  /** send() rejections (the retry timer covers them). */
  sendErrors: number;
}

export function newCounters(): HandshakeCounters {
  return { malformed: 0, micFailures: 0, replays: 0, unexpected: 0, retransmissions: 0, sendErrors: 0 };
}

/**
 * The keys and counters of an established PTKSA, which the group key handshake continues:
 * the replay counter is one sequence across the 4-way and group key handshakes of a STA.
 */
export interface PtkSession {
  akm: number;
  aa: Uint8Array;
  spa: Uint8Array;
  pairwiseCipher: number;
  kck: Uint8Array;
  kek: Uint8Array;
  micLen: number;
  descriptorVersion: number;
  /** 802.1X protocol version put in the frames this side sends. */
  protocolVersion: number;
  /** The last replay counter this authenticator used. */
  replayCounter: bigint;
}

export type { MonotonicClock };
