// ubus-ts client: speaks ubusd's protocol on its Unix socket exactly as libubus does
// (libubus.c, libubus-req.c, libubus-obj.c, libubus-sub.c of OpenWrt ubus 3cc98db), so a
// real ubusd, `ubus -v list`, `ubus call`, `listen`, `subscribe` and `send` see wifid as
// any C daemon. On top of libubus it checks INVOKEs against each method's policy and
// reconnects by itself, re-registering objects, event handlers and subscriptions.
import { connect as netConnect, type Socket } from 'node:net';
import type { Logger } from '../log';
import { BlobDecodeError } from './blob';
import { blobmsgFieldsToJs, jsToBlobmsgFields, type BlobmsgField, type BlobmsgJs } from './blobmsg';
import { UbusFrameReader } from './framing';
import { decodeUbusMessage, encodeUbusMessage, getAttr, type UbusAttr, type UbusMessage } from './message';
import { answerMethodCall, type UbusArgs, type UbusMethods } from './method-call';
import { signatureField } from './policy';
import {
  UBUS_DEFAULT_SOCKET, UBUS_SYSTEM_OBJECT_EVENT, UbusError, UbusMsgType, UbusStatus, ubusStrerror,
} from './protocol';

export type { UbusArgs, UbusMethod, UbusMethods, UbusReply, UbusRequestContext } from './method-call';

export interface UbusObjectOptions {
  /** Called when ubusd reports the object gained its first or lost its last subscriber. */
  onSubscribersChanged?(active: boolean): void;
}

export interface UbusObjectInfo {
  path: string;
  id: number;
  typeId: number;
  /** Method name -> argument name -> blobmsg type id, as `ubus -v list` shows it. */
  signature: Record<string, Record<string, number>>;
  /** The signature fields exactly as received. */
  signatureFields: BlobmsgField[];
}

/** `fields` is the payload exactly as received (for printing it as the ubus CLI does). */
export type UbusEventHandler = (type: string, data: UbusArgs, fields: BlobmsgField[]) => void | Promise<void>;
export type UbusNotificationHandler = (type: string, data: UbusArgs, fields: BlobmsgField[]) => void | Promise<void>;

export interface UbusClientOptions {
  /** Time a request may take before it fails with TIMEOUT (ubus CLI default 30 s). */
  requestTimeoutMs?: number;
  /** Reconnect after the connection to ubusd is lost (default true). */
  reconnect?: boolean;
  /** First delay between reconnection attempts; doubles up to 0.5 s (connecting to a Unix socket is cheap). */
  reconnectDelayMs?: number;
}

interface RequestResult {
  status: number;
  /** UBUS_ATTR_DATA of each DATA reply. */
  data: BlobmsgField[][];
  /** Every DATA reply (lookups and ADD_OBJECT answer without UBUS_ATTR_DATA). */
  messages: UbusMessage[];
  /** Subscriber ids ubusd lists in its answer to a NOTIFY. */
  subscribers?: number[];
  /** The STATUS came from ubusd itself (no UBUS_ATTR_OBJID): the request reached no object. */
  fromBroker?: boolean;
}

interface PendingRequest {
  seq: number;
  peer: number;
  result: RequestResult;
  resolve(r: RequestResult): void;
  timer: NodeJS.Timeout;
  /** Runs as each DATA reply arrives, before any message that follows it is handled. */
  onData?(msg: UbusMessage): void;
}

/** Something of ours that ubusd knows by an object id. */
type LocalObject =
  | { kind: 'methods'; path: string; methods: UbusMethods; opts: UbusObjectOptions; id: number; typeId: number; active: boolean; subscribers: number }
  | { kind: 'events'; pattern: string; handler: UbusEventHandler; id: number }
  | { kind: 'subscriber'; target: string; handler: UbusNotificationHandler; id: number; targetId: number };

