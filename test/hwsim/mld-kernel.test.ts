// The nl80211 side of an AP MLD against the real kernel (Linux 6.12, mac80211_hwsim
// mlo=1), through wifid's nl80211 service and core/nl80211/mld-commands.ts, no plugin:
// an AP interface with a distinct MLD address, two links on 2.4 GHz channels 1 and 6,
// START_AP and SET_BEACON per link with the Basic Multi-Link element, group keys per
// link, REMOVE_LINK, and the refusals (wifid's own and the kernel's). sid's iw 6.x
// (bookworm's 5.19 prints no links) and the frames on the air are the outside views.
import { afterEach, describe, expect, it } from 'vitest';
import { StderrLogger } from '../../core/log.js';
import { AuthType, installKey, setBeacon, startAp, stopAp, type StartApParams } from '../../core/nl80211/ap-commands.js';
import { Nl80211Error } from '../../core/nl80211/errors.js';
import { addLink, apMldRefusal, MldLinkError, newApMldInterface, readLinks, removeLink } from '../../core/nl80211/mld-commands.js';
import { Nl80211Service } from '../../core/nl80211/service.js';
import { decodeAttrs, encodeAttrs } from '../../core/nl80211/attrs.js';
import { ENUMS } from '../../core/nl80211/gen/schema.generated.js';
import { GenlChannel, openGenericNetlinkSocket } from '../../core/nl80211/genl-channel.js';
import { getFamily } from '../../core/nl80211/genl-family.js';
import { parseGenl } from '../../core/nl80211/message.js';
import { buildIface, type MloLink } from '../../core/nl80211/inventory.js';
import { buildBeacon, type BssTemplate } from '../../core/ieee80211/beacon.js';
import { CapabilityInfo } from '../../core/ieee80211/capability-info.js';
import { ElementExtId, iterateElements } from '../../core/ieee80211/elements.js';
import { macFromString, macToString } from '../../core/ieee80211/mac-address.js';
import { buildBasicMultiLink, parseBasicMultiLink } from '../../core/ieee80211/multi-link.js';
import { captureMonitor } from './lib/capture.js';
import { pollUntil, run, sleep } from './lib/exec.js';
import { loadHwsim, unloadHwsim } from './lib/hwsim.js';
import { parseIwMldLinks, type IwMldLink } from './lib/iw-mld.js';
import { sidIw } from './lib/sid.js';

const IFNAME = 'wifid-mld0';
// Locally administered, distinct from each other and from hwsim's 02:00:00:..., 42:00:00:...
const MLD_ADDR = '06:4d:4c:44:00:00';
const LINK_ADDR = ['06:4d:4c:44:00:10', '06:4d:4c:44:00:11'] as const;
const FREQ = [2412, 2437] as const;
const CHANNEL = [1, 6] as const;
const SSID = 'wifid-mld';
const CCMP = 0x000fac04;
const TEST_TIMEOUT_MS = 300_000;

const logLines: string[] = [];
const log = new StderrLogger('debug', 'mld-kernel', { write: (l: string) => void logLines.push(l) });
let svc: Nl80211Service | null = null;

afterEach(async () => {
  await svc?.stop();
  svc = null;
  await unloadHwsim();
});

async function startService(): Promise<Nl80211Service> {
  svc = new Nl80211Service(log);
  await svc.start();
  return svc;
}

/** A minimal beacon of link `i`: legacy rates, DSSS channel, the Basic Multi-Link element (MLD address, link id, change count). */
function linkBeacon(i: 0 | 1, changeCount: number): { head: Uint8Array; tail: Uint8Array; linkId: number } {
  const bss: BssTemplate = {
    bssid: macFromString(LINK_ADDR[i]),
    ssid: new TextEncoder().encode(SSID),
    beaconIntTu: 100,
    capabilityInfo: CapabilityInfo.ESS,
    channel: CHANNEL[i],
    band: '2.4GHz',
    rates: [0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24, 0x30, 0x48, 0x60, 0x6c],
    extraTail: [buildBasicMultiLink({ mldAddr: macFromString(MLD_ADDR), linkId: i, bssParamsChangeCount: changeCount, mldCapabilities: 1, profiles: [] })],
  };
  return { ...buildBeacon(bss), linkId: i };
}

