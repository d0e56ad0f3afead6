// NETLINK_EXT_ACK and NETLINK_CAP_ACK on the sockets the `netlink` package opens. The
// package cannot set them (its socket offers setsockopt for groups and buffer sizes
// only), so wifid's own addon does: native/netlink_sockopt.c, built by `make build` into
// dist/ and by the OpenWrt package beside the bundle. Without NETLINK_EXT_ACK the kernel
// keeps its error texts and the cookie of a control-port frame to itself.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { errnoName } from './errno-names.js';

const NETLINK_CAP_ACK = 10;
const NETLINK_EXT_ACK = 11;
export const ADDON_FILE = 'netlink_sockopt.node';

interface SockoptAddon {
  /** 0, or the errno that stopped it (ENOENT: no such socket in this process). */
  setNetlinkOption(protocol: number, port: number, option: number, value: number): number;
}

/**
 * Beside the running bundle (dist/, /usr/lib/wifid), else two folders up in dist/ (the
 * checkout, seen from core/nl80211 or a test bundle in .cache/*), where `make build` put it.
 */
function candidates(): string[] {
  // wifid's bundles are CommonJS; an ES module bundle without a __dirname shim finds none.
  if (typeof __dirname !== 'string') return [];
  return [join(__dirname, ADDON_FILE), resolve(__dirname, '..', '..', 'dist', ADDON_FILE)];
}

let addon: SockoptAddon | undefined;
let loadProblem: string | undefined;

function loadAddon(): SockoptAddon | undefined {
  if (addon || loadProblem) return addon;
  const places = candidates();
  const path = places.find((p) => existsSync(p));
  if (!path) {
    loadProblem = `${ADDON_FILE} not found (looked in ${places.join(', ') || 'no folder: no __dirname in this module'})`;
    return undefined;
  }
  try {
    const mod = { exports: {} as Partial<SockoptAddon> };
    process.dlopen(mod, path);
    if (typeof mod.exports.setNetlinkOption !== 'function') throw new Error('no setNetlinkOption export');
    addon = mod.exports as SockoptAddon;
  } catch (err) {
    loadProblem = `${path}: ${(err as Error).message}`;
  }
  return addon;
}

/**
 * Asks the kernel for extended ACKs (error texts, ACK cookies) and capped error echoes
 * on the socket of `protocol` bound to `port`. Returns why it could not, or undefined.
 */
export function enableExtendedAck(protocol: number, port: number): string | undefined {
  const a = loadAddon();
  if (!a) return loadProblem;
  for (const [name, option] of [['NETLINK_EXT_ACK', NETLINK_EXT_ACK], ['NETLINK_CAP_ACK', NETLINK_CAP_ACK]] as const) {
    const errno = a.setNetlinkOption(protocol, port, option, 1);
    if (errno !== 0) return `setsockopt(${name}) on netlink port ${port}: ${errnoName(errno)}`;
  }
  return undefined;
}
