// The nl80211 service: owns every nl80211 socket of the daemon. A controller socket
// watches the generic-netlink controller, so nl80211 is picked up whenever cfg80211
// registers it (and dropped when it goes); a request socket carries requests and their
// replies; two event sockets keep the kernel's queues apart by priority: 'high' joins
// the mlme group (auth/assoc/deauth, frame TX status, critical frame RX registered on
// it), 'low' joins config, scan and regulatory. Interfaces that wifid creates carry
// NL80211_ATTR_SOCKET_OWNER on the request socket, so they die with the daemon.
// Beside it: genl-family.ts (the controller's view of families), inventory-sync.ts (the
// wiphys and interfaces kept in step with the kernel).
import { inject, injectable } from 'tsyringe';
import { endianness } from 'node:os';
import type { Logger } from '../log.js';
import { TOKENS } from '../tokens.js';
import { decodeAttrs, encodeAttrs } from './attrs.js';
import { EventDispatcher, type Nl80211Event, type Priority, type Subscription } from './dispatch.js';
import { Nl80211Error, Nl80211UnavailableError } from './errors.js';
import { ENUMS, NL80211_GENL_NAME, NL80211_MULTICAST_GROUPS, type Attrs_nl80211_attrs, type Nl80211Command } from './gen/schema.generated.js';
import { AckError, GenlChannel, openGenericNetlinkSocket, type GenlAnswer, type NetlinkSocketLike } from './genl-channel.js';
import { getFamily, parseFamilyNotification, type Family } from './genl-family.js';
import type { Iface, InventoryChange, Wiphy } from './inventory.js';
import { InventorySync } from './inventory-sync.js';
import { makeEvent } from './events.js';
import { parseGenl, type NetlinkAck, type NetlinkMessage } from './message.js';
import { decodeScanDump, type ScanResult } from './scan.js';
import { bundledScanWorker, ScanDumper, type ScanDumperStats } from './scan-dumper.js';

// nl_set_extack_cookie_u64() copies an ACK cookie in the kernel's (this host's) byte order.
const HOST_LE = endianness() === 'LE';

const CMDS = ENUMS.nl80211_commands.values as Record<string, number>;
const ATTRS = ENUMS.nl80211_attrs.values as Record<string, number>;
const ATTR_NAMES = new Map<number, string>();
for (const [name, id] of Object.entries(ATTRS)) if (!ATTR_NAMES.has(id)) ATTR_NAMES.set(id, name);

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
  /** The scan-dump worker's script (beside the bundle); undefined: scan dumps are decoded on the main thread. */
  scanWorkerFile: string | undefined;
  /** The scan-dump worker ends after this long without a dump (ms). */
  scanWorkerIdleMs: number;
}

type Listener<T> = (x: T) => void;

interface Sockets {
  family: Family;
  req: GenlChannel;
  high: GenlChannel;
  low: GenlChannel;
}

@injectable()
export class Nl80211Service {
  readonly options: Nl80211Options = {
    openSocket: openGenericNetlinkSocket, lowSliceMs: 1, eventRecvBuffer: 1 << 20, retryMs: 5000,
    scanWorkerFile: bundledScanWorker(), scanWorkerIdleMs: 30_000,
  };
  private readonly log: Logger;
  private readonly sync: InventorySync;
  private readonly inventory: InventorySync['inventory'];
  readonly dispatcher: EventDispatcher;
  private ctrl: GenlChannel | null = null;
  private sockets: Sockets | null = null;
  private currentState: Nl80211State = 'unavailable';
  private chain: Promise<void> = Promise.resolve();
  private started = false;
  private readonly stateListeners = new Set<Listener<Nl80211State>>();
  private readonly overruns: Record<Priority, number> = { high: 0, low: 0 };
  private scanDumper: ScanDumper | null = null;

  constructor(@inject(TOKENS.Logger) log: Logger) {
    this.log = log.child('nl80211');
    this.dispatcher = new EventDispatcher(this.log, 1);
    this.sync = new InventorySync(this.log, (cmd, attrs, opts) => this.request(cmd, attrs, opts), (why) => void this.resync(why));
    this.inventory = this.sync.inventory;
  }

  get state(): Nl80211State { return this.currentState; }

