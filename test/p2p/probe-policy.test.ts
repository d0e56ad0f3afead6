import { describe, expect, it } from 'vitest';
import { probeVerdict } from '../../plugins/p2p-device/probe-policy.js';
import { buildP2pProbeRequest, parseProbeRequest, type P2pDeviceDescription } from '../../core/ieee80211/p2p-probe.js';
import { buildMgmtHeader, MgmtSubtype } from '../../core/ieee80211/mgmt-header.js';
import { buildSsidElement, buildSupportedRatesElement } from '../../core/ieee80211/elements.js';
import { buildVendorElements, P2P_VENDOR_TYPE, WPS_VENDOR_TYPE } from '../../core/ieee80211/vendor-elements.js';
import { P2pAttributeWriter } from '../../core/ieee80211/p2p-attributes.js';
import { WpsAttr, WpsAttributeWriter } from '../../core/ieee80211/wps-attributes.js';
import { BROADCAST_MAC, macFromString } from '../../core/ieee80211/mac-address.js';
import { deviceTypeFromString } from '../../core/ieee80211/device-type.js';

const OWN = macFromString('42:00:00:00:aa:01');
const OWN_TYPE = deviceTypeFromString('6-0050F204-1');
const SEARCHER: P2pDeviceDescription = {
  deviceAddress: macFromString('02:00:00:00:01:00'), deviceName: 'searcher', primaryDeviceType: deviceTypeFromString('1-0050F204-1'),
  configMethods: 0x188, deviceCapability: 0x25, groupCapability: 0, uuid: new Uint8Array(16),
};

/** A probe request assembled element by element, to vary one thing at a time. */
function probe(opts: { da?: Uint8Array; bssid?: Uint8Array; ssid?: string; rates?: number[]; p2p?: Uint8Array | null; wps?: Uint8Array }) {
  const parts = [
    buildMgmtHeader({ subtype: MgmtSubtype.PROBE_REQ, da: opts.da ?? BROADCAST_MAC, sa: SEARCHER.deviceAddress, bssid: opts.bssid ?? BROADCAST_MAC }),
    buildSsidElement(new TextEncoder().encode(opts.ssid ?? 'DIRECT-')),
    buildSupportedRatesElement(opts.rates ?? [0x8c, 0x12, 0x98, 0x24]),
    opts.wps ? buildVendorElements(WPS_VENDOR_TYPE, opts.wps) : new Uint8Array(),
    opts.p2p === null ? new Uint8Array() : buildVendorElements(P2P_VENDOR_TYPE, opts.p2p ?? new P2pAttributeWriter().capability(0x25, 0).finish()),
  ];
  return parseProbeRequest(new Uint8Array(parts.flatMap((p) => [...p])));
}

describe('which P2P probe requests a listening device answers', () => {
  it('answers a search probe request as wpa_supplicant builds one', () => {
    expect(probeVerdict(parseProbeRequest(buildP2pProbeRequest(SEARCHER)), OWN, [OWN_TYPE])).toEqual({ answer: true });
  });

  it('answers one addressed to its own device address', () => {
    expect(probeVerdict(probe({ da: OWN }), OWN, [OWN_TYPE]).answer).toBe(true);
  });

  it.each([
    ['without a P2P element', { p2p: null }, 'no P2P element'],
    ['to another device', { da: macFromString('02:00:00:00:09:00') }, 'addressed to another device'],
    ['with a BSSID', { bssid: macFromString('02:00:00:00:09:00') }, 'BSSID is not the wildcard'],
    ['for another SSID', { ssid: 'home' }, 'SSID is not the P2P wildcard "DIRECT-"'],
    ['from an 11b-only device', { rates: [0x82, 0x84, 0x8b, 0x96] }, '802.11b rates only'],
    ['naming another Device ID', { p2p: new P2pAttributeWriter().capability(0, 0).deviceId(macFromString('02:00:00:00:09:00')).finish() }, 'Device ID names another device'],
    ['asking for another device type', { wps: new WpsAttributeWriter().deviceType(WpsAttr.REQUESTED_DEV_TYPE, deviceTypeFromString('10-0050F204-5')).finish() }, 'Requested Device Type does not match'],
  ])('ignores one %s', (_n, opts, why) => {
    expect(probeVerdict(probe(opts), OWN, [OWN_TYPE])).toEqual({ answer: false, why });
  });

  it('treats a requested type with OUI and sub-category 0 as a category wildcard', () => {
    const wps = new WpsAttributeWriter().deviceType(WpsAttr.REQUESTED_DEV_TYPE, { category: 6, oui: 0, subcategory: 0 }).finish();
    expect(probeVerdict(probe({ wps }), OWN, [OWN_TYPE]).answer).toBe(true);
    expect(probeVerdict(probe({ wps, p2p: new P2pAttributeWriter().deviceId(OWN).finish() }), OWN, [OWN_TYPE]).answer).toBe(true);
  });

});
