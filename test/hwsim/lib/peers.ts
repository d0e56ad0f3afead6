// Third-party peers inside the VM: Debian's hostapd and wpa_supplicant (or
// another suite's build of them, see sid.ts), each with its control
// interface: ctrl() sends a command, waitEvent() reads its events.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { registerCleanup, unregisterCleanup } from './cleanup.js';
import { EventStream, parseCliEventLine } from './event-stream.js';
import { debug, pollUntil, run } from './exec.js';
import type { Netns } from './netns.js';

export type ConfValues = Record<string, string | number>;

export interface PeerOptions {
  /** Interface the peer drives, e.g. "wlan0". */
  ifname: string;
  /** Namespace to run in (the radio must be there: movePhyToNetns). */
  netns?: Netns;
  /** argv that replaces the binary's name, e.g. sidWpaSupplicant().argv. */
  command?: readonly string[];
  /** Extra command-line arguments, e.g. ['-dd'] for debug output. */
  args?: readonly string[];
  /** Label in failure messages (defaults to the binary and the interface). */
  label?: string;
  startTimeoutMs?: number;
}

export interface HostapdOptions extends PeerOptions {
  /** Wait until STATUS says state=ENABLED (default true). */
  waitEnabled?: boolean;
}

export interface WpaSupplicantOptions extends PeerOptions {
  /** network={...} blocks, values verbatim as in the file (quote strings: '"my-ssid"'). */
  networks?: readonly ConfValues[];
  /** -D driver (default nl80211). */
  driver?: string;
}

type Tool = 'hostapd' | 'wpa_supplicant';
const CLI: Record<Tool, string> = { hostapd: 'hostapd_cli', wpa_supplicant: 'wpa_cli' };

function renderConf(conf: string | ConfValues): string {
  if (typeof conf === 'string') return conf.endsWith('\n') ? conf : `${conf}\n`;
  return Object.entries(conf)
    .map(([k, v]) => `${k}=${v}\n`)
    .join('');
}

function renderNetwork(n: ConfValues): string {
  const body = Object.entries(n)
    .map(([k, v]) => `\t${k}=${v}\n`)
    .join('');
  return `network={\n${body}}\n`;
}

/** A running hostapd or wpa_supplicant with an attached control-interface monitor. */
export class Peer {
  /** The daemon's stdout and stderr, line by line. */
  readonly output: string[] = [];
  /** Control-interface events ("CTRL-EVENT-CONNECTED - ...", "AP-STA-CONNECTED ..."), level prefix removed. */
  readonly events = new EventStream(parseCliEventLine);
  readonly exited: Promise<number | null>;
  private monitor: ChildProcess | null = null;
  private monitorOut = '';