  /** Why the kernel sends no extended ACKs (error texts, ACK cookies) to wifid, or undefined when it does. */
  get extendedAckProblem(): string | undefined { return this.ctrl ? this.ctrl.extendedAckProblem : 'not started'; }

  /**
   * How often each event socket overran (ENOBUFS: the kernel dropped events for it, frames
   * registered on it among them) since the service was made.
   */
  socketOverruns(): Readonly<Record<Priority, number>> {
    return { ...this.overruns };
  }

  /** Called with the new state whenever nl80211 appears ('ready') or goes away. */
  onState(listener: Listener<Nl80211State>): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Called for each wiphy/interface that appears, changes or goes away. */
  onChange(listener: Listener<InventoryChange>): () => void {
    return this.sync.onChange(listener);
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
    const nlctrl = await getFamily(ctrl, 'nlctrl');
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
    this.sync.afterRequest(cmd, attrs);
    return answer.ack ? { replies: decoded, ack: answer.ack } : { replies: decoded };
  }

  /**
   * The kernel's scan results for a wdev (what it heard lately, not only the last scan),
   * dumped and decoded in the scan worker thread (see scan-dumper.ts).
   */
  async dumpScan(wdev: bigint): Promise<ScanResult[]> {
    const s = this.sockets;
    if (!s || this.currentState !== 'ready') throw new Nl80211UnavailableError('GET_SCAN');
    this.scanDumper ??= new ScanDumper(
      this.log,
      { workerFile: this.options.scanWorkerFile, idleMs: this.options.scanWorkerIdleMs },
      async (w) => decodeScanDump(await this.request('GET_SCAN', { WDEV: w }, { dump: true })),
    );
    return this.scanDumper.dump(s.family, wdev);
  }

  /** Where scan dumps were decoded so far, and whether the worker thread runs now. */
  scanDumpStats(): ScanDumperStats & { threadRunning: boolean } {
    const d = this.scanDumper;
    return d ? { ...d.stats, threadRunning: d.threadRunning } : { inWorker: 0, inMainThread: 0, threadsStarted: 0, threadRunning: false };
  }

  /** Dumps wiphys and interfaces again and announces the differences (also after ENOBUFS). */
  resync(reason: string): Promise<void> {
    return this.serial(async () => {
      if (!this.sockets) return;
      this.log.notice(`resyncing inventory: ${reason}`);
      await this.sync.dump();
    });
  }

  // ---- family life ----

  private attaching = false;

  private serial(fn: () => Promise<void>): Promise<void> {
    const run = this.chain.then(fn);
    this.chain = run.catch((err: unknown) => this.log.error(`nl80211: ${err instanceof Error ? err.message : String(err)}`));
    return run;
  }

  private retryTimer: NodeJS.Timeout | null = null;

  private async probe(): Promise<void> {
    if (!this.started || this.sockets) return;
    const family = await getFamily(this.ctrl!, NL80211_GENL_NAME);
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
    let note;
    try {
      note = parseFamilyNotification(msg);
    } catch (err) {
      this.log.warn(`controller notification dropped: ${(err as Error).message}`);
      return;
    }
    if (note?.name !== NL80211_GENL_NAME) return;
    if (note.kind === 'new') {
      this.log.notice('nl80211 family appeared');
      this.serial(async () => {
        if (!this.started || this.sockets) return;
        const family = note.family;
        // The announcement may lack groups on old kernels; ask when it does.
        await this.attach(family.groups.size > 0 ? family : (await getFamily(this.ctrl!, NL80211_GENL_NAME)) ?? family);
      });
    } else {
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
          if (role !== 'request') this.overruns[priority]++;
          this.log.warn(`${role} event socket overrun (ENOBUFS): events were lost; resyncing inventory`);
          if (this.sync.dumping) this.sync.dumpAgain();
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
      await this.sync.dump();
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
    await this.scanDumper?.close();
    this.dispatcher.clear();
    this.setState('unavailable');
    this.log.notice(`nl80211 detached: ${reason}`);
    this.sync.clear();
  }

  private setState(state: Nl80211State): void {
    if (this.currentState === state) return;
    this.currentState = state;
    for (const l of this.stateListeners) {
      try { l(state); } catch (err) { this.log.warn(`state listener: ${(err as Error).message}`); }
    }
  }

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
    this.sync.onEvent(event);
    this.dispatcher.deliver(event);
  }
}

