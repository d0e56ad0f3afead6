// What a station offers an AP (IEEE 802.11-2020 12.6.3): the AKM its network names, if the
// AP's RSNE offers it; CCMP; management frame protection as both sides allow (MFPC/MFPR,
// 12.6.3 Table 12-1: a side requiring it against one not capable refuses); our RSNE and,
// for SAE hash-to-element, our RSNXE, exactly as the (Re)Association Request and message 2
// carry them. A mismatch is a clear error before anything is sent.
import {
  AKM_PSK, AKM_PSK_SHA256, AKM_SAE, CIPHER_BIP_CMAC128, CIPHER_CCMP, encodeRsne, encodeRsnxe, parseRsne, parseRsnxe, RSN_VERSION, RsnCapability, suiteToString,
} from '../../core/ieee80211/rsn-element.js';
import { WpaVersion } from '../../core/nl80211/ap-commands.js';
import type { AssocCrypto } from '../../core/nl80211/sta-commands.js';

export type StaEncryption = 'none' | 'psk2' | 'psk2-sha256' | 'sae';

const AKM_OF: Record<Exclude<StaEncryption, 'none'>, number> = { psk2: AKM_PSK, 'psk2-sha256': AKM_PSK_SHA256, sae: AKM_SAE };


export interface StaRsnChoice {
  akm: number;
  /** Management frame protection in use on this association. */
  pmf: boolean;
  /** Our RSNE and RSNXE (whole elements). */
  rsne: Uint8Array;
  rsnxe?: Uint8Array;
  /** SAE: the AP announces hash-to-element (its RSNXE). */
  apH2e: boolean;
  crypto: AssocCrypto;
}

/** No common ground with the AP: the reason in words; nothing was sent. */
export class RsnMismatchError extends Error {
  override name = 'RsnMismatchError';
}

/**
 * Our RSN choice for the AP whose beacon carried `apRsne`/`apRsnxe` (whole elements).
 * `ieee80211w`: 0 off, 1 optional, 2 required (SAE always at least optional: WPA3).
 */
export function chooseStaRsn(encryption: Exclude<StaEncryption, 'none'>, ieee80211w: 0 | 1 | 2, apRsne: Uint8Array | undefined, apRsnxe?: Uint8Array): StaRsnChoice {
  if (!apRsne) throw new RsnMismatchError(`the AP offers no RSN (open or WEP) but the network is ${encryption}`);
  let ap;
  try {
    ap = parseRsne(apRsne.subarray(2));
  } catch (err) {
    throw new RsnMismatchError(`the AP's RSNE does not parse: ${(err as Error).message}`);
  }
  const akm = AKM_OF[encryption];
  if (!ap.akms.includes(akm)) throw new RsnMismatchError(`the AP offers no ${encryption} (AKM ${suiteToString(akm)}); it offers ${ap.akms.map(suiteToString).join(', ') || 'none'}`);
  if (!ap.pairwiseCiphers.includes(CIPHER_CCMP)) throw new RsnMismatchError('the AP offers no CCMP pairwise cipher');
  const groupCipher = ap.groupCipher ?? CIPHER_CCMP;
  if (groupCipher !== CIPHER_CCMP) throw new RsnMismatchError(`the AP's group cipher ${suiteToString(groupCipher)} is not CCMP`);
  // WPA3-Personal (SAE) requires PMF capability at least (WPA3 specification 2.3).
  const ours = encryption === 'sae' ? Math.max(1, ieee80211w) : ieee80211w;
  const apMfpc = (ap.capabilities & RsnCapability.MFPC) !== 0;
  const apMfpr = (ap.capabilities & RsnCapability.MFPR) !== 0;
  if (apMfpr && ours === 0) throw new RsnMismatchError('the AP requires management frame protection and the network has ieee80211w 0');
  if (ours === 2 && !apMfpc) throw new RsnMismatchError('the network requires management frame protection (ieee80211w 2) and the AP is not capable of it');
  const pmf = ours >= 1 && apMfpc;
  if (pmf && ap.groupMgmtCipher !== undefined && ap.groupMgmtCipher !== CIPHER_BIP_CMAC128) {
    throw new RsnMismatchError(`the AP's group management cipher ${suiteToString(ap.groupMgmtCipher)} is not BIP-CMAC-128`);
  }
  const capabilities = (ours >= 1 ? RsnCapability.MFPC : 0) | (ours === 2 ? RsnCapability.MFPR : 0);
  // BIP-CMAC-128 is the default group management cipher: its field is left out (9.4.2.24.1), as wpa_supplicant does.
  const rsne = encodeRsne({ version: RSN_VERSION, groupCipher, pairwiseCiphers: [CIPHER_CCMP], akms: [akm], capabilities, pmkids: [] });
  let apH2e = false;
  if (apRsnxe) {
    try {
      apH2e = parseRsnxe(apRsnxe.subarray(2)).h2e;
    } catch {
      apH2e = false;
    }
  }
  const h2e = akm === AKM_SAE && apH2e;
  return {
    akm,
    pmf,
    rsne,
    ...(h2e ? { rsnxe: encodeRsnxe({ h2e: true }) } : {}),
    apH2e,
    crypto: {
      wpaVersions: akm === AKM_SAE ? WpaVersion.WPA3 : WpaVersion.WPA2,
      pairwiseCipher: CIPHER_CCMP,
      groupCipher,
      akm,
      mfp: pmf ? 'REQUIRED' : 'NO',
    },
  };
}
