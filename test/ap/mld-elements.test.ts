// The per-link elements of an AP MLD (plugins/mld-ap/mld-elements.ts) read back with the
// project's parsers: the Basic Multi-Link element (link id, BSS parameters change count),
// the RNR of the other links, and, while a link is announced for removal, the
// Reconfiguration Multi-Link element with its AP Removal Timer in every link's beacon.
import { describe, expect, it } from 'vitest';
import { ElementExtId, ElementId, iterateElements } from '../../core/ieee80211/elements.js';
import { macToString } from '../../core/ieee80211/mac-address.js';
import { MultiLinkType, parseBasicMultiLink } from '../../core/ieee80211/multi-link.js';
import { parseReconfigurationMultiLink, ReconfOperation } from '../../core/ieee80211/multi-link-reconf.js';
import { parseRnr } from '../../core/ieee80211/rnr.js';
import { mldLinkElements, reconfigurationElement, type MldLinkInfo } from '../../plugins/mld-ap/mld-elements.js';

const MLD = '06:4d:4c:44:00:00';
const SSID = new TextEncoder().encode('wifid-mld');
const links: MldLinkInfo[] = [
  { linkId: 0, bssid: '06:4d:4c:44:00:10', band: '2.4GHz', channel: 1, changeCount: 1 },
  { linkId: 1, bssid: '06:4d:4c:44:00:20', band: '2.4GHz', channel: 6, changeCount: 0 },
  { linkId: 2, bssid: '06:4d:4c:44:00:30', band: '2.4GHz', channel: 11, changeCount: 3 },
];

function read(elements: Uint8Array[]) {
  const all = elements.flatMap((e) => [...iterateElements(e)]);
  const mls = all.filter((e) => e.extId === ElementExtId.MULTI_LINK).map((e) => e.data.subarray(1));
  const basic = mls.filter((d) => (d[0]! & 0x7) === MultiLinkType.BASIC).map(parseBasicMultiLink);
  const reconf = mls.filter((d) => (d[0]! & 0x7) === MultiLinkType.RECONFIGURATION).map(parseReconfigurationMultiLink);
  const rnr = all.filter((e) => e.id === ElementId.REDUCED_NEIGHBOR_REPORT).flatMap((e) => parseRnr(e.data));
  return { basic, reconf, rnr };
}

describe('AP MLD link elements', () => {
  it('no link being removed: the Basic Multi-Link element and the RNR of the others, no Reconfiguration element', () => {
    const r = read(mldLinkElements(MLD, SSID, links[2]!, links));
    expect(r.basic.map((b) => ({ mld: macToString(b.mldAddr), linkId: b.linkId, count: b.bssParamsChangeCount }))).toEqual([{ mld: MLD, linkId: 2, count: 3 }]);
    expect(r.rnr.flatMap((n) => n.entries.map((e) => [n.channel, macToString(e.bssid!), e.mld?.linkId, e.mld?.bssParamsChangeCount]))).toEqual([[1, links[0]!.bssid, 0, 1], [6, links[1]!.bssid, 1, 0]]);
    expect(r.reconf).toEqual([]);
    expect(reconfigurationElement(links)).toBeUndefined();
  });

  it('link 1 announced with 7 TBTTs: every link\'s beacon carries one AP Removal profile for link 1, timer 7, no MLD address', () => {
    const removing = links.map((l) => (l.linkId === 1 ? { ...l, removalTbtt: 7 } : l));
    for (const self of removing) {
      const r = read(mldLinkElements(MLD, SSID, self, removing));
      expect(r.reconf, `link ${self.linkId}'s beacon`).toHaveLength(1);
      expect(r.reconf[0]!.mldAddr).toBeUndefined();
      expect(r.reconf[0]!.profiles.map((p) => ({ linkId: p.linkId, operation: p.operation, timer: p.apRemovalTimer, staAddr: p.staAddr, profile: p.profile.length })))
        .toEqual([{ linkId: 1, operation: ReconfOperation.AP_REMOVAL, timer: 7, staAddr: undefined, profile: 0 }]);
      // The link stays in the others' RNR until it is removed.
      expect(r.rnr.flatMap((n) => n.entries.map((e) => e.mld?.linkId)).sort()).toEqual([0, 1, 2].filter((i) => i !== self.linkId));
    }
  });

  it('the element bytes: Multi-Link Control type 2 with no presence bits, Common Info length 1, Per-STA Profile link 1 with the timer present', () => {
    const el = reconfigurationElement([{ ...links[1]!, removalTbtt: 0x0105 }])!;
    // 255 107 | control 02 00 | common info length 01 | subelement 0, length 5: STA Control 0x0041 (link 1, AP Removal Timer present, operation 0), STA Info length 3, timer 0x0105
    expect([...el]).toEqual([255, 11, 107, 0x02, 0x00, 0x01, 0x00, 0x05, 0x41, 0x00, 0x03, 0x05, 0x01]);
  });
});
