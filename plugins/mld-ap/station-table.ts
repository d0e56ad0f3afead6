// The stations of one AP, keyed by MAC address, with Association IDs (1..max_clients,
// IEEE 802.11-2020 9.4.1.8: AID 0 is reserved and 2007 is the highest). Pure state; the
// MLME decides, this table remembers.
import { MAX_AID } from '../../core/ieee80211/assoc.js';

export type StationState = 'authenticated' | 'associated' | 'authorized';

export interface ApStation {
  addr: string;
  state: StationState;
  /** Set once associated. */
  aid?: number;
  /** AKM suite selector agreed at association (0 for an open network). */
  akm: number;
  pmf: boolean;
  /** Monotonic ms of association. */
  associatedAt?: number;
  listenInterval?: number;
  capability?: number;
  /** The RSNE the station sent in its (re)association request, whole element. */
  rsne?: Uint8Array;
  /** Its RSNXE, whole element, if it sent one (message 2 must repeat it). */
  rsnxe?: Uint8Array;
  /** Pairwise cipher agreed at association (RSN only). */
  pairwiseCipher?: number;
  /** Whether the kernel holds a station entry (NEW_STATION done, DEL_STATION not yet). */
  inKernel: boolean;
  /** Per-station protocol instances (4-way handshake, SAE) the RSN steps attach here. */
  authenticator?: {
    /** The station left: its handshakes end (and the group keys it held are replaced). */
    stop(): void;
    /** A new association of the station: its handshakes end; it stays, and a new 4-way follows. */
    cancel(): void;
  };
  sae?: { stop?(): void };
  /** Authentication Algorithm Number the station authenticated with: 0 Open System, 3 SAE. */
  authAlgorithm?: number;
  /** The PMK for an SAE AKM: from the SAE exchange, or from the PMKSA cache at association. */
  pmk?: Uint8Array;
  /** The PMKID of that PMKSA. */
  pmkid?: Uint8Array;
  /** The SAE exchange used hash-to-element (the association must then carry the RSNXE H2E bit). */
  saeH2e?: boolean;
  /**
   * On an AP MLD: the link a non-MLO station is on (it leaves when that link is removed), or
   * a non-AP MLD's association link (its EAPOL goes there until the port opens).
   */
  linkId?: number;
  /**
   * A non-AP MLD (802.11be), whose entry is keyed by its MLD address: its address on the
   * association link (where it authenticated), and once associated every link it holds.
   * `reauthAddr`: the link address of an Open System authentication received while it holds
   * a PMF association (mac80211 gives a non-AP MLD new link addresses for each connection);
   * its (re)association request from there is met with SA Query, not refused as unknown.
   */
  mld?: { linkAddr: string; links: StationLinkInfo[]; reauthAddr?: string };
}

/** One link of a non-AP MLD's association: the AP MLD's link id and the station's address there. */
export interface StationLinkInfo {
  linkId: number;
  addr: string;
}


export class StationTable {
  private readonly stations = new Map<string, ApStation>();

  constructor(private readonly maxClients: number) {
    if (maxClients < 1 || maxClients > MAX_AID) throw new RangeError(`max_clients ${maxClients}`);
  }

  get(addr: string): ApStation | undefined {
    return this.stations.get(addr);
  }

  /** The station's entry, created in state authenticated if absent. */
  authenticate(addr: string): ApStation {
    let sta = this.stations.get(addr);
    if (!sta) {
      sta = { addr, state: 'authenticated', akm: 0, pmf: false, inKernel: false };
      this.stations.set(addr, sta);
    }
    return sta;
  }

  /** Stations holding an AID. */
  get associatedCount(): number {
    let n = 0;
    for (const s of this.stations.values()) if (s.aid !== undefined) n++;
    return n;
  }

  /** The lowest free AID, or undefined when max_clients stations are associated. */
  allocateAid(): number | undefined {
    if (this.associatedCount >= this.maxClients) return undefined;
    const used = new Set<number>();
    for (const s of this.stations.values()) if (s.aid !== undefined) used.add(s.aid);
    for (let aid = 1; aid <= MAX_AID; aid++) if (!used.has(aid)) return aid;
    return undefined;
  }

  remove(addr: string): ApStation | undefined {
    const sta = this.stations.get(addr);
    this.stations.delete(addr);
    return sta;
  }

  list(): ApStation[] {
    return [...this.stations.values()];
  }

  get size(): number {
    return this.stations.size;
  }
}
