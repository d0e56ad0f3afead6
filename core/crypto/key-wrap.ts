// AES Key Wrap (RFC 3394) for EAPOL-Key Key Data (IEEE 802.11-2020 12.7.2 j): Node's
// OpenSSL "id-aesNNN-wrap" with the default IV A6A6A6A6A6A6A6A6, key size chosen by the KEK.
import { createCipheriv, createDecipheriv } from 'node:crypto';

const DEFAULT_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');

function algorithm(kek: Uint8Array): string {
  if (kek.length === 16) return 'id-aes128-wrap';
  if (kek.length === 24) return 'id-aes192-wrap';
  if (kek.length === 32) return 'id-aes256-wrap';
  throw new RangeError(`a key-wrap KEK is 16, 24 or 32 octets, not ${kek.length}`);
}

/** Wraps `plaintext` (a multiple of 8 octets, at least 16); the result is 8 octets longer. */
export function aesKeyWrap(kek: Uint8Array, plaintext: Uint8Array): Uint8Array {
  if (plaintext.length < 16 || plaintext.length % 8 !== 0) {
    throw new RangeError(`key wrap needs a multiple of 8 octets, at least 16, not ${plaintext.length}`);
  }
  const c = createCipheriv(algorithm(kek), kek, DEFAULT_IV);
  return new Uint8Array(Buffer.concat([c.update(plaintext), c.final()]));
}

/** Unwraps `ciphertext`; undefined when it is malformed or its integrity check fails (wrong KEK, tampering). */
export function aesKeyUnwrap(kek: Uint8Array, ciphertext: Uint8Array): Uint8Array | undefined {
  if (ciphertext.length < 24 || ciphertext.length % 8 !== 0) return undefined;
  try {
    const d = createDecipheriv(algorithm(kek), kek, DEFAULT_IV);
    return new Uint8Array(Buffer.concat([d.update(ciphertext), d.final()]));
  } catch {
    return undefined;
  }
}
