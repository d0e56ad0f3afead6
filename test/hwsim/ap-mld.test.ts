// mld-ap's AP MLD (issue 17) against the real kernel: wifid with a `config ap` of two
// links on one mac80211_hwsim radio (mlo=1), channels 1 and 6. Outside views: sid's
// iw 6.x (`iw dev <if> info` lists an MLD's links) and the beacons on the air.
// ap_mld_link_reconf adds a third link (wifid.ap add_link) and removes it again
// (remove_link: the Reconfiguration Multi-Link element counting down in every link's
// beacons, then REMOVE_LINK), with bookworm's wpa_supplicant 2.10 scanning from a second
// radio in its own namespace.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ElementExtId, ElementId, iterateElements } from '../../core/ieee80211/elements.js';
import { macToString } from '../../core/ieee80211/mac-address.js';
import { MultiLinkType, parseBasicMultiLink } from '../../core/ieee80211/multi-link.js';
import { parseReconfigurationMultiLink } from '../../core/ieee80211/multi-link-reconf.js';
import { parseElements } from '../../core/ieee80211/elements.js';
import { parseRnr } from '../../core/ieee80211/rnr.js';
import { linkAddress } from '../../plugins/mld-ap/mld-config.js';
import { captureMonitor } from './lib/capture.js';
import { registerCleanup, unregisterCleanup } from './lib/cleanup.js';
import { EventStream } from './lib/event-stream.js';
import { createNetns, movePhyToNetns } from './lib/netns.js';
import { startWpaSupplicant } from './lib/peers.js';
import type { CapturedFrame } from './lib/pcap.js';
import { pollUntil, run, sleep } from './lib/exec.js';
import { loadHwsim, unloadHwsim, type Radio } from './lib/hwsim.js';
import { parseIwMldLinks } from './lib/iw-mld.js';
import { sidIw } from './lib/sid.js';
import { WifidWorld } from './wifid-world.js';

const IFNAME = 'wifid-mld0';
const MLD_ADDR = '06:4d:4c:44:00:00';
const SSID = 'wifid-mld';
const TEST_TIMEOUT_MS = 480_000;
const RECONF_TIMEOUT_MS = 900_000;
const UBUS_CLI = fileURLToPath(new URL('../ubusd/ubus', import.meta.url));

afterEach(async () => {
  await unloadHwsim();
});

function mldConfig(radio: Radio): string[] {
  return [
    "config plugin 'mld_ap'", "\toption enabled '1'", '',
    "config ap 'mld'", `\tlist link '${radio.phy}:1'`, `\tlist link '${radio.phy}:6'`, `\toption mld_addr '${MLD_ADDR}'`,
    `\toption ssid '${SSID}'`, "\toption encryption 'none'", `\toption ifname '${IFNAME}'`, '',
    // Links on two wiphys: one netdev per MLD in Linux, so refused when the AP starts.
    "config ap 'split'", `\tlist link '${radio.phy}:11'`, "\tlist link 'phy99:6'", "\toption ssid 'wifid-split'", "\toption ifname 'wifid-mld1'",
  ];
}

