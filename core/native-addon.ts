// wifid's own Node-API addon (native/netlink_sockopt.c), loaded once on first use:
// netlink socket options (nl80211/socket-options.ts) and the C heap's trim (heap-trim.ts).
// It is built by `make build` into dist/ and by the OpenWrt package beside the bundle;
// without it the daemon runs, without those two.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ADDON_FILE = 'netlink_sockopt.node';

export interface NativeAddon {
  /** 0, or the errno that stopped it (ENOENT: no such socket in this process). */
  setNetlinkOption(protocol: number, port: number, option: number, value: number): number;
  /** True when the C library gave freed heap memory back; absent from addons built before it. */
  trimHeap?(): boolean;
}

/**
 * Beside the running bundle (dist/, /usr/lib/wifid), else two folders up in dist/ (the
 * checkout, seen from core/nl80211 or a test bundle in .cache/*), where `make build` put it.
 */
function candidates(): string[] {
  // wifid's bundles are CommonJS; an ES module bundle without a __dirname shim finds none.
  if (typeof __dirname !== 'string') return [];
  return [join(__dirname, ADDON_FILE), resolve(__dirname, '..', '..', 'dist', ADDON_FILE), resolve(__dirname, '..', 'dist', ADDON_FILE)];
}

let addon: NativeAddon | undefined;
let loadProblem: string | undefined;

/** The addon, or undefined with the reason in `nativeAddonProblem()`. */
export function nativeAddon(): NativeAddon | undefined {
  if (addon || loadProblem) return addon;
  const places = candidates();
  const path = places.find((p) => existsSync(p));
  if (!path) {
    loadProblem = `${ADDON_FILE} not found (looked in ${places.join(', ') || 'no folder: no __dirname in this module'})`;
    return undefined;
  }
  try {
    const mod = { exports: {} as Partial<NativeAddon> };
    process.dlopen(mod, path);
    if (typeof mod.exports.setNetlinkOption !== 'function') throw new Error('no setNetlinkOption export');
    addon = mod.exports as NativeAddon;
  } catch (err) {
    loadProblem = `${path}: ${(err as Error).message}`;
  }
  return addon;
}

export function nativeAddonProblem(): string | undefined {
  return loadProblem;
}
