import { describe, expect, it } from 'vitest';
import {
  buildP2pProbeRequest, buildP2pProbeRequestIes, buildP2pProbeResponse, isP2pWildcardSsid, p2pPeerFromElements,
  parseP2pElements, parseProbeRequest, parseProbeResponse, type P2pDeviceDescription,
} from '../../core/ieee80211/p2p-probe.js';
import { buildP2pPublicAction, isP2pPublicAction, P2pPublicActionSubtype, parseP2pPublicAction } from '../../core/ieee80211/p2p-public-action.js';
import { buildVendorElements, P2P_VENDOR_TYPE } from '../../core/ieee80211/vendor-elements.js';
import { P2pAttributeWriter } from '../../core/ieee80211/p2p-attributes.js';
import { macToString } from '../../core/ieee80211/mac-address.js';
import { deviceTypeToString } from '../../core/ieee80211/device-type.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { hex, toHex } from './hex.js';

const DEV: P2pDeviceDescription = {
  deviceAddress: hex('42000000aa01'),
  deviceName: 'wifid-test',
  primaryDeviceType: { category: 6, oui: 0x0050f204, subcategory: 1 },
  configMethods: 0x0188,
  deviceCapability: 0x25,
  groupCapability: 0,
  uuid: new Uint8Array(16).fill(7),
};

describe('P2P probe frames', () => {
  it('builds a probe response wpa_supplicant would accept and reads it back as a peer', () => {
    const frame = buildP2pProbeResponse(DEV, hex('020000000000'), 6);
    // Header: probe response subtype, DA, SA = BSSID = device address (p2p_build_probe_resp_buf).
    expect(toHex(frame.subarray(0, 22))).toBe('5000' + '0000' + '020000000000' + '42000000aa01' + '42000000aa01');
    const resp = parseProbeResponse(frame);
    expect(resp.beaconIntervalTu).toBe(100);
    expect(resp.capability).toBe(0x0430);
    expect(isP2pWildcardSsid(resp.ssid)).toBe(true);
    expect(resp.dsChannel).toBe(6);
    expect(resp.elevenBOnly).toBe(false);
    expect(resp.wps).toMatchObject({ deviceName: 'wifid-test', configMethods: 0x188, version2: 0x20 });
    const peer = p2pPeerFromElements(resp, 2437)!;
    expect(macToString(peer.deviceAddress)).toBe('42:00:00:00:aa:01');
    expect(peer).toMatchObject({ deviceName: 'wifid-test', configMethods: 0x188, deviceCapability: 0x25, groupCapability: 0, listenFreq: 2437 });
    expect(deviceTypeToString(peer.primaryDeviceType!)).toBe('6-0050F204-1');
  });

  it('takes the listen frequency from the DS Parameter Set on 2.4 GHz', () => {
    const resp = parseProbeResponse(buildP2pProbeResponse(DEV, hex('020000000000'), 11));
    expect(p2pPeerFromElements(resp, 2437)!.listenFreq).toBe(2462);
  });

  it('builds a search probe request with wildcard SSID, OFDM rates and a listen channel', () => {
    const req = parseProbeRequest(buildP2pProbeRequest(DEV, {
      listenChannel: { country: hex('585804'), opClass: 81, channel: 1 },
    }));
    expect(macToString(req.header.da)).toBe('ff:ff:ff:ff:ff:ff');
    expect(isP2pWildcardSsid(req.ssid)).toBe(true);
    expect(req.p2p!.capability).toEqual({ device: 0x25, group: 0 });
    expect(req.p2p!.listenChannel).toMatchObject({ opClass: 81, channel: 1 });
    expect(req.wps).toMatchObject({ requestType: 1, deviceName: 'wifid-test' });
    // A probe request carries no Device Info: the peer is known by SA only, no name from P2P.
    expect(req.p2p!.deviceInfo).toBeUndefined();
  });

  it('scan IEs hold only the vendor elements, WPS first', () => {
    const els = parseP2pElements(buildP2pProbeRequestIes(DEV, { targetDeviceId: hex('020000000000') })).elements;
    expect(els.map((e) => toHex(e.data.subarray(0, 4)))).toEqual(['0050f204', '506f9a09']);
    expect(macToString(parseP2pElements(buildP2pProbeRequestIes(DEV, { targetDeviceId: hex('020000000000') })).p2p!.deviceId!)).toBe('02:00:00:00:00:00');
  });

  it('returns no peer for elements without a P2P element or device address', () => {
    expect(p2pPeerFromElements(parseP2pElements(hex('00 07 4449524543542d')))).toBeUndefined();
    const capOnly = buildVendorElements(P2P_VENDOR_TYPE, new P2pAttributeWriter().capability(1, 0).finish());
    expect(p2pPeerFromElements(parseP2pElements(capOnly))).toBeUndefined();
  });

  it('rejects a probe response that is a probe request and one cut inside its fixed fields', () => {
    expect(() => parseProbeResponse(buildP2pProbeRequest(DEV))).toThrow(/management subtype 4/);
    expect(() => parseProbeResponse(buildP2pProbeResponse(DEV, hex('020000000000'), 1).subarray(0, 30))).toThrow(FrameDecodeError);
    expect(() => parseProbeRequest(hex('4000'))).toThrow(/802.11 management header/);
    expect(() => parseProbeRequest(hex('0801' + '00'.repeat(22)))).toThrow(/not management/);
  });
});

describe('P2P public action frames', () => {
  it('round-trips a provision discovery request', () => {
    const elements = buildVendorElements(P2P_VENDOR_TYPE, new P2pAttributeWriter().capability(0x25, 0).finish());
    const frame = buildP2pPublicAction({
      da: hex('020000000000'), sa: DEV.deviceAddress, bssid: hex('020000000000'),
      subtype: P2pPublicActionSubtype.PROV_DISC_REQ, dialogToken: 42, elements,
    });
    expect(toHex(frame.subarray(24, 32))).toBe('0409506f9a09072a');
    expect(isP2pPublicAction(frame)).toBe(true);
    const pa = parseP2pPublicAction(frame);
    expect(pa).toMatchObject({ subtype: 7, dialogToken: 42 });
    expect(pa.p2p!.capability).toEqual({ device: 0x25, group: 0 });
  });

  it('tells other action frames apart', () => {
    const gas = hex('d000 0000 020000000000 42000000aa01 020000000000 0000 040a00');
    expect(isP2pPublicAction(gas)).toBe(false);
    expect(() => parseP2pPublicAction(gas)).toThrow(FrameDecodeError);
  });
});