  constructor(
    readonly tool: Tool,
    readonly label: string,
    readonly ifname: string,
    readonly ctrlDir: string,
    readonly netns: Netns | undefined,
    private readonly proc: ChildProcess,
  ) {
    const collect = (chunk: Buffer) => {
      for (const l of chunk.toString('utf8').split('\n')) if (l) this.output.push(l);
    };
    proc.stdout!.on('data', collect);
    proc.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  /**
   * Sends a control command verbatim (as `wpa_cli raw CMD`) and resolves with
   * the reply, trimmed ("OK", "FAIL", STATUS lines...). `ifname` selects another
   * control interface of the same daemon, e.g. "p2p-dev-wlan0".
   */
  async ctrl(cmd: string, opts: { ifname?: string; timeoutMs?: number } = {}): Promise<string> {
    const argv = [CLI[this.tool], '-p', this.ctrlDir, '-i', opts.ifname ?? this.ifname, 'raw', ...cmd.split(' ')];
    const r = await run(argv, { timeoutMs: opts.timeoutMs ?? 10_000 });
    return r.stdout.trim();
  }

  /** Resolves with the first event matching `pattern`, or null after timeoutMs. */
  waitEvent(pattern: RegExp, timeoutMs: number): Promise<string | null> {
    return this.events.waitEvent(pattern, timeoutMs);
  }

  /** `STATUS` as a key/value map. */
  async status(opts: { ifname?: string } = {}): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const line of (await this.ctrl('STATUS', opts)).split('\n')) {
      const i = line.indexOf('=');
      if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
    }
    return out;
  }

  /** The daemon's recent output, for failure messages. */
  tail(lines = 40): string {
    return this.output.slice(-lines).join('\n');
  }

  async attachMonitor(timeoutMs: number): Promise<void> {
    // stdbuf: hostapd_cli does not flush its events when stdout is a pipe.
    const mon = spawn('stdbuf', ['-oL', CLI[this.tool], '-p', this.ctrlDir, '-i', this.ifname], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.monitor = mon;
    mon.stdout!.on('data', (chunk: Buffer) => {
      this.monitorOut += chunk.toString('utf8');
    });
    this.events.feedFrom(mon.stdout!);
    this.events.onEvent = (ev) => debug(`${this.label}: event ${ev}`);
    // The CLI attaches before reading commands: its PONG proves events flow.
    mon.stdin!.write('ping\n');
    await pollUntil(`${this.label}: attaching ${CLI[this.tool]} to ${this.ifname}`, timeoutMs, () =>
      /PONG/.test(this.monitorOut) ? true : undefined,
    );
  }

  /** Stops the daemon (SIGTERM, then SIGKILL after 5 s) and its monitor. */
  async stop(): Promise<void> {
    unregisterCleanup(this);
    debug(`stop ${this.label}`);
    if (this.monitor && this.monitor.exitCode === null) {
      this.monitor.stdin!.end();
      this.monitor.kill('SIGTERM');
    }
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      this.proc.kill('SIGTERM');
      const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}

async function startPeer(tool: Tool, confText: string, opts: PeerOptions, argsFor: (conf: string) => string[]): Promise<Peer> {
  const dir = await mkdtemp(`/tmp/hwsim-${tool}-`);
  const ctrlDir = join(dir, 'ctrl');
  const confPath = join(dir, `${tool}.conf`);
  await writeFile(confPath, `ctrl_interface=${ctrlDir}\n${confText}`);
  const base = opts.command ?? [tool];
  let argv = [...base, ...argsFor(confPath), ...(opts.args ?? [])];
  if (opts.netns) argv = ['ip', 'netns', 'exec', opts.netns.name, ...argv];
  const label = opts.label ?? `${tool} on ${opts.ifname}${opts.netns ? ` (netns ${opts.netns.name})` : ''}`;
  debug(`start ${label}: ${argv.join(' ')}`);
  const proc = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  const peer = new Peer(tool, label, opts.ifname, ctrlDir, opts.netns, proc);
  registerCleanup(peer, label, () => peer.stop());
  const timeoutMs = opts.startTimeoutMs ?? 15_000;
  let died = false;
  void peer.exited.then(() => (died = true));
  try {
    await pollUntil(`${label}: waiting for its control socket`, timeoutMs, () => {
      if (died) throw new Error(`${label} exited during start`);
      return existsSync(join(ctrlDir, opts.ifname)) ? true : undefined;
    });
    debug(`${label}: control socket up`);
    await peer.attachMonitor(timeoutMs);
    debug(`${label}: monitor attached`);
  } catch (e) {
    await peer.stop();
    throw new Error(`${(e as Error).message}\n--- ${label} output ---\n${peer.tail()}`);
  }
  return peer;
}

/** Starts hostapd with `conf` (file text or key/value map; interface= is set from opts.ifname). */
export async function startHostapd(conf: string | ConfValues, opts: HostapdOptions): Promise<Peer> {
  const text = `interface=${opts.ifname}\n${renderConf(conf)}`;
  const peer = await startPeer('hostapd', text, opts, (c) => [c]);
  if (opts.waitEnabled ?? true) {
    try {
      await pollUntil(`${peer.label}: waiting for state=ENABLED`, opts.startTimeoutMs ?? 15_000, async () =>
        (await peer.status()).state === 'ENABLED' ? true : undefined,
      );
    } catch (e) {
      await peer.stop();
      throw new Error(`${(e as Error).message}\n--- ${peer.label} output ---\n${peer.tail()}`);
    }
  }
  return peer;
}

/**
 * Starts wpa_supplicant on opts.ifname with `conf` (global settings) and
 * opts.networks. The networks are written disabled and enabled once the event
 * monitor is attached, so that no event of the connection is missed (a
 * network with its own `disabled` key is left as it is).
 */
export async function startWpaSupplicant(conf: string | ConfValues, opts: WpaSupplicantOptions): Promise<Peer> {
  const networks = opts.networks ?? [];
  const text = renderConf(conf) + networks.map((n) => renderNetwork('disabled' in n ? n : { ...n, disabled: 1 })).join('');
  const peer = await startPeer('wpa_supplicant', text, opts, (c) => ['-i', opts.ifname, '-c', c, '-D', opts.driver ?? 'nl80211']);
  for (const [id, n] of networks.entries()) {
    if ('disabled' in n) continue;
    const reply = await peer.ctrl(`ENABLE_NETWORK ${id}`);
    if (reply !== 'OK') {
      await peer.stop();
      throw new Error(`${peer.label}: ENABLE_NETWORK ${id} answered ${reply}\n${peer.tail()}`);
    }
  }
  return peer;
}
