// Builds the packages with openwrt/build-ipk (as `make ipk` does) and unpacks them:
// the layout ipkg-build gives an .ipk, control fields, file modes, conffiles, and the
// same bytes from two builds of one commit.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTarGz, type TarEntry } from './tar.js';

const TOP = join(import.meta.dirname, '../..');
const BUILD = join(TOP, 'openwrt/build-ipk');
const commitTime = (): string => execFileSync('git', ['-C', TOP, 'log', '-1', '--format=%ct'], { encoding: 'utf8' }).trim();
/** SOURCE_DATE_EPOCH of the first build: build-ipk takes the last commit's time. */
let EPOCH = '';

let work: string;

function build(out: string, ...args: string[]): { status: number | null; stderr: string; stdout: string } {
  // Later builds reuse the first one's commit time: other commits may land meanwhile.
  const r = spawnSync(BUILD, ['--out', out, ...args], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH || undefined } });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

function makeVar(makefile: string, name: string): string {
  const m = new RegExp(`^${name}:=(.*)$`, 'm').exec(readFileSync(join(TOP, makefile), 'utf8'));
  if (!m) throw new Error(`${name} missing in ${makefile}`);
  return m[1];
}

function controlFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let last = '';
  for (const line of text.split('\n')) {
    if (line.startsWith(' ')) fields[last] += `\n${line}`;
    else if (line) {
      const i = line.indexOf(': ');
      last = line.slice(0, i);
      fields[last] = line.slice(i + 2);
    }
  }
  return fields;
}

interface Ipk { outer: TarEntry[]; data: TarEntry[]; control: TarEntry[]; bytes: Buffer }

function unpack(path: string): Ipk {
  const bytes = readFileSync(path);
  const outer = readTarGz(bytes);
  const member = (name: string) => outer.find((e) => e.name === name)!.data;
  return { bytes, outer, data: readTarGz(member('./data.tar.gz')), control: readTarGz(member('./control.tar.gz')) };
}

const version = `${makeVar('openwrt/feed/net/wifid/Makefile', 'PKG_VERSION')}-r${makeVar('openwrt/feed/net/wifid/Makefile', 'PKG_RELEASE')}`;
let wifid: Ipk;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wifid-ipk-test-'));
  const before = commitTime();
  const r = build(join(work, 'a'));
  const after = commitTime();
  expect(r.stderr + r.stdout).not.toMatch(/error/i);
  expect(r.status).toBe(0);
  wifid = unpack(join(work, 'a', `wifid_${version}_all.ipk`));
  EPOCH = controlFields(wifid.control.find((e) => e.name === './control')!.data.toString()).SourceDateEpoch;
  expect([before, after]).toContain(EPOCH);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('wifid .ipk', () => {
  it('has the version of package.json and of the feed Makefile', () => {
    const pkg = JSON.parse(readFileSync(join(TOP, 'package.json'), 'utf8')) as { version: string };
    expect(version).toBe(`${pkg.version}-r1`);
  });

  it('is an outer tar of debian-binary, data.tar.gz, control.tar.gz, as ipkg-build writes it', () => {
    expect(wifid.bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(wifid.bytes[3] & 0x08).toBe(0); // gzip -n: no file name
    expect(wifid.bytes.readUInt32LE(4)).toBe(0); // gzip -n: no time stamp
    expect(wifid.outer.map((e) => e.name)).toEqual(['./debian-binary', './data.tar.gz', './control.tar.gz']);
    expect(wifid.outer[0].data.toString()).toBe('2.0\n');
  });

  it('every entry of every tar: owner 0:0 by number, mtime SOURCE_DATE_EPOCH, names sorted', () => {
    for (const tar of [wifid.outer, wifid.data, wifid.control]) {
      for (const e of tar) {
        expect([e.name, e.uid, e.gid, e.uname, e.gname]).toEqual([e.name, 0, 0, '', '']);
        expect([e.name, e.mtime]).toEqual([e.name, Number(EPOCH)]);
      }
    }
    for (const tar of [wifid.data, wifid.control]) {
      const names = tar.map((e) => e.name);
      expect(names).toEqual([...names].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)));
    }
  });

  it('installs the bundle, init script, UCI defaults and ACLs with OpenWrt modes', () => {
    const modes = Object.fromEntries(wifid.data.filter((e) => e.type !== '5').map((e) => [e.name, [e.type, e.mode.toString(8), e.linkname]]));
    expect(modes).toEqual({
      './etc/config/wifid': ['0', '600', ''],
      './etc/init.d/wifid': ['0', '755', ''],
      './usr/lib/wifid/wifid.js': ['0', '755', ''],
      './usr/sbin/wifid': ['2', '777', '../lib/wifid/wifid.js'],
      './usr/share/acl.d/wifid-admin.json': ['0', '644', ''],
      './usr/share/acl.d/wifid.json': ['0', '644', ''],
      './usr/share/rpcd/acl.d/wifid.json': ['0', '644', ''],
    });
    for (const dir of wifid.data.filter((e) => e.type === '5')) expect([dir.name, dir.mode.toString(8)]).toEqual([dir.name, '755']);
    const file = (name: string) => wifid.data.find((e) => e.name === name)!.data;
    expect(file('./etc/config/wifid')).toEqual(readFileSync(join(TOP, 'openwrt/feed/net/wifid/files/wifid.config')));
    expect(file('./etc/init.d/wifid')).toEqual(readFileSync(join(TOP, 'openwrt/feed/net/wifid/files/wifid.init')));
  });

  it('ubusd would load its ACL files: root-owned, not writable by group or others', () => {
    // ubusd_acl_load() skips files with st_uid/st_gid != 0 or S_IWOTH|S_IWGRP|S_IXOTH.
    for (const e of wifid.data.filter((x) => x.name.startsWith('./usr/share/acl.d/') && x.type === '0')) {
      expect(e.mode & 0o023).toBe(0);
      expect(JSON.parse(e.data.toString())).toHaveProperty('access');
    }
  });

  it('control: fields, Installed-Size of the data tar, conffiles, maintainer scripts', () => {
    const c = (name: string) => wifid.control.find((e) => e.name === name)!;
    const fields = controlFields(c('./control').data.toString());
    expect(fields.Package).toBe('wifid');
    expect(fields.Version).toBe(version);
    expect(fields.Architecture).toBe('all');
    expect(fields.Depends.split(', ')).toEqual(['libc', 'node', 'node-netlink']);
    expect(fields.SourceDateEpoch).toBe(EPOCH);
    const dataTar = wifid.outer.find((e) => e.name === './data.tar.gz')!.data;
    expect(Number(fields['Installed-Size'])).toBe((execFileSync('gzip', ['-dc'], { input: dataTar })).length);
    expect(fields.Description.length).toBeGreaterThan(40);
    expect(c('./conffiles').data.toString()).toBe('/etc/config/wifid\n');
    expect(wifid.data.some((e) => e.name === './etc/config/wifid')).toBe(true);
    for (const script of ['./postinst', './prerm']) {
      expect(c(script).mode.toString(8)).toBe('755');
      expect(c(script).data.toString()).toMatch(/^#!\/bin\/sh\n/);
      expect(spawnSync('sh', ['-n'], { input: c(script).data }).status).toBe(0);
    }
    expect(c('./postinst').data.toString()).toContain('default_postinst $0 $@');
    expect(c('./prerm').data.toString()).toContain('default_prerm $0 $@');
    expect(c('./control').mode.toString(8)).toBe('644');
  });

  it('the bundle is minified, under 300 KB, and leaves netlink out', () => {
    const js = wifid.data.find((e) => e.name === './usr/lib/wifid/wifid.js')!.data.toString();
    expect(js.length).toBeLessThanOrEqual(300 * 1024);
    expect(js.startsWith('#!/usr/bin/env node\n')).toBe(true);
    // netlink is external: the bundle may require it, never carry its code or addon loader.
    expect(js.replace(/require\("netlink"\)/g, '')).not.toMatch(/netlink_binding|node-gyp-build|nlmsghdr/);
    // Minified: top-level names are mangled (the config parser's helpers among them).
    expect(js).not.toMatch(/anonymousSectionName|validateSection/);
  });

  it('two builds of one commit give the same bytes', () => {
    const r = build(join(work, 'b'));
    expect(r.status).toBe(0);
    expect(readFileSync(join(work, 'b', `wifid_${version}_all.ipk`)).equals(wifid.bytes)).toBe(true);
  }, 60_000);
});

