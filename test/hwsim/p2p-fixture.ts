// What the p2p-device hwsim tests share: the test ubus broker, the wifid daemon as a
// separate process (so SIGKILL can be tested), the ubus CLI, and a
// wpa_supplicant P2P peer with a monitor on its P2P-Device control interface.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EventStream } from './lib/event-stream.js';
import { registerCleanup, unregisterCleanup } from './lib/cleanup.js';
import { pollUntil, run, tryRun } from './lib/exec.js';
import { startWpaSupplicant, type Peer } from './lib/peers.js';
import { parseIwDev, type WdevInfo } from './lib/iw-dev.js';
import { WifidWorld } from './wifid-world.js';

export type { UbusResult } from './wifid-world.js';
export type P2pWorld = WifidWorld;

export const P2pWorld = {
  /** A broker on a fresh socket and the UCI file `config p2p` with `deviceName`. */
  create(deviceName: string, listenChannel = 6): Promise<WifidWorld> {
    return WifidWorld.create([
      "config plugin 'p2p_device'", "\toption enabled '1'", '',
      "config p2p 'p2p'", `\toption device_name '${deviceName}'`, "\toption device_type '6-0050F204-1'", `\toption listen_channel '${listenChannel}'`,
    ], 'wifid.p2p');
  },
};

/** wpa_supplicant as a P2P peer on `ifname`, with a monitor on its P2P-Device interface. */
export async function startP2pPeer(ifname: string, deviceName: string): Promise<{ peer: Peer; p2pEvents: EventStream; p2pIfname: string; stop(): Promise<void> }> {
  const peer = await startWpaSupplicant({
    device_name: deviceName,
    device_type: '1-0050F204-1',
    p2p_listen_reg_class: 81,
    p2p_listen_channel: 1,
    p2p_oper_reg_class: 81,
    p2p_oper_channel: 1,
  }, { ifname });
  const p2pIfname = `p2p-dev-${ifname}`;
  await pollUntil(`wpa_supplicant on ${ifname}: waiting for its ${p2pIfname} control socket`, 15_000, () =>
    existsSync(join(peer.ctrlDir, p2pIfname)) ? true : undefined);
  const p2pEvents = new EventStream((line) => {
    const m = /<\d>(.*)$/.exec(line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, ''));
    return m ? m[1]!.trimEnd() : undefined;
  });
  const mon = spawn('wpa_cli', ['-p', peer.ctrlDir, '-i', p2pIfname], { stdio: ['pipe', 'pipe', 'pipe'] });
  p2pEvents.feedFrom(mon.stdout!);
  let out = '';
  mon.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  mon.stdin!.write('ping\n');
  await pollUntil(`wpa_cli monitor on ${p2pIfname}`, 10_000, () => (/PONG/.test(out) ? true : undefined));
  const stop = async () => {
    unregisterCleanup(mon);
    if (mon.exitCode === null) {
      mon.stdin!.end();
      mon.kill('SIGTERM');
    }
    await peer.stop();
  };
  registerCleanup(mon, `wpa_cli monitor on ${p2pIfname}`, async () => {
    if (mon.exitCode === null) mon.kill('SIGTERM');
  });
  return { peer, p2pEvents, p2pIfname, stop };
}

/** P2P-Device wdevs on wiphy `phyIndex`, as `iw dev` lists them: [{ wdev: "0x2", addr }]. */
export async function p2pWdevsOn(phyIndex: number): Promise<WdevInfo[]> {
  return parseIwDev((await run(['iw', 'dev'])).stdout).filter((w) => w.phyIndex === phyIndex && w.type === 'P2P-device');
}

export { tryRun };
