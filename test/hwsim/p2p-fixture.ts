// What the p2p-device hwsim tests share: the test ubus broker, the wifid daemon as a
// separate process (so SIGKILL can be tested), the ubus CLI, and a
// wpa_supplicant P2P peer with a monitor on its P2P-Device control interface.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UbusBroker } from '../ubusd/broker.js';
import { registerCleanup, unregisterCleanup } from './lib/cleanup.js';
import { EventStream } from './lib/event-stream.js';
import { pollUntil, run, tryRun } from './lib/exec.js';
import { startWpaSupplicant, type Peer } from './lib/peers.js';
import { parseIwDev, type WdevInfo } from './lib/iw-dev.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const UBUS_CLI = join(ROOT, 'test/ubusd/ubus');
/** The daemon bundle the tests run (built from this checkout by build.mjs). */
const WIFID_BUNDLE = join(ROOT, '.cache/hwsim/wifid.js');
let bundled: Promise<void> | null = null;

/** Bundles core/main.ts once per test file, as `make build` does. */
function bundleDaemon(): Promise<void> {
  bundled ??= run(['env', `WIFID_BUNDLE=${WIFID_BUNDLE}`, 'node', join(ROOT, 'build.mjs')], { timeoutMs: 120_000 }).then(() => undefined);
  return bundled;
}

export interface UbusResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The reply, when the CLI printed JSON. */
  json?: Record<string, unknown>;
}

export class P2pWorld {
  readonly daemonOutput: string[] = [];
  private daemon: ChildProcess | null = null;

  private constructor(readonly dir: string, readonly socket: string, private readonly broker: UbusBroker) {}

  /** A broker on a fresh socket and the UCI file `config p2p` with `deviceName`. */
  static async create(deviceName: string, listenChannel = 6): Promise<P2pWorld> {
    const dir = await mkdtemp('/tmp/hwsim-p2p-');
    const socket = join(dir, 'ubus.sock');
    const broker = new UbusBroker({ socketPath: socket });
    await broker.start();
    await writeFile(join(dir, 'wifid'), [
      "config plugin 'p2p_device'", "\toption enabled '1'", '',
      "config p2p 'p2p'", `\toption device_name '${deviceName}'`, "\toption device_type '6-0050F204-1'", `\toption listen_channel '${listenChannel}'`, '',
    ].join('\n'));
    const world = new P2pWorld(dir, socket, broker);
    registerCleanup(world, 'p2p world (ubus broker, wifid)', () => world.stop());
    return world;
  }

  /** Starts the daemon (the bundle of core/main.ts) and waits until wifid.p2p is on the bus. */
  async startDaemon(): Promise<void> {
    await bundleDaemon();
    const child = spawn('node', [WIFID_BUNDLE, '-s', this.socket, '-c', join(this.dir, 'wifid'), '-v'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.daemon = child;
    const collect = (chunk: Buffer) => {
      for (const l of chunk.toString('utf8').split('\n')) if (l) this.daemonOutput.push(l);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    await pollUntil('wifid: waiting for wifid.p2p on the bus', 60_000, async () => {
      if (child.exitCode !== null) throw new Error(`wifid exited ${child.exitCode}:\n${this.tail()}`);
      const r = await this.ubus(['list', 'wifid.p2p']);
      return r.code === 0 && r.stdout.includes('wifid.p2p') ? true : undefined;
    }, 200);
  }

  get daemonPid(): number | undefined {
    return this.daemon?.pid;
  }

  /** SIGKILL: nothing of the daemon's runs afterwards. */
  async killDaemon(): Promise<void> {
    const child = this.daemon;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stopDaemon(): Promise<void> {
    const child = this.daemon;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    unregisterCleanup(this);
    await this.stopDaemon();
    await this.broker.stop();
  }

  tail(lines = 60): string {
    return this.daemonOutput.slice(-lines).join('\n');
  }

  /** Runs the test ubus CLI against this broker. */
  async ubus(args: readonly string[]): Promise<UbusResult> {
    return new Promise((resolvePromise) => {
      const child = spawn(UBUS_CLI, ['-s', this.socket, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (d) => (stdout += d));
      child.stderr!.on('data', (d) => (stderr += d));
      child.on('exit', (code) => {
        let json: Record<string, unknown> | undefined;
        try {
          json = stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : undefined;
        } catch {
          json = undefined;
        }
        resolvePromise({ code: code ?? -1, stdout, stderr, json });
      });
    });
  }

  call(method: string, args: Record<string, unknown> = {}): Promise<UbusResult> {
    return this.ubus(['call', 'wifid.p2p', method, JSON.stringify(args)]);
  }
}

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
