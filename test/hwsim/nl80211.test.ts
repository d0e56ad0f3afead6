// nl80211 core against the real kernel (Linux 6.12, mac80211_hwsim) in the VM.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { AttrStream, genl } from 'netlink';
import { afterEach, describe, expect, it } from 'vitest';
import { StderrLogger } from '../../core/log.js';
import { Nl80211Error } from '../../core/nl80211/errors.js';
import { AckError, GenlChannel, openGenericNetlinkSocket } from '../../core/nl80211/genl-channel.js';
import { parseGenl } from '../../core/nl80211/message.js';
import { Nl80211Service } from '../../core/nl80211/service.js';
import type { InventoryChange } from '../../core/nl80211/inventory.js';
import { renderInterfaces, renderWiphys } from '../../core/nl80211/ubus-methods.js';
import { parseIwList } from '../nl80211/iw-list.js';
import { assertInVm, loadHwsim, unloadHwsim } from './lib/hwsim.js';
import { parseIwDev } from './lib/iw-dev.js';
import { pollUntil, run, tryRun } from './lib/exec.js';

const logLines: string[] = [];
const log = new StderrLogger('debug', 'hwsim-test', { write: (l: string) => void logLines.push(l) });
let svc: Nl80211Service | null = null;

async function startService(): Promise<Nl80211Service> {
  const s = new Nl80211Service(log);
  svc = s;
  await s.start();
  return s;
}

afterEach(async () => {
  await svc?.stop();
  svc = null;
  await unloadHwsim();
});

/**
 * Sends a MAC80211_HWSIM command (drivers/net/wireless/virtual/mac80211_hwsim.h:
 * HWSIM_CMD_NEW_RADIO = 4, HWSIM_CMD_DEL_RADIO = 5, HWSIM_ATTR_RADIO_ID = 10). NEW_RADIO
 * answers the new radio's id as a positive number in the ACK's error field.
 */
async function hwsimCommand(cmd: 4 | 5, radioId?: number): Promise<number> {
  const ch = new GenlChannel(openGenericNetlinkSocket(), { onEvent: () => undefined, onSocketError: () => undefined, onInvalid: () => undefined });
  try {
    const stream = new AttrStream();
    stream.emit(genl.formatMessage({ familyName: 'MAC80211_HWSIM' }));
    const [reply] = await ch.request(16, 3, 2, Buffer.concat(stream.bufs));
    const fam = genl.parseMessage(Buffer.from(parseGenl(reply!).attrs));
    const attr = Buffer.alloc(radioId === undefined ? 0 : 8);
    if (radioId !== undefined) {
      attr.writeUInt16LE(8, 0);
      attr.writeUInt16LE(10, 2);
      attr.writeUInt32LE(radioId, 4);
    }
    try {
      await ch.request(fam.familyId!, cmd, 1, attr);
      return 0;
    } catch (err) {
      if (err instanceof AckError && err.ack.errno < 0) return -err.ack.errno;
      throw err;
    }
  } finally {
    ch.close();
  }
}

function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  return pollUntil(what, timeoutMs, probe, 50).catch((e: Error) => {
    throw new Error(`${e.message}\nservice log (last 30 lines):\n${logLines.slice(-30).join('')}`);
  });
}

