// bench/package: the footprint of the OpenWrt package, measured in one run: bundle and
// .ipk sizes, time from starting the packaged daemon to each of its ubus objects being
// registered, and its idle RSS beside a bare node process's (the ratio is the daemon's
// cost). In the VM (WIFID_IN_VM=1) it loads mac80211_hwsim first so every plugin's
// object comes up; on a host without cfg80211 only `wifid` does. Asserts nothing.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { StderrLogger } from '../core/log';
import { UbusClient } from '../core/ubus/client';

const REPO = resolve(__dirname, '../..');
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 5000);
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
    const installed = Number(/^Installed-Size: (\d+)$/m.exec(control)?.[1]);

    let radios = 0;
    if (inVm) {
      execFileSync('modprobe', ['mac80211_hwsim', 'radios=2', 'mlo=1']);
      radios = 2;
    }
    const socket = join(work, 'ubus.sock');
    const broker = spawn(join(REPO, 'test/ubusd/ubusd'), ['-s', socket], { stdio: 'ignore' });
    children.push(broker);
    await until('the broker', async () => (existsSync(socket) ? true : undefined), 60_000);
    const client = new UbusClient(socket, new StderrLogger('error', 'bench'));
    await client.connect();

    const expected = inVm ? ['wifid', 'wifid.p2p'] : ['wifid'];
    const t0 = performance.now();
    const daemon = spawn(process.execPath, [bundle, '-c', join(root, 'etc/config/wifid'), '-s', socket], {
      env: { ...process.env, NODE_PATH: join(REPO, 'node_modules') }, stdio: 'ignore',
    });
    children.push(daemon);
    const seen = new Map<string, number>();
    await until('every object', async () => {
      const objects = await client.lookup();
      for (const o of objects) if (!seen.has(o.path)) seen.set(o.path, performance.now() - t0);
      return expected.every((p) => seen.has(p)) ? true : undefined;
    }, 120_000);
    await sleep(IDLE_MS);
    const daemonRss = rssKb(daemon.pid!);

    // The floor: node starting and exiting with nothing to do, on this same machine.
    const floorStart = performance.now();
    execFileSync(process.execPath, ['-e', '0']);
    const nodeFloorMs = performance.now() - floorStart;

    const bare = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
    children.push(bare);
    await sleep(IDLE_MS);
    const bareRss = rssKb(bare.pid!);
    await client.close();

    console.log(`bench/package: ${inVm ? `in the VM, ${radios} hwsim radios` : 'on the host (no cfg80211: plugin objects wait)'}, ` +
      `${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, node ${process.version}`);
    console.log(`bundle ${statSync(bundle).size} bytes (limit 307200: ${(statSync(bundle).size / 307200).toFixed(2)} of it)`);
    console.log(`ipk ${statSync(ipk).size} bytes, installed ${installed} bytes (${ipk.split('/').pop()})`);
    for (const p of expected) console.log(`start -> ${p} registered: ${seen.get(p)!.toFixed(0)} ms`);
    const all = Math.max(...expected.map((p) => seen.get(p)!));
    console.log(`start -> all objects registered: ${all.toFixed(0)} ms; bare node start+exit ${nodeFloorMs.toFixed(0)} ms, ratio ${(all / nodeFloorMs).toFixed(1)}`);
    console.log(`idle RSS after ${IDLE_MS} ms: wifid ${(daemonRss / 1024).toFixed(1)} MB, bare node ${(bareRss / 1024).toFixed(1)} MB, ratio ${(daemonRss / bareRss).toFixed(2)}`);
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
