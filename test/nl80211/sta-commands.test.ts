// A station's nl80211 commands as bytes, run through a transcription of Linux 6.12's
// nl80211_policy and the checks of nl80211_authenticate / nl80211_associate
// (kernel-policy.ts), and a few attributes compared with hand-written TLVs (ids from
// include/uapi/linux/nl80211.h: IFINDEX 3, MAC 6, WIPHY_FREQ 38, SSID 52, AUTH_TYPE 53,
// AUTH_DATA 156, MLO_LINKS 312, MLO_LINK_ID 313, MLD_ADDR 314). The MLME events are read
// from attribute bytes written by hand as cfg80211 writes them.
import { describe, expect, it } from 'vitest';
import { decodeAttrs, encodeAttrs, forEachAttr } from '../../core/nl80211/attrs.js';
import { WpaVersion, type Nl80211Requester } from '../../core/nl80211/ap-commands.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import { associate, authenticate, deauthenticate, StaCommandError, type AssociateParams } from '../../core/nl80211/sta-commands.js';
import { decodeStaMlmeEvent } from '../../core/nl80211/sta-events.js';
import { CIPHER_CCMP } from '../../core/ieee80211/rsn-element.js';
import { associateRefusal, authenticateRefusal, parseByPolicy, type Parsed } from './kernel-policy.js';
import { tlv, u16 } from './hand-tlv.js';

const AKM_SAE = 0x000fac08;
const SSID = new TextEncoder().encode('wifid-mld');
const RSNE = Uint8Array.from([0x30, 0x14, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 4, 1, 0, 0, 0x0f, 0xac, 8, 0xc0, 0]);
const RSNXE = Uint8Array.from([0xf4, 1, 0x20]);
const IE = Uint8Array.from([...RSNE, ...RSNXE]);

function recorder() {
  const sent: { cmd: string; attrs: Attrs_nl80211_attrs; socket?: string }[] = [];
  const nl: Nl80211Requester = { request: async (cmd, attrs = {}, opts) => { sent.push({ cmd, attrs, ...(opts?.socket ? { socket: opts.socket } : {}) }); return []; } };
  return { nl, sent };
}

/** The bytes wifid would send, read back by the kernel's rules. */
const onWire = (attrs: Attrs_nl80211_attrs): Parsed => parseByPolicy(encodeAttrs('nl80211_attrs', attrs));
const hex = (p: Parsed, name: string) => Buffer.from(p.get(name) as Uint8Array).toString('hex');

const u8 = (v: number) => [v];
const mac = (s: string) => Buffer.from(s.replace(/:/g, ''), 'hex');
const event = (cmd: string, ...attrs: Buffer[]) => decodeStaMlmeEvent(cmd, decodeAttrs('nl80211_attrs', Buffer.concat(attrs)));

