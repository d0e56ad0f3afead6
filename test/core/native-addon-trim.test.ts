import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADDON_FILE, type NativeAddon } from '../../core/native-addon.js';

const TOP = resolve(__dirname, '../..');

// The addon as native/netlink_sockopt.c builds today (not dist/'s copy, which may predate it).
describe('the native addon trimHeap', () => {
  const work = mkdtempSync(join(tmpdir(), 'wifid-addon-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('gives the C heap back to the kernel and says whether it released memory', () => {
    const path = join(work, ADDON_FILE);
    execFileSync(join(TOP, 'native/build'), [path], { stdio: 'pipe' });
    const mod = { exports: {} as Partial<NativeAddon> };
    process.dlopen(mod, path);
    expect(mod.exports.setNetlinkOption).toBeTypeOf('function');
    expect(mod.exports.trimHeap).toBeTypeOf('function');
    expect(typeof mod.exports.trimHeap!()).toBe('boolean');
  });
});
