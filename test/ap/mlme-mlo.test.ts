// The AP MLD's MLME with a non-AP MLD, driven through Mlme.onFrame with real frames and a
// recording ApContext of two links (2.4 GHz channels 1 and 6, hwsim's band data): the
// authentication reply carries the AP MLD's Basic Multi-Link element, the multi-link
// association makes NEW_STATION (MLD address, association link id, link address) and
// ADD_LINK_STA for the other link, the response has the per-STA profile with its status;
// malformed or unacceptable Multi-Link elements are refused with a status and counted; a
// legacy station on one link is added on that link.
import { describe, expect, it } from 'vitest';
import { StderrLogger } from '../../core/log.js';
import { AuthAlgorithm, buildAuth, parseAuth } from '../../core/ieee80211/auth.js';
import { buildAuthMultiLink, takeAuthMultiLink } from '../../core/ieee80211/auth-multi-link.js';
import { ElementExtId, ElementId, parseElements } from '../../core/ieee80211/elements.js';
import { macFromString, macToString } from '../../core/ieee80211/mac-address.js';
import { buildBasicMultiLink, parseBasicMultiLink, type PerStaProfile } from '../../core/ieee80211/multi-link.js';
import { buildStaProfileFields, parseStaProfileFields } from '../../core/ieee80211/sta-profile.js';
import { expandProfile } from '../../core/ieee80211/inheritance.js';
import { StatusCode } from '../../core/ieee80211/status-codes.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import type { Wiphy } from '../../core/nl80211/inventory.js';
import type { ApContext, SendOptions, SendOutcome } from '../../plugins/mld-ap/ap-context.js';
import { ApLink } from '../../plugins/mld-ap/ap-link.js';
import { linkAddress } from '../../plugins/mld-ap/mld-config.js';
import { Mlme } from '../../plugins/mld-ap/mlme.js';
import { PeerLog } from '../../plugins/mld-ap/peer-log.js';
import { checkRadio } from '../../plugins/mld-ap/radio-checks.js';
import { StationTable, type ApStation } from '../../plugins/mld-ap/station-table.js';
import { HWSIM_WIPHY } from '../ieee80211/band-fixture.js';
import { apSettings, assocRequestFrame } from './rsn-fixture.js';
import { SaeResponder } from '../../plugins/mld-ap/sae-responder.js';
import { SaeInstance, type SaeResult } from '../../core/rsn/sae/instance.js';
import { concatBytes } from '../../core/ieee80211/element-fragments.js';
import { ManualClock } from '../txq/fakes.js';
import { mulberry32, mutate } from '../helpers/prng.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';

const AP_MLD = '06:4d:4c:44:00:00';
const LINK0 = linkAddress(AP_MLD, 0);
const LINK1 = linkAddress(AP_MLD, 1);
const STA_MLD = '02:00:00:00:10:00';
const STA_L0 = '02:00:00:00:10:01';
const STA_L1 = '02:00:00:00:10:02';
const LEGACY = '02:00:00:00:20:00';
const SSID = 'wifid-mlo';

function world(withSae = false) {
  const clock = new ManualClock();
  const logLines: string[] = [];
  const log = new StderrLogger('warn', 'test', { write: (line: string) => { logLines.push(line); } });
  const links = [1, 6].map((channel, linkId) => {
    const settings = apSettings({ htmode: 'HT20', ssid: SSID, channel: String(channel) });
    const r = checkRadio({ ...HWSIM_WIPHY, name: 'phy0' } as Wiphy, { ...settings, channel: settings.channel! });
    if (!r.ok) throw new Error(r.problem);
    return new ApLink({ linkId, phy: 'phy0', wiphy: 0, bssid: linkAddress(AP_MLD, linkId), plan: r.plan, ssid: SSID, hidden: false, beaconIntTu: 100, dtimPeriod: 2 });
  });
  const sent: { frame: Uint8Array; opts: SendOptions }[] = [];
  const requests: { cmd: string; attrs: Attrs_nl80211_attrs }[] = [];
  const events: { event: string; data: Record<string, unknown> }[] = [];
  const stations = new StationTable(10);
  const ap: ApContext = {
    name: 'mld', ifindex: 7, link: links[0]!, links, mldAddrBytes: macFromString(AP_MLD), stations, clock, log, peerLog: new PeerLog(log, clock),
    nl: { request: async (cmd, attrs = {}) => { requests.push({ cmd, attrs }); return []; } },
    acceptsOpenSystem: true, sae: undefined as SaeResponder | undefined,
    send: async (frame, opts = {}): Promise<SendOutcome> => { sent.push({ frame, opts }); return 'acked'; },
    isBanned: () => false,
    checkSecurity: () => undefined,
    onAssociated: async () => undefined,
    removeFromKernel: async (sta: ApStation) => { sta.inKernel = false; },
    forgetStation: async (sta: ApStation) => { stations.remove(sta.addr); },
    emit: (event, data) => { events.push({ event, data }); },
    onAction: () => undefined,
  };
  if (withSae) {
    (ap as { sae: SaeResponder | undefined }).sae = new SaeResponder({ ...ap, ownAddr: links[0]!.bssidBytes }, { ssid: new TextEncoder().encode(SSID), password: PASSWORD, pwe: 1, random: seeded(7) });
  }
  return { mlme: new Mlme(ap), sent, requests, events, stations, links, ap, clock, logLines };
}

