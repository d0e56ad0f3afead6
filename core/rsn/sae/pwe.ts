// The password element (PWE) of SAE group 19, both ways IEEE 802.11-2020 derives it:
// hunting-and-pecking (12.4.4.2.2) from the password and the two MAC addresses, and
// hash-to-element (12.4.4.2.3) from a password token PT (password + SSID + optional
// password identifier, computable once per SSID) and the two MAC addresses.
// The simplified SWU map is @noble/curves' RFC 9380 one: 802.11's SSWU with the P-256
// Z = -10 is the same map (same x candidates, y chosen so that LSB(y) = LSB(u)).
import { mapToCurveSimpleSWU } from '@noble/curves/abstract/hash-to-curve.js';
import { expand } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { MAC_LEN } from '../../ieee80211/mac-address.js';
import { textEncoder } from '../../ieee80211/byte-writer.js';
import { kdf } from '../../crypto/prf.js';
import { hmacSha256 } from './hmac-sha256.js';
import {
  CURVE_A, CURVE_B, Fp, ORDER, PRIME, PRIME_LEN, Point, type SaePoint,
  bytesToBigint, curveRhs, isQuadraticResidue, scalarToBytes,
} from './group19.js';

/**
 * At least this many hunting-and-pecking rounds run whatever round finds the PWE, so the
 * time taken says less about the password (12.4.4.2.2 asks for k of at least 40).
 */
const HUNT_AND_PECK_MIN_ROUNDS = 40;
/** A bound the standard leaves open; the chance of reaching it is about 2^-200. */
const HUNT_AND_PECK_MAX_ROUNDS = 200;

/** MAX(addr1, addr2) || MIN(addr1, addr2), compared as octet strings. */
export function maxMinAddresses(addr1: Uint8Array, addr2: Uint8Array): Uint8Array {
  if (addr1.length !== MAC_LEN || addr2.length !== MAC_LEN) throw new RangeError('SAE addresses are 6 octets');
  const out = new Uint8Array(2 * MAC_LEN);
  const firstIsHigher = Buffer.compare(addr1, addr2) > 0;
  out.set(firstIsHigher ? addr1 : addr2, 0);
  out.set(firstIsHigher ? addr2 : addr1, MAC_LEN);
  return out;
}

/** Hunting-and-pecking PWE (12.4.4.2.2); password as octets (a passphrase's UTF-8). */
export function huntAndPeckPwe(password: Uint8Array, addr1: Uint8Array, addr2: Uint8Array): SaePoint {
  const key = maxMinAddresses(addr1, addr2);
  const primeBytes = scalarToBytes(PRIME);
  let found: { x: bigint; seedOdd: boolean } | undefined;
  for (let counter = 1; counter <= HUNT_AND_PECK_MIN_ROUNDS || !found; counter++) {
    if (counter > HUNT_AND_PECK_MAX_ROUNDS) throw new Error('SAE: no password element found');
    // pwd-seed = H(MAX || MIN, password || counter)
    const seed = hmacSha256(key, password, new Uint8Array([counter]));
    // pwd-value = KDF-256(pwd-seed, "SAE Hunting and Pecking", p)
    const value = bytesToBigint(kdf('sha256', seed, 'SAE Hunting and Pecking', primeBytes, PRIME_LEN * 8));
    if (value >= PRIME || !isQuadraticResidue(curveRhs(value))) continue;
    found ??= { x: value, seedOdd: (seed[seed.length - 1] & 1) === 1 };
  }
  const y = Fp.sqrt(curveRhs(found.x));
  // The root whose parity matches the saved pwd-seed's.
  const yOdd = (y & 1n) === 1n;
  return Point.fromAffine({ x: found.x, y: yOdd === found.seedOdd ? y : Fp.neg(y) });
}

const sswu = mapToCurveSimpleSWU(Fp, { A: CURVE_A, B: CURVE_B, Z: Fp.neg(10n) });

/** olen(p) + floor(olen(p)/2) octets of HKDF output, reduced modulo p (12.4.4.2.3). */
const PWD_VALUE_LEN = PRIME_LEN + PRIME_LEN / 2;

/**
 * The password token PT (12.4.4.2.3): pwd-seed = HKDF-Extract(SSID, password [|| identifier]),
 * u1/u2 = HKDF-Expand(pwd-seed, "SAE Hash to Element u1 P1" / "... u2 P2", len) mod p,
 * PT = SSWU(u1) + SSWU(u2).
 */
export function derivePt(ssid: Uint8Array, password: Uint8Array, identifier?: Uint8Array): SaePoint {
  const ikm = identifier ? Buffer.concat([password, identifier]) : password;
  const seed = hmacSha256(ssid, ikm);
  const map = (label: string): SaePoint => {
    const u = Fp.create(bytesToBigint(expand(sha256, seed, textEncoder.encode(label), PWD_VALUE_LEN)));
    return Point.fromAffine(sswu(u));
  };
  return map('SAE Hash to Element u1 P1').add(map('SAE Hash to Element u2 P2'));
}

/** PWE = scalar-op(val, PT), val = H(0^n, MAX || MIN) mod (r - 1) + 1 (12.4.4.2.3). */
export function pweFromPt(pt: SaePoint, addr1: Uint8Array, addr2: Uint8Array): SaePoint {
  const val = bytesToBigint(hmacSha256(new Uint8Array(32), maxMinAddresses(addr1, addr2)));
  return pt.multiply((val % (ORDER - 1n)) + 1n);
}
