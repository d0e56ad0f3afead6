// Multi-link probing of the AP MLD (802.11be-2024 35.3.4.2), driven through Mlme.onFrame with
// probe requests carrying the Probe Request Multi-Link element as sid's wpa_supplicant 2.11
// writes it, and a recording ApContext of three links (2.4 GHz channels 1, 6 and 11, hwsim's
// band data) whose templates carry the beacon's Basic Multi-Link element and RNR as ap-mld.ts
// sets them. The response on the probed link carries one Basic Multi-Link element (the
// beacon's replaced) with a complete profile per requested partner link, which the station
// side (parseBasicMultiLink, parseStaProfileFields, expandProfile) reads back as that link's own
// probe response; other AP MLDs, group-addressed and malformed requests get the ordinary answer.
import { describe, expect, it } from 'vitest';
import { StderrLogger } from '../../core/log.js';
import { textEncoder } from '../../core/ieee80211/byte-writer.js';
import { buildElement, buildSsidElement, ElementExtId, ElementId, parseElements } from '../../core/ieee80211/elements.js';
import { concatBytes, parseDefragmented } from '../../core/ieee80211/element-fragments.js';
import { expandProfile } from '../../core/ieee80211/inheritance.js';
import { BROADCAST_MAC, macFromString, macToString } from '../../core/ieee80211/mac-address.js';
import { buildMgmtHeader, MgmtSubtype } from '../../core/ieee80211/mgmt-header.js';
import { buildProbeRequestMultiLink, type ProbeRequestMultiLink } from '../../core/ieee80211/multi-link-probe.js';
import { MultiLinkType, parseBasicMultiLink, type BasicMultiLink } from '../../core/ieee80211/multi-link.js';
import { parseStaProfileFields } from '../../core/ieee80211/sta-profile.js';
import type { Wiphy } from '../../core/nl80211/inventory.js';
import type { ApContext, SendOptions, SendOutcome } from '../../plugins/mld-ap/ap-context.js';
import { ApLink } from '../../plugins/mld-ap/ap-link.js';
import { linkAddress } from '../../plugins/mld-ap/mld-config.js';
import { mldLinkElements, type MldLinkInfo } from '../../plugins/mld-ap/mld-elements.js';
import { Mlme } from '../../plugins/mld-ap/mlme.js';
import { PeerLog } from '../../plugins/mld-ap/peer-log.js';
import { checkRadio } from '../../plugins/mld-ap/radio-checks.js';
import { StationTable, type ApStation } from '../../plugins/mld-ap/station-table.js';
import { HWSIM_WIPHY } from '../ieee80211/band-fixture.js';
import { mulberry32, mutate } from '../helpers/prng.js';
import { apSettings } from './rsn-fixture.js';

const AP_MLD = '06:4d:4c:44:00:00';
const STA = '02:00:00:00:10:01';
const SSID = 'wifid-mlo';
const CHANNELS = [1, 6, 11];
/** After the header (24) and Timestamp, Beacon Interval, Capability Information (12). */
const PROBE_RESP_ELEMENTS = 36;

