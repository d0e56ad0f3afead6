// Our objects on ubusd (libubus-obj.c): publish an object with its methods' signature,
// remove it, answer the INVOKEs of its methods through their policies. Event handlers and
// subscriptions are objects too (anonymous ones); all are registered again after a
// reconnection.
import { blobmsgFieldsToJs, type BlobmsgField } from './blobmsg';
import { UbusCalls } from './calls';
import { getAttr, type UbusAttr, type UbusMessage } from './message';
import { answerMethodCall, type UbusArgs, type UbusMethods } from './method-call';
import { signatureField } from './policy';
import { UBUS_SYSTEM_OBJECT_EVENT, UbusError, UbusStatus, UbusMsgType, ubusStrerror } from './protocol';

export interface UbusObjectOptions {
  /** Called when ubusd reports the object gained its first or lost its last subscriber. */
  onSubscribersChanged?(active: boolean): void;
}

/** `fields` is the payload exactly as received (for printing it as the ubus CLI does). */
export type UbusEventHandler = (type: string, data: UbusArgs, fields: BlobmsgField[]) => void | Promise<void>;
export type UbusNotificationHandler = (type: string, data: UbusArgs, fields: BlobmsgField[]) => void | Promise<void>;

/** Something of ours that ubusd knows by an object id. */
export type LocalObject =
  | { kind: 'methods'; path: string; methods: UbusMethods; opts: UbusObjectOptions; id: number; typeId: number; active: boolean; subscribers: number }
  | { kind: 'events'; pattern: string; handler: UbusEventHandler; id: number }
  | { kind: 'subscriber'; target: string; handler: UbusNotificationHandler; id: number; targetId: number };

export abstract class UbusObjects extends UbusCalls {
  protected readonly byId = new Map<number, LocalObject>();
  /** Everything to register again after a reconnection, in registration order. */
  protected readonly registered: LocalObject[] = [];

  protected override forgetIds(): void {
    super.forgetIds();
    for (const o of this.byId.values()) o.id = 0;
    this.byId.clear();
  }

  protected override async restoreRegistrations(): Promise<void> {
    for (const o of this.registered) {
      try {
        await this.register(o);
      } catch (err) {
        this.log.error(`re-registering ${describe(o)} failed: ${String(err)}`);
      }
    }
    this.log.notice(`reconnected to ubusd, ${this.registered.length} registrations restored`);
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
  protected async registerOrUndo(o: LocalObject): Promise<void> {
    try {
      await this.register(o);
    } catch (err) {
      // Not awaited: the caller learns of the failure now, the removal completes on its own.
      if (o.id && this.connected) this.removeRegistered(o).catch((e: unknown) => this.log.debug(`undoing ${describe(o)}: ${String(e)}`));
      throw err;
    }
  }

  protected async removeRegistered(o: LocalObject): Promise<void> {
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

  protected findObject(path: string): Extract<LocalObject, { kind: 'methods' }> | undefined {
    return this.registered.find((o): o is Extract<LocalObject, { kind: 'methods' }> => o.kind === 'methods' && o.path === path);
  }

  // ------------------------------------------------------------------ incoming invokes

  protected override async onInvoke(msg: UbusMessage): Promise<void> {
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
        ? { data: () => {}, dataJs: () => {}, status: () => {} }
        : { data: (fields) => this.sendData(msg, objid, fields), dataJs: (reply) => this.sendDataJs(msg, objid, reply), status: (st) => this.sendStatus(msg, objid, st) },
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
