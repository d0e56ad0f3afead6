// ubus-ts connection to ubusd (libubus.c's connect and reconnect, libubus-io.c's framing
// and dispatch, libubus-req.c's request/reply matching): one socket, the HELLO handshake,
// requests that collect DATA replies until their STATUS, and the answers to incoming
// requests. What ubusd sends that is not a reply goes to the layers above (calls.ts,
// objects.ts, subscriptions.ts, client.ts), which also restore registrations after a
// reconnection.
import { connect as netConnect, type Socket } from 'node:net';
import type { Logger } from '../log';
import { BlobDecodeError } from './blob';
import type { BlobmsgField, BlobmsgJs } from './blobmsg';
import { UbusFrameReader } from './framing';
import { decodeUbusMessage, encodeUbusMessage, getAttr, type UbusAttr, type UbusMessage } from './message';
import { UBUS_DEFAULT_SOCKET, UbusAttrId, UbusError, UbusMsgType, UbusStatus } from './protocol';

const REPLY_DECODING = { opaqueData: true };

export interface UbusClientOptions {
  /** Time a request may take before it fails with TIMEOUT (ubus CLI default 30 s). */
  requestTimeoutMs?: number;
  /** Reconnect after the connection to ubusd is lost (default true). */
  reconnect?: boolean;
  /** First delay between reconnection attempts; doubles up to 0.5 s (connecting to a Unix socket is cheap). */
  reconnectDelayMs?: number;
}

export interface RequestResult {
  status: number;
  /**
   * UBUS_ATTR_DATA of each DATA reply, undecoded (as the raw attribute's payload): the
   * reader decodes it to what it needs, fields or plain JS values (calls.ts).
   */
  data: Uint8Array[];
  /** Every DATA reply (lookups and ADD_OBJECT answer without UBUS_ATTR_DATA); their DATA is kept raw. */
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

/** The connection; the abstract hooks are what ubusd sends that is no reply to a request of ours. */
export abstract class UbusConnection {
  private socket?: Socket;
  private reader = new UbusFrameReader();
  private localId = 0;
  private seq = 0;
  private readonly pending = new Map<number, PendingRequest>();
  private helloWaiter?: (id: number) => void;
  private closing = false;
  protected connected = false;
  private reconnectTimer?: NodeJS.Timeout;
  protected readonly log: Logger;
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

  // ------------------------------------------------------------------ hooks of the layers above

  /** An INVOKE of one of our objects. */
  protected abstract onInvoke(msg: UbusMessage): Promise<void>;
  /** ubusd's NOTIFY: one of our objects gained its first or lost its last subscriber. */
  protected abstract onSubscriptionStatus(msg: UbusMessage): void;
  /** ubusd's UNSUBSCRIBE: an object we subscribed to went away. */
  protected abstract onUnsubscribed(msg: UbusMessage): void;
  /** The connection dropped: every id ubusd gave is void. */
  protected abstract forgetIds(): void;
  /** Connected again: register objects, event handlers and subscriptions anew. */
  protected abstract restoreRegistrations(): Promise<void>;

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
    this.forgetIds();
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
    await this.restoreRegistrations();
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
        // A reply's data stays undecoded until its reader decodes it once, to what it needs.
        msg = decodeUbusMessage(frame, frame[1] === UbusMsgType.DATA ? REPLY_DECODING : undefined);
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
  protected request(type: number, peer: number, attrs: UbusAttr[], timeoutMs = this.requestTimeoutMs, onData?: (msg: UbusMessage) => void): Promise<RequestResult> {
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
      let data: Uint8Array | undefined;
      for (const a of msg.attrs) if (a.id === 'raw' && a.attrId === UbusAttrId.DATA && !a.extended) data = a.payload;
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

  protected sendStatus(req: UbusMessage, objid: number, status: number): void {
    try {
      this.write({ version: 0, type: UbusMsgType.STATUS, seq: req.seq, peer: req.peer, attrs: [{ id: 'status', value: status }, { id: 'objid', value: objid }] });
    } catch (err) {
      this.log.warn(`cannot answer a request: ${String(err)}`);
    }
  }

  protected sendData(req: UbusMessage, objid: number, data: BlobmsgField[]): void {
    this.write({ version: 0, type: UbusMsgType.DATA, seq: req.seq, peer: req.peer, attrs: [{ id: 'objid', value: objid }, { id: 'data', value: data }] });
  }

  /** As sendData, the reply encoded straight from a handler's object. */
  protected sendDataJs(req: UbusMessage, objid: number, data: Record<string, BlobmsgJs>): void {
    this.write({ version: 0, type: UbusMsgType.DATA, seq: req.seq, peer: req.peer, attrs: [{ id: 'objid', value: objid }, { id: 'data_js', value: data }] });
  }
}
