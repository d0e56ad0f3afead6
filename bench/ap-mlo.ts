// bench/ap's mlo mode (BENCH_AP_MODE=mlo, issue 17): the time from a client's association
// request to the AP authorizing it, for a non-AP MLD associating over two links of
// wifid's AP MLD (links 0 and 1 on channels 1 and 6 of one mac80211_hwsim mlo=1 radio,
// ap-mlo-fixture.ts's section) beside the same client associating to a single-link wifid
// AP (channel 1, EHT20 as the MLD's links are, on another mlo=1 radio). Both APs run in
// one wifid at once; each is joined over and over by Debian sid's wpa_supplicant 2.11 in
// its own network namespace, both with SAE-H2E, PMF required and CCMP.
//
// Clock and oracle are bench/ap's (ap-cycles.ts): the station's drv_mgd_prepare_tx with
// the (re)association subtype -> the AP's drv_sta_state 3->4 for that station. For the
// non-AP MLD, mac80211 traces the request on the station's netdev (one request, on the
// association link, carrying the Basic Multi-Link element) and the AP MLD's station entry
// is the MLD's (keyed by the MLD address; the second link is added to it with
// ADD_LINK_STA before the 4-way handshake), so the span covers the association, the link
// addition and the handshake with the MLO KDEs.
//
// SAE: every association of either side follows a full SAE exchange. wifid caches the
// PMKSA, and wpa_supplicant would reconnect with it (Open System authentication and a
// PMKID in the request) after the first; the station's cache is flushed (PMKSA_FLUSH)
// before each reconnection so that each cycle is the one a client joining for the first
// time goes through. SAE itself precedes the association request and is not in the span.
// Per association the station's links are checked (MLO_STATUS: links 0 and 1, else the
// association does not count), and the SAE exchanges wifid accepted are printed.
import { apMldSection, MLD_ADDR, MLD_FREQS, MLD_IFNAME, MLD_LINKS, MLD_PASSWORD, MLD_SSID, mloStatus, saeNetwork, scanUntilSeen, startSidSupplicant } from '../test/hwsim/ap-mlo-fixture.js';
import { pollUntil } from '../test/hwsim/lib/exec.js';
import { loadHwsim, unloadHwsim, type Radio } from '../test/hwsim/lib/hwsim.js';
import { KernelTrace } from '../test/hwsim/lib/ktrace.js';
import { createNetns, movePhyToNetns } from '../test/hwsim/lib/netns.js';
import type { ConfValues, Peer } from '../test/hwsim/lib/peers.js';
import { sidWpaSupplicant } from '../test/hwsim/lib/sid.js';
import { WifidWorld } from '../test/hwsim/wifid-world.js';
import { AssociationCycles, printFigures, printVm, side, traceEvents, versionOf, type Side } from './ap-cycles.js';

const SINGLE_IF = 'wifid-ap0';
const SINGLE_SSID = 'bench-single';
const SINGLE_FREQ = 2412;

export interface MloBenchOptions {
  assocs: number;
  warmup: number;
  settleMs: number;
  debug: boolean;
}

/** The single-link AP: channel 1 with the AP MLD's security and its links' EHT20. */
function singleLinkSection(phy: string): string[] {
  return [
    "config ap 'single'", `\toption phy '${phy}'`, "\toption channel '1'", "\toption htmode 'EHT20'",
    `\toption ssid '${SINGLE_SSID}'`, "\toption encryption 'sae'", `\toption key '${MLD_PASSWORD}'`, "\toption sae_pwe '1'", "\toption ieee80211w '2'",
    `\toption ifname '${SINGLE_IF}'`,
  ];
}

type ApStatus = { ifname?: string; state?: string; error?: string; counters?: Record<string, number> };

async function apStatuses(world: WifidWorld): Promise<ApStatus[]> {
  return ((await world.call('status')).json as { aps?: ApStatus[] } | undefined)?.aps ?? [];
}

/** SAE exchanges wifid accepted, per AP netdev. */
async function saeAccepted(world: WifidWorld): Promise<Map<string, number>> {
  return new Map((await apStatuses(world)).map((a) => [a.ifname ?? '?', a.counters?.sae_accepted ?? 0]));
}

