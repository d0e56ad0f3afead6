// wifid.sta connect's argument checks (plugins/sta-mlo/connect-methods.ts), the station's
// RSN choice against an AP's RSNE (sta-rsn.ts), and seeded fuzzing of the parsers a station
// runs on frames from the air (association responses, the scan's elements).
import { describe, expect, it } from 'vitest';
import { buildAssocResponse } from '../../core/ieee80211/assoc.js';
import { parseAssocResponse } from '../../core/ieee80211/assoc-response.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { AKM_PSK, AKM_PSK_SHA256, AKM_SAE, CIPHER_CCMP, CIPHER_TKIP, encodeRsne, encodeRsnxe, RsnCapability } from '../../core/ieee80211/rsn-element.js';
import { connectArgs } from '../../plugins/sta-mlo/connect-methods.js';
import { bssOfSsid, targetFor, type ScannedBss } from '../../plugins/sta-mlo/connect-scan.js';
import { buildBasicMultiLink } from '../../core/ieee80211/multi-link.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { StaError } from '../../plugins/sta-mlo/errors.js';
import { chooseStaRsn, RsnMismatchError } from '../../plugins/sta-mlo/sta-rsn.js';
import { mulberry32, mutate } from '../helpers/prng.js';

const rsne = (akms: number[], caps = 0, group = CIPHER_CCMP) => encodeRsne({ version: 1, groupCipher: group, pairwiseCiphers: [CIPHER_CCMP], akms, capabilities: caps, pmkids: [] });

describe('connect arguments', () => {
  it('takes a plain request and leaves out what is not given', () => {
    expect(connectArgs({ ssid: 'home', key: 'correct horse battery' })).toEqual({ ssid: 'home', key: 'correct horse battery' });
    expect(connectArgs({ ssid: 'home', key: 'x', encryption: 'sae', ieee80211w: 2, bssid: '02:00:00:00:01:AA' })).toEqual({ ssid: 'home', key: 'x', encryption: 'sae', ieee80211w: 2, bssid: '02:00:00:00:01:aa' });
  });

  it.each([
    [{ ssid: '' }, /ssid/],
    [{ ssid: 'x'.repeat(33) }, /ssid/],
    [{ ssid: 'a', encryption: 'wep' }, /encryption must be/],
    [{ ssid: 'a', encryption: 'psk2' }, /needs a key/],
    [{ ssid: 'a', encryption: 'psk2', key: 'short' }, /passphrase/],
    [{ ssid: 'a', encryption: 'none', key: 'whatever1' }, /encryption is none/],
    [{ ssid: 'a', encryption: 'sae', key: 'k', ieee80211w: 0 }, /management frame protection/],
    [{ ssid: 'a', ieee80211w: 3 }, /ieee80211w/],
    [{ ssid: 'a', bssid: '01:00:5e:00:00:zz' }, /bssid/],
    [{ ssid: 'a', key: 7 }, /key must be a string/],
  ])('refuses %j', (args, why) => {
    expect(() => connectArgs(args)).toThrow(why);
    try { connectArgs(args); } catch (e) { expect((e as StaError).status).toBe('INVALID_ARGUMENT'); }
  });

  it('freqs: the channels the connect scan covers, each once; a bad list refused', () => {
    expect(connectArgs({ ssid: 'a', freqs: [2412, 2412, 5180] })).toEqual({ ssid: 'a', freqs: [2412, 5180] });
    for (const freqs of [[], [2412.5], [100], 'all', Array.from({ length: 129 }, (_, i) => 2412 + i)]) {
      expect(() => connectArgs({ ssid: 'a', freqs }), JSON.stringify(freqs)).toThrow(/freqs must be a list of 1\.\.128 frequencies/);
    }
  });

  it('mlo and links: a boolean and frequencies; several links need sae', () => {
    expect(connectArgs({ ssid: 'a', mlo: true, links: [2412, 2437] })).toEqual({ ssid: 'a', mlo: true, links: [2412, 2437] });
    expect(connectArgs({ ssid: 'a', mlo: false })).toEqual({ ssid: 'a', mlo: false });
    for (const args of [{ ssid: 'a', mlo: 'yes' }, { ssid: 'a', links: [] }, { ssid: 'a', links: [12] }, { ssid: 'a', links: 'all' }, { ssid: 'a', encryption: 'psk2', key: 'correct horse', links: [2412, 2437] }]) {
      expect(() => connectArgs(args), JSON.stringify(args)).toThrow(StaError);
    }
  });
});

