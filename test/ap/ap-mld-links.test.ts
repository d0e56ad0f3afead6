// ApMld's add_link / remove_link logic against a kernel stand-in that keeps the
// interface's links as cfg80211 does (ADD_LINK adds, REMOVE_LINK of an unknown id is
// EINVAL, GET_INTERFACE lists them) and records every nl80211 request, with a manual
// clock for the AP Removal Timer. What the VM test cannot reach is here: a kernel error
// while adding (the MLD as it was), the countdown tick by tick, and a non-MLO station of
// the removed link disassociated with reason 8. Bringing the netdev up is an rtnetlink
// call the stand-in replaces (module mock of core/netdev/link-up.ts; nothing asserts on it).
import { describe, expect, it, vi } from 'vitest';
import { StderrLogger } from '../../core/log.js';
import { ConfigService } from '../../core/config/index.js';
import { ElementExtId, iterateElements } from '../../core/ieee80211/elements.js';
import { MultiLinkType, parseBasicMultiLink } from '../../core/ieee80211/multi-link.js';
import { parseReconfigurationMultiLink } from '../../core/ieee80211/multi-link-reconf.js';
import { parseDeauthOrDisassoc } from '../../core/ieee80211/deauth.js';
import { macToString } from '../../core/ieee80211/mac-address.js';
import { Nl80211Error } from '../../core/nl80211/errors.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import type { Nl80211Service } from '../../core/nl80211/service.js';
import type { Wiphy } from '../../core/nl80211/inventory.js';
import type { TxSubmit } from '../../core/txq/types.js';
import { AP_SECTION } from '../../plugins/mld-ap/config.js';
import { ApMld } from '../../plugins/mld-ap/ap-mld.js';
import { ApError } from '../../plugins/mld-ap/errors.js';
import { linkAddress } from '../../plugins/mld-ap/mld-config.js';
import { HWSIM_WIPHY } from '../ieee80211/band-fixture.js';

vi.mock('../../core/netdev/link-up.js', () => ({ setLinkUp: async () => undefined }));

const MLD = '06:4d:4c:44:00:00';
const EINVAL = 22;
const log = new StderrLogger('error', 'test', { write: () => {} });

function settings() {
  const lines = ["config ap 'mld'", "\tlist link 'phy0:1'", "\tlist link 'phy0:6'", `\toption mld_addr '${MLD}'`, "\toption ssid 'wifid-mld'", "\toption ifname 'wifid-mld0'"];
  const config = new ConfigService('/etc/config/wifid', log, undefined, () => lines.join('\n'));
  config.register(AP_SECTION);
  config.load();
  return config.section(AP_SECTION, 'mld')!.values;
}

async function world(opts: { failStartApOfLink?: number } = {}) {
  const wiphy: Wiphy = { ...HWSIM_WIPHY, name: 'phy0', supportsMlo: true };
  const links = new Map<number, string>();
  const requests: { cmd: string; attrs: Attrs_nl80211_attrs }[] = [];
  const nl = {
    wiphy: (name: string) => (name === 'phy0' ? wiphy : undefined), wiphys: () => [wiphy], iface: () => undefined,
    request: async (cmd: string, attrs: Attrs_nl80211_attrs = {}) => {
      requests.push({ cmd, attrs });
      switch (cmd) {
        case 'NEW_INTERFACE': return [{ IFINDEX: 5, WDEV: 1n, MAC: attrs.MAC }];
        case 'GET_INTERFACE': return [{ IFINDEX: 5, WDEV: 1n, WIPHY: 0, IFTYPE: 3, IFNAME: 'wifid-mld0', MAC: MLD, MLO_LINKS: [...links].map(([id, mac]) => ({ MLO_LINK_ID: id, MAC: mac })) }];
        case 'ADD_LINK': links.set(attrs.MLO_LINK_ID!, attrs.MAC!); return [];
        case 'REMOVE_LINK': if (!links.delete(attrs.MLO_LINK_ID!)) throw new Nl80211Error(cmd, EINVAL); return [];
        case 'START_AP': if (attrs.MLO_LINK_ID === opts.failStartApOfLink) throw new Nl80211Error(cmd, EINVAL, 'refused by the stand-in'); return [];
        default: return [];
      }
    },
  } as unknown as Nl80211Service;
  // The beacon-interval timers of link removals; the stations' 30 s inactivity check runs beside them, not recorded.
  const timers: { cb: () => void; ms: number }[] = [];
  const INACTIVITY_CHECK_MS = 30_000;
  const clock = {
    now: () => 0,
    setTimer: (cb: () => void, ms: number) => { const t = { cb, ms }; if (ms !== INACTIVITY_CHECK_MS) timers.push(t); return t; },
    clearTimer: (t: unknown) => { const i = timers.indexOf(t as never); if (i >= 0) timers.splice(i, 1); },
  };
  const sent: TxSubmit[] = [];
  const events: { event: string; data: Record<string, unknown> }[] = [];
  const ap = new ApMld('mld', settings(), 'wifid-mld0', {
    nl, subscribe: () => () => undefined, clock, log,
    txq: { submit: async (s: TxSubmit) => { sent.push(s); return { status: 'acked' } as never; } },
    emit: (event, data) => events.push({ event, data }),
  });
  await ap.start();
  expect(ap.state, String(ap.error)).toBe('running');
  /** Fires the pending beacon-interval timer and waits for its work's last step: the next timer, or link_removed. */
  const tick = async (): Promise<void> => {
    const t = timers.shift();
    if (!t) throw new Error('no timer pending');
    const removed = () => events.filter((e) => e.event === 'link_removed').length;
    const before = removed();
    t.cb();
    while (timers.length === 0 && removed() === before) await new Promise((r) => setImmediate(r));
  };
  return { ap, links, requests, timers, tick, sent, events };
}