function world() {
  const clock = { now: () => 0, setTimer: () => 0 as never, clearTimer: () => undefined };
  const logLines: string[] = [];
  const log = new StderrLogger('warn', 'test', { write: (line: string) => { logLines.push(line); } });
  const links = CHANNELS.map((channel, linkId) => {
    const settings = apSettings({ htmode: 'HT20', ssid: SSID, channel: String(channel) });
    const r = checkRadio({ ...HWSIM_WIPHY, name: 'phy0' } as Wiphy, { ...settings, channel: settings.channel! });
    if (!r.ok) throw new Error(r.problem);
    return new ApLink({ linkId, phy: 'phy0', wiphy: 0, bssid: linkAddress(AP_MLD, linkId), plan: r.plan, ssid: SSID, hidden: false, beaconIntTu: 100, dtimPeriod: 2 });
  });
  links[2]!.changeCount = 3;
  // The beacon's elements, as ApMld.refreshElements sets them.
  const info: MldLinkInfo[] = links.map((l) => ({ linkId: l.linkId!, bssid: l.bssid, band: l.setup.plan.band, channel: l.setup.plan.channel, changeCount: l.changeCount }));
  for (const [i, l] of links.entries()) l.template.extraTail = mldLinkElements(AP_MLD, textEncoder.encode(SSID), info[i]!, info);
  const sent: { frame: Uint8Array; opts: SendOptions }[] = [];
  const stations = new StationTable(10);
  const ap: ApContext = {
    name: 'mld', ifindex: 7, link: links[0]!, links, mldAddrBytes: macFromString(AP_MLD), stations, clock, log, peerLog: new PeerLog(log, clock),
    nl: { request: async () => [] },
    acceptsOpenSystem: true, sae: undefined,
    send: async (frame, opts = {}): Promise<SendOutcome> => { sent.push({ frame, opts }); return 'acked'; },
    isBanned: () => false,
    checkSecurity: () => undefined,
    onAssociated: async () => undefined,
    removeFromKernel: async (sta: ApStation) => { sta.inKernel = false; },
    forgetStation: async (sta: ApStation) => { stations.remove(sta.addr); },
    emit: () => undefined,
    onAction: () => undefined,
  };
  return { mlme: new Mlme(ap), ap, sent, links, logLines };
}

/** A probe request from STA to `da` (BSSID the same, or wildcard when broadcast) with `extra` elements after SSID and rates. */
function probeRequest(da: string, extra: Uint8Array[], ssid = SSID): Uint8Array {
  const dst = macFromString(da);
  return concatBytes([
    buildMgmtHeader({ subtype: MgmtSubtype.PROBE_REQ, da: dst, sa: macFromString(STA), bssid: dst }),
    buildSsidElement(textEncoder.encode(ssid)),
    buildElement(ElementId.SUPPORTED_RATES, Uint8Array.of(0x02, 0x04, 0x0b, 0x16, 0x0c, 0x12, 0x18, 0x24)),
    ...extra,
  ]);
}

const mlProbe = (ml: ProbeRequestMultiLink) => buildProbeRequestMultiLink(ml);
const askLinks = (...ids: number[]) => ids.map((linkId) => ({ linkId, completeProfile: true, elements: new Uint8Array() }));

/** The Multi-Link elements of a probe response, by type. */
function multiLinkElements(frame: Uint8Array) {
  return parseDefragmented(frame.subarray(PROBE_RESP_ELEMENTS)).filter((e) => e.id === ElementId.EXTENSION && e.extId === ElementExtId.MULTI_LINK);
}

function basicMultiLink(frame: Uint8Array): BasicMultiLink {
  const ml = multiLinkElements(frame).filter((e) => (e.data[1]! & 7) === MultiLinkType.BASIC);
  expect(ml, 'one Basic Multi-Link element').toHaveLength(1);
  return parseBasicMultiLink(ml[0]!.data.subarray(1));
}

/** Elements of a frame without the Multi-Link element and the RNR (which describe the MLD, never a link's profile). */
function linkElements(elements: Uint8Array) {
  return parseElements(elements).filter((e) => e.id !== ElementId.REDUCED_NEIGHBOR_REPORT && !(e.id === ElementId.EXTENSION && e.extId === ElementExtId.MULTI_LINK))
    .map((e) => Buffer.from(elements.subarray(e.offset, e.offset + 2 + e.data.length)).toString('hex'));
}

