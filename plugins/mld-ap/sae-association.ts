// The SAE part of a (re)association's checks: which PMK the 4-way handshake of an SAE AKM
// uses. A station that completed SAE with this AP uses the PMKSA of that exchange; one that
// authenticated with Open System asks for PMKSA caching (IEEE 802.11-2020 12.6.10.3) and
// must name a PMKSA this AP holds for it in its RSNE's PMKID List. A PMKID the AP does not
// hold is refused with status 53, INVALID_PMKID, as is an SAE AKM after Open System
// authentication without a PMKID (there is no PMK to use).
import { AuthAlgorithm } from '../../core/ieee80211/auth.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { StatusCode } from '../../core/ieee80211/status-codes.js';
import type { PmksaCache } from '../../core/rsn/pmksa-cache.js';
import type { ApStation } from './station-table.js';

export interface SaeAssociationRefusal {
  status: number;
  why: string;
}

/**
 * For an association with an SAE AKM (`akm`, 8 or 24): sets `sta.pmk`/`sta.pmkid` to the
 * PMKSA the 4-way handshake uses, or gives the refusal. `pmkids` is the RSNE's PMKID List;
 * a cached PMKSA serves only the AKM it was made for (12.6.10.3).
 */
export function selectSaePmksa(sta: ApStation, akm: number, pmkids: readonly Uint8Array[], cache: PmksaCache): SaeAssociationRefusal | undefined {
  if (pmkids.length > 0) {
    const peer = macFromString(sta.addr);
    for (const pmkid of pmkids) {
      const entry = cache.getByPmkid(pmkid, peer);
      if (entry && entry.akm === akm) {
        sta.pmk = entry.pmk;
        sta.pmkid = entry.pmkid;
        return undefined;
      }
    }
    return { status: StatusCode.STATUS_INVALID_PMKID, why: 'no PMKSA of this station with the PMKID of its RSNE' };
  }
  if (sta.authAlgorithm === AuthAlgorithm.SAE && sta.pmk && sta.pmkid) return undefined;
  return { status: StatusCode.STATUS_INVALID_PMKID, why: 'SAE AKM after Open System authentication without a PMKID (PMKSA caching needs one)' };
}
