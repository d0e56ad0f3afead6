// A test double of ubusd (test tooling, never shipped): ubusd is not packaged for Debian.
// It follows ubusd_proto.c, ubusd_obj.c and ubusd_event.c of OpenWrt ubus 3cc98db
// message for message: random 32-bit ids (>= UBUS_SYSTEM_OBJECT_MAX), object types shared
// by id, path lookup with a trailing '*', invoke routing, the status codes, event
// patterns, subscribe/notify and the cleanup of a client's objects when it goes away.
// ACLs are not modelled (every client may do everything, as root on a router).
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { userInfo } from 'node:os';
import { BlobDecodeError } from '../../core/ubus/blob';
import type { BlobmsgField } from '../../core/ubus/blobmsg';
import { UbusFrameReader } from '../../core/ubus/framing';
import { decodeUbusMessage, encodeUbusMessage, getAttr, type UbusAttr, type UbusMessage } from '../../core/ubus/message';
import {
  UBUS_SYSTEM_OBJECT_EVENT, UBUS_SYSTEM_OBJECT_MAX, UbusMsgType, UbusStatus,
} from '../../core/ubus/protocol';

interface ObjType { id: number; refcount: number; methods: BlobmsgField[] }

interface Subscription { subscriber: Obj; target: Obj }

interface EventSource { obj: Obj; key: string; partial: boolean }

interface Obj {
  id: number;
  path?: string;
  type?: ObjType;
  client?: Client;
  /** Subscriptions to this object, newest first (list_add). */
  subscribers: Subscription[];
  /** Subscriptions this object holds, newest first. */
  targetList: Subscription[];
  events: EventSource[];
  invokeSeq: number;
  eventSeen: number;
  recv?: (cl: Client, msg: UbusMessage, method: string, data: UbusAttr | undefined) => number;
}

interface Client {
  id: number;
  socket: Socket;
  reader: UbusFrameReader;
  /** Newest first, as ubusd's list_add. */
  objects: Obj[];
  closed: boolean;
}

export interface BrokerOptions {
  socketPath: string;
  /** Credentials reported in forwarded invokes (ubusd reads SO_PEERCRED; all our clients are one user). */
  user?: string;
  group?: string;
  /** Called with one line per notable event (connections, protocol errors). */
  log?: (line: string) => void;
}

const NO_REPLY = -1;

