// The AP MLD's nl80211 commands as bytes (attribute ids from include/uapi/linux/nl80211.h:
// MAC 6, STA_SUPPORTED_RATES 19, IFINDEX 3, MLO_LINKS 312, MLO_LINK_ID 313, MLD_ADDR 314,
// HT_CAPABILITY 31, EHT_CAPABILITY 310, SOCKET_OWNER 204) and the kernel's replies: GET_INTERFACE of an AP MLD
// captured in the VM (vectors/README.md), GET_STATION's per-link layout built by hand.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeAttrs, encodeAttrs, forEachAttr } from '../../core/nl80211/attrs.js';
import { newStation, type Nl80211Requester } from '../../core/nl80211/ap-commands.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import { buildIface } from '../../core/nl80211/inventory.js';
import {
  addLink, addLinkStation, apMldRefusal, decodeStation, MldLinkError, modifyLinkStation, newApMldInterface, readLinks, removeLink, removeLinkStation,
} from '../../core/nl80211/mld-commands.js';
import { HWSIM_WIPHY } from '../ieee80211/band-fixture.js';
import { fromHex } from './util.js';
import { tlv, u32, u64 } from './hand-tlv.js';

const vector = (name: string) => decodeAttrs('nl80211_attrs', fromHex(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8')));
const TWO_LINKS = vector('get-interface-mld-two-links.hex');
const LINK1_STOPPED = vector('get-interface-mld-link1-stopped.hex');

/** Top-level attributes of an encoded request: id → hex of the payload. */
function tlvs(attrs: Attrs_nl80211_attrs): Record<number, string> {
  const out: Record<number, string> = {};
  forEachAttr(encodeAttrs('nl80211_attrs', attrs), (type, value) => { out[type] = Buffer.from(value).toString('hex'); });
  return out;
}

/** A requester that records what is sent and answers GET_INTERFACE with `iface`. */
function fakeKernel(iface: Attrs_nl80211_attrs = TWO_LINKS) {
  const sent: [string, Attrs_nl80211_attrs][] = [];
  const nl: Nl80211Requester = {
    request: async (cmd, attrs = {}) => {
      sent.push([cmd, attrs]);
      return cmd === 'GET_INTERFACE' ? [iface] : cmd === 'NEW_INTERFACE' ? [{ IFINDEX: 9, WDEV: 2n, MAC: attrs.MAC }] : [];
    },
  };
  return { nl, sent, cmds: () => sent.map(([c]) => c) };
}

const mac = (s: string) => Buffer.from(s.replace(/:/g, ''), 'hex');

describe('AP MLD interface and links', () => {
  it('reads a captured GET_INTERFACE of an AP MLD: MLD address, links 0 and 1 with address and channel', () => {
    const iface = buildIface(TWO_LINKS)!;
    expect(iface).toMatchObject({ ifname: 'wifid-mld0', iftype: 'ap', addr: '06:4d:4c:44:00:00', mldAddr: '06:4d:4c:44:00:00', ssid: 'wifid-mld' });
    expect(iface.links).toEqual([
      { linkId: 0, addr: '06:4d:4c:44:00:10', channel: { freq: 2412, width: '20_noht', centerFreq1: 2412 } },
      { linkId: 1, addr: '06:4d:4c:44:00:11', channel: { freq: 2437, width: '20_noht', centerFreq1: 2437 } },
    ]);
  });

  it('reads a captured GET_INTERFACE after STOP_AP of link 1: the link stays without channel, the SSID is gone', () => {
    const iface = buildIface(LINK1_STOPPED)!;
    expect(iface.links).toEqual([
      { linkId: 0, addr: '06:4d:4c:44:00:10', channel: { freq: 2412, width: '20_noht', centerFreq1: 2412 } },
      { linkId: 1, addr: '06:4d:4c:44:00:11' },
    ]);
    expect(iface.ssid).toBeUndefined();
  });

  it('NEW_INTERFACE of an AP MLD carries the MLD address as NL80211_ATTR_MAC, with SOCKET_OWNER', async () => {
    const k = fakeKernel();
    await newApMldInterface(k.nl, 0, 'wifid-mld0', '06:4d:4c:44:00:00');
    const t = tlvs(k.sent[0]![1]);
    expect(t[6]).toBe('064d4c440000');
    expect(t[5]).toBe('03000000'); // IFTYPE AP
    expect(t[204]).toBe(''); // SOCKET_OWNER flag
  });

  it('ADD_LINK: IFINDEX, MLO_LINK_ID (u8), MAC = the link address, after reading the links', async () => {
    const k = fakeKernel();
    await addLink(k.nl, 5, 2, '06:4d:4c:44:00:12');
    expect(k.cmds()).toEqual(['GET_INTERFACE', 'ADD_LINK']);
    expect(tlvs(k.sent[1]![1])).toEqual({ 3: '05000000', 313: '02', 6: '064d4c440012' });
  });

  it('ADD_LINK refused without a request when the link id is in use, the address is another link\'s or the MLD\'s', async () => {
    for (const [linkId, addr, why] of [[0, '06:4d:4c:44:00:20', /has link 0 already \(06:4d:4c:44:00:10\)/], [2, '06:4d:4c:44:00:11', /address of link 1/], [2, '06:4d:4c:44:00:00', /MLD address/]] as const) {
      const k = fakeKernel();
      const err = await addLink(k.nl, 5, linkId, addr).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MldLinkError);
      expect((err as Error).message).toMatch(why);
      expect((err as Error).message).toMatch(/^ADD_LINK: /);
      expect(k.cmds()).toEqual(['GET_INTERFACE']);
    }
  });

  it('link ids outside 0..14 are refused before anything is sent', async () => {
    const k = fakeKernel();
    await expect(addLink(k.nl, 5, 15, '06:4d:4c:44:00:1f')).rejects.toThrow(RangeError);
    await expect(removeLink(k.nl, 5, -1)).rejects.toThrow(RangeError);
    await expect(removeLinkStation(k.nl, 5, '06:00:00:00:00:01', 1.5)).rejects.toThrow(RangeError);
    expect(k.sent).toEqual([]);
  });

  it('REMOVE_LINK: IFINDEX and MLO_LINK_ID', async () => {
    const k = fakeKernel();
    await removeLink(k.nl, 5, 1);
    expect(k.cmds()).toEqual(['REMOVE_LINK']);
    expect(tlvs(k.sent[0]![1])).toEqual({ 3: '05000000', 313: '01' });
  });

  it('readLinks: the links of GET_INTERFACE by link id', async () => {
    const k = fakeKernel(LINK1_STOPPED);
    expect((await readLinks(k.nl, 5)).map((l) => [l.linkId, l.addr, l.channel?.freq])).toEqual([[0, '06:4d:4c:44:00:10', 2412], [1, '06:4d:4c:44:00:11', undefined]]);
  });

  it('a wiphy without MLO support or without AP mode is refused; a real mlo=1 hwsim radio is not', () => {
    expect(HWSIM_WIPHY.supportsMlo).toBe(true);
    expect(apMldRefusal(HWSIM_WIPHY)).toBeUndefined();
    expect(apMldRefusal({ ...HWSIM_WIPHY, supportsMlo: false })).toBe(`${HWSIM_WIPHY.name} does not support MLO (no NL80211_ATTR_MLO_SUPPORT)`);
    expect(apMldRefusal({ ...HWSIM_WIPHY, iftypes: ['station'] })).toMatch(/cannot be an access point/);
  });
});

describe('multi-link stations', () => {
  const MLD = '02:11:22:33:44:00';
  const LINK1 = '02:11:22:33:44:01';

  // nl80211_new_station: "If MLD_ADDR attribute is set then this is an MLD station and the
  // MLD_ADDR attribute holds the MLD address and the MAC attribute holds the LINK address"
  // (seen in the VM too: the reverse keys the station by its link address, and ADD_LINK_STA
  // by MLD address then fails with ENOENT).
  it('NEW_STATION of an MLD station: MAC = its address on the association link, MLO_LINK_ID = that link, MLD_ADDR = its MLD address', async () => {
    const k = fakeKernel();
    await newStation(k.nl, {
      ifindex: 5, addr: MLD, aid: 1, listenInterval: 10, supportedRates: new Uint8Array([0x82, 0x84]), capability: 1,
      flags: { set: [], mask: [] }, linkId: 0, linkAddr: '02:11:22:33:44:10',
    });
    const t = tlvs(k.sent[0]![1]);
    expect([t[6], t[313], t[314]]).toEqual(['021122334410', '00', '021122334400']);
  });

  it('ADD_LINK_STA: MLD_ADDR = the station\'s MLD address, MAC = its link address, link id, rates and capabilities', async () => {
    const k = fakeKernel();
    const eht = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    await addLinkStation(k.nl, { ifindex: 5, mldAddr: MLD, linkId: 1, linkAddr: LINK1, supportedRates: new Uint8Array([0x0c, 0x12]), htCapability: new Uint8Array(26).fill(7), ehtCapability: eht });
    expect(k.cmds()).toEqual(['ADD_LINK_STA']);
    const t = tlvs(k.sent[0]![1]);
    expect({ ifindex: t[3], mld: t[314], link: t[313], mac: t[6], rates: t[19], ht: t[31], eht: t[310] })
      .toEqual({ ifindex: '05000000', mld: '021122334400', link: '01', mac: '021122334401', rates: '0c12', ht: '07'.repeat(26), eht: Buffer.from(eht).toString('hex') });
    // What the kernel decodes is what was meant.
    const back = decodeAttrs('nl80211_attrs', encodeAttrs('nl80211_attrs', k.sent[0]![1]));
    expect({ mld: back.MLD_ADDR, mac: back.MAC, link: back.MLO_LINK_ID }).toEqual({ mld: MLD, mac: LINK1, link: 1 });
  });

  it('ADD_LINK_STA without supported rates is refused before sending (the kernel requires them)', async () => {
    const k = fakeKernel();
    await expect(addLinkStation(k.nl, { ifindex: 5, mldAddr: MLD, linkId: 1, linkAddr: LINK1 })).rejects.toThrow(/supported rates are required/);
    expect(k.sent).toEqual([]);
  });

  it('MODIFY_LINK_STA and REMOVE_LINK_STA name the station by MLD address and the link by id', async () => {
    const k = fakeKernel();
    await modifyLinkStation(k.nl, { ifindex: 5, mldAddr: MLD, linkId: 1, linkAddr: LINK1, opmodeNotif: 0x12 });
    await removeLinkStation(k.nl, 5, MLD, 1);
    expect(k.cmds()).toEqual(['MODIFY_LINK_STA', 'REMOVE_LINK_STA']);
    expect(tlvs(k.sent[0]![1])).toMatchObject({ 314: '021122334400', 313: '01', 6: '021122334401' });
    expect(tlvs(k.sent[1]![1])).toEqual({ 3: '05000000', 314: '021122334400', 313: '01' });
  });

  it('GET_STATION of an MLD station with per-link info (MLO_LINKS, one nest per link with link id, address, STA_INFO)', () => {
    // nl80211_send_station()'s layout in kernels with link_station info: the top-level MAC and
    // STA_INFO, then MLO_LINKS with a nest numbered link id + 1 per link. STA_INFO: RX_BYTES64 23, SIGNAL 7 (s8).
    const linkNest = (id: number, addr: string, signal: number, rx: bigint) => tlv(id + 1, Buffer.concat([
      tlv(313, [id]), tlv(6, mac(addr)), tlv(21, Buffer.concat([tlv(23, u64(rx)), tlv(7, [signal & 0xff])]), true),
    ]), true);
    const reply = Buffer.concat([
      tlv(3, u32(5)), tlv(6, mac(MLD)), tlv(21, tlv(23, u64(3000n)), true),
      tlv(312, Buffer.concat([linkNest(1, LINK1, -40, 1000n), linkNest(0, '02:11:22:33:44:10', -52, 2000n)]), true),
    ]);
    const st = decodeStation(decodeAttrs('nl80211_attrs', reply))!;
    expect(st.addr).toBe(MLD);
    expect(st.info.RX_BYTES64).toBe(3000n);
    expect(st.links.map((l) => [l.linkId, l.addr, l.info?.SIGNAL, l.info?.RX_BYTES64])).toEqual([
      [0, '02:11:22:33:44:10', -52, 2000n],
      [1, LINK1, -40, 1000n],
    ]);
  });

  it('the NEW_STATION event of an MLD station: MLD_ADDR and the association link at the top level; a legacy station has no links', () => {
    const ev = decodeAttrs('nl80211_attrs', Buffer.concat([tlv(3, u32(5)), tlv(6, mac(MLD)), tlv(313, [1]), tlv(314, mac(MLD)), tlv(21, Buffer.alloc(0), true)]));
    expect(decodeStation(ev)).toEqual({ addr: MLD, mldAddr: MLD, assocLinkId: 1, info: {}, links: [] });
    expect(decodeStation(decodeAttrs('nl80211_attrs', tlv(6, mac(LINK1))))).toEqual({ addr: LINK1, info: {}, links: [] });
    expect(decodeStation({})).toBeNull();
  });
});
