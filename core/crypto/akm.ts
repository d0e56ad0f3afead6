// What an AKM fixes for the 4-way handshake (IEEE 802.11-2020 12.7.3 Table 12-11 and
// 12.7.2 for the Key Descriptor Version; 802.11-2020 amended by 802.11be for AKM 24):
// the PTK KDF, the KCK/KEK/MIC sizes and the EAPOL-Key MIC algorithm.
import { AKM_PSK, AKM_PSK_SHA256, AKM_SAE, AKM_SAE_EXT_KEY } from '../ieee80211/rsn-element.js';
import type { KdfHash } from './prf.js';

export type MicAlgorithm = 'hmac-sha1-128' | 'aes-128-cmac' | 'hmac-sha256' | 'hmac-sha384' | 'hmac-sha512';

export interface AkmKeyParams {
  /** 'prf-sha1' is the PRF of 12.7.1.2; the others the KDF of 12.7.1.7.2. */
  ptkKdf: 'prf-sha1' | KdfHash;
  kckLen: number;
  kekLen: number;
  micLen: number;
  mic: MicAlgorithm;
  /** Key Descriptor Version in Key Information: 2 (HMAC-SHA1/AES), 3 (AES-CMAC/AES) or 0 (AKM-defined). */
  descriptorVersion: 0 | 2 | 3;
}

/** Throws RangeError for an AKM wifid does not run a 4-way handshake for, or a PMK of the wrong size. */
export function akmKeyParams(akm: number, pmkLen = 32): AkmKeyParams {
  switch (akm) {
    case AKM_PSK:
      requirePmkLen(akm, pmkLen, [32]);
      return { ptkKdf: 'prf-sha1', kckLen: 16, kekLen: 16, micLen: 16, mic: 'hmac-sha1-128', descriptorVersion: 2 };
    case AKM_PSK_SHA256:
      requirePmkLen(akm, pmkLen, [32]);
      return { ptkKdf: 'sha256', kckLen: 16, kekLen: 16, micLen: 16, mic: 'aes-128-cmac', descriptorVersion: 3 };
    case AKM_SAE:
      requirePmkLen(akm, pmkLen, [32]);
      return { ptkKdf: 'sha256', kckLen: 16, kekLen: 16, micLen: 16, mic: 'aes-128-cmac', descriptorVersion: 0 };
    case AKM_SAE_EXT_KEY: {
      // The hash follows the SAE group's PMK length: 32 -> SHA-256, 48 -> SHA-384, 64 -> SHA-512.
      requirePmkLen(akm, pmkLen, [32, 48, 64]);
      const hash: KdfHash = pmkLen === 32 ? 'sha256' : pmkLen === 48 ? 'sha384' : 'sha512';
      return {
        ptkKdf: hash, kckLen: pmkLen / 2, kekLen: pmkLen <= 32 ? 16 : 32, micLen: pmkLen / 2,
        mic: `hmac-${hash}` as MicAlgorithm, descriptorVersion: 0,
      };
    }
    default:
      throw new RangeError(`unsupported AKM suite 0x${akm.toString(16).padStart(8, '0')}`);
  }
}

function requirePmkLen(akm: number, pmkLen: number, allowed: number[]): void {
  if (!allowed.includes(pmkLen)) {
    throw new RangeError(`AKM 0x${akm.toString(16).padStart(8, '0')} takes a PMK of ${allowed.join('/')} octets, not ${pmkLen}`);
  }
}
