// SAE group 19 arithmetic against the IEEE 802.11 Annex J.10 vectors (see vectors.ts).
import { describe, expect, it } from 'vitest';
import { derivePt, huntAndPeckPwe, pweFromPt } from '../../../core/rsn/sae/pwe.js';
import { confirmHash, deriveKeys, makeCommit, peerScalarFromBytes } from '../../../core/rsn/sae/commit.js';
import { ORDER, bytesToBigint, elementFromBytes, elementToBytes, scalarToBytes } from '../../../core/rsn/sae/group19.js';
import { IEEE_2020, IEEE_2020_H2E, REVMD_D2_1 } from './vectors.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** scalar || element of a commit body (after the 2-octet group). */
const scalarOf = (commit: Uint8Array) => commit.subarray(2, 34);
const elementOf = (commit: Uint8Array) => commit.subarray(34, 98);

describe('SAE hunting-and-pecking, IEEE 802.11-2020 J.10', () => {
  const v = IEEE_2020;
  const pwe = huntAndPeckPwe(utf8(v.password), v.addr1, v.addr2);
  const own = makeCommit(pwe, bytesToBigint(v.rand), bytesToBigint(v.mask))!;

  it('commit-scalar and COMMIT-ELEMENT from the vector rand and mask', () => {
    expect(hex(scalarToBytes(own.scalar))).toBe(hex(scalarOf(v.localCommit)));
    expect(hex(elementToBytes(own.element))).toBe(hex(elementOf(v.localCommit)));
  });

  it('KCK, PMK and PMKID from the peer commit', () => {
    const keys = deriveKeys(pwe, own, peerScalarFromBytes(scalarOf(v.peerCommit))!, elementFromBytes(elementOf(v.peerCommit))!)!;
    expect(hex(keys.kck)).toBe(hex(v.kck));
    expect(hex(keys.pmk)).toBe(hex(v.pmk));
    expect(hex(keys.pmkid)).toBe(hex(v.pmkid));
  });

  it('no keys when the peer element is inverse(peer-scalar * PWE), which would make K the identity', () => {
    const peerScalar = peerScalarFromBytes(scalarOf(v.peerCommit))!;
    expect(deriveKeys(pwe, own, peerScalar, pwe.multiply(peerScalar).negate())).toBeUndefined();
  });

  it('the PWE does not depend on which side computes it (addresses taken as MAX || MIN)', () => {
    expect(huntAndPeckPwe(utf8(v.password), v.addr2, v.addr1).equals(pwe)).toBe(true);
  });
});

describe('SAE hunting-and-pecking with identifier, IEEE P802.11-REVmd/D2.1 J.10', () => {
  const v = REVMD_D2_1;
  const pwe = huntAndPeckPwe(utf8(v.password + v.identifier), v.addr1, v.addr2);
  const own = makeCommit(pwe, bytesToBigint(v.rand), bytesToBigint(v.mask))!;
  const peerScalar = peerScalarFromBytes(scalarOf(v.peerCommit))!;
  const peerElement = elementFromBytes(elementOf(v.peerCommit))!;

  it('commit, keys and both confirms (send-confirm 1)', () => {
    expect(hex(scalarToBytes(own.scalar))).toBe(hex(scalarOf(v.localCommit)));
    expect(hex(elementToBytes(own.element))).toBe(hex(elementOf(v.localCommit)));
    const keys = deriveKeys(pwe, own, peerScalar, peerElement)!;
    expect(hex(keys.kck)).toBe(hex(v.kck));
    expect(hex(keys.pmk)).toBe(hex(v.pmk));
    expect(hex(keys.pmkid)).toBe(hex(v.pmkid));
    expect(hex(confirmHash(keys.kck, 1, own.scalar, own.element, peerScalar, peerElement))).toBe(hex(v.localConfirm.subarray(2)));
    expect(hex(confirmHash(keys.kck, 1, peerScalar, peerElement, own.scalar, own.element))).toBe(hex(v.peerConfirm.subarray(2)));
  });
});

describe('SAE hash-to-element, IEEE 802.11-2020 J.10', () => {
  const v = IEEE_2020_H2E;
  it('PWE from PT (SSID byteme, password identifier psk4internet)', () => {
    const pt = derivePt(utf8(v.ssid), utf8(v.password), utf8(v.identifier));
    const pwe = pweFromPt(pt, v.addr1, v.addr2);
    expect(hex(elementToBytes(pwe))).toBe(hex(v.pweX) + hex(v.pweY));
  });
});

describe('SAE peer commit checks (12.4.5.4)', () => {
  const element = elementOf(IEEE_2020.peerCommit);
  it('scalar 0, 1 and >= r are refused; 2 and r-1 accepted', () => {
    expect(peerScalarFromBytes(scalarToBytes(0n))).toBeUndefined();
    expect(peerScalarFromBytes(scalarToBytes(1n))).toBeUndefined();
    expect(peerScalarFromBytes(scalarToBytes(ORDER))).toBeUndefined();
    expect(peerScalarFromBytes(new Uint8Array(32).fill(0xff))).toBeUndefined();
    expect(peerScalarFromBytes(scalarToBytes(2n))).toBe(2n);
    expect(peerScalarFromBytes(scalarToBytes(ORDER - 1n))).toBe(ORDER - 1n);
  });

  it('an element off the curve, with a coordinate >= p, or all zero (identity) is refused', () => {
    expect(elementFromBytes(element)).toBeDefined();
    const offCurve = element.slice();
    offCurve[63] ^= 1;
    expect(elementFromBytes(offCurve)).toBeUndefined();
    const big = element.slice();
    big.fill(0xff, 0, 32);
    expect(elementFromBytes(big)).toBeUndefined();
    expect(elementFromBytes(new Uint8Array(64))).toBeUndefined();
    expect(elementFromBytes(element.subarray(0, 63))).toBeUndefined();
  });
});
