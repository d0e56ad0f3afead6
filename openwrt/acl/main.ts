// `openwrt/gen-acl [--check]`: writes the ACL files from the method tables, or with
// --check exits 1 naming each file that differs.
import '@abraham/reflection';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLUGINS } from '../../plugins/index.js';
import { ACL_DIR, aclFiles, ubusObjects } from './generate.js';

const root = process.argv[2]!;
const check = process.argv.includes('--check');
let stale = 0;
for (const [file, text] of Object.entries(aclFiles(ubusObjects(PLUGINS)))) {
  const path = join(root, ACL_DIR, file);
  let current: string | undefined;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  if (check) {
    process.stderr.write(`${join(ACL_DIR, file)} differs from the method tables: run openwrt/gen-acl\n`);
    stale++;
  } else {
    writeFileSync(path, text);
    process.stdout.write(`wrote ${join(ACL_DIR, file)}\n`);
  }
}
process.exit(stale ? 1 : 0);
