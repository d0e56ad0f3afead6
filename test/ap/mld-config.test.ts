// An AP MLD in UCI (`list link`, `mld_addr`), its addresses, and the elements each link beacons.
import { describe, expect, it } from 'vitest';
import { ConfigService, formatProblem } from '../../core/config/index.js';
import { StderrLogger } from '../../core/log.js';
import { opClass20 } from '../../core/ieee80211/channels.js';
import { ElementExtId, ElementId, parseElements } from '../../core/ieee80211/elements.js';
import { macToString } from '../../core/ieee80211/mac-address.js';
import { parseBasicMultiLink } from '../../core/ieee80211/multi-link.js';
import { parseRnr, shortSsid } from '../../core/ieee80211/rnr.js';
import { AP_SECTION, apLinks, isApMld } from '../../plugins/mld-ap/config.js';
import { linkAddress, mldAddress } from '../../plugins/mld-ap/mld-config.js';
import { mldLinkElements, type MldLinkInfo } from '../../plugins/mld-ap/mld-elements.js';

function load(options: string) {
  const text = `config ap 'mld'\n\toption ssid 'wifid'\n${options}`;
  const config = new ConfigService('/etc/config/wifid', new StderrLogger('error', 'test', { write: () => {} }), undefined, () => text);
  config.register(AP_SECTION);
  const problems = config.load().map(formatProblem);
  return { problems, values: config.section(AP_SECTION, 'mld')?.values };
}

describe('config ap with links', () => {
  it('two links make an AP MLD; a link without htmode takes the section\'s', () => {
    const { problems, values } = load("\tlist link 'phy0:1'\n\tlist link 'phy0:6:EHT20'\n\toption mld_addr '06:AA:00:00:00:01'\n");
    expect(problems).toEqual([]);
    expect(isApMld(values!)).toBe(true);
    expect(values!.mld_addr).toBe('06:aa:00:00:00:01');
    expect(apLinks(values!)).toEqual([{ phy: 'phy0', channel: 1 }, { phy: 'phy0', channel: 6, htmode: 'EHT20' }]);
  });

  it('one link, or phy and channel, is a single-link AP', () => {
    const one = load("\tlist link 'phy1:11'\n");
    expect(one.problems).toEqual([]);
    expect(isApMld(one.values!)).toBe(false);
    expect(apLinks(one.values!)).toEqual([{ phy: 'phy1', channel: 11 }]);
    const classic = load("\toption phy 'phy0'\n\toption channel '6'\n");
    expect(apLinks(classic.values!)).toEqual([{ phy: 'phy0', channel: 6 }]);
  });

  it.each([
    ['', /phy and channel are needed \(or the links as list link\)/],
    ["\toption phy 'phy0'\n", /phy and channel are needed/],
    ["\toption phy 'phy0'\n\toption channel '1'\n\tlist link 'phy0:6'\n", /either phy and channel or list link, not both/],
    ["\tlist link 'phy0:1'\n\tlist link 'phy0:1'\n", /link phy0:1 is listed twice/],
    ["\tlist link 'phy0'\n", /<phy>:<channel>\[:<htmode>\]/],
    ["\tlist link 'phy0:6:HT80'\n", /<phy>:<channel>/],
    ["\tlist link 'phy0:0'\n", /<phy>:<channel>/],
    ["\tlist link 'phy0:1'\n\toption mld_addr '06:00:00:00:00:01'\n", /mld_addr is for an AP MLD: it needs two or more links/],
    ["\tlist link 'phy0:1'\n\tlist link 'phy0:6'\n\toption mld_addr '01:00:5e:00:00:01'\n", /mld_addr.*unicast MAC/],
    [Array.from({ length: 16 }, (_, i) => `\tlist link 'phy0:${i + 1}'\n`).join(''), /at most 15 links, got 16/],
  ])('refuses %j', (options, message) => {
    const { problems, values } = load(options);
    expect(values).toBeUndefined();
    expect(problems.join('\n')).toMatch(message);
  });
});

