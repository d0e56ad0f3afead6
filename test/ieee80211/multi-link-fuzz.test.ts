// Seeded fuzzing of the 802.11be parsers: mutations of valid elements (built ones and the
// hostapd test vectors) and random buffers must parse or throw FrameDecodeError, never
// another error. A fixed number of iterations per parser, no clock.
import { describe, expect, it } from 'vitest';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { parseDefragmented } from '../../core/ieee80211/element-fragments.js';
import { buildBasicMultiLink, parseBasicMultiLink } from '../../core/ieee80211/multi-link.js';
import { expandProfile, parseNonInheritance } from '../../core/ieee80211/inheritance.js';
import { parseStaProfileFields } from '../../core/ieee80211/sta-profile.js';
import { parseRnr } from '../../core/ieee80211/rnr.js';
import { buildReconfigurationMultiLink, parseReconfigurationMultiLink } from '../../core/ieee80211/multi-link-reconf.js';
import { buildProbeRequestMultiLink, findProbeRequestMultiLink, parseProbeRequestMultiLink } from '../../core/ieee80211/multi-link-probe.js';
import { mulberry32, mutate } from '../helpers/prng.js';
import { hex } from './hex.js';

const ITERATIONS = 3000;
const SEED = 0x11be2024;

const mlData = (element: Uint8Array) => parseDefragmented(element)[0].data.subarray(1);

const basic = buildBasicMultiLink({
  mldAddr: hex('020000000100'), linkId: 0, bssParamsChangeCount: 1, mediumSyncDelay: 0x10ac, emlCapabilities: 1, mldCapabilities: 0x2001,
  apMldId: 0, extMldCapabilities: 0,
  profiles: [
    { linkId: 1, completeProfile: true, staAddr: hex('020000000101'), beaconIntervalTu: 100, tsfOffset: 5n, dtim: { count: 0, period: 2 },
      nstr: { bitmap: 1, wide: false }, bssParamsChangeCount: 1, profile: hex('1104 0000 010882848b960c121824 030106') },
    { linkId: 2, completeProfile: true, staAddr: hex('020000000102'), profile: new Uint8Array(300).fill(0xdd) },
  ],
});
const HOSTAPD_ASSOC_REQ_MLE = hex('ff9e6b000109' + '02112233443f' + '0000' + '0088' + '3100' + '07' + '021122334431' + '3004'
  + '010802040b160c121824' + '32043048606c' + '2d1afe131bffff000000000000000000000100000000000000000000'
  + 'ff16230178c81a400000bfce0000000000000000fafffaff' + 'ff126c07007c0000feffff7f0100888888880000'
  + 'ff2338' + '1010032a362137387172756b548bedeff0' + '106b01020304050607080c0d21643b3a36' + 'aa00' + 'dd0411223344');
const PROFILE = hex('010802040b160c121824' + '32043048606c' + 'ff2338' + '1010032a362137387172756b548bedeff0' + '106b01020304050607080c0d21643b3a36');

function fuzz(parse: (b: Uint8Array) => unknown, corpus: Uint8Array[], seed: number): { ok: number; refused: number } {
  const rnd = mulberry32(seed);
  const tally = { ok: 0, refused: 0 };
  for (let i = 0; i < ITERATIONS; i++) {
    const input = i % 5 === 0
      ? new Uint8Array(Math.floor(rnd() * 64)).map(() => Math.floor(rnd() * 256))
      : new Uint8Array(mutate(Buffer.from(corpus[i % corpus.length]), rnd));
    try {
      parse(input);
      tally.ok++;
    } catch (err) {
      if (!(err instanceof FrameDecodeError)) throw new Error(`input ${Buffer.from(input).toString('hex')} threw ${String(err)}`);
      tally.refused++;
    }
  }
  return tally;
}

describe('fuzzing the 802.11be parsers (seeded, fixed iteration count)', () => {
  const cases: [string, (b: Uint8Array) => unknown, Uint8Array[]][] = [
    ['parseDefragmented', parseDefragmented, [basic, HOSTAPD_ASSOC_REQ_MLE]],
    ['parseBasicMultiLink', parseBasicMultiLink, [mlData(basic), mlData(HOSTAPD_ASSOC_REQ_MLE)]],
    ['parseNonInheritance', parseNonInheritance, [hex('1010032a362137387172756b548bedeff0' + '106b01020304050607080c0d21643b3a36'), hex('0000')]],
    ['expandProfile', (b) => expandProfile(PROFILE, b), [PROFILE, hex('ff03380000 0103020408')]],
    ['parseRnr', parseRnr, [hex('00 10 51 0b ff 102233445567 00000000 00 00 01 0200' + '01 03 51 0b 00 0200'), hex('10 0d 51 06 ff 020000000002 00000000 42 7f ff 020000000003 00000000 42 7f')]],
    ['parseReconfigurationMultiLink', parseReconfigurationMultiLink, [
      mlData(hex('ff106b' + '0200' + '05aaaaaaaa' + '0006420004ffffaa')),
      mlData(buildReconfigurationMultiLink({ mldAddr: hex('020000000100'), emlCapabilities: 0, profiles: [
        { linkId: 1, operation: 2, completeProfile: true, staAddr: hex('020000000101'), operationParams: hex('000000'), nstr: { bitmap: 1, wide: false }, profile: hex('1104 0103028482') },
        { linkId: 2, operation: 0, apRemovalTimer: 5, profile: new Uint8Array() }] })),
    ]],
    ['parseProbeRequestMultiLink', parseProbeRequestMultiLink, [
      mlData(hex('ff0d6b' + '1100' + '0200' + '00021100' + '00021200')),
      mlData(buildProbeRequestMultiLink({ apMldId: 1, mldAddr: hex('020000000100'), links: [{ linkId: 3, completeProfile: false, elements: hex('0a023038') }] })),
    ]],
    ['parseStaProfileFields', (b) => parseStaProfileFields(b, 'assoc-response'), [hex('11040000010882')]],
    // A probe request's elements: SSID, Supported Rates, the Probe Request Multi-Link element (sid's wpa_supplicant 2.11 layout).
    ['findProbeRequestMultiLink', findProbeRequestMultiLink, [
      hex('0009 77696669642d6d6c64' + '0104 02040b16' + 'ff0d6b' + '1100' + '0200' + '00021100' + '00021200'),
      hex('0000' + 'ff046b' + '0100' + '01' + 'dd050050f20201'),
    ]],
  ];
  it.each(cases.map((c, i) => [c[0], c[1], c[2], SEED + i] as const))('%s only ever throws FrameDecodeError', (_name, parse, corpus, seed) => {
    const tally = fuzz(parse, corpus, seed);
    expect(tally.ok).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  });
});