describe('node-netlink .ipk', () => {
  const netlinkVersion = `${makeVar('openwrt/feed/lang/node-netlink/Makefile', 'PKG_VERSION')}-r1`;

  it('refuses the glibc prebuild npm ships (a musl router cannot load it)', () => {
    const addon = join(work, 'glibc-addon');
    mkdirSync(addon);
    copyFileSync(join(TOP, 'node_modules/netlink/prebuilds/linux-x64/node.napi.node'), join(addon, 'netlink_binding.node'));
    const r = build(join(work, 'c'), '--arch', 'x86_64', '--addon', addon);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/links glibc; OpenWrt runs musl/);
  }, 60_000);

  it('refuses an addon built for another architecture', () => {
    const r = build(join(work, 'd'), '--arch', 'aarch64_cortex-a53', '--addon', join(TOP, 'node_modules/netlink/prebuilds/linux-x64'));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/ELF machine 62, not aarch64_cortex-a53 \(183\)/);
  }, 60_000);

  it('packages build/Release/*.node, never prebuilds/, with the JS and node-gyp-build', () => {
    // A stand-in for the SDK's musl build: an ELF header for x86-64 and no glibc
    // reference; the test is about the package around it, not the addon.
    const addon = join(work, 'musl-addon');
    mkdirSync(addon);
    const elf = Buffer.alloc(64);
    elf.writeUInt32BE(0x7f454c46, 0);
    elf[4] = 2; elf[5] = 1; elf[6] = 1;
    elf.writeUInt16LE(3, 16);
    elf.writeUInt16LE(62, 18);
    writeFileSync(join(addon, 'netlink_binding.node'), elf);
    const r = build(join(work, 'e'), '--arch', 'x86_64', '--addon', addon);
    expect(r.stderr).not.toMatch(/build-ipk:/);
    expect(r.status).toBe(0);
    const ipk = unpack(join(work, 'e', `node-netlink_${netlinkVersion}_x86_64.ipk`));
    const names = ipk.data.map((e) => e.name);
    expect(names).toContain('./usr/lib/node/netlink/build/Release/netlink_binding.node');
    expect(names).toContain('./usr/lib/node/netlink/dist/index.js');
    expect(names).toContain('./usr/lib/node/netlink/package.json');
    expect(names).toContain('./usr/lib/node/netlink/node_modules/node-gyp-build/index.js');
    expect(names.filter((n) => n.includes('prebuilds') || n.endsWith('.d.ts') || n.endsWith('.map'))).toEqual([]);
    expect(ipk.data.find((e) => e.name.endsWith('.node'))!.mode.toString(8)).toBe('755');
    const fields = controlFields(ipk.control.find((e) => e.name === './control')!.data.toString());
    expect([fields.Package, fields.Version, fields.Architecture]).toEqual(['node-netlink', netlinkVersion, 'x86_64']);
    expect(fields.Depends.split(', ')).toEqual(['libc', 'node', 'libstdcpp']);
  }, 60_000);
});
