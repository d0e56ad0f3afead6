// Multi-link probing of mld-ap's AP MLD (802.11be 35.3.4.2) against the real kernel: wifid's
// AP MLD of two links (2.4 GHz channels 1 and 6) on one mac80211_hwsim radio (mlo=1), and
// Debian sid's wpa_supplicant 2.11 on another radio that scans channel 1 only. It hears link
// 0, finds link 1 in the RNR but not in its scan results, and sends a multi-link probe
// request to link 0 ("MLD: Doing an ML probe for missing links"); cfg80211 makes link 1's BSS
// from the complete profile in wifid's answer (with the channel from the RNR), and the
// station associates over both links. The capture on hwsim0 shows the request and the
// profile on the air.
import { afterEach, describe, expect, it } from 'vitest';
import { ElementExtId, ElementId, iterateElements } from '../../core/ieee80211/elements.js';
import { parseDefragmented } from '../../core/ieee80211/element-fragments.js';
import { expandProfile } from '../../core/ieee80211/inheritance.js';
import { macToString } from '../../core/ieee80211/mac-address.js';
import { parseProbeRequestMultiLink } from '../../core/ieee80211/multi-link-probe.js';
import { MultiLinkType, parseBasicMultiLink } from '../../core/ieee80211/multi-link.js';
import { parseStaProfileFields } from '../../core/ieee80211/sta-profile.js';
import { startApMld, MLD_ADDR, MLD_LINKS, MLD_PASSWORD, MLD_SSID, mloStatus, saeNetwork, scanUntilSeen, startSidSupplicant } from './ap-mlo-fixture.js';
import { captureMonitor } from './lib/capture.js';
import { tryRun } from './lib/exec.js';
import { loadHwsim, unloadHwsim } from './lib/hwsim.js';
import { createNetns, movePhyToNetns } from './lib/netns.js';
import type { CapturedFrame } from './lib/pcap.js';
import type { Peer } from './lib/peers.js';
import type { WifidWorld } from './wifid-world.js';

const AP_IP = '192.168.79.1';
const STA_IP = '192.168.79.2';
// Under TCG SAE's P-256 work, every node start and each ubus CLI call take seconds.
const TEST_TIMEOUT_MS = 600_000;
/** Probe request and response frame control (type 0, subtypes 4 and 5). */
const PROBE_REQ = 0x40;
const PROBE_RESP = 0x50;
/** Connections tried until the station has taken link 1 from an answer it received in time. */
const MAX_ATTEMPTS = 10;

afterEach(async () => {
  await unloadHwsim();
});

async function diagnosis(sta: Peer, world: WifidWorld): Promise<string> {
  const lines = sta.output.filter((l) => /SAE|MLD|MLO|ML:|ML probe|auth|assoc|reject|skip|select|CTRL-EVENT|link|BSS|scan/i.test(l)).slice(-400);
  const status = JSON.stringify((await world.call('status').catch(() => ({ json: null }))).json);
  return `station:\n${lines.join('\n')}\nwifid status: ${status}\nwifid:\n${world.tail(120)}`;
}

/** The Multi-Link elements of a captured management frame whose elements start at `at`, by type. */
function multiLink(f: CapturedFrame, at: number, type: number): Uint8Array | undefined {
  const els = parseDefragmented(f.frame.subarray(at));
  return els.find((e) => e.id === ElementId.EXTENSION && e.extId === ElementExtId.MULTI_LINK && (e.data[1]! & 7) === type)?.data.subarray(1);
}

