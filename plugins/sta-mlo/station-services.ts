// What a station needs of the plugin and the core: the nl80211 service for the
// inventory, the plugin's scope for requests, subscriptions, radio work and timers
// (released when the plugin stops), its log and its events.
import type { Logger } from '../../core/log.js';
import type { Nl80211Service } from '../../core/nl80211/service.js';
import type { ScopedNl80211, ScopedRadioWork, TypedEvents } from '../../core/plugin/index.js';
import type { MonotonicClock } from '../../core/txq/clock.js';
import type { TxOutcome, TxSubmit } from '../../core/txq/types.js';
import type { StaEvents } from './events.js';

export interface StationServices {
  /** Inventory lookups (wiphy, iface). */
  nl: Nl80211Service;
  /** Requests and subscriptions, owned by the plugin. */
  scoped: ScopedNl80211;
  radio: ScopedRadioWork;
  /** The TX queue (EAPOL over the control port). */
  txq: { submit(s: TxSubmit): Promise<TxOutcome> };
  clock: MonotonicClock;
  log: Logger;
  events: TypedEvents<StaEvents>;
}