describe('AUTHENTICATE', () => {
  it('Open System: IFINDEX, MAC, WIPHY_FREQ, SSID, AUTH_TYPE 0, nothing else, on the high socket', async () => {
    const k = recorder();
    await authenticate(k.nl, { ifindex: 7, bssid: '02:00:00:00:01:00', freq: 2412, ssid: SSID, authType: 'open' });
    expect(k.sent.map((s) => [s.cmd, s.socket])).toEqual([['AUTHENTICATE', 'high']]);
    const t: Record<number, string> = {};
    forEachAttr(encodeAttrs('nl80211_attrs', k.sent[0]!.attrs), (type, v) => { t[type] = Buffer.from(v).toString('hex'); });
    expect(t).toEqual({ 3: '07000000', 6: '020000000100', 38: '6c090000', 52: Buffer.from(SSID).toString('hex'), 53: '00000000' });
    expect(authenticateRefusal(onWire(k.sent[0]!.attrs))).toBeUndefined();
  });

  it('SAE commit over link 1 of an AP MLD: AUTH_TYPE 4, AUTH_DATA from the transaction number on, MLO_LINK_ID u8, MLD_ADDR', async () => {
    const k = recorder();
    const authData = Uint8Array.from([1, 0, 126, 0, 19, 0, ...new Array(96).fill(0x5a)]); // transaction 1, status 126 (H2E), group 19, scalar+element
    await authenticate(k.nl, { ifindex: 7, bssid: '06:4d:4c:44:00:11', freq: 2437, ssid: SSID, authType: 'sae', authData, mld: { linkId: 1, apMldAddr: '06:4d:4c:44:00:00' } });
    const p = onWire(k.sent[0]!.attrs);
    expect(authenticateRefusal(p)).toBeUndefined();
    expect(hex(p, 'AUTH_TYPE')).toBe('04000000');
    expect(hex(p, 'AUTH_DATA')).toBe(Buffer.from(authData).toString('hex'));
    expect(hex(p, 'MLO_LINK_ID')).toBe('01');
    expect(hex(p, 'MLD_ADDR')).toBe('064d4c440000');
    expect(hex(p, 'MAC')).toBe('064d4c440011');
  });

  it('refuses what the kernel would, before sending: SAE without or with short AUTH_DATA, AUTH_DATA for Open System, an empty or 33-octet SSID, link 15', async () => {
    const k = recorder();
    const base = { ifindex: 7, bssid: '02:00:00:00:01:00', freq: 2412, ssid: SSID } as const;
    for (const p of [
      { ...base, authType: 'sae' as const },
      { ...base, authType: 'sae' as const, authData: Uint8Array.of(1, 0, 0) },
      { ...base, authType: 'open' as const, authData: Uint8Array.of(1, 0, 0, 0) },
      { ...base, ssid: new Uint8Array(0), authType: 'open' as const },
      { ...base, ssid: new Uint8Array(33), authType: 'open' as const },
      { ...base, authType: 'open' as const, mld: { linkId: 15, apMldAddr: '06:00:00:00:00:00' } },
    ]) {
      await expect(authenticate(k.nl, p)).rejects.toThrow(StaCommandError);
    }
    expect(k.sent).toEqual([]);
  });
});

