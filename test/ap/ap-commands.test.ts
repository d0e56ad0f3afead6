// The AP's nl80211 commands as bytes: the attribute layouts the kernel reads
// (include/uapi/linux/nl80211.h: struct nl80211_sta_flag_update, nested NL80211_ATTR_KEY).
import { describe, expect, it } from 'vitest';
import { encodeAttrs, forEachAttr } from '../../core/nl80211/attrs.js';
import { installKey, staFlagsUpdate, suiteList, type Nl80211Requester } from '../../core/nl80211/ap-commands.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';

describe('AP nl80211 commands', () => {
  it('station flags: mask and set as u32 bit maps of enum nl80211_sta_flags (AUTHORIZED 1, WME 3, MFP 4, AUTHENTICATED 5, ASSOCIATED 7)', () => {
    const b = Buffer.from(staFlagsUpdate(['authorized', 'wme', 'mfp', 'authenticated', 'associated'], ['authenticated', 'associated']));
    expect(b.readUInt32LE(0)).toBe((1 << 1) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 7));
    expect(b.readUInt32LE(4)).toBe((1 << 5) | (1 << 7));
  });

  it('suite lists are host-order u32s (CCMP 00-0f-ac:4)', () => {
    expect(Buffer.from(suiteList([0x000fac04])).toString('hex')).toBe('04ac0f00');
  });

  it('a GTK: NEW_KEY with a nested KEY (DATA 1, IDX 2, CIPHER 3, SEQ 4, TYPE 7 = group), then SET_KEY default multicast', async () => {
    const sent: [string, Attrs_nl80211_attrs][] = [];
    const nl: Nl80211Requester = { request: async (cmd, attrs = {}) => { sent.push([cmd, attrs]); return []; } };
    await installKey(nl, { ifindex: 7, kind: 'gtk', keyId: 1, cipher: 0x000fac04, key: new Uint8Array(16).fill(0xaa), seq: new Uint8Array(6) });
    expect(sent.map(([c]) => c)).toEqual(['NEW_KEY', 'SET_KEY']);
    const nested: Record<number, string> = {};
    forEachAttr(encodeAttrs('nl80211_attrs', sent[0]![1]), (type, value) => {
      if (type === 80) forEachAttr(value, (t, v) => { nested[t] = Buffer.from(v).toString('hex'); });
    });
    expect(nested).toEqual({ 1: 'aa'.repeat(16), 2: '01', 3: '04ac0f00', 4: '000000000000', 7: '00000000' });
    const defaults: number[] = [];
    forEachAttr(encodeAttrs('nl80211_attrs', sent[1]![1]), (type, value) => {
      if (type === 80) forEachAttr(value, (t) => defaults.push(t));
    });
    expect(defaults).toEqual([2, 5, 8]); // IDX, DEFAULT, DEFAULT_TYPES
  });
});