describe('nl80211 core on mac80211_hwsim', () => {
  it('nl80211_starts_before_cfg80211: serves at once, picks nl80211 up when the modules load and drops it when they go, without a restart', async () => {
    assertInVm();
    await tryRun(['modprobe', '-r', 'mac80211_hwsim', 'mac80211', 'cfg80211']);
    expect(existsSync('/sys/module/cfg80211'), 'cfg80211 still loaded before the test').toBe(false);
    const s = await startService();
    // Asking the controller for "nl80211" makes the kernel autoload cfg80211
    // (MODULE_ALIAS_GENL_FAMILY), so the service may already be ready, with no radios.
    process.stdout.write(`nl80211_starts_before_cfg80211: state after start without cfg80211: ${s.state}\n`);
    expect(s.wiphys()).toEqual([]);
    const states: string[] = [];
    s.onState((st) => states.push(st));
    await loadHwsim({ radios: 3, mlo: true });
    await waitFor('waiting for the service to see 3 wiphys', () => (s.state === 'ready' && s.wiphys().length === 3 ? true : undefined));
    // Unloading cfg80211 removes the family (CTRL_CMD_DELFAMILY): the service drops it.
    await unloadHwsim();
    await run(['modprobe', '-r', 'mac80211', 'cfg80211']);
    await waitFor('waiting for the service to notice nl80211 going away', () => (s.state === 'unavailable' ? true : undefined));
    expect(s.wiphys()).toEqual([]);
    expect(logLines.some((l) => l.includes('nl80211 family went away'))).toBe(true);
    // Loading it again announces the family (CTRL_CMD_NEWFAMILY): picked up without a restart.
    await loadHwsim({ radios: 2 });
    await waitFor('waiting for the service to see the 2 new wiphys', () => (s.state === 'ready' && s.wiphys().length === 2 ? true : undefined));
    expect(logLines.some((l) => l.includes('nl80211 family appeared'))).toBe(true);
    expect(states.slice(-2)).toEqual(['unavailable', 'ready']);
  }, 240_000);

  it('nl80211_inventory_matches_iw: wiphys and interfaces agree with iw list / iw dev field by field, MLO included', async () => {
    await loadHwsim({ radios: 3, mlo: true });
    const s = await startService();
    expect(s.state).toBe('ready');
    const iw = parseIwList((await run(['iw', 'list'])).stdout).sort((a, b) => a.index - b.index);
    const ours = s.wiphys();
    expect(ours.map((w) => [w.name, w.index])).toEqual(iw.map((w) => [w.name, w.index]));
    for (const w of ours) {
      const i = iw.find((x) => x.name === w.name)!;
      expect(w.iftypes, `${w.name} interface modes`).toEqual(i.modes);
      expect(w.softwareIftypes, `${w.name} software modes`).toEqual(i.softwareModes);
      expect(w.bands.map((b) => b.bandId), `${w.name} bands`).toEqual(i.bands.map((b) => b.band));
      for (const b of w.bands) {
        const ib = i.bands.find((x) => x.band === b.bandId)!;
        expect(b.channels.map((c) => [c.freq, c.disabled]), `${w.name} band ${b.band} channels`).toEqual(ib.freqs.map((f) => [f.freq, f.disabled]));
        for (const c of b.channels) {
          const f = ib.freqs.find((x) => x.freq === c.freq)!;
          if (f.dbm !== undefined) expect(c.maxTxPowerMbm, `${w.name} ${c.freq} MHz power`).toBe(Math.round(f.dbm * 100));
        }
      }
      expect(w.combinations.map((c) => ({ limits: c.limits, total: c.maxInterfaces, channels: c.numChannels })), `${w.name} combinations`).toEqual(i.combinations);
      // iw 5.19 prints no MLO line; hwsim with mlo=1 sets WIPHY_FLAG_SUPPORTS_MLO on every radio.
      expect(w.supportsMlo, `${w.name} MLO support`).toBe(true);
      expect(w.p2pDevice).toBe(i.modes.includes('p2p_device'));
    }
    const dev = parseIwDev((await run(['iw', 'dev'])).stdout);
    const ifaces = s.interfaces();
    const key = (x: { phy: number; ifname: string | null; wdev: string; type: string; addr: string }) => x;
    const iwTypes: Record<string, string> = { managed: 'station', AP: 'ap', 'P2P-device': 'p2p_device', monitor: 'monitor' };
    expect(ifaces.map((i) => key({ phy: i.wiphy, ifname: i.ifname ?? null, wdev: `0x${i.wdev.toString(16)}`, type: i.iftype, addr: i.addr ?? '' })).sort((a, b) => a.wdev.localeCompare(b.wdev)))
      .toEqual(dev.map((d) => key({ phy: d.phyIndex, ifname: d.ifname, wdev: d.wdev, type: iwTypes[d.type] ?? d.type, addr: d.addr })).sort((a, b) => a.wdev.localeCompare(b.wdev)));
    // The ubus renderings carry the same objects.
    expect((renderWiphys(s) as { wiphys: unknown[] }).wiphys).toHaveLength(3);
    expect((renderInterfaces(s) as { interfaces: unknown[] }).interfaces).toHaveLength(ifaces.length);
  }, 120_000);

  it('nl80211_events_track_iw: interfaces iw adds and deletes appear and go through events, DEL_RADIO removes a wiphy', async () => {
    const radios = await loadHwsim({ radios: 3 });
    const s = await startService();
    const changes: InventoryChange[] = [];
    s.onChange((c) => changes.push(c));
    const dumpsBefore = logLines.filter((l) => l.includes('resyncing')).length;
    await run(['iw', 'phy', radios[1]!.phy, 'interface', 'add', 'nltest0', 'type', 'managed']);
    const added = await waitFor('waiting for nltest0 in the inventory', () => s.iface({ ifname: 'nltest0' }));
    expect(added.wiphy).toBe(radios[1]!.index);
    expect(added.iftype).toBe('station');
    await run(['iw', 'dev', 'nltest0', 'del']);
    await waitFor('waiting for nltest0 to leave the inventory', () => (s.iface({ ifname: 'nltest0' }) ? undefined : true));
    expect(changes.map((c) => c.kind)).toEqual(['interface-added', 'interface-removed']);
    expect(logLines.filter((l) => l.includes('resyncing')).length).toBe(dumpsBefore);
    // Without mlo=1 the radios do not claim MLO.
    expect(s.wiphys().every((w) => !w.supportsMlo)).toBe(true);

    // A radio added at run time (HWSIM_CMD_NEW_RADIO) appears, and DEL_RADIO removes it:
    // the loaded radios stay as the harness expects them.
    const radioId = await hwsimCommand(4);
    expect(radioId).toBeGreaterThanOrEqual(3);
    const extra = await waitFor('waiting for the radio added at run time', () => s.wiphys().find((w) => !radios.some((r) => r.index === w.index)));
    const extraIface = await waitFor('waiting for the new radio\'s interface', () => s.interfaces().find((i) => i.wiphy === extra.index));
    await hwsimCommand(5, radioId);
    await waitFor('waiting for the deleted radio to leave the inventory', () => (s.wiphy(extra.index) ? undefined : true));
    expect(s.wiphys().map((w) => w.index)).toEqual(radios.map((r) => r.index));
    expect(s.iface({ wdev: extraIface.wdev })).toBeUndefined();
    expect(changes.slice(2).map((c) => c.kind).sort()).toEqual(['interface-added', 'interface-removed', 'wiphy-added', 'wiphy-removed']);
    // The service still answers.
    expect((await s.request('GET_WIPHY', { SPLIT_WIPHY_DUMP: true }, { dump: true })).length).toBeGreaterThan(0);
  });

  it('nl80211_mld_links: links added with ADD_LINK show in the inventory with their ids and addresses, apart from the MLD address', async () => {
    const radios = await loadHwsim({ radios: 1, mlo: true });
    const s = await startService();
    const [created] = await s.request('NEW_INTERFACE', { WIPHY: radios[0]!.index, IFNAME: 'mld0', IFTYPE: 3 /* NL80211_IFTYPE_AP */ });
    const ifindex = created!.IFINDEX!;
    await run(['ip', 'link', 'set', 'mld0', 'up']);
    await s.request('ADD_LINK', { IFINDEX: ifindex, MLO_LINK_ID: 0, MAC: '02:00:00:00:aa:00' });
    await s.request('ADD_LINK', { IFINDEX: ifindex, MLO_LINK_ID: 1, MAC: '02:00:00:00:aa:01' });
    const mld = await waitFor('waiting for both links of mld0 in the inventory', () => {
      const i = s.iface({ ifindex });
      return i && i.links.length === 2 ? i : undefined;
    });
    expect(mld.links.map((l) => [l.linkId, l.addr])).toEqual([[0, '02:00:00:00:aa:00'], [1, '02:00:00:00:aa:01']]);
    expect(mld.mldAddr).toBe(mld.addr);
    expect(mld.links.map((l) => l.addr)).not.toContain(mld.mldAddr);
    await s.request('REMOVE_LINK', { IFINDEX: ifindex, MLO_LINK_ID: 1 });
    await waitFor('waiting for link 1 to leave mld0', () => (s.iface({ ifindex })?.links.length === 1 ? true : undefined));
    await s.request('DEL_INTERFACE', { IFINDEX: ifindex });
    await waitFor('waiting for mld0 to leave the inventory', () => (s.iface({ ifindex }) ? undefined : true));
  }, 120_000);

  it('nl80211_errors: kernel refusals carry the command, errno name and the kernel\'s extended-ACK text', async () => {
    const radios = await loadHwsim({ radios: 1 });
    const s = await startService();
    const refusal = async (...args: Parameters<Nl80211Service['request']>): Promise<Nl80211Error> => {
      const err = await s.request(...args).then(() => undefined, (e: unknown) => e);
      expect(err, `${args[0]} should be refused`).toBeInstanceOf(Nl80211Error);
      return err as Nl80211Error;
    };
    const enodev = await refusal('DEL_INTERFACE', { IFINDEX: 999_999 });
    expect(enodev.code).toBe('ENODEV');
    expect(enodev.message).toMatch(/^DEL_INTERFACE: ENODEV/);
    const busy = await refusal('NEW_INTERFACE', { WIPHY: radios[0]!.index, IFNAME: radios[0]!.ifname, IFTYPE: 2 });
    // Texts the kernel sets with NL_SET_ERR_MSG: a policy refusal, cfg80211's channel
    // check, and the frame-registration clash (a second socket of ours asking again).
    const range = await refusal('NEW_INTERFACE', { WIPHY: radios[0]!.index, IFNAME: 'bad0', IFTYPE: 99 });
    expect(range.message).toMatch(/^NEW_INTERFACE: ERANGE: \S/);
    const sta = s.iface({ ifname: radios[0]!.ifname })!;
    await run(['ip', 'link', 'set', radios[0]!.ifname, 'up']);
    const channel = await refusal('REMAIN_ON_CHANNEL', { WDEV: sta.wdev, WIPHY_FREQ: 5000, DURATION: 100 });
    expect(channel.message).toMatch(/^REMAIN_ON_CHANNEL: EINVAL: .*channel/i);
    await s.request('REGISTER_FRAME', { WDEV: sta.wdev, FRAME_TYPE: 0x00d0, FRAME_MATCH: new Uint8Array([4]) }, { socket: 'high' });
    const again = await refusal('REGISTER_FRAME', { WDEV: sta.wdev, FRAME_TYPE: 0x00d0, FRAME_MATCH: new Uint8Array([4]) }, { socket: 'low' });
    expect(again.code).toBe('EALREADY');
    expect(again.extack).toMatch(/\S/);
    process.stdout.write(`nl80211_errors: ${[enodev, busy, range, channel, again].map((e) => e.message).join(' | ')}\n`);
  });

  it('nl80211_socket_owner: SIGKILL of the process that created an interface leaves nothing behind', async () => {
    const radios = await loadHwsim({ radios: 1 });
    // Inside the checkout (git-ignored .cache) so that `import 'netlink'` resolves.
    const out = join(process.cwd(), '.cache', 'nl80211-test', 'child.mjs');
    await build({
      entryPoints: ['test/nl80211/fixtures/socket-owner-child.ts'], bundle: true, platform: 'node', format: 'esm',
      target: 'node20', outfile: out, external: ['netlink'], logLevel: 'error',
      banner: { js: "import { createRequire as __cr } from 'node:module'; import { dirname as __dn } from 'node:path'; import { fileURLToPath as __fu } from 'node:url'; const require = __cr(import.meta.url); const __dirname = __dn(__fu(import.meta.url));" },
    });
    const child = spawn(process.execPath, [out, String(radios[0]!.index), 'ownertest0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // Generous: a node child's start under TCG on a loaded 2-core CI machine is slow.
    await waitFor('waiting for the child to create ownertest0', () => {
      if (/^created /m.test(stdout)) return true;
      // A child that died says why at once instead of after the test's timeout.
      if (child.exitCode !== null) throw new Error(`the child exited ${child.exitCode} before creating ownertest0`);
      return undefined;
    }, 150_000).catch((e: Error) => {
      throw new Error(`${e.message}; child stdout: ${stdout}; child stderr: ${stderr}`);
    });
    expect(stdout, 'the child prints the new interface\'s index').toMatch(/^created \d+$/m);
    expect((await readFile('/proc/net/dev', 'utf8')).includes('ownertest0')).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await waitFor('waiting for ownertest0 to vanish after SIGKILL', async () => ((await readFile('/proc/net/dev', 'utf8')).includes('ownertest0') ? undefined : true), 10_000);
  }, 240_000);
});
