// SA Query frames: the layout of IEEE 802.11-2020 9.6.9.2/9.6.9.3 (Action frame, category
// 8, action 0 request / 1 response, 2-octet transaction identifier, then elements).
import { describe, expect, it } from 'vitest';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { buildSaQuery, isSaQuery, parseSaQuery, SaQueryAction } from '../../core/ieee80211/sa-query.js';
import { hex, toHex } from './hex.js';

const AP = macFromString('02:00:00:00:00:00');
const STA = macFromString('02:00:00:00:01:00');

describe('SA Query', () => {
  it('builds a request: action frame, category 8, action 0, transaction id', () => {
    const f = buildSaQuery({ da: STA, sa: AP, bssid: AP, action: SaQueryAction.REQUEST, transactionId: hex('1234') });
    expect(toHex(f)).toBe('d000' + '0000' + '020000000100' + '020000000000' + '020000000000' + '0000' + '08' + '00' + '1234');
    expect(isSaQuery(f)).toBe(true);
  });

  it('parses a response with an OCI element kept raw', () => {
    const f = buildSaQuery({ da: AP, sa: STA, bssid: AP, action: SaQueryAction.RESPONSE, transactionId: hex('abcd'), elements: hex('ff0436510600') });
    const p = parseSaQuery(f);
    expect(p.action).toBe(1);
    expect(toHex(p.transactionId)).toBe('abcd');
    expect(toHex(p.elements)).toBe('ff0436510600');
  });

  it('refuses another category or action, a short frame, and a bad id length', () => {
    const f = buildSaQuery({ da: STA, sa: AP, bssid: AP, action: 0, transactionId: hex('0001') });
    const other = f.slice();
    other[24] = 4;
    expect(isSaQuery(other)).toBe(false);
    expect(() => parseSaQuery(other)).toThrow(/category 4/);
    const badAction = f.slice();
    badAction[25] = 2;
    expect(() => parseSaQuery(badAction)).toThrow(FrameDecodeError);
    expect(() => parseSaQuery(f.subarray(0, 27))).toThrow(FrameDecodeError);
    expect(() => buildSaQuery({ da: STA, sa: AP, bssid: AP, action: 0, transactionId: hex('01') })).toThrow(RangeError);
  });
});
