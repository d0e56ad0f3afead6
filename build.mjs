// Bundles the daemon into one file for Node 20 (OpenWrt 24.10's node).
// `netlink` stays external: its native addon is compiled for the target by the
// package build and installed beside the bundle (openwrt/Makefile).
import { build } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const minify = process.argv.includes('--minify');
const outfile = process.env.WIFID_BUNDLE ?? 'dist/wifid.js';

await build({
  entryPoints: ['core/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['netlink'],
  minify,
  sourcemap: false,
  legalComments: minify ? 'none' : 'inline',
  banner: { js: '#!/usr/bin/env node' },
  define: { WIFID_VERSION: JSON.stringify(process.env.WIFID_VERSION ?? pkg.version) },
  logLevel: 'warning',
});
console.log(`${outfile}: ${statSync(outfile).size} bytes${minify ? ' (minified)' : ''}`);
