// Checks a submission before it is queued, and turns it into the transport's request.
// Bad input is rejected `invalid_frame` with a message; the queue's state is untouched.
import { macFromString, MAC_LEN } from '../ieee80211/mac-address.js';
import { TX_CLASSES, type TxSendRequest, type TxSubmit } from './types.js';

const ETH_P_PAE = 0x888e;
const MGMT_HEADER_LEN = 24;
const FRAME_TYPE_MGMT = 0;
/** IEEE80211_MLD_MAX_NUM_LINKS in the kernel. */
const MAX_LINK_ID = 14;
/** What one netlink attribute can carry (u16 length minus the attribute header). */
const MAX_FRAME_LEN = 0xffff - 4;
const MAX_U64 = (1n << 64n) - 1n;

export class InvalidSubmission extends Error {
  override name = 'InvalidSubmission';
}

function wdevId(w: unknown): bigint {
  if (typeof w === 'bigint' && w >= 0n && w <= MAX_U64) return w;
  if (typeof w === 'number' && Number.isSafeInteger(w) && w >= 0) return BigInt(w);
  throw new InvalidSubmission(`lane.wdev must be a non-negative integer, got ${String(w)}`);
}

export function toSendRequest(s: TxSubmit): TxSendRequest {
  if (!s || typeof s !== 'object') throw new InvalidSubmission('submission must be an object');
  if (!s.lane || typeof s.lane !== 'object') throw new InvalidSubmission('lane is required');
  const wdev = wdevId(s.lane.wdev);
  const linkId = s.lane.linkId;
  if (linkId !== undefined && !(Number.isInteger(linkId) && linkId >= 0 && linkId <= MAX_LINK_ID)) {
    throw new InvalidSubmission(`lane.linkId must be 0..${MAX_LINK_ID}, got ${String(linkId)}`);
  }
  if (!TX_CLASSES.includes(s.class)) throw new InvalidSubmission(`class must be one of ${TX_CLASSES.join(', ')}`);
  if (!(s.frame instanceof Uint8Array)) throw new InvalidSubmission('frame must be a Uint8Array');
  if (s.frame.length > MAX_FRAME_LEN) throw new InvalidSubmission(`frame of ${s.frame.length} bytes is too long`);
  if (s.seqKey !== undefined && (typeof s.seqKey !== 'string' || s.seqKey.length === 0)) {
    throw new InvalidSubmission('seqKey must be a non-empty string');
  }
  if (s.freq !== undefined && !(Number.isInteger(s.freq) && s.freq > 0)) throw new InvalidSubmission('freq must be a positive integer (MHz)');
  if (s.waitMs !== undefined && !(Number.isInteger(s.waitMs) && s.waitMs >= 0)) throw new InvalidSubmission('waitMs must be a non-negative integer');

  const req: TxSendRequest = {
    lane: linkId === undefined ? { wdev } : { wdev, linkId },
    kind: s.controlPort ? 'control_port' : 'frame',
    frame: s.frame,
    noAck: s.noAck === true,
  };
  if (s.freq !== undefined) req.freq = s.freq;
  if (s.waitMs !== undefined) req.waitMs = s.waitMs;
  if (s.offchannelOk) req.offchannelOk = true;
  if (s.noCck) req.noCck = true;

  if (s.controlPort) {
    const cp = s.controlPort;
    let dest: Uint8Array;
    if (typeof cp.dest === 'string') {
      try {
        dest = macFromString(cp.dest);
      } catch {
        throw new InvalidSubmission(`controlPort.dest is not a MAC address: "${cp.dest}"`);
      }
    } else if (cp.dest instanceof Uint8Array && cp.dest.length === MAC_LEN) {
      dest = cp.dest;
    } else {
      throw new InvalidSubmission('controlPort.dest must be a MAC string or 6 bytes');
    }
    const ethertype = cp.ethertype ?? ETH_P_PAE;
    if (!(Number.isInteger(ethertype) && ethertype > 0 && ethertype <= 0xffff)) {
      throw new InvalidSubmission('controlPort.ethertype must be 1..0xffff');
    }
    if (s.frame.length === 0) throw new InvalidSubmission('control-port payload is empty');
    req.controlPort = { dest, ethertype, noEncrypt: cp.noEncrypt === true };
  } else {
    if (s.frame.length < MGMT_HEADER_LEN) {
      throw new InvalidSubmission(`frame of ${s.frame.length} bytes is shorter than a management header (${MGMT_HEADER_LEN})`);
    }
    const fc = s.frame[0];
    if ((fc & 0x3) !== 0 || ((fc >> 2) & 0x3) !== FRAME_TYPE_MGMT) {
      throw new InvalidSubmission(`frame control 0x${fc.toString(16).padStart(2, '0')} is not a management frame`);
    }
  }
  return req;
}
