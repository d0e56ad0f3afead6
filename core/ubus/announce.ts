// A state change goes out twice, as OpenWrt's daemons do it: a ubus event (`ubus listen`)
// and a notification on the object to its subscribers (as hostapd.* does for client
// events). Neither may fail the change itself: a broker that is away is logged.
import type { Logger } from '../log.js';
import type { BlobmsgJs } from './blobmsg.js';
import type { UbusClient } from './client.js';

export function announce(ubus: Pick<UbusClient, 'sendEvent' | 'notify'>, log: Logger, object: string, event: string, data: object): void {
  const payload = data as Record<string, BlobmsgJs>;
  ubus.sendEvent(`${object}.${event}`, payload).catch((err: unknown) => log.warn(`event ${event}: ${(err as Error).message}`));
  ubus.notify(object, event, payload).catch((err: unknown) => log.warn(`notify ${event}: ${(err as Error).message}`));
}
