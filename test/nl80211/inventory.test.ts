import { describe, expect, it } from 'vitest';
import { decodeAttrs, encodeAttrs } from '../../core/nl80211/attrs.js';
import type { Attrs_nl80211_attrs } from '../../core/nl80211/gen/schema.generated.js';
import { buildIface, buildWiphy, groupByWiphy, Inventory } from '../../core/nl80211/inventory.js';

// enum nl80211_iftype: STATION 2, AP 3, MONITOR 6, P2P_CLIENT 8, P2P_GO 9, P2P_DEVICE 10.
// enum nl80211_band: 2GHZ 0, 5GHZ 1. enum nl80211_chan_width: 20 = 1, 80 = 3.
// The parts follow nl80211_send_wiphy()'s split layout: general attributes first, then per
// band its rate info in one message and one channel per message, then combinations.
const split = (a: Attrs_nl80211_attrs) => decodeAttrs('nl80211_attrs', encodeAttrs('nl80211_attrs', a));
const RAW_PARTS: Attrs_nl80211_attrs[] = [
  { WIPHY: 0, WIPHY_NAME: 'phy0', SUPPORTED_IFTYPES: [2, 3, 6, 8, 9, 10], MAX_NUM_SCAN_SSIDS: 255 },
  { WIPHY: 0, WIPHY_NAME: 'phy0', WIPHY_BANDS: { 0: { HT_CAPA: 0x1ff, RATES: [{ RATE: 10 }, { RATE: 20 }] } } },
  { WIPHY: 0, WIPHY_NAME: 'phy0', WIPHY_BANDS: { 0: { FREQS: [{ FREQ: 2412, MAX_TX_POWER: 2000 }] } } },
  { WIPHY: 0, WIPHY_NAME: 'phy0', WIPHY_BANDS: { 0: { FREQS: [{ FREQ: 2484, DISABLED: true }] } } },
  { WIPHY: 0, WIPHY_NAME: 'phy0', WIPHY_BANDS: { 1: { VHT_CAPA: 1, IFTYPE_DATA: [{ IFTYPES: [2, 3], HE_CAP_PHY: new Uint8Array(11), EHT_CAP_PHY: new Uint8Array(9) }] } } },
  { WIPHY: 0, WIPHY_NAME: 'phy0', WIPHY_BANDS: { 1: { FREQS: [{ FREQ: 5180, RADAR: false as never, NO_IR: true }] } } },
  {
    WIPHY: 0, WIPHY_NAME: 'phy0',
    INTERFACE_COMBINATIONS: [{ LIMITS: [{ MAX: 2048, TYPES: [2] }, { MAX: 1, TYPES: [10] }], MAXNUM: 2048, NUM_CHANNELS: 1, STA_AP_BI_MATCH: true }],
  },
  { WIPHY: 0, WIPHY_NAME: 'phy0', MLO_SUPPORT: true, IFTYPE_EXT_CAPA: [{ IFTYPE: 2, EXT_CAPA: new Uint8Array(8), EML_CAPABILITY: 0x81, MLD_CAPA_AND_OPS: 0x1 }] },
  { WIPHY: 1, WIPHY_NAME: 'phy1', SUPPORTED_IFTYPES: [2] },
];
// Through the codec and back, as the parts arrive from the kernel.
const PARTS = RAW_PARTS.map(split);

describe('wiphy inventory from a split dump', () => {
  it('merges the parts of each wiphy: bands by id, channels concatenated', () => {
    const [w0, w1] = groupByWiphy(PARTS).map(buildWiphy);
    expect(w0).toEqual({
      index: 0, name: 'phy0',
      bands: [
        {
          band: '2ghz', bandId: 0, bitrates: [10, 20], ht: true, vht: false, he: false, eht: false,
          channels: [
            { freq: 2412, disabled: false, noIr: false, radar: false, maxTxPowerMbm: 2000 },
            { freq: 2484, disabled: true, noIr: false, radar: false },
          ],
        },
        {
          band: '5ghz', bandId: 1, bitrates: [], ht: false, vht: true, he: true, eht: true,
          channels: [{ freq: 5180, disabled: false, noIr: true, radar: false }],
          iftypeData: [{ iftypes: ['station', 'ap'], hePhy: new Uint8Array(11), ehtPhy: new Uint8Array(9) }],
        },
      ],
      iftypes: ['station', 'ap', 'monitor', 'p2p_client', 'p2p_go', 'p2p_device'],
      softwareIftypes: [],
      combinations: [{ limits: [{ max: 2048, types: ['station'] }, { max: 1, types: ['p2p_device'] }], maxInterfaces: 2048, numChannels: 1, staApBiMatch: true }],
      supportsMlo: true,
      mlo: [{ iftype: 'station', emlCapability: 0x81, mldCapaAndOps: 1, maxSimultaneousLinks: 2 }],
      p2pDevice: true,
      maxScanSsids: 255,
      supportedCommands: [],
    });
    expect(w1?.name).toBe('phy1');
    expect(w1?.supportsMlo).toBe(false);
    expect(w1?.p2pDevice).toBe(false);
  });
});

describe('interfaces and changes', () => {
  const mld = buildIface({
    WIPHY: 0, IFINDEX: 5, IFNAME: 'wlan0', IFTYPE: 3, MAC: '02:00:00:00:00:00', WDEV: 1n,
    MLO_LINKS: [
      { MLO_LINK_ID: 0, MAC: '02:00:00:00:01:00', WIPHY_FREQ: 2412, CHANNEL_WIDTH: 1, CENTER_FREQ1: 2412 },
      { MLO_LINK_ID: 1, MAC: '02:00:00:00:02:00', WIPHY_FREQ: 5180, CHANNEL_WIDTH: 3, CENTER_FREQ1: 5210 },
    ],
  })!;

  it('an MLD carries its MLD address and each link with id, address and channel', () => {
    expect(mld.mldAddr).toBe('02:00:00:00:00:00');
    expect(mld.links).toEqual([
      { linkId: 0, addr: '02:00:00:00:01:00', channel: { freq: 2412, width: '20', centerFreq1: 2412 } },
      { linkId: 1, addr: '02:00:00:00:02:00', channel: { freq: 5180, width: '80', centerFreq1: 5210 } },
    ]);
    const p2p = buildIface({ WIPHY: 0, IFTYPE: 10, MAC: '02:00:00:00:00:10', WDEV: 2n })!;
    expect(p2p.ifindex).toBeUndefined();
    expect(p2p.iftype).toBe('p2p_device');
    expect(p2p.mldAddr).toBeUndefined();
  });

  it('reports additions, changes and removals; removing a wiphy removes its interfaces', () => {
    const inv = new Inventory();
    const [w0] = groupByWiphy(PARTS).map(buildWiphy);
    expect(inv.replaceAll([w0!], [mld]).map((c) => c.kind)).toEqual(['wiphy-added', 'interface-added']);
    expect(inv.upsertIface(mld)).toEqual([]);
    expect(inv.upsertIface({ ...mld, links: mld.links.slice(0, 1) }).map((c) => c.kind)).toEqual(['interface-changed']);
    expect(inv.ifaceByName('wlan0')?.links).toHaveLength(1);
    expect(inv.removeWiphy(0).map((c) => c.kind)).toEqual(['interface-removed', 'wiphy-removed']);
    expect(inv.interfaces()).toEqual([]);
    expect(inv.removeIface(1n)).toEqual([]);
  });
});
