// The nl80211 service: owns every nl80211 socket of the daemon. A controller socket
// watches the generic-netlink controller, so nl80211 is picked up whenever cfg80211
// registers it (and dropped when it goes); a request socket carries requests and their
// replies; two event sockets keep the kernel's queues apart by priority: 'high' joins
// the mlme group (auth/assoc/deauth, frame TX status, critical frame RX registered on
// it), 'low' joins config, scan and regulatory. Interfaces that wifid creates carry
// NL80211_ATTR_SOCKET_OWNER on the request socket, so they die with the daemon.
import { inject, injectable } from 'tsyringe';
import { endianness } from 'node:os';
import { AttrStream, genl } from 'netlink';
import type { Logger } from '../log.js';
import { TOKENS } from '../tokens.js';
import { decodeAttrs, encodeAttrs } from './attrs.js';
import { EventDispatcher, type Nl80211Event, type Priority, type Subscription } from './dispatch.js';
import { Nl80211Error, Nl80211UnavailableError } from './errors.js';
import { ENUMS, NL80211_GENL_NAME, NL80211_MULTICAST_GROUPS, type Attrs_nl80211_attrs, type Nl80211Command } from './gen/schema.generated.js';
import { AckError, GenlChannel, openGenericNetlinkSocket, type GenlAnswer, type NetlinkSocketLike } from './genl-channel.js';
import { buildIface, buildWiphy, groupByWiphy, Inventory, type Iface, type InventoryChange, type Wiphy } from './inventory.js';
import { makeEvent } from './events.js';
import { parseGenl, type NetlinkAck, type NetlinkMessage } from './message.js';

// nl_set_extack_cookie_u64() copies an ACK cookie in the kernel's (this host's) byte order.
const HOST_LE = endianness() === 'LE';
const GENL_ID_CTRL = 16;
const CTRL_VERSION = 2;
const CTRL_CMD_NEWFAMILY = 1;
const CTRL_CMD_DELFAMILY = 2;
const CTRL_CMD_GETFAMILY = 3;

const CMDS = ENUMS.nl80211_commands.values as Record<string, number>;
const ATTRS = ENUMS.nl80211_attrs.values as Record<string, number>;
const ATTR_NAMES = new Map<number, string>();
for (const [name, id] of Object.entries(ATTRS)) if (!ATTR_NAMES.has(id)) ATTR_NAMES.set(id, name);

/** Events that change the inventory. */
const INVENTORY_EVENTS = new Set(['NEW_WIPHY', 'DEL_WIPHY', 'NEW_INTERFACE', 'SET_INTERFACE', 'DEL_INTERFACE']);
/** Events after which an interface's channel or links may differ: re-read that interface. */
const IFACE_REFRESH_EVENTS = new Set(['CONNECT', 'ROAM', 'DISCONNECT', 'CH_SWITCH_NOTIFY', 'LINKS_REMOVED', 'STOP_AP', 'JOIN_IBSS', 'JOIN_MESH', 'LEAVE_MESH']);
/** Requests after which the interface they name may differ. */
const IFACE_REFRESH_REQUESTS = new Set(['ADD_LINK', 'REMOVE_LINK', 'START_AP', 'STOP_AP', 'SET_CHANNEL', 'SET_INTERFACE', 'SET_WIPHY', 'SET_MAC_ACL']);

export type Nl80211State = 'unavailable' | 'ready';

export interface RequestOptions {
  /** Ask for every object (NLM_F_DUMP). */
  dump?: boolean;
  /**
   * The socket to send on: 'request' (default) or an event socket. Frame registrations
   * (REGISTER_FRAME) bind the frames to the socket that sent them: register critical
   * frames on 'high', the rest on 'low'.
   */
  socket?: 'request' | Priority;
  timeoutMs?: number;
}

export interface Nl80211Options {
  /** Opens a NETLINK_GENERIC socket; tests and benches inject their own. */
  openSocket: (recvBufferSize?: number) => NetlinkSocketLike;
  /** Longest stretch of low-priority handlers before the event loop gets a turn (ms). */
  lowSliceMs: number;
  /** SO_RCVBUF of the event sockets. */
  eventRecvBuffer: number;
  /** Delay before trying again when attaching to nl80211 failed (ms). */
  retryMs: number;
}

type Listener<T> = (x: T) => void;

interface Family {
  id: number;
  version: number;
  groups: Map<string, number>;
}

interface Sockets {
  family: Family;
  req: GenlChannel;
  high: GenlChannel;
  low: GenlChannel;
}

