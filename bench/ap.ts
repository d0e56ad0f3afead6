// bench/ap: in the hwsim VM, the time from a client's association request to the AP
// authorizing the client, wifid's AP (plugins/mld-ap) against Debian bookworm's
// hostapd 2.10, both up at once on channel 1, each joined over and over by its own
// bookworm wpa_supplicant 2.10 in its own network namespace. Prints figures and ratios.
//
//   bench/ap                        (builds this file, boots the VM, runs it there)
//   BENCH_AP_MODE=mlo bench/ap      wifid's AP MLD over two links against a single-link
//                                   wifid AP, both joined by sid's wpa_supplicant 2.11
//                                   with SAE: bench/ap-mlo.ts
//
// The clock and the oracle, the same for both APs: the kernel's trace (a private
// tracefs instance, trace clock "mono" = CLOCK_MONOTONIC, one clock across CPUs).
//   start  mac80211's drv_mgd_prepare_tx on the station's interface with the
//          (re)association request subtype: the station's kernel is about to send
//          the request (the first one of the attempt if it had to repeat it);
//   end    mac80211's drv_sta_state on the AP's interface, that station 3->4
//          (AUTHORIZED): the AP daemon's SET_STATION with the authorized flag, the
//          moment the port opens; for psk2 after the 4-way handshake and the PTK's
//          installation, for an open network right after the association.
// Both daemons reach the kernel through the same nl80211 commands, so the same
// tracepoints fire for either, in the same kernel, without a userspace reader in
// the path. The APs' own announcements (wifid.ap.authorized over ubus, hostapd's
// AP-STA-CONNECTED on its control socket) come later by different transports (a
// node ubus broker vs. a unix socket to hostapd_cli) and would time those too. A
// monitor capture on hwsim0 would see the request but not the authorization (no
// frame marks it; EAPOL message 4 comes before the AP has checked it and installed
// the key). The trace buffer's loss counters are read before every clear; a lost
// event is printed, never silently read as a slower or faster association.
//
// Fairness: both APs beacon on the same channel of the same VM throughout; the
// associations alternate in ABBA order (wifid, hostapd, hostapd, wifid, ...) so
// that the VM's drifting speed weighs on both alike; every cycle is the same
// (the station disconnects, the AP has dropped it, a settle pause, the trace is
// cleared, the station reconnects with a scan of channel 1 only). wifid runs at
// its default log level, hostapd without -d. Each station's wpa_cli monitor and
// hostapd's hostapd_cli monitor are attached (the peer helpers do that); wifid's
// events go to the ubus broker, which runs in this process, as ubusd would.
import { loadHwsim, unloadHwsim, type Radio } from '../test/hwsim/lib/hwsim.js';
import { createNetns, movePhyToNetns } from '../test/hwsim/lib/netns.js';
import { pollUntil } from '../test/hwsim/lib/exec.js';
import { KernelTrace } from '../test/hwsim/lib/ktrace.js';
import { startHostapd, startWpaSupplicant, type ConfValues } from '../test/hwsim/lib/peers.js';
import { WifidWorld } from '../test/hwsim/wifid-world.js';
import { AssociationCycles, printFigures, printVm, side, traceEvents, versionOf } from './ap-cycles.js';
import { benchMlo } from './ap-mlo.js';

/** Measured associations per AP (the bench needs >= 20). */
const ASSOCS = Number(process.env.BENCH_AP_ASSOCS ?? 24);
/** Unmeasured associations per AP first (JIT, caches, the first scan results). */
const WARMUP = Number(process.env.BENCH_AP_WARMUP ?? 2);
/** Pause between the AP dropping the station and the reconnection: both sides start idle. */
const SETTLE_MS = Number(process.env.BENCH_AP_SETTLE_MS ?? 500);
/** The measured configuration: psk2 (issue 13's meaning: the 4-way handshake is part of it); none measures open. */
const ENCRYPTION = process.env.BENCH_AP_ENCRYPTION ?? 'psk2';
/** BENCH_AP_DEBUG=1: every tracepoint of the association, wifid at -v, the window of repeated requests printed. */
const DEBUG = process.env.BENCH_AP_DEBUG === '1';
/** hostapd (wifid's AP vs hostapd 2.10) or mlo (wifid's AP MLD, two links vs one). */
const MODE = process.env.BENCH_AP_MODE ?? 'hostapd';
const CHANNEL = 1;
const FREQ = 2412;
const PASSPHRASE = 'bench-passphrase-0123';
const WIFID_IF = 'wifid-ap0';

type Encryption = 'psk2' | 'none';

function wifidConfig(radio: Radio, enc: Encryption): string[] {
  return [
    "config plugin 'mld_ap'", "\toption enabled '1'", '',
    "config ap 'bench'", `\toption phy '${radio.phy}'`, `\toption channel '${CHANNEL}'`, "\toption htmode 'HT20'",
    "\toption ssid 'bench-wifid'", `\toption ifname '${WIFID_IF}'`, "\toption beacon_int '100'", "\toption dtim_period '2'",
    `\toption encryption '${enc}'`, ...(enc === 'psk2' ? [`\toption key '${PASSPHRASE}'`, "\toption ieee80211w '0'"] : []),
  ];
}

