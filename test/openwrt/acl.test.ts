// The ubusd and rpcd ACLs against the methods the daemon registers: every method is
// either read or write, never both, and the files agree with each other: group
// wifid (ubusd) and rpcd's read get the read methods, group wifid-admin gets both.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreMethods, CORE_OBJECT, type CoreServices } from '../../core/wifid-object.js';
import { P2P_OBJECT, p2pMethods } from '../../plugins/p2p-device/ubus-object.js';

const FILES = join(import.meta.dirname, '../../openwrt/feed/net/wifid/files');
const json = (path: string): any => JSON.parse(readFileSync(join(FILES, path), 'utf8'));

// The method tables are built without calling a handler, so no service is touched.
const REGISTERED: Record<string, string[]> = {
  [CORE_OBJECT]: Object.keys(coreMethods({} as CoreServices)).sort(),
  [P2P_OBJECT]: Object.keys(p2pMethods({} as never)).sort(),
};

const rpcd = json('rpcd-acl.d/wifid.json').wifid;
const read: Record<string, string[]> = rpcd.read.ubus;
const write: Record<string, string[]> = rpcd.write.ubus;

describe('ACLs', () => {
  it('rpcd: every registered method is read or write, exactly once', () => {
    const objects = new Set([...Object.keys(read), ...Object.keys(write)]);
    expect([...objects].sort()).toEqual(Object.keys(REGISTERED).sort());
    for (const [object, methods] of Object.entries(REGISTERED)) {
      const r = read[object] ?? [];
      const w = write[object] ?? [];
      expect(r.filter((m) => w.includes(m)), `${object}: read and write`).toEqual([]);
      expect([...r, ...w].sort(), object).toEqual(methods);
    }
    expect(rpcd.read.uci).toEqual(['wifid']);
    expect(rpcd.write.uci).toEqual(['wifid']);
  });

  it('ubusd: group wifid may call the read methods only, wifid-admin read and write, both may subscribe and listen', () => {
    const reader = json('acl.d/wifid.json');
    const admin = json('acl.d/wifid-admin.json');
    expect([reader.group, admin.group]).toEqual(['wifid', 'wifid-admin']);
    const pluginObjects = Object.keys(REGISTERED).filter((o) => o !== CORE_OBJECT);
    const union = (table: Record<string, string[]>) => [...new Set(pluginObjects.flatMap((o) => table[o] ?? []))].sort();
    expect([...reader.access.wifid.methods].sort()).toEqual([...(read.wifid ?? [])].sort());
    expect([...reader.access['wifid.*'].methods].sort()).toEqual(union(read));
    expect([...admin.access.wifid.methods].sort()).toEqual([...(read.wifid ?? []), ...(write.wifid ?? [])].sort());
    expect([...admin.access['wifid.*'].methods].sort()).toEqual([...new Set([...union(read), ...union(write)])].sort());
    for (const acl of [reader, admin]) {
      expect(acl.subscribe).toEqual(['wifid', 'wifid.*']);
      expect(acl.listen).toEqual(['wifid.*']);
      expect(acl.publish).toBeUndefined(); // only wifid (root) publishes its objects
    }
  });
});