export async function benchMlo(o: MloBenchOptions): Promise<void> {
  const [mldRadio, singleRadio, staM, staS] = (await loadHwsim({ radios: 4, mlo: true })) as [Radio, Radio, Radio, Radio];
  const trace = await KernelTrace.open({
    name: 'wifid-bench-ap',
    clock: 'mono',
    events: traceEvents(o.debug, [{ system: 'mac80211', event: 'drv_change_sta_links' }]),
  });
  const world = await WifidWorld.create([
    "config plugin 'mld_ap'", "\toption enabled '1'", '',
    ...apMldSection(mldRadio.phy), '',
    ...singleLinkSection(singleRadio.phy),
  ], 'wifid.ap');
  await world.startDaemon({ verbose: o.debug });
  const aps = await pollUntil('wifid.ap status: both APs running or one failed', 90_000, async () => {
    const a = await apStatuses(world);
    return a.length === 2 && a.every((x) => x.state === 'running' || x.state === 'failed') ? a : undefined;
  }, 500);
  if (aps.some((a) => a.state !== 'running')) throw new Error(`wifid APs not running: ${JSON.stringify(aps)}\n${world.tail()}`);

  const join = async (radio: Radio, network: ConfValues, bssids: readonly string[] | undefined, freqs: readonly number[]): Promise<{ sta: Peer; addr: string }> => {
    const ns = await createNetns();
    await movePhyToNetns(radio.phy, ns);
    const sta = await startSidSupplicant(radio, ns, network, o.debug);
    if (bssids) await scanUntilSeen(sta, bssids, freqs);
    if ((await sta.ctrl('ENABLE_NETWORK 0')) !== 'OK') throw new Error(`${sta.label}: ENABLE_NETWORK 0 refused`);
    if (!(await sta.waitEvent(/CTRL-EVENT-CONNECTED/, 120_000))) throw new Error(`${sta.label}: no first connection\n${sta.tail()}\n${world.tail()}`);
    return { sta, addr: (await sta.status()).address! };
  };
  // The non-AP MLD scans until both links are in its scan results (ap-mlo-fixture.ts says
  // why); its later reconnections reuse them (wpa_supplicant keeps a BSS for scans to come).
  const mld = await join(staM, saeNetwork(MLD_SSID, MLD_PASSWORD, MLD_FREQS), MLD_LINKS, MLD_FREQS);
  const single = await join(staS, saeNetwork(SINGLE_SSID, MLD_PASSWORD, [SINGLE_FREQ]), undefined, [SINGLE_FREQ]);
  const first = await mld.sta.status();
  if (first.ap_mld_addr !== MLD_ADDR) throw new Error(`${mld.sta.label}: not associated to the AP MLD ${MLD_ADDR}: ${JSON.stringify(first)}`);

  const sides: Side[] = [
    side({ name: 'two-link', label: 'wifid AP MLD, 2 links', sta: mld.sta, staVif: staM.ifname, staAddr: mld.addr, apVif: MLD_IFNAME, apPid: world.daemonPid! }),
    side({ name: 'single-link', label: 'wifid AP, 1 link', sta: single.sta, staVif: staS.ifname, staAddr: single.addr, apVif: SINGLE_IF, apPid: world.daemonPid! }),
  ];
  const cyclesRun = new Map<string, number>(sides.map((s) => [s.name, 0]));
  const withSaeGroup = new Map<string, number>(sides.map((s) => [s.name, 0]));
  const sae0 = await saeAccepted(world);
  const cycles = new AssociationCycles(trace, sides, {
    settleMs: o.settleMs, debug: o.debug, showFirstWindow: true,
    hooks: {
      async beforeReconnect(s) {
        const reply = await s.sta.ctrl('PMKSA_FLUSH');
        if (reply !== 'OK') throw new Error(`${s.sta.label}: PMKSA_FLUSH answered ${reply}`);
      },
      async check(s) {
        cyclesRun.set(s.name, cyclesRun.get(s.name)! + 1);
        // wpa_supplicant's status names an SAE group only when SAE ran for this association.
        const st = await s.sta.status();
        if (st.sae_group) withSaeGroup.set(s.name, withSaeGroup.get(s.name)! + 1);
        if (s.name === 'two-link') {
          const m = await mloStatus(s.sta);
          if (st.ap_mld_addr !== MLD_ADDR || m.linkIds.join(',') !== '0,1') return `associated with links [${m.linkIds.join(',')}] of ${st.ap_mld_addr ?? 'no AP MLD'}, not 0 and 1`;
        } else if (st.ap_mld_addr) {
          return `associated as a non-AP MLD to ${st.ap_mld_addr}`;
        }
        return undefined;
      },
      debugTail: () => world.tail(40),
    },
  });
  const secs = await cycles.run(o.warmup, o.assocs, 'bench/ap (mlo)');
  const sae1 = await saeAccepted(world);

  printVm('bench/ap');
  const supplicant = await versionOf([...sidWpaSupplicant().argv, '-v']);
  console.log(`association request -> client authorized, sae (SAE-H2E group 19, PMF required, CCMP; includes the 4-way handshake, with the MLO KDEs for the two-link client; ` +
    `a full SAE before every association: the station's PMKSA cache flushed before each reconnection), wifid's AP MLD (links 0 and 1 on channels 1 and 6, EHT20, one mlo=1 radio) ` +
    `and a single-link wifid AP (channel 1, EHT20, another mlo=1 radio), both up at once in one wifid, ${o.assocs} associations each in ABBA order (+${o.warmup} warm-up each), ` +
    `sid wpa_supplicant ${supplicant} per AP in its own netns; timed by the kernel trace (mono clock): the station's drv_mgd_prepare_tx (assoc request) -> the AP's drv_sta_state ASSOC->AUTHORIZED ` +
    '(the AP MLD: its MLD station, links 0 and 1 checked with MLO_STATUS after each association); one wifid serves both, so its CPU is one process\'s:');
  printFigures(sides, 'two-link/single-link', cycles.losses, secs);
  const saeLine = sides.map((s) => `${s.name} ${(sae1.get(s.apVif) ?? 0) - (sae0.get(s.apVif) ?? 0)} accepted by wifid, sae_group in the station's status ${withSaeGroup.get(s.name)}, over ${cyclesRun.get(s.name)} associations`).join('; ');
  console.log(`  SAE exchanges during the cycles: ${saeLine}`);

  for (const s of sides) await s.sta.stop();
  await world.stop();
  await trace.close();
  await unloadHwsim();
}
