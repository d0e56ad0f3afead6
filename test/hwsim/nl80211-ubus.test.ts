// The nl80211 inventory through ubus: the shipped daemon bundle against the test broker,
// in the VM, started before mac80211_hwsim and cfg80211 are loaded.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UbusBroker } from '../ubusd/broker.js';
import { REPO, spawnWifid, ubusCli, type WifidProcess } from '../helpers/wifid-process.js';
import { assertInVm, loadHwsim, unloadHwsim } from './lib/hwsim.js';
import { parseIwDev } from './lib/iw-dev.js';
import { pollUntil, run, tryRun } from './lib/exec.js';

let broker: UbusBroker | undefined;
let daemon: WifidProcess | undefined;

afterEach(async () => {
  if (daemon && daemon.proc.exitCode === null && daemon.proc.signalCode === null) {
    daemon.proc.kill('SIGTERM');
    await daemon.exited;
  }
  daemon = undefined;
  await broker?.stop();
  broker = undefined;
  await unloadHwsim();
});

async function call(socket: string, method: string, args?: object): Promise<Record<string, unknown>> {
  const r = await ubusCli(socket, 'call', 'wifid', method, ...(args ? [JSON.stringify(args)] : []));
  if (r.code !== 0) throw new Error(`ubus call wifid ${method}: exit ${r.code}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('wifid ubus object on mac80211_hwsim', () => {
  it('nl80211_ubus_radios_appear: wifid started before the modules serves ubus at once, then shows the radios, MLO and interfaces, and announces interface events', async () => {
    assertInVm();
    await tryRun(['modprobe', '-r', 'mac80211_hwsim', 'mac80211', 'cfg80211']);
    expect(existsSync('/sys/module/mac80211_hwsim'), 'mac80211_hwsim loaded before the test').toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'wifid-nl80211-'));
    const socket = join(dir, 'ubus.sock');
    broker = new UbusBroker({ socketPath: socket });
    await broker.start();
    writeFileSync(join(dir, 'wifid'), "config wifid 'core'\n\toption log_level 'debug'\n");
    daemon = spawnWifid(['-s', socket, '-c', join(dir, 'wifid'), '-v', '-v']);
    const d = daemon;
    const status = await pollUntil('waiting for wifid status on ubus', 60_000, async () => {
      if (d.proc.exitCode !== null) throw new Error(`wifid exited ${d.proc.exitCode}:\n${d.lines.join('\n')}`);
      const r = await ubusCli(socket, 'call', 'wifid', 'status');
      return r.code === 0 ? (JSON.parse(r.stdout) as Record<string, unknown>) : undefined;
    }, 200);
    // Before hwsim: no radios. (Asking the controller for nl80211 autoloads cfg80211, so
    // the state may already be 'ready'.)
    expect(['ready', 'unavailable']).toContain(status.nl80211);
    expect((await call(socket, 'wiphys')).wiphys).toEqual([]);

    const radios = await loadHwsim({ radios: 3, mlo: true });
    const wiphys = await pollUntil('waiting for 3 wiphys on ubus', 30_000, async () => {
      const w = (await call(socket, 'wiphys')).wiphys as { name: string; index: number; mlo: { supported: boolean }; p2p_device: boolean }[];
      return w.length === 3 ? w : undefined;
    }, 200).catch((e: Error) => { throw new Error(`${e.message}\n${d.lines.slice(-40).join('\n')}`); });
    expect(wiphys.map((w) => w.name)).toEqual(radios.map((r) => r.phy));
    expect(wiphys.every((w) => w.mlo.supported && w.p2p_device)).toBe(true);
    expect((await call(socket, 'status')).nl80211).toBe('ready');

    const ifaces = ((await call(socket, 'interfaces')).interfaces as { ifname?: string; addr: string; phy: string; iftype: string }[]);
    const iw = parseIwDev((await run(['iw', 'dev'])).stdout);
    expect(ifaces.map((i) => `${i.phy}/${i.ifname}/${i.addr}/${i.iftype}`).sort())
      .toEqual(iw.map((w) => `phy${w.phyIndex}/${w.ifname}/${w.addr}/${w.type === 'managed' ? 'station' : w.type}`).sort());
    const one = await call(socket, 'interfaces', { ifname: radios[0]!.ifname });
    expect((one.interfaces as unknown[]).length).toBe(1);
    const missing = await ubusCli(socket, 'call', 'wifid', 'wiphys', JSON.stringify({ phy: 'phy99' }));
    expect(missing.code).toBe(252); // the ubus CLI exits 256 - status; UBUS_STATUS_NOT_FOUND = 4
    expect(missing.stdout + missing.stderr).toContain('no wiphy named \\"phy99\\"');

    // Events: `ubus listen` sees an interface iw adds and deletes.
    const listener = spawn(join(REPO, 'test/ubusd/ubus'), ['-s', socket, 'listen', 'wifid.interface.add', 'wifid.interface.remove'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let heard = '';
    listener.stdout.setEncoding('utf8').on('data', (c: string) => { heard += c; });
    try {
      // The listener is ready once it hears our own probe event (node starts slowly under TCG).
      await pollUntil('waiting for `ubus listen` to register', 60_000, async () => {
        await ubusCli(socket, 'send', 'wifid.interface.remove', '{"probe":"listener"}');
        return heard.includes('listener') ? true : undefined;
      }, 500);
      await run(['iw', 'phy', radios[2]!.phy, 'interface', 'add', 'nlubus0', 'type', 'managed']);
      await pollUntil('waiting for wifid.interface.add of nlubus0', 20_000, () => (/wifid\.interface\.add[\s\S]*nlubus0/.test(heard) ? true : undefined));
      await run(['iw', 'dev', 'nlubus0', 'del']);
      await pollUntil('waiting for wifid.interface.remove of nlubus0', 20_000, () => (/wifid\.interface\.remove[\s\S]*nlubus0/.test(heard) ? true : undefined));
    } finally {
      listener.kill('SIGTERM');
      await tryRun(['iw', 'dev', 'nlubus0', 'del']);
    }
  }, 300_000);
});
