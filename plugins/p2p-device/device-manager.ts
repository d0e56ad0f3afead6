// The P2P Devices wifid owns: created on a wiphy by `start`, removed by `stop`. Each is
// a wdev without a netdev (NL80211_IFTYPE_P2P_DEVICE) created with
// NL80211_ATTR_SOCKET_OWNER (the nl80211 service sets it on NEW_INTERFACE), so the
// kernel removes it when the daemon dies, however it dies.
import type { Logger } from '../../core/log.js';
import type { Nl80211Service } from '../../core/nl80211/service.js';
import { Nl80211Error, Nl80211UnavailableError } from '../../core/nl80211/errors.js';
import { IFTYPE, type Wiphy } from '../../core/nl80211/inventory.js';
import { wdevId } from '../../core/nl80211/ubus-methods.js';
import { macFromString } from '../../core/ieee80211/mac-address.js';
import { mgmtFrameType, MgmtSubtype } from '../../core/ieee80211/mgmt-header.js';
import { P2P_PUBLIC_ACTION_PREFIX } from '../../core/ieee80211/p2p-public-action.js';
import { P2pDiscovery, type DiscoveryServices } from './discovery.js';
import { describeDevice } from './device-description.js';
import { P2pError } from './errors.js';
import type { P2pSettings } from './config.js';
import type { PeerView } from './peer-table.js';

/** hwsim reports 1000 ms; a driver that reports nothing gets wpa_supplicant's listen length. */
const DEFAULT_MAX_ROC_MS = 500;

export interface P2pDeviceView {
  /** wifid's number for the device (what stop/find/... take). */
  handle: number;
  /** The kernel's wdev id, as `wifid interfaces` shows it ("0x2"). */
  wdev: string;
  phy: string;
  wiphy: number;
  address: string;
  state: 'idle' | 'find' | 'listen';
  listen_freq: number;
  device_name: string;
  peers: number;
}

interface OwnedDevice {
  handle: number;
  wdev: bigint;
  wiphy: number;
  phy: string;
  address: string;
  deviceName: string;
  discovery: P2pDiscovery;
}

/** How many P2P-Device wdevs a wiphy allows at once: the largest limit among its combinations. */
export function p2pDeviceLimit(w: Wiphy): number {
  let max = 0;
  for (const c of w.combinations) for (const l of c.limits) if (l.types.includes('p2p_device')) max = Math.max(max, l.max);
  // A driver listing P2P_DEVICE without a combination still supports one.
  return w.p2pDevice && max === 0 ? 1 : max;
}

function failure(what: string, err: unknown): P2pError {
  if (err instanceof Nl80211UnavailableError) return new P2pError('NOT_SUPPORTED', `${what}: nl80211 is not available`);
  const msg = err instanceof Error ? err.message : String(err);
  return new P2pError('UNKNOWN_ERROR', `${what}: ${msg}`);
}

/**
 * Handles are small numbers counted per daemon, not wdev ids: ubus names only 32-bit
 * integers ("Integer" in `ubus -v list`), and the kernel's wdev id carries the wiphy index
 * in its upper 32 bits, so phy1's first wdev is 0x100000001. A handle is never reused while
 * the daemon runs, so a stale one finds no device rather than someone else's.
 */
export class P2pDeviceManager {
  private readonly devices = new Map<number, OwnedDevice>();
  private nextHandle = 1;
  /** Phys with a start in progress: a second start waits for none, it is refused. */
  private readonly starting = new Set<number>();

  constructor(
    private readonly nl: Nl80211Service,
    private readonly services: DiscoveryServices,
    private readonly settings: () => P2pSettings,
    private readonly log: Logger,
  ) {}

  async start(phy: string): Promise<P2pDeviceView> {
    if (this.nl.state !== 'ready') throw new P2pError('NOT_SUPPORTED', `nl80211 is not available (no cfg80211 in the kernel?): no radio to start a P2P-Device on`);
    const wiphy = this.nl.wiphy(phy);
    if (!wiphy) {
      const known = this.nl.wiphys().map((w) => w.name).join(', ') || 'none';
      throw new P2pError('NOT_FOUND', `unknown phy '${phy}' (known: ${known})`);
    }
    if (!wiphy.p2pDevice) throw new P2pError('INVALID_ARGUMENT', `${phy} does not support P2P-Device`);
    const limit = p2pDeviceLimit(wiphy);
    const existing = this.nl.interfaces().filter((i) => i.wiphy === wiphy.index && i.iftypeId === IFTYPE.P2P_DEVICE);
    if (existing.length >= limit || this.starting.has(wiphy.index)) {
      const ours = existing.map((i) => this.byWdev(i.wdev)).find((d) => d !== undefined);
      const who = ours ? `wifid's handle ${ours.handle}` : existing.length > 0 ? `wdev ${existing[0]!.wdev}, not owned by wifid` : 'a start in progress';
      throw new P2pError('INVALID_ARGUMENT', `${phy} allows ${limit} P2P-Device${limit === 1 ? '' : 's'} and already has ${limit === 1 ? 'one' : existing.length} (${who})`);
    }
    this.starting.add(wiphy.index);
    try {
      return await this.create(wiphy);
    } finally {
      this.starting.delete(wiphy.index);
    }
  }

