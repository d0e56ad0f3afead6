// The p2p-device plugin (ubus object wifid.p2p): dedicated P2P-Device wdevs, Wi-Fi
// P2P device discovery and the peer list, on top of the core's nl80211 service, TX
// queue and radio work queue.
import { inject, injectable } from 'tsyringe';
import type { Logger } from '../../core/log.js';
import type { Plugin } from '../../core/plugin.js';
import { TOKENS } from '../../core/tokens.js';
import type { ConfigService } from '../../core/config/index.js';
import type { Nl80211Service } from '../../core/nl80211/service.js';
import type { TxQueue } from '../../core/txq/queue.js';
import type { MonotonicClock } from '../../core/txq/clock.js';
import type { RadioWork } from '../../core/radio/work-queue.js';
import type { UbusClient } from '../../core/ubus/index.js';
import { P2P_SECTION } from './config.js';
import { P2pDeviceManager } from './device-manager.js';
import { P2P_OBJECT, p2pMethods } from './ubus-object.js';
import type { P2pEventName } from './discovery.js';

export const P2P_PLUGIN_NAME = 'p2p-device';

@injectable()
export class P2pDevicePlugin implements Plugin {
  readonly name = P2P_PLUGIN_NAME;
  readonly depends: readonly string[] = [];
  readonly requires: readonly string[] = ['nl80211'];
  readonly configSections = [P2P_SECTION];
  private readonly log: Logger;
  private devices: P2pDeviceManager | undefined;
  private stopInventoryWatch: (() => void) | undefined;

  constructor(
    @inject(TOKENS.Logger) log: Logger,
    @inject(TOKENS.Config) private readonly config: ConfigService,
    @inject(TOKENS.Nl80211) private readonly nl: Nl80211Service,
    @inject(TOKENS.TxQueue) private readonly txq: TxQueue,
    @inject(TOKENS.RadioWork) private readonly radio: RadioWork,
    @inject(TOKENS.Ubus) private readonly ubus: UbusClient,
    @inject(TOKENS.Clock) private readonly clock: MonotonicClock,
  ) {
    this.log = log.child(P2P_PLUGIN_NAME);
  }

  async start(): Promise<void> {
    const devices = new P2pDeviceManager(this.nl, {
      nl: this.nl,
      txq: this.txq,
      radio: this.radio,
      clock: this.clock,
      log: this.log,
      owner: P2P_PLUGIN_NAME,
      emit: (event, data) => this.announce(event, data),
    }, () => this.config.values(P2P_SECTION, 'p2p'), this.log);
    this.devices = devices;
    // A P2P-Device removed behind wifid's back (its radio went away) is forgotten.
    this.stopInventoryWatch = this.nl.onChange((change) => {
      if (change.kind === 'interface-removed' && devices.has(change.iface.wdev)) devices.forget(change.iface.wdev, 'removed by the kernel');
    });
    await this.ubus.addObject(P2P_OBJECT, p2pMethods(devices));
  }

  async stop(): Promise<void> {
    this.stopInventoryWatch?.();
    this.stopInventoryWatch = undefined;
    await this.ubus.removeObject(P2P_OBJECT).catch((err: unknown) => this.log.warn(`removing ${P2P_OBJECT}: ${(err as Error).message}`));
    await this.devices?.stopAll();
    this.radio.cancelOwner(P2P_PLUGIN_NAME);
    this.nl.unsubscribeOwner(P2P_PLUGIN_NAME);
    this.devices = undefined;
  }

  /** State changes go out twice, as OpenWrt does: a ubus event and a notification on the object. */
  private announce(event: P2pEventName, data: Record<string, unknown>): void {
    const payload = data as Record<string, never>;
    this.ubus.sendEvent(`${P2P_OBJECT}.${event}`, payload).catch((err: unknown) => this.log.warn(`event ${event}: ${(err as Error).message}`));
    this.ubus.notify(P2P_OBJECT, event, payload).catch((err: unknown) => this.log.warn(`notify ${event}: ${(err as Error).message}`));
  }
}
