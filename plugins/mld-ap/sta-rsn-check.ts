// The RSNE of a (re)association request checked against the BSS's RSN configuration
// (IEEE 802.11-2020 12.6.3: the STA names one pairwise cipher and one AKM from the AP's
// lists, and the MFPC/MFPR combinations of management frame protection), each refusal with the
// status code Table 9-50 gives it. The MLME parsed the element already (a malformed
// one never reaches here).
import type { AssocRequest } from '../../core/ieee80211/assoc.js';
import { CIPHER_BIP_CMAC128, CIPHER_CCMP, RSN_VERSION, RsnCapability, suiteToString } from '../../core/ieee80211/rsn-element.js';
import { StatusCode } from '../../core/ieee80211/status-codes.js';
import type { BssRsnConfig } from './bss-rsn.js';

export interface RsnAgreement {
  akm: number;
  pairwiseCipher: number;
  /** Management frame protection negotiated: both sides MFPC. */
  pmf: boolean;
  /** The PMKIDs the STA listed (PMKSA caching, SAE). */
  pmkids: Uint8Array[];
}

export type RsnCheck = { ok: true; agreed: RsnAgreement } | { ok: false; status: number; why: string };

const refuse = (status: number, why: string): RsnCheck => ({ ok: false, status, why });

/** Whether the request's RSNE is acceptable to an RSN BSS, and what was agreed. */
export function checkStationRsn(cfg: BssRsnConfig, req: AssocRequest): RsnCheck {
  const r = req.rsne;
  if (!r) {
    // An RSN BSS takes only RSNAs (no pre-RSNA/WPA1 association): hostapd answers 40 too.
    return refuse(StatusCode.STATUS_INVALID_ELEMENT, 'no RSN element in the request');
  }
  if (r.version !== RSN_VERSION) return refuse(StatusCode.UNSUPPORTED_RSNE_VERSION, `RSN version ${r.version}`);
  // An element ending after the version means the defaults: group CCMP-128.
  const group = r.groupCipher ?? CIPHER_CCMP;
  if (group !== cfg.groupCipher) return refuse(StatusCode.STATUS_INVALID_GROUP_CIPHER, `group cipher ${suiteToString(group)}, the BSS uses ${suiteToString(cfg.groupCipher)}`);
  if (r.pairwiseCiphers.length !== 1) return refuse(StatusCode.STATUS_INVALID_PAIRWISE_CIPHER, `${r.pairwiseCiphers.length} pairwise cipher suites (one is required)`);
  const pairwise = r.pairwiseCiphers[0]!;
  if (!cfg.pairwiseCiphers.includes(pairwise)) return refuse(StatusCode.STATUS_INVALID_PAIRWISE_CIPHER, `pairwise cipher ${suiteToString(pairwise)} not offered`);
  if (r.akms.length !== 1) return refuse(StatusCode.STATUS_INVALID_AKMP, `${r.akms.length} AKM suites (one is required)`);
  const akm = r.akms[0]!;
  if (!cfg.akms.includes(akm)) return refuse(StatusCode.STATUS_INVALID_AKMP, `AKM ${suiteToString(akm)} not offered`);
  const mfpc = (r.capabilities & RsnCapability.MFPC) !== 0;
  const mfpr = (r.capabilities & RsnCapability.MFPR) !== 0;
  // MFPR without MFPC is an invalid combination (9.4.2.24.4).
  if (mfpr && !mfpc) return refuse(StatusCode.INVALID_RSNE_CAPABILITIES, 'MFP required but not capable');
  if (cfg.pmf === 2 && !mfpc) return refuse(StatusCode.ROBUST_MANAGEMENT_POLICY_VIOLATION, 'management frame protection is required and the STA does not offer it');
  if (cfg.pmf === 0 && mfpr) return refuse(StatusCode.ROBUST_MANAGEMENT_POLICY_VIOLATION, 'the STA requires management frame protection, the BSS has it off');
  const pmf = cfg.pmf >= 1 && mfpc;
  // An RSNE without the field means BIP-CMAC-128 (9.4.2.24.1), which a BIP-GMAC-256 BSS does not use.
  const groupMgmt = r.groupMgmtCipher ?? CIPHER_BIP_CMAC128;
  if (pmf && groupMgmt !== (cfg.groupMgmtCipher ?? CIPHER_BIP_CMAC128)) {
    // hostapd answers a wrong group management cipher the same way (WPA_INVALID_MGMT_GROUP_CIPHER).
    return refuse(StatusCode.STATUS_CIPHER_OUT_OF_POLICY, `group management cipher ${suiteToString(groupMgmt)}, the BSS uses ${suiteToString(cfg.groupMgmtCipher ?? CIPHER_BIP_CMAC128)}`);
  }
  return { ok: true, agreed: { akm, pairwiseCipher: pairwise, pmf, pmkids: r.pmkids } };
}
