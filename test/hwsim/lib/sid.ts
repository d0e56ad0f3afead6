// A peer binary from another Debian suite, extracted with its own libraries
// by test/hwsim/prepare-sid and started through that suite's loader, so it
// runs on the bookworm root without touching it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ForeignBinary {
  /** argv prefix: the suite's loader, its library path, the binary. */
  argv: string[];
  /** The Debian package version, e.g. "2:2.11-5". */
  version: string;
  root: string;
}

/**
 * The checkout: the first directory above this file with a package.json (this file sits
 * in test/hwsim/lib/, or is bundled into .cache/bench/ by bench/ap, two levels down).
 */
function repoRoot(): string {
  for (let dir = fileURLToPath(new URL('.', import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
  }
}
const REPO = repoRoot();

function foreign(root: string, binary: string): ForeignBinary {
  const libdir = join(root, 'usr/lib/x86_64-linux-gnu');
  const loader = join(libdir, 'ld-linux-x86-64.so.2');
  const bin = join(root, binary);
  const ready = join(root, '..', 'READY');
  if (!existsSync(ready) || !existsSync(loader) || !existsSync(bin)) {
    throw new Error(`${bin} is not prepared: run test/hwsim/prepare --sid on the host first`);
  }
  return {
    argv: [loader, '--library-path', `${libdir}:${join(root, 'lib/x86_64-linux-gnu')}`, bin],
    version: readFileSync(join(root, '..', 'VERSION'), 'utf8').trim(),
    root,
  };
}

/** Debian sid's wpa_supplicant (2.11, built with 802.11be), for the MLO tests. */
export function sidWpaSupplicant(): ForeignBinary {
  return foreign(join(REPO, '.cache/hwsim/sid/root'), 'usr/sbin/wpa_supplicant');
}

/** Debian sid's iw (6.x): unlike bookworm's 5.19, `iw dev` prints an MLD's links (id, address, channel). */
export function sidIw(): ForeignBinary {
  return foreign(join(REPO, '.cache/hwsim/sid/root'), 'usr/sbin/iw');
}
