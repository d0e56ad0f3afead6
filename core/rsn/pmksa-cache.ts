// The PMKSA cache (IEEE 802.11-2020 12.6.10.1): PMKs from completed SAE (or other)
// authentications, found by PMKID when a STA lists one in its RSNE, or by peer address.
// Bounded: when full, the entry closest to expiry goes; each entry lives until its
// lifetime (dot11RSNAConfigPMKLifetime) ends. One entry per peer: a new PMKSA with a peer
// replaces the old one, as hostapd's pmksa_cache_auth_add does. The clock is injected.
import { macToString } from '../ieee80211/mac-address.js';

/** dot11RSNAConfigPMKLifetime's default, 43200 s (12 h). */
export const DEFAULT_PMK_LIFETIME_MS = 43_200_000;
export const DEFAULT_PMKSA_CACHE_SIZE = 1024;

export interface PmksaEntry {
  pmkid: Uint8Array;
  pmk: Uint8Array;
  /** AKM suite selector, e.g. 0x000fac08 (SAE). */
  akm: number;
  /** The peer's MAC address (the STA for an AP, the AP for a STA). */
  peer: Uint8Array;
  /** When the PMKSA expires, on the cache's clock (ms). */
  expiresAt: number;
}

export interface PmksaCacheOptions {
  maxEntries?: number;
  lifetimeMs?: number;
  /** Milliseconds of a monotonic clock. */
  now: () => number;
}

const key = (pmkid: Uint8Array): string => Buffer.from(pmkid).toString('hex');

export class PmksaCache {
  private readonly byPmkid = new Map<string, PmksaEntry>();
  private readonly byPeer = new Map<string, PmksaEntry>();
  private readonly maxEntries: number;
  private readonly lifetimeMs: number;

  constructor(private readonly opts: PmksaCacheOptions) {
    this.maxEntries = opts.maxEntries ?? DEFAULT_PMKSA_CACHE_SIZE;
    this.lifetimeMs = opts.lifetimeMs ?? DEFAULT_PMK_LIFETIME_MS;
    if (this.maxEntries < 1) throw new RangeError('a PMKSA cache holds at least one entry');
  }

  get size(): number {
    this.prune();
    return this.byPmkid.size;
  }

  add(entry: { pmkid: Uint8Array; pmk: Uint8Array; akm: number; peer: Uint8Array; lifetimeMs?: number }): PmksaEntry {
    if (entry.pmkid.length !== 16) throw new RangeError('a PMKID is 16 octets');
    this.prune();
    this.removePeer(entry.peer);
    this.removePmkid(entry.pmkid);
    while (this.byPmkid.size >= this.maxEntries) this.evictSoonestToExpire();
    const stored: PmksaEntry = {
      pmkid: entry.pmkid.slice(),
      pmk: entry.pmk.slice(),
      akm: entry.akm,
      peer: entry.peer.slice(),
      expiresAt: this.opts.now() + (entry.lifetimeMs ?? this.lifetimeMs),
    };
    this.byPmkid.set(key(stored.pmkid), stored);
    this.byPeer.set(macToString(stored.peer), stored);
    return stored;
  }

  /** The live entry with this PMKID; with `peer`, only if it belongs to that peer. */
  getByPmkid(pmkid: Uint8Array, peer?: Uint8Array): PmksaEntry | undefined {
    const entry = this.live(this.byPmkid.get(key(pmkid)));
    if (entry && peer && macToString(entry.peer) !== macToString(peer)) return undefined;
    return entry;
  }

  getByPeer(peer: Uint8Array): PmksaEntry | undefined {
    return this.live(this.byPeer.get(macToString(peer)));
  }

  removePeer(peer: Uint8Array): void {
    const entry = this.byPeer.get(macToString(peer));
    if (entry) this.drop(entry);
  }

  removePmkid(pmkid: Uint8Array): void {
    const entry = this.byPmkid.get(key(pmkid));
    if (entry) this.drop(entry);
  }

  clear(): void {
    this.byPmkid.clear();
    this.byPeer.clear();
  }

  /** Drops the expired entries. */
  prune(): void {
    const now = this.opts.now();
    for (const entry of [...this.byPmkid.values()]) if (entry.expiresAt <= now) this.drop(entry);
  }

  private live(entry: PmksaEntry | undefined): PmksaEntry | undefined {
    if (!entry) return undefined;
    if (entry.expiresAt > this.opts.now()) return entry;
    this.drop(entry);
    return undefined;
  }

  private evictSoonestToExpire(): void {
    let soonest: PmksaEntry | undefined;
    for (const entry of this.byPmkid.values()) if (!soonest || entry.expiresAt < soonest.expiresAt) soonest = entry;
    if (soonest) this.drop(soonest);
  }

  private drop(entry: PmksaEntry): void {
    this.byPmkid.delete(key(entry.pmkid));
    const peerKey = macToString(entry.peer);
    if (this.byPeer.get(peerKey) === entry) this.byPeer.delete(peerKey);
  }
}