@injectable()
export class Nl80211Service {
  readonly options: Nl80211Options = { openSocket: openGenericNetlinkSocket, lowSliceMs: 1, eventRecvBuffer: 1 << 20, retryMs: 5000 };
  private readonly log: Logger;
  private readonly inventory = new Inventory();
  readonly dispatcher: EventDispatcher;
  private ctrl: GenlChannel | null = null;
  private sockets: Sockets | null = null;
  private currentState: Nl80211State = 'unavailable';
  private chain: Promise<void> = Promise.resolve();
  private started = false;
  /** While a dump rebuilds the inventory, inventory events wait here (then apply in order). */
  private buffered: Nl80211Event[] | null = null;
  private resyncAgain = false;
  private readonly stateListeners = new Set<Listener<Nl80211State>>();
  private readonly changeListeners = new Set<Listener<InventoryChange>>();

  constructor(@inject(TOKENS.Logger) log: Logger) {
    this.log = log.child('nl80211');
    this.dispatcher = new EventDispatcher(this.log, 1);
  }

  get state(): Nl80211State { return this.currentState; }

  /** Why the kernel sends no extended ACKs (error texts, ACK cookies) to wifid, or undefined when it does. */
  get extendedAckProblem(): string | undefined { return this.ctrl ? this.ctrl.extendedAckProblem : 'not started'; }

  /** Called with the new state whenever nl80211 appears ('ready') or goes away. */
  onState(listener: Listener<Nl80211State>): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Called for each wiphy/interface that appears, changes or goes away. */
  onChange(listener: Listener<InventoryChange>): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  wiphys(): Wiphy[] { return this.inventory.wiphys(); }
  interfaces(): Iface[] { return this.inventory.interfaces(); }
  wiphy(indexOrName: number | string): Wiphy | undefined {
    return typeof indexOrName === 'number' ? this.inventory.wiphy(indexOrName) : this.inventory.wiphyByName(indexOrName);
  }
  iface(key: { wdev: bigint } | { ifindex: number } | { ifname: string }): Iface | undefined {
    if ('wdev' in key) return this.inventory.iface(key.wdev);
    if ('ifindex' in key) return this.inventory.ifaceByIndex(key.ifindex);
    return this.inventory.ifaceByName(key.ifname);
  }

  /** Subscribes to events; returns the unsubscribe function. */
  subscribe(sub: Omit<Subscription, 'cmds'> & { cmds: readonly Nl80211Command[] | '*' }): () => void {
    return this.dispatcher.subscribe(sub);
  }

  /** Drops every subscription of `owner` (a plugin on stop). */
  unsubscribeOwner(owner: string): void {
    this.dispatcher.removeOwner(owner);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const ctrl = new GenlChannel(this.options.openSocket(), {
      onEvent: (msg) => this.onControllerEvent(msg),
      onSocketError: (err) => {
        // A lost controller notification could hide nl80211 appearing: look again.
        this.log.warn(`controller socket: ${err.message}; checking for nl80211 again`);
        this.serial(() => this.probe());
      },
      onInvalid: (err) => this.log.warn(`controller socket: dropped a malformed message: ${err.message}`),
    });
    this.ctrl = ctrl;
    if (ctrl.extendedAckProblem) this.log.warn(`kernel error texts and ACK cookies unavailable: ${ctrl.extendedAckProblem}`);
    const nlctrl = await this.getFamily('nlctrl');
    const notify = nlctrl?.groups.get('notify');
    if (notify === undefined) throw new Error('generic netlink controller has no notify group');
    ctrl.joinGroup(notify);
    await this.serial(() => this.probe());
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.serial(async () => this.detach('stopping'));
    this.ctrl?.close();
    this.ctrl = null;
  }

  /**
   * Sends a command with attributes by name and resolves with the decoded replies (none
   * for an ACK, one for a reply, all for a dump). Kernel refusals reject with Nl80211Error.
   */
  async request(cmd: Nl80211Command, attrs: Attrs_nl80211_attrs = {}, opts: RequestOptions = {}): Promise<Attrs_nl80211_attrs[]> {
    return (await this.exchange(cmd, attrs, opts)).replies;
  }

  /**
   * As request(), for commands that return their result in the ACK (NLMSGERR_ATTR_COOKIE:
   * CONTROL_PORT_FRAME's cookie). Resolves with that u64, or undefined if the kernel sent
   * none (no extended ACKs on the socket, or a frame sent without waiting for its ACK).
   */
  async requestAckCookie(cmd: Nl80211Command, attrs: Attrs_nl80211_attrs = {}, opts: RequestOptions = {}): Promise<bigint | undefined> {
    const c = (await this.exchange(cmd, attrs, opts)).ack?.cookie;
    if (!c || c.length !== 8) return undefined;
    const b = Buffer.from(c.buffer, c.byteOffset, 8);
    return HOST_LE ? b.readBigUInt64LE(0) : b.readBigUInt64BE(0);
  }