export class UbusClient {
  private socket?: Socket;
  private reader = new UbusFrameReader();
  private localId = 0;
  private seq = 0;
  private readonly pending = new Map<number, PendingRequest>();
  private readonly byId = new Map<number, LocalObject>();
  /** Everything to register again after a reconnection, in registration order. */
  private readonly registered: LocalObject[] = [];
  private helloWaiter?: (id: number) => void;
  private closing = false;
  private connected = false;
  private reconnectTimer?: NodeJS.Timeout;
  private readonly log: Logger;
  private readonly requestTimeoutMs: number;
  private readonly reconnectEnabled: boolean;
  private readonly reconnectDelayMs: number;
  private readonly connectionListeners: Array<(up: boolean) => void> = [];

  constructor(readonly socketPath: string = UBUS_DEFAULT_SOCKET, log: Logger, opts: UbusClientOptions = {}) {
    this.log = log;
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 30_000;
    this.reconnectEnabled = opts.reconnect ?? true;
    this.reconnectDelayMs = opts.reconnectDelayMs ?? 100;
  }

  get isConnected(): boolean { return this.connected; }

  /** ubusd's id for this connection (the HELLO's peer). */
  get clientId(): number { return this.localId; }

  /** Called with true after each (re)connection and registration, false when the link drops. */
  onConnectionChange(cb: (up: boolean) => void): void {
    this.connectionListeners.push(cb);
  }

  // ------------------------------------------------------------------ connection

  /** Connects and waits for ubusd's HELLO; rejects when ubusd is not there. */
  async connect(): Promise<void> {
    this.closing = false;
    await this.open();
  }

