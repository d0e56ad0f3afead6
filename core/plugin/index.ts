export { PluginScope } from './scope.js';
export { ScopeClosedError, type Release } from './disposer-stack.js';
export { ScopedClock, ScopedNl80211, ScopedRadioWork, ScopedTxQueue, ScopedUbus, type ScopeCore, type ScopedSubscription } from './scoped-core.js';
export { defineService, ServiceRegistry, ServiceUnavailableError, type ServiceToken } from './services.js';
export { TypedEvents, type EventListener, type EventMap } from './typed-events.js';
export { announcedEvents, syncOnReload } from './wiring.js';
