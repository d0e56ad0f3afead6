// The group keys of one link: GTK (CCMP-128), IGTK (BIP-CMAC-128, with PMF) and BIGTK
// (beacon protection), fresh random keys each time (IEEE 802.11-2020 12.7.1.4: the GTK is
// a random number; wifid draws it from the OS's CSPRNG as hostapd draws GMK-derived ones),
// installed with NEW_KEY and made the link's transmit keys with SET_KEY. A rekey uses the
// other key ID of each pair (GTK 1/2, IGTK 4/5, BIGTK 6/7), so stations keep receiving with
// the old key until the AP switches (12.7.7).
import { randomBytes } from 'node:crypto';
import { cipherKeyLength } from '../../core/crypto/cipher-keys.js';
import { installKey, type KeyKind, type Nl80211Requester } from '../../core/nl80211/ap-commands.js';
import type { GroupKeys as HandshakeGroupKeys } from '../../core/rsn/types.js';
import type { GroupKeys as LinkGroupKeys } from './ap-link.js';

export interface GroupKeyPolicy {
  groupCipher: number;
  /** Present when PMF is on: the IGTK's cipher (and the BIGTK's). */
  groupMgmtCipher?: number;
  beaconProtection: boolean;
}

export type KeyedGroupKeys = Required<Pick<LinkGroupKeys, 'gtk'>> & LinkGroupKeys;

/** New random keys; with `prior`, each takes the other ID of its pair. */
export function newGroupKeys(policy: GroupKeyPolicy, prior?: LinkGroupKeys, random: (n: number) => Uint8Array = (n) => new Uint8Array(randomBytes(n))): KeyedGroupKeys {
  const other = (id: number | undefined, first: number) => (id === first ? first + 1 : first);
  const keys: KeyedGroupKeys = { gtk: { key: random(cipherKeyLength(policy.groupCipher)), id: other(prior?.gtk?.id, 1) } };
  if (policy.groupMgmtCipher !== undefined) {
    const len = cipherKeyLength(policy.groupMgmtCipher);
    keys.igtk = { key: random(len), id: other(prior?.igtk?.id, 4) };
    if (policy.beaconProtection) keys.bigtk = { key: random(len), id: other(prior?.bigtk?.id, 6) };
  }
  return keys;
}

/** The keys as message 3 and group message 1 carry them (receive counters start at 0). */
export function handshakeGroupKeys(keys: KeyedGroupKeys): HandshakeGroupKeys {
  return {
    gtk: keys.gtk.key, gtkId: keys.gtk.id,
    ...(keys.igtk ? { igtk: keys.igtk.key, igtkId: keys.igtk.id } : {}),
    ...(keys.bigtk ? { bigtk: keys.bigtk.key, bigtkId: keys.bigtk.id } : {}),
  };
}

/**
 * NEW_KEY for each key; with `makeDefault` also SET_KEY default (multicast data, group
 * management, beacon). A key the kernel refuses rejects with that error, naming the key.
 */
export async function installGroupKeys(nl: Nl80211Requester, ifindex: number, keys: KeyedGroupKeys, policy: GroupKeyPolicy, makeDefault: boolean, linkId?: number): Promise<void> {
  const one = async (kind: KeyKind, k: { key: Uint8Array; id: number }, cipher: number): Promise<void> => {
    try {
      await installKey(nl, { ifindex, kind, keyId: k.id, cipher, key: k.key, makeDefault, ...(linkId !== undefined ? { linkId } : {}) });
    } catch (err) {
      throw new Error(`installing the ${kind.toUpperCase()} (key ID ${k.id}): ${(err as Error).message}`, { cause: err });
    }
  };
  await one('gtk', keys.gtk, policy.groupCipher);
  if (keys.igtk) await one('igtk', keys.igtk, policy.groupMgmtCipher!);
  if (keys.bigtk) await one('bigtk', keys.bigtk, policy.groupMgmtCipher!);
}
