// The wifid daemon as a separate process in the VM (so SIGKILL can be tested), with the
// test ubus broker on a fresh socket, its UCI file, and the ubus CLI against that broker.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UbusBroker } from '../ubusd/broker.js';
import { registerCleanup, unregisterCleanup } from './lib/cleanup.js';
import { pollUntil, run } from './lib/exec.js';

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

export class WifidWorld {
  readonly daemonOutput: string[] = [];
  private daemon: ChildProcess | null = null;

  protected constructor(readonly dir: string, readonly socket: string, private readonly broker: UbusBroker, readonly object: string) {}

  /** A broker on a fresh socket and the UCI file `config` (lines); `object` is the plugin's ubus object. */
  static async create(config: readonly string[], object: string): Promise<WifidWorld> {
    const dir = await mkdtemp('/tmp/hwsim-wifid-');
    const socket = join(dir, 'ubus.sock');
    const broker = new UbusBroker({ socketPath: socket });
    await broker.start();
    await writeFile(join(dir, 'wifid'), [...config, ''].join('\n'));
    const world = new WifidWorld(dir, socket, broker, object);
    registerCleanup(world, `wifid world (ubus broker, wifid, ${object})`, () => world.stop());
    return world;
  }

  /** Rewrites the UCI file (a reload then needs SIGHUP: reloadDaemon()). */
  async writeConfig(config: readonly string[]): Promise<void> {
    await writeFile(join(this.dir, 'wifid'), [...config, ''].join('\n'));
  }

  /** SIGHUP, as procd's reload sends it. */
  reloadDaemon(): void {
    this.daemon?.kill('SIGHUP');
  }

  /**
   * Starts the daemon (the bundle of core/main.ts) and waits until the plugin's object is on the bus.
   * `verbose: false` runs it at its default log level, as on a router (benchmarks); tests want -v.
   * `netns`: run it in that network namespace (its radios moved there; the broker's socket is a path, reachable from any namespace).
   */
  async startDaemon(opts: { verbose?: boolean; netns?: string } = {}): Promise<void> {
    await bundleDaemon();
    const args = [WIFID_BUNDLE, '-s', this.socket, '-c', join(this.dir, 'wifid'), ...((opts.verbose ?? true) ? ['-v'] : [])];
    // `ip netns exec` execs node: the child's pid is the daemon's, signals reach it.
    const child = opts.netns ? spawn('ip', ['netns', 'exec', opts.netns, 'node', ...args], { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn('node', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.daemon = child;
    const collect = (chunk: Buffer) => {
      for (const l of chunk.toString('utf8').split('\n')) if (l) this.daemonOutput.push(l);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    await pollUntil(`wifid: waiting for ${this.object} on the bus`, 60_000, async () => {
      if (child.exitCode !== null) throw new Error(`wifid exited ${child.exitCode}:\n${this.tail()}`);
      const r = await this.ubus(['list', this.object]);
      return r.code === 0 && r.stdout.includes(this.object) ? true : undefined;
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
    return this.ubus(['call', this.object, method, JSON.stringify(args)]);
  }
}
