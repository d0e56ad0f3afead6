// AES-CMAC (RFC 4493), which Node's crypto lacks: @noble/ciphers' audited implementation.
import { cmac } from '@noble/ciphers/aes.js';

/** The 16-octet AES-CMAC tag of `message` under a 16- or 32-octet key. */
export function aesCmac(key: Uint8Array, message: Uint8Array): Uint8Array {
  return cmac(message, key);
}
