// sta-mlo's automatic connection against the real kernel (issue 14: "connects by itself to
// the best configured network in range and reconnects after a loss with backoff"): a psk2
// network in UCI, Debian bookworm's hostapd 2.10 on one mac80211_hwsim radio in its own
// network namespace, wifid's station on another. No ubus connect: wifid joins by itself;
// hostapd stopped (SIGTERM): wifid.sta.disconnected and status backing off; hostapd back:
// wifid joins again by itself; hostapd killed (SIGKILL, no deauthentication): the loss is
// noticed by mac80211's beacon loss and announced. Judged by the events on the bus,
// `iw dev <sta> link` and traffic to the AP.
import { afterEach, describe, expect, it } from 'vitest';
import { loadHwsim, unloadHwsim } from './lib/hwsim.js';
import { createNetns, movePhyToNetns } from './lib/netns.js';
import { pollUntil, run, tryRun } from './lib/exec.js';
import { startHostapd, type ConfValues, type Peer } from './lib/peers.js';
import { WifidWorld } from './wifid-world.js';
import { listenStaEvents, staStatus } from './sta-fixture.js';

const SSID = 'wifid-reconnect';
const KEY = 'correct horse battery';
const STA_IF = 'wifid-sta0';
const AP_IP = '192.168.77.1';
const STA_IP = '192.168.77.2';
const HOSTAPD: ConfValues = { driver: 'nl80211', ssid: SSID, hw_mode: 'g', channel: 6, wpa: 2, wpa_key_mgmt: 'WPA-PSK', rsn_pairwise: 'CCMP', wpa_passphrase: KEY };
// Under TCG a node start, a scan or an association takes seconds; the backoff is at most 30 s.
const JOIN_MS = 180_000;
const TEST_TIMEOUT_MS = 600_000;

afterEach(async () => {
  await unloadHwsim();
});

type Station = { state: string; connection: Record<string, unknown>; auto_connect: Record<string, unknown> };

async function pingAp(world: WifidWorld, step: string): Promise<void> {
  const ping = await tryRun(['busybox', 'ping', '-c', '3', '-W', '5', AP_IP], { timeoutMs: 40_000 });
  expect(ping.ok, `${step}: ping ${AP_IP} from ${STA_IF}\n${ping.stdout}${ping.stderr}\nwifid:\n${world.tail()}`).toBe(true);
}

