// Capturing what went on the air: mac80211_hwsim copies every frame any of
// its radios transmits to the monitor netdev hwsim0 (in the initial netns).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { registerCleanup, unregisterCleanup } from './cleanup.js';
import { pollUntil, run } from './exec.js';
import { parsePcap, type CapturedFrame } from './pcap.js';

export interface Capture {
  /** Stops tcpdump and returns every frame captured. */
  stop(): Promise<CapturedFrame[]>;
  /**
   * Records the monitor lost, measured after stop(): tcpdump's "N packets dropped by
   * kernel" (its socket's buffer overran; undefined if tcpdump did not say) and the growth
   * of the interface's rx_dropped (hwsim0's backlog overran) while it ran.
   */
  drops(): { droppedByKernel: number | undefined; rxDropped: number };
  readonly path: string;
}

/** tcpdump's "N packets dropped by kernel" line (printed when it exits), or undefined. */
export function tcpdumpKernelDrops(stderr: string): number | undefined {
  const m = /^(\d+) packets? dropped by kernel$/m.exec(stderr);
  return m ? Number(m[1]) : undefined;
}

async function rxDropped(iface: string): Promise<number> {
  return Number((await readFile(`/sys/class/net/${iface}/statistics/rx_dropped`, 'utf8')).trim());
}

/** Starts tcpdump on hwsim0 (brought up if needed); resolves once it is listening. */
export async function captureMonitor(opts: { iface?: string; timeoutMs?: number } = {}): Promise<Capture> {
  const iface = opts.iface ?? 'hwsim0';
  await run(['ip', 'link', 'set', iface, 'up']);
  const rxDroppedBefore = await rxDropped(iface);
  let rxDroppedAfter: number | undefined;
  const dir = await mkdtemp('/tmp/hwsim-capture-');
  const path = join(dir, `${iface}.pcap`);
  const proc = spawn('tcpdump', ['-i', iface, '-U', '-n', '-w', path, '--immediate-mode'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  // 'close', not 'exit': tcpdump's last words (its drop counts) are read by then.
  const exited = new Promise<void>((resolve) => proc.on('close', () => resolve()));
  let done = false;
  const stop = async (): Promise<CapturedFrame[]> => {
    unregisterCleanup(capture);
    if (!done) {
      done = true;
      proc.kill('SIGINT');
      await exited;
      rxDroppedAfter = await rxDropped(iface);
    }
    return parsePcap(await readFile(path));
  };
  const drops = () => {
    if (rxDroppedAfter === undefined) throw new Error('capture.drops(): call stop() first');
    return { droppedByKernel: tcpdumpKernelDrops(stderr), rxDropped: rxDroppedAfter - rxDroppedBefore };
  };
  const capture: Capture = { stop, drops, path };
  registerCleanup(capture, `tcpdump on ${iface}`, async () => {
    await stop();
  });
  await pollUntil(`captureMonitor: tcpdump listening on ${iface}`, opts.timeoutMs ?? 10_000, () => {
    if (proc.exitCode !== null) throw new Error(`tcpdump on ${iface} exited: ${stderr.trim()}`);
    return /listening on/.test(stderr) ? true : undefined;
  });
  return capture;
}