function groupName(gid: number): string {
  try {
    for (const line of readFileSync('/etc/group', 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (Number(id) === gid && name) return name;
    }
  } catch { /* fall through */ }
  return String(gid);
}

function strcmp(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export class UbusBroker {
  private server?: Server;
  private readonly clients = new Map<number, Client>();
  private readonly objects = new Map<number, Obj>();
  private readonly types = new Map<number, ObjType>();
  private readonly paths = new Map<string, Obj>();
  private patterns: EventSource[] = [];
  private eventSeq = 0;
  private objEventSeq = 1;
  private readonly user: string;
  private readonly group: string;

  constructor(private readonly opts: BrokerOptions) {
    const me = userInfo();
    this.user = opts.user ?? me.username;
    this.group = opts.group ?? groupName(me.gid);
    const eventObj = this.newObj(UBUS_SYSTEM_OBJECT_EVENT);
    eventObj.recv = (cl, msg, method, data) => this.eventRecv(cl, method, data);
  }

  get socketPath(): string { return this.opts.socketPath; }

  async start(): Promise<void> {
    rmSync(this.opts.socketPath, { force: true });
    const server = createServer((s) => this.accept(s));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.socketPath, () => { server.off('error', reject); resolve(); });
    });
  }

  /** Closes the socket and every connection, as a killed ubusd would. */
  async stop(): Promise<void> {
    for (const cl of [...this.clients.values()]) cl.socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(this.opts.socketPath, { force: true });
  }

  /** Paths of the objects currently registered (for tests). */
  objectPaths(): string[] {
    return [...this.paths.keys()].sort(strcmp);
  }

  // ------------------------------------------------------------ ids

  private allocId(used: Map<number, unknown>): number {
    for (;;) {
      const id = randomBytes(4).readUInt32BE(0);
      if (id >= UBUS_SYSTEM_OBJECT_MAX && !used.has(id)) return id;
    }
  }

  // ------------------------------------------------------------ connections

  private accept(socket: Socket): void {
    const cl: Client = { id: this.allocId(this.clients), socket, reader: new UbusFrameReader(), objects: [], closed: false };
    this.clients.set(cl.id, cl);
    socket.on('data', (chunk) => {
      for (const f of cl.reader.push(chunk)) {
        if (cl.closed) return;
        this.receive(cl, f);
      }
      if (cl.reader.failure && !socket.destroyed) {
        // ubusd_main.c: a bad length disconnects the client.
        this.opts.log?.(`client ${hex(cl.id)}: ${cl.reader.failure.message}, disconnecting`);
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.disconnect(cl));
    this.send(cl, { version: 0, type: UbusMsgType.HELLO, seq: 0, peer: cl.id, attrs: [] });
  }

  private disconnect(cl: Client): void {
    if (cl.closed) return;
    cl.closed = true;
    for (const obj of [...cl.objects]) this.freeObject(obj);
    this.clients.delete(cl.id);
  }

  private send(cl: Client | undefined, msg: UbusMessage): void {
    if (!cl || cl.closed || cl.socket.destroyed) return;
    cl.socket.write(encodeUbusMessage(msg));
  }

  // ------------------------------------------------------------ dispatch

  private receive(cl: Client, bytes: Uint8Array): void {
    let msg: UbusMessage;
    // A reply (DATA, STATUS) is forwarded as ubusd forwards it: the same bytes with the
    // header's peer rewritten, its data never decoded (ubusd_handle_response).
    const reply = bytes[1] === UbusMsgType.DATA || bytes[1] === UbusMsgType.STATUS;
    try {
      msg = decodeUbusMessage(bytes, { opaqueData: reply });
    } catch (err) {
      if (!(err instanceof BlobDecodeError)) throw err;
      // ubusd's blob_parse_untrusted drops what it cannot read; the double answers the
      // request as malformed instead of guessing.
      const seq = bytes.length >= 4 ? (bytes[2]! << 8) | bytes[3]! : 0;
      this.opts.log?.(`client ${hex(cl.id)}: undecodable message: ${err.message}`);
      this.send(cl, { version: 0, type: UbusMsgType.STATUS, seq, peer: 0, attrs: [{ id: 'status', value: UbusStatus.INVALID_ARGUMENT }] });
      return;
    }
    const ret = reply ? this.response(cl, msg, bytes) : this.handle(cl, msg);
    if (ret === NO_REPLY) return;
    this.send(cl, { version: 0, type: UbusMsgType.STATUS, seq: msg.seq, peer: msg.peer, attrs: [{ id: 'status', value: ret }] });
  }

  private handle(cl: Client, msg: UbusMessage): number {
    switch (msg.type) {
      case UbusMsgType.PING: return this.pong(cl, msg);
      case UbusMsgType.ADD_OBJECT: return this.addObject(cl, msg);
      case UbusMsgType.REMOVE_OBJECT: return this.removeObject(cl, msg);
      case UbusMsgType.LOOKUP: return this.lookup(cl, msg);
      case UbusMsgType.INVOKE: return this.invoke(cl, msg);
      case UbusMsgType.SUBSCRIBE: return this.addWatch(cl, msg);
      case UbusMsgType.UNSUBSCRIBE: return this.removeWatch(cl, msg);
      case UbusMsgType.NOTIFY: return this.notify(cl, msg);
      default: return UbusStatus.INVALID_COMMAND;
    }
  }

  /** ubus_proto_send_msg_from_blob: a reply keeping the request's seq and peer. */
  private reply(cl: Client, req: UbusMessage, type: number, attrs: UbusAttr[]): void {
    this.send(cl, { version: 0, type, seq: req.seq, peer: req.peer, attrs });
  }

  private pong(cl: Client, msg: UbusMessage): number {
    this.send(cl, { ...msg, type: UbusMsgType.DATA });
    return UbusStatus.OK;
  }

  // ------------------------------------------------------------ objects

  private newObj(id: number): Obj {
    const obj: Obj = { id: id || this.allocId(this.objects), subscribers: [], targetList: [], events: [], invokeSeq: 0, eventSeen: 0 };
    this.objects.set(obj.id, obj);
    return obj;
  }

  private createType(signature: BlobmsgField[]): ObjType | undefined {
    // blobmsg_check_attr(pos, true): every method must be a named field.
    if (signature.some((m) => m.name === '')) return undefined;
    const type: ObjType = { id: this.allocId(this.types), refcount: 1, methods: signature };
    this.types.set(type.id, type);
    return type;
  }

  private unrefType(type: ObjType): void {
    if (--type.refcount > 0) return;
    this.types.delete(type.id);
  }

  private addObject(cl: Client, msg: UbusMessage): number {
    const objtype = getAttr(msg, 'objtype');
    const signature = getAttr(msg, 'signature');
    let type: ObjType | undefined;
    if (objtype !== undefined) {
      type = this.types.get(objtype);
      if (type) type.refcount++;
    } else if (signature) {
      type = this.createType(signature);
    }
    const obj = this.newObj(0);
    obj.type = type;
    // ubusd_create_object_internal takes its own reference, then drops the lookup's.
    const path = getAttr(msg, 'objpath');
    if (path !== undefined) {
      if (this.paths.has(path)) {
        this.objects.delete(obj.id);
        if (type) this.unrefType(type);
        return UbusStatus.INVALID_ARGUMENT;
      }
      obj.path = path;
      this.paths.set(path, obj);
      this.sendObjEvent(obj, true);
    }
    obj.client = cl;
    cl.objects.unshift(obj);
    const attrs: UbusAttr[] = [{ id: 'objid', value: obj.id }];
    if (signature && obj.type) attrs.push({ id: 'objtype', value: obj.type.id });
    this.reply(cl, msg, UbusMsgType.DATA, attrs);
    return UbusStatus.OK;
  }

  private removeObject(cl: Client, msg: UbusMessage): number {
    const id = getAttr(msg, 'objid');
    if (id === undefined) return UbusStatus.INVALID_ARGUMENT;
    const obj = this.objects.get(id);
    if (!obj) return UbusStatus.NOT_FOUND;
    if (obj.client !== cl) return UbusStatus.PERMISSION_DENIED;
    const attrs: UbusAttr[] = [{ id: 'objid', value: obj.id }];
    if (obj.type && obj.type.refcount === 1) attrs.push({ id: 'objtype', value: obj.type.id });
    this.reply(cl, msg, UbusMsgType.DATA, attrs);
    this.freeObject(obj);
    return UbusStatus.OK;
  }

  private freeObject(obj: Obj): void {
    for (const s of [...obj.targetList]) this.unsubscribe(s);
    for (const s of [...obj.subscribers]) this.notifyUnsubscribe(s);
    for (const ev of obj.events) this.patterns = this.patterns.filter((p) => p !== ev);
    obj.events = [];
    if (obj.path !== undefined) {
      this.sendObjEvent(obj, false);
      this.paths.delete(obj.path);
    }
    if (obj.client) obj.client.objects = obj.client.objects.filter((o) => o !== obj);
    this.objects.delete(obj.id);
    if (obj.type) this.unrefType(obj.type);
  }

  private sendObj(cl: Client, req: UbusMessage, obj: Obj): void {
    if (!obj.type) return;
    this.reply(cl, req, UbusMsgType.DATA, [
      { id: 'objpath', value: obj.path! },
      { id: 'objid', value: obj.id },
      { id: 'objtype', value: obj.type.id },
      { id: 'signature', value: obj.type.methods },
    ]);
  }

  private lookup(cl: Client, msg: UbusMessage): number {
    const sorted = [...this.paths.values()].sort((a, b) => strcmp(a.path!, b.path!));
    const path = getAttr(msg, 'objpath');
    if (path === undefined) {
      for (const obj of sorted) this.sendObj(cl, msg, obj);
      return UbusStatus.OK;
    }
    if (!path.length) return UbusStatus.INVALID_ARGUMENT;
    if (!path.endsWith('*')) {
      const obj = this.paths.get(path);
      if (!obj) return UbusStatus.NOT_FOUND;
      this.sendObj(cl, msg, obj);
      return UbusStatus.OK;
    }
    const prefix = path.slice(0, -1);
    const matches = sorted.filter((o) => o.path!.startsWith(prefix));
    if (!matches.length) return UbusStatus.NOT_FOUND;
    for (const obj of matches) this.sendObj(cl, msg, obj);
    return UbusStatus.OK;
  }

  // ------------------------------------------------------------ invoke and replies

  private forwardInvoke(target: Obj, method: string, req: UbusMessage, data: UbusAttr | undefined, prefix: UbusAttr[] = []): void {
    const attrs: UbusAttr[] = [
      ...prefix,
      { id: 'objid', value: target.id },
      { id: 'method', value: method },
      { id: 'user', value: this.user },
      { id: 'group', value: this.group },
    ];
    if (data) attrs.push(data);
    this.send(target.client, { version: 0, type: UbusMsgType.INVOKE, seq: req.seq, peer: req.peer, attrs });
  }

  private invoke(cl: Client, msg: UbusMessage): number {
    const method = getAttr(msg, 'method');
    const id = getAttr(msg, 'objid');
    if (method === undefined || id === undefined) return UbusStatus.INVALID_ARGUMENT;
    const obj = this.objects.get(id);
    if (!obj) return UbusStatus.NOT_FOUND;
    const data = msg.attrs.find((a) => a.id === 'data' || (a.id === 'raw' && a.attrId === 7));
    if (!obj.client) return obj.recv ? obj.recv(cl, msg, method, data) : UbusStatus.INVALID_COMMAND;
    this.forwardInvoke(obj, method, { ...msg, peer: cl.id }, data);
    return NO_REPLY;
  }

  private response(cl: Client, msg: UbusMessage, bytes: Uint8Array): number {
    const id = getAttr(msg, 'objid');
    if (id === undefined) return NO_REPLY;
    if (msg.type === UbusMsgType.STATUS && getAttr(msg, 'status') === undefined) return NO_REPLY;
    if (msg.type === UbusMsgType.DATA && !msg.attrs.some((a) => a.id === 'data' || (a.id === 'raw' && a.attrId === 7))) return NO_REPLY;
    const obj = this.objects.get(id);
    if (!obj || obj.client !== cl) return NO_REPLY;
    const to = this.clients.get(msg.peer);
    if (!to) return NO_REPLY;
    if (to.closed || to.socket.destroyed) return NO_REPLY;
    const forwarded = Buffer.from(bytes);
    forwarded.writeUInt32BE(id >>> 0, 4);
    to.socket.write(forwarded);
    return NO_REPLY;
  }

  // ------------------------------------------------------------ subscribe / notify

  /** The subscriber object (owned by `cl`) and target id of a (UN)SUBSCRIBE, or the status refusing it. */
  private watchArgs(cl: Client, msg: UbusMessage): { obj: Obj; targetId: number } | number {
    const id = getAttr(msg, 'objid');
    const targetId = getAttr(msg, 'target');
    if (id === undefined || targetId === undefined) return UbusStatus.INVALID_ARGUMENT;
    const obj = this.objects.get(id);
    if (!obj) return UbusStatus.NOT_FOUND;
    if (cl !== obj.client) return UbusStatus.INVALID_ARGUMENT;
    return { obj, targetId };
  }

  private addWatch(cl: Client, msg: UbusMessage): number {
    const args = this.watchArgs(cl, msg);
    if (typeof args === 'number') return args;
    const { obj, targetId } = args;
    const target = this.objects.get(targetId);
    if (!target || !target.client) return UbusStatus.NOT_FOUND;
    if (cl === target.client) return UbusStatus.INVALID_ARGUMENT;
    const first = target.subscribers.length === 0;
    const s: Subscription = { subscriber: obj, target };
    target.subscribers.unshift(s);
    obj.targetList.unshift(s);
    if (first) this.notifySubscription(target);
    return UbusStatus.OK;
  }

  private removeWatch(cl: Client, msg: UbusMessage): number {
    const args = this.watchArgs(cl, msg);
    if (typeof args === 'number') return args;
    const { obj, targetId } = args;
    const s = obj.targetList.find((x) => x.target.id === targetId);
    if (!s) return UbusStatus.NOT_FOUND;
    this.unsubscribe(s);
    return UbusStatus.OK;
  }

  private unsubscribe(s: Subscription): void {
    s.target.subscribers = s.target.subscribers.filter((x) => x !== s);
    s.subscriber.targetList = s.subscriber.targetList.filter((x) => x !== s);
    if (!s.target.subscribers.length) this.notifySubscription(s.target);
  }

  private notifySubscription(obj: Obj): void {
    this.send(obj.client, {
      version: 0, type: UbusMsgType.NOTIFY, seq: (obj.invokeSeq = (obj.invokeSeq + 1) & 0xffff), peer: 0,
      attrs: [{ id: 'objid', value: obj.id }, { id: 'active', value: obj.subscribers.length ? 1 : 0 }],
    });
  }

  private notifyUnsubscribe(s: Subscription): void {
    const sub = s.subscriber;
    this.send(sub.client, {
      version: 0, type: UbusMsgType.UNSUBSCRIBE, seq: (sub.invokeSeq = (sub.invokeSeq + 1) & 0xffff), peer: 0,
      attrs: [{ id: 'objid', value: sub.id }, { id: 'target', value: s.target.id }],
    });
    this.unsubscribe(s);
  }

  private notify(cl: Client, msg: UbusMessage): number {
    const method = getAttr(msg, 'method');
    const id = getAttr(msg, 'objid');
    if (method === undefined || id === undefined) return UbusStatus.INVALID_ARGUMENT;
    const noReply = (getAttr(msg, 'no_reply') ?? 0) !== 0;
    const obj = this.objects.get(id);
    if (!obj) return UbusStatus.NOT_FOUND;
    if (obj.client !== cl) return UbusStatus.PERMISSION_DENIED;
    if (!noReply) {
      this.reply(cl, msg, UbusMsgType.STATUS, [
        { id: 'objid', value: id },
        { id: 'subscribers', value: obj.subscribers.map((s) => s.subscriber.id) },
        { id: 'status', value: 0 },
      ]);
    }
    const data = msg.attrs.find((a) => a.id === 'data' || (a.id === 'raw' && a.attrId === 7));
    const prefix: UbusAttr[] = noReply ? [{ id: 'no_reply', value: 1 }] : [];
    for (const s of [...obj.subscribers]) this.forwardInvoke(s.subscriber, method, { ...msg, peer: cl.id }, data, prefix);
    return NO_REPLY;
  }

  // ------------------------------------------------------------ events (object 1)

  private eventRecv(cl: Client, method: string, data: UbusAttr | undefined): number {
    if (method === 'register') return this.registerPattern(cl, data);
    if (method === 'send') return this.forwardEvent(cl, data);
    return UbusStatus.INVALID_COMMAND;
  }

  /** blobmsg_parse: the first field of that name and exact type. */
  private field(data: UbusAttr | undefined, name: string, type: BlobmsgField['type']): BlobmsgField | undefined {
    if (!data || data.id !== 'data') return undefined;
    return data.value.find((f) => f.name === name && f.type === type);
  }

  private registerPattern(cl: Client, data: UbusAttr | undefined): number {
    if (!data) return UbusStatus.INVALID_ARGUMENT;
    const objf = this.field(data, 'object', 'int32');
    const patf = this.field(data, 'pattern', 'string');
    if (!objf || !patf) return UbusStatus.INVALID_ARGUMENT;
    const id = (objf.value as number) >>> 0;
    if (id < UBUS_SYSTEM_OBJECT_MAX) return UbusStatus.PERMISSION_DENIED;
    const obj = this.objects.get(id);
    if (!obj) return UbusStatus.NOT_FOUND;
    if (obj.client !== cl) return UbusStatus.PERMISSION_DENIED;
    let key = patf.value as string;
    if (!key.length) return UbusStatus.PERMISSION_DENIED;
    let partial = false;
    if (key.endsWith('*')) { partial = true; key = key.slice(0, -1); }
    const ev: EventSource = { obj, key, partial };
    obj.events.unshift(ev);
    // avl tree with duplicates: after the equal keys already present.
    let i = 0;
    while (i < this.patterns.length && strcmp(this.patterns[i]!.key, key) <= 0) i++;
    this.patterns.splice(i, 0, ev);
    return UbusStatus.OK;
  }

  private forwardEvent(cl: Client, data: UbusAttr | undefined): number {
    if (!data) return UbusStatus.INVALID_ARGUMENT;
    const idf = this.field(data, 'id', 'string');
    const dataf = this.field(data, 'data', 'table');
    if (!idf || !dataf) return UbusStatus.INVALID_ARGUMENT;
    const id = idf.value as string;
    if (id.startsWith('ubus.')) return UbusStatus.PERMISSION_DENIED;
    this.sendEvent(cl, id, dataf.value as BlobmsgField[]);
    return UbusStatus.OK;
  }

  private sendObjEvent(obj: Obj, add: boolean): void {
    this.sendEvent(undefined, add ? 'ubus.object.add' : 'ubus.object.remove', [
      { name: 'id', type: 'int32', value: obj.id | 0 },
      { name: 'path', type: 'string', value: obj.path! },
    ]);
  }

  /** ubusd_send_event, including its early exit on a sorted pattern list. */
  private sendEvent(from: Client | undefined, id: string, data: BlobmsgField[]): void {
    this.objEventSeq++;
    let matchLen = 0;
    for (const ev of [...this.patterns]) {
      let cur = 0;
      while (cur < id.length && cur < ev.key.length && id[cur] === ev.key[cur]) cur++;
      const full = cur === id.length && cur === ev.key.length;
      if (cur < matchLen) break;
      matchLen = cur;
      if (!full && (!ev.partial || matchLen !== ev.key.length)) continue;
      const obj = ev.obj;
      if (obj.client === from) continue;
      if (obj.eventSeen === this.objEventSeq) continue;
      obj.eventSeen = this.objEventSeq;
      this.eventSeq = (this.eventSeq + 1) & 0xffff;
      this.send(obj.client, {
        version: 0, type: UbusMsgType.INVOKE, seq: this.eventSeq, peer: 0,
        attrs: [{ id: 'objid', value: obj.id }, { id: 'method', value: id }, { id: 'data', value: data }],
      });
    }
  }
}

function hex(id: number): string {
  return id.toString(16).padStart(8, '0');
}
