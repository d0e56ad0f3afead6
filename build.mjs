// Bundles the daemon for Node 20 (OpenWrt 24.10's node) into three files in one folder:
// `wifid.js`; `wifid-noble.js` with the @noble libraries (P-256, hash-to-curve,
// SHA-2, AES-CMAC) that only SAE and the protected APs use; `wifid-scan-worker.js`, the
// worker thread that dumps and decodes scan results (core/nl80211/scan-dumper.ts).
// `netlink` stays external: its native addon is compiled for the target by the
// package build and installed beside the bundle (openwrt/Makefile).
//
// Why a second file: V8 parses every function of a script it loads, used or not, and
// on this machine the bundle's parse of noble's ~100 kB cost about 2 MB of idle RSS
// (malloc'd parser memory glibc keeps) in a daemon with no SAE AP. esbuild splits
// chunks only for ESM output, so the bundle requires the second file itself, from its
// own folder, the first time SAE's code (loaded by import() in the AP plugin) runs.
//
// Why `node:crypto`, `node:zlib` and `node:worker_threads` are loaded on first use: loading
// any (OpenSSL's bindings and a dozen internal modules; zlib's streams; the worker and
// message-port internals, 1.4 MB alone) costs 0.6-1.5 MB of idle RSS, and
// esbuild hoists a module's `import { x } from 'node:crypto'` to a require at the bundle's
// start whenever the module is loaded at start. The bundle gets, instead of each of them,
// an object whose properties are getters that require the real module when first read:
// no source file (a plugin's included) has to remember to defer it.
import { build } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const minify = process.argv.includes('--minify');
const outfile = process.env.WIFID_BUNDLE ?? 'dist/wifid.js';
const nobleFile = join(dirname(outfile), 'wifid-noble.js');
const NOBLE_REQUIRE = `./${basename(nobleFile)}`;
const scanWorkerFile = join(dirname(outfile), 'wifid-scan-worker.js');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify,
  sourcemap: false,
  legalComments: minify ? 'none' : 'inline',
  logLevel: 'warning',
};

/** Each `@noble/...` import becomes a property of the second file's exports, required when first used. */
const nobleSpecifiers = new Set();
const nobleApart = {
  name: 'noble-apart',
  setup(b) {
    b.onResolve({ filter: /^@noble\// }, (a) => {
      nobleSpecifiers.add(a.path);
      return { path: a.path, namespace: 'noble-apart' };
    });
    b.onLoad({ filter: /.*/, namespace: 'noble-apart' }, (a) => ({
      contents: `module.exports = require(${JSON.stringify(NOBLE_REQUIRE)})[${JSON.stringify(a.path)}];`,
      loader: 'js',
    }));
  },
};

/** The builtins whose named imports become getters that load the module on first use. */
const LAZY_BUILTINS = ['crypto', 'zlib', 'worker_threads'];
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`) }, (a) =>
      a.namespace === 'lazy-builtin' ? { path: a.path, external: true } : { path: a.path.replace(/^node:/, ''), namespace: 'lazy-builtin' });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async (a) => {
      const names = Object.keys(await import(`node:${a.path}`)).filter((n) => n !== 'default');
      return {
        contents: `let m;\nconst load = () => (m ??= require(${JSON.stringify(`node:${a.path}`)}));\n` +
          `for (const name of ${JSON.stringify(names)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });\n`,
        loader: 'js',
        resolveDir: '.',
      };
    });
  },
};

await build({
  ...common,
  entryPoints: ['core/main.ts'],
  outfile,
  external: ['netlink', NOBLE_REQUIRE],
  banner: { js: '#!/usr/bin/env node' },
  define: { WIFID_VERSION: JSON.stringify(process.env.WIFID_VERSION ?? pkg.version) },
  plugins: [nobleApart, lazyBuiltins],
});

const specs = [...nobleSpecifiers].sort();
await build({
  ...common,
  stdin: {
    contents: specs.map((s, i) => `import * as m${i} from ${JSON.stringify(s)};`).join('\n') +
      `\nmodule.exports = {${specs.map((s, i) => `${JSON.stringify(s)}: m${i}`).join(', ')}};\n`,
    resolveDir: dirname(new URL(import.meta.url).pathname),
    loader: 'js',
  },
  outfile: nobleFile,
});
await build({
  ...common,
  entryPoints: ['core/nl80211/scan-worker.ts'],
  outfile: scanWorkerFile,
  external: ['netlink'],
  plugins: [lazyBuiltins],
});
console.log(`${outfile}: ${statSync(outfile).size} bytes${minify ? ' (minified)' : ''}; ${nobleFile}: ${statSync(nobleFile).size} bytes (${specs.length} @noble modules); ` +
  `${scanWorkerFile}: ${statSync(scanWorkerFile).size} bytes`);
