// The OpenWrt package in the VM: the .ipk built by openwrt/build-ipk, unpacked into a
// root as opkg installs it, its bundle run on its /etc/config/wifid against the test
// broker with mac80211_hwsim radios. Every object comes up and `ubus -v list` shows
// it; a reload through the init script applies new P2P settings without a restart.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UbusBroker } from '../ubusd/broker.js';
import { REPO, ubusCli } from '../helpers/wifid-process.js';
import { ubusObjects } from '../../openwrt/acl/generate.js';
import { PLUGINS } from '../../plugins/index.js';
import { assertInVm, loadHwsim, unloadHwsim } from './lib/hwsim.js';
import { pollUntil } from './lib/exec.js';

// Software emulation is slow: building and starting take tens of seconds here.
const STEP_MS = 240_000;

let broker: UbusBroker | undefined;
let daemon: ChildProcess | undefined;
let work: string | undefined;
/** The package, built once and unpacked for each test from here. */
let ipk = '';
let buildDir = '';

beforeAll(() => {
  assertInVm();
  buildDir = mkdtempSync(join(tmpdir(), 'wifid-openwrt-ipk-'));
  execFileSync(join(REPO, 'openwrt/build-ipk'), ['--out', buildDir], { stdio: 'pipe', env: { ...process.env, SOURCE_DATE_EPOCH: '1' } });
  const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
  ipk = join(buildDir, `wifid_${version}-r1_all.ipk`);
}, STEP_MS);

afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

afterEach(async () => {
  if (daemon && daemon.exitCode === null && daemon.signalCode === null) {
    const exited = new Promise((r) => daemon!.once('exit', r));
    daemon.kill('SIGTERM');
    await exited;
  }
  daemon = undefined;
  await broker?.stop();
  broker = undefined;
  await unloadHwsim();
  if (work) rmSync(work, { recursive: true, force: true });
  work = undefined;
});

/** Unpacks the package's data into `<dir>/root`, as opkg installs it; returns the root. */
function installPackage(dir: string): string {
  const root = join(dir, 'root');
  mkdirSync(root);
  execFileSync('sh', ['-c', 'tar xzf "$1" ./data.tar.gz -O | tar xzf - -C "$2"', 'sh', ipk, root]);
  return root;
}

function startDaemon(root: string, socket: string, log: string): ChildProcess {
  const fd = openSync(log, 'w');
  // /usr/lib/node holds node-netlink on the router; here the checkout's node_modules does.
  const proc = spawn(process.execPath, [join(root, 'usr/lib/wifid/wifid.js'), '-c', join(root, 'etc/config/wifid'), '-s', socket], {
    env: { ...process.env, NODE_PATH: join(REPO, 'node_modules') }, stdio: ['ignore', 'ignore', fd],
  });
  closeSync(fd);
  return proc;
}

