// The p2p-device plugin (ubus object wifid.p2p): dedicated P2P-Device wdevs, Wi-Fi
// P2P device discovery and the peer list, on top of the core's nl80211 service, TX
// queue and radio work queue. Everything it acquires goes through its scope, which the
// host releases when it stops (newest first: the ubus object, the inventory watch, the
// devices, their radio work, the timers).
import { inject, injectable } from 'tsyringe';
import type { Logger } from '../../core/log.js';
import type { Plugin } from '../../core/plugin.js';
import { announcedEvents, type PluginScope } from '../../core/plugin/index.js';
import { TOKENS } from '../../core/tokens.js';
import type { ConfigService } from '../../core/config/index.js';
import type { Nl80211Service } from '../../core/nl80211/service.js';
import type { UbusClient } from '../../core/ubus/index.js';
import { P2P_SECTION } from './config.js';
import { P2pDeviceManager } from './device-manager.js';
import { P2P_EVENT_NAMES, type P2pEvents } from './events.js';
import { P2P_OBJECT, p2pMethods } from './ubus-object.js';

export const P2P_PLUGIN_NAME = 'p2p-device';

@injectable()
export class P2pDevicePlugin implements Plugin {
  readonly name = P2P_PLUGIN_NAME;
  readonly depends: readonly string[] = [];
  readonly requires: readonly string[] = ['nl80211'];
  readonly configSections = [P2P_SECTION];
  private readonly log: Logger;

  constructor(
    @inject(TOKENS.Logger) log: Logger,
    @inject(TOKENS.Config) private readonly config: ConfigService,
    @inject(TOKENS.Nl80211) private readonly nl: Nl80211Service,
    @inject(TOKENS.Ubus) private readonly ubus: UbusClient,
  ) {
    this.log = log.child(P2P_PLUGIN_NAME);
  }

  async start(scope: PluginScope): Promise<void> {
    const events = announcedEvents<P2pEvents>(scope, this.ubus, this.log, P2P_OBJECT, P2P_EVENT_NAMES);
    const devices = new P2pDeviceManager(this.nl, {
      nl: scope.nl,
      txq: scope.txq,
      radio: scope.radio,
      clock: scope.clock,
      log: this.log,
      events,
    }, () => this.config.values(P2P_SECTION, 'p2p'), this.log);
    // Released after the ubus object is gone, so no call creates a device meanwhile.
    scope.add(() => devices.stopAll(), 'P2P-Devices');
    // A P2P-Device removed behind wifid's back (its radio went away) is forgotten.
    scope.nl.onChange((change) => {
      if (change.kind === 'interface-removed' && devices.ownsWdev(change.iface.wdev)) devices.forget(change.iface.wdev, 'removed by the kernel');
    });
    await scope.ubus.addObject(P2P_OBJECT, p2pMethods(devices));
  }
}