/** The Basic Multi-Link element's link id and change count and the Reconfiguration profiles of the last beacon sent for `linkId`. */
function lastBeaconOf(requests: { cmd: string; attrs: Attrs_nl80211_attrs }[], linkId: number) {
  const r = requests.filter((q) => (q.cmd === 'START_AP' || q.cmd === 'SET_BEACON') && q.attrs.MLO_LINK_ID === linkId).at(-1)!;
  const mls = [...iterateElements(r.attrs.BEACON_TAIL!)].filter((e) => e.extId === ElementExtId.MULTI_LINK).map((e) => e.data.subarray(1));
  const basic = parseBasicMultiLink(mls.find((d) => (d[0]! & 7) === MultiLinkType.BASIC)!);
  const reconf = mls.filter((d) => (d[0]! & 7) === MultiLinkType.RECONFIGURATION).flatMap((d) => parseReconfigurationMultiLink(d).profiles.map((p) => [p.linkId, p.apRemovalTimer]));
  return { linkId: basic.linkId, count: basic.bssParamsChangeCount, reconf };
}

describe('ApMld live links', () => {
  it('add_link: ADD_LINK and START_AP of link 2, the others updated with SET_BEACON (change count 1); link_added', async () => {
    const w = await world();
    const n = w.requests.length;
    const link = await w.ap.addLink({ phy: 'phy0', channel: 11 });
    expect({ id: link.linkId, addr: link.bssid }).toEqual({ id: 2, addr: linkAddress(MLD, 2) });
    expect(w.requests.slice(n).filter((r) => r.cmd !== 'GET_INTERFACE').map((r) => [r.cmd, r.attrs.MLO_LINK_ID])).toEqual([['ADD_LINK', 2], ['START_AP', 2], ['SET_BEACON', 0], ['SET_BEACON', 1]]);
    expect([0, 1, 2].map((i) => lastBeaconOf(w.requests, i))).toEqual([{ linkId: 0, count: 1, reconf: [] }, { linkId: 1, count: 1, reconf: [] }, { linkId: 2, count: 0, reconf: [] }]);
    expect(w.events).toEqual([{ event: 'link_added', data: { ap: 'mld', ifname: 'wifid-mld0', link_id: 2, addr: linkAddress(MLD, 2), freq: 2462, channel: 11 } }]);
  });

  it('add_link with START_AP refused by the kernel: the link removed again, links and change counts as they were, no event', async () => {
    const w = await world({ failStartApOfLink: 2 });
    const err = await w.ap.addLink({ phy: 'phy0', channel: 11 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApError);
    expect((err as ApError).message).toMatch(/adding link phy0:11 as link 2: START_AP: EINVAL/);
    expect(w.ap.links.map((l) => [l.linkId, l.changeCount])).toEqual([[0, 0], [1, 0]]);
    expect([...w.links.keys()]).toEqual([0, 1]);
    expect(w.events).toEqual([]);
  });

  it('remove_link with 3 TBTTs: the Reconfiguration element in every beacon counting 3, 2, 1, then STOP_AP, REMOVE_LINK, the other at change count 1; a non-MLO station of the link disassociated with reason 8', async () => {
    const w = await world();
    const sta = w.ap.stations.authenticate('02:00:00:00:01:00');
    sta.aid = w.ap.stations.allocateAid();
    sta.state = 'associated';
    sta.linkId = 1;
    const { tbtt } = await w.ap.removeLink(1, 3);
    expect(tbtt).toBe(3);
    expect(w.timers.map((t) => t.ms)).toEqual([102.4]);
    const timerSeen: number[] = [];
    for (let left = 3; left > 0; left--) {
      expect(w.ap.links.find((l) => l.linkId === 1)?.removalTbtt).toBe(left);
      for (const i of [0, 1]) expect(lastBeaconOf(w.requests, i).reconf, `link ${i}'s beacon with ${left} TBTTs left`).toEqual([[1, left]]);
      timerSeen.push(left);
      await w.tick();
    }
    expect(timerSeen).toEqual([3, 2, 1]);
    expect(w.ap.links.map((l) => [l.linkId, l.changeCount, l.removalTbtt])).toEqual([[0, 1, undefined]]);
    expect([...w.links.keys()]).toEqual([0]);
    expect(lastBeaconOf(w.requests, 0)).toEqual({ linkId: 0, count: 1, reconf: [] });
    const cmds = w.requests.map((r) => `${r.cmd} ${r.attrs.MLO_LINK_ID}`);
    expect(cmds.indexOf('STOP_AP 1')).toBeLessThan(cmds.indexOf('REMOVE_LINK 1'));
    const disassoc = w.sent.map((s) => ({ lane: s.lane, f: parseDeauthOrDisassoc(s.frame) }));
    expect(disassoc.map((d) => ({ lane: d.lane, kind: d.f.kind, reason: d.f.reason, da: macToString(d.f.da), bssid: macToString(d.f.bssid) })))
      .toEqual([{ lane: { wdev: 1n, linkId: 1 }, kind: 'disassoc', reason: 8, da: sta.addr, bssid: linkAddress(MLD, 1) }]);
    expect(w.ap.stations.get(sta.addr)).toBeUndefined();
    expect(w.events.map((e) => [e.event, e.data.link_id ?? e.data.addr, e.data.reason])).toEqual([['disassoc', sta.addr, 8], ['link_removed', 1, 'removed']]);
    expect(w.timers).toEqual([]);
  });

  it('remove_link of a link non-AP MLDs hold: REMOVE_LINK_STA of the link station before STOP_AP, the MLD kept on link 0 (association link moved there); an MLD on link 1 alone disassociated', async () => {
    const w = await world();
    const both = w.ap.stations.authenticate('02:00:00:00:02:00');
    Object.assign(both, { aid: w.ap.stations.allocateAid(), state: 'authorized', inKernel: true, linkId: 1, mld: { linkAddr: '02:00:00:00:02:01', links: [{ linkId: 1, addr: '02:00:00:00:02:01' }, { linkId: 0, addr: '02:00:00:00:02:02' }] } });
    const alone = w.ap.stations.authenticate('02:00:00:00:03:00');
    Object.assign(alone, { aid: w.ap.stations.allocateAid(), state: 'associated', inKernel: true, linkId: 1, mld: { linkAddr: '02:00:00:00:03:01', links: [{ linkId: 1, addr: '02:00:00:00:03:01' }] } });
    await w.ap.removeLink(1, 0);
    const cmds = w.requests.map((r) => `${r.cmd} ${r.attrs.MLO_LINK_ID}${r.cmd === 'REMOVE_LINK_STA' ? ` ${String(r.attrs.MLD_ADDR)}` : ''}`);
    expect(cmds.filter((c) => /^(REMOVE_LINK_STA|STOP_AP|REMOVE_LINK|DEL_STATION)/.test(c))).toEqual([`REMOVE_LINK_STA 1 ${both.addr}`, 'DEL_STATION undefined', 'STOP_AP 1', 'REMOVE_LINK 1']);
    expect(w.ap.stations.get(both.addr)).toMatchObject({ linkId: 0, mld: { links: [{ linkId: 0, addr: '02:00:00:00:02:02' }] } });
    expect(w.ap.stations.get(alone.addr)).toBeUndefined();
    expect(w.sent.map((s) => macToString(parseDeauthOrDisassoc(s.frame).da))).toEqual([alone.addr]);
    expect(w.events.find((e) => e.event === 'link_removed')?.data).toMatchObject({ link_id: 1, disassociated: 1, mlds_kept: 1 });
  });

  it('refusals leave the MLD as it is: an unknown link, a link being removed, the last link', async () => {
    const w = await world();
    await expect(w.ap.removeLink(7, 10)).rejects.toThrow(/has no link 7 \(links: 0, 1\)/);
    await w.ap.removeLink(0, 10);
    await expect(w.ap.removeLink(0, 10)).rejects.toThrow(/being removed already \(10 TBTTs left\)/);
    await expect(w.ap.removeLink(1, 10)).rejects.toThrow(/last link of AP MLD mld left running/);
    expect(w.ap.links.map((l) => [l.linkId, l.removalTbtt])).toEqual([[0, 10], [1, undefined]]);
    await w.ap.stop();
    expect(w.timers).toEqual([]);
  });
});
