// The nl80211 part of the `wifid` ubus object: `wiphys` and `interfaces` replies as
// plain objects (MAC addresses as strings, frequencies in MHz, wdev ids as hex strings
// since blobmsg has no unsigned 64-bit type), and the inventory events.
import type { UbusReply } from '../ubus/client.js';
import type { AccessMethods } from '../ubus/access.js';
import { quoted } from '../log-text.js';
import { UbusError, UbusStatus } from '../ubus/protocol.js';
import type { Iface, InventoryChange, Wiphy } from './inventory.js';
import type { Nl80211Service } from './service.js';

type Obj = Record<string, unknown>;

export const wdevId = (wdev: bigint): string => `0x${wdev.toString(16)}`;

export function renderWiphy(w: Wiphy): Obj {
  const out: Obj = {
    name: w.name,
    index: w.index,
    bands: w.bands.map((b) => ({
      band: b.band,
      ht: b.ht, vht: b.vht, he: b.he, eht: b.eht,
      bitrates: b.bitrates.map((r) => r / 10),
      channels: b.channels.map((c) => {
        const ch: Obj = { freq: c.freq, disabled: c.disabled, no_ir: c.noIr, radar: c.radar };
        if (c.offsetKhz !== undefined) ch.freq_offset_khz = c.offsetKhz;
        if (c.maxTxPowerMbm !== undefined) ch.max_tx_power_dbm = c.maxTxPowerMbm / 100;
        return ch;
      }),
    })),
    iftypes: w.iftypes,
    software_iftypes: w.softwareIftypes,
    combinations: w.combinations.map((c) => ({
      limits: c.limits.map((l) => ({ max: l.max, types: l.types })),
      max_interfaces: c.maxInterfaces,
      num_channels: c.numChannels,
      sta_ap_bi_match: c.staApBiMatch,
    })),
    mlo: {
      supported: w.supportsMlo,
      iftypes: w.mlo.map((m) => {
        const o: Obj = { iftype: m.iftype };
        if (m.emlCapability !== undefined) o.eml_capability = m.emlCapability;
        if (m.mldCapaAndOps !== undefined) o.mld_capa_and_ops = m.mldCapaAndOps;
        if (m.maxSimultaneousLinks !== undefined) o.max_simultaneous_links = m.maxSimultaneousLinks;
        return o;
      }),
    },
    p2p_device: w.p2pDevice,
  };
  if (w.maxScanSsids !== undefined) out.max_scan_ssids = w.maxScanSsids;
  if (w.maxRemainOnChannelMs !== undefined) out.max_remain_on_channel_ms = w.maxRemainOnChannelMs;
  return out;
}

function renderChannel(c: { freq: number; width?: string; centerFreq1?: number; centerFreq2?: number }): Obj {
  const o: Obj = { freq: c.freq };
  if (c.width !== undefined) o.width = c.width;
  if (c.centerFreq1 !== undefined) o.center_freq1 = c.centerFreq1;
  if (c.centerFreq2 !== undefined) o.center_freq2 = c.centerFreq2;
  return o;
}

export function renderIface(i: Iface, wiphyName?: string): Obj {
  const o: Obj = { wdev: wdevId(i.wdev), wiphy: i.wiphy, iftype: i.iftype };
  if (wiphyName !== undefined) o.phy = wiphyName;
  if (i.ifname !== undefined) o.ifname = i.ifname;
  if (i.ifindex !== undefined) o.ifindex = i.ifindex;
  if (i.addr !== undefined) o.addr = i.addr;
  if (i.mldAddr !== undefined) o.mld_addr = i.mldAddr;
  if (i.channel) o.channel = renderChannel(i.channel);
  if (i.ssid !== undefined) o.ssid = i.ssid;
  if (i.txPowerMbm !== undefined) o.tx_power_dbm = i.txPowerMbm / 100;
  o.links = i.links.map((l) => {
    const lo: Obj = { link_id: l.linkId, addr: l.addr };
    if (l.channel) lo.channel = renderChannel(l.channel);
    return lo;
  });
  return o;
}

type Inventory = Pick<Nl80211Service, 'wiphys' | 'interfaces' | 'state'>;

export function renderWiphys(svc: Inventory, phy?: string): Obj {
  const list = svc.wiphys().filter((w) => phy === undefined || w.name === phy);
  if (phy !== undefined && list.length === 0) throw new UbusError(UbusStatus.NOT_FOUND, `no wiphy named ${quoted(phy)}`);
  return { nl80211: svc.state, wiphys: list.map(renderWiphy) };
}

export function renderInterfaces(svc: Inventory, ifname?: string): Obj {
  const names = new Map(svc.wiphys().map((w) => [w.index, w.name]));
  const list = svc.interfaces().filter((i) => ifname === undefined || i.ifname === ifname);
  if (ifname !== undefined && list.length === 0) throw new UbusError(UbusStatus.NOT_FOUND, `no interface named ${quoted(ifname)}`);
  return { nl80211: svc.state, interfaces: list.map((i) => renderIface(i, names.get(i.wiphy))) };
}

/** `wiphys` [phy] and `interfaces` [ifname], for the lead to merge into the `wifid` object. */
export function nl80211UbusMethods(svc: Inventory): AccessMethods {
  return {
    wiphys: {
      access: 'read',
      policy: { phy: { type: 'string' } },
      handler: async (args) => renderWiphys(svc, args.phy as string | undefined) as UbusReply,
    },
    interfaces: {
      access: 'read',
      policy: { ifname: { type: 'string' } },
      handler: async (args) => renderInterfaces(svc, args.ifname as string | undefined) as UbusReply,
    },
  };
}

/**
 * The ubus event for an inventory change: type `wifid.wiphy.add`/`.remove`/`.change` or
 * `wifid.interface.add`/... with the rendered object (the lead sends it as a ubus event
 * and as a notification on the `wifid` object).
 */
export function inventoryEvent(change: InventoryChange, wiphyName?: (index: number) => string | undefined): { type: string; data: Obj } {
  const [what, action] = change.kind.split('-') as ['wiphy' | 'interface', string];
  const verb = action === 'added' ? 'add' : action === 'removed' ? 'remove' : 'change';
  if ('wiphy' in change) return { type: `wifid.${what}.${verb}`, data: renderWiphy(change.wiphy) };
  return { type: `wifid.${what}.${verb}`, data: renderIface(change.iface, wiphyName?.(change.iface.wiphy)) };
}