describe('AP MLD addresses', () => {
  it('the default MLD address is stable per section name, locally administered unicast, and differs between sections', () => {
    const a = mldAddress('home');
    expect(mldAddress('home')).toBe(a);
    expect(mldAddress('office')).not.toBe(a);
    expect(parseInt(a.slice(0, 2), 16) & 0x03).toBe(0x02);
    expect(mldAddress('home', '06:00:00:00:00:01')).toBe('06:00:00:00:00:01');
  });

  it('the 15 link addresses differ from each other and from the MLD address, and are locally administered', () => {
    for (const mld of ['06:00:00:00:00:00', '00:11:22:33:44:ff', mldAddress('x')]) {
      const links = Array.from({ length: 15 }, (_, i) => linkAddress(mld, i));
      expect(new Set([mld, ...links]).size).toBe(16);
      for (const l of links) expect(parseInt(l.slice(0, 2), 16) & 0x03).toBe(0x02);
    }
    expect(() => linkAddress('06:00:00:00:00:00', 15)).toThrow(RangeError);
  });
});

describe('AP MLD link elements', () => {
  const ssid = new TextEncoder().encode('wifid-mld');
  const links: MldLinkInfo[] = [
    { linkId: 0, bssid: '06:00:00:00:00:10', band: '2.4GHz', channel: 1, changeCount: 3 },
    { linkId: 1, bssid: '06:00:00:00:00:20', band: '2.4GHz', channel: 6, changeCount: 0 },
    { linkId: 2, bssid: '06:00:00:00:00:30', band: '5GHz', channel: 36, changeCount: 7 },
  ];

  it('link 1: the Basic Multi-Link element names the MLD and link 1; the RNR lists links 0 and 2 with their MLD parameters', () => {
    const els = parseElements(Buffer.concat(mldLinkElements('06:00:00:00:00:00', ssid, links[1]!, links)));
    const ml = parseBasicMultiLink(els.find((e) => e.extId === ElementExtId.MULTI_LINK)!.data.subarray(1));
    expect({ mld: macToString(ml.mldAddr), linkId: ml.linkId, count: ml.bssParamsChangeCount, maxLinks: ml.mldCapabilities! & 0xf, profiles: ml.profiles.length })
      .toEqual({ mld: '06:00:00:00:00:00', linkId: 1, count: 0, maxLinks: 2, profiles: 0 });
    const rnr = parseRnr(els.find((e) => e.id === ElementId.REDUCED_NEIGHBOR_REPORT)!.data);
    expect(rnr.map((n) => ({ opClass: n.opClass, channel: n.channel, aps: n.entries.map((e) => [macToString(e.bssid!), e.shortSsid, e.mld?.linkId, e.mld?.bssParamsChangeCount]) }))).toEqual([
      { opClass: 81, channel: 1, aps: [['06:00:00:00:00:10', shortSsid(ssid), 0, 3]] },
      { opClass: 115, channel: 36, aps: [['06:00:00:00:00:30', shortSsid(ssid), 2, 7]] },
    ]);
  });

  it('a single link has no neighbors: the Multi-Link element alone', () => {
    const els = parseElements(Buffer.concat(mldLinkElements('06:00:00:00:00:00', ssid, links[0]!, [links[0]!])));
    expect(els.map((e) => e.extId ?? e.id)).toEqual([ElementExtId.MULTI_LINK]);
  });

  it('operating classes of 20 MHz channels (Table E-4)', () => {
    expect([opClass20('2.4GHz', 6), opClass20('2.4GHz', 14), opClass20('5GHz', 52), opClass20('5GHz', 100), opClass20('5GHz', 149), opClass20('5GHz', 165), opClass20('6GHz', 37)])
      .toEqual([81, 82, 118, 121, 124, 125, 131]);
    expect([opClass20('2.4GHz', 15), opClass20('5GHz', 34)]).toEqual([undefined, undefined]);
  });
});
