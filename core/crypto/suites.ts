// The AKM and cipher suite selectors the RSN code derives keys for (IEEE 802.11-2020
// Table 9-151 and 9-149), as 32-bit numbers OUI<<8 | type, the way the RSNE codec spells them.
export const AKM_PSK = 0x000fac02;
export const AKM_PSK_SHA256 = 0x000fac06;
export const AKM_SAE = 0x000fac08;
export const AKM_SAE_EXT_KEY = 0x000fac18;

export const CIPHER_CCMP_128 = 0x000fac04;
export const CIPHER_GCMP_128 = 0x000fac08;
export const CIPHER_GCMP_256 = 0x000fac09;
export const CIPHER_CCMP_256 = 0x000fac0a;
export const CIPHER_BIP_CMAC_128 = 0x000fac06;
export const CIPHER_BIP_GMAC_128 = 0x000fac0b;
export const CIPHER_BIP_GMAC_256 = 0x000fac0c;
export const CIPHER_BIP_CMAC_256 = 0x000fac0d;

/** Temporal key length in octets (Table 12-4); TKIP and WEP are not offered. */
export function cipherKeyLength(cipher: number): number {
  switch (cipher) {
    case CIPHER_CCMP_128:
    case CIPHER_GCMP_128:
    case CIPHER_BIP_CMAC_128:
    case CIPHER_BIP_GMAC_128:
      return 16;
    case CIPHER_GCMP_256:
    case CIPHER_CCMP_256:
    case CIPHER_BIP_GMAC_256:
    case CIPHER_BIP_CMAC_256:
      return 32;
    default:
      throw new RangeError(`unsupported cipher suite 0x${cipher.toString(16).padStart(8, '0')}`);
  }
}