describe('multi-link probe requests to the AP MLD', () => {
  it('a probe naming no link gets complete profiles of both partner links that read back as their own probe responses', () => {
    const w = world();
    w.mlme.onFrame(probeRequest(w.links[0]!.bssid, [mlProbe({ links: [] })]), { linkId: 0 });
    expect(w.sent).toHaveLength(1);
    const { frame, opts } = w.sent[0]!;
    expect({ da: macToString(frame.subarray(4, 10)), sa: macToString(frame.subarray(10, 16)), linkId: opts.linkId }).toEqual({ da: STA, sa: w.links[0]!.bssid, linkId: 0 });
    const ml = basicMultiLink(frame);
    expect({ mld: macToString(ml.mldAddr), linkId: ml.linkId, change: ml.bssParamsChangeCount, apMldId: ml.apMldId }).toEqual({ mld: AP_MLD, linkId: 0, change: 0, apMldId: undefined });
    expect(ml.profiles.map((p) => ({ linkId: p.linkId, complete: p.completeProfile, addr: macToString(p.staAddr!), bi: p.beaconIntervalTu, dtim: p.dtim, tsf: p.tsfOffset, change: p.bssParamsChangeCount })))
      .toEqual([1, 2].map((id) => ({ linkId: id, complete: true, addr: w.links[id]!.bssid, bi: 100, dtim: { count: 0, period: 2 }, tsf: 0n, change: id === 2 ? 3 : 0 })));
    const reporting = frame.subarray(PROBE_RESP_ELEMENTS);
    for (const p of ml.profiles) {
      const fields = parseStaProfileFields(p.profile, 'probe-response');
      const partner = w.links[p.linkId]!;
      expect(fields.capabilityInfo).toBe(partner.capabilityInfo);
      // The station's view of the partner (inheritance applied) is that link's own probe response.
      expect(linkElements(expandProfile(reporting, fields.elements))).toEqual(linkElements(partner.probeResponseElements()));
      const ds = parseElements(expandProfile(reporting, fields.elements)).find((e) => e.id === ElementId.DS_PARAMS)!;
      expect(ds.data[0]).toBe(CHANNELS[p.linkId]);
    }
    // The rest of the frame is the ordinary probe response's: only the Basic Multi-Link element differs.
    expect(linkElements(reporting)).toEqual(linkElements(w.links[0]!.probeResponse(macFromString(STA)).subarray(PROBE_RESP_ELEMENTS)));
    expect(parseElements(reporting).some((e) => e.id === ElementId.REDUCED_NEIGHBOR_REPORT)).toBe(true);
    expect(w.mlme.counters).toMatchObject({ probeAnswered: 1, mlProbeAnswered: 1 });
  });

  it("answers wpa_supplicant's probe for links 1 and 2 of AP MLD 0 on link 1: the AP MLD ID echoed, only link 2 profiled", () => {
    const w = world();
    w.mlme.onFrame(probeRequest(w.links[1]!.bssid, [mlProbe({ apMldId: 0, links: askLinks(1, 2) })]), { linkId: 1 });
    const ml = basicMultiLink(w.sent[0]!.frame);
    expect({ linkId: ml.linkId, apMldId: ml.apMldId, profiles: ml.profiles.map((p) => p.linkId) }).toEqual({ linkId: 1, apMldId: 0, profiles: [2] });
    expect(w.sent[0]!.opts.linkId).toBe(1);
  });

  it('a subset: only the requested links, a link the MLD lacks ignored, the reporting link never profiled', () => {
    const w = world();
    w.mlme.onFrame(probeRequest(w.links[0]!.bssid, [mlProbe({ links: askLinks(2, 9) })]), { linkId: 0 });
    w.mlme.onFrame(probeRequest(w.links[0]!.bssid, [mlProbe({ links: askLinks(0) })]), { linkId: 0 });
    expect(w.sent.map((s) => basicMultiLink(s.frame).profiles.map((p) => p.linkId))).toEqual([[2], []]);
    // A partial profile request is answered with the complete profile.
    w.mlme.onFrame(probeRequest(w.links[2]!.bssid, [mlProbe({ links: [{ linkId: 0, completeProfile: false, elements: Uint8Array.of(10 /* Request */, 1, ElementId.HT_OPERATION) }] })]), { linkId: 2 });
    const p = basicMultiLink(w.sent[2]!.frame).profiles;
    expect(p.map((x) => [x.linkId, x.completeProfile])).toEqual([[0, true]]);
    expect(w.mlme.counters.mlProbeAnswered).toBe(3);
  });

  it('another AP MLD (ID or MLD address), a group-addressed probe and a probe without the element get the ordinary response', () => {
    const w = world();
    const ordinary = (id: number) => Buffer.from(w.links[id]!.probeResponse(macFromString(STA))).toString('hex');
    w.mlme.onFrame(probeRequest(w.links[0]!.bssid, [mlProbe({ apMldId: 3, links: [] })]), { linkId: 0 });
    w.mlme.onFrame(probeRequest(w.links[0]!.bssid, [mlProbe({ mldAddr: macFromString('06:00:00:00:00:99'), links: [] })]), { linkId: 0 });
    w.mlme.onFrame(probeRequest(macToString(BROADCAST_MAC), [mlProbe({ links: [] })], ''), { linkId: 1 });
    w.mlme.onFrame(probeRequest(w.links[2]!.bssid, []), { linkId: 2 });
    expect(w.sent.map((s) => Buffer.from(s.frame).toString('hex'))).toEqual([ordinary(0), ordinary(0), ordinary(1), ordinary(2)]);
    expect(w.sent.map((s) => basicMultiLink(s.frame).profiles.length)).toEqual([0, 0, 0, 0]);
    expect(w.mlme.counters).toMatchObject({ probeAnswered: 4, mlProbeAnswered: 0, bad: { probe: 0 } });
  });

  it('a malformed Probe Request Multi-Link element is counted and answered with the ordinary response', () => {
    const w = world();
    // Presence says AP MLD ID, Common Info Length 1 holds none.
    w.mlme.onFrame(probeRequest(w.links[0]!.bssid, [Uint8Array.of(0xff, 4, 0x6b, 0x11, 0x00, 0x01)]), { linkId: 0 });
    expect(w.sent).toHaveLength(1);
    expect(Buffer.from(w.sent[0]!.frame).equals(w.links[0]!.probeResponse(macFromString(STA)))).toBe(true);
    expect(w.mlme.counters).toMatchObject({ probeAnswered: 1, mlProbeAnswered: 0, bad: { probe: 1 } });
    expect(w.logLines.join('\n')).toMatch(/malformed Probe Request Multi-Link element/);
  });

  it('a single-link AP answers a multi-link probe as an ordinary one', () => {
    const w = world();
    const single = new ApLink({ ...w.links[0]!.setup, linkId: undefined, bssid: '02:00:00:00:00:00' });
    const ap: ApContext = { ...w.ap, link: single, links: [single], mldAddrBytes: undefined };
    const mlme = new Mlme(ap);
    mlme.onFrame(probeRequest(single.bssid, [mlProbe({ links: [] })]));
    expect(Buffer.from(w.sent[0]!.frame).equals(single.probeResponse(macFromString(STA)))).toBe(true);
    expect(mlme.counters.mlProbeAnswered).toBe(0);
  });
});

