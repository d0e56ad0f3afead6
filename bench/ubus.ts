// bench/ubus: round trips per second and p50/p99 latency of a wifid method called
// through the test broker (a separate process, as ubusd is), beside the floor of the same
// path with a trivial echo object, and the broker's own PING. Prints measured numbers and
// the ratio wifid/echo; and how long a client takes to be back, its objects callable,
// after ubusd restarts (the figure test/ubus/client.test.ts used to assert under 3 s).
// Asserts nothing.
//
// The wifid method is the core object's `status` (core/wifid-object.ts) as the daemon
// registers it, so policy checking, the handler and blobmsg encoding of its reply are all
// in the measured path.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { StderrLogger } from '../core/log';
import { UbusClient } from '../core/ubus/client';
import { CORE_OBJECT, coreMethods, type CoreServices } from '../core/wifid-object';

const N = Number(process.env.BENCH_N ?? 5000);
const WARMUP = Math.min(500, N);

interface Result { name: string; rps: number; p50: number; p99: number; cpuUs: number; load: string }

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/**
 * Calls each path in turn, one call of each per round (A B C A B C ...), so that the
 * machine's load, which moves during a run on a shared machine, weighs on every path
 * alike and their ratios compare like with like. Per call: wall-clock latency and this
 * process's CPU time.
 */
async function measure(paths: Array<{ name: string; once: () => Promise<unknown> }>): Promise<Result[]> {
  for (let i = 0; i < WARMUP; i++) for (const p of paths) await p.once();
  const lat = paths.map(() => new Array<number>(N));
  const cpu = paths.map(() => 0);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < paths.length; k++) {
      const c0 = process.cpuUsage();
      const s = performance.now();
      await paths[k]!.once();
      lat[k]![i] = performance.now() - s;
      const c = process.cpuUsage(c0);
      cpu[k]! += c.user + c.system;
    }
  }
  const load = loadavg()[0]!.toFixed(2);
  return paths.map((p, k) => {
    const sorted = lat[k]!.sort((a, b) => a - b);
    const total = sorted.reduce((a, b) => a + b, 0);
    return { name: p.name, rps: (N * 1000) / total, p50: percentile(sorted, 50), p99: percentile(sorted, 99), cpuUs: cpu[k]! / N, load };
  });
}

async function waitConnect(c: UbusClient): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try { await c.connect(); return; } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function startBroker(bin: string, socketPath: string): ChildProcess {
  rmSync(socketPath, { force: true });
  return spawn(bin, ['-s', socketPath], { stdio: ['ignore', 'inherit', 'inherit'] });
}

async function stopBroker(broker: ChildProcess): Promise<void> {
  if (broker.exitCode !== null || broker.signalCode !== null) return;
  await new Promise<void>((resolve) => { broker.once('exit', () => resolve()); broker.kill('SIGTERM'); });
}

const RECONNECT_RUNS = 10;

/**
 * Milliseconds from ubusd's exit to an object of a reconnecting client being callable
 * through a fresh broker, once per run; the broker is replaced each time.
 */
