// Creating and removing a netdev of a given interface type (NEW_INTERFACE /
// DEL_INTERFACE). The nl80211 service adds NL80211_ATTR_SOCKET_OWNER to every
// NEW_INTERFACE, so the interface dies with the daemon however it dies.
import { IFTYPE } from './inventory.js';
import type { Nl80211Requester } from './ap-commands.js';

export interface CreatedInterface {
  ifindex: number;
  wdev: bigint;
  addr: string;
}

/** A station (managed mode) netdev on `wiphy`, down; the caller brings it up. */
export async function newStationInterface(nl: Nl80211Requester, wiphy: number, ifname: string): Promise<CreatedInterface> {
  const [reply] = await nl.request('NEW_INTERFACE', { WIPHY: wiphy, IFTYPE: IFTYPE.STATION, IFNAME: ifname, SOCKET_OWNER: true });
  if (reply?.IFINDEX === undefined || reply.WDEV === undefined || reply.MAC === undefined) throw new Error(`NEW_INTERFACE ${ifname}: the reply lacks ifindex, wdev or address`);
  return { ifindex: reply.IFINDEX, wdev: reply.WDEV, addr: reply.MAC };
}