/** hostapd's BSS as wifid's section above asks for it: 2.4 GHz channel 1, HT20 with WMM, no PMF. */
function hostapdConfig(enc: Encryption): ConfValues {
  return {
    ssid: 'bench-hostapd', hw_mode: 'g', channel: CHANNEL, ieee80211n: 1, wmm_enabled: 1, beacon_int: 100, dtim_period: 2,
    ...(enc === 'psk2' ? { wpa: 2, wpa_key_mgmt: 'WPA-PSK', rsn_pairwise: 'CCMP', wpa_passphrase: PASSPHRASE, ieee80211w: 0 } : {}),
  };
}

function network(ssid: string, enc: Encryption): ConfValues {
  const security: ConfValues = enc === 'psk2'
    ? { key_mgmt: 'WPA-PSK', proto: 'RSN', pairwise: 'CCMP', group: 'CCMP', psk: `"${PASSPHRASE}"`, ieee80211w: 0 }
    : { key_mgmt: 'NONE' };
  return { ssid: `"${ssid}"`, ...security, scan_freq: FREQ, freq_list: FREQ };
}

async function benchHostapd(): Promise<void> {
  const radios = await loadHwsim({ radios: 4 });
  const [wifidRadio, hostapdRadio, staW, staH] = radios as [Radio, Radio, Radio, Radio];
  const trace = await KernelTrace.open({
    name: 'wifid-bench-ap',
    clock: 'mono',
    events: traceEvents(DEBUG),
  });

  if (ENCRYPTION !== 'psk2' && ENCRYPTION !== 'none') throw new Error(`BENCH_AP_ENCRYPTION: psk2 or none, not '${ENCRYPTION}'`);
  const enc: Encryption = ENCRYPTION;
  const world = await WifidWorld.create(wifidConfig(wifidRadio, enc), 'wifid.ap');
  await world.startDaemon({ verbose: DEBUG });
  const ap = await pollUntil(`wifid.ap status: ${WIFID_IF} running or failed`, 60_000, async () => {
    const a = ((await world.call('status')).json as { aps?: Record<string, unknown>[] } | undefined)?.aps?.[0];
    return a?.state === 'running' || a?.state === 'failed' ? a : undefined;
  }, 500);
  if (ap.state !== 'running') throw new Error(`wifid AP not running: ${String(ap.error)}\n${world.tail()}`);
  const hostapd = await startHostapd(hostapdConfig(enc), { ifname: hostapdRadio.ifname, startTimeoutMs: 60_000 });

  const join = async (radio: Radio, ssid: string) => {
    const ns = await createNetns();
    await movePhyToNetns(radio.phy, ns);
    const sta = await startWpaSupplicant({}, { ifname: radio.ifname, netns: ns, networks: [network(ssid, enc)], startTimeoutMs: 60_000 });
    if (!(await sta.waitEvent(/CTRL-EVENT-CONNECTED/, 60_000))) throw new Error(`${sta.label}: no first connection to ${ssid}\n${sta.tail()}`);
    return sta;
  };
  const sides = [
    side({ name: 'wifid', label: 'wifid (mld-ap)', sta: await join(staW, 'bench-wifid'), staVif: staW.ifname, staAddr: staW.addr, apVif: WIFID_IF, apPid: world.daemonPid! }),
    side({ name: 'hostapd', label: `hostapd ${await versionOf(['hostapd', '-v'])}`, sta: await join(staH, 'bench-hostapd'), staVif: staH.ifname, staAddr: staH.addr, apVif: hostapdRadio.ifname, apPid: hostapd.pid! }),
  ];
  const cycles = new AssociationCycles(trace, sides, {
    settleMs: SETTLE_MS, debug: DEBUG, hooks: { debugTail: (s) => (s.name === 'wifid' ? world.tail(40) : undefined) },
  });
  const secs = await cycles.run(WARMUP, ASSOCS, 'bench/ap');

  printVm('bench/ap');

  const supplicant = await versionOf(['wpa_supplicant', '-v']);
  const what = enc === 'psk2' ? 'psk2 (WPA2-PSK, CCMP, no PMF; includes the 4-way handshake)' : 'open (encryption none)';
  console.log(`association request -> client authorized, ${what}, channel ${CHANNEL} (${FREQ} MHz), both APs up at once, ${ASSOCS} associations each in ABBA order (+${WARMUP} warm-up each), wpa_supplicant ${supplicant} per AP in its own netns; ` +
    'timed by the kernel trace (mono clock): the station\'s drv_mgd_prepare_tx (assoc request) -> the AP\'s drv_sta_state ASSOC->AUTHORIZED:');
  printFigures(sides, 'wifid/hostapd', cycles.losses, secs);

  for (const s of sides) await s.sta.stop();
  await hostapd.stop();
  await world.stop();
  await trace.close();
  await unloadHwsim();
}

(MODE === 'mlo' ? benchMlo({ assocs: ASSOCS, warmup: WARMUP, settleMs: SETTLE_MS, debug: DEBUG }) : MODE === 'hostapd' ? benchHostapd() : Promise.reject(new Error(`BENCH_AP_MODE: hostapd or mlo, not '${MODE}'`))).then(
  () => process.exit(0),
  (err) => {
    console.error(`bench/ap failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
