// The ubusd and rpcd ACL files are generated from the method tables (each entry says
// access 'read' or 'write'); the committed files must be what the generator writes, so
// a method added without regenerating them fails here. Run openwrt/gen-acl to update.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACL_DIR, aclFiles, ubusObjects } from '../../openwrt/acl/generate.js';
import { PLUGINS } from '../../plugins/index.js';

const REPO = join(import.meta.dirname, '../..');
const objects = ubusObjects(PLUGINS);

describe('ACLs', () => {
  it('the committed ACL files are the generator\'s output for the current method tables', () => {
    for (const [file, text] of Object.entries(aclFiles(objects))) {
      expect(readFileSync(join(REPO, ACL_DIR, file), 'utf8'), `${file}: run openwrt/gen-acl`).toBe(text);
    }
  });

  it('each group gets exactly its methods: wifid the reads, wifid-admin reads and writes, rpcd read/write split', () => {
    const files = aclFiles(objects);
    const reader = JSON.parse(files['acl.d/wifid.json']!);
    const admin = JSON.parse(files['acl.d/wifid-admin.json']!);
    const rpcd = JSON.parse(files['rpcd-acl.d/wifid.json']!).wifid;
    for (const [object, methods] of Object.entries(objects)) {
      const pattern = object === 'wifid' ? 'wifid' : 'wifid.*';
      for (const [name, m] of Object.entries(methods)) {
        expect(reader.access[pattern].methods.includes(name), `${object} ${name} for group wifid`).toBe(m.access === 'read');
        expect(admin.access[pattern].methods, `${object} ${name}`).toContain(name);
        expect(rpcd[m.access].ubus[object], `${object} ${name} in rpcd ${m.access}`).toContain(name);
        const other = m.access === 'read' ? 'write' : 'read';
        expect(rpcd[other].ubus[object] ?? [], `${object} ${name} not in rpcd ${other}`).not.toContain(name);
      }
    }
    expect(rpcd.read.ubus['wifid.p2p']).toEqual(['list', 'peers']);
    for (const acl of [reader, admin]) {
      expect(acl.subscribe).toEqual(['wifid', 'wifid.*']);
      expect(acl.listen).toEqual(['wifid.*']);
      expect(acl.publish).toBeUndefined(); // only wifid (root) publishes its objects
    }
  });
});
