// The SAE Authentication frame bodies on the IEEE 802.11 Annex J.10 commits and confirms
// (test/rsn/sae/vectors.ts), the H2E elements (the AKM Suite Selector too), and seeded fuzzing of every parser.
import { describe, expect, it } from 'vitest';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import {
  buildSaeCommit, buildSaeConfirm, buildSaeGroupRejection, buildSaeTokenRequest, isKnownSaeGroup,
  parseSaeCommit, parseSaeConfirm, parseSaeTokenRequest, readSaeGroup,
} from '../../core/ieee80211/sae-auth-body.js';
import { mulberry32, mutate } from '../helpers/prng.js';
import { IEEE_2020, REVMD_D2_1 } from '../rsn/sae/vectors.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('SAE commit body', () => {
  it('parses and rebuilds the 802.11-2020 J.10 hunting-and-pecking commits octet for octet', () => {
    for (const body of [IEEE_2020.localCommit, IEEE_2020.peerCommit]) {
      const c = parseSaeCommit(body, { h2e: false });
      expect(c.group).toBe(19);
      expect(hex(c.scalar)).toBe(hex(body.subarray(2, 34)));
      expect(hex(c.element)).toBe(hex(body.subarray(34, 98)));
      expect(c.token).toBeUndefined();
      expect(hex(buildSaeCommit(c, { h2e: false }))).toBe(hex(body));
    }
  });

  it('reads the Password Identifier element after the element (REVmd/D2.1 J.10 commit), and rebuilds it', () => {
    const c = parseSaeCommit(REVMD_D2_1.localCommit, { h2e: true });
    expect(new TextDecoder().decode(c.passwordIdentifier)).toBe('psk4internet');
    expect(hex(buildSaeCommit(c, { h2e: true }))).toBe(hex(REVMD_D2_1.localCommit));
  });

  it('H&P: a token sits between the group and the scalar', () => {
    const token = new Uint8Array(32).fill(0xab);
    const base = parseSaeCommit(IEEE_2020.localCommit, { h2e: false });
    const body = buildSaeCommit({ ...base, token }, { h2e: false });
    expect(body).toHaveLength(2 + 32 + 96);
    expect(hex(body.subarray(2, 34))).toBe(hex(token));
    expect(parseSaeCommit(body, { h2e: false })).toEqual({ ...base, token });
  });

  it('H2E: Rejected Groups and the Anti-Clogging Token Container as extension elements 92 and 93', () => {
    const base = parseSaeCommit(IEEE_2020.localCommit, { h2e: false });
    const body = buildSaeCommit({ ...base, rejectedGroups: [20, 21], token: new Uint8Array([1, 2, 3]) }, { h2e: true });
    expect(hex(body.subarray(98))).toBe('ff055c14001500' + 'ff045d010203');
    expect(parseSaeCommit(body, { h2e: true })).toEqual({ ...base, rejectedGroups: [20, 21], token: new Uint8Array([1, 2, 3]) });
  });

  it('H2E: the AKM Suite Selector element (255/114) of an AKM 24 exchange, after the token container, as wpa_supplicant 2.11 writes it', () => {
    const base = parseSaeCommit(IEEE_2020.localCommit, { h2e: false });
    const body = buildSaeCommit({ ...base, token: new Uint8Array([1, 2, 3]), akmSuite: 0x000fac18 }, { h2e: true });
    expect(hex(body.subarray(98))).toBe('ff045d010203' + 'ff0572000fac18');
    expect(parseSaeCommit(body, { h2e: true })).toEqual({ ...base, token: new Uint8Array([1, 2, 3]), akmSuite: 0x000fac18 });
    expect(() => buildSaeCommit({ ...base, akmSuite: 0x000fac18 }, { h2e: false })).toThrow(RangeError);
  });

  it('refuses: an unknown group, a short body, an odd Rejected Groups list, a repeated element, an empty token container', () => {
    const good = IEEE_2020.localCommit;
    const bad = (body: Uint8Array, h2e = true) => () => parseSaeCommit(body, { h2e });
    const withTail = (tail: string) => Buffer.concat([good, Buffer.from(tail, 'hex')]);
    expect(bad(Buffer.concat([Buffer.from([20, 0]), good.subarray(2)]))).toThrow(FrameDecodeError);
    expect(bad(good.subarray(0, 97))).toThrow(FrameDecodeError);
    expect(bad(good.subarray(0, 1))).toThrow(FrameDecodeError);
    expect(bad(withTail('ff045c140015'))).toThrow(/Rejected Groups/);
    expect(bad(withTail('ff035c1400ff035c1400'))).toThrow(/twice/);
    expect(bad(withTail('ff015d'))).toThrow(/empty token/);
    expect(bad(withTail('ff0472000fac'))).toThrow(/AKM Suite Selector/);
    expect(bad(withTail('ff0672000fac1800'))).toThrow(/AKM Suite Selector/);
    expect(bad(withTail('ff0572000fac18ff0572000fac08'))).toThrow(/twice/);
    expect(bad(withTail('ff05'))).toThrow(FrameDecodeError);
    expect(readSaeGroup(good)).toBe(19);
    expect(isKnownSaeGroup(19)).toBe(true);
    expect(isKnownSaeGroup(20)).toBe(false);
  });
});