const PASSWORD = new TextEncoder().encode('wifid mlo password');

function seeded(seed: number): (n: number) => Uint8Array {
  const rnd = mulberry32(seed);
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
}

async function settle(until: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !until(); i++) await new Promise((r) => setImmediate(r));
}

/** Open System authentication of the non-AP MLD on link 0, its Multi-Link element after the fixed fields. */
function authenticateMld(w: ReturnType<typeof world>): void {
  w.mlme.onFrame(buildAuth({ da: macFromString(LINK0), sa: macFromString(STA_L0), bssid: macFromString(LINK0), algorithm: AuthAlgorithm.OPEN_SYSTEM, transaction: 1, status: 0, body: buildAuthMultiLink(macFromString(STA_MLD)) }));
}

function profile(linkId: number, staAddr: string, elements: Uint8Array = new Uint8Array(0)): PerStaProfile {
  return { linkId, completeProfile: true, staAddr: macFromString(staAddr), profile: buildStaProfileFields({ capabilityInfo: 0x0431, elements }, 'assoc-request') };
}

function mlRequest(profiles: PerStaProfile[], common: { mldCapabilities?: number; linkId?: number } = { mldCapabilities: 1 }): Uint8Array {
  return buildBasicMultiLink({ mldAddr: macFromString(STA_MLD), ...common, profiles });
}

function response(frame: Uint8Array) {
  const elements = parseElements(frame.subarray(30));
  const ml = elements.find((e) => e.id === ElementId.EXTENSION && e.extId === ElementExtId.MULTI_LINK);
  return { status: frame[26]! | (frame[27]! << 8), ml: ml ? parseBasicMultiLink(ml.data.subarray(1)) : undefined, sa: macToString(frame.subarray(10, 16)), da: macToString(frame.subarray(4, 10)) };
}

