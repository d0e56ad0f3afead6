// bench/package: the footprint of the OpenWrt package, measured in one run: bundle and
// .ipk sizes; time from exec of the packaged daemon (every plugin enabled, the packaged
// config) to its `ready` line and to each of its ubus objects being registered, beside a
// bare node's start; its idle RSS, and that of the core alone (no plugin section), beside
// a bare node process's (the ratio is the daemon's cost). Idle RSS is read twice: after
// BENCH_IDLE_MS (5 s) and after BENCH_SETTLED_MS (15 s), when V8's memory reducer (about
// 8 s after the last start-up GC) has given start-up's garbage back: the daemon's
// lasting footprint. The daemon runs as the init script starts it (no node flags), with
// wifid-netlink-sockopt (a dependency of the wifid package) installed where the feed puts
// it, compiled for this host by native/build as the packaged-daemon test does.
// In the VM (WIFID_IN_VM=1) it loads mac80211_hwsim first so every plugin's object comes
// up; on a host without cfg80211 only `wifid` does. Asserts nothing.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { StderrLogger } from '../core/log';
import { ADDON_FILE } from '../core/native-addon';
import { UbusClient } from '../core/ubus/client';

const REPO = resolve(__dirname, '../..');
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 5000);
const SETTLED_MS = Math.max(IDLE_MS, Number(process.env.BENCH_SETTLED_MS ?? 15000));
const inVm = process.env.WIFID_IN_VM === '1';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (performance.now() > end) throw new Error(`bench/package: timed out waiting for ${what}`);
    await sleep(10);
  }
}

