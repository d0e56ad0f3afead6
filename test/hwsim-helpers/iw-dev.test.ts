// `iw dev` parsing (leftover-interface check), on real iw 5.19 output (see vectors/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIwDev } from '../hwsim/lib/iw-dev.js';

const vector = (name: string) => readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8');

describe('parseIwDev', () => {
  it('reads an AP netdev and a monitor netdev of one wiphy', () => {
    expect(parseIwDev(vector('iw-dev-ap.txt'))).toEqual([
      { phyIndex: 0, ifname: 'mon0', wdev: '0x2', type: 'monitor', addr: '02:00:00:00:00:00' },
      { phyIndex: 0, ifname: 'wlan0', wdev: '0x1', type: 'AP', addr: '02:00:00:00:00:00' },
    ]);
  });

  it('reads a P2P-Device wdev without netdev', () => {
    expect(parseIwDev(vector('iw-dev-p2p.txt'))).toEqual([
      { phyIndex: 0, ifname: null, wdev: '0x2', type: 'P2P-device', addr: '42:00:00:00:00:00' },
      { phyIndex: 0, ifname: 'wlan0', wdev: '0x1', type: 'managed', addr: '02:00:00:00:00:00' },
    ]);
  });

  it('keeps the wiphy index of a radio that is not phy 0', () => {
    expect(parseIwDev(vector('iw-dev-sta.txt'))).toEqual([
      { phyIndex: 1, ifname: 'wlan1', wdev: '0x100000001', type: 'managed', addr: '02:00:00:00:01:00' },
    ]);
  });

  it('reads nothing from an empty listing', () => {
    expect(parseIwDev('')).toEqual([]);
  });
});
