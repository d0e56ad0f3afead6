// Injection tokens. esbuild and vitest emit no decorator metadata, so every constructor
// parameter names its token with @inject(TOKENS.X); a token is the one name of a service.
export const TOKENS = {
  Logger: Symbol.for('wifid.Logger'),
  Options: Symbol.for('wifid.Options'),
  Config: Symbol.for('wifid.Config'),
  Ubus: Symbol.for('wifid.Ubus'),
  Nl80211: Symbol.for('wifid.Nl80211'),
  TxQueue: Symbol.for('wifid.TxQueue'),
  /** What the TX queue sends through (core/txq/nl80211-transport.ts in the daemon). */
  FrameTransport: Symbol.for('wifid.FrameTransport'),
  /** Optional Partial<TxQueueLimits> overriding the queue's defaults. */
  TxQueueLimits: Symbol.for('wifid.TxQueueLimits'),
  RadioWork: Symbol.for('wifid.RadioWork'),
  PluginHost: Symbol.for('wifid.PluginHost'),
  /** The core services (ScopeCore) the plugin host lends each plugin's scope. */
  PluginScopeCore: Symbol.for('wifid.PluginScopeCore'),
  Clock: Symbol.for('wifid.Clock'),
} as const;
