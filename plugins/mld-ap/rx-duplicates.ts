// Duplicate detection for the management frames the AP's MLME receives (IEEE 802.11-2020
// 10.3.2.14.3): the receiver keeps, per transmitter address, the sequence control (sequence
// and fragment number) of the last frame; a frame with the Retry bit set carrying that same
// sequence control is a retransmission of a frame already received and is discarded. mac80211
// does this for frames of stations it holds; frames from a station not yet added (auth,
// (re)association requests) reach wifid undeduplicated, so a station whose ACK was lost
// would otherwise have its (re)association request handled twice.
// The cache is bounded: the oldest transmitter is forgotten first (forgetting only costs a
// duplicate that is then handled as a new frame, which the MLME tolerates).
import { FC_RETRY } from '../../core/ieee80211/mgmt-header.js';

export const RX_DUPLICATE_CACHE_SIZE = 1024;

export class RxDuplicateCache {
  private readonly last = new Map<string, number>();

  constructor(private readonly size = RX_DUPLICATE_CACHE_SIZE) {}

  /** Records the frame's sequence control; true when it is a duplicate to discard. */
  isDuplicate(ta: string, frameControl: number, seqCtrl: number): boolean {
    const prior = this.last.get(ta);
    if ((frameControl & FC_RETRY) !== 0 && prior === seqCtrl) return true;
    // Re-inserted so the map's order is least recently heard first.
    this.last.delete(ta);
    this.last.set(ta, seqCtrl);
    if (this.last.size > this.size) this.last.delete(this.last.keys().next().value!);
    return false;
  }

  get entries(): number {
    return this.last.size;
  }
}
