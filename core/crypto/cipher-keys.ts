// Key lengths of the cipher suites the RSN code installs keys for (IEEE 802.11-2020 Table 12-4);
// the suite selectors themselves are the RSNE codec's constants.
import {
  CIPHER_BIP_CMAC128, CIPHER_BIP_CMAC256, CIPHER_BIP_GMAC128, CIPHER_BIP_GMAC256, CIPHER_CCMP, CIPHER_CCMP256,
  CIPHER_GCMP128, CIPHER_GCMP256,
} from '../ieee80211/rsn-element.js';

/** Temporal key length in octets; TKIP and WEP are not offered. */
export function cipherKeyLength(cipher: number): number {
  switch (cipher) {
    case CIPHER_CCMP:
    case CIPHER_GCMP128:
    case CIPHER_BIP_CMAC128:
    case CIPHER_BIP_GMAC128:
      return 16;
    case CIPHER_GCMP256:
    case CIPHER_CCMP256:
    case CIPHER_BIP_GMAC256:
    case CIPHER_BIP_CMAC256:
      return 32;
    default:
      throw new RangeError(`unsupported cipher suite 0x${cipher.toString(16).padStart(8, '0')}`);
  }
}