describe('seeded fuzzing of multi-link probe requests from the air', () => {
  const ITERATIONS = 1500;

  it(`${ITERATIONS} mutated Probe Request Multi-Link elements: each answered (multi-link or ordinary) or counted, never an internal error`, () => {
    const rnd = mulberry32(0x11be0352);
    const valid = Buffer.from(mlProbe({ apMldId: 0, links: askLinks(1, 2) }));
    const w = world();
    let answered = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const before = { sent: w.sent.length, bad: w.mlme.counters.bad.probe };
      const ml = mutate(valid, rnd);
      w.mlme.onFrame(probeRequest(w.links[0]!.bssid, [ml]), { linkId: 0 });
      const out = w.sent.length - before.sent;
      const bad = w.mlme.counters.bad.probe - before.bad;
      // A broken element list (the mutated length) may leave no SSID to answer; it is then counted.
      expect(out + bad, `iteration ${i}: ${ml.toString('hex')}`).toBeGreaterThan(0);
      if (out) {
        answered++;
        expect(basicMultiLink(w.sent[w.sent.length - 1]!.frame).mldAddr).toEqual(macFromString(AP_MLD));
      }
    }
    expect(w.logLines.filter((l) => /failed|Error/.test(l))).toEqual([]);
    expect(answered).toBeGreaterThan(ITERATIONS / 2);
    expect(w.mlme.counters.mlProbeAnswered).toBeGreaterThan(0);
    expect(w.mlme.counters.bad.probe).toBeGreaterThan(0);
  });
});