describe('MLME of an AP MLD: a non-AP MLD associates over two links', () => {
  it('auth reply with the AP MLD\'s ML element; NEW_STATION on link 0 with the MLD address, ADD_LINK_STA for link 1; per-STA profile with status 0', async () => {
    const w = world();
    authenticateMld(w);
    await settle(() => w.sent.length >= 1);
    const auth = parseAuth(w.sent[0]!.frame);
    expect({ da: macToString(auth.da), sa: macToString(auth.sa), status: auth.status, linkId: w.sent[0]!.opts.linkId }).toEqual({ da: STA_L0, sa: LINK0, status: 0, linkId: 0 });
    expect(macToString(takeAuthMultiLink(auth.algorithm, auth.transaction, auth.status, auth.body).mldAddr!)).toBe(AP_MLD);
    expect(w.stations.get(STA_MLD)?.mld).toEqual({ linkAddr: STA_L0, links: [] });

    w.mlme.onFrame(assocRequestFrame({ sa: STA_L0, bssid: LINK0, ssid: SSID, elements: [mlRequest([profile(1, STA_L1)])] }));
    await settle(() => w.sent.length >= 2);
    const add = w.requests.find((r) => r.cmd === 'NEW_STATION')!;
    // nl80211_new_station: NL80211_ATTR_MAC is the link address, NL80211_ATTR_MLD_ADDR the MLD address (the key).
    expect({ mac: add.attrs.MAC, link: add.attrs.MLO_LINK_ID, mld: add.attrs.MLD_ADDR }).toEqual({ mac: STA_L0, link: 0, mld: STA_MLD });
    const linkSta = w.requests.find((r) => r.cmd === 'ADD_LINK_STA')!;
    expect({ mld: linkSta.attrs.MLD_ADDR, link: linkSta.attrs.MLO_LINK_ID, mac: linkSta.attrs.MAC, rates: linkSta.attrs.STA_SUPPORTED_RATES?.length })
      .toEqual({ mld: STA_MLD, link: 1, mac: STA_L1, rates: 12 });
    const r = response(w.sent[1]!.frame);
    expect({ status: r.status, da: r.da, sa: r.sa, linkId: w.sent[1]!.opts.linkId }).toEqual({ status: 0, da: STA_L0, sa: LINK0, linkId: 0 });
    expect({ mld: macToString(r.ml!.mldAddr), linkId: r.ml!.linkId }).toEqual({ mld: AP_MLD, linkId: 0 });
    expect(r.ml!.profiles).toHaveLength(1);
    const p = r.ml!.profiles[0]!;
    expect({ linkId: p.linkId, complete: p.completeProfile, addr: macToString(p.staAddr!), bi: p.beaconIntervalTu, dtim: p.dtim }).toEqual({ linkId: 1, complete: true, addr: LINK1, bi: 100, dtim: { count: 0, period: 2 } });
    const fields = parseStaProfileFields(p.profile, 'assoc-response');
    expect(fields.statusCode).toBe(StatusCode.SUCCESS);
    // Link 1's profile, expanded with the response's elements, describes channel 6 (HT Operation primary channel).
    const full = parseElements(expandProfile(w.sent[1]!.frame.subarray(30), fields.elements));
    expect(full.find((e) => e.id === ElementId.HT_OPERATION)!.data[0]).toBe(6);
    expect(w.stations.get(STA_MLD)?.mld?.links).toEqual([{ linkId: 0, addr: STA_L0 }, { linkId: 1, addr: STA_L1 }]);
    expect(w.events.find((e) => e.event === 'assoc')!.data).toMatchObject({ addr: STA_MLD, mlo: true, links: [{ link_id: 0, addr: STA_L0 }, { link_id: 1, addr: STA_L1 }] });
  });

  it('a link whose profile lacks the basic rates: refused in its profile (status 18), no ADD_LINK_STA, link 0 associates', async () => {
    const w = world();
    authenticateMld(w);
    // Only OFDM rates: link 1's basic rates 1, 2, 5.5, 11 Mb/s are missing.
    const ofdm = new Uint8Array([ElementId.SUPPORTED_RATES, 4, 0x0c, 0x12, 0x18, 0x24]);
    w.mlme.onFrame(assocRequestFrame({ sa: STA_L0, bssid: LINK0, ssid: SSID, elements: [mlRequest([profile(1, STA_L1, ofdm)])] }));
    await settle(() => w.sent.length >= 2);
    const r = response(w.sent[1]!.frame);
    expect(r.status).toBe(StatusCode.SUCCESS);
    const fields = parseStaProfileFields(r.ml!.profiles[0]!.profile, 'assoc-response');
    expect({ status: fields.statusCode, elements: fields.elements.length }).toEqual({ status: StatusCode.REFUSED_BASIC_RATES_MISMATCH, elements: 0 });
    expect(w.requests.some((q) => q.cmd === 'ADD_LINK_STA')).toBe(false);
    expect(w.stations.get(STA_MLD)?.mld?.links).toEqual([{ linkId: 0, addr: STA_L0 }]);
  });

  const refusals: [string, () => Uint8Array, boolean][] = [
    ['a profile for a link the AP MLD does not have', () => mlRequest([profile(5, STA_L1)]), false],
    ['a profile for the association link itself', () => mlRequest([profile(0, STA_L1)]), false],
    ['link 1 asked for twice', () => mlRequest([profile(1, STA_L1), profile(1, '02:00:00:00:10:03')]), false],
    ['an incomplete profile', () => mlRequest([{ ...profile(1, STA_L1), completeProfile: false }]), false],
    ['no MLD Capabilities', () => mlRequest([profile(1, STA_L1)], {}), false],
    ['Link ID Info, an AP MLD\'s field', () => mlRequest([profile(1, STA_L1)], { mldCapabilities: 1, linkId: 0 }), false],
    ['Common Info shorter than its presence bits', () => { const e = mlRequest([]); e[5] = 2; return e; }, true],
  ];
  for (const [what, element, malformed] of refusals) {
    it(`${what}: status 40, no station in the kernel${malformed ? ', counted as malformed' : ''}`, async () => {
      const w = world();
      authenticateMld(w);
      w.mlme.onFrame(assocRequestFrame({ sa: STA_L0, bssid: LINK0, ssid: SSID, elements: [element()] }));
      await settle(() => w.sent.length >= 2);
      expect(response(w.sent[1]!.frame).status).toBe(StatusCode.STATUS_INVALID_ELEMENT);
      expect(w.mlme.counters.assocRefused).toBe(1);
      expect(w.mlme.counters.bad.assoc).toBe(malformed ? 1 : 0);
      expect(w.requests.some((q) => q.cmd === 'NEW_STATION' || q.cmd === 'ADD_LINK_STA')).toBe(false);
    });
  }

  it('an MLD that authenticated leaves out its Multi-Link element: refused (status 1)', async () => {
    const w = world();
    authenticateMld(w);
    w.mlme.onFrame(assocRequestFrame({ sa: STA_L0, bssid: LINK0, ssid: SSID }));
    await settle(() => w.sent.length >= 2);
    expect(response(w.sent[1]!.frame).status).toBe(StatusCode.REFUSED_REASON_UNSPECIFIED);
  });

  it('a legacy station on link 1: authenticated and associated there, NEW_STATION with link 1 and no link address', async () => {
    const w = world();
    w.mlme.onFrame(buildAuth({ da: macFromString(LINK1), sa: macFromString(LEGACY), bssid: macFromString(LINK1), algorithm: AuthAlgorithm.OPEN_SYSTEM, transaction: 1, status: 0 }));
    await settle(() => w.sent.length >= 1);
    const auth = parseAuth(w.sent[0]!.frame);
    expect({ sa: macToString(auth.sa), body: auth.body.length, linkId: w.sent[0]!.opts.linkId }).toEqual({ sa: LINK1, body: 0, linkId: 1 });
    w.mlme.onFrame(assocRequestFrame({ sa: LEGACY, bssid: LINK1, ssid: SSID }));
    await settle(() => w.sent.length >= 2);
    const add = w.requests.find((r) => r.cmd === 'NEW_STATION')!;
    expect({ mac: add.attrs.MAC, link: add.attrs.MLO_LINK_ID, mld: add.attrs.MLD_ADDR }).toEqual({ mac: LEGACY, link: 1, mld: undefined });
    const r = response(w.sent[1]!.frame);
    expect({ status: r.status, sa: r.sa, ml: r.ml, linkId: w.sent[1]!.opts.linkId }).toEqual({ status: 0, sa: LINK1, ml: undefined, linkId: 1 });
    expect(w.events.find((e) => e.event === 'assoc')!.data).toMatchObject({ addr: LEGACY, mlo: false, link_id: 1 });
  });

  it('frames to a BSSID that is no link of the MLD are ignored', async () => {
    const w = world();
    w.mlme.onFrame(buildAuth({ da: macFromString(AP_MLD), sa: macFromString(STA_L0), bssid: macFromString(AP_MLD), algorithm: AuthAlgorithm.OPEN_SYSTEM, transaction: 1, status: 0 }));
    await settle(() => false);
    expect(w.sent).toHaveLength(0);
  });
});