  private open(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const socket = netConnect(this.socketPath);
      let settled = false;
      const fail = (why: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(helloTimer);
        if (this.socket === socket) this.socket = undefined;
        socket.destroy();
        reject(new UbusError(UbusStatus.CONNECTION_FAILED, `cannot connect to ubus at ${this.socketPath}: ${why}`));
      };
      const helloTimer = setTimeout(() => fail('no HELLO from ubusd'), 3000);
      socket.on('error', (err) => {
        if (!settled) fail(err.message);
        else this.log.debug(`socket error: ${err.message}`);
      });
      this.reader = new UbusFrameReader();
      this.helloWaiter = (id) => {
        if (settled) return;
        settled = true;
        clearTimeout(helloTimer);
        this.localId = id;
        this.connected = true;
        resolve();
      };
      socket.on('data', (chunk) => this.onData(socket, chunk));
      socket.on('close', () => {
        if (!settled) fail('connection closed before HELLO');
        else if (this.socket === socket) this.onClose();
      });
      this.socket = socket;
    });
  }

  /** Closes the connection; registered objects disappear from ubusd with it. */
  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.socket = undefined;
    this.connected = false;
    this.failPending(UbusStatus.CONNECTION_FAILED);
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => { socket.once('close', () => resolve()); socket.end(); socket.destroy(); });
    }
  }

  private onClose(): void {
    this.socket = undefined;
    const wasConnected = this.connected;
    this.connected = false;
    this.failPending(UbusStatus.CONNECTION_FAILED);
    for (const o of this.byId.values()) o.id = 0;
    this.byId.clear();
    this.idCache.clear();
    if (wasConnected) for (const cb of this.connectionListeners) cb(false);
    if (this.closing) return;
    if (!this.reconnectEnabled) {
      this.log.warn('connection to ubusd lost');
      return;
    }
    this.log.warn('connection to ubusd lost; reconnecting');
    this.scheduleReconnect(this.reconnectDelayMs);
  }

  private scheduleReconnect(delay: number): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnect().catch((err: unknown) => {
        this.log.debug(`reconnect failed: ${String(err)}`);
        if (!this.closing) this.scheduleReconnect(Math.min(delay * 2, 500));
      });
    }, delay);
  }

  private async reconnect(): Promise<void> {
    if (this.closing || this.connected) return;
    await this.open();
    for (const o of this.registered) {
      try {
        await this.register(o);
      } catch (err) {
        this.log.error(`re-registering ${describe(o)} failed: ${String(err)}`);
      }
    }
    this.log.notice(`reconnected to ubusd, ${this.registered.length} registrations restored`);
    for (const cb of this.connectionListeners) cb(true);
  }

  private failPending(status: number): void {
    for (const req of [...this.pending.values()]) {
      clearTimeout(req.timer);
      this.pending.delete(req.seq);
      req.resolve({ ...req.result, status });
    }
  }

  // ------------------------------------------------------------------ wire

  private onData(socket: Socket, chunk: Buffer): void {
    for (const frame of this.reader.push(chunk)) {
      let msg: UbusMessage;
      try {
        msg = decodeUbusMessage(frame);
      } catch (err) {
        if (!(err instanceof BlobDecodeError)) throw err;
        this.log.warn(`undecodable message from ubusd ignored: ${err.message}`);
        continue;
      }
      try {
        this.dispatch(msg);
      } catch (err) {
        this.log.error(`handling a ubus message failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      }
    }
    if (this.reader.failure && !socket.destroyed) {
      // Framing cannot resynchronise: start over on a fresh connection.
      this.log.error(`bad message from ubusd: ${this.reader.failure.message}; dropping the connection`);
      socket.destroy();
    }
  }

  private dispatch(msg: UbusMessage): void {
    switch (msg.type) {
      case UbusMsgType.HELLO:
        this.helloWaiter?.(msg.peer);
        this.helloWaiter = undefined;
        return;
      case UbusMsgType.STATUS:
      case UbusMsgType.DATA:
        this.onResponse(msg);
        return;
      case UbusMsgType.INVOKE:
        this.onInvoke(msg).catch((err: unknown) => {
          this.log.error(`handling an invoke failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
          if ((getAttr(msg, 'no_reply') ?? 0) === 0) this.sendStatus(msg, getAttr(msg, 'objid') ?? 0, UbusStatus.UNKNOWN_ERROR);
        });
        return;
      case UbusMsgType.NOTIFY:
        this.onSubscriptionStatus(msg);
        return;
      case UbusMsgType.UNSUBSCRIBE:
        this.onUnsubscribed(msg);
        return;
      default:
        this.log.debug(`ignoring ubus message type ${msg.type}`);
    }
  }

  private write(msg: UbusMessage): void {
    let bytes: Uint8Array;
    try {
      bytes = encodeUbusMessage(msg);
    } catch (err) {
      if (err instanceof RangeError) throw new UbusError(UbusStatus.INVALID_ARGUMENT, `refused to send: ${err.message}`);
      throw err;
    }
    const socket = this.socket;
    if (!socket || !this.connected) throw new UbusError(UbusStatus.CONNECTION_FAILED, 'not connected to ubusd');
    socket.write(bytes);
  }

  /** Sends a request and collects its DATA replies until its STATUS. */
  private request(type: number, peer: number, attrs: UbusAttr[], timeoutMs = this.requestTimeoutMs, onData?: (msg: UbusMessage) => void): Promise<RequestResult> {
    return new Promise((resolve, reject) => {
      this.seq = (this.seq + 1) & 0xffff;
      const seq = this.seq;
      try {
        this.write({ version: 0, type, seq, peer, attrs });
      } catch (err) {
        reject(err);
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(seq);
        resolve({ ...req.result, status: UbusStatus.TIMEOUT });
      }, timeoutMs);
      const req: PendingRequest = { seq, peer, result: { status: UbusStatus.NO_DATA, data: [], messages: [] }, resolve, timer, onData };
      this.pending.set(seq, req);
    });
  }

  private onResponse(msg: UbusMessage): void {
    const req = this.pending.get(msg.seq);
    // libubus matches seq and peer; a reply from elsewhere (a subscriber answering our
    // notify) has another peer and is not ours to complete.
    if (!req || req.peer !== msg.peer) return;
    if (msg.type === UbusMsgType.DATA) {
      const data = getAttr(msg, 'data');
      if (data) req.result.data.push(data);
      req.result.messages.push(msg);
      req.onData?.(msg);
      return;
    }
    clearTimeout(req.timer);
    this.pending.delete(msg.seq);
    const subscribers = getAttr(msg, 'subscribers');
    req.resolve({
      ...req.result,
      status: getAttr(msg, 'status') ?? UbusStatus.INVALID_ARGUMENT,
      fromBroker: getAttr(msg, 'objid') === undefined,
      ...(subscribers ? { subscribers } : {}),
    });
  }

  // ------------------------------------------------------------------ registration

  /**
   * ADD_OBJECT. As libubus (ubus_add_object_cb), the object is ours from ubusd's DATA
   * reply on, so an INVOKE that follows in the same read already finds it.
   */
  private async addRawObject(o: LocalObject, path: string | undefined, signature: BlobmsgField[] | undefined): Promise<void> {
    const attrs: UbusAttr[] = [];
    if (path !== undefined) {
      attrs.push({ id: 'objpath', value: path });
      attrs.push({ id: 'signature', value: signature ?? [] });
    }
    const res = await this.request(UbusMsgType.ADD_OBJECT, 0, attrs, undefined, (m) => {
      const id = getAttr(m, 'objid');
      if (!id) return;
      o.id = id;
      if (o.kind === 'methods') {
        o.typeId = getAttr(m, 'objtype') ?? o.typeId;
        o.active = false;
      }
      this.byId.set(id, o);
    });
    const what = path ?? '(anonymous)';
    if (res.status !== UbusStatus.OK) {
      if (o.id) this.byId.delete(o.id);
      o.id = 0;
      throw new UbusError(res.status, `ubusd refused object ${what}: ${ubusStrerror(res.status)}`);
    }
    if (!o.id) throw new UbusError(UbusStatus.NO_DATA, `ubusd gave no id for object ${what}`);
  }

  private async register(o: LocalObject): Promise<void> {
    switch (o.kind) {
      case 'methods': {
        const sig = Object.entries(o.methods).map(([name, m]) => signatureField(name, m.policy ?? {}));
        await this.addRawObject(o, o.path, sig);
        return;
      }
      case 'events': {
        await this.addRawObject(o, undefined, undefined);
        await this.invokeId(UBUS_SYSTEM_OBJECT_EVENT, 'register', { object: o.id | 0, pattern: o.pattern });
        return;
      }
      case 'subscriber': {
        await this.addRawObject(o, undefined, undefined);
        const target = await this.lookupId(o.target);
        o.targetId = target;
        const res = await this.request(UbusMsgType.SUBSCRIBE, 0, [{ id: 'objid', value: o.id }, { id: 'target', value: target }]);
        if (res.status) throw new UbusError(res.status, `subscribing to ${o.target}: ${ubusStrerror(res.status)}`);
        return;
      }
    }
  }

  /** Registers; if a later step fails (pattern refused, target not found), removes the object again. */
  private async registerOrUndo(o: LocalObject): Promise<void> {
    try {
      await this.register(o);
    } catch (err) {
      // Not awaited: the caller learns of the failure now, the removal completes on its own.
      if (o.id && this.connected) this.removeRegistered(o).catch((e: unknown) => this.log.debug(`undoing ${describe(o)}: ${String(e)}`));
      throw err;
    }
  }

  private async removeRegistered(o: LocalObject): Promise<void> {
    const i = this.registered.indexOf(o);
    if (i >= 0) this.registered.splice(i, 1);
    if (!o.id || !this.connected) return;
    const id = o.id;
    this.byId.delete(id);
    o.id = 0;
    const res = await this.request(UbusMsgType.REMOVE_OBJECT, 0, [{ id: 'objid', value: id }]);
    if (res.status) throw new UbusError(res.status, `removing ${describe(o)}: ${ubusStrerror(res.status)}`);
  }

  /**
   * Publishes an object with its methods; `ubus -v list` shows each method's policy.
   * The object is registered again by itself after ubusd restarts.
   */
  async addObject(path: string, methods: UbusMethods, opts: UbusObjectOptions = {}): Promise<void> {
    if (this.findObject(path)) throw new UbusError(UbusStatus.INVALID_ARGUMENT, `object ${path} is already registered by this client`);
    const o: LocalObject = { kind: 'methods', path, methods, opts, id: 0, typeId: 0, active: false, subscribers: 0 };
    await this.register(o);
    this.registered.push(o);
  }

  async removeObject(path: string): Promise<void> {
    const o = this.findObject(path);
    if (!o) throw new UbusError(UbusStatus.NOT_FOUND, `object ${path} is not registered by this client`);
    await this.removeRegistered(o);
  }

  /** ubusd's id of one of our objects (0 while disconnected). */
  objectId(path: string): number {
    return this.findObject(path)?.id ?? 0;
  }

  private findObject(path: string): Extract<LocalObject, { kind: 'methods' }> | undefined {
    return this.registered.find((o): o is Extract<LocalObject, { kind: 'methods' }> => o.kind === 'methods' && o.path === path);
  }

  // ------------------------------------------------------------------ calls

  /** Objects matching `pattern` (exact path, or a prefix ending in '*'; all when omitted). */
  async lookup(pattern?: string): Promise<UbusObjectInfo[]> {
    const attrs: UbusAttr[] = pattern === undefined ? [] : [{ id: 'objpath', value: pattern }];
    const out: UbusObjectInfo[] = [];
    const res = await this.request(UbusMsgType.LOOKUP, 0, attrs);
    for (const msg of res.messages) {
      const path = getAttr(msg, 'objpath');
      const id = getAttr(msg, 'objid');
      if (path === undefined || id === undefined) continue;
      const sig = getAttr(msg, 'signature') ?? [];
      const signature: UbusObjectInfo['signature'] = {};
      for (const m of sig) {
        if (m.type !== 'table') continue;
        signature[m.name] = Object.fromEntries(m.value.filter((a) => a.type === 'int32').map((a) => [a.name, a.value as number]));
      }
      out.push({ path, id, typeId: getAttr(msg, 'objtype') ?? 0, signature, signatureFields: sig });
    }
    if (res.status !== UbusStatus.OK) throw new UbusError(res.status, pattern ? `${pattern}: ${ubusStrerror(res.status)}` : ubusStrerror(res.status));
    return out;
  }

  async lookupId(path: string): Promise<number> {
    const found = await this.lookup(path);
    if (!found.length) throw new UbusError(UbusStatus.NOT_FOUND, `object ${path} not found`);
    return found[0]!.id;
  }

  private invokeFields(id: number, method: string, fields: BlobmsgField[], timeoutMs?: number): Promise<RequestResult> {
    return this.request(UbusMsgType.INVOKE, id, [
      { id: 'objid', value: id },
      { id: 'method', value: method },
      { id: 'data', value: fields },
    ], timeoutMs);
  }

  /**
   * Invokes by path through a cache of object ids (one round trip instead of two). When
   * ubusd itself answers NOT_FOUND, the cached id is stale (the object was registered
   * again) and no handler ran: look the path up again and retry once.
   */
  private async invokePath(path: string, method: string, fields: BlobmsgField[], timeoutMs?: number): Promise<RequestResult> {
    const cached = this.idCache.get(path);
    const id = cached ?? await this.lookupId(path);
    this.idCache.set(path, id);
    const res = await this.invokeFields(id, method, fields, timeoutMs);
    if (cached === undefined || res.status !== UbusStatus.NOT_FOUND || !res.fromBroker) return res;
    this.idCache.delete(path);
    const fresh = await this.lookupId(path);
    this.idCache.set(path, fresh);
    return this.invokeFields(fresh, method, fields, timeoutMs);
  }

  private readonly idCache = new Map<string, number>();

  private async invokeId(id: number, method: string, args: Record<string, BlobmsgJs>, timeoutMs?: number): Promise<RequestResult> {
    const res = await this.invokeFields(id, method, jsToBlobmsgFields(args), timeoutMs);
    return this.checked(res);
  }

  private checked(res: RequestResult): RequestResult {
    if (res.status !== UbusStatus.OK) {
      const last = res.data.at(-1);
      const err = last ? blobmsgFieldsToJs(last).error : undefined;
      throw new UbusError(res.status, typeof err === 'string' ? err : ubusStrerror(res.status), last ? blobmsgFieldsToJs(last) : undefined);
    }
    return res;
  }

  /**
   * Calls `method` of the object at `path` (another daemon's, e.g. `uci` or
   * `network.interface`). Resolves with the reply (the last, if several), undefined when
   * there is none; rejects with UbusError carrying the status and the reply's "error".
   */
  async call(path: string, method: string, args: Record<string, BlobmsgJs> = {}, opts: { timeoutMs?: number } = {}): Promise<UbusArgs | undefined> {
    const res = this.checked(await this.invokePath(path, method, jsToBlobmsgFields(args), opts.timeoutMs));
    const last = res.data.at(-1);
    return last ? blobmsgFieldsToJs(last) : undefined;
  }

  /** Every reply message of a call, as typed fields (for the CLI, which prints each). */
  async callFields(path: string, method: string, fields: BlobmsgField[], opts: { timeoutMs?: number } = {}): Promise<{ status: number; replies: BlobmsgField[][] }> {
    const res = await this.invokePath(path, method, fields, opts.timeoutMs);
    return { status: res.status, replies: res.data };
  }

  /** Round trip to ubusd; resolves with the time it took in ms. */
  async ping(): Promise<number> {
    const t0 = performance.now();
    const res = await this.request(UbusMsgType.PING, 0, []);
    if (res.status) throw new UbusError(res.status);
    return performance.now() - t0;
  }

  // ------------------------------------------------------------------ events

  /** Sends an event; `ubus listen` and handlers registered for a matching pattern get it. */
  async sendEvent(type: string, data: Record<string, BlobmsgJs> = {}): Promise<void> {
    await this.sendEventFields(type, jsToBlobmsgFields(data));
  }

  async sendEventFields(type: string, data: BlobmsgField[]): Promise<void> {
    const res = await this.request(UbusMsgType.INVOKE, UBUS_SYSTEM_OBJECT_EVENT, [
      { id: 'objid', value: UBUS_SYSTEM_OBJECT_EVENT },
      { id: 'method', value: 'send' },
      { id: 'data', value: [{ name: 'id', type: 'string', value: type }, { name: 'data', type: 'table', value: data }] },
    ]);
    if (res.status) throw new UbusError(res.status, `sending event ${type}: ${ubusStrerror(res.status)}`);
  }

  /**
   * Receives events whose type matches `pattern` (exact, or a prefix ending in '*').
   * Resolves with a function that stops it. Re-registered after a reconnection.
   */
  async onEvent(pattern: string, handler: UbusEventHandler): Promise<() => Promise<void>> {
    const o: LocalObject = { kind: 'events', pattern, handler, id: 0 };
    await this.registerOrUndo(o);
    this.registered.push(o);
    return () => this.removeRegistered(o);
  }

  // ------------------------------------------------------------------ notifications

  /**
   * Notifies the subscribers of our object `path` (what hostapd does for client events).
   * Resolves once ubusd has forwarded it, with the number of subscribers it went to.
   */
  async notify(path: string, type: string, data: Record<string, BlobmsgJs> = {}): Promise<number> {
    const o = this.findObject(path);
    if (!o) throw new UbusError(UbusStatus.NOT_FOUND, `object ${path} is not registered by this client`);
    if (!o.id) throw new UbusError(UbusStatus.CONNECTION_FAILED, 'not connected to ubusd');
    // Without UBUS_ATTR_NO_REPLY ubusd answers first with the list of subscribers; their
    // own answers come later with other peers and are dropped by onResponse.
    const res = await this.request(UbusMsgType.NOTIFY, o.id, [
      { id: 'objid', value: o.id },
      { id: 'method', value: type },
      { id: 'data', value: jsToBlobmsgFields(data) },
    ]);
    if (res.status) throw new UbusError(res.status, `notify ${path} ${type}: ${ubusStrerror(res.status)}`);
    o.subscribers = res.subscribers?.length ?? 0;
    o.active = o.subscribers > 0;
    return o.subscribers;
  }

  /**
   * Subscribers of our object: exact after each notify() (ubusd lists them then); in
   * between ubusd only says whether there is any, so the count is then 0 or at least 1.
   */
  subscriberCount(path: string): number {
    const o = this.findObject(path);
    if (!o || !o.active) return 0;
    return Math.max(o.subscribers, 1);
  }

  /** Subscribes to notifications of another client's object (`ubus subscribe`). */
  async subscribe(path: string, handler: UbusNotificationHandler): Promise<() => Promise<void>> {
    const o: LocalObject = { kind: 'subscriber', target: path, handler, id: 0, targetId: 0 };
    await this.registerOrUndo(o);
    this.registered.push(o);
    return () => this.removeRegistered(o);
  }

  private onSubscriptionStatus(msg: UbusMessage): void {
    const o = this.byId.get(getAttr(msg, 'objid') ?? 0);
    const active = getAttr(msg, 'active');
    if (!o || o.kind !== 'methods' || active === undefined) return;
    o.active = active !== 0;
    if (!o.active) o.subscribers = 0;
    this.log.debug(`${o.path}: ${o.active ? 'has subscribers' : 'no subscribers left'}`);
    try {
      o.opts.onSubscribersChanged?.(o.active);
    } catch (err) {
      this.log.error(`${o.path}: subscriber callback failed: ${String(err)}`);
    }
  }

  private onUnsubscribed(msg: UbusMessage): void {
    const o = this.byId.get(getAttr(msg, 'objid') ?? 0);
    if (o?.kind === 'subscriber') this.log.info(`subscription to ${o.target} ended: the object went away`);
  }

  // ------------------------------------------------------------------ incoming invokes

  private sendStatus(req: UbusMessage, objid: number, status: number): void {
    try {
      this.write({ version: 0, type: UbusMsgType.STATUS, seq: req.seq, peer: req.peer, attrs: [{ id: 'status', value: status }, { id: 'objid', value: objid }] });
    } catch (err) {
      this.log.warn(`cannot answer a request: ${String(err)}`);
    }
  }

  private sendData(req: UbusMessage, objid: number, data: BlobmsgField[]): void {
    this.write({ version: 0, type: UbusMsgType.DATA, seq: req.seq, peer: req.peer, attrs: [{ id: 'objid', value: objid }, { id: 'data', value: data }] });
  }

  private async onInvoke(msg: UbusMessage): Promise<void> {
    const objid = getAttr(msg, 'objid') ?? 0;
    const o = this.byId.get(objid);
    const method = getAttr(msg, 'method');
    const noReply = (getAttr(msg, 'no_reply') ?? 0) !== 0;
    // As libubus: an unknown object answers NOT_FOUND with object id 0.
    if (!o) {
      this.log.warn(`invoke of unknown object id ${objid.toString(16)}`);
      if (!noReply) this.sendStatus(msg, 0, UbusStatus.NOT_FOUND);
      return;
    }
    if (method === undefined) {
      if (!noReply) this.sendStatus(msg, objid, UbusStatus.INVALID_ARGUMENT);
      return;
    }
    const dataAttr = msg.attrs.find((a) => a.id === 'data' || (a.id === 'raw' && a.attrId === 7));
    if (o.kind === 'events' || o.kind === 'subscriber') {
      if (dataAttr?.id === 'data') {
        const data = blobmsgFieldsToJs(dataAttr.value);
        try {
          await o.handler(method, data, dataAttr.value);
        } catch (err) {
          this.log.error(`${o.kind === 'events' ? `event handler for ${o.pattern}` : `notification handler for ${o.target}`} failed on ${method}: ${String(err)}`);
        }
      }
      if (!noReply) this.sendStatus(msg, objid, UbusStatus.OK);
      return;
    }
    await answerMethodCall({
      object: o.path,
      methods: o.methods,
      method,
      data: dataAttr,
      caller: { user: getAttr(msg, 'user'), group: getAttr(msg, 'group'), peer: msg.peer },
      log: this.log,
      reply: noReply
        ? { data: () => {}, status: () => {} }
        : { data: (fields) => this.sendData(msg, objid, fields), status: (st) => this.sendStatus(msg, objid, st) },
    });
  }
}

function describe(o: LocalObject): string {
  switch (o.kind) {
    case 'methods': return `object ${o.path}`;
    case 'events': return `event handler ${o.pattern}`;
    case 'subscriber': return `subscription to ${o.target}`;
  }
}