describe('ASSOCIATE', () => {
  const crypto = { wpaVersions: WpaVersion.WPA3, pairwiseCipher: CIPHER_CCMP, groupCipher: CIPHER_CCMP, akm: AKM_SAE, mfp: 'REQUIRED' as const };

  it('one BSS: MAC and WIPHY_FREQ at the top, IE with RSNE+RSNXE, crypto, USE_MFP REQUIRED, CONTROL_PORT over nl80211 with SOCKET_OWNER, on the high socket', async () => {
    const k = recorder();
    await associate(k.nl, { ifindex: 7, ssid: SSID, bssid: '02:00:00:00:01:00', freq: 2412, ie: IE, crypto });
    expect(k.sent[0]!.socket).toBe('high');
    const p = onWire(k.sent[0]!.attrs);
    expect(associateRefusal(p)).toBeUndefined();
    expect(hex(p, 'IE')).toBe(Buffer.from(IE).toString('hex'));
    expect(hex(p, 'USE_MFP')).toBe('01000000');
    expect(hex(p, 'CIPHER_SUITES_PAIRWISE')).toBe('04ac0f00');
    expect(hex(p, 'AKM_SUITES')).toBe('08ac0f00');
    expect(hex(p, 'WPA_VERSIONS')).toBe('04000000');
    expect(hex(p, 'CONTROL_PORT_ETHERTYPE')).toBe('8e88');
    for (const flag of ['CONTROL_PORT', 'CONTROL_PORT_OVER_NL80211', 'SOCKET_OWNER']) expect(hex(p, flag), flag).toBe('');
    expect(p.has('MLO_LINKS')).toBe(false);
  });

  it('an AP MLD: no MAC/WIPHY_FREQ at the top; MLD_ADDR, MLO_LINK_ID of the association link, MLO_LINKS by link id with MAC and WIPHY_FREQ, IE only for the other links', async () => {
    const k = recorder();
    const linkIe = Uint8Array.from([0xdd, 4, 0x00, 0x50, 0xf2, 0x02]);
    await associate(k.nl, {
      ifindex: 7, ssid: SSID, bssid: '06:4d:4c:44:00:11', freq: 2437, ie: IE, crypto,
      mld: { apMldAddr: '06:4d:4c:44:00:00', assocLinkId: 1, links: [{ linkId: 0, bssid: '06:4d:4c:44:00:10', freq: 2412, ie: linkIe }] },
    });
    const p = onWire(k.sent[0]!.attrs);
    expect(associateRefusal(p)).toBeUndefined();
    expect(p.has('MAC') || p.has('WIPHY_FREQ')).toBe(false);
    expect(hex(p, 'MLD_ADDR')).toBe('064d4c440000');
    expect(hex(p, 'MLO_LINK_ID')).toBe('01');
    const links = (p.get('MLO_LINKS') as Parsed[]).map((l) => Object.fromEntries([...l].map(([n, v]) => [n, Buffer.from(v as Uint8Array).toString('hex')])));
    expect(links).toEqual([
      { MLO_LINK_ID: '00', MAC: '064d4c440010', WIPHY_FREQ: '6c090000', IE: Buffer.from(linkIe).toString('hex') },
      { MLO_LINK_ID: '01', MAC: '064d4c440011', WIPHY_FREQ: '85090000' },
    ]);
  });

  it('the policy transcription itself refuses the combinations the kernel refuses', () => {
    const base: Attrs_nl80211_attrs = { IFINDEX: 7, SSID: SSID, IE: IE, MLD_ADDR: '06:4d:4c:44:00:00', MLO_LINK_ID: 1 };
    const link = (id: number, extra: Attrs_nl80211_attrs = {}) => ({ MLO_LINK_ID: id, MAC: `06:4d:4c:44:00:1${id}`, WIPHY_FREQ: 2412, ...extra });
    expect(associateRefusal(onWire({ ...base, MLO_LINKS: [link(0), link(1)] }))).toBeUndefined();
    expect(associateRefusal(onWire({ ...base, MLO_LINKS: [link(0), link(1, { IE: RSNXE })] }))).toMatch(/per-link elems on assoc link/);
    expect(associateRefusal(onWire({ ...base, MLO_LINKS: [link(0)] }))).toMatch(/no BSS for the association link/);
    expect(associateRefusal(onWire({ ...base, MAC: '02:00:00:00:00:01', MLO_LINKS: [link(1)] }))).toMatch(/MAC or WIPHY_FREQ/);
    expect(() => onWire({ ...base, MLO_LINK_ID: 15 })).toThrow(/out of range/);
    expect(() => onWire({ IE: Uint8Array.of(0x30, 5, 1) })).toThrow(/not whole elements/);
  });

  it('refuses a link id twice, the association link among the others, or out of range, before sending', async () => {
    const k = recorder();
    const p = (links: AssociateParams['mld']): AssociateParams => ({ ifindex: 7, ssid: SSID, bssid: '06:4d:4c:44:00:11', freq: 2437, ie: IE, mld: links! });
    for (const mld of [
      { apMldAddr: '06:4d:4c:44:00:00', assocLinkId: 1, links: [{ linkId: 1, bssid: '06:4d:4c:44:00:12', freq: 2412 }] },
      { apMldAddr: '06:4d:4c:44:00:00', assocLinkId: 1, links: [{ linkId: 0, bssid: '06:4d:4c:44:00:10', freq: 2412 }, { linkId: 0, bssid: '06:4d:4c:44:00:10', freq: 2412 }] },
      { apMldAddr: '06:4d:4c:44:00:00', assocLinkId: 15, links: [] },
    ]) {
      await expect(associate(k.nl, p(mld))).rejects.toThrow(StaCommandError);
    }
    expect(k.sent).toEqual([]);
  });
});

describe('DEAUTHENTICATE', () => {
  it('MAC and a reason code of 1 or more (u16); LOCAL_STATE_CHANGE on request; reason 0 refused before sending', async () => {
    const k = recorder();
    await deauthenticate(k.nl, 7, '06:4d:4c:44:00:00', 3);
    await deauthenticate(k.nl, 7, '06:4d:4c:44:00:00', 3, true);
    const [a, b] = k.sent.map((s) => onWire(s.attrs));
    expect(hex(a!, 'REASON_CODE')).toBe('0300');
    expect(a!.has('LOCAL_STATE_CHANGE')).toBe(false);
    expect(hex(b!, 'LOCAL_STATE_CHANGE')).toBe('');
    await expect(deauthenticate(k.nl, 7, '06:4d:4c:44:00:00', 0)).rejects.toThrow(StaCommandError);
    expect(k.sent).toHaveLength(2);
  });
});