describe('SAE of a non-AP MLD with the AP MLD', () => {
  it('binds the MLD addresses: frames between the link addresses with ML elements both ways, the STA entry keyed by its MLD address', async () => {
    const w = world(true);
    const accepted: SaeResult[] = [];
    const staLinkAddr = macFromString(STA_L0);
    const sta = new SaeInstance({
      role: 'sta', ownAddr: macFromString(STA_MLD), peerAddr: macFromString(AP_MLD), password: PASSWORD, ssid: new TextEncoder().encode(SSID),
      pwe: 1, peerSupportsH2e: true, random: seeded(9),
      timers: { setTimeout: (fn, ms) => w.clock.setTimer(fn, ms), clearTimeout: (h) => w.clock.clearTimer(h) },
      send: (msg) => {
        const body = concatBytes([msg.body, buildAuthMultiLink(macFromString(STA_MLD))]);
        w.mlme.onFrame(buildAuth({ da: macFromString(LINK0), sa: staLinkAddr, bssid: macFromString(LINK0), algorithm: AuthAlgorithm.SAE, transaction: msg.transaction, status: msg.status, body }));
      },
      events: { accepted: (r) => accepted.push(r), failed: (reason) => { throw new Error(`STA SAE failed: ${reason}`); } },
    });
    sta.start();
    for (let delivered = 0; delivered < 10; delivered++) {
      await settle(() => w.sent.length > delivered);
      const out = w.sent[delivered];
      if (!out) break;
      const a = parseAuth(out.frame);
      expect({ da: macToString(a.da), sa: macToString(a.sa), linkId: out.opts.linkId }).toEqual({ da: STA_L0, sa: LINK0, linkId: 0 });
      const ml = takeAuthMultiLink(a.algorithm, a.transaction, a.status, a.body);
      expect(macToString(ml.mldAddr!), 'the AP MLD address in every SAE frame').toBe(AP_MLD);
      sta.receive(a.transaction, a.status, ml.body);
    }
    expect(accepted).toHaveLength(1);
    const entry = w.stations.get(STA_MLD)!;
    expect({ state: entry.state, mld: entry.mld, linkId: entry.linkId }).toEqual({ state: 'authenticated', mld: { linkAddr: STA_L0, links: [] }, linkId: 0 });
    expect(Buffer.from(entry.pmk!).equals(accepted[0]!.pmk), 'one PMK on both sides: SAE bound to the MLD addresses').toBe(true);
    expect(w.ap.sae!.pmksa.getByPmkid(entry.pmkid!, macFromString(STA_MLD))).toBeDefined();
    expect(w.stations.get(STA_L0)).toBeUndefined();
    w.ap.sae!.stop();
  });
});