  private async exchange(cmd: Nl80211Command, attrs: Attrs_nl80211_attrs, opts: RequestOptions): Promise<{ replies: Attrs_nl80211_attrs[]; ack?: NetlinkAck }> {
    const s = this.sockets;
    if (!s || this.currentState !== 'ready' && !this.attaching) throw new Nl80211UnavailableError(cmd);
    const cmdId = CMDS[cmd];
    if (cmdId === undefined) throw new Nl80211Error(cmd, 22, 'unknown command');
    if (cmd === 'NEW_INTERFACE' && attrs.SOCKET_OWNER === undefined) attrs = { ...attrs, SOCKET_OWNER: true };
    const channel = opts.socket === 'high' ? s.high : opts.socket === 'low' ? s.low : s.req;
    let answer: GenlAnswer;
    try {
      answer = await channel.exchange(s.family.id, cmdId, s.family.version, encodeAttrs('nl80211_attrs', attrs), opts);
    } catch (err) {
      if (err instanceof AckError) {
        const missing = err.ack.missingAttr !== undefined ? ATTR_NAMES.get(err.ack.missingAttr) ?? `attribute ${err.ack.missingAttr}` : undefined;
        throw new Nl80211Error(cmd, err.ack.errno, err.ack.extackMessage, missing);
      }
      throw err;
    }
    const problems: string[] = [];
    const decoded = answer.parts.filter((m) => m.type === s.family.id).map((m) => decodeAttrs('nl80211_attrs', parseGenl(m).attrs, problems));
    if (problems.length > 0) this.log.debug(`${cmd}: skipped attributes that did not fit their type: ${[...new Set(problems)].join('; ')}`);
    if (IFACE_REFRESH_REQUESTS.has(cmd) && (attrs.IFINDEX !== undefined || attrs.WDEV !== undefined)) {
      void this.refreshIface(attrs.IFINDEX !== undefined ? { IFINDEX: attrs.IFINDEX } : { WDEV: attrs.WDEV! });
    }
    return answer.ack ? { replies: decoded, ack: answer.ack } : { replies: decoded };
  }

  /** Dumps wiphys and interfaces again and announces the differences (also after ENOBUFS). */
  resync(reason: string): Promise<void> {
    return this.serial(async () => {
      if (!this.sockets) return;
      this.log.notice(`resyncing inventory: ${reason}`);
      await this.dumpInventory();
    });
  }

  // ---- family life ----

  private attaching = false;

  private serial(fn: () => Promise<void>): Promise<void> {
    const run = this.chain.then(fn);
    this.chain = run.catch((err: unknown) => this.log.error(`nl80211: ${err instanceof Error ? err.message : String(err)}`));
    return run;
  }

