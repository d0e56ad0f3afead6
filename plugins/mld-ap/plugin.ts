// The mld-ap plugin (ubus object wifid.ap): access points with userspace MLME over
// nl80211, one per `config ap` section, on top of the core's nl80211 service and TX
// queue. Single-link today; the link is its own object so an AP MLD can hold several.
import { inject, injectable } from 'tsyringe';
import type { Logger } from '../../core/log.js';
import type { Plugin } from '../../core/plugin.js';
import { TOKENS } from '../../core/tokens.js';
import type { ConfigService } from '../../core/config/index.js';
import type { Nl80211Service } from '../../core/nl80211/service.js';
import type { TxQueue } from '../../core/txq/queue.js';
import type { MonotonicClock } from '../../core/txq/clock.js';
import type { UbusClient } from '../../core/ubus/index.js';
import { AP_SECTION } from './config.js';
import { ApManager } from './ap-manager.js';
import type { ApEventName } from './ap-context.js';
import { AP_OBJECT, apMethods } from './ubus-object.js';

export const AP_PLUGIN_NAME = 'mld-ap';

@injectable()
export class MldApPlugin implements Plugin {
  readonly name = AP_PLUGIN_NAME;
  readonly depends: readonly string[] = [];
  readonly requires: readonly string[] = ['nl80211'];
  readonly configSections = [AP_SECTION];
  private readonly log: Logger;
  private aps: ApManager | undefined;
  private readonly release: (() => void)[] = [];

  constructor(
    @inject(TOKENS.Logger) log: Logger,
    @inject(TOKENS.Config) private readonly config: ConfigService,
    @inject(TOKENS.Nl80211) private readonly nl: Nl80211Service,
    @inject(TOKENS.TxQueue) private readonly txq: TxQueue,
    @inject(TOKENS.Ubus) private readonly ubus: UbusClient,
    @inject(TOKENS.Clock) private readonly clock: MonotonicClock,
  ) {
    this.log = log.child(AP_PLUGIN_NAME);
  }

  async start(): Promise<void> {
    const aps = new ApManager(this.config, {
      nl: this.nl, txq: this.txq, clock: this.clock, log: this.log, owner: AP_PLUGIN_NAME,
      emit: (event, data) => this.announce(event, data),
    }, (problems) => this.config.setApplyProblems(AP_PLUGIN_NAME, problems));
    this.aps = aps;
    this.release.push(
      this.nl.onChange((change) => {
        if (change.kind === 'interface-removed') aps.interfaceGone(change.iface.wdev);
      }),
      this.config.onReload(async (result) => {
        if (result.changes.some((c) => c.type === AP_SECTION.type)) await aps.sync();
      }),
    );
    await this.ubus.addObject(AP_OBJECT, apMethods(aps));
    await aps.sync();
  }

  async stop(): Promise<void> {
    for (const r of this.release.splice(0)) r();
    await this.ubus.removeObject(AP_OBJECT).catch((err: unknown) => this.log.warn(`removing ${AP_OBJECT}: ${(err as Error).message}`));
    await this.aps?.stopAll();
    this.nl.unsubscribeOwner(AP_PLUGIN_NAME);
    this.aps = undefined;
  }

  /** State changes go out twice, as OpenWrt does: a ubus event and a notification on the object. */
  private announce(event: ApEventName, data: Record<string, unknown>): void {
    const payload = data as Record<string, never>;
    this.ubus.sendEvent(`${AP_OBJECT}.${event}`, payload).catch((err: unknown) => this.log.warn(`event ${event}: ${(err as Error).message}`));
    this.ubus.notify(AP_OBJECT, event, payload).catch((err: unknown) => this.log.warn(`notify ${event}: ${(err as Error).message}`));
  }
}
