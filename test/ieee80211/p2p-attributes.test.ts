import { describe, expect, it } from 'vitest';
import { P2pAttributeWriter, parseP2pAttributes } from '../../core/ieee80211/p2p-attributes.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { macToString } from '../../core/ieee80211/mac-address.js';
import { deviceTypeToString } from '../../core/ieee80211/device-type.js';
import { hex } from './hex.js';

// Hand-assembled, NOT captured: the attribute layout of wpa_supplicant's
// p2p_buf_add_capability / p2p_buf_add_listen_channel / p2p_buf_add_device_info
// (src/p2p/p2p_build.c) for device 02:00:00:00:00:00 named "dev-a", primary type
// 1-0050F204-1 (Computer, PC), config methods 0x0188 (display, push button, keypad),
// country "XX\x04" as wpa_supplicant uses when no country is set.
const RESPONSE_ATTRS = hex(`
  02 0200 25 00                                # Capability: dev 0x25 group 0x00
  06 0500 585804 51 06                         # Listen Channel: XX\\x04, class 81, channel 6
  0d 1a00 020000000000 0188 0001 0050f204 0001 00  1011 0005 6465762d61   # Device Info
`);

describe('P2P attributes', () => {
  it('decodes capability, listen channel and device info', () => {
    const a = parseP2pAttributes(RESPONSE_ATTRS);
    expect(a.capability).toEqual({ device: 0x25, group: 0 });
    expect(a.listenChannel).toMatchObject({ opClass: 81, channel: 6 });
    expect([...a.listenChannel!.country]).toEqual([0x58, 0x58, 0x04]);
    expect(macToString(a.deviceInfo!.address)).toBe('02:00:00:00:00:00');
    expect(a.deviceInfo!.configMethods).toBe(0x0188);
    expect(deviceTypeToString(a.deviceInfo!.primaryDeviceType)).toBe('1-0050F204-1');
    expect(a.deviceInfo!.deviceName).toBe('dev-a');
    expect(a.unknown).toEqual([]);
  });

  it('writes what it reads (writer and parser agree byte for byte with the layout above)', () => {
    const w = new P2pAttributeWriter()
      .capability(0x25, 0)
      .listenChannel({ country: new Uint8Array([0x58, 0x58, 4]), opClass: 81, channel: 6 })
      .deviceInfo({
        address: hex('020000000000'), configMethods: 0x0188,
        primaryDeviceType: { category: 1, oui: 0x0050f204, subcategory: 1 }, secondaryDeviceTypes: [], deviceName: 'dev-a',
      });
    expect(w.finish()).toEqual(RESPONSE_ATTRS);
  });

  it('decodes secondary device types, device id, group id, channel list and ext listen timing', () => {
    const attrs = new P2pAttributeWriter()
      .deviceId(hex('aabbccddeeff'))
      .extListenTiming(100, 5000)
      .raw(15, hex('112233445566 4449524543542d6162')) // Group ID, SSID "DIRECT-ab"
      .raw(11, hex('585804 51 03 01 06 0b 73 01 24'))   // Channel List: 81:{1,6,11} 115:{36}
      .deviceInfo({
        address: hex('020000000100'), configMethods: 0x80,
        primaryDeviceType: { category: 10, oui: 0x0050f204, subcategory: 5 },
        secondaryDeviceTypes: [{ category: 7, oui: 0x0050f204, subcategory: 1 }], deviceName: 'peer',
      })
      .raw(200, hex('01'))
      .finish();
    const a = parseP2pAttributes(attrs);
    expect(macToString(a.deviceId!)).toBe('aa:bb:cc:dd:ee:ff');
    expect(a.extListenTiming).toEqual({ periodMs: 100, intervalMs: 5000 });
    expect(new TextDecoder().decode(a.groupId!.ssid)).toBe('DIRECT-ab');
    expect(a.channelList!.entries).toEqual([{ opClass: 81, channels: [1, 6, 11] }, { opClass: 115, channels: [36] }]);
    expect(a.deviceInfo!.secondaryDeviceTypes.map(deviceTypeToString)).toEqual(['7-0050F204-1']);
    expect(a.unknown).toEqual([200]);
  });

  it('ignores a zero-length listen channel as wpa_supplicant does', () => {
    expect(parseP2pAttributes(hex('06 0000')).listenChannel).toBeUndefined();
  });

  it.each([
    ['short capability', '02 0100 25', /Capability: length 1, needs at least 2/],
    ['short device id', '03 0500 0102030405', /Device ID/],
    ['short listen channel', '06 0300 585804', /Listen Channel/],
    ['attribute past the end', '02 0900 2500', /P2P attribute 2: length 9 but 2 bytes left/],
    ['header cut', '02 02', /P2P attribute header/],
    ['device info name header wrong', '0d 1600 020000000000 0188 0001 0050f204 0001 00 1012 0001 41', /expected Device Name attribute 0x1011/],
    ['device info name too long', '0d 1600 020000000000 0188 0001 0050f204 0001 00 1011 0009 41', /Device Name length 9/],
    ['device info secondary types overflow', '0d 1600 020000000000 0188 0001 0050f204 0001 05 1011 0001 41', /5 secondary device types do not fit/],
    ['channel list entry overflow', '0b 0600 585804 51 05 01', /2 channels|5 channels/],
    ['group id too long', `0f 2700 ${'00'.repeat(39)}`, /Group ID: length 39/],
  ])('rejects %s with a clear error', (_name, bytes, message) => {
    const run = () => parseP2pAttributes(hex(bytes));
    expect(run).toThrow(FrameDecodeError);
    expect(run).toThrow(message);
  });

  it('shows control characters in a peer name as "_" and stops at NUL', () => {
    const attrs = hex('0d 1a00 020000000000 0188 0001 0050f204 0001 00  1011 0005 610a62 00 63');
    expect(parseP2pAttributes(attrs).deviceInfo!.deviceName).toBe('a_b');
  });

  it('refuses to build a device name over 32 bytes', () => {
    expect(() => new P2pAttributeWriter().deviceInfo({
      address: hex('020000000000'), configMethods: 0, primaryDeviceType: { category: 1, oui: 0x0050f204, subcategory: 1 },
      secondaryDeviceTypes: [], deviceName: 'x'.repeat(33),
    })).toThrow(/exceeds 32 bytes/);
  });
});
