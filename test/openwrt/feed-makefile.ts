// Reads what the feed Makefiles say, so tests compare against the one place a path or a
// dependency is spelled instead of restating it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TOP = join(import.meta.dirname, '../..');

/** The body of `define NAME ... endef` in a feed Makefile (path relative to the checkout). */
export function makeDefine(makefile: string, name: string): string {
  const text = readFileSync(join(TOP, makefile), 'utf8');
  const start = text.indexOf(`define ${name}\n`);
  if (start === -1) throw new Error(`define ${name} missing in ${makefile}`);
  const end = text.indexOf('\nendef', start);
  return text.slice(start + `define ${name}\n`.length, end);
}

/** Where Package/PKG/install puts FILE on the router: the `$(1)/...` target ending in /FILE. */
export function installPath(makefile: string, pkg: string, file: string): string {
  const body = makeDefine(makefile, `Package/${pkg}/install`);
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`\\$\\(1\\)(/\\S*/${escaped})\\s*$`, 'm').exec(body);
  if (!m) throw new Error(`Package/${pkg}/install in ${makefile} installs no ${file}`);
  return m[1];
}

/** The opkg Depends a package gets from its DEPENDS: libc first, then the +packages. */
export function controlDepends(makefile: string, pkg: string): string[] {
  const m = /^\s*DEPENDS:=(.*)$/m.exec(makeDefine(makefile, `Package/${pkg}`));
  if (!m) throw new Error(`Package/${pkg} in ${makefile} has no DEPENDS`);
  return ['libc', ...m[1].trim().split(/\s+/).map((d) => d.replace(/^\+/, ''))];
}
