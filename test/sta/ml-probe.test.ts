// The station's multi-link probe (plugins/sta-mlo/ml-probe.ts): which partner links it asks
// for, when a plain rescan is the better way, the probe request's bytes against the layout
// of 802.11be-2024 9.4.2.322.3 and against the AP's own parser (mld-ap answers what
// findProbeRequestMultiLink reads), and the bounded probing through the radio work queue
// against a stand-in of cfg80211 that makes the partner's BSS entry once an answer came
// within the dwell (as cfg80211_parse_ml_elem_sta_data does from a complete profile).
import { describe, expect, it } from 'vitest';
import type { Nl80211Event, Subscription } from '../../core/nl80211/dispatch.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import type { ScanResult } from '../../core/nl80211/scan.js';
import { findProbeRequestMultiLink } from '../../core/ieee80211/multi-link-probe.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { PluginScope, ServiceRegistry } from '../../core/plugin/index.js';
import { RadioWorkQueue } from '../../core/radio/work-queue.js';
import { bssOfSsid, type ConnectScanHost } from '../../plugins/sta-mlo/connect-scan.js';
import { missingPartnerLinks, ML_PROBE_TRIES, mlProbeScan, probePartnerLinks, rescanMayFind } from '../../plugins/sta-mlo/ml-probe.js';
import { mlProbeLinks, otherMld } from '../../plugins/mld-ap/ml-probe.js';
import type { ApLink } from '../../plugins/mld-ap/ap-link.js';
import { ManualClock, silentLogger } from '../txq/fakes.js';
import { toHex } from '../ieee80211/hex.js';
import { LINK0, LINK1, MLD_ADDR, mldLinkIes, pskIes } from './scan-fixture.js';

const SSID = new TextEncoder().encode('wifid-mld');
const WDEV = 0x1_0000_0003n;
const WIPHY = 2;

const entry = (bssid: string, freq: number, ies: Uint8Array, signal: number): ScanResult => ({ bssid, freq, ies, signal });
const link0 = entry(LINK0.bssid, LINK0.freq, mldLinkIes(LINK0, LINK1), -40);
/** Link 1's entry as cfg80211 makes it from link 0's answer: its own elements, link 0's signal. */
const link1 = entry(LINK1.bssid, LINK1.freq, mldLinkIes(LINK1, LINK0), -40);

describe('which partner links a station probes for', () => {
  it('a link the RNR names without a BSS entry is missing; with its entry, or outside `links`, it is not', () => {
    const heardOne = bssOfSsid([link0], SSID);
    expect(heardOne[0]!.partners).toEqual([{ linkId: 1, bssid: LINK1.bssid, freq: LINK1.freq }]);
    expect(missingPartnerLinks(heardOne[0]!, heardOne)).toEqual([{ linkId: 1, bssid: LINK1.bssid, freq: LINK1.freq }]);
    expect(missingPartnerLinks(heardOne[0]!, heardOne, [LINK0.freq])).toEqual([]);
    expect(missingPartnerLinks(heardOne[0]!, heardOne, [LINK0.freq, LINK1.freq])).toHaveLength(1);
    const both = bssOfSsid([link0, link1], SSID);
    expect(missingPartnerLinks(both.find((b) => b.bssid === LINK0.bssid)!, both)).toEqual([]);
  });

  it('a BSS of no AP MLD, or of one whose RNR names no partner, needs no probe', () => {
    const psk = bssOfSsid([entry('02:00:00:00:02:00', 2462, pskIes('wifid-mld'), -50)], SSID);
    expect(missingPartnerLinks(psk[0]!, psk)).toEqual([]);
    const alone = bssOfSsid([entry(LINK0.bssid, LINK0.freq, mldLinkIes(LINK0, undefined), -40)], SSID);
    expect(alone[0]!.partners).toBeUndefined();
    expect(missingPartnerLinks(alone[0]!, alone)).toEqual([]);
  });

  it('a rescan may find a link on a channel it covers; one on a channel not scanned is for the probe', () => {
    const missing = [{ linkId: 1, bssid: LINK1.bssid, freq: LINK1.freq }];
    expect(rescanMayFind(missing)).toBe(true);
    expect(rescanMayFind(missing, [2412, 2437])).toBe(true);
    expect(rescanMayFind(missing, [2412])).toBe(false);
    expect(rescanMayFind([], undefined)).toBe(false);
  });
});

