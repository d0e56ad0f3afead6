// Pairwise key hierarchy (IEEE 802.11-2020 12.7.1.3): PTK = PRF/KDF(PMK, "Pairwise key expansion",
// Min(AA,SPA) || Max(AA,SPA) || Min(ANonce,SNonce) || Max(ANonce,SNonce)), split into KCK | KEK | TK.
import { akmKeyParams } from './akm.js';
import { kdf, prf } from './prf.js';
import { cipherKeyLength } from './cipher-keys.js';

export interface PtkInput {
  akm: number;
  pmk: Uint8Array;
  /** Authenticator address (the AP's BSSID, or its MLD address for MLO). */
  aa: Uint8Array;
  /** Supplicant address. */
  spa: Uint8Array;
  anonce: Uint8Array;
  snonce: Uint8Array;
  /** Pairwise cipher suite, e.g. CIPHER_CCMP. */
  cipher: number;
}

export interface Ptk {
  kck: Uint8Array;
  kek: Uint8Array;
  tk: Uint8Array;
}

export function derivePtk(input: PtkInput): Ptk {
  const { akm, pmk, aa, spa, anonce, snonce, cipher } = input;
  if (aa.length !== 6 || spa.length !== 6) throw new RangeError('AA and SPA are 6 octets');
  if (anonce.length !== 32 || snonce.length !== 32) throw new RangeError('ANonce and SNonce are 32 octets');
  const params = akmKeyParams(akm, pmk.length);
  const tkLen = cipherKeyLength(cipher);
  const [a1, a2] = ordered(aa, spa);
  const [n1, n2] = ordered(anonce, snonce);
  const context = Buffer.concat([a1, a2, n1, n2]);
  const bits = (params.kckLen + params.kekLen + tkLen) * 8;
  const label = 'Pairwise key expansion';
  const ptk = params.ptkKdf === 'prf-sha1' ? prf(pmk, label, context, bits) : kdf(params.ptkKdf, pmk, label, context, bits);
  return {
    kck: ptk.slice(0, params.kckLen),
    kek: ptk.slice(params.kckLen, params.kckLen + params.kekLen),
    tk: ptk.slice(params.kckLen + params.kekLen),
  };
}

/** The two values in Min, Max order, compared as unsigned big-endian integers. */
function ordered(a: Uint8Array, b: Uint8Array): [Uint8Array, Uint8Array] {
  return Buffer.compare(a, b) <= 0 ? [a, b] : [b, a];
}