describe('mld-ap AP MLD on mac80211_hwsim (mlo=1)', () => {
  it('ap_mld_links: two links beacon on channels 1 and 6 with the Multi-Link element and the RNR of the other link; status, iw and the air agree', async () => {
    const radios = await loadHwsim({ radios: 1, mlo: true });
    const world = await WifidWorld.create(mldConfig(radios[0]!), 'wifid.ap');
    await world.startDaemon();
    type Status = { name: string; state: string; error?: string; mld_addr?: string; bssid: string; freq: number; links?: { link_id: number; addr: string; freq: number; channel: number; width: string; state: string; beacon_updates: number }[] };
    const aps = async () => ((await world.call('status')).json as { aps: Status[] }).aps;
    const mld = await pollUntil(`wifid.ap status: waiting for AP MLD ${IFNAME} running`, 30_000, async () => {
      const ap = (await aps()).find((a) => a.name === 'mld');
      if (ap?.state === 'failed') throw new Error(`AP MLD failed: ${String(ap.error)}\n${world.tail()}`);
      return ap?.state === 'running' ? ap : undefined;
    }, 500);
    const want = [0, 1].map((i) => ({ link_id: i, addr: linkAddress(MLD_ADDR, i), freq: [2412, 2437][i], channel: [1, 6][i], width: '20', state: 'up', beacon_updates: 1 }));
    expect(mld, `status of the AP MLD\n${world.tail()}`).toMatchObject({ mld_addr: MLD_ADDR, bssid: want[0]!.addr, freq: 2412, links: want });

    const split = (await aps()).find((a) => a.name === 'split');
    expect(split, 'the AP with links on two wiphys').toMatchObject({ state: 'failed', error: expect.stringMatching(/one wiphy/) });
    expect((await tryIfindex('wifid-mld1')), 'no interface for the refused AP').toBeUndefined();

    const info = (await run([...sidIw().argv, 'dev', IFNAME, 'info'])).stdout;
    expect(info, `sid iw dev ${IFNAME} info`).toMatch(new RegExp(`addr ${MLD_ADDR}`));
    expect(parseIwMldLinks(info).map((l) => ({ link_id: l.linkId, addr: l.addr, freq: l.freq, channel: l.channel })), `sid iw links\n${info}`)
      .toEqual(want.map(({ link_id, addr, freq, channel }) => ({ link_id, addr, freq, channel })));

    const capture = await captureMonitor();
    await sleep(1500);
    const frames = await capture.stop();
    for (const i of [0, 1]) {
      const other = 1 - i;
      const beacons = frames.filter((f) => f.frame[0] === 0x80 && macToString(f.frame, 16) === want[i]!.addr);
      expect(beacons.length, `beacons of link ${i} (${want[i]!.addr}) on the air`).toBeGreaterThan(3);
      const els = [...iterateElements(beacons.at(-1)!.frame.subarray(36))];
      const ml = parseBasicMultiLink(els.find((e) => e.extId === ElementExtId.MULTI_LINK)!.data.subarray(1));
      expect({ mld: macToString(ml.mldAddr), linkId: ml.linkId }, `link ${i}'s Multi-Link element`).toEqual({ mld: MLD_ADDR, linkId: i });
      const rnr = parseRnr(els.find((e) => e.id === ElementId.REDUCED_NEIGHBOR_REPORT)!.data);
      expect(rnr.map((n) => [n.channel, n.entries.map((e) => [macToString(e.bssid!), e.mld?.linkId])]), `link ${i}'s RNR names link ${other}`)
        .toEqual([[want[other]!.channel, [[want[other]!.addr, other]]]]);
    }

    await world.stopDaemon();
    await pollUntil(`${IFNAME} removed when wifid stops`, 10_000, async () => ((await tryIfindex(IFNAME)) === undefined ? true : undefined), 200);
    await world.stop();
  }, TEST_TIMEOUT_MS);

  it('ap_mld_link_reconf: add_link brings up link 2 on channel 11 (iw, the air and a station\'s scan see it); remove_link announces its removal in every beacon, then removes it; the last link stays', async () => {
    const radios = await loadHwsim({ radios: 2, mlo: true });
    const ap = radios[0]!;
    const world = await WifidWorld.create(mldConfig(ap).slice(0, 10), 'wifid.ap');
    await world.startDaemon();
    await waitMldRunning(world);
    const events = await listenLinkEvents(world);
    const linkOf = (i: number) => ({ link_id: i, addr: linkAddress(MLD_ADDR, i), freq: [2412, 2437, 2462][i]!, channel: [1, 6, 11][i]! });

    // add_link: the lowest free link id, 2.
    const added = await world.call('add_link', { name: 'mld', link: `${ap.phy}:11` });
    expect(added.json, `add_link ${ap.phy}:11\n${added.stderr}\n${world.tail()}`).toEqual(linkOf(2));
    const addedEvent = await events.waitEvent(/link_added.*"link_id": ?2/, 60_000);
    expect(addedEvent && JSON.parse(addedEvent.replace(/^\{ "[^"]+": /, '').replace(/ \}$/, '')), `wifid.ap.link_added\n${events.history.join('\n')}`)
      .toMatchObject({ ap: 'mld', ifname: IFNAME, ...linkOf(2) });
    let mld = await mldStatus(world);
    expect(mld.links?.map((l) => ({ link_id: l.link_id, addr: l.addr, freq: l.freq, channel: l.channel, state: l.state, count: l.bss_params_change_count })), 'status after add_link')
      .toEqual([0, 1, 2].map((i) => ({ ...linkOf(i), state: 'up', count: i < 2 ? 1 : 0 })));
    expect(await iwLinks(), 'iw dev info after add_link').toEqual([0, 1, 2].map(linkOf));

    // The air: link 2 beacons with its Multi-Link element and the others in its RNR; the others list it.
    let frames = await capture(1500);
    for (const i of [0, 1, 2]) {
      const b = lastBeacon(frames, linkOf(i).addr);
      expect(b.ml, `link ${i}'s Multi-Link element`).toEqual({ mld: MLD_ADDR, linkId: i, count: i < 2 ? 1 : 0 });
      expect(b.rnr, `link ${i}'s RNR`).toEqual([0, 1, 2].filter((o) => o !== i).map((o) => [linkOf(o).channel, linkOf(o).addr, o]));
      expect(b.reconf, `link ${i}: no Reconfiguration element yet`).toEqual([]);
    }

    // A station on the second radio, in its own namespace, finds link 2 in a scan (bookworm's wpa_supplicant 2.10).
    const ns = await createNetns();
    await movePhyToNetns(radios[1]!.phy, ns);
    const sta = await startWpaSupplicant({}, { ifname: radios[1]!.ifname, netns: ns, networks: [] });
    const scanned = await pollUntil(`wpa_supplicant scan of 2462 MHz: link 2 (${linkOf(2).addr})`, 120_000, async () => {
      await sta.ctrl('SCAN freq=2462 passive=1');
      await sta.waitEvent(/CTRL-EVENT-SCAN-RESULTS/, 20_000);
      const bss = await sta.ctrl(`BSS ${linkOf(2).addr}`);
      return /^ie=/m.test(bss) ? bss : undefined;
    }, 1000);
    expect(scanned, 'the scanned BSS').toMatch(new RegExp(`^ssid=${SSID}$`, 'm'));
    const scannedMl = parseElements(Buffer.from(/^ie=([0-9a-f]*)$/m.exec(scanned)![1]!, 'hex')).find((e) => e.extId === ElementExtId.MULTI_LINK);
    expect(scannedMl, `the Multi-Link element in the scan result\n${scanned}`).toBeDefined();
    const sml = parseBasicMultiLink(scannedMl!.data.subarray(1));
    expect({ mld: macToString(sml.mldAddr), linkId: sml.linkId }, 'the scanned Multi-Link element').toEqual({ mld: MLD_ADDR, linkId: 2 });
    await sta.stop();

    // Refusals leave the MLD as it is.
    const before = JSON.stringify((await mldStatus(world)).links?.map(({ beacon_updates: _b, ...l }) => l));
    for (const [method, args, error] of [
      ['add_link', { name: 'mld', link: `${ap.phy}:6` }, /overlaps link 1/],
      ['add_link', { name: 'mld', link: `${radios[1]!.phy}:3` }, /one wiphy/],
      ['remove_link', { name: 'mld', link_id: 9 }, /has no link 9/],
    ] as const) {
      const r = await world.call(method, args);
      expect({ code: r.code !== 0, error: String(r.json?.error) }, `${method} ${JSON.stringify(args)}`).toMatchObject({ code: true, error: expect.stringMatching(error) });
    }
    expect(JSON.stringify((await mldStatus(world)).links?.map(({ beacon_updates: _b, ...l }) => l)), 'status after the refusals').toBe(before);

    // remove_link: 300 TBTTs (about 31 s at 100 TU) announced in every link's beacons.
    const removing = await world.call('remove_link', { name: 'mld', link_id: 2, announce_tbtt: 300 });
    expect(removing.json, `remove_link 2\n${world.tail()}`).toEqual({ link_id: 2, addr: linkOf(2).addr, tbtt_left: 300, state: 'removing' });
    mld = await mldStatus(world);
    const l2 = mld.links?.find((l) => l.link_id === 2);
    expect(l2, 'status during the countdown').toMatchObject({ state: 'removing', tbtt_left: expect.any(Number) });
    expect(l2!.tbtt_left!).toBeLessThanOrEqual(300);
    frames = await capture(2000);
    for (const i of [0, 1, 2]) {
      const timers = beacons(frames, linkOf(i).addr).flatMap((b) => b.reconf.filter((p) => p.linkId === 2).map((p) => p.timer));
      expect(timers.length, `link ${i}'s beacons announce link 2's removal`).toBeGreaterThan(3);
      expect(beacons(frames, linkOf(i).addr).every((b) => b.reconf.length === 1), `link ${i}: every beacon carries the Reconfiguration element`).toBe(true);
      expect(timers.every((t, k) => t! <= 300 && (k === 0 || t! <= timers[k - 1]!)), `link ${i}'s AP Removal Timer counts down: ${timers.join(' ')}`).toBe(true);
      expect(new Set(timers).size, `link ${i}'s AP Removal Timer changes over 2 s: ${timers.join(' ')}`).toBeGreaterThan(1);
    }
    const removedEvent = await events.waitEvent(/link_removed/, 240_000);
    expect(removedEvent, `wifid.ap.link_removed\n${events.history.join('\n')}\n${world.tail()}`).toMatch(/"link_id": ?2/);
    expect(removedEvent).toMatch(/"reason": ?"removed"/);
    mld = await mldStatus(world);
    expect(mld.links?.map((l) => ({ link_id: l.link_id, state: l.state, count: l.bss_params_change_count })), 'status after the removal').toEqual([{ link_id: 0, state: 'up', count: 2 }, { link_id: 1, state: 'up', count: 2 }]);
    expect(await iwLinks(), 'iw dev info after the removal').toEqual([0, 1].map(linkOf));
    frames = await capture(1500);
    expect(beacons(frames, linkOf(2).addr), 'no beacon of link 2 any more').toEqual([]);
    for (const i of [0, 1]) {
      const b = lastBeacon(frames, linkOf(i).addr);
      expect({ ml: b.ml, rnr: b.rnr, reconf: b.reconf }, `link ${i}'s beacon after the removal`).toEqual({ ml: { mld: MLD_ADDR, linkId: i, count: 2 }, rnr: [[linkOf(1 - i).channel, linkOf(1 - i).addr, 1 - i]], reconf: [] });
    }

    // announce_tbtt 0 removes link 1 at once; link 0, the last, stays.
    const now = await world.call('remove_link', { name: 'mld', link_id: 1, announce_tbtt: 0 });
    expect(now.json, `remove_link 1 at once\n${world.tail()}`).toEqual({ link_id: 1, addr: linkOf(1).addr, tbtt_left: 0, state: 'removed' });
    const last = await world.call('remove_link', { name: 'mld', link_id: 0 });
    expect({ failed: last.code !== 0, error: String(last.json?.error) }, 'remove_link of the last link').toMatchObject({ failed: true, error: expect.stringMatching(/last link/) });
    expect((await mldStatus(world)).links?.map((l) => [l.link_id, l.state]), 'status: link 0 up').toEqual([[0, 'up']]);
    expect(await iwLinks(), 'iw dev info: link 0').toEqual([linkOf(0)]);

    events.stop();
    await world.stopDaemon();
    await world.stop();
  }, RECONF_TIMEOUT_MS);
});

type LinkStatus = { link_id: number; addr: string; freq: number; channel: number; state: string; tbtt_left?: number; bss_params_change_count: number; beacon_updates: number };
type MldStatus = { name: string; state: string; error?: string; links?: LinkStatus[] };

async function mldStatus(world: WifidWorld): Promise<MldStatus> {
  const aps = ((await world.call('status', { name: 'mld' })).json as { aps?: MldStatus[] } | undefined)?.aps ?? [];
  return aps[0]!;
}

async function waitMldRunning(world: WifidWorld): Promise<MldStatus> {
  return pollUntil(`wifid.ap status: waiting for AP MLD ${IFNAME} running`, 60_000, async () => {
    const ap = await mldStatus(world).catch(() => undefined);
    if (ap?.state === 'failed') throw new Error(`AP MLD failed: ${String(ap.error)}\n${world.tail()}`);
    return ap?.state === 'running' ? ap : undefined;
  }, 500);
}

/** `ubus listen` on link_added/link_removed, registered (it hears a probe of its own) before anything happens. */
async function listenLinkEvents(world: WifidWorld): Promise<{ waitEvent: EventStream['waitEvent']; history: string[]; stop(): void }> {
  const events = new EventStream();
  const child = spawn(UBUS_CLI, ['-s', world.socket, 'listen', 'wifid.ap.link_added', 'wifid.ap.link_removed'], { stdio: ['ignore', 'pipe', 'pipe'] });
  events.feedFrom(child.stdout!);
  const stop = async (): Promise<void> => { child.kill('SIGTERM'); };
  registerCleanup(child, 'ubus listen', stop);
  await pollUntil('waiting for `ubus listen` to register', 60_000, async () => {
    await world.ubus(['send', 'wifid.ap.link_removed', '{"probe":"listener"}']);
    return (await events.waitEvent(/listener/, 500)) ? true : undefined;
  }, 500);
  return { waitEvent: (p, t) => events.waitEvent(p, t), history: events.history, stop: () => { unregisterCleanup(child); void stop(); } };
}

async function iwLinks(): Promise<{ link_id: number; addr: string; freq?: number; channel?: number }[]> {
  const info = (await run([...sidIw().argv, 'dev', IFNAME, 'info'])).stdout;
  return parseIwMldLinks(info).map((l) => ({ link_id: l.linkId, addr: l.addr, freq: l.freq, channel: l.channel }));
}

async function capture(ms: number): Promise<CapturedFrame[]> {
  const c = await captureMonitor();
  await sleep(ms);
  return c.stop();
}

/** The MLD-related contents of each beacon from `bssid`, in capture order. */
function beacons(frames: readonly CapturedFrame[], bssid: string) {
  return frames.filter((f) => f.frame[0] === 0x80 && macToString(f.frame, 16) === bssid).map((f) => {
    const els = [...iterateElements(f.frame.subarray(36))];
    const mls = els.filter((e) => e.extId === ElementExtId.MULTI_LINK).map((e) => e.data.subarray(1));
    const basic = mls.filter((d) => (d[0]! & 0x7) === MultiLinkType.BASIC).map(parseBasicMultiLink)[0];
    const reconf = mls.filter((d) => (d[0]! & 0x7) === MultiLinkType.RECONFIGURATION).flatMap((d) => parseReconfigurationMultiLink(d).profiles.map((p) => ({ linkId: p.linkId, timer: p.apRemovalTimer })));
    const rnrEl = els.find((e) => e.id === ElementId.REDUCED_NEIGHBOR_REPORT);
    return {
      ml: basic ? { mld: macToString(basic.mldAddr), linkId: basic.linkId, count: basic.bssParamsChangeCount } : undefined,
      rnr: rnrEl ? parseRnr(rnrEl.data).flatMap((n) => n.entries.map((e) => [n.channel, macToString(e.bssid!), e.mld?.linkId])) : [],
      reconf,
    };
  });
}

function lastBeacon(frames: readonly CapturedFrame[], bssid: string) {
  const all = beacons(frames, bssid);
  expect(all.length, `beacons of ${bssid} on the air`).toBeGreaterThan(3);
  return all.at(-1)!;
}

async function tryIfindex(ifname: string): Promise<string | undefined> {
  const r = await run(['cat', `/sys/class/net/${ifname}/ifindex`]).catch(() => undefined);
  return r?.stdout.trim();
}
