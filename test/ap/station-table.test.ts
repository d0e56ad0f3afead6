import { describe, expect, it } from 'vitest';
import { StationTable } from '../../plugins/mld-ap/station-table.js';

describe('station table', () => {
  it('hands out the lowest free AID from 1 and none beyond max_clients', () => {
    const t = new StationTable(2);
    const a = t.authenticate('02:00:00:00:01:00');
    a.aid = t.allocateAid();
    const b = t.authenticate('02:00:00:00:02:00');
    b.aid = t.allocateAid();
    expect([a.aid, b.aid]).toEqual([1, 2]);
    t.authenticate('02:00:00:00:03:00');
    expect(t.allocateAid()).toBeUndefined();
    t.remove(a.addr);
    expect(t.allocateAid()).toBe(1);
    expect(t.associatedCount).toBe(1);
  });

  it('refuses a max_clients outside 1..2007 (IEEE 802.11-2020 9.4.1.8)', () => {
    expect(() => new StationTable(0)).toThrow(RangeError);
    expect(() => new StationTable(2008)).toThrow(RangeError);
  });
});