describe('SAE confirm, token request and group rejection bodies', () => {
  it('parses and rebuilds the REVmd/D2.1 J.10 confirms', () => {
    for (const body of [REVMD_D2_1.localConfirm, REVMD_D2_1.peerConfirm]) {
      const c = parseSaeConfirm(body, 19);
      expect(c.sendConfirm).toBe(1);
      expect(hex(c.confirm)).toBe(hex(body.subarray(2)));
      expect(hex(buildSaeConfirm(c))).toBe(hex(body));
    }
    expect(() => parseSaeConfirm(REVMD_D2_1.localConfirm.subarray(0, 33), 19)).toThrow(FrameDecodeError);
    expect(() => parseSaeConfirm(Buffer.concat([REVMD_D2_1.localConfirm, Buffer.of(0)]), 19)).toThrow(FrameDecodeError);
    expect(() => parseSaeConfirm(REVMD_D2_1.localConfirm, 20)).toThrow(FrameDecodeError);
  });

  it('status 76: group then token, bare with H&P, in a container with H2E', () => {
    const token = new Uint8Array([9, 8, 7]);
    expect(hex(buildSaeTokenRequest(19, token, { h2e: false }))).toBe('1300090807');
    expect(hex(buildSaeTokenRequest(19, token, { h2e: true }))).toBe('1300ff045d090807');
    for (const h2e of [false, true]) {
      expect(parseSaeTokenRequest(buildSaeTokenRequest(19, token, { h2e }), { h2e })).toEqual({ group: 19, token });
    }
    expect(() => parseSaeTokenRequest(new Uint8Array([19, 0]), { h2e: false })).toThrow(FrameDecodeError);
    expect(() => parseSaeTokenRequest(new Uint8Array([19, 0]), { h2e: true })).toThrow(FrameDecodeError);
  });

  it('status 77: the refused group', () => {
    expect(hex(buildSaeGroupRejection(20))).toBe('1400');
  });
});

describe('SAE body parsers under seeded fuzzing', () => {
  const SEED = 0x5ae19;
  const ITERATIONS = 3000;
  const token = new Uint8Array(32).fill(5);
  const base = parseSaeCommit(IEEE_2020.localCommit, { h2e: false });
  const seeds = [
    IEEE_2020.localCommit,
    REVMD_D2_1.localCommit,
    buildSaeCommit({ ...base, rejectedGroups: [20], token }, { h2e: true }),
    buildSaeCommit({ ...base, akmSuite: 0x000fac18 }, { h2e: true }),
    REVMD_D2_1.localConfirm,
    buildSaeTokenRequest(19, token, { h2e: true }),
  ].map((b) => Buffer.from(b));
  const parsers: Array<(b: Uint8Array) => unknown> = [
    (b) => parseSaeCommit(b, { h2e: false }),
    (b) => parseSaeCommit(b, { h2e: true }),
    (b) => parseSaeConfirm(b, 19),
    (b) => parseSaeTokenRequest(b, { h2e: false }),
    (b) => parseSaeTokenRequest(b, { h2e: true }),
    readSaeGroup,
  ];

  it(`parses or throws FrameDecodeError, nothing else, for ${ITERATIONS} mutated and random bodies`, () => {
    const rnd = mulberry32(SEED);
    let decodeErrors = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const input = i % 4 === 0
        ? Buffer.from(Array.from({ length: Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 256)))
        : mutate(seeds[i % seeds.length], rnd);
      for (const parse of parsers) {
        try {
          parse(input);
        } catch (err) {
          if (!(err instanceof FrameDecodeError)) throw err;
          decodeErrors++;
        }
      }
    }
    expect(decodeErrors).toBeGreaterThan(0);
  });
});