describe('seeded fuzzing of the Multi-Link parts from the air', () => {
  const ITERATIONS = 1500;

  it(`${ITERATIONS} mutated Multi-Link elements in association requests: each answered with a status or counted, never an internal error`, async () => {
    const rnd = mulberry32(0x11be0017);
    const valid = Buffer.from(mlRequest([profile(1, STA_L1, new Uint8Array([ElementId.SUPPORTED_RATES, 4, 0x82, 0x84, 0x8b, 0x96]))]));
    const tally = { accepted: 0, refused: 0, malformed: 0 };
    for (let i = 0; i < ITERATIONS; i++) {
      const w = world();
      authenticateMld(w);
      const ml = mutate(valid, rnd);
      w.mlme.onFrame(assocRequestFrame({ sa: STA_L0, bssid: LINK0, ssid: SSID, elements: [ml] }));
      await settle(() => w.sent.length >= 2 || w.mlme.counters.bad.assoc > 0);
      expect(w.logLines.filter((l) => / failed: /.test(l)), `iteration ${i}: ${ml.toString('hex')}`).toEqual([]);
      if (w.sent.length >= 2) {
        const status = response(w.sent[1]!.frame).status;
        if (status === StatusCode.SUCCESS) tally.accepted++;
        else tally.refused++;
        // A refusal leaves the kernel untouched.
        if (status !== StatusCode.SUCCESS) expect(w.requests.some((q) => q.cmd === 'NEW_STATION')).toBe(false);
      } else {
        expect(w.mlme.counters.bad.assoc).toBe(1);
        tally.malformed++;
      }
    }
    // The mutations reach every outcome.
    expect(tally.accepted).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  });

  it(`${ITERATIONS} mutated SAE and Open System bodies with a Multi-Link element: taken apart or FrameDecodeError`, () => {
    const rnd = mulberry32(0x5ae0017);
    const ml = buildAuthMultiLink(macFromString(STA_MLD));
    const commit = Buffer.from(concatBytes([Uint8Array.of(19, 0), new Uint8Array(96).fill(7), ml]));
    const confirm = Buffer.from(concatBytes([Uint8Array.of(1, 0), new Uint8Array(32).fill(9), ml]));
    let found = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const [algorithm, transaction, status, body] = [
        [AuthAlgorithm.SAE, 1, StatusCode.SAE_HASH_TO_ELEMENT, commit], [AuthAlgorithm.SAE, 2, 0, confirm], [AuthAlgorithm.OPEN_SYSTEM, 1, 0, Buffer.from(ml)],
      ][i % 3] as [number, number, number, Buffer];
      try {
        const r = takeAuthMultiLink(algorithm, transaction, status, mutate(body, rnd));
        if (r.mldAddr) found++;
      } catch (err) {
        expect(err).toBeInstanceOf(FrameDecodeError);
      }
    }
    expect(found).toBeGreaterThan(0);
  });
});