const load = (): string => `load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;

interface Started { child: ChildProcess; readyMs: number; readyLine: string; seen: Map<string, number> }

/** Starts the packaged daemon and waits for its `ready` line and its objects. */
async function startDaemon(client: UbusClient, bundle: string, config: string, socket: string, expected: string[], children: ChildProcess[]): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [bundle, '-c', config, '-s', socket], {
    env: { ...process.env, NODE_PATH: join(REPO, 'node_modules') }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let readyMs = NaN;
  let readyLine = '';
  let buffered = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => {
    buffered += s;
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (!readyLine && / ready in \d+ ms/.test(line)) { readyMs = performance.now() - t0; readyLine = line; }
    }
  });
  const seen = new Map<string, number>();
  await until('every object and the ready line', async () => {
    const objects = await client.lookup();
    for (const o of objects) if (!seen.has(o.path)) seen.set(o.path, performance.now() - t0);
    return readyLine && expected.every((p) => seen.has(p)) ? true : undefined;
  }, 120_000);
  return { child, readyMs, readyLine, seen };
}

/** RSS of each pid at `idle` and at `settled` ms from now. */
async function rssAt(pids: number[], idle: number, settled: number): Promise<{ idle: number[]; settled: number[] }> {
  await sleep(idle);
  const first = pids.map(rssKb);
  await sleep(settled - idle);
  return { idle: first, settled: pids.map(rssKb) };
}

const mb = (kb: number): string => (kb / 1024).toFixed(1);

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'wifid-bench-package-'));
  const children: ChildProcess[] = [];
  try {
    const out = join(work, 'out');
    execFileSync(join(REPO, 'openwrt/build-ipk'), ['--out', out], { stdio: 'pipe' });
    const ipk = join(out, execFileSync('sh', ['-c', 'ls "$1" | grep "^wifid_.*_all.ipk$"', 'sh', out], { encoding: 'utf8' }).trim());
    const root = join(work, 'root');
    mkdirSync(root);
    execFileSync('sh', ['-c', 'tar xzf "$1" ./data.tar.gz -O | tar xzf - -C "$2"', 'sh', ipk, root]);
    const bundle = join(root, 'usr/lib/wifid/wifid.js');
    const control = execFileSync('sh', ['-c', 'tar xzf "$1" ./control.tar.gz -O | tar xzf - -O ./control', 'sh', ipk], { encoding: 'utf8' });
    execFileSync(join(REPO, 'native/build'), [join(root, 'usr/lib/wifid', ADDON_FILE)], { stdio: 'pipe' });
    const installed = Number(/^Installed-Size: (\d+)$/m.exec(control)?.[1]);
    // The core alone: the packaged config without its plugin sections (plugins stay off).
    const coreConfig = join(work, 'core-only');
    writeFileSync(coreConfig, "config wifid 'core'\n\toption log_level 'info'\n");

    let radios = 0;
    if (inVm) {
      execFileSync('modprobe', ['mac80211_hwsim', 'radios=2', 'mlo=1']);
      radios = 2;
    }
    const socket = join(work, 'ubus.sock');
    const broker = spawn(join(REPO, 'test/ubusd/ubusd'), ['-s', socket], { stdio: 'ignore' });
    children.push(broker);
    // The socket file appears at bind(), before the broker listens: connect until it answers.
    await until('the broker', async () => (existsSync(socket) ? true : undefined), 60_000);
    const client = new UbusClient(socket, new StderrLogger('error', 'bench'));
    await until('the broker to accept', async () => { await client.connect(); return true; }, 60_000);

    console.log(`bench/package: ${inVm ? `in the VM, ${radios} hwsim radios` : 'on the host (no cfg80211: plugin objects wait)'}, ` +
      `${cpus().length} cores, ${load()}, node ${process.version}`);
    console.log(`bundle ${statSync(bundle).size} bytes (limit 409600: ${(statSync(bundle).size / 409600).toFixed(2)} of it), its @noble file ${statSync(join(root, 'usr/lib/wifid/wifid-noble.js')).size} bytes (loaded with the first SAE AP)`);
    console.log(`ipk ${statSync(ipk).size} bytes, installed ${installed} bytes (${ipk.split('/').pop()})`);

    // The floor: node starting and exiting with nothing to do, on this same machine; its
    // CPU time is what it reports at the end of its script.
    const floorStart = performance.now();
    const floorCpu = JSON.parse(execFileSync(process.execPath, ['-e', 'const u = process.cpuUsage(); process.stdout.write(JSON.stringify(u.user + u.system))'], { encoding: 'utf8' })) as number;
    const nodeFloorMs = performance.now() - floorStart;
    const floorLoad = load();

    const expected = inVm ? ['wifid', 'wifid.p2p', 'wifid.ap'] : ['wifid'];
    const all = await startDaemon(client, bundle, join(root, 'etc/config/wifid'), socket, expected, children);
    const startLoad = load();
    for (const p of expected) console.log(`start -> ${p} registered: ${all.seen.get(p)!.toFixed(0)} ms (${startLoad})`);
    const allMs = Math.max(...expected.map((p) => all.seen.get(p)!));
    console.log(`start -> all objects registered: ${allMs.toFixed(0)} ms; bare node start+exit ${nodeFloorMs.toFixed(0)} ms, ratio ${(allMs / nodeFloorMs).toFixed(1)} (${startLoad})`);
    const inside = / ready in (\d+) ms \((\d+) ms after exec, (\d+) ms CPU/.exec(all.readyLine);
    console.log(`start -> ready line, every plugin enabled: ${all.readyMs.toFixed(0)} ms after exec as seen here` +
      (inside ? `, ${inside[2]} ms by the daemon's clock (${inside[3]} ms CPU)` : '') +
      `; bare node start+exit ${nodeFloorMs.toFixed(0)} ms (${(floorCpu / 1000).toFixed(0)} ms CPU), ratio ${(all.readyMs / nodeFloorMs).toFixed(1)} (${startLoad}; floor measured at ${floorLoad})`);
    const allRss = await rssAt([all.child.pid!], IDLE_MS, SETTLED_MS);
    const allLoad = load();
    all.child.kill('SIGTERM');
    await new Promise((r) => all.child.once('exit', r));

    const core = await startDaemon(client, bundle, coreConfig, socket, ['wifid'], children);
    const bare = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
    children.push(bare);
    const rss = await rssAt([core.child.pid!, bare.pid!], IDLE_MS, SETTLED_MS);
    const coreLoad = load();
    await client.close();

    const [bareIdle, bareSettled] = [rss.idle[1]!, rss.settled[1]!];
    console.log(`idle RSS after ${IDLE_MS} ms: wifid ${mb(allRss.idle[0]!)} MB, bare node ${mb(bareIdle)} MB, ratio ${(allRss.idle[0]! / bareIdle).toFixed(2)} (every plugin enabled; ${allLoad})`);
    console.log(`idle RSS after ${SETTLED_MS} ms: wifid ${mb(allRss.settled[0]!)} MB, bare node ${mb(bareSettled)} MB, ratio ${(allRss.settled[0]! / bareSettled).toFixed(2)} (every plugin enabled; ${allLoad})`);
    console.log(`idle RSS after ${IDLE_MS} ms: wifid ${mb(rss.idle[0]!)} MB, bare node ${mb(bareIdle)} MB, ratio ${(rss.idle[0]! / bareIdle).toFixed(2)} (the core alone; ${coreLoad})`);
    console.log(`idle RSS after ${SETTLED_MS} ms: wifid ${mb(rss.settled[0]!)} MB, bare node ${mb(bareSettled)} MB, ratio ${(rss.settled[0]! / bareSettled).toFixed(2)} (the core alone; ${coreLoad})`);
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await sleep(300);
    if (inVm) { try { execFileSync('modprobe', ['-r', 'mac80211_hwsim']); } catch { /* already gone */ } }
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
