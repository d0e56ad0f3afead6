// A station's automatic connection (issue 14: "connects by itself to the best configured
// network in range and reconnects after a loss with backoff"). While the station has
// networks with auto_connect on and is not connected, an attempt scans (the station's
// scanner, radio work), picks the best network in range (network-choice.ts) and connects
// with that network's settings through the connect path ubus connect uses. Nothing in
// range or a failed attempt: the next one after an exponential backoff (1 s, 2 s, 4 s ...
// 30 s), reset by a connection. A loss (the AP's deauthentication, beacon loss) starts
// an attempt at once. One attempt at a time; a runtime connect waits for the attempt under
// way and holds the automatic connection off while it runs; ubus disconnect turns it off
// until the next connect or a reload of the configuration.
import type { Logger } from '../../core/log.js';
import type { MonotonicClock, TimerHandle } from '../../core/txq/clock.js';
import { networkPmf, type StaNetworkSettings } from './config.js';
import type { ConnectRequest } from './connector.js';
import { chooseNetwork, type NetworkChoice } from './network-choice.js';
import type { ScanView } from './scan-view.js';

export const BACKOFF_FIRST_MS = 1_000;
export const BACKOFF_MAX_MS = 30_000;

/** The wait before the next attempt after `failures` failed attempts in a row (1 or more). */
export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, Math.min(failures - 1, 20)));
}

/** The connect request for a network chosen from a scan: the network's settings. */
export function requestFor(choice: NetworkChoice): ConnectRequest {
  const n = choice.network;
  return {
    ssid: n.ssid,
    encryption: n.encryption,
    ...(n.key !== undefined ? { key: n.key } : {}),
    ieee80211w: networkPmf(n),
    // A single BSS: the one chosen (it may not be the strongest of its SSID, e.g. the only
    // one offering the network's AKM). Over links: the connect scan finds the AP MLD's links.
    ...(n.bssid !== undefined ? { bssid: n.bssid } : choice.mlo ? {} : { bssid: choice.bss.bssid }),
    mlo: choice.mlo,
  };
}

export type AutoConnectState = 'off' | 'waiting' | 'scanning' | 'connecting' | 'connected';

export interface AutoConnectView {
  /** off (see off_reason), waiting (backing off, retry_in_ms), scanning, connecting, connected. */
  state: AutoConnectState;
  off_reason?: string;
  /** Failed attempts since the last connection. */
  attempts: number;
  retry_in_ms?: number;
  last_error?: string;
  /** The SSID of the network being connected or connected to (by the automatic connection). */
  network?: string;
}

export interface AutoConnectHost {
  clock: MonotonicClock;
  log: Logger;
  /** The station's configured networks (read at each attempt, so a reload is seen). */
  networks(): StaNetworkSettings[];
  scan(): Promise<ScanView>;
  /** The connect path of ubus connect: resolves connected, or rejects saying why. */
  connect(req: ConnectRequest): Promise<unknown>;
  connected(): boolean;
}

export const OFF_NO_NETWORKS = 'no sta_network with auto_connect for this station';
export const OFF_BY_DISCONNECT = 'stopped by ubus disconnect (until connect or a reload)';

export class AutoConnect {
  private state: AutoConnectState = 'off';
  private offReason: string | undefined = OFF_NO_NETWORKS;
  private enabled = true;
  private closed = false;
  /** Runtime connects under way: no automatic attempt meanwhile. */
  private held = 0;
  private failures = 0;
  private lastError: string | undefined;
  private network: string | undefined;
  private timer: TimerHandle | undefined;
  private retryAt: number | undefined;
  private attempt: Promise<void> | undefined;

  constructor(private readonly h: AutoConnectHost) {}

  /** The station is up: the first attempt at once. */
  start(): void {
    this.schedule(0);
  }

  /** The station stops: no attempt is started any more (one under way ends with the station's scanner and connector). */
  close(): void {
    this.closed = true;
    this.clearTimer();
  }

  /** The association was lost (not by request): an attempt at once. */
  lost(): void {
    this.failures = 0;
    this.network = undefined;
    this.schedule(0);
  }

  /** An attempt is pending (backing off) or under way. */
  get trying(): boolean {
    return this.enabled && !this.closed && (this.attempt !== undefined || this.state === 'waiting');
  }

  /** ubus disconnect: off until connect or a reload (an attempt under way ends first: settled()). */
  disable(): void {
    this.enabled = false;
    this.offReason = OFF_BY_DISCONNECT;
    this.clearTimer();
    if (this.attempt === undefined) this.state = 'off';
  }