describe('the multi-link probe request', () => {
  it('to the heard link\'s BSSID on its channel; the element as 802.11be 9.4.2.322.3 lays it out, as the AP reads it', () => {
    const [chosen] = bssOfSsid([link0], SSID);
    const scan = mlProbeScan(chosen!, missingPartnerLinks(chosen!, [chosen!]));
    expect(scan.bssid).toBe(LINK0.bssid);
    expect(scan.freqs).toEqual([LINK0.freq]);
    // Element 255, length 9, extension 107; Multi-Link Control 0x0011 (type 1 Probe Request,
    // AP MLD ID Present); Common Info Length 2, AP MLD ID 0; Per-STA Profile subelement
    // (0, length 2) with STA Control 0x0011: link 1, Complete Profile Requested.
    expect(toHex(scan.ie!)).toBe('ff096b' + '1100' + '0200' + '00021100');
    const asAp = findProbeRequestMultiLink(scan.ie!)!;
    expect(asAp).toEqual({ apMldId: 0, links: [{ linkId: 1, completeProfile: true, elements: new Uint8Array(0) }] });
    // mld-ap takes it as a probe of its own MLD and answers with link 1's profile alone.
    expect(otherMld(asAp, macFromString(MLD_ADDR))).toBeUndefined();
    const apLinks = [{ linkId: 0 }, { linkId: 1 }, { linkId: 2 }] as ApLink[];
    expect(mlProbeLinks(asAp, apLinks[0]!, apLinks)).toEqual([1]);
  });
});

/** cfg80211 stand-in: link 0 always in the cache; link 1's entry appears after the `answeredAt`-th ML probe. */
function kernel(answeredAt: number) {
  const subs = new Set<Subscription>();
  const triggers: Attrs_nl80211_attrs[] = [];
  let learned = false;
  const nl = {
    subscribe: (sub: Subscription) => { subs.add(sub); return () => void subs.delete(sub); },
    onChange: () => () => {},
    onState: () => () => {},
    request: async (cmd: string, attrs: Attrs_nl80211_attrs): Promise<Attrs_nl80211_attrs[]> => {
      if (cmd === 'TRIGGER_SCAN') {
        triggers.push(attrs);
        if (attrs.IE && findProbeRequestMultiLink(attrs.IE) && triggers.length >= answeredAt) learned = true;
        queueMicrotask(() => {
          const ev = { cmd: 'NEW_SCAN_RESULTS', cmdId: 0, wdev: WDEV, attrs: {}, source: 'low', receivedAt: 0 } as Nl80211Event;
          for (const s of [...subs]) if (s.cmds === '*' || s.cmds.includes('NEW_SCAN_RESULTS')) void s.handler(ev);
        });
        return [];
      }
      return [];
    },
    dumpScan: async (): Promise<ScanResult[]> => (learned ? [link0, link1] : [link0]),
  };
  const clock = new ManualClock();
  const radio = new RadioWorkQueue(silentLogger);
  const scope = new PluginScope('sta-mlo', silentLogger, { nl, radio, clock }, new ServiceRegistry(), []);
  const host: ConnectScanHost = { wiphy: WIPHY, ifindex: 7, wdev: WDEV, scoped: scope.nl, radio: scope.radio, clock: scope.clock };
  return { host, triggers, radio };
}

describe('probing through the radio', () => {
  it('answered at the second probe: two directed scans with the SSID and the element, link 1 learned', async () => {
    const k = kernel(2);
    const [chosen] = bssOfSsid([link0], SSID);
    const { all, report } = await probePartnerLinks(k.host, SSID, chosen!, missingPartnerLinks(chosen!, [chosen!]));
    expect(report).toEqual({ bssid: LINK0.bssid, links: [1], learned: [1], probes: 2 });
    expect(all.map((b) => [b.bssid, b.apMld?.linkId])).toEqual([[LINK0.bssid, 0], [LINK1.bssid, 1]]);
    expect(k.triggers).toHaveLength(2);
    for (const t of k.triggers) {
      expect(t).toMatchObject({ WDEV, BSSID: LINK0.bssid, SCAN_FREQUENCIES: [LINK0.freq] });
      expect(toHex(t.IE!)).toBe('ff096b110002000002' + '1100');
      expect(t.SCAN_SSIDS).toBeDefined();
    }
    expect(k.radio.list(WIPHY)).toEqual([]);
  });

  it(`never answered: ${ML_PROBE_TRIES} probes, nothing learned, the heard link still there`, async () => {
    const k = kernel(Infinity);
    const [chosen] = bssOfSsid([link0], SSID);
    const { all, report } = await probePartnerLinks(k.host, SSID, chosen!, missingPartnerLinks(chosen!, [chosen!]));
    expect(report).toEqual({ bssid: LINK0.bssid, links: [1], learned: [], probes: ML_PROBE_TRIES });
    expect(all.map((b) => b.bssid)).toEqual([LINK0.bssid]);
    expect(k.triggers).toHaveLength(ML_PROBE_TRIES);
  });
});