  private async getFamily(name: string): Promise<Family | null> {
    const stream = new AttrStream();
    stream.emit(genl.formatMessage({ familyName: name }));
    const data = Buffer.concat(stream.bufs);
    try {
      const [reply] = await this.ctrl!.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, CTRL_VERSION, data);
      if (!reply) return null;
      return familyFrom(genl.parseMessage(Buffer.from(parseGenl(reply).attrs)));
    } catch (err) {
      if (err instanceof AckError && err.ack.errno === 2) return null; // ENOENT: not registered
      throw err;
    }
  }

  private retryTimer: NodeJS.Timeout | null = null;

  private async probe(): Promise<void> {
    if (!this.started || this.sockets) return;
    const family = await this.getFamily(NL80211_GENL_NAME);
    if (!family) {
      this.log.notice('nl80211 unavailable (cfg80211 not loaded); waiting for the family to appear');
      return;
    }
    try {
      await this.attach(family);
    } catch {
      // attach() logged why (e.g. a dump timed out on a loaded system); the daemon keeps
      // serving as 'unavailable' and tries again rather than failing its start.
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = null;
        void this.serial(() => this.probe());
      }, this.options.retryMs);
      this.retryTimer.unref();
    }
  }

  private onControllerEvent(msg: NetlinkMessage): void {
    if (msg.type !== GENL_ID_CTRL) return;
    let cmd: number;
    let fam: genl.Message;
    try {
      const g = parseGenl(msg);
      cmd = g.cmd;
      fam = genl.parseMessage(Buffer.from(g.attrs));
    } catch (err) {
      this.log.warn(`controller notification dropped: ${(err as Error).message}`);
      return;
    }
    if (fam.familyName !== NL80211_GENL_NAME) return;
    if (cmd === CTRL_CMD_NEWFAMILY) {
      this.log.notice('nl80211 family appeared');
      this.serial(async () => {
        if (!this.started || this.sockets) return;
        const family = familyFrom(fam);
        // The announcement may lack groups on old kernels; ask when it does.
        await this.attach(family.groups.size > 0 ? family : (await this.getFamily(NL80211_GENL_NAME)) ?? family);
      });
    } else if (cmd === CTRL_CMD_DELFAMILY) {
      this.log.notice('nl80211 family went away (cfg80211 unloaded)');
      this.serial(async () => this.detach('nl80211 family removed'));
    }
  }

  private openChannel(role: string, recvBuffer?: number): GenlChannel {
    const priority: Priority = role === 'high' ? 'high' : 'low';
    const channel: GenlChannel = new GenlChannel(this.options.openSocket(recvBuffer), {
      onEvent: (msg, at) => this.onEvent(msg, at, priority),
      onSocketError: (err) => {
        if (err.code === 'ENOBUFS') {
          this.log.warn(`${role} event socket overrun (ENOBUFS): events were lost; resyncing inventory`);
          if (this.buffered) this.resyncAgain = true;
          else void this.resync(`${role} socket overrun`);
        } else {
          this.log.error(`${role} socket: ${err.message}`);
        }
      },
      onInvalid: (err) => this.log.warn(`${role} socket: dropped a malformed message: ${err.message}`),
    });
    return channel;
  }

  private async attach(family: Family): Promise<void> {
    if (this.sockets) return;
    const req = this.openChannel('request');
    const high = this.openChannel('high', this.options.eventRecvBuffer);
    const low = this.openChannel('low', this.options.eventRecvBuffer);
    this.sockets = { family, req, high, low };
    const join = (ch: GenlChannel, name: string) => {
      const id = family.groups.get(name);
      if (id === undefined) this.log.warn(`nl80211 has no multicast group ${name}`);
      else ch.joinGroup(id);
    };
    join(high, NL80211_MULTICAST_GROUPS.MLME);
    join(low, NL80211_MULTICAST_GROUPS.CONFIG);
    join(low, NL80211_MULTICAST_GROUPS.SCAN);
    join(low, NL80211_MULTICAST_GROUPS.REG);
    this.attaching = true;
    try {
      await this.dumpInventory();
    } catch (err) {
      this.log.error(`nl80211: initial dump failed: ${(err as Error).message}`);
      this.closeSockets();
      throw err;
    } finally {
      this.attaching = false;
    }
    this.log.notice(`nl80211 ready (family ${family.id}): ${this.inventory.wiphys().length} wiphys, ${this.inventory.interfaces().length} interfaces`);
    this.setState('ready');
  }

  private closeSockets(): void {
    const s = this.sockets;
    this.sockets = null;
    if (!s) return;
    s.req.close();
    s.high.close();
    s.low.close();
  }

  private async detach(reason: string): Promise<void> {
    if (!this.sockets) return;
    this.closeSockets();
    this.dispatcher.clear();
    this.buffered = null;
    this.setState('unavailable');
    this.log.notice(`nl80211 detached: ${reason}`);
    for (const c of this.inventory.clear()) this.announce(c);
  }

  private setState(state: Nl80211State): void {
    if (this.currentState === state) return;
    this.currentState = state;
    for (const l of this.stateListeners) {
      try { l(state); } catch (err) { this.log.warn(`state listener: ${(err as Error).message}`); }
    }
  }

  private announce(change: InventoryChange): void {
    const what = 'wiphy' in change ? `${change.wiphy.name}` : `${change.iface.ifname ?? `wdev 0x${change.iface.wdev.toString(16)}`}`;
    this.log.info(`${change.kind}: ${what}`);
    for (const l of this.changeListeners) {
      try { l(change); } catch (err) { this.log.warn(`inventory listener: ${(err as Error).message}`); }
    }
  }

  // ---- inventory ----

  private async dumpInventory(): Promise<void> {
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
      void this.resync(`undecodable ${ev.cmd} event`);
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

  // ---- events ----

  private onEvent(msg: NetlinkMessage, receivedAt: number, source: Priority): void {
    const s = this.sockets;
    if (!s || msg.type !== s.family.id) return;
    let event: Nl80211Event;
    try {
      event = makeEvent(msg, receivedAt, source);
    } catch (err) {
      this.log.warn(`${source} socket: dropped a malformed nl80211 message: ${(err as Error).message}`);
      return;
    }
    if (INVENTORY_EVENTS.has(event.cmd)) {
      if (this.buffered) this.buffered.push(event);
      else this.applyInventoryEvent(event);
    } else if (IFACE_REFRESH_EVENTS.has(event.cmd) && event.ifindex !== undefined && !this.buffered) {
      void this.refreshIface({ IFINDEX: event.ifindex });
    }
    this.dispatcher.deliver(event);
  }
}

function familyFrom(m: genl.Message): Family {
  const groups = new Map<string, number>();
  for (const g of m.mcastGroups ?? []) if (g.name !== undefined && g.id !== undefined) groups.set(g.name, g.id);
  return { id: m.familyId ?? 0, version: m.version ?? 1, groups };
}
