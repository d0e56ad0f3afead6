import { describe, expect, it } from 'vitest';
import { PmksaCache } from '../../core/rsn/pmksa-cache.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';

const AKM_SAE = 0x000fac08;
const pmkid = (n: number) => new Uint8Array(16).fill(n);
const pmk = (n: number) => new Uint8Array(32).fill(n);
const peer = (n: number) => macFromString(`02:00:00:00:00:${n.toString(16).padStart(2, '0')}`);

function cache(maxEntries = 4, lifetimeMs = 1000) {
  const clock = { t: 0 };
  return { clock, c: new PmksaCache({ maxEntries, lifetimeMs, now: () => clock.t }) };
}

describe('PMKSA cache', () => {
  it('finds an entry by PMKID and by peer, and checks the peer when asked', () => {
    const { c } = cache();
    c.add({ pmkid: pmkid(1), pmk: pmk(1), akm: AKM_SAE, peer: peer(1) });
    expect(c.getByPmkid(pmkid(1))?.pmk).toEqual(pmk(1));
    expect(c.getByPmkid(pmkid(1), peer(1))?.akm).toBe(AKM_SAE);
    expect(c.getByPmkid(pmkid(1), peer(2))).toBeUndefined();
    expect(c.getByPeer(peer(1))?.pmkid).toEqual(pmkid(1));
    expect(c.getByPmkid(pmkid(9))).toBeUndefined();
  });

  it('keeps copies: changing the caller arrays changes nothing stored', () => {
    const { c } = cache();
    const k = pmk(1);
    c.add({ pmkid: pmkid(1), pmk: k, akm: AKM_SAE, peer: peer(1) });
    k.fill(0);
    expect(c.getByPeer(peer(1))?.pmk).toEqual(pmk(1));
  });

  it('one PMKSA per peer: a new one replaces the old', () => {
    const { c } = cache();
    c.add({ pmkid: pmkid(1), pmk: pmk(1), akm: AKM_SAE, peer: peer(1) });
    c.add({ pmkid: pmkid(2), pmk: pmk(2), akm: AKM_SAE, peer: peer(1) });
    expect(c.getByPmkid(pmkid(1))).toBeUndefined();
    expect(c.getByPeer(peer(1))?.pmkid).toEqual(pmkid(2));
    expect(c.size).toBe(1);
  });

  it('entries expire after their lifetime', () => {
    const { c, clock } = cache(4, 1000);
    c.add({ pmkid: pmkid(1), pmk: pmk(1), akm: AKM_SAE, peer: peer(1) });
    c.add({ pmkid: pmkid(2), pmk: pmk(2), akm: AKM_SAE, peer: peer(2), lifetimeMs: 5000 });
    clock.t = 999;
    expect(c.getByPmkid(pmkid(1))).toBeDefined();
    clock.t = 1000;
    expect(c.getByPmkid(pmkid(1))).toBeUndefined();
    expect(c.getByPeer(peer(1))).toBeUndefined();
    expect(c.size).toBe(1);
    clock.t = 5000;
    expect(c.size).toBe(0);
  });

  it('is bounded: when full, the entry closest to expiry is dropped', () => {
    const { c, clock } = cache(3, 1000);
    for (let i = 1; i <= 3; i++) {
      clock.t = i;
      c.add({ pmkid: pmkid(i), pmk: pmk(i), akm: AKM_SAE, peer: peer(i) });
    }
    clock.t = 10;
    c.add({ pmkid: pmkid(4), pmk: pmk(4), akm: AKM_SAE, peer: peer(4) });
    expect(c.size).toBe(3);
    expect(c.getByPmkid(pmkid(1))).toBeUndefined();
    expect(c.getByPeer(peer(1))).toBeUndefined();
    expect([2, 3, 4].every((i) => c.getByPmkid(pmkid(i)) !== undefined)).toBe(true);
  });

  it('removes by peer and by PMKID', () => {
    const { c } = cache();
    c.add({ pmkid: pmkid(1), pmk: pmk(1), akm: AKM_SAE, peer: peer(1) });
    c.add({ pmkid: pmkid(2), pmk: pmk(2), akm: AKM_SAE, peer: peer(2) });
    c.removePeer(peer(1));
    c.removePmkid(pmkid(2));
    expect(c.size).toBe(0);
    expect(c.getByPeer(peer(2))).toBeUndefined();
  });

  it('refuses a PMKID that is not 16 octets', () => {
    const { c } = cache();
    expect(() => c.add({ pmkid: new Uint8Array(15), pmk: pmk(1), akm: AKM_SAE, peer: peer(1) })).toThrow(RangeError);
  });
});
