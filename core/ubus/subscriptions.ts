// Subscriptions (libubus-sub.c, and libubus-req.c's notify): notify the subscribers of our
// objects, follow whether they have any, and subscribe to other clients' objects.
import { jsToBlobmsgFields, type BlobmsgJs } from './blobmsg';
import { getAttr, type UbusMessage } from './message';
import { type LocalObject, type UbusNotificationHandler, UbusObjects } from './objects';
import { UbusError, UbusMsgType, UbusStatus, ubusStrerror } from './protocol';

export abstract class UbusSubscriptions extends UbusObjects {
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

  protected override onSubscriptionStatus(msg: UbusMessage): void {
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

  protected override onUnsubscribed(msg: UbusMessage): void {
    const o = this.byId.get(getAttr(msg, 'objid') ?? 0);
    if (o?.kind === 'subscriber') this.log.info(`subscription to ${o.target} ended: the object went away`);
  }
}
