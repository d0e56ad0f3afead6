// Services one plugin offers its dependants while it runs (the AP's stations and keys to
// roaming, say). A service exists only between its provider's start and stop, while a
// plugin's constructor runs once at boot, so a service is not a container registration:
// the provider hands it to its scope in start() and a dependant takes it from its own
// scope in start(). What a dependant holds is a revocable view: once the provider has
// stopped (its dependants stop first) any use of it throws ServiceUnavailableError
// instead of reaching a stale object.

/** A typed name for a service; `provider` is the plugin that offers it. */
export interface ServiceToken<T> {
  readonly id: symbol;
  /** Shown in errors, e.g. "ap". */
  readonly name: string;
  readonly provider: string;
  /** Carries T for the type checker only. */
  readonly type?: T;
}

/** `export const AP_SERVICE = defineService<ApService>('mld-ap', 'ap');` beside the provider. */
export function defineService<T>(provider: string, name: string): ServiceToken<T> {
  return { id: Symbol(`wifid.service.${provider}.${name}`), name, provider };
}

export class ServiceUnavailableError extends Error {
  override name = 'ServiceUnavailableError';
}

interface Offered {
  view: unknown;
  revoke: () => void;
}

export class ServiceRegistry {
  private readonly offered = new Map<symbol, Offered>();

  /** Offers `impl` under `token`; returns the function that withdraws (and revokes) it. */
  provide<T extends object>(token: ServiceToken<T>, impl: T, by: string): () => void {
    if (by !== token.provider) throw new Error(`${by} cannot provide service '${token.name}' of ${token.provider}`);
    if (this.offered.has(token.id)) throw new Error(`service '${token.name}' of ${token.provider} is already provided`);
    const { view, revoke } = revocable(impl, () => `service '${token.name}' is gone: ${token.provider} stopped`);
    this.offered.set(token.id, { view, revoke });
    return () => {
      if (this.offered.get(token.id)?.view !== view) return;
      this.offered.delete(token.id);
      revoke();
    };
  }

  /** The running provider's service, for `consumer`, which must depend on the provider. */
  get<T>(token: ServiceToken<T>, consumer: string, depends: readonly string[]): T {
    if (!depends.includes(token.provider)) {
      throw new Error(`${consumer} uses service '${token.name}' of ${token.provider} but does not list ${token.provider} in its depends`);
    }
    const o = this.offered.get(token.id);
    if (!o) throw new ServiceUnavailableError(`service '${token.name}': ${token.provider} is running but does not provide it`);
    return o.view as T;
  }
}

/**
 * A view of `target` that stops working when revoked: property reads throw, and so do
 * calls of methods read before the revocation. Methods run with the target as `this`,
 * so private fields work.
 */
function revocable<T extends object>(target: T, why: () => string): { view: T; revoke: () => void } {
  let live = true;
  const check = (): void => {
    if (!live) throw new ServiceUnavailableError(why());
  };
  const view = new Proxy(target, {
    get(t, key) {
      check();
      const value: unknown = Reflect.get(t, key, t);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        check();
        return (value as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
    set() {
      throw new TypeError('a service is read-only to its dependants');
    },
    has(t, key) {
      check();
      return Reflect.has(t, key);
    },
  });
  return { view, revoke: () => void (live = false) };
}
