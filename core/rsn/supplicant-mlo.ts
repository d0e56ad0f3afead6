// The supplicant's checks of a multi-link association's EAPOL-Key frames (802.11be 12.7.6):
// message 1 and 3 name the AP MLD in a MAC Address KDE; message 3 carries, for each link of
// the association, an MLO Link KDE whose address and RSNE/RSNXE must be those that link's
// affiliated AP announced in its beacons (a downgrade on one link shows here), and the MLO
// GTK (with IGTK/BIGTK when negotiated) of each link, installed on that link. A group key
// handshake of an AP MLD brings every link's keys in MLO KDEs the same way.
import type { KeyData } from '../ieee80211/kde.js';
import { sameBytes } from './key-frames.js';
import type { InstalledGroupKey } from './supplicant.js';

/** One link of the association as the station set it up. */
export interface SupplicantMloLink {
  linkId: number;
  /** The affiliated AP's address (the link's BSSID). */
  apAddr: Uint8Array;
  /** Its RSNE / RSNXE (whole elements) as its Beacon or Probe Response carried them. */
  rsne?: Uint8Array;
  rsnxe?: Uint8Array;
}

export interface SupplicantMlo {
  links: SupplicantMloLink[];
}

/** What is wrong with message 3's MLO KDEs: 'rsne' (a link's RSNE/RSNXE differs) or 'kde' (missing or wrong), with words for the log. */
export type MloKdeProblem = { kind: 'rsne' | 'kde'; detail: string };

/** Message 3 of an MLO association: undefined when its MLO KDEs fit the links. */
export function checkMloMsg3(kd: KeyData, aa: Uint8Array, mlo: SupplicantMlo): MloKdeProblem | undefined {
  if (!sameBytes(kd.macAddress, aa)) return { kind: 'kde', detail: 'no MAC Address KDE of the AP MLD' };
  if (kd.gtk) return { kind: 'kde', detail: 'a GTK KDE in an MLO message 3 (the links\' keys travel in MLO GTK KDEs)' };
  for (const link of mlo.links) {
    const kde = kd.mloLinks.find((l) => l.linkId === link.linkId);
    if (!kde) return { kind: 'kde', detail: `no MLO Link KDE for link ${link.linkId}` };
    if (!sameBytes(kde.mac, link.apAddr)) return { kind: 'kde', detail: `link ${link.linkId}'s MLO Link KDE names another AP` };
    // 12.7.6.4 (802.11be): each affiliated AP's RSNE/RSNXE, as the Beacon carried it (a
    // link whose beacon the station has not seen, `rsne` unknown, is not compared).
    if (link.rsne === undefined) continue;
    if (!sameBytes(kde.rsne, link.rsne)) return { kind: 'rsne', detail: `link ${link.linkId}'s RSNE differs from its beacon's` };
    if (!sameBytes(kde.rsnxe, link.rsnxe)) return { kind: 'rsne', detail: `link ${link.linkId}'s RSNXE differs from its beacon's` };
  }
  return checkMloGroupKdes(kd, mlo);
}

/** Every link has its MLO GTK KDE, and no KDE names a link outside the association. */
export function checkMloGroupKdes(kd: KeyData, mlo: SupplicantMlo): MloKdeProblem | undefined {
  const ids = new Set(mlo.links.map((l) => l.linkId));
  for (const id of ids) {
    if (!kd.mloGtks.some((g) => g.linkId === id)) return { kind: 'kde', detail: `no MLO GTK KDE for link ${id}` };
  }
  for (const g of [...kd.mloGtks, ...kd.mloIgtks, ...kd.mloBigtks]) {
    if (!ids.has(g.linkId)) return { kind: 'kde', detail: `an MLO group key KDE for link ${g.linkId}, not a link of this association` };
  }
  for (const list of [kd.mloGtks, kd.mloIgtks, kd.mloBigtks]) {
    if (new Set(list.map((g) => g.linkId)).size !== list.length) return { kind: 'kde', detail: 'two MLO group key KDEs of one kind for one link' };
  }
  return undefined;
}

/** The group keys of each link, to install with that link's id; the GTK's counter is its KDE's PN (Key RSC is zero). */
export function mloGroupKeys(kd: KeyData): InstalledGroupKey[] {
  return [
    ...kd.mloGtks.map((g) => ({ kind: 'gtk' as const, keyId: g.keyId, key: g.key, rsc: g.pn, linkId: g.linkId })),
    ...kd.mloIgtks.map((g) => ({ kind: 'igtk' as const, keyId: g.keyId, key: g.key, rsc: g.pn, linkId: g.linkId })),
    ...kd.mloBigtks.map((g) => ({ kind: 'bigtk' as const, keyId: g.keyId, key: g.key, rsc: g.pn, linkId: g.linkId })),
  ];
}
