// The inventory of wiphys and interfaces kept in step with the kernel (iwd's wiphy.c
// and netdev.c watch lists): a full dump on attach and after lost events, then the
// config events applied in order (those that arrive during a dump wait for it), and an
// interface read again after events and requests that may change its channel or links.
import type { Logger } from '../log.js';
import type { Nl80211Event } from './dispatch.js';
import { Nl80211Error } from './errors.js';
import type { Attrs_nl80211_attrs, Nl80211Command } from './gen/schema.generated.js';
import { buildIface, buildWiphy, groupByWiphy, Inventory, type Iface, type InventoryChange, type Wiphy } from './inventory.js';

/** Events that change the inventory. */
const INVENTORY_EVENTS = new Set(['NEW_WIPHY', 'DEL_WIPHY', 'NEW_INTERFACE', 'SET_INTERFACE', 'DEL_INTERFACE']);
/** Events after which an interface's channel or links may differ: re-read that interface. */
const IFACE_REFRESH_EVENTS = new Set(['CONNECT', 'ROAM', 'DISCONNECT', 'CH_SWITCH_NOTIFY', 'LINKS_REMOVED', 'STOP_AP', 'JOIN_IBSS', 'JOIN_MESH', 'LEAVE_MESH']);
/** Requests after which the interface they name may differ. */
const IFACE_REFRESH_REQUESTS = new Set(['ADD_LINK', 'REMOVE_LINK', 'START_AP', 'STOP_AP', 'SET_CHANNEL', 'SET_INTERFACE', 'SET_WIPHY', 'SET_MAC_ACL']);

type Request = (cmd: Nl80211Command, attrs?: Attrs_nl80211_attrs, opts?: { dump?: boolean }) => Promise<Attrs_nl80211_attrs[]>;

export class InventorySync {
  readonly inventory = new Inventory();
  /** While a dump rebuilds the inventory, inventory events wait here (then apply in order). */
  private buffered: Nl80211Event[] | null = null;
  private resyncAgain = false;
  private readonly changeListeners = new Set<(change: InventoryChange) => void>();

  /**
   * @param request sends an nl80211 request
   * @param resync asks for a dump in the service's order of work (an event was undecodable)
   */
  constructor(
    private readonly log: Logger,
    private readonly request: Request,
    private readonly resync: (reason: string) => void,
  ) {}

