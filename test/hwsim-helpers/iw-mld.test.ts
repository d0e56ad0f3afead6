// The links of an MLD from sid's iw 6.17 `iw dev <if> info` (real output, vectors/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIwMldLinks } from '../hwsim/lib/iw-mld.js';

describe('parseIwMldLinks', () => {
  it('reads the link id, link address and channel of each link', () => {
    expect(parseIwMldLinks(readFileSync(new URL('./vectors/iw-dev-info-mld.txt', import.meta.url), 'utf8'))).toEqual([
      { linkId: 0, addr: '06:4d:4c:44:00:10', channel: 1, freq: 2412 },
      { linkId: 1, addr: '06:4d:4c:44:00:11', channel: 6, freq: 2437 },
    ]);
  });

  it('a link without channel (its AP stopped) and an interface without links', () => {
    expect(parseIwMldLinks('\tMLD with links:\n\t - link ID  3 link addr 06:00:00:00:00:03\n\ttxpower 20.00 dBm\n')).toEqual([{ linkId: 3, addr: '06:00:00:00:00:03' }]);
    expect(parseIwMldLinks('Interface wlan0\n\taddr 02:00:00:00:00:00\n\ttype managed\n')).toEqual([]);
  });
});
