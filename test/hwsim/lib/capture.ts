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
  readonly path: string;
}

/** Starts tcpdump on hwsim0 (brought up if needed); resolves once it is listening. */
export async function captureMonitor(opts: { iface?: string; timeoutMs?: number } = {}): Promise<Capture> {
  const iface = opts.iface ?? 'hwsim0';
  await run(['ip', 'link', 'set', iface, 'up']);
  const dir = await mkdtemp('/tmp/hwsim-capture-');
  const path = join(dir, `${iface}.pcap`);
  const proc = spawn('tcpdump', ['-i', iface, '-U', '-n', '-w', path, '--immediate-mode'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  let done = false;
  const stop = async (): Promise<CapturedFrame[]> => {
    unregisterCleanup(capture);
    if (!done) {
      done = true;
      proc.kill('SIGINT');
      await exited;
    }
    return parsePcap(await readFile(path));
  };
  const capture: Capture = { stop, path };
  registerCleanup(capture, `tcpdump on ${iface}`, async () => {
    await stop();
  });
  await pollUntil(`captureMonitor: tcpdump listening on ${iface}`, opts.timeoutMs ?? 10_000, () => {
    if (proc.exitCode !== null) throw new Error(`tcpdump on ${iface} exited: ${stderr.trim()}`);
    return /listening on/.test(stderr) ? true : undefined;
  });
  return capture;
}
