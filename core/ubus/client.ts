// ubus-ts client: speaks ubusd's protocol on its Unix socket exactly as libubus does
// (libubus.c, libubus-req.c, libubus-obj.c, libubus-sub.c of OpenWrt ubus 3cc98db), so a
// real ubusd, `ubus -v list`, `ubus call`, `listen`, `subscribe` and `send` see wifid as
// any C daemon. On top of libubus it checks INVOKEs against each method's policy and
// reconnects by itself, re-registering objects, event handlers and subscriptions.
//
// The client is built in layers, one concern each, as libubus splits its files:
// connection.ts (socket, reconnect, dispatch, requests), calls.ts (lookup, invoke),
// objects.ts (our objects and their INVOKEs), subscriptions.ts (notify, subscribe) and,
// here, events.
import { jsToBlobmsgFields, type BlobmsgField, type BlobmsgJs } from './blobmsg';
import { type LocalObject, type UbusEventHandler } from './objects';
import { UBUS_SYSTEM_OBJECT_EVENT, UbusError, UbusMsgType, ubusStrerror } from './protocol';
import { UbusSubscriptions } from './subscriptions';

export type { UbusArgs, UbusMethod, UbusMethods, UbusReply, UbusRequestContext } from './method-call';
export type { UbusObjectInfo } from './calls';
export type { UbusClientOptions } from './connection';
export type { UbusEventHandler, UbusNotificationHandler, UbusObjectOptions } from './objects';

export class UbusClient extends UbusSubscriptions {
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
}
