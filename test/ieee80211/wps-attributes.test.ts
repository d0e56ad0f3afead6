import { describe, expect, it } from 'vitest';
import { parseWpsAttributes, WpsAttr, WpsAttributeWriter } from '../../core/ieee80211/wps-attributes.js';
import { deviceTypeFromString, deviceTypeToString } from '../../core/ieee80211/device-type.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { hex } from './hex.js';

// Hand-assembled, NOT captured: attributes in the order of wpa_supplicant's
// p2p_build_wps_ie(all_attr=1) (src/p2p/p2p_build.c), WFA extension with Version2 0x20.
const PROBE_RESP_WPS = hex(`
  104a 0001 10                     # Version 1.0 (WPS 2.0 keeps 0x10 here)
  1044 0001 01                     # WPS State: not configured
  103b 0001 00                     # Response Type: enrollee info
  1047 0010 000102030405060708090a0b0c0d0e0f
  1021 0000  1023 0000  1024 0000  1042 0000
  1054 0008 0001 0050f204 0001     # Primary Device Type 1-0050F204-1
  1011 0005 6465762d62             # Device Name "dev-b"
  1008 0002 0188                   # Config Methods
  1049 0006 00372a 00 01 20        # WFA Vendor Extension: Version2 0x20
`);

describe('WPS attributes', () => {
  it('decodes the attributes of a P2P probe response WPS element', () => {
    const a = parseWpsAttributes(PROBE_RESP_WPS);
    expect(a).toMatchObject({ version: 0x10, version2: 0x20, wpsState: 1, responseType: 0, deviceName: 'dev-b', configMethods: 0x188, manufacturer: '' });
    expect(deviceTypeToString(a.primaryDeviceType!)).toBe('1-0050F204-1');
    expect(a.uuidE!.length).toBe(16);
    expect(a.vendorExtensions[0].vendorId).toBe(0x00372a);
  });

  it('collects every Requested Device Type', () => {
    const a = parseWpsAttributes(new WpsAttributeWriter()
      .deviceType(WpsAttr.REQUESTED_DEV_TYPE, deviceTypeFromString('1-0050F204-1'))
      .deviceType(WpsAttr.REQUESTED_DEV_TYPE, deviceTypeFromString('10-0050F204-5'))
      .finish());
    expect(a.requestedDeviceTypes.map(deviceTypeToString)).toEqual(['1-0050F204-1', '10-0050F204-5']);
  });

  it('skips attributes it does not use', () => {
    expect(parseWpsAttributes(hex('1022 0001 04  104a 0001 10')).version).toBe(0x10);
  });

  it.each([
    ['version of 2 bytes', '104a 0002 1000', /Version: length 2, expected 1/],
    ['config methods of 1 byte', '1008 0001 01', /Config Methods/],
    ['primary device type of 7 bytes', '1054 0007 00010050f20400', /Primary Device Type/],
    ['device name of 33 bytes', `1011 0021 ${'41'.repeat(33)}`, /Device Name: length 33 exceeds 32/],
    ['uneven secondary device type list', `1055 0009 ${'00'.repeat(9)}`, /not a multiple of 8/],
    ['vendor extension without vendor id', '1049 0002 0037', /shorter than a vendor id/],
    ['WFA subelement past its end', '1049 0005 00372a 00 05', /WFA Vendor Extension subelement/],
    ['attribute past the end', '1011 0010 41', /length 16 but 1 bytes left/],
    ['cut header', '10 11 00', /WPS attribute header/],
  ])('rejects %s', (_name, bytes, message) => {
    const run = () => parseWpsAttributes(hex(bytes));
    expect(run).toThrow(FrameDecodeError);
    expect(run).toThrow(message);
  });

  it('round-trips device type text as wpa_supplicant prints it', () => {
    expect(deviceTypeToString(deviceTypeFromString('10-0050f204-5'))).toBe('10-0050F204-5');
    expect(() => deviceTypeFromString('1-0050F204')).toThrow(RangeError);
    expect(() => deviceTypeFromString('70000-0050F204-1')).toThrow(/above 65535/);
  });
});
