// Errno names against the kernel's uapi headers on this machine (linux-libc-dev, which
// the C compiler's libc6-dev brings): every asm-generic errno gets its kernel name.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errnoName, GENERIC_EXTRA } from '../../core/nl80211/errno-names.js';
import { Nl80211Error } from '../../core/nl80211/errors.js';

const HEADERS = ['/usr/include/asm-generic/errno-base.h', '/usr/include/asm-generic/errno.h'];

/** errno number -> every name the header gives it (EDEADLOCK and EWOULDBLOCK are aliases). */
function headerNames(): Map<number, string[]> {
  const names = new Map<number, string[]>();
  for (const f of HEADERS) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      const m = /^#define\s+(E[A-Z0-9]+)\s+(\d+)\b/.exec(line);
      if (m) names.set(Number(m[2]), [...(names.get(Number(m[2])) ?? []), m[1]!]);
    }
  }
  return names;
}

describe('kernel errno names', () => {
  it('name every errno of asm-generic/errno*.h as the header does', () => {
    expect(HEADERS.filter((f) => !existsSync(f)), 'linux-libc-dev headers (apt-get install linux-libc-dev)').toEqual([]);
    const names = headerNames();
    expect(names.size).toBeGreaterThan(120);
    for (const [n, aliases] of names) expect(aliases, `errno ${n}`).toContain(errnoName(n));
    // The supplement only holds names Node lacks, each one the header's.
    for (const [n, name] of Object.entries(GENERIC_EXTRA)) expect(names.get(Number(n))).toContain(name);
  });

  it('prefer the kernel\'s word and say so when no table knows a number', () => {
    expect(errnoName(11)).toBe('EAGAIN');
    expect(errnoName(-95)).toBe('EOPNOTSUPP');
    expect(errnoName(4242)).toBe('errno 4242');
    expect(new Nl80211Error('START_P2P_DEVICE', 132).message).toBe('START_P2P_DEVICE: ERFKILL');
  });
});