describe('the station\'s RSN choice', () => {
  it('psk2 against a PSK AP without PMF; sae with H2E and PMF; psk2 capable of PMF at an MFPC AP uses it', () => {
    expect(chooseStaRsn('psk2', 0, rsne([AKM_PSK]))).toMatchObject({ akm: AKM_PSK, pmf: false, crypto: { mfp: 'NO' } });
    const sae = chooseStaRsn('sae', 2, rsne([AKM_SAE], RsnCapability.MFPC | RsnCapability.MFPR), encodeRsnxe({ h2e: true }));
    expect(sae).toMatchObject({ akm: AKM_SAE, pmf: true, apH2e: true, crypto: { mfp: 'REQUIRED' } });
    expect(sae.rsnxe).toEqual(encodeRsnxe({ h2e: true }));
    expect(chooseStaRsn('psk2', 1, rsne([AKM_PSK, AKM_PSK_SHA256], RsnCapability.MFPC)).pmf).toBe(true);
  });

  it.each([
    ['psk2', 0, undefined, /offers no RSN/],
    ['psk2', 0, rsne([AKM_SAE]), /offers no psk2/],
    ['psk2', 0, rsne([AKM_PSK], RsnCapability.MFPC | RsnCapability.MFPR), /requires management frame protection/],
    ['psk2-sha256', 2, rsne([AKM_PSK_SHA256]), /not capable/],
    ['psk2', 0, rsne([AKM_PSK], 0, CIPHER_TKIP), /group cipher/],
    ['psk2', 0, Uint8Array.of(48, 1, 1), /does not parse/],
  ] as const)('%s/%d against a mismatching AP is refused', (enc, w, ap, why) => {
    expect(() => chooseStaRsn(enc, w, ap)).toThrow(RsnMismatchError);
    expect(() => chooseStaRsn(enc, w, ap)).toThrow(why);
  });
});

describe('fuzz: parsers of frames a station receives (seeded, fixed counts)', () => {
  const rnd = mulberry32(0x57a7);
  it('parseAssocResponse: 3000 mutations of a response either parse or throw FrameDecodeError', () => {
    const seed = buildAssocResponse({
      da: new Uint8Array(6).fill(2), sa: new Uint8Array(6).fill(4), bssid: new Uint8Array(6).fill(4), reassoc: false, capabilityInfo: 0x411, status: 0, aid: 1,
      rates: [0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24, 0x30, 0x48, 0x60, 0x6c], elements: [rsne([AKM_SAE])],
    });
    expect(parseAssocResponse(seed)).toMatchObject({ status: 0, aid: 1 });
    let parsed = 0;
    for (let i = 0; i < 3000; i++) {
      try {
        parseAssocResponse(mutate(Buffer.from(seed), rnd));
        parsed++;
      } catch (e) {
        expect(e).toBeInstanceOf(FrameDecodeError);
      }
    }
    expect(parsed).toBeGreaterThan(0);
  });

  it('bssOfSsid: 2000 mutated scan entries never throw; a BSS is taken only with the SSID asked for', () => {
    const ssid = new TextEncoder().encode('home');
    const ies = Buffer.concat([Buffer.from([0, 4]), Buffer.from(ssid), Buffer.from(rsne([AKM_PSK])), Buffer.from(encodeRsnxe({ h2e: true }))]);
    expect(bssOfSsid([{ bssid: '02:00:00:00:00:01', freq: 2412, ies }], ssid)).toHaveLength(1);
    for (let i = 0; i < 2000; i++) {
      const m = mutate(ies, rnd);
      const out = bssOfSsid([{ bssid: '02:00:00:00:00:01', freq: 2412, ies: m }], ssid);
      for (const b of out) expect(Buffer.from(b.ssid).equals(Buffer.from(ssid))).toBe(true);
    }
  });
});

describe('AP MLDs in the scan', () => {
  const ssid = new TextEncoder().encode('mlo');
  const ies = (linkId: number) => Buffer.concat([Buffer.from([0, 3]), Buffer.from(ssid), Buffer.from(rsne([AKM_SAE])), Buffer.from(buildBasicMultiLink({ mldAddr: macFromString('06:4d:4c:44:00:00'), linkId, profiles: [] }))]);
  const dump = [
    { bssid: '06:4d:4c:44:00:10', freq: 2412, ies: ies(0), signal: -30 },
    { bssid: '06:4d:4c:44:00:11', freq: 2437, ies: ies(1), signal: -40 },
    { bssid: '02:00:00:00:00:99', freq: 2462, ies: Buffer.concat([Buffer.from([0, 3]), Buffer.from(ssid)]), signal: -50 },
  ];

  it('each affiliated AP carries its AP MLD and link id; the strongest is the association link, the others its links', () => {
    const all: ScannedBss[] = bssOfSsid(dump, ssid);
    expect(all.map((b) => [b.bssid, b.apMld])).toEqual([
      ['06:4d:4c:44:00:10', { addr: '06:4d:4c:44:00:00', linkId: 0 }],
      ['06:4d:4c:44:00:11', { addr: '06:4d:4c:44:00:00', linkId: 1 }],
      ['02:00:00:00:00:99', undefined],
    ]);
    const t = targetFor(all[0]!, all, true);
    expect(t.mld).toMatchObject({ apMldAddr: '06:4d:4c:44:00:00', assocLinkId: 0, links: [{ linkId: 1, bssid: '06:4d:4c:44:00:11', freq: 2437 }] });
    expect(targetFor(all[0]!, all, false).mld).toBeUndefined();
    expect(targetFor(all[0]!, all, true, [2412]).mld!.links).toEqual([]);
    expect(targetFor(all[2]!, all, true).mld).toBeUndefined();
  });
});
