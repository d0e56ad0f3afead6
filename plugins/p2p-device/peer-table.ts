// Discovered P2P peers of one P2P Device, keyed by P2P Device Address, with expiry.
// Pure state: times come from the caller, so expiry is tested without timers.
import { macToString } from '../../core/ieee80211/mac-address.js';
import { deviceTypeToString } from '../../core/ieee80211/device-type.js';
import type { P2pPeerInfo } from '../../core/ieee80211/p2p-probe.js';

/** A peer as `peers` lists it and device_found announces it. */
export interface PeerView {
  p2p_dev_addr: string;
  device_name: string;
  pri_dev_type: string;
  config_methods: number;
  dev_capab: number;
  group_capab: number;
  listen_freq: number;
  /** Seconds since the peer was last heard. */
  last_seen: number;
}

interface PeerEntry {
  info: P2pPeerInfo;
  lastSeenMs: number;
}

export class PeerTable {
  private readonly peers = new Map<string, PeerEntry>();

  constructor(private readonly expiryMs: number) {}

  /** Records a sighting; returns 'new' for a peer not in the table, else 'updated'. */
  upsert(info: P2pPeerInfo, nowMs: number): 'new' | 'updated' {
    const key = macToString(info.deviceAddress);
    const prior = this.peers.get(key);
    // Keep what an earlier, fuller frame told (a name) when a later one omits it.
    const merged: P2pPeerInfo = prior
      ? {
          ...prior.info,
          ...Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined && v !== '')),
        } as P2pPeerInfo
      : info;
    this.peers.set(key, { info: merged, lastSeenMs: nowMs });
    return prior ? 'updated' : 'new';
  }

  /** Drops peers not heard from within the expiry time; returns their addresses. */
  expire(nowMs: number): string[] {
    const lost: string[] = [];
    for (const [key, e] of this.peers) {
      if (nowMs - e.lastSeenMs > this.expiryMs) {
        this.peers.delete(key);
        lost.push(key);
      }
    }
    return lost;
  }

  get size(): number {
    return this.peers.size;
  }

  get(address: string): PeerView | undefined {
    const e = this.peers.get(address.toLowerCase());
    return e ? view(e, Number.NaN) : undefined;
  }

  list(nowMs: number): PeerView[] {
    return [...this.peers.values()].map((e) => view(e, nowMs));
  }

  clear(): string[] {
    const all = [...this.peers.keys()];
    this.peers.clear();
    return all;
  }
}

export function view(e: { info: P2pPeerInfo; lastSeenMs: number }, nowMs: number): PeerView {
  const i = e.info;
  return {
    p2p_dev_addr: macToString(i.deviceAddress),
    device_name: i.deviceName,
    pri_dev_type: i.primaryDeviceType ? deviceTypeToString(i.primaryDeviceType) : '',
    config_methods: i.configMethods ?? 0,
    dev_capab: i.deviceCapability ?? 0,
    group_capab: i.groupCapability ?? 0,
    listen_freq: i.listenFreq ?? 0,
    last_seen: Number.isNaN(nowMs) ? 0 : Math.max(0, Math.round((nowMs - e.lastSeenMs) / 1000)),
  };
}
