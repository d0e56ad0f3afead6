// The real daemon as a separate process, for tests on the host and in the hwsim VM:
// the esbuild bundle of core/main.ts (as shipped), rebuilt when a source is newer.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');
const BUNDLE = join(REPO, '.cache/test/wifid.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Path of an up-to-date daemon bundle. */
export function wifidBundle(): string {
  const stale = !existsSync(BUNDLE) ||
    Math.max(newestSource(join(REPO, 'core')), newestSource(join(REPO, 'plugins'))) > statSync(BUNDLE).mtimeMs;
  if (stale) {
    mkdirSync(join(REPO, '.cache/test'), { recursive: true });
    const r = spawnSync(process.execPath, ['build.mjs'], { cwd: REPO, env: { ...process.env, WIFID_BUNDLE: BUNDLE }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`building the daemon failed: ${r.stderr}`);
  }
  return BUNDLE;
}

export interface WifidProcess {
  proc: ChildProcess;
  /** Every stderr line so far. */
  lines: string[];
  /** Resolves with the first line matching `re` (null after `timeoutMs`). */
  waitLine(re: RegExp, timeoutMs: number): Promise<string | null>;
  /** Resolves with the exit code (or signal name) once the process ended. */
  exited: Promise<number | string>;
}

export function spawnWifid(args: string[], opts: { bundle?: string; env?: NodeJS.ProcessEnv } = {}): WifidProcess {
  const proc = spawn(process.execPath, [opts.bundle ?? wifidBundle(), ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...(opts.env ? { env: opts.env } : {}) });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    for (const w of [...waiters]) w();
  });
  const exited = new Promise<number | string>((res) => proc.once('exit', (code, sig) => res(code ?? sig ?? -1)));
  const waitLine = (re: RegExp, timeoutMs: number): Promise<string | null> =>
    new Promise((res) => {
      const check = (): boolean => {
        const hit = lines.find((l) => re.test(l));
        if (hit === undefined) return false;
        cleanup();
        res(hit);
        return true;
      };
      const timer = setTimeout(() => { cleanup(); res(null); }, timeoutMs);
      const cleanup = (): void => { clearTimeout(timer); waiters.delete(check); };
      if (!check()) waiters.add(check);
    });
  return { proc, lines, waitLine, exited };
}

export interface CliResult { code: number; stdout: string; stderr: string }

/**
 * Runs the test ubus CLI (test/ubusd/ubus). Asynchronous on purpose: a broker running in
 * the test's own process must keep answering while the CLI waits for it.
 */
export function ubusCli(socket: string, ...args: string[]): Promise<CliResult> {
  return new Promise((res) => {
    const p = spawn(join(REPO, 'test/ubusd/ubus'), ['-s', socket, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (c: string) => { stdout += c; });
    p.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
    p.once('close', (code) => res({ code: code ?? -1, stdout, stderr }));
  });
}
