// 802.11 duplicate detection (10.3.2.14.3) for the AP's received management frames.
import { describe, expect, it } from 'vitest';
import { FC_RETRY, mgmtFrameControl, MgmtSubtype } from '../../core/ieee80211/mgmt-header.js';
import { RxDuplicateCache } from '../../plugins/mld-ap/rx-duplicates.js';

const FC = mgmtFrameControl(MgmtSubtype.ASSOC_REQ);
const A = '02:00:00:00:01:00';
const B = '02:00:00:00:02:00';

describe('RxDuplicateCache', () => {
  it('discards only a frame with the Retry bit and the sequence control of the last frame from that transmitter', () => {
    const c = new RxDuplicateCache();
    expect(c.isDuplicate(A, FC, 0x70)).toBe(false);
    expect(c.isDuplicate(A, FC | FC_RETRY, 0x70)).toBe(true);
    expect(c.isDuplicate(A, FC | FC_RETRY, 0x70)).toBe(true);
    // Same number without Retry: a new frame (the station's sequence numbers wrapped or it restarted).
    expect(c.isDuplicate(A, FC, 0x70)).toBe(false);
    expect(c.isDuplicate(A, FC | FC_RETRY, 0x80)).toBe(false);
    // Another transmitter's sequence control is its own.
    expect(c.isDuplicate(B, FC | FC_RETRY, 0x80)).toBe(false);
    expect(c.isDuplicate(A, FC | FC_RETRY, 0x80)).toBe(true);
  });

  it('holds at most `size` transmitters, forgetting the one heard from least recently', () => {
    const c = new RxDuplicateCache(2);
    c.isDuplicate(A, FC, 1);
    c.isDuplicate(B, FC, 2);
    c.isDuplicate(A, FC, 3);
    c.isDuplicate('02:00:00:00:03:00', FC, 4);
    expect(c.entries).toBe(2);
    expect(c.isDuplicate(A, FC | FC_RETRY, 3)).toBe(true);
    expect(c.isDuplicate(B, FC | FC_RETRY, 2)).toBe(false);
  });
});
