// NETLINK_EXT_ACK and NETLINK_CAP_ACK on the sockets the `netlink` package opens. The
// package cannot set them (its socket offers setsockopt for groups and buffer sizes
// only), so wifid's own addon does (core/native-addon.ts). Without NETLINK_EXT_ACK the kernel
// keeps its error texts and the cookie of a control-port frame to itself.
import { nativeAddon, nativeAddonProblem } from '../native-addon.js';
import { errnoName } from './errno-names.js';

export { ADDON_FILE } from '../native-addon.js';

const NETLINK_CAP_ACK = 10;
const NETLINK_EXT_ACK = 11;

/**
 * Asks the kernel for extended ACKs (error texts, ACK cookies) and capped error echoes
 * on the socket of `protocol` bound to `port`. Returns why it could not, or undefined.
 */
export function enableExtendedAck(protocol: number, port: number): string | undefined {
  const a = nativeAddon();
  if (!a) return nativeAddonProblem();
  for (const [name, option] of [['NETLINK_EXT_ACK', NETLINK_EXT_ACK], ['NETLINK_CAP_ACK', NETLINK_CAP_ACK]] as const) {
    const errno = a.setNetlinkOption(protocol, port, option, 1);
    if (errno !== 0) return `setsockopt(${name}) on netlink port ${port}: ${errnoName(errno)}`;
  }
  return undefined;
}