describe('station MLME events', () => {
  const frame = Buffer.from('b0003a01', 'hex');

  it('AUTHENTICATE and ASSOCIATE: the frame (and the request elements), or a timeout with the address', () => {
    expect(event('AUTHENTICATE', tlv(3, [7, 0, 0, 0]), tlv(51, frame))).toEqual({ kind: 'auth', frame: new Uint8Array(frame) });
    expect(event('AUTHENTICATE', tlv(65, []), tlv(6, mac('06:4d:4c:44:00:11')))).toEqual({ kind: 'auth_timeout', addr: '06:4d:4c:44:00:11' });
    expect(event('ASSOCIATE', tlv(51, frame), tlv(77, IE))).toEqual({ kind: 'assoc', frame: new Uint8Array(frame), reqIe: new Uint8Array(IE) });
    expect(event('ASSOCIATE', tlv(65, []), tlv(6, mac('06:4d:4c:44:00:00')))).toEqual({ kind: 'assoc_timeout', addr: '06:4d:4c:44:00:00' });
    expect(event('ASSOCIATE', tlv(3, [7, 0, 0, 0]))).toBeNull();
  });

  it('DEAUTHENTICATE / DISASSOCIATE with the frame; DISCONNECT with reason and by-AP flag', () => {
    expect(event('DEAUTHENTICATE', tlv(51, frame))).toEqual({ kind: 'deauth', frame: new Uint8Array(frame) });
    expect(event('DISASSOCIATE', tlv(51, frame))).toEqual({ kind: 'disassoc', frame: new Uint8Array(frame) });
    expect(event('DISCONNECT', tlv(54, u16(15)), tlv(71, []))).toEqual({ kind: 'disconnect', reason: 15, byAp: true });
    expect(event('DISCONNECT', tlv(54, u16(3)))).toEqual({ kind: 'disconnect', reason: 3, byAp: false });
  });

  it('CONNECT of an MLO association: AP MLD address, per link the BSSID, our link address and a refused link\'s status; a timeout with its reason', () => {
    const link = (id: number, bssid: string, addr: string, status?: number) =>
      tlv(id + 1, Buffer.concat([tlv(313, u8(id)), tlv(6, mac(addr)), tlv(245, mac(bssid)), ...(status !== undefined ? [tlv(72, u16(status))] : [])]), true);
    const ev = event('CONNECT', tlv(72, u16(0)), tlv(314, mac('06:4d:4c:44:00:00')), tlv(312, Buffer.concat([link(1, '06:4d:4c:44:00:11', '02:00:00:00:00:11'), link(0, '06:4d:4c:44:00:10', '02:00:00:00:00:10', 1)]), true));
    expect(ev).toEqual({
      kind: 'connect', status: 0, apMldAddr: '06:4d:4c:44:00:00', timedOut: false,
      links: [{ linkId: 0, bssid: '06:4d:4c:44:00:10', addr: '02:00:00:00:00:10', status: 1 }, { linkId: 1, bssid: '06:4d:4c:44:00:11', addr: '02:00:00:00:00:11' }],
    });
    expect(event('CONNECT', tlv(65, []), tlv(248, [2, 0, 0, 0]), tlv(6, mac('02:00:00:00:01:00')))).toEqual({ kind: 'connect', status: 1, bssid: '02:00:00:00:01:00', timedOut: true, timeoutReason: 2, links: [] });
  });

  it('LINKS_REMOVED: the link ids; without any link it is not usable', () => {
    expect(event('LINKS_REMOVED', tlv(312, Buffer.concat([tlv(1, tlv(313, u8(1)), true)]), true))).toEqual({ kind: 'links_removed', linkIds: [1] });
    expect(event('LINKS_REMOVED', tlv(3, [7, 0, 0, 0]))).toBeNull();
  });
});