describe('mld-ap multi-link probing on mac80211_hwsim (mlo=1)', () => {
  it('ap_mlo_ml_probe: sid wpa_supplicant 2.11 hears only link 0, asks for link 1 with an ML probe request, gets its complete profile and associates over both links; ping', async () => {
    const [apRadio, staRadio] = await loadHwsim({ radios: 2, mlo: true });
    const world = await startApMld(apRadio!, AP_IP);
    const ns = await createNetns();
    await movePhyToNetns(staRadio!.phy, ns);
    const sta = await startSidSupplicant(staRadio!, ns, saeNetwork(MLD_SSID, MLD_PASSWORD, [2412]));
    const capture = await captureMonitor();
    await scanUntilSeen(sta, [MLD_LINKS[0]], [2412]);
    // Channel 6 was never scanned: link 1 is known from the RNR only.
    expect(await sta.ctrl(`BSS ${MLD_LINKS[1]}`), 'link 1 not in the scan results before the ML probe').not.toMatch(/^bssid=/m);
    expect(await sta.ctrl('ENABLE_NETWORK 0')).toBe('OK');
    // The station takes the answer only while its ML probe scan dwells on channel 1 (about 55
    // ms in this VM); wifid answers from userspace, which under TCG now and then takes longer
    // (cold code the first time), and the station then associates over link 0 alone. It is
    // sent back to probe again, a bounded number of times.
    let attempts = 0;
    let mlo: Awaited<ReturnType<typeof mloStatus>>;
    for (;;) {
      attempts++;
      const connected = await sta.waitEvent(/CTRL-EVENT-CONNECTED/, 180_000);
      expect(connected, `sid wpa_supplicant: CTRL-EVENT-CONNECTED (attempt ${attempts})\n${connected ? '' : await diagnosis(sta, world)}`).not.toBeNull();
      mlo = await mloStatus(sta);
      if (mlo.linkIds.length === 2 || attempts === MAX_ATTEMPTS) break;
      expect(await sta.ctrl('DISCONNECT')).toBe('OK');
      await sta.waitEvent(/CTRL-EVENT-DISCONNECTED/, 60_000);
      expect(await sta.ctrl('RECONNECT')).toBe('OK');
    }
    const frames = await capture.stop();
    const probes = sta.output.filter((l) => /MLD: Doing an ML probe for missing links 0x0002/.test(l)).length;
    expect(probes, `sid wpa_supplicant: the ML probe for link 1\n${await diagnosis(sta, world)}`).toBeGreaterThan(0);
    const latencies = frames.filter((x) => x.frame[0] === PROBE_REQ && macToString(x.frame.subarray(4, 10)) === MLD_LINKS[0]).map((req) => {
      const resp = frames.find((x) => x.frame[0] === PROBE_RESP && x.timeUs > req.timeUs && macToString(x.frame.subarray(4, 10)) === macToString(req.frame.subarray(10, 16)));
      return resp ? Math.round((resp.timeUs - req.timeUs) / 1000) : undefined;
    });
    console.log(`ap_mlo_ml_probe: both links after ${attempts} attempt(s), ${probes} ML probe(s); request -> answer on the air: ${latencies.join(', ')} ms`);

    // On the air: the request to link 0 with the Probe Request Multi-Link element ...
    const staAddr = (await sta.status()).address!;
    const requests = frames.filter((f) => f.frame[0] === PROBE_REQ && macToString(f.frame.subarray(4, 10)) === MLD_LINKS[0] && multiLink(f, 24, MultiLinkType.PROBE_REQUEST));
    expect(requests.length, 'ML probe requests to link 0 on the air').toBeGreaterThan(0);
    expect(parseProbeRequestMultiLink(multiLink(requests[0]!, 24, MultiLinkType.PROBE_REQUEST)!).links.map((l) => l.linkId), 'the links the ML probe request names').toEqual([1]);
    // ... and link 0's answer: the Basic Multi-Link element with link 1's complete profile, which reads as channel 6.
    const answers = frames.filter((f) => f.frame[0] === PROBE_RESP && macToString(f.frame.subarray(10, 16)) === MLD_LINKS[0] && macToString(f.frame.subarray(4, 10)) === staAddr)
      .map((f) => ({ f, ml: parseBasicMultiLink(multiLink(f, 36, MultiLinkType.BASIC)!) })).filter((a) => a.ml.profiles.length > 0);
    expect(answers.length, 'ML probe responses from link 0 on the air').toBeGreaterThan(0);
    const { f, ml } = answers[0]!;
    expect({ mld: macToString(ml.mldAddr), linkId: ml.linkId, apMldId: ml.apMldId }).toEqual({ mld: MLD_ADDR, linkId: 0, apMldId: 0 });
    const p = ml.profiles[0]!;
    expect({ linkId: p.linkId, complete: p.completeProfile, addr: macToString(p.staAddr!), bi: p.beaconIntervalTu, dtimPeriod: p.dtim?.period })
      .toEqual({ linkId: 1, complete: true, addr: MLD_LINKS[1], bi: 100, dtimPeriod: 2 });
    const partner = [...iterateElements(expandProfile(f.frame.subarray(36), parseStaProfileFields(p.profile, 'probe-response').elements))];
    expect(partner.find((e) => e.id === ElementId.DS_PARAMS)?.data[0], 'link 1\'s DS Parameter Set from its profile').toBe(6);

    // The station took link 1 from that profile: both links, and traffic.
    const both = mlo.linkIds.join(',') === '0,1';
    expect({ linkIds: mlo.linkIds, bssids: mlo.bssids }, `wpa_cli mlo_status\n${mlo.text}\n${both ? '' : await diagnosis(sta, world)}`).toEqual({ linkIds: [0, 1], bssids: [...MLD_LINKS] });
    const counters = ((await world.call('status')).json as { aps: { counters: Record<string, number> }[] }).aps[0]!.counters;
    expect(counters.ml_probe_answered, 'wifid.ap status: ml_probe_answered').toBeGreaterThan(0);
    expect(counters.bad_probe).toBe(0);
    await ns.run(['ip', 'addr', 'add', `${STA_IP}/24`, 'dev', staRadio!.ifname]);
    const ping = await tryRun(['busybox', 'ping', '-c', '3', '-W', '5', AP_IP], { netns: ns.name, timeoutMs: 40_000 });
    expect(ping.ok, `ping ${AP_IP} from ${ns.name}\n${ping.stdout}${ping.stderr}\nwifid:\n${world.tail()}`).toBe(true);
    await sta.stop();
    await world.stop();
  }, TEST_TIMEOUT_MS);
});