describe('wifid.sta auto-connect against hostapd 2.10', () => {
  it('psk2 in UCI: joins by itself and pings; hostapd stopped: disconnected event, backing off; hostapd back: joins again by itself and pings; hostapd killed: the loss is announced', async () => {
    const [apRadio, staRadio] = await loadHwsim({ radios: 2 });
    const ns = await createNetns();
    await movePhyToNetns(apRadio!.phy, ns);
    const startAp = async (): Promise<Peer> => {
      const peer = await startHostapd(HOSTAPD, { ifname: apRadio!.ifname, netns: ns, label: `hostapd on ${apRadio!.ifname}` });
      await ns.run(['ip', 'addr', 'replace', `${AP_IP}/24`, 'dev', apRadio!.ifname]);
      return peer;
    };
    let ap = await startAp();
    const apAddr = (await ap.status())['bssid[0]'];
    const world = await WifidWorld.create([
      "config plugin 'sta_mlo'", "\toption enabled '1'", '',
      "config sta 'sta0'", `\toption phy '${staRadio!.phy}'`, `\toption ifname '${STA_IF}'`, '',
      'config sta_network', "\toption sta 'sta0'", `\toption ssid '${SSID}'`, "\toption encryption 'psk2'", `\toption key '${KEY}'`,
    ], 'wifid.sta');
    const { events, stop } = await listenStaEvents(world, ['connected', 'disconnected']);
    const connectedEvent = /"wifid\.sta\.connected": ?\{.*"sta": ?"sta0"/;
    const status = async (): Promise<Station> => (await staStatus(world, 'sta0')) as Station;
    await world.startDaemon();

    // 1. No ubus connect: the station joins the configured network by itself.
    const first = await events.waitEvent(connectedEvent, JOIN_MS);
    expect(first, `wifid.sta.connected (first)\n${events.history.join('\n')}\nwifid:\n${world.tail(100)}\nhostapd:\n${ap.tail()}`).not.toBeNull();
    expect(first).toMatch(new RegExp(`"bssid": ?"${apAddr}"`));
    let s = await status();
    expect(s.connection, 'status after joining').toMatchObject({ state: 'connected', ssid: SSID, bssid: apAddr, akm: 'WPA2-PSK' });
    expect(s.auto_connect).toMatchObject({ state: 'connected', attempts: 0, network: SSID });
    expect((await run(['iw', 'dev', STA_IF, 'link'])).stdout).toContain(`Connected to ${apAddr}`);
    await run(['ip', 'addr', 'add', `${STA_IP}/24`, 'dev', STA_IF]);
    await pingAp(world, 'after joining');

    // 2. The AP stops (SIGTERM: hostapd deauthenticates its stations on the way out).
    await ap.stop();
    const lost = await events.waitEvent(/"wifid\.sta\.disconnected": ?\{.*"sta": ?"sta0"/, 60_000);
    expect(lost, `wifid.sta.disconnected after hostapd stopped\n${events.history.join('\n')}\nwifid:\n${world.tail(60)}`).not.toBeNull();
    expect(lost).toMatch(new RegExp(`"bssid": ?"${apAddr}"`));
    // hostapd's deinit deauthenticates every station with reason 3 (leaving).
    expect(lost).toMatch(/"reason": ?3,.*"by_ap": ?true/);
    // Not connected; attempts fail (nothing in range, or the BSS the kernel still caches does not answer) and back off.
    s = await pollUntil('wifid.sta status: backing off after the loss', 90_000, async () => {
      const st = await status();
      return st.connection.state !== 'connected' && st.auto_connect.state === 'waiting' && Number(st.auto_connect.attempts) >= 1 ? st : undefined;
    }, 500);
    expect(s.auto_connect.retry_in_ms, JSON.stringify(s.auto_connect)).toEqual(expect.any(Number));
    expect(String(s.auto_connect.last_error)).not.toBe('');
    expect((await run(['iw', 'dev', STA_IF, 'link'])).stdout).toMatch(/Not connected/);

    // 3. The AP is back: the station joins again by itself.
    ap = await startAp();
    const again = await events.waitEvent(connectedEvent, JOIN_MS);
    expect(again, `wifid.sta.connected (again)\n${events.history.join('\n')}\nwifid:\n${world.tail(100)}\nhostapd:\n${ap.tail()}`).not.toBeNull();
    s = await status();
    expect(s.connection).toMatchObject({ state: 'connected', ssid: SSID, bssid: apAddr });
    expect(s.auto_connect).toMatchObject({ state: 'connected', attempts: 0 });
    expect((await run(['iw', 'dev', STA_IF, 'link'])).stdout).toContain(`Connected to ${apAddr}`);
    await pingAp(world, 'after joining again');

    // 4. The AP vanishes without a word (SIGKILL: no deauthentication): mac80211's beacon
    // loss and probe of the AP end the association, announced as a loss not sent by the AP.
    const t0 = Date.now();
    process.kill(ap.pid!, 'SIGKILL');
    const silent = await events.waitEvent(/"wifid\.sta\.disconnected": ?\{.*"sta": ?"sta0"/, 90_000);
    expect(silent, `wifid.sta.disconnected after hostapd was killed\n${events.history.join('\n')}\nwifid:\n${world.tail(60)}`).not.toBeNull();
    expect(silent).toMatch(/"by_ap": ?false/);
    console.log(`sta_reconnect: loss without deauthentication noticed after ${Date.now() - t0} ms: ${silent!}`);
    // A killed hostapd leaves its interface in AP mode: back to managed, as its own exit does.
    await ns.run(['ip', 'link', 'set', apRadio!.ifname, 'down']);
    await ns.run(['iw', 'dev', apRadio!.ifname, 'set', 'type', 'managed']);

    stop();
    await ap.stop();
    await world.stop();
  }, TEST_TIMEOUT_MS);
});
