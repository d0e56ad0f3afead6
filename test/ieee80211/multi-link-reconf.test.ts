// The Reconfiguration Multi-Link element against hostapd's tests/hwsim/test_eht.py
// (test_eht_mld_owe_two_links_reconf_*: the elements hostapd's AP puts in its beacons to
// remove a link, and their "extensibility" variants with longer Common Info and STA Info)
// and the layout of hostapd_eid_eht_reconf_ml.
import { describe, expect, it } from 'vitest';
import { buildReconfigurationMultiLink, parseReconfigurationMultiLink, ReconfOperation } from '../../core/ieee80211/multi-link-reconf.js';
import { multiLinkType, MultiLinkType } from '../../core/ieee80211/multi-link.js';
import { parseDefragmented } from '../../core/ieee80211/element-fragments.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { hex, toHex } from './hex.js';

const mlData = (bytes: Uint8Array) => parseDefragmented(bytes)[0].data.subarray(1);

describe('Reconfiguration Multi-Link element', () => {
  it('reads "remove link 2 / link 0, timer 0xffff" of test_eht_mld_owe_two_links_reconf_remove_*', () => {
    const a = parseReconfigurationMultiLink(mlData(hex('ff0b6b' + '0200' + '01' + '0005420003ffff')));
    expect(a).toEqual({ profiles: [{ linkId: 2, operation: ReconfOperation.AP_REMOVAL, completeProfile: false, apRemovalTimer: 0xffff, profile: new Uint8Array() }] });
    const b = parseReconfigurationMultiLink(mlData(hex('ff0b6b' + '0200' + '01' + '0005400003ffff')));
    expect(b.profiles[0]).toMatchObject({ linkId: 0, apRemovalTimer: 0xffff });
  });

  it('skips the extra Common Info and STA Info octets of the reconf_mle_ext cases', () => {
    const ml = parseReconfigurationMultiLink(mlData(hex('ff106b' + '0200' + '05aaaaaaaa' + '0006420004ffffaa')));
    expect(ml.mldAddr).toBeUndefined();
    expect(ml.profiles).toEqual([{ linkId: 2, operation: 0, completeProfile: false, apRemovalTimer: 0xffff, profile: new Uint8Array() }]);
  });

  it("writes an announced removal as hostapd_eid_eht_reconf_ml: no common fields, STA Control link | 0x40, STA Info Length 3", () => {
    const built = buildReconfigurationMultiLink({ profiles: [{ linkId: 1, operation: ReconfOperation.AP_REMOVAL, apRemovalTimer: 10, profile: new Uint8Array() }] });
    expect(toHex(built)).toBe('ff0b6b' + '0200' + '01' + '0005' + '4100' + '03' + '0a00');
    expect(multiLinkType(mlData(built))).toBe(MultiLinkType.RECONFIGURATION);
  });

  it('round-trips the optional fields', () => {
    const ml = {
      mldAddr: hex('020000000100'), emlCapabilities: 1, mldCapabilities: 0x2001, extMldCapabilities: 0,
      profiles: [
        { linkId: 3, operation: ReconfOperation.ADD_LINK, completeProfile: true, staAddr: hex('020000000103'), operationParams: hex('010203'),
          nstr: { bitmap: 0x0102, wide: true }, profile: hex('1104 010882848b96') },
        { linkId: 14, operation: ReconfOperation.AP_REMOVAL, completeProfile: false, apRemovalTimer: 0, profile: new Uint8Array() },
      ],
    };
    expect(parseReconfigurationMultiLink(mlData(buildReconfigurationMultiLink(ml)))).toEqual(ml);
  });

  it('refuses short STA Info, a reserved link id, another type and out-of-range values', () => {
    expect(() => parseReconfigurationMultiLink(mlData(hex('ff0a6b' + '0200' + '01' + '0004420002ff')))).toThrow(/needs 3/);
    expect(() => parseReconfigurationMultiLink(mlData(hex('ff0b6b' + '0200' + '01' + '00054f0003ffff')))).toThrow(/reserved/);
    expect(() => parseReconfigurationMultiLink(mlData(hex('ff0b6b' + '0200' + '01' + '0005420004ffff')))).toThrow(FrameDecodeError);
    expect(() => parseReconfigurationMultiLink(hex('0000 07 020000000100'))).toThrow(/not Reconfiguration/);
    expect(() => buildReconfigurationMultiLink({ profiles: [{ linkId: 0, operation: 0, apRemovalTimer: 70000, profile: new Uint8Array() }] })).toThrow(RangeError);
  });
});
