// SAE's finite cyclic group 19 (IEEE 802.11-2020 12.4.4.2: the NIST P-256 curve), as
// bytes on the air and as points for the arithmetic. All curve and field arithmetic is
// @noble/curves' (audited); this module only fixes the encodings SAE uses: scalars as
// len(r) big-endian octets, elements as x || y of len(p) octets each (12.4.7.2.4, 12.4.7.2.5).
import { p256 } from '@noble/curves/nist.js';
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';

export type SaePoint = WeierstrassPoint<bigint>;

export const SAE_GROUP_P256 = 19;
export const Point = p256.Point;
export const Fp = p256.Point.Fp;
/** p, the field's prime. */
export const PRIME = Fp.ORDER;
/** r, the order of the group. */
export const ORDER = p256.Point.Fn.ORDER;
/** len(p) = len(r) in octets for P-256. */
export const PRIME_LEN = 32;
/** Curve coefficient b of y^2 = x^3 + a*x + b (a = -3). */
export const CURVE_A = Fp.create(-3n);
export const CURVE_B = p256.Point.CURVE().b;

export function scalarToBytes(n: bigint): Uint8Array {
  return numberToBytesBE(n, PRIME_LEN);
}

export function bytesToBigint(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : bytesToNumberBE(bytes);
}

/** x || y, each len(p) octets. */
export function elementToBytes(p: SaePoint): Uint8Array {
  const { x, y } = p.toAffine();
  const out = new Uint8Array(2 * PRIME_LEN);
  out.set(numberToBytesBE(x, PRIME_LEN), 0);
  out.set(numberToBytesBE(y, PRIME_LEN), PRIME_LEN);
  return out;
}

/**
 * The peer's element, or undefined when 12.4.5.4 says it is invalid: a coordinate not
 * below p, a point not on the curve, or the identity (which x || y cannot express anyway).
 */
export function elementFromBytes(bytes: Uint8Array): SaePoint | undefined {
  if (bytes.length !== 2 * PRIME_LEN) return undefined;
  const x = bytesToBigint(bytes.subarray(0, PRIME_LEN));
  const y = bytesToBigint(bytes.subarray(PRIME_LEN));
  if (x >= PRIME || y >= PRIME) return undefined;
  try {
    const p = Point.fromAffine({ x, y });
    p.assertValidity();
    return p.is0() ? undefined : p;
  } catch {
    return undefined;
  }
}

/** y^2 = x^3 + a*x + b for a candidate x (the hunting-and-pecking test). */
export function curveRhs(x: bigint): bigint {
  return Fp.add(Fp.add(Fp.mul(Fp.sqr(x), x), Fp.mul(CURVE_A, x)), CURVE_B);
}

/** Legendre symbol test: is v a non-zero square modulo p (Euler's criterion)? */
export function isQuadraticResidue(v: bigint): boolean {
  return !Fp.is0(v) && Fp.eql(Fp.pow(v, (PRIME - 1n) / 2n), Fp.ONE);
}
