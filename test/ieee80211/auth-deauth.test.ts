// Authentication and deauthentication frames against hostapd 2.10 / wpa_supplicant 2.10
// frames captured in the hwsim VM (open-assoc.pcap), and the field layout of IEEE
// 802.11-2020 9.3.3.12 / 9.3.3.13.
import { describe, expect, it } from 'vitest';
import { AuthAlgorithm, buildAuth, parseAuth } from '../../core/ieee80211/auth.js';
import { buildDeauth, buildDisassoc, parseDeauthOrDisassoc } from '../../core/ieee80211/deauth.js';
import { FrameDecodeError } from '../../core/ieee80211/decode-error.js';
import { BROADCAST_MAC, macFromString, macToString } from '../../core/ieee80211/mac-address.js';
import { MgmtSubtype } from '../../core/ieee80211/mgmt-header.js';
import { ReasonCode, reasonCodeName, isValidReasonCode } from '../../core/ieee80211/reason-codes.js';
import { StatusCode, statusCodeName } from '../../core/ieee80211/status-codes.js';
import { CAPTURE_AP, CAPTURE_STA, capturedMgmt, withoutDriverFields } from './open-assoc-capture.js';
import { hex, toHex } from './hex.js';

const AP = macFromString(CAPTURE_AP);
const STA = macFromString(CAPTURE_STA);

describe('authentication frames', () => {
  it('parses wpa_supplicant\'s open system authentication request', () => {
    const a = parseAuth(capturedMgmt(MgmtSubtype.AUTH, CAPTURE_STA));
    expect({ sa: macToString(a.sa), da: macToString(a.da), bssid: macToString(a.bssid) }).toEqual({ sa: CAPTURE_STA, da: CAPTURE_AP, bssid: CAPTURE_AP });
    expect({ algorithm: a.algorithm, transaction: a.transaction, status: a.status, body: a.body.length }).toEqual({ algorithm: AuthAlgorithm.OPEN_SYSTEM, transaction: 1, status: 0, body: 0 });
  });

  it('builds hostapd\'s answer byte for byte', () => {
    const built = buildAuth({ da: STA, sa: AP, bssid: AP, algorithm: AuthAlgorithm.OPEN_SYSTEM, transaction: 2, status: StatusCode.SUCCESS });
    expect(toHex(built)).toBe(toHex(withoutDriverFields(capturedMgmt(MgmtSubtype.AUTH, CAPTURE_AP))));
  });

  it('keeps an SAE body after the fixed fields', () => {
    const sae = hex('1300' + 'aa'.repeat(32) + 'bb'.repeat(64));
    const a = parseAuth(buildAuth({ da: STA, sa: AP, bssid: AP, algorithm: AuthAlgorithm.SAE, transaction: 1, status: StatusCode.SAE_HASH_TO_ELEMENT, body: sae }));
    expect(a.algorithm).toBe(3);
    expect(a.status).toBe(126);
    expect(toHex(a.body)).toBe(toHex(sae));
  });

  it('refuses other subtypes and frames cut in the fixed fields', () => {
    expect(() => parseAuth(capturedMgmt(MgmtSubtype.BEACON, CAPTURE_AP))).toThrow(/subtype 8/);
    const auth = capturedMgmt(MgmtSubtype.AUTH, CAPTURE_STA);
    expect(() => parseAuth(auth.subarray(0, auth.length - 1))).toThrow(FrameDecodeError);
  });
});

describe('deauthentication and disassociation', () => {
  it('parses hostapd\'s broadcast deauthentication at start (reason 2) and builds it again', () => {
    const captured = capturedMgmt(MgmtSubtype.DEAUTH, CAPTURE_AP);
    const d = parseDeauthOrDisassoc(captured);
    expect(d).toMatchObject({ kind: 'deauth', reason: ReasonCode.INVALID_AUTHENTICATION });
    expect(macToString(d.da)).toBe('ff:ff:ff:ff:ff:ff');
    expect(toHex(buildDeauth({ da: BROADCAST_MAC, sa: AP, bssid: AP, reason: 2 }))).toBe(toHex(withoutDriverFields(captured)));
  });

  it('builds a disassociation (subtype 10) with its reason and keeps trailing elements', () => {
    const f = buildDisassoc({ da: STA, sa: AP, bssid: AP, reason: ReasonCode.REASON_INACTIVITY, elements: hex('dd0400112233') });
    expect(toHex(f.subarray(0, 2))).toBe('a000');
    expect(parseDeauthOrDisassoc(f)).toMatchObject({ kind: 'disassoc', reason: 4 });
    expect(toHex(parseDeauthOrDisassoc(f).elements)).toBe('dd0400112233');
  });

  it('refuses a frame without a reason code or of another subtype', () => {
    const f = buildDeauth({ da: STA, sa: AP, bssid: AP, reason: 3 });
    expect(() => parseDeauthOrDisassoc(f.subarray(0, 25))).toThrow(FrameDecodeError);
    expect(() => parseDeauthOrDisassoc(capturedMgmt(MgmtSubtype.AUTH, CAPTURE_AP))).toThrow(FrameDecodeError);
    expect(() => buildDeauth({ da: STA, sa: AP, bssid: AP, reason: 70000 })).toThrow(RangeError);
  });
});

describe('status and reason codes', () => {
  it('names codes as Tables 9-49 and 9-50 do', () => {
    expect(statusCodeName(30)).toBe('REFUSED_TEMPORARILY');
    expect(statusCodeName(77)).toBe('UNSUPPORTED_FINITE_CYCLIC_GROUP');
    expect(statusCodeName(999)).toBe('STATUS_999');
    expect(reasonCodeName(15)).toBe('FOURWAY_HANDSHAKE_TIMEOUT');
    expect(reasonCodeName(0)).toBe('REASON_0');
    expect(isValidReasonCode(0)).toBe(false);
    expect(isValidReasonCode(3)).toBe(true);
    expect(isValidReasonCode(65536)).toBe(false);
  });
});