  /** The networks may have changed (a reload): on again, backoff reset, an attempt now unless connected. */
  reset(): void {
    this.enabled = true;
    this.failures = 0;
    this.lastError = undefined;
    this.schedule(0);
  }

  /** The end of the attempt under way, if any. */
  settled(): Promise<void> {
    return this.attempt ?? Promise.resolve();
  }

  /** A runtime connect begins: the automatic connection waits for it (after the attempt under way). */
  async hold(): Promise<void> {
    this.held++;
    this.clearTimer();
    await this.settled();
  }

  /** The runtime connect ended: on again (a connect re-enables it after disconnect); after a failure, the configured networks are tried. */
  release(): void {
    this.held = Math.max(0, this.held - 1);
    this.enabled = true;
    this.network = undefined;
    this.schedule(this.h.connected() ? 0 : backoffMs(Math.max(1, this.failures)));
  }

  view(): AutoConnectView {
    const state: AutoConnectState = this.held > 0 ? 'connecting' : this.attempt === undefined && this.h.connected() ? 'connected' : this.state;
    const waiting = state === 'waiting' && this.retryAt !== undefined;
    return {
      state,
      ...(state === 'off' && this.offReason ? { off_reason: this.offReason } : {}),
      attempts: this.failures,
      ...(waiting ? { retry_in_ms: Math.max(0, Math.round(this.retryAt! - this.h.clock.now())) } : {}),
      ...(this.lastError !== undefined && state !== 'connected' ? { last_error: this.lastError } : {}),
      ...(this.network !== undefined && (state === 'connecting' || state === 'connected') ? { network: this.network } : {}),
    };
  }

  private get active(): boolean {
    return !this.closed && this.enabled && this.held === 0;
  }

  private candidates(): StaNetworkSettings[] {
    return this.h.networks().filter((n) => n.auto_connect);
  }

  /** The next attempt after `delayMs`, unless one is under way, held, off, or the station is connected. */
  private schedule(delayMs: number): void {
    if (!this.active || this.attempt !== undefined) return;
    this.clearTimer();
    if (this.h.connected()) {
      this.state = 'connected';
      return;
    }
    if (this.candidates().length === 0) {
      this.state = 'off';
      this.offReason = OFF_NO_NETWORKS;
      return;
    }
    this.state = 'waiting';
    this.offReason = undefined;
    this.retryAt = this.h.clock.now() + delayMs;
    this.timer = this.h.clock.setTimer(() => {
      this.timer = undefined;
      this.retryAt = undefined;
      const run = this.run().then((error) => {
        this.attempt = undefined;
        this.after(error);
      });
      this.attempt = run;
    }, delayMs);
  }

  /** One attempt: the error that ended it, or undefined when connected. Never rejects. */
  private async run(): Promise<string | undefined> {
    if (!this.active) return 'cancelled';
    if (this.h.connected()) return undefined;
    const networks = this.candidates();
    if (networks.length === 0) return OFF_NO_NETWORKS;
    this.state = 'scanning';
    try {
      const view = await this.h.scan();
      if (!this.active) return 'cancelled';
      const choice = chooseNetwork(networks, view);
      if (!choice) return `none of the networks (${networks.map((n) => n.ssid).join(', ')}) in range`;
      this.state = 'connecting';
      this.network = choice.network.ssid;
      this.h.log.info(`auto-connect: ${choice.network.ssid} via ${choice.bss.bssid}${choice.mlo ? ` (AP MLD ${choice.apMld!.mld_addr}, all its links)` : ''}`);
      await this.h.connect(requestFor(choice));
      return undefined;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  private after(error: string | undefined): void {
    if (this.closed) return;
    if (error === undefined) {
      this.failures = 0;
      this.lastError = undefined;
      // Connected while ubus disconnect turned it off: that disconnect ends the connection next.
      this.state = this.enabled ? 'connected' : 'off';
      return;
    }
    this.network = undefined;
    if (!this.enabled) {
      this.state = 'off';
      return;
    }
    if (this.held > 0) return; // release() schedules
    if (error === OFF_NO_NETWORKS) {
      this.schedule(0); // shows off
      return;
    }
    this.failures++;
    this.lastError = error;
    const delay = backoffMs(this.failures);
    this.h.log.info(`auto-connect attempt ${this.failures} failed: ${error}; next in ${delay / 1000} s`);
    this.schedule(delay);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.h.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.retryAt = undefined;
  }
}
