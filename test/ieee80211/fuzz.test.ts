// Seeded fuzzing of every parser of received P2P/WPS bytes: random buffers and mutations
// of valid frames must either parse or throw FrameDecodeError — never another error,
// never a hang. A fixed iteration count per parser, so every run tests the same inputs.
import { describe, expect, it } from 'vitest';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { parseElements } from '../../core/ieee80211/elements.js';
import { parseP2pAttributes } from '../../core/ieee80211/p2p-attributes.js';
import { parseWpsAttributes } from '../../core/ieee80211/wps-attributes.js';
import {
  buildP2pProbeRequest, buildP2pProbeResponse, p2pPeerFromElements, parseP2pElements, parseProbeRequest, parseProbeResponse,
  type P2pDeviceDescription,
} from '../../core/ieee80211/p2p-probe.js';
import { buildP2pPublicAction, parseP2pPublicAction } from '../../core/ieee80211/p2p-public-action.js';
import { buildVendorElements, concatVendorPayloads, P2P_VENDOR_TYPE, WPS_VENDOR_TYPE } from '../../core/ieee80211/vendor-elements.js';
import { MGMT_HEADER_LEN } from '../../core/ieee80211/mgmt-header.js';
import { P2pAttributeWriter } from '../../core/ieee80211/p2p-attributes.js';
import { readFileSync } from 'node:fs';
import { hex } from './hex.js';
import { mulberry32 as prng } from '../helpers/prng.js';

/** Frames wpa_supplicant 2.10 sent in the hwsim VM (vectors/README.md), mutated beside the built ones. */
const captured = (name: string) => new Uint8Array(Buffer.from(readFileSync(new URL(`vectors/${name}.hex`, import.meta.url), 'utf8').trim(), 'hex'));
const CAPTURED_REQUEST = captured('wpas-2.10-p2p-probe-request');
const CAPTURED_RESPONSE = captured('wpas-2.10-p2p-probe-response');

const SEED = 0x5eed2026;
const ITERATIONS = 4000;

const DEV: P2pDeviceDescription = {
  deviceAddress: hex('42000000aa01'), deviceName: 'fuzz-device', primaryDeviceType: { category: 1, oui: 0x0050f204, subcategory: 1 },
  secondaryDeviceTypes: [{ category: 10, oui: 0x0050f204, subcategory: 5 }],
  configMethods: 0x188, deviceCapability: 0x25, groupCapability: 0, uuid: new Uint8Array(16).fill(3),
};

const seeds = {
  probeResponse: buildP2pProbeResponse(DEV, hex('020000000000'), 6),
  probeRequest: buildP2pProbeRequest(DEV, { listenChannel: { country: hex('585804'), opClass: 81, channel: 6 } }),
  publicAction: buildP2pPublicAction({
    da: hex('020000000000'), sa: DEV.deviceAddress, bssid: hex('020000000000'), subtype: 7, dialogToken: 1,
    elements: buildVendorElements(P2P_VENDOR_TYPE, new P2pAttributeWriter().capability(1, 0).raw(11, hex('585804 51 03 01 06 0b')).finish()),
  }),
};

function mutate(rand: () => number, input: Uint8Array): Uint8Array {
  let buf = input.slice();
  const edits = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < edits; i++) {
    const op = Math.floor(rand() * 5);
    const at = Math.floor(rand() * Math.max(1, buf.length));
    if (op === 0 && buf.length) buf[at] = Math.floor(rand() * 256); // random byte
    else if (op === 1 && buf.length) buf[at] = [0, 1, 0x7f, 0x80, 0xff][Math.floor(rand() * 5)]; // boundary value
    else if (op === 2) buf = buf.subarray(0, at).slice(); // truncate
    else if (op === 3) { // insert random bytes
      const ins = new Uint8Array(1 + Math.floor(rand() * 8)).map(() => Math.floor(rand() * 256));
      const next = new Uint8Array(buf.length + ins.length);
      next.set(buf.subarray(0, at)); next.set(ins, at); next.set(buf.subarray(at), at + ins.length);
      buf = next;
    } else if (buf.length > 1) { // delete a range
      const len = 1 + Math.floor(rand() * Math.min(8, buf.length - at));
      buf = new Uint8Array([...buf.subarray(0, at), ...buf.subarray(at + len)]);
    }
  }
  return buf;
}

function randomBytes(rand: () => number, max: number): Uint8Array {
  return new Uint8Array(Math.floor(rand() * max)).map(() => Math.floor(rand() * 256));
}

interface Tally { ok: number; decodeErrors: number }

function fuzz(name: string, parse: (b: Uint8Array) => unknown, corpus: Uint8Array[], seed: number): Tally {
  const rand = prng(seed);
  const tally: Tally = { ok: 0, decodeErrors: 0 };
  for (let i = 0; i < ITERATIONS; i++) {
    const input = i % 4 === 0 ? randomBytes(rand, 300) : mutate(rand, corpus[i % corpus.length]);
    try {
      parse(input);
      tally.ok++;
    } catch (err) {
      if (!(err instanceof FrameDecodeError)) {
        throw new Error(`${name}: input ${Buffer.from(input).toString('hex')} threw ${String(err)}`);
      }
      expect(err.message.length).toBeGreaterThan(0);
      tally.decodeErrors++;
    }
  }
  return tally;
}

const bodyOf = (f: Uint8Array, skip: number) => f.subarray(MGMT_HEADER_LEN + skip);
const p2pPayload = (f: Uint8Array, skip: number) => concatVendorPayloads(parseElements(bodyOf(f, skip)), P2P_VENDOR_TYPE)!;
const wpsPayload = (f: Uint8Array, skip: number) => concatVendorPayloads(parseElements(bodyOf(f, skip)), WPS_VENDOR_TYPE)!;

describe('fuzzing the parsers of received frames (seeded)', () => {
  const cases: [string, (b: Uint8Array) => unknown, Uint8Array[]][] = [
    ['parseElements', parseElements, [bodyOf(seeds.probeResponse, 12), bodyOf(seeds.probeRequest, 0), bodyOf(CAPTURED_REQUEST, 0)]],
    ['parseP2pAttributes', parseP2pAttributes, [p2pPayload(seeds.probeResponse, 12), p2pPayload(seeds.probeRequest, 0), p2pPayload(CAPTURED_RESPONSE, 12)]],
    ['parseWpsAttributes', parseWpsAttributes, [wpsPayload(seeds.probeResponse, 12), wpsPayload(seeds.probeRequest, 0), wpsPayload(CAPTURED_REQUEST, 0)]],
    ['parseP2pElements + peer', (b) => p2pPeerFromElements(parseP2pElements(b), 2412), [bodyOf(seeds.probeResponse, 12)]],
    ['parseProbeRequest', parseProbeRequest, [seeds.probeRequest, CAPTURED_REQUEST]],
    ['parseProbeResponse', parseProbeResponse, [seeds.probeResponse, CAPTURED_RESPONSE]],
    ['parseP2pPublicAction', parseP2pPublicAction, [seeds.publicAction]],
  ];
  it.each(cases.map((c, i) => [c[0], c[1], c[2], SEED + i] as const))('%s only ever throws FrameDecodeError', (name, parse, corpus, seed) => {
    const tally = fuzz(name, parse, corpus, seed);
    // Both outcomes must occur, or the mutations are not reaching the parser's checks.
    expect(tally.ok).toBeGreaterThan(0);
    expect(tally.decodeErrors).toBeGreaterThan(0);
  });
});