  /** Called for each wiphy/interface that appears, changes or goes away. */
  onChange(listener: (change: InventoryChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** A dump is running: events wait, and a resync asked for now makes it dump again. */
  get dumping(): boolean { return this.buffered !== null; }

  dumpAgain(): void { this.resyncAgain = true; }

  /** nl80211 went away: everything is gone (announced), waiting events are dropped. */
  clear(): void {
    this.buffered = null;
    for (const c of this.inventory.clear()) this.announce(c);
  }

  /** A request the kernel accepted: the interface it names may differ now. */
  afterRequest(cmd: Nl80211Command, attrs: Attrs_nl80211_attrs): void {
    if (IFACE_REFRESH_REQUESTS.has(cmd) && (attrs.IFINDEX !== undefined || attrs.WDEV !== undefined)) {
      void this.refreshIface(attrs.IFINDEX !== undefined ? { IFINDEX: attrs.IFINDEX } : { WDEV: attrs.WDEV! });
    }
  }

  /** An nl80211 event, before it goes to the subscribers. */
  onEvent(event: Nl80211Event): void {
    if (INVENTORY_EVENTS.has(event.cmd)) {
      if (this.buffered) this.buffered.push(event);
      else this.applyInventoryEvent(event);
    } else if (IFACE_REFRESH_EVENTS.has(event.cmd) && event.ifindex !== undefined && !this.buffered) {
      void this.refreshIface({ IFINDEX: event.ifindex });
    }
  }

  private announce(change: InventoryChange): void {
    const what = 'wiphy' in change ? `${change.wiphy.name}` : `${change.iface.ifname ?? `wdev 0x${change.iface.wdev.toString(16)}`}`;
    this.log.info(`${change.kind}: ${what}`);
    for (const l of this.changeListeners) {
      try { l(change); } catch (err) { this.log.warn(`inventory listener: ${(err as Error).message}`); }
    }
  }

  async dump(): Promise<void> {
    this.buffered = [];
    try {
      do {
        this.resyncAgain = false;
        const wiphyParts = await this.request('GET_WIPHY', { SPLIT_WIPHY_DUMP: true }, { dump: true });
        const ifaceParts = await this.request('GET_INTERFACE', {}, { dump: true });
        const wiphys = groupByWiphy(wiphyParts).map(buildWiphy).filter((w): w is Wiphy => w !== null);
        const ifaces = ifaceParts.map(buildIface).filter((i): i is Iface => i !== null);
        for (const c of this.inventory.replaceAll(wiphys, ifaces)) this.announce(c);
      } while (this.resyncAgain);
    } finally {
      const pending = this.buffered ?? [];
      this.buffered = null;
      for (const ev of pending) this.applyInventoryEvent(ev);
    }
  }

  /** Wiphy reads in flight, so a burst of events naming a new wiphy reads it once. */
  private readonly fetching = new Set<number>();

  private async fetchWiphy(index: number): Promise<void> {
    if (this.fetching.has(index)) return;
    this.fetching.add(index);
    try {
      const parts = await this.request('GET_WIPHY', { WIPHY: index, SPLIT_WIPHY_DUMP: true }, { dump: true });
      const [w] = groupByWiphy(parts.filter((p) => p.WIPHY === index)).map(buildWiphy);
      if (w) for (const c of this.inventory.upsertWiphy(w)) this.announce(c);
    } catch (err) {
      this.log.warn(`reading wiphy ${index}: ${(err as Error).message}`);
    } finally {
      this.fetching.delete(index);
    }
  }

  private async refreshIface(key: { IFINDEX: number } | { WDEV: bigint }): Promise<void> {
    try {
      const [reply] = await this.request('GET_INTERFACE', key);
      const iface = reply ? buildIface(reply) : null;
      if (iface) for (const c of this.inventory.upsertIface(iface)) this.announce(c);
    } catch (err) {
      // ENODEV: it went away meanwhile; its DEL_INTERFACE event removes it.
      if (!(err instanceof Nl80211Error && err.code === 'ENODEV')) this.log.warn(`reading interface ${JSON.stringify(key, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}: ${(err as Error).message}`);
    }
  }

  private applyInventoryEvent(ev: Nl80211Event): void {
    let attrs: Attrs_nl80211_attrs;
    try {
      attrs = ev.attrs;
    } catch (err) {
      this.log.warn(`${ev.cmd}: undecodable event: ${(err as Error).message}; resyncing`);
      this.resync(`undecodable ${ev.cmd} event`);
      return;
    }
    switch (ev.cmd) {
      case 'NEW_INTERFACE':
      case 'SET_INTERFACE': {
        const iface = buildIface(attrs);
        if (iface) for (const c of this.inventory.upsertIface(iface)) this.announce(c);
        // The kernel drops NEW_WIPHY notifications of wiphys too big for one message
        // (nl80211_notify_wiphy() does not split; hwsim's radios are that big), so an
        // interface of an unknown wiphy is how a new radio shows itself.
        if (iface && !this.inventory.wiphy(iface.wiphy)) void this.fetchWiphy(iface.wiphy);
        break;
      }
      case 'DEL_INTERFACE': {
        const wdev = attrs.WDEV ?? (attrs.IFINDEX !== undefined ? this.inventory.ifaceByIndex(attrs.IFINDEX)?.wdev : undefined);
        if (wdev !== undefined) for (const c of this.inventory.removeIface(wdev)) this.announce(c);
        break;
      }
      case 'NEW_WIPHY':
        if (attrs.WIPHY !== undefined) void this.fetchWiphy(attrs.WIPHY);
        break;
      case 'DEL_WIPHY':
        if (attrs.WIPHY !== undefined) for (const c of this.inventory.removeWiphy(attrs.WIPHY)) this.announce(c);
        break;
    }
  }
}
