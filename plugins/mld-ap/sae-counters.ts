// SAE counters of an AP and their `wifid.ap status` form: apart from sae-responder.ts, so that
// showing them does not load SAE's code (P-256, node:crypto) into a daemon without an SAE AP.
import type { SaeFailure } from '../../core/rsn/sae/instance.js';

export interface SaeCounters {
  /** Instances that reached Accepted. */
  accepted: number;
  /** Instances that failed, by reason. */
  failed: Partial<Record<SaeFailure, number>>;
  /** Commits answered with status 76 (anti-clogging token required). */
  tokenRequests: number;
  /** New peers' commits refused by the parent process (status not allowed by sae_pwe, transaction out of order). */
  refused: number;
  /** Frames dropped by the parent process (a confirm with no instance, a new peer past maxPending). */
  dropped: number;
}

/** The counters as `wifid.ap status` shows them (sae_failed also split by reason). */
export function saeStatusCounters(c: SaeCounters): Record<string, number> {
  const failed = Object.entries(c.failed);
  return {
    sae_accepted: c.accepted,
    sae_failed: failed.reduce((n, [, v]) => n + v, 0),
    ...Object.fromEntries(failed.map(([reason, v]) => [`sae_failed_${reason}`, v])),
    sae_token_requests: c.tokenRequests,
    sae_refused: c.refused,
    sae_dropped: c.dropped,
  };
}
