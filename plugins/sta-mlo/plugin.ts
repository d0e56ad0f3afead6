// The sta-mlo plugin (ubus object wifid.sta): stations with the SME in wifid over nl80211,
// one per `config sta` section, their networks in `config sta_network` sections; scanning
// goes through the core's radio work queue. Everything it acquires goes through its
// scope, released when it stops (newest first: the ubus object, the reload and inventory
// listeners, the stations, subscriptions, radio work, timers).
import { inject, injectable } from 'tsyringe';
import type { Logger } from '../../core/log.js';
import type { Plugin } from '../../core/plugin.js';
import { announcedEvents, syncOnReload, type PluginScope } from '../../core/plugin/index.js';
import { TOKENS } from '../../core/tokens.js';
import type { ConfigService } from '../../core/config/index.js';
import type { Nl80211Service } from '../../core/nl80211/service.js';
import type { UbusClient } from '../../core/ubus/index.js';
import { STA_NETWORK_SECTION, STA_SECTION } from './config.js';
import { STA_EVENT_NAMES, type StaEvents } from './events.js';
import { StaManager } from './sta-manager.js';
import { STA_OBJECT, staMethods } from './ubus-object.js';

export const STA_PLUGIN_NAME = 'sta-mlo';

@injectable()
export class StaMloPlugin implements Plugin {
  readonly name = STA_PLUGIN_NAME;
  readonly depends: readonly string[] = [];
  readonly requires: readonly string[] = ['nl80211'];
  readonly configSections = [STA_SECTION, STA_NETWORK_SECTION];
  private readonly log: Logger;

  constructor(
    @inject(TOKENS.Logger) log: Logger,
    @inject(TOKENS.Config) private readonly config: ConfigService,
    @inject(TOKENS.Nl80211) private readonly nl: Nl80211Service,
    @inject(TOKENS.Ubus) private readonly ubus: UbusClient,
  ) {
    this.log = log.child(STA_PLUGIN_NAME);
  }

  async start(scope: PluginScope): Promise<void> {
    const events = announcedEvents<StaEvents>(scope, this.ubus, this.log, STA_OBJECT, STA_EVENT_NAMES);
    const stations = new StaManager(this.config, {
      nl: this.nl,
      scoped: scope.nl,
      radio: scope.radio,
      txq: scope.txq,
      clock: scope.clock,
      log: this.log,
      events,
    }, (problems) => this.config.setApplyProblems(STA_PLUGIN_NAME, problems));
    // Released after the ubus object is gone, so no call reaches a station being taken down.
    scope.add(() => stations.stopAll(), 'stations');
    scope.nl.onChange((change) => {
      if (change.kind === 'interface-removed') stations.interfaceGone(change.iface.wdev);
    });
    syncOnReload(scope, this.config, this.configSections, () => stations.sync());
    await scope.ubus.addObject(STA_OBJECT, staMethods(stations));
    await stations.sync();
  }
}
