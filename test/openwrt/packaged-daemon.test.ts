// The packaged daemon, as opkg installs it: the .ipk's files unpacked into a root, the
// bundle run by node on the packaged /etc/config/wifid against the test ubus broker.
// Reload goes the way procd takes it: /etc/init.d/wifid reload -> reload_service ->
// procd_send_signal wifid '*' HUP, with procd's part (signalling the instance's pid)
// played by the test.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDON_FILE } from '../../core/nl80211/socket-options.js';
import { installPath } from './feed-makefile.js';

const TOP = join(import.meta.dirname, '../..');
const UBUS = join(TOP, 'test/ubusd/ubus');

let work: string;
let root: string;
let sock: string;
let broker: ChildProcess;
let daemon: ChildProcess;
let logPath = '';
const daemonLog = (): string => (logPath && existsSync(logPath) ? readFileSync(logPath, 'utf8') : '');

interface Status { version: string; uptime: number; plugins: { name: string; state: string; reason?: string }[]; config_problems: string[] }

function ubus(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(UBUS, ['-s', sock, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function status(): Status {
  const r = ubus('call', 'wifid', 'status');
  if (r.status !== 0) throw new Error(`ubus call wifid status: ${r.status} ${r.stderr}`);
  return JSON.parse(r.stdout) as Status;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    let value: T | undefined;
    try { value = probe(); } catch { value = undefined; }
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\ndaemon log:\n${daemonLog()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs the packaged init script's reload with procd.sh's functions as procd would act. */
function initReload(): string {
  const harness = `
procd_running() { kill -0 "$WIFID_PID"; }
procd_send_signal() { echo "procd_send_signal $*"; kill -s "$3" "$WIFID_PID"; }
start() { echo start; }
. "$1"
reload_service
`;
  return execFileSync('sh', ['-e', '-c', harness, 'harness', join(root, 'etc/init.d/wifid')], {
    encoding: 'utf8', env: { ...process.env, WIFID_PID: String(daemon.pid) },
  });
}

function setPluginEnabled(value: '0' | '1'): void {
  const path = join(root, 'etc/config/wifid');
  const text = readFileSync(path, 'utf8');
  const next = text.replace(/(config plugin 'p2p_device'\n(?:\s*#.*\n)*\s*option enabled )'[01]'/, `$1'${value}'`);
  expect(next).not.toBe(text);
  writeFileSync(path, next);
}

function pluginState(name: string): string | undefined {
  return status().plugins.find((p) => p.name === name)?.state;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wifid-pkg-'));
  root = join(work, 'root');
  sock = join(work, 'ubus.sock');
  mkdirSync(root);
  execFileSync(join(TOP, 'openwrt/build-ipk'), ['--out', join(work, 'out')], { stdio: 'pipe' });
  const ipk = join(work, 'out', `wifid_${JSON.parse(readFileSync(join(TOP, 'package.json'), 'utf8')).version}-r1_all.ipk`);
  execFileSync('sh', ['-c', 'tar xzf "$1" ./data.tar.gz -O | tar xzf - -C "$2"', 'sh', ipk, root]);
  // wifid-netlink-sockopt's file where the feed installs it, compiled for this host by
  // native/build (the package itself takes only the SDK's musl build).
  execFileSync(join(TOP, 'native/build'), [join(root, installPath('openwrt/feed/net/wifid/Makefile', 'wifid-netlink-sockopt', ADDON_FILE))], { stdio: 'pipe' });

  broker = spawn(join(TOP, 'test/ubusd/ubusd'), ['-s', sock], { stdio: 'ignore' });
  await until('the broker socket', () => (existsSync(sock) ? true : undefined), 60_000);
  // /usr/lib/node holds node-netlink on the router; here the checkout's node_modules does.
  logPath = join(work, 'wifid.log');
  const logFd = openSync(logPath, 'w');
  daemon = spawn('node', [join(root, 'usr/lib/wifid/wifid.js'), '-c', join(root, 'etc/config/wifid'), '-s', sock], {
    env: { ...process.env, NODE_PATH: join(TOP, 'node_modules') }, stdio: ['ignore', 'ignore', logFd],
  });
  closeSync(logFd);
  await until('wifid status', () => status());
}, 120_000);

afterAll(async () => {
  daemon?.kill('SIGTERM');
  broker?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  rmSync(work, { recursive: true, force: true });
});

describe('packaged wifid', () => {
  it('comes up on the packaged config with the version of the package and publishes wifid, listed with -v', () => {
    const s = status();
    expect(s.version).toBe(`${JSON.parse(readFileSync(join(TOP, 'package.json'), 'utf8')).version}-r1`);
    expect(s.config_problems).toEqual([]);
    const list = ubus('-v', 'list', 'wifid');
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^'wifid' @[0-9a-f]{8}\n/);
    expect(list.stdout).toMatch(/\n\t"status":\{\}\n/);
    // On this host cfg80211 is absent: the plugin waits for nl80211 (the VM test sees it run).
    expect(s.plugins).toEqual([
      { name: 'p2p-device', state: 'waiting', reason: 'nl80211 unavailable' },
      { name: 'mld-ap', state: 'waiting', reason: 'nl80211 unavailable' },
      { name: 'sta-mlo', state: 'waiting', reason: 'nl80211 unavailable' },
    ]);
  });

  it('loads netlink_sockopt.node from where the feed installs it: kernel error texts on', () => {
    // The nl80211 service got past opening its controller socket, where a missing addon is reported.
    expect(status().plugins.map((p) => p.reason)).toEqual(['nl80211 unavailable', 'nl80211 unavailable', 'nl80211 unavailable']);
    expect(daemonLog()).not.toMatch(/error texts and ACK cookies unavailable/);
  });

  it('reload re-reads UCI without a restart: a plugin disabled and enabled live, the daemon and its objects stay', async () => {
    const before = ubus('-v', 'list', 'wifid').stdout.split('\n')[0];
    const pid = daemon.pid;
    setPluginEnabled('0');
    expect(initReload()).toBe('procd_send_signal wifid * HUP\n');
    await until('p2p-device disabled', () => (pluginState('p2p-device') === 'disabled' ? true : undefined));
    setPluginEnabled('1');
    initReload();
    await until('p2p-device enabled again', () => (pluginState('p2p-device') === 'waiting' ? true : undefined));
    expect(daemon.exitCode).toBeNull();
    expect(daemon.pid).toBe(pid);
    expect(ubus('-v', 'list', 'wifid').stdout.split('\n')[0]).toBe(before); // same object id: never re-registered
    expect(daemonLog()).toMatch(/notice: wifid\/config: reloaded .*etc\/config\/wifid: p2p_device changed\n/);
  }, 60_000);

  it('a reload with a broken line (one libuci refuses) keeps the daemon up and the configuration in force, and reports file and line', async () => {
    const path = join(root, 'etc/config/wifid');
    const good = readFileSync(path, 'utf8');
    const lines = good.split('\n').length;
    writeFileSync(path, `${good}config plugin 'bad-name'\n\toption enabled 1\n`);
    initReload();
    const problems = await until('the problem reported', () => {
      const p = status().config_problems;
      return p.some((l) => l.includes(`wifid:${lines}: invalid character in name field ('bad-name'`)) ? p : undefined;
    });
    expect(problems.length).toBeGreaterThan(0);
    expect(pluginState('p2p-device')).toBe('waiting');
    expect(daemon.exitCode).toBeNull();
    writeFileSync(path, good);
    initReload();
    await until('the problem gone', () => (status().config_problems.every((l) => !l.includes('bad-name')) ? true : undefined));
  }, 60_000);
});