async function measureReconnect(bin: string, socketPath: string, broker: ChildProcess, log: StderrLogger): Promise<{ ms: number[]; broker: ChildProcess }> {
  const server = new UbusClient(socketPath, log, { reconnectDelayMs: 50 });
  await waitConnect(server);
  await server.addObject('bench.back', { echo: { handler: () => ({}) } });
  const ms: number[] = [];
  try {
    for (let run = 0; run < RECONNECT_RUNS; run++) {
      await stopBroker(broker);
      const t0 = performance.now();
      broker = startBroker(bin, socketPath);
      const caller = new UbusClient(socketPath, log, { reconnect: false });
      await waitConnect(caller);
      for (;;) {
        const back = await caller.call('bench.back', 'echo').then(() => true, () => false);
        if (back) break;
        if (performance.now() - t0 > 20_000) throw new Error('bench.back not back within 20 s of the restart');
        await new Promise((r) => setTimeout(r, 5));
      }
      ms.push(performance.now() - t0);
      await caller.close();
    }
  } finally {
    await server.close();
  }
  return { ms, broker };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ubus-'));
  const socketPath = join(dir, 'ubus.sock');
  // UBUSD=/path/to/ubusd measures through another broker (OpenWrt's own ubusd).
  const brokerBin = process.env.UBUSD ?? join(__dirname, '..', '..', 'test', 'ubusd', 'ubusd');
  let broker = startBroker(brokerBin, socketPath);
  const log = new StderrLogger('warn', 'bench');
  const server = new UbusClient(socketPath, log, { reconnect: false });
  const caller = new UbusClient(socketPath, log, { reconnect: false });
  try {
    await waitConnect(server);
    await waitConnect(caller);
    await server.addObject('echo', { echo: { handler: () => ({}) } });
    // The core object as the daemon registers it, over stand-ins for the services its
    // `status` reads (nl80211 is down on this host anyway).
    const services = {
      ubus: server,
      nl: {
        state: 'unavailable', wiphys: () => [], interfaces: () => [], wiphy: () => undefined, onChange: () => () => {},
        scanDumpStats: () => ({ inWorker: 0, inMainThread: 0, threadsStarted: 0, threadRunning: false }),
      },
      txq: { snapshot: () => [] },
      host: {
        status: () => [
          { name: 'mld-ap', state: 'running' },
          { name: 'sta-mlo', state: 'running' },
          { name: 'smd-roaming', state: 'waiting', reason: 'nl80211 unavailable' },
          { name: 'p2p-device', state: 'running' },
        ],
      },
      log,
      startedAt: performance.now(),
      configProblems: () => [],
      configRefused: () => [],
    } as unknown as CoreServices;
    await server.addObject(CORE_OBJECT, coreMethods(services));
    const results = await measure([
      { name: 'broker PING (ubusd floor)', once: () => caller.ping() },
      { name: 'echo object (call floor)', once: () => caller.call('echo', 'echo') },
      { name: 'wifid status', once: () => caller.call(CORE_OBJECT, 'status') },
    ]);
    console.log(`ubus round trips through ${process.env.UBUSD ? process.env.UBUSD : 'the test broker'}, ${N} sequential calls each (after ${WARMUP} warm-up), the paths interleaved call by call, node ${process.version}`);
    console.log('| path | calls/s | p50 ms | p99 ms | client+server CPU µs/call | load (1 min) |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const r of results) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} | ${r.cpuUs.toFixed(1)} | ${r.load} |`);
    const [, echo, wifid] = results as [Result, Result, Result];
    console.log(`ratio wifid/echo: throughput ${(wifid.rps / echo.rps).toFixed(2)}, p50 ${(wifid.p50 / echo.p50).toFixed(2)}, p99 ${(wifid.p99 / echo.p99).toFixed(2)} (goal p50 <= 1.15; load ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    console.log(`ratio wifid/echo CPU per call: ${(wifid.cpuUs / echo.cpuUs).toFixed(2)}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
    await caller.close();
    await server.close();
    const reconnect = await measureReconnect(brokerBin, socketPath, broker, log);
    broker = reconnect.broker;
    const sorted = [...reconnect.ms].sort((a, b) => a - b);
    console.log(`back after a ubusd restart (${RECONNECT_RUNS} restarts, first retry after 50 ms): min ${sorted[0]!.toFixed(0)} ms, median ${percentile(sorted, 50).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms (load ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    console.log('(a call is one INVOKE round trip caller -> broker -> object -> broker -> caller, the object id cached after the first LOOKUP; PING is caller -> broker -> caller; the CPU column is this process, caller and object together, without the broker; wall-clock figures move with the load of the machine, the CPU column less)');
  } finally {
    await caller.close();
    await server.close();
    await stopBroker(broker);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
