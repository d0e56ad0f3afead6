// mld-ap's AP MLD (issue 17) against the real kernel: wifid with a `config ap` of two
// links on one mac80211_hwsim radio (mlo=1), channels 1 and 6. Outside views: sid's
// iw 6.x (`iw dev <if> info` lists an MLD's links) and the beacons on the air.
import { afterEach, describe, expect, it } from 'vitest';
import { ElementExtId, ElementId, iterateElements } from '../../core/ieee80211/elements.js';
import { macToString } from '../../core/ieee80211/mac-address.js';
import { parseBasicMultiLink } from '../../core/ieee80211/multi-link.js';
import { parseRnr } from '../../core/ieee80211/rnr.js';
import { linkAddress } from '../../plugins/mld-ap/mld-config.js';
import { captureMonitor } from './lib/capture.js';
import { pollUntil, run, sleep } from './lib/exec.js';
import { loadHwsim, unloadHwsim, type Radio } from './lib/hwsim.js';
import { parseIwMldLinks } from './lib/iw-mld.js';
import { sidIw } from './lib/sid.js';
import { WifidWorld } from './wifid-world.js';

const IFNAME = 'wifid-mld0';
const MLD_ADDR = '06:4d:4c:44:00:00';
const SSID = 'wifid-mld';
const TEST_TIMEOUT_MS = 480_000;

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
});

async function tryIfindex(ifname: string): Promise<string | undefined> {
  const r = await run(['cat', `/sys/class/net/${ifname}/ifindex`]).catch(() => undefined);
  return r?.stdout.trim();
}
