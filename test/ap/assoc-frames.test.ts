// The AP's (re)association request parser and response builder against a real capture
// (bookworm's wpa_supplicant 2.10 joining hostapd 2.10, open network "wifid-open").
import { describe, expect, it } from 'vitest';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { macToString } from '../../core/ieee80211/mac-address.js';
import { MgmtSubtype } from '../../core/ieee80211/mgmt-header.js';
import { buildAssocResponse, parseAssocRequest } from '../../plugins/mld-ap/assoc-frames.js';
import { capturedMgmt, CAPTURE_AP, CAPTURE_STA, withoutDriverFields } from '../ieee80211/open-assoc-capture.js';
import { mulberry32, mutate } from '../helpers/prng.js';

const request = capturedMgmt(MgmtSubtype.ASSOC_REQ, CAPTURE_STA);
const response = capturedMgmt(MgmtSubtype.ASSOC_RESP, CAPTURE_AP);

describe('association request', () => {
  it('parses wpa_supplicant 2.10\'s request: SSID, rates, listen interval, Extended Capabilities', () => {
    const r = parseAssocRequest(request);
    expect(macToString(r.sa)).toBe(CAPTURE_STA);
    expect(macToString(r.bssid)).toBe(CAPTURE_AP);
    expect(r.reassoc).toBe(false);
    expect(Buffer.from(r.ssid).toString()).toBe('wifid-open');
    // 1, 2, 5.5, 11, 6, 9, 12, 18 | 24, 36, 48, 54 Mb/s
    expect([...r.rates].map((o) => (o & 0x7f) / 2)).toEqual([1, 2, 5.5, 11, 6, 9, 12, 18, 24, 36, 48, 54]);
    expect(r.htCapabilities).toBeUndefined();
    expect(r.extCapabilities?.length).toBe(11);
    expect(r.rsn).toBeUndefined();
    expect(r.listenInterval).toBe(5);
  });

  it('refuses every truncation of the request with a FrameDecodeError, never another error', () => {
    for (let n = 0; n < request.length; n++) {
      let err: unknown;
      try {
        parseAssocRequest(request.subarray(0, n));
      } catch (e) {
        err = e;
      }
      // A cut between elements leaves a valid shorter request only if SSID and rates came first.
      if (err !== undefined) expect(err, `cut at ${n}`).toBeInstanceOf(FrameDecodeError);
    }
  });

  it('refuses a duplicated SSID element and a Supported Rates element of 9 octets', () => {
    const body = request.subarray(28);
    const dup = new Uint8Array([...request.subarray(0, 28), 0, 1, 0x41, ...body]);
    expect(() => parseAssocRequest(dup)).toThrow(/SSID element: element appears twice/);
    const rates = new Uint8Array([...request.subarray(0, 28), ...body.subarray(0, 2 + body[1]!), 1, 9, 2, 4, 11, 22, 12, 18, 24, 36, 48]);
    expect(() => parseAssocRequest(rates)).toThrow(/Supported Rates element/);
  });

  it('fuzz: 3000 seeded mutations of the request throw only FrameDecodeError', () => {
    const rnd = mulberry32(0x13a5);
    for (let i = 0; i < 3000; i++) {
      const f = new Uint8Array(mutate(Buffer.from(request), rnd));
      try {
        parseAssocRequest(f);
      } catch (err) {
        expect(err).toBeInstanceOf(FrameDecodeError);
      }
    }
  });
});

describe('association response', () => {
  it('has hostapd\'s header, capability, status, AID field (bits 14-15 set) and Supported Rates', () => {
    const cap = response[24]! | (response[25]! << 8);
    const aid = (response[28]! | (response[29]! << 8)) & 0x3fff;
    const rates = response.subarray(30, 32 + response[31]!);
    const built = buildAssocResponse({
      da: request.subarray(10, 16), bssid: request.subarray(16, 22), reassoc: false, capabilityInfo: cap, status: 0, aid, elements: [rates],
    });
    expect(Buffer.from(built).toString('hex')).toBe(Buffer.from(withoutDriverFields(response).subarray(0, built.length)).toString('hex'));
  });
});
