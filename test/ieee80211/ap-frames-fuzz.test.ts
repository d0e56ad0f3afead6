// Seeded fuzzing of the AP's parsers of frames from the air: mutations of real and built
// frames must parse or throw FrameDecodeError, never anything else. Fixed iteration
// counts (test/helpers/prng.ts), no time budget.
import { describe, expect, it } from 'vitest';
import { parseAssocRequest } from '../../core/ieee80211/assoc.js';
import { parseAuth } from '../../core/ieee80211/auth.js';
import { parseDeauthOrDisassoc } from '../../core/ieee80211/deauth.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { parseEhtCapabilities } from '../../core/ieee80211/eht.js';
import { parseHeCapabilities } from '../../core/ieee80211/he.js';
import { buildElement, ElementId, parseElements } from '../../core/ieee80211/elements.js';
import { MgmtSubtype } from '../../core/ieee80211/mgmt-header.js';
import { parseRsne, parseRsnxe } from '../../core/ieee80211/rsn-element.js';
import { parseSaQuery } from '../../core/ieee80211/sa-query.js';
import { mulberry32, mutate } from '../helpers/prng.js';
import { CAPTURE_AP, CAPTURE_STA, capturedMgmt } from './open-assoc-capture.js';
import { hex } from './hex.js';

const SEED = 0x13a9f00d;
const ITERATIONS = 3000;

const probe = capturedMgmt(MgmtSubtype.PROBE_REQ, CAPTURE_STA);
// The captured association request with an RSNE, RSNXE and the probe request's HT/HE/EHT elements appended.
const RICH_REQ = new Uint8Array(Buffer.concat([
  capturedMgmt(MgmtSubtype.ASSOC_REQ, CAPTURE_STA), hex('30140100000fac040100000fac040100000fac08cc00 f40120'), ...parseElements(probe.subarray(24)).filter((e) => e.id === ElementId.HT_CAPABILITIES || e.id === ElementId.EXTENSION).map((e) => buildElement(e.id, e.data)),
]));

function fuzz(name: string, seed: Uint8Array, parse: (b: Uint8Array) => unknown): void {
  it(`${name} only ever throws FrameDecodeError`, () => {
    const rnd = mulberry32(SEED ^ seed.length);
    let parsed = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const input = new Uint8Array(mutate(Buffer.from(seed), rnd));
      try {
        parse(input);
        parsed++;
      } catch (err) {
        if (!(err instanceof FrameDecodeError)) throw new Error(`${name} threw ${String(err)} on ${Buffer.from(input).toString('hex')}`);
      }
    }
    expect(parsed).toBeGreaterThan(0);
  });
}

describe('AP frame parsers under seeded mutation', () => {
  it('the association request seed parses whole', () => {
    expect(parseAssocRequest(RICH_REQ, { reassoc: false }).ehtCapabilities).toBeDefined();
  });
  fuzz('parseAssocRequest', RICH_REQ, (b) => parseAssocRequest(b, { reassoc: false }));
  fuzz('parseAuth', capturedMgmt(MgmtSubtype.AUTH, CAPTURE_STA), parseAuth);
  fuzz('parseDeauthOrDisassoc', capturedMgmt(MgmtSubtype.DEAUTH, CAPTURE_AP), parseDeauthOrDisassoc);
  fuzz('parseSaQuery', hex('d0000000020000000000020000000100020000000000000008001234'), parseSaQuery);
  fuzz('parseRsne', hex('0100000fac040200000fac04000fac080200000fac02000fac06cc000100' + '11'.repeat(16) + '000fac06'), parseRsne);
  fuzz('parseRsnxe', hex('21 0101'), parseRsnxe);
  const he = hex('0178c81a400002bfce0000000000000000fafffaff');
  fuzz('parseHeCapabilities', he, parseHeCapabilities);
  fuzz('parseEhtCapabilities', hex('07007c0000feffff7f01008888880000'), (b) => parseEhtCapabilities(b, he.subarray(6, 17)));
});
