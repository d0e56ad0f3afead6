// The parsers on frames wpa_supplicant 2.10 really sent (see vectors/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isP2pWildcardSsid, p2pPeerFromElements, parseProbeRequest, parseProbeResponse } from '../../core/ieee80211/p2p-probe.js';
import { macToString } from '../../core/ieee80211/mac-address.js';
import { deviceTypeToString } from '../../core/ieee80211/device-type.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';

const vector = (name: string) => new Uint8Array(Buffer.from(readFileSync(new URL(`vectors/${name}.hex`, import.meta.url), 'utf8').trim(), 'hex'));
const PROBE_REQUEST = vector('wpas-2.10-p2p-probe-request');
const PROBE_RESPONSE = vector('wpas-2.10-p2p-probe-response');

describe('frames captured from wpa_supplicant 2.10 on hwsim0', () => {
  it('its P2P search probe request: wildcard SSID, P2P capability and listen channel, WPS device name', () => {
    const req = parseProbeRequest(PROBE_REQUEST);
    expect(macToString(req.header.sa)).toBe('42:00:00:00:01:00');
    expect(macToString(req.header.da)).toBe('ff:ff:ff:ff:ff:ff');
    expect(isP2pWildcardSsid(req.ssid)).toBe(true);
    expect(req.elevenBOnly).toBe(false);
    expect(req.elements.map((e) => e.id)).toEqual([0, 1, 3, 45, 221, 221]);
    expect(req.p2p).toMatchObject({ capability: { device: 0x25, group: 0 }, listenChannel: { opClass: 81, channel: 1 }, unknown: [] });
    expect([...req.p2p!.listenChannel!.country]).toEqual([0x58, 0x58, 0x04]);
    expect(req.wps).toMatchObject({ version: 0x10, version2: 0x20, requestType: 1, deviceName: 'wpas-peer', configMethods: 0x3148, rfBands: 3 });
    expect(deviceTypeToString(req.wps!.primaryDeviceType!)).toBe('1-0050F204-1');
  });

  it('its probe response: P2P Device Info with name, type and config methods, read as a peer', () => {
    const resp = parseProbeResponse(PROBE_RESPONSE);
    expect(macToString(resp.header.sa)).toBe('42:00:00:00:01:00');
    expect(resp.capability).toBe(0x0430);
    expect(resp.dsChannel).toBe(1);
    expect(resp.p2p!.deviceInfo).toMatchObject({ configMethods: 0x1108, deviceName: 'wpas-peer', secondaryDeviceTypes: [] });
    const peer = p2pPeerFromElements(resp, 2412)!;
    expect(macToString(peer.deviceAddress)).toBe('42:00:00:00:01:00');
    expect(peer).toMatchObject({ deviceName: 'wpas-peer', configMethods: 0x1108, deviceCapability: 0x25, listenFreq: 2412 });
    expect(deviceTypeToString(peer.primaryDeviceType!)).toBe('1-0050F204-1');
  });

  it('every truncation of the captured frames is either parsed or refused with FrameDecodeError', () => {
    for (const [frame, parse] of [[PROBE_REQUEST, parseProbeRequest], [PROBE_RESPONSE, parseProbeResponse]] as const) {
      let refused = 0;
      for (let len = 0; len < frame.length; len++) {
        try {
          parse(frame.subarray(0, len));
        } catch (err) {
          expect(err).toBeInstanceOf(FrameDecodeError);
          refused++;
        }
      }
      expect(refused).toBeGreaterThan(0);
    }
  });
});
