// What the MLME (and the RSN steps) see of their AP: its link, stations, services and
// the few actions they take on it. ApInstance implements it; tests can too.
import type { Logger } from '../../core/log.js';
import type { MonotonicClock } from '../../core/txq/clock.js';
import type { Nl80211Requester } from '../../core/nl80211/ap-commands.js';
import type { AssocRequest } from '../../core/ieee80211/assoc.js';
import type { ApLink } from './ap-link.js';
import type { PeerLog } from './peer-log.js';
import type { ApStation, StationTable } from './station-table.js';
import type { SaeResponder } from './sae-responder.js';

import type { ApEventName } from './events.js';

export type { ApEventName };

/** How a management frame ended: 'acked', or why not. */
export type SendOutcome = 'acked' | 'noack' | 'failed' | 'rejected';

export interface SendOptions {
  cls?: 'critical' | 'management';
  seqKey?: string;
  noAck?: boolean;
  linkId?: number;
}

export interface AssocRefusal {
  status: number;
  why: string;
  /** With status 30 REFUSED_TEMPORARILY: the association comeback time (11.3.5.3). */
  timeoutInterval?: { type: number; value: number };
}

export interface ApContext {
  readonly name: string;
  readonly ifindex: number;
  readonly link: ApLink;
  /** Every link: the one link of a single-link AP, or the AP MLD's by link id. */
  readonly links: readonly ApLink[];
  /** The AP MLD's address; undefined for a single-link AP. */
  readonly mldAddrBytes: Uint8Array | undefined;
  readonly stations: StationTable;
  readonly nl: Nl80211Requester;
  readonly clock: MonotonicClock;
  readonly log: Logger;
  readonly peerLog: PeerLog;
  /**
   * Whether Open System authentication is taken: by every BSS wifid runs (none and PSK join
   * with it, and an SAE station uses it for PMKSA caching, IEEE 802.11-2020 12.6.10.3; the
   * association's checks decide what it may do after it).
   */
  readonly acceptsOpenSystem: boolean;
  /** The SAE parent process of an sae or sae-mixed BSS, which Mlme hands algorithm-3 frames. */
  readonly sae: SaeResponder | undefined;
  /** A management frame through the TX queue; `linkId` sends it on that link of an AP MLD. */
  send(frame: Uint8Array, opts?: SendOptions): Promise<SendOutcome>;
  isBanned(addr: string): boolean;
  /**
   * The security checks of a (re)association request: a refusal status (with the Timeout
   * Interval element's value for status 30), or undefined.
   */
  checkSecurity(req: AssocRequest, sta: ApStation): AssocRefusal | undefined;
  /** An Action frame the AP registered for (SA Query). */
  onAction(frame: Uint8Array): void;
  /** Called once the association response was acknowledged. */
  onAssociated(sta: ApStation): Promise<void>;
  /**
   * DEL_STATION of a station wifid added (no-op if the kernel holds none). The kernel's
   * DEL_STATION event that follows is expected, not a removal by the kernel.
   */
  removeFromKernel(sta: ApStation): Promise<void>;
  /** Removes the station everywhere (kernel, table), announcing disassoc if it was associated. */
  forgetStation(sta: ApStation, reason: number, why: string, sendDeauth: boolean): Promise<void>;
  emit(event: ApEventName, data: Record<string, unknown>): void;
}
