// Running the VM's own tools (iw, ip, modprobe...) from hwsim tests.
import { execFile } from 'node:child_process';

export interface ExecResult {
  stdout: string;
  stderr: string;
}

export class CommandError extends Error {
  constructor(
    readonly argv: readonly string[],
    readonly code: number | string | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`\`${argv.join(' ')}\` failed (${code}): ${stderr.trim() || stdout.trim()}`);
    this.name = 'CommandError';
  }
}

const DEBUG = process.env.WIFID_HWSIM_DEBUG === '1';
const t0 = Date.now();

/** With WIFID_HWSIM_DEBUG=1, a timestamped line on stderr (what the helpers do, and when). */
export function debug(msg: string): void {
  if (DEBUG) process.stderr.write(`[hwsim +${((Date.now() - t0) / 1000).toFixed(2)}s] ${msg}\n`);
}

/** Runs argv[0] with the rest as arguments; rejects with CommandError on a non-zero exit. */
export function run(argv: readonly string[], opts: { timeoutMs?: number; netns?: string } = {}): Promise<ExecResult> {
  const full = opts.netns ? ['ip', 'netns', 'exec', opts.netns, ...argv] : [...argv];
  const started = Date.now();
  debug(`run ${full.join(' ')}`);
  return new Promise((resolve, reject) => {
    execFile(
      full[0]!,
      full.slice(1),
      { timeout: opts.timeoutMs ?? 20_000, maxBuffer: 16 << 20, encoding: 'utf8' },
      (err, stdout, stderr) => {
        debug(`  ${err ? 'failed' : 'done'} in ${Date.now() - started} ms: ${full[0]} ${full[1] ?? ''}`);
        if (err) {
          const code = (err as NodeJS.ErrnoException & { code?: number | string }).code ?? null;
          reject(new CommandError(full, err.killed ? 'killed (timeout)' : code, stdout, stderr));
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}

/** Like run() but resolves with the exit status instead of rejecting. */
export function tryRun(
  argv: readonly string[],
  opts: { timeoutMs?: number; netns?: string } = {},
): Promise<ExecResult & { ok: boolean }> {
  return run(argv, opts).then(
    (r) => ({ ...r, ok: true }),
    (e: unknown) => {
      if (e instanceof CommandError) return { stdout: e.stdout, stderr: e.stderr, ok: false };
      throw e;
    },
  );
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `probe` until it returns a value other than undefined, or rejects after
 * timeoutMs with `what` in the message (the step and the radio, for the reader).
 */
export async function pollUntil<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined> | T | undefined,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new Error(`${what}: timed out after ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}
