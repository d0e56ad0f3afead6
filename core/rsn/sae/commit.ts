// The arithmetic of an SAE exchange in group 19 (IEEE 802.11-2020 12.4.5): our commit
// (scalar and element from two secrets), the checks on the peer's commit, the shared
// secret K and the keys derived from it, and the confirm hash.
import { randomBytes } from 'node:crypto';
import { kdf } from '../../crypto/prf.js';
import { hmacSha256 } from './hmac-sha256.js';
import { ORDER, PRIME_LEN, type SaePoint, bytesToBigint, elementToBytes, scalarToBytes } from './group19.js';

export interface OwnCommit {
  /** The secret rand, kept to compute K. */
  rand: bigint;
  /** commit-scalar = (rand + mask) mod r. */
  scalar: bigint;
  /** COMMIT-ELEMENT = inverse(scalar-op(mask, PWE)). */
  element: SaePoint;
}

export interface SaeKeys {
  /** Key confirmation key: 32 octets for group 19. */
  kck: Uint8Array;
  pmk: Uint8Array;
  /** L((commit-scalar + peer-commit-scalar) mod r, 0, 128). */
  pmkid: Uint8Array;
}

const KCK_LEN = 32;
const PMK_LEN = 32;
const PMKID_LEN = 16;

/** Our commit from given secrets (12.4.5.3); undefined when the scalar would be below 2. */
export function makeCommit(pwe: SaePoint, rand: bigint, mask: bigint): OwnCommit | undefined {
  const scalar = (rand + mask) % ORDER;
  if (scalar < 2n) return undefined;
  return { rand, scalar, element: pwe.multiply(mask).negate() };
}

/** A uniformly random integer in (1, r), by rejection of the rare 256-bit values outside. */
export function randomScalar(random: (n: number) => Uint8Array = randomBytes): bigint {
  for (;;) {
    const v = bytesToBigint(random(PRIME_LEN));
    if (v > 1n && v < ORDER) return v;
  }
}

/** Our commit from fresh secrets. */
export function randomCommit(pwe: SaePoint, random?: (n: number) => Uint8Array): OwnCommit {
  for (;;) {
    const commit = makeCommit(pwe, randomScalar(random), randomScalar(random));
    if (commit) return commit;
  }
}

/** The peer's scalar if 12.4.5.4 accepts it (1 < scalar < r), else undefined. */
export function peerScalarFromBytes(bytes: Uint8Array): bigint | undefined {
  if (bytes.length !== PRIME_LEN) return undefined;
  const s = bytesToBigint(bytes);
  return s > 1n && s < ORDER ? s : undefined;
}

/**
 * K = scalar-op(rand, elem-op(scalar-op(peer-commit-scalar, PWE), PEER-COMMIT-ELEMENT)),
 * keyseed = H(salt, F(K)), KCK || PMK = KDF-512(keyseed, "SAE KCK and PMK",
 * (commit-scalar + peer-commit-scalar) mod r) (12.4.5.4). Undefined when K is the identity
 * (the peer's commit must then be rejected). `salt` is 32 zero octets unless H2E carried
 * rejected groups.
 */
export function deriveKeys(
  pwe: SaePoint,
  own: OwnCommit,
  peerScalar: bigint,
  peerElement: SaePoint,
  salt: Uint8Array = new Uint8Array(32),
): SaeKeys | undefined {
  const sum = pwe.multiply(peerScalar).add(peerElement);
  // The identity here means the peer sent inverse(peer-scalar * PWE): no key may come of it.
  if (sum.is0()) return undefined;
  const k = sum.multiply(own.rand);
  if (k.is0()) return undefined;
  const keyseed = hmacSha256(salt, scalarToBytes(k.toAffine().x));
  const context = scalarToBytes((own.scalar + peerScalar) % ORDER);
  const keys = kdf('sha256', keyseed, 'SAE KCK and PMK', context, (KCK_LEN + PMK_LEN) * 8);
  return { kck: keys.slice(0, KCK_LEN), pmk: keys.slice(KCK_LEN), pmkid: context.slice(0, PMKID_LEN) };
}

/**
 * CN(KCK, send-confirm, scalar1, ELEMENT1, scalar2, ELEMENT2) with HMAC-SHA-256 (12.4.5.5):
 * ours is (own, peer), the verifier of the peer's is (peer, own).
 */
export function confirmHash(
  kck: Uint8Array,
  sendConfirm: number,
  scalar1: bigint,
  element1: SaePoint,
  scalar2: bigint,
  element2: SaePoint,
): Uint8Array {
  const sc = new Uint8Array([sendConfirm & 0xff, (sendConfirm >>> 8) & 0xff]);
  return hmacSha256(kck, sc, scalarToBytes(scalar1), elementToBytes(element1), scalarToBytes(scalar2), elementToBytes(element2));
}