async function call(socket: string, object: string, method: string, args?: object): Promise<Record<string, any>> {
  const r = await ubusCli(socket, 'call', object, method, ...(args ? [JSON.stringify(args)] : []));
  if (r.code !== 0) throw new Error(`ubus call ${object} ${method}: exit ${r.code}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as Record<string, any>;
}

/** `ubus -v list` parsed: object -> method -> its signature text. */
function parseListV(text: string): Map<string, { id: string; methods: Map<string, string> }> {
  const objects = new Map<string, { id: string; methods: Map<string, string> }>();
  let current: Map<string, string> | undefined;
  for (const line of text.split('\n')) {
    const obj = /^'([^']+)' @([0-9a-f]{8})$/.exec(line);
    if (obj) { current = new Map(); objects.set(obj[1]!, { id: obj[2]!, methods: current }); continue; }
    const m = /^\t"([^"]+)":(\{.*\})$/.exec(line);
    if (m && current) current.set(m[1]!, m[2]!);
  }
  return objects;
}

/** The packaged init script's reload, procd's signalling played by the test. */
function initReload(root: string, pid: number): string {
  const harness = 'procd_running() { kill -0 "$WIFID_PID"; }\nprocd_send_signal() { echo "procd_send_signal $*"; kill -s "$3" "$WIFID_PID"; }\nstart() { echo start; }\n. "$1"\nreload_service\n';
  return execFileSync('sh', ['-e', '-c', harness, 'harness', join(root, 'etc/init.d/wifid')], { encoding: 'utf8', env: { ...process.env, WIFID_PID: String(pid) } });
}

/** The package installed into a fresh folder, a test broker, and the packaged daemon on its packaged config. */
async function startPackaged() {
  work = mkdtempSync(join(tmpdir(), 'wifid-openwrt-'));
  const root = installPackage(work);
  const socket = join(work, 'ubus.sock');
  broker = new UbusBroker({ socketPath: socket });
  await broker.start();
  const log = join(work, 'wifid.log');
  const d = startDaemon(root, socket, log);
  daemon = d;
  return { root, socket, log, d };
}

/** The packaged /etc/config/wifid turns every plugin on (mld-ap with no AP, sta-mlo with no station configured). */
const PACKAGED_PLUGINS = [{ name: 'p2p-device', state: 'running' }, { name: 'mld-ap', state: 'running' }, { name: 'sta-mlo', state: 'running' }];

describe('OpenWrt package on mac80211_hwsim', () => {
  it('openwrt_package_objects: the packaged daemon on its packaged config registers every object; ubus -v list shows each method', async () => {
    await loadHwsim({ radios: 2, mlo: true });
    const { socket, log, d } = await startPackaged();
    // The packaged file enables every plugin: each registers its objects.
    const expected = new Map(Object.entries(ubusObjects(PLUGINS)).map(([path, methods]) => [path, Object.keys(methods).sort()]));
    const objects = await pollUntil('every object registered (ubus -v list)', 120_000, async () => {
      if (d.exitCode !== null) throw new Error(`wifid exited ${d.exitCode}:\n${readFileSync(log, 'utf8')}`);
      const r = await ubusCli(socket, '-v', 'list');
      const parsed = parseListV(r.stdout);
      return [...expected.keys()].every((o) => parsed.has(o)) ? parsed : undefined;
    }, 100).catch((e: Error) => { throw new Error(`${e.message}\n${readFileSync(log, 'utf8')}`); });
    expect([...objects.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [object, methods] of expected) expect([object, [...objects.get(object)!.methods.keys()].sort()]).toEqual([object, methods]);
    expect(objects.get('wifid.p2p')!.methods.get('start')).toBe('{"phy":"String"}');
    const status = await call(socket, 'wifid', 'status');
    expect(status.nl80211).toBe('ready');
    expect(status.plugins).toEqual(PACKAGED_PLUGINS);
    expect(status.config_problems).toEqual([]); // the packaged file is clean once every plugin declared its section
  }, STEP_MS);

  it('openwrt_package_reload: new P2P settings through the init script reload apply without a restart', async () => {
    const [radio] = await loadHwsim({ radios: 1, mlo: false });
    const { root, socket, log, d } = await startPackaged();
    await pollUntil('wifid.p2p registered', 120_000, async () => ((await ubusCli(socket, 'list', 'wifid.p2p')).code === 0 ? true : undefined), 100)
      .catch((e: Error) => { throw new Error(`${e.message}\n${readFileSync(log, 'utf8')}`); });
    const idBefore = parseListV((await ubusCli(socket, '-v', 'list', 'wifid')).stdout).get('wifid')!.id;

    const first = await call(socket, 'wifid.p2p', 'start', { phy: radio!.phy });
    let listed = (await call(socket, 'wifid.p2p', 'list')).devices as { handle: number; device_name: string; listen_freq: number }[];
    expect(listed.map((x) => [x.device_name, x.listen_freq])).toEqual([['OpenWrt', 2437]]);
    await call(socket, 'wifid.p2p', 'stop', { handle: first.handle });

    const cfg = join(root, 'etc/config/wifid');
    const text = readFileSync(cfg, 'utf8');
    const changed = text.replace("option device_name 'OpenWrt'", "option device_name 'wifid test'").replace("option listen_channel '6'", "option listen_channel '11'");
    expect(changed).not.toBe(text);
    writeFileSync(cfg, changed);
    expect(initReload(root, d.pid!)).toBe('procd_send_signal wifid * HUP\n');
    await pollUntil('the reload logged', 30_000, async () => (/reloaded .*: p2p changed/.test(readFileSync(log, 'utf8')) ? true : undefined), 100);

    const second = await call(socket, 'wifid.p2p', 'start', { phy: radio!.phy });
    listed = (await call(socket, 'wifid.p2p', 'list')).devices as typeof listed;
    expect(listed.map((x) => [x.device_name, x.listen_freq])).toEqual([['wifid test', 2462]]);
    await call(socket, 'wifid.p2p', 'stop', { handle: second.handle });
    expect(d.exitCode).toBeNull();
    expect(parseListV((await ubusCli(socket, '-v', 'list', 'wifid')).stdout).get('wifid')!.id).toBe(idBefore);
    expect((await call(socket, 'wifid', 'status')).plugins).toEqual(PACKAGED_PLUGINS);
  }, STEP_MS);
});
