import { describe, expect, it } from 'vitest';
import { PeerTable } from '../../plugins/p2p-device/peer-table.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';

const peer = (addr: string, name: string, listenFreq?: number) => ({
  deviceAddress: macFromString(addr), deviceName: name, primaryDeviceType: { category: 1, oui: 0x0050f204, subcategory: 1 },
  configMethods: 0x188, deviceCapability: 0x25, groupCapability: 0, listenFreq,
});

describe('P2P peer table', () => {
  it('reports a new peer once, then updates it', () => {
    const t = new PeerTable(60_000);
    expect(t.upsert(peer('02:00:00:00:01:00', 'a', 2412), 0)).toBe('new');
    expect(t.upsert(peer('02:00:00:00:01:00', 'a', 2437), 1000)).toBe('updated');
    expect(t.list(3000)).toEqual([{
      p2p_dev_addr: '02:00:00:00:01:00', device_name: 'a', pri_dev_type: '1-0050F204-1', config_methods: 0x188,
      dev_capab: 0x25, group_capab: 0, listen_freq: 2437, last_seen: 2,
    }]);
  });

  it('keeps a known name when a later sighting carries none', () => {
    const t = new PeerTable(60_000);
    t.upsert(peer('02:00:00:00:01:00', 'named', 2412), 0);
    t.upsert({ deviceAddress: macFromString('02:00:00:00:01:00'), deviceName: '' }, 10);
    expect(t.get('02:00:00:00:01:00')).toMatchObject({ device_name: 'named', listen_freq: 2412 });
  });

  it('expires peers not heard from within the expiry time, and only those', () => {
    const t = new PeerTable(60_000);
    t.upsert(peer('02:00:00:00:01:00', 'old'), 0);
    t.upsert(peer('02:00:00:00:02:00', 'fresh'), 30_000);
    expect(t.expire(60_000)).toEqual([]);
    expect(t.expire(60_001)).toEqual(['02:00:00:00:01:00']);
    expect(t.list(60_001).map((p) => p.device_name)).toEqual(['fresh']);
    expect(t.expire(90_001)).toEqual(['02:00:00:00:02:00']);
    expect(t.size).toBe(0);
  });
});
