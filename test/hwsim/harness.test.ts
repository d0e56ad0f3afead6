// The harness itself, against the real kernel: hwsim radios as asked, their
// P2P-Device and MLO capabilities, and two Debian peers associating across
// network namespaces with the frames seen on hwsim0.
import { afterEach, describe, expect, it } from 'vitest';

// Under TCG on a shared 2-core machine a peer start takes seconds: the
// multi-step tests get more than the project's default 60 s.
const PEER_TEST_MS = 180_000;
import {
  captureMonitor,
  createNetns,
  dumpWiphys,
  frameKind,
  loadHwsim,
  movePhyToNetns,
  run,
  sidWpaSupplicant,
  startHostapd,
  startWpaSupplicant,
  unloadHwsim,
  waitNl80211Event,
} from './lib/index.js';

afterEach(async () => {
  await unloadHwsim();
}, PEER_TEST_MS);

describe('harness: mac80211_hwsim in the VM', () => {
  it('the kernel reports N wiphys after loading hwsim with N radios', async () => {
    const radios = await loadHwsim({ radios: 3 });
    expect(radios.map((r) => r.ifname)).toHaveLength(3);
    const wiphys = await dumpWiphys();
    expect(wiphys.map((w) => w.name).sort()).toEqual(radios.map((r) => r.phy).sort());
    // iw agrees with the netlink dump.
    const iw = (await run(['iw', 'phy'])).stdout;
    expect(iw.match(/^Wiphy /gm) ?? []).toHaveLength(3);
  });

  it('each wiphy reports the P2P-Device interface type', async () => {
    const radios = await loadHwsim({ radios: 2 });
    const wiphys = await dumpWiphys();
    for (const r of radios) {
      const w = wiphys.find((x) => x.index === r.index);
      expect(w, `wiphy ${r.phy} missing from the GET_WIPHY dump`).toBeDefined();
      expect(w!.supportedIftypes(), `${r.phy}: supported iftypes`).toContain('P2P_DEVICE');
    }
  });

  it('an MLO-capable wiphy is reported with mlo=1, and none without it', async () => {
    const mlo = await loadHwsim({ radios: 2, mlo: true });
    for (const w of await dumpWiphys()) {
      expect(w.has('MLO_SUPPORT'), `phy ${w.name} (mlo=1): NL80211_ATTR_MLO_SUPPORT`).toBe(true);
    }
    expect(mlo).toHaveLength(2);
    await unloadHwsim();
    await loadHwsim({ radios: 1, mlo: false });
    const [w] = await dumpWiphys();
    expect(w!.has('MLO_SUPPORT'), `phy ${w!.name} (mlo=0): NL80211_ATTR_MLO_SUPPORT`).toBe(false);
  });

  it('a new interface is announced by an nl80211 NEW_INTERFACE event', async () => {
    const [r] = await loadHwsim({ radios: 1 });
    const ev = await waitNl80211Event(
      `${r!.phy}: adding mon0`,
      () => run(['iw', 'phy', r!.phy, 'interface', 'add', 'mon0', 'type', 'monitor']),
      { cmd: 'NEW_INTERFACE', wiphy: r!.index },
      5_000,
    );
    expect(ev.attrs.get(4 /* NL80211_ATTR_IFNAME */)?.[0]?.toString('utf8').replace(/\0+$/, '')).toBe('mon0');
    await run(['iw', 'dev', 'mon0', 'del']);
  });

  it('hostapd (open network) in one netns and wpa_supplicant in another associate', async () => {
    const [apRadio, staRadio] = await loadHwsim({ radios: 2 });
    const apNs = await createNetns('ap');
    const staNs = await createNetns('sta');
    await movePhyToNetns(apRadio!.phy, apNs);
    await movePhyToNetns(staRadio!.phy, staNs);
    const capture = await captureMonitor();

    const ap = await startHostapd(
      { driver: 'nl80211', ssid: 'wifid-open', hw_mode: 'g', channel: 1 },
      { ifname: apRadio!.ifname, netns: apNs },
    );
    const sta = await startWpaSupplicant(
      {},
      { ifname: staRadio!.ifname, netns: staNs, networks: [{ ssid: '"wifid-open"', key_mgmt: 'NONE', scan_freq: 2412 }] },
    );

    const connected = await sta.waitEvent(/^CTRL-EVENT-CONNECTED/, 30_000);
    expect(connected, `station ${staRadio!.phy}: CTRL-EVENT-CONNECTED\n${sta.tail()}`).not.toBeNull();
    expect(connected).toContain(apRadio!.addr);
    const staConnected = await ap.waitEvent(/^AP-STA-CONNECTED /, 10_000);
    expect(staConnected, `AP ${apRadio!.phy}: AP-STA-CONNECTED\n${ap.tail()}`).toBe(`AP-STA-CONNECTED ${staRadio!.addr}`);
    const status = await sta.status();
    expect(status.wpa_state).toBe('COMPLETED');
    expect(status.ssid).toBe('wifid-open');

    await sta.stop();
    await ap.stop();
    const frames = await capture.stop();
    const kinds = new Set(frames.map((f) => { const k = frameKind(f.frame); return `${k.type}/${k.subtype}`; }));
    // Management frames of an open association, as seen on the air (type 0).
    for (const [name, kind] of [['beacon', '0/8'], ['authentication', '0/11'], ['association request', '0/0'], ['association response', '0/1']]) {
      expect(kinds.has(kind!), `hwsim0: no ${name} frame captured (${frames.length} frames)`).toBe(true);
    }
  }, PEER_TEST_MS);
});

describe('harness: a peer from another Debian suite', () => {
  it("sid's wpa_supplicant 2.11 starts in the VM with its own loader and answers 802.11be commands", async () => {
    const sid = sidWpaSupplicant();
    expect(sid.version).toMatch(/^2:2\.11-/);
    const version = await run([...sid.argv, '-v']);
    expect(version.stdout).toMatch(/^wpa_supplicant v2\.11/m);

    const [radio] = await loadHwsim({ radios: 1, mlo: true });
    const sta = await startWpaSupplicant({}, { ifname: radio!.ifname, command: sid.argv, label: `sid wpa_supplicant on ${radio!.phy}` });
    expect(await sta.ctrl('PING')).toBe('PONG');
    // MLO_STATUS exists only in builds with 802.11be; unassociated, it fails.
    expect(await sta.ctrl('MLO_STATUS'), 'sid wpa_supplicant: MLO_STATUS').not.toBe('UNKNOWN COMMAND');
    await sta.stop();

    // The bookworm build, by contrast, does not know the command.
    const old = await startWpaSupplicant({}, { ifname: radio!.ifname });
    expect(await old.ctrl('MLO_STATUS')).toBe('UNKNOWN COMMAND');
  }, PEER_TEST_MS);
});