  private async create(wiphy: Wiphy): Promise<P2pDeviceView> {
    let created;
    try {
      [created] = await this.services.nl.request('NEW_INTERFACE', {
        WIPHY: wiphy.index,
        IFTYPE: IFTYPE.P2P_DEVICE,
        IFNAME: `p2p-dev-${wiphy.name}`.slice(0, 15),
        SOCKET_OWNER: true,
      });
    } catch (err) {
      throw failure(`creating the P2P-Device on ${wiphy.name}`, err);
    }
    const wdev = created?.WDEV;
    const address = created?.MAC;
    if (wdev === undefined || address === undefined) throw new P2pError('UNKNOWN_ERROR', `${wiphy.name}: the kernel's reply lacks the wdev id or address`);
    try {
      await this.services.nl.request('START_P2P_DEVICE', { WDEV: wdev });
      // Probe requests on the socket drained first: an answer must reach the searcher within its dwell.
      // Registrations live as long as the wdev (nl80211 has no unregister): removing it releases them.
      await this.services.nl.registerFrame(wdev, mgmtFrameType(MgmtSubtype.PROBE_REQ), new Uint8Array(), 'high');
      await this.services.nl.registerFrame(wdev, mgmtFrameType(MgmtSubtype.ACTION), P2P_PUBLIC_ACTION_PREFIX, 'high');
    } catch (err) {
      await this.remove(wdev).catch(() => undefined);
      throw failure(`starting the P2P-Device on ${wiphy.name}`, err);
    }
    const settings = this.settings();
    const addrBytes = macFromString(address);
    const handle = this.nextHandle++;
    const discovery = new P2pDiscovery({
      handle,
      wdev,
      wiphy: wiphy.index,
      phy: wiphy.name,
      address: addrBytes,
      description: describeDevice(settings, addrBytes),
      listenChannel: Number(settings.listen_channel),
      peerExpiryMs: settings.peer_expiry * 1000,
      maxRemainOnChannelMs: wiphy.maxRemainOnChannelMs ?? DEFAULT_MAX_ROC_MS,
    }, this.services);
    this.devices.set(handle, { handle, wdev, wiphy: wiphy.index, phy: wiphy.name, address, deviceName: settings.device_name, discovery });
    this.log.notice(`P2P-Device ${address} started on ${wiphy.name} (handle ${handle}, wdev ${wdevId(wdev)})`);
    return this.view(this.devices.get(handle)!);
  }

  async stop(handle: number): Promise<void> {
    const dev = this.get(handle);
    dev.discovery.close();
    this.devices.delete(handle);
    try {
      await this.services.nl.request('STOP_P2P_DEVICE', { WDEV: dev.wdev }).catch((err: unknown) => {
        if (!(err instanceof Nl80211Error && err.code === 'ENODEV')) throw err;
      });
      await this.remove(dev.wdev);
    } catch (err) {
      throw failure(`removing P2P-Device ${handle}`, err);
    }
    this.log.notice(`P2P-Device ${dev.address} on ${dev.phy} stopped (handle ${handle})`);
  }

  /** A device that went away without `stop` (its wiphy was removed): forget it. */
  forget(wdev: bigint, why: string): void {
    const dev = this.byWdev(wdev);
    if (!dev) return;
    dev.discovery.close();
    this.devices.delete(dev.handle);
    this.log.notice(`P2P-Device ${dev.address} on ${dev.phy} is gone (${why})`);
  }

  async stopAll(): Promise<void> {
    for (const handle of [...this.devices.keys()]) {
      await this.stop(handle).catch((err: unknown) => this.log.warn((err as Error).message));
    }
  }

  get(handle: number): OwnedDevice {
    const dev = this.devices.get(handle);
    if (!dev) {
      const known = [...this.devices.keys()].join(', ') || 'none';
      throw new P2pError('NOT_FOUND', `no P2P-Device with handle ${handle} (wifid owns: ${known})`);
    }
    return dev;
  }

  /** Whether wifid owns the P2P-Device with this wdev id. */
  ownsWdev(wdev: bigint): boolean {
    return this.byWdev(wdev) !== undefined;
  }

  private byWdev(wdev: bigint): OwnedDevice | undefined {
    for (const d of this.devices.values()) if (d.wdev === wdev) return d;
    return undefined;
  }

  list(): P2pDeviceView[] {
    return [...this.devices.values()].map((d) => this.view(d));
  }

  peers(handle: number): PeerView[] {
    return this.get(handle).discovery.peerList();
  }

  private view(d: OwnedDevice): P2pDeviceView {
    return {
      handle: d.handle,
      wdev: wdevId(d.wdev),
      phy: d.phy,
      wiphy: d.wiphy,
      address: d.address,
      state: d.discovery.state,
      listen_freq: d.discovery.listenFreq,
      device_name: d.deviceName,
      peers: d.discovery.peerCount,
    };
  }

  private async remove(wdev: bigint): Promise<void> {
    await this.services.nl.request('DEL_INTERFACE', { WDEV: wdev }).catch((err: unknown) => {
      if (!(err instanceof Nl80211Error && err.code === 'ENODEV')) throw err;
    });
  }
}
