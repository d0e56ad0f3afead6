// The mld-ap plugin (ubus object wifid.ap): access points with userspace MLME over
// nl80211, one per `config ap` section, on top of the core's nl80211 service and TX
// queue. Single-link today; the link is its own object so an AP MLD can hold several.
// Everything it acquires goes through its scope, released when it stops (newest first:
// the ubus object, the reload and inventory listeners, the APs, subscriptions, timers).
import { inject, injectable } from 'tsyringe';
import type { Logger } from '../../core/log.js';
import type { Plugin } from '../../core/plugin.js';
import { announcedEvents, syncOnReload, type PluginScope } from '../../core/plugin/index.js';
import { TOKENS } from '../../core/tokens.js';
import type { ConfigService } from '../../core/config/index.js';
import type { Nl80211Service } from '../../core/nl80211/service.js';
import type { UbusClient } from '../../core/ubus/index.js';
import { AP_SECTION } from './config.js';
import { ApManager } from './ap-manager.js';
import { AP_EVENT_NAMES, type ApEvents } from './events.js';
import { AP_OBJECT, apMethods } from './ubus-object.js';

export const AP_PLUGIN_NAME = 'mld-ap';

@injectable()
export class MldApPlugin implements Plugin {
  readonly name = AP_PLUGIN_NAME;
  readonly depends: readonly string[] = [];
  readonly requires: readonly string[] = ['nl80211'];
  readonly configSections = [AP_SECTION];
  private readonly log: Logger;

  constructor(
    @inject(TOKENS.Logger) log: Logger,
    @inject(TOKENS.Config) private readonly config: ConfigService,
    @inject(TOKENS.Nl80211) private readonly nl: Nl80211Service,
    @inject(TOKENS.Ubus) private readonly ubus: UbusClient,
  ) {
    this.log = log.child(AP_PLUGIN_NAME);
  }

  async start(scope: PluginScope): Promise<void> {
    const events = announcedEvents<ApEvents>(scope, this.ubus, this.log, AP_OBJECT, AP_EVENT_NAMES);
    const aps = new ApManager(this.config, {
      nl: this.nl,
      subscribe: (sub) => scope.nl.subscribe(sub),
      txq: scope.txq,
      clock: scope.clock,
      log: this.log,
      emit: (event, data) => events.emit(event, data as never),
    }, (problems) => this.config.setApplyProblems(AP_PLUGIN_NAME, problems));
    // Released after the ubus object is gone, so no call reaches an AP being taken down.
    scope.add(() => aps.stopAll(), 'APs');
    scope.nl.onChange((change) => {
      if (change.kind === 'interface-removed') aps.interfaceGone(change.iface.wdev);
    });
    syncOnReload(scope, this.config, this.configSections, () => aps.sync());
    await scope.ubus.addObject(AP_OBJECT, apMethods(aps));
    await aps.sync();
  }
}
