import { describe, expect, it } from 'vitest';
import { AttrDecodeError, AttrEncodeError, decodeAttrs, encodeAttrs } from '../../core/nl80211/attrs.js';
import { MessageDecodeError, parseAck, parseGenl, parseNetlinkMessages, peekIds } from '../../core/nl80211/message.js';
import { mulberry32 } from '../helpers/prng.js';
import { fromHex } from './util.js';

// A NEW_INTERFACE notification body for an MLD station, written byte by byte from
// include/uapi/linux/nl80211.h (Linux 6.12) and include/uapi/linux/netlink.h:
// struct nlattr { u16 nla_len; u16 nla_type; } + value, padded to 4; NLA_F_NESTED = 0x8000.
//   NL80211_ATTR_WIPHY        = 1    u32 0
//   NL80211_ATTR_IFINDEX      = 3    u32 5
//   NL80211_ATTR_IFNAME       = 4    "wlan0\0"
//   NL80211_ATTR_IFTYPE       = 5    u32 2 (NL80211_IFTYPE_STATION)
//   NL80211_ATTR_MAC          = 6    02:00:00:00:00:00
//   NL80211_ATTR_WDEV         = 153  u64 1
//   NL80211_ATTR_MLO_LINKS    = 312  nested { [1] = { MLO_LINK_ID(313) u8 0, MAC 02:00:00:00:01:00, WIPHY_FREQ(38) u32 2412 } }
const MLD_IFACE = fromHex(`
  08 00 01 00 00 00 00 00
  08 00 03 00 05 00 00 00
  0a 00 04 00 77 6c 61 6e 30 00 00 00
  08 00 05 00 02 00 00 00
  0a 00 06 00 02 00 00 00 00 00 00 00
  0c 00 99 00 01 00 00 00 00 00 00 00
  24 00 38 81
    20 00 01 80
      05 00 39 01 00 00 00 00
      0a 00 06 00 02 00 00 00 01 00 00 00
      08 00 26 00 6c 09 00 00
`);

describe('nl80211 attribute codec', () => {
  it('decodes an MLD interface notification written from the header', () => {
    const a = decodeAttrs('nl80211_attrs', MLD_IFACE);
    expect(a).toEqual({
      WIPHY: 0, IFINDEX: 5, IFNAME: 'wlan0', IFTYPE: 2, MAC: '02:00:00:00:00:00', WDEV: 1n,
      MLO_LINKS: [{ MLO_LINK_ID: 0, MAC: '02:00:00:00:01:00', WIPHY_FREQ: 2412 }],
    });
    expect(peekIds(MLD_IFACE)).toEqual({ wiphy: 0, ifindex: 5, wdev: 1n });
  });

  it('encodes the same attributes to the same bytes', () => {
    const bytes = encodeAttrs('nl80211_attrs', {
      WIPHY: 0, IFINDEX: 5, IFNAME: 'wlan0', IFTYPE: 2, MAC: '02:00:00:00:00:00', WDEV: 1n,
      MLO_LINKS: [{ MLO_LINK_ID: 0, MAC: '02:00:00:00:01:00', WIPHY_FREQ: 2412 }],
    });
    expect(Buffer.from(bytes).toString('hex')).toBe(Buffer.from(MLD_IFACE).toString('hex'));
  });

  it('encodes a flag as an empty attribute and omits false flags', () => {
    // NL80211_ATTR_SOCKET_OWNER = 204 (0xcc)
    expect(encodeAttrs('nl80211_attrs', { SOCKET_OWNER: true }).toString('hex')).toBe('0400cc00');
    expect(encodeAttrs('nl80211_attrs', { SOCKET_OWNER: false as never }).length).toBe(0);
  });

  it('refuses unknown names, out-of-range integers and malformed addresses', () => {
    expect(() => encodeAttrs('nl80211_attrs', { NOPE: 1 } as never)).toThrow(AttrEncodeError);
    expect(() => encodeAttrs('nl80211_attrs', { MLO_LINK_ID: 256 })).toThrow('MLO_LINK_ID: 256 out of range for u8');
    expect(() => encodeAttrs('nl80211_attrs', { IFINDEX: -1 })).toThrow(AttrEncodeError);
    expect(() => encodeAttrs('nl80211_attrs', { MAC: '02:00:00:00:00' })).toThrow('not a MAC address');
    expect(() => encodeAttrs('nl80211_attrs', { WDEV: 1.5 as never })).toThrow(AttrEncodeError);
  });

  it('throws on broken framing and skips a value that does not fit its type', () => {
    // Length 0x30 runs past the buffer.
    expect(() => decodeAttrs('nl80211_attrs', fromHex('30 00 03 00 05 00 00 00'))).toThrow(AttrDecodeError);
    // IFINDEX with 2 bytes instead of 4 is skipped; IFNAME still decodes.
    const problems: string[] = [];
    const a = decodeAttrs('nl80211_attrs', fromHex('06 00 03 00 05 00 00 00 0a 00 04 00 77 6c 61 6e 30 00 00 00'), problems);
    expect(a).toEqual({ IFNAME: 'wlan0' });
    expect(problems).toEqual(['nl80211_attrs.IFINDEX: 2 bytes, expected 4']);
  });

  it('fuzz: random and mutated bytes never throw anything but decode errors (seeded, fixed count)', () => {
    const rand = mulberry32(0x80211);
    /** An unsigned 32-bit integer, as the former xorshift gave. */
    const next = () => Math.floor(rand() * 2 ** 32);
    const valid = Buffer.from(MLD_IFACE);
    for (let runs = 1; runs <= 5_000; runs++) {
      let buf: Buffer;
      if (runs % 2) {
        buf = Buffer.from(valid);
        const flips = 1 + (next() % 4);
        for (let i = 0; i < flips; i++) buf[next() % buf.length] = next() & 0xff;
        buf = buf.subarray(0, next() % (buf.length + 1));
      } else {
        buf = Buffer.alloc(next() % 96);
        for (let i = 0; i < buf.length; i++) buf[i] = next() & 0xff;
      }
      for (const fn of [
        () => decodeAttrs('nl80211_attrs', buf),
        () => peekIds(buf),
        () => parseNetlinkMessages(buf).map((m) => (m.type === 2 ? parseAck(m) : parseGenl(m))),
      ]) {
        try {
          fn();
        } catch (err) {
          if (!(err instanceof AttrDecodeError || err instanceof MessageDecodeError)) throw err;
        }
      }
    }
  });
});
