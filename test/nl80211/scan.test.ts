// TRIGGER_SCAN as core/nl80211/scan.ts writes it, down to the bytes the kernel reads: the
// SSIDs nested from 1, the frequencies, the extra elements and, for a directed probe (the
// station's multi-link probe), NL80211_ATTR_BSSID (245, 6 octets), which nl80211_trigger_scan
// copies into the scan request's BSSID (the probe requests' address 1 and BSSID field).
import { describe, expect, it } from 'vitest';
import { encodeAttrs, forEachAttr } from '../../core/nl80211/attrs.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import { triggerScan } from '../../core/nl80211/scan.js';

async function sent(p: Parameters<typeof triggerScan>[1]): Promise<Map<number, Uint8Array>> {
  let attrs: Attrs_nl80211_attrs | undefined;
  await triggerScan({ request: async (_cmd: string, a: Attrs_nl80211_attrs) => { attrs = a; return []; } } as never, p);
  const out = new Map<number, Uint8Array>();
  forEachAttr(encodeAttrs('nl80211_attrs', attrs!), (type, value) => out.set(type, value));
  return out;
}

describe('triggerScan', () => {
  it('a directed probe: BSSID (245) as 6 octets, beside the SSID, the one frequency and the element', async () => {
    const ie = Uint8Array.of(0xff, 0x09, 0x6b, 0x11, 0x00, 0x02, 0x00, 0x00, 0x02, 0x11, 0x00);
    const a = await sent({ wdev: 5n, ssids: [new TextEncoder().encode('mld')], freqs: [2412], ie, bssid: '06:00:00:00:00:10' });
    expect(Buffer.from(a.get(245)!).toString('hex')).toBe('060000000010');
    expect(Buffer.from(a.get(42)!)).toEqual(Buffer.from(ie));
    // SCAN_SSIDS (45): entry 1 = "mld"; SCAN_FREQUENCIES (44): entry 1 = 2412.
    expect(Buffer.from(a.get(45)!).toString('hex')).toBe('0700' + '0100' + '6d6c64' + '00');
    expect(Buffer.from(a.get(44)!).toString('hex')).toBe('0800' + '0000' + '6c090000');
  });

  it('an ordinary scan carries no BSSID (the kernel then probes the broadcast address)', async () => {
    const a = await sent({ wdev: 5n, ssids: [new Uint8Array(0)] });
    expect(a.has(245)).toBe(false);
  });
});