function startParams(ifindex: number, i: 0 | 1): StartApParams {
  return {
    ifindex,
    beacon: linkBeacon(i, 0),
    beaconIntTu: 100,
    dtimPeriod: 2,
    ssid: new TextEncoder().encode(SSID),
    hidden: 'NOT_IN_USE',
    channel: { freq: FREQ[i], width: '20_noht' },
    authType: AuthType.OPEN_SYSTEM,
    crypto: { privacy: false },
  };
}

async function iwLinks(): Promise<IwMldLink[]> {
  const out = (await run([...sidIw().argv, 'dev', IFNAME, 'info'])).stdout;
  process.stdout.write(`sid iw dev ${IFNAME} info:\n${out}`);
  return parseIwMldLinks(out);
}

/**
 * GET_INTERFACE's reply as the kernel sent it (the attributes after the genl header), on
 * a socket of its own: printed as a test vector for the unit tests (test/nl80211/mld-vectors/).
 */
async function rawGetInterface(name: string, ifindex: number): Promise<Uint8Array> {
  const ch = new GenlChannel(openGenericNetlinkSocket(), { onEvent: () => undefined, onSocketError: () => undefined, onInvalid: () => undefined });
  try {
    const fam = await getFamily(ch, 'nl80211');
    if (!fam) throw new Error('nl80211 family not found');
    const [reply] = await ch.request(fam.id, ENUMS.nl80211_commands.values.GET_INTERFACE, 1, encodeAttrs('nl80211_attrs', { IFINDEX: ifindex }));
    const attrs = parseGenl(reply!).attrs;
    process.stdout.write(`VECTOR ${name} ${Buffer.from(attrs).toString('hex')}\n`);
    return attrs;
  } finally {
    ch.close();
  }
}

const linkView = (l: MloLink) => ({ linkId: l.linkId, addr: l.addr, freq: l.channel?.freq });

/** Waits for the service's inventory to show `want` for the MLD (it re-reads the interface after link requests). */
function inventoryLinks(s: Nl80211Service, want: unknown[]): Promise<unknown> {
  return pollUntil(`inventory of ${IFNAME}: waiting for links ${JSON.stringify(want)}`, 10_000, () => {
    const iface = s.interfaces().find((x) => x.ifname === IFNAME);
    const got = iface?.links.map(linkView);
    return JSON.stringify(got) === JSON.stringify(want) ? got : undefined;
  }, 50).catch((e: Error) => {
    const iface = s.interfaces().find((x) => x.ifname === IFNAME);
    throw new Error(`${e.message}; last seen ${JSON.stringify(iface?.links)}\n${logLines.slice(-20).join('')}`);
  });
}

async function expectNl80211Error(what: string, p: Promise<unknown>, code: string, text?: RegExp): Promise<Nl80211Error> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err, `${what}: should fail`).toBeInstanceOf(Nl80211Error);
  const e = err as Nl80211Error;
  process.stdout.write(`${what}: ${e.message}\n`);
  expect(e.code, `${what}: ${e.message}`).toBe(code);
  if (text) expect(e.message, what).toMatch(text);
  return e;
}

describe('AP MLD nl80211 commands on mac80211_hwsim (mlo=1)', () => {
  it('mld_links: ADD_LINK x2, START_AP/SET_BEACON per link with the Multi-Link element, per-link group keys, REMOVE_LINK, refusals leave the links as they were', async () => {
    const radios = await loadHwsim({ radios: 2, mlo: true });
    const s = await startService();
    const wiphy = s.wiphys().find((w) => w.name === radios[0]!.phy)!;
    expect(apMldRefusal(wiphy), `${wiphy.name} can host an AP MLD`).toBeUndefined();
    process.stdout.write(`${wiphy.name}: MLO capabilities ${JSON.stringify(wiphy.mlo)}\n`);

    const { ifindex, addr } = await newApMldInterface(s, wiphy.index, IFNAME, MLD_ADDR);
    expect(addr, 'the new interface has the MLD address').toBe(MLD_ADDR);
    // ADD_LINK wants the netdev up (NL80211_FLAG_NEED_NETDEV_UP): ENETDOWN otherwise.
    await expectNl80211Error('ADD_LINK while the netdev is down', addLink(s, ifindex, 0, LINK_ADDR[0]), 'ENETDOWN');
    await run(['ip', 'link', 'set', IFNAME, 'up']);
    await addLink(s, ifindex, 0, LINK_ADDR[0]);
    await addLink(s, ifindex, 1, LINK_ADDR[1]);
    await startAp(s, startParams(ifindex, 0));
    await startAp(s, startParams(ifindex, 1));
    const both = [0, 1].map((i) => ({ linkId: i, addr: LINK_ADDR[i], freq: FREQ[i] }));

    // Three views agree: GET_INTERFACE now, the service's inventory, sid's iw.
    expect((await readLinks(s, ifindex)).map(linkView), 'GET_INTERFACE links').toEqual(both);
    await inventoryLinks(s, both);
    const iface = s.interfaces().find((x) => x.ifname === IFNAME)!;
    expect(iface.mldAddr, 'inventory MLD address').toBe(MLD_ADDR);
    expect(buildIface(decodeAttrs('nl80211_attrs', await rawGetInterface('get-interface-two-links', ifindex)))?.links.map(linkView), 'raw GET_INTERFACE decoded').toEqual(both);
    expect((await iwLinks()).map((l) => ({ linkId: l.linkId, addr: l.addr, freq: l.freq })), 'sid iw dev info links').toEqual(both);

    // SET_BEACON per link: the change count in each link's Multi-Link element goes to 1; on the air
    // each link's beacons carry the MLD address, their own link id and the new count.
    await setBeacon(s, ifindex, linkBeacon(0, 1));
    await setBeacon(s, ifindex, linkBeacon(1, 1));
    const capture = await captureMonitor();
    await sleep(1500);
    const frames = await capture.stop();
    for (const i of [0, 1] as const) {
      const beacons = frames.filter((f) => f.frame[0] === 0x80 && macToString(f.frame, 16) === LINK_ADDR[i]);
      expect(beacons.length, `beacons of link ${i} (${LINK_ADDR[i]}) on the air`).toBeGreaterThan(3);
      const ml = [...iterateElements(beacons.at(-1)!.frame.subarray(36))].find((e) => e.extId === ElementExtId.MULTI_LINK);
      expect(ml, `link ${i}'s beacon carries a Multi-Link element`).toBeDefined();
      const parsed = parseBasicMultiLink(ml!.data.subarray(1));
      expect({ mld: macToString(parsed.mldAddr), linkId: parsed.linkId, count: parsed.bssParamsChangeCount }).toEqual({ mld: MLD_ADDR, linkId: i, count: 1 });
    }

    // Group keys per link (NEW_KEY + SET_KEY with MLO_LINK_ID); without a link id the kernel refuses.
    for (const linkId of [0, 1]) {
      await installKey(s, { ifindex, kind: 'gtk', keyId: 1, cipher: CCMP, key: new Uint8Array(16).fill(0x11 + linkId), seq: new Uint8Array(6), linkId });
    }
    await expectNl80211Error('NEW_KEY group key without a link id on an MLD', installKey(s, { ifindex, kind: 'gtk', keyId: 2, cipher: CCMP, key: new Uint8Array(16) }), 'EINVAL', /link ID/);

    // wifid's refusals: an existing link id, an address already in use; nothing sent, nothing changed.
    await expect(addLink(s, ifindex, 0, '06:4d:4c:44:00:20'), 'ADD_LINK of an existing link id').rejects.toThrow(MldLinkError);
    await expect(addLink(s, ifindex, 2, LINK_ADDR[1]), 'ADD_LINK with the address of link 1').rejects.toThrow(MldLinkError);
    await expect(addLink(s, ifindex, 2, MLD_ADDR), 'ADD_LINK with the MLD address').rejects.toThrow(MldLinkError);
    // The kernel's: an unknown link id, START_AP on a link that beacons already, START_AP without a link id.
    await expectNl80211Error('REMOVE_LINK of link 5 (none)', removeLink(s, ifindex, 5), 'EINVAL');
    await expectNl80211Error('START_AP again on link 0', startAp(s, startParams(ifindex, 0)), 'EALREADY');
    await expectNl80211Error('START_AP without a link id on an MLD', startAp(s, { ...startParams(ifindex, 0), beacon: { ...linkBeacon(0, 0), linkId: undefined } }), 'EINVAL');
    expect((await readLinks(s, ifindex)).map(linkView), 'links after the refusals').toEqual(both);

    // STOP_AP of link 1 stops its beacons but keeps the link; START_AP brings them back.
    await stopAp(s, ifindex, 1);
    const stopped = (await readLinks(s, ifindex)).map(linkView);
    process.stdout.write(`links after STOP_AP of link 1: ${JSON.stringify(stopped)}\n`);
    const stoppedIface = buildIface(decodeAttrs('nl80211_attrs', await rawGetInterface('get-interface-link1-stopped', ifindex)));
    expect(stoppedIface?.links.map(linkView)).toEqual(stopped);
    process.stdout.write(`SSID of the interface after STOP_AP of link 1: ${JSON.stringify(stoppedIface?.ssid)}\n`);
    expect(stopped.map((l) => [l.linkId, l.addr]), 'links after STOP_AP of link 1').toEqual(both.map((l) => [l.linkId, l.addr]));
    await startAp(s, startParams(ifindex, 1));

    // REMOVE_LINK of link 1: one link left, beaconing on channel 1, in every view.
    await removeLink(s, ifindex, 1);
    const one = [both[0]];
    expect((await readLinks(s, ifindex)).map(linkView), 'GET_INTERFACE links after REMOVE_LINK 1').toEqual(one);
    await inventoryLinks(s, one);
    expect((await iwLinks()).map((l) => ({ linkId: l.linkId, addr: l.addr, freq: l.freq })), 'sid iw links after REMOVE_LINK 1').toEqual(one);
    const after = await captureMonitor();
    await sleep(1000);
    const afterFrames = await after.stop();
    const beaconsOf = (a: string) => afterFrames.filter((f) => f.frame[0] === 0x80 && macToString(f.frame, 16) === a).length;
    expect({ link0: beaconsOf(LINK_ADDR[0]) > 2, link1: beaconsOf(LINK_ADDR[1]) }, 'beacons after REMOVE_LINK 1').toEqual({ link0: true, link1: 0 });

    // A link id may be used again once removed.
    await addLink(s, ifindex, 1, LINK_ADDR[1]);
    await startAp(s, startParams(ifindex, 1));
    expect((await readLinks(s, ifindex)).map(linkView), 'links after adding link 1 again').toEqual(both);

    // Why addLink() refuses a link id in use itself: the kernel takes a second ADD_LINK of
    // link 0 and reports the new address, while mac80211 keeps beaconing with the old one.
    await s.request('ADD_LINK', { IFINDEX: ifindex, MLO_LINK_ID: 0, MAC: '06:4d:4c:44:00:30' });
    expect((await readLinks(s, ifindex)).map(linkView), 'links after a raw duplicate ADD_LINK of link 0').toEqual([{ ...both[0], addr: '06:4d:4c:44:00:30' }, both[1]]);
    const dup = await captureMonitor();
    await sleep(1000);
    const dupFrames = await dup.stop();
    const sentBy = (a: string) => dupFrames.filter((f) => f.frame[0] === 0x80 && macToString(f.frame, 10) === a).length;
    process.stdout.write(`beacons after the duplicate ADD_LINK: old ${sentBy(LINK_ADDR[0])}, new ${sentBy('06:4d:4c:44:00:30')}\n`);
    expect({ old: sentBy(LINK_ADDR[0]) > 2, new: sentBy('06:4d:4c:44:00:30') }, 'link 0 beacons after the duplicate ADD_LINK').toEqual({ old: true, new: 0 });
  }, TEST_TIMEOUT_MS);

  it('mld_no_mlo: a wiphy without MLO support is refused before any request; the kernel refuses ADD_LINK with EINVAL', async () => {
    const radios = await loadHwsim({ radios: 1 });
    const s = await startService();
    const wiphy = s.wiphys().find((w) => w.name === radios[0]!.phy)!;
    expect(apMldRefusal(wiphy)).toMatch(/does not support MLO/);
    const { ifindex } = await newApMldInterface(s, wiphy.index, IFNAME, MLD_ADDR);
    await run(['ip', 'link', 'set', IFNAME, 'up']);
    await expectNl80211Error('ADD_LINK on a wiphy without MLO', addLink(s, ifindex, 0, LINK_ADDR[0]), 'EINVAL');
    expect(await readLinks(s, ifindex), 'no links').toEqual([]);
  }, TEST_TIMEOUT_MS);
});
