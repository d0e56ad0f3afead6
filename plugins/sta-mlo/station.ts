// One station of a `config sta` section: its managed-mode netdev on the section's radio,
// created (NEW_INTERFACE iftype STATION, then brought up) when the station starts and
// removed when it stops. The states after 'idle' belong to scanning and connecting. Its
// automatic connection (auto-connect.ts) runs from the start on, through the same scan and
// connect as the ubus methods.
import type { Logger } from '../../core/log.js';
import { Nl80211Error } from '../../core/nl80211/errors.js';
import { delInterface } from '../../core/nl80211/ap-commands.js';
import { newStationInterface } from '../../core/nl80211/interface-commands.js';
import { setLinkUp } from '../../core/netdev/link-up.js';
import type { StaNetworkSettings, StaSettings } from './config.js';
import { AutoConnect, type AutoConnectView } from './auto-connect.js';
import type { StationServices } from './station-services.js';
import { StationConnector, type ConnectionView, type ConnectRequest } from './connector.js';
import { StationScanner, type ScanCounters, type ScanOutcome } from './scanner.js';
import { StaError } from './errors.js';
import { withKernelFigures } from './link-status.js';

export type StationState = 'starting' | 'idle' | 'scanning' | 'failed' | 'stopped';

export class Station {
  state: StationState = 'stopped';
  error: string | undefined;
  ifindex = 0;
  wdev: bigint | undefined;
  wiphy: number | undefined;
  /** The netdev's own address (the station's MLD address once it associates over links). */
  addr = '';
  protected readonly log: Logger;
  /** The connection machinery, while the netdev exists. */
  private connector: StationConnector | undefined;
  private scanner: StationScanner | undefined;
  private auto: AutoConnect | undefined;

  constructor(
    readonly name: string,
    readonly settings: StaSettings,
    readonly ifname: string,
    protected readonly s: StationServices,
    /** The station's configured networks, highest priority first (read when used). */
    private readonly networks: () => StaNetworkSettings[] = () => [],
  ) {
    this.log = s.log.child(ifname);
  }

  async start(): Promise<void> {
    this.state = 'starting';
    this.error = undefined;
    try {
      await this.bringUp();
      this.connector = new StationConnector({
        name: this.name, ifname: this.ifname, ifindex: this.ifindex, wdev: this.wdev!, wiphy: this.wiphy!, addr: this.addr,
        scoped: this.s.scoped, radio: this.s.radio, txq: this.s.txq, clock: this.s.clock, log: this.log, events: this.s.events,
        onLoss: () => this.auto?.lost(),
      });
      this.connector.start();
      this.auto = new AutoConnect({
        clock: this.s.clock,
        log: this.log,
        networks: this.networks,
        scan: () => this.scan(),
        connect: (req) => this.connector!.connect(req),
        connected: () => this.connector?.view().state === 'connected',
      });
      this.state = 'idle';
      this.log.notice(`station ${this.ifname} (${this.addr}) up on ${this.settings.phy}`);
      this.auto.start();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      this.state = 'failed';
      await this.release();
      this.log.error(`station ${this.name} not started: ${this.error}`);
    }
  }

  private async bringUp(): Promise<void> {
    const phy = this.settings.phy;
    const wiphy = this.s.nl.wiphy(phy);
    if (!wiphy) throw new Error(`unknown phy '${phy}' (known: ${this.s.nl.wiphys().map((w) => w.name).join(', ') || 'none'})`);
    if (!wiphy.iftypes.includes('station')) throw new Error(`${phy} cannot run a station interface`);
    if (this.s.nl.iface({ ifname: this.ifname })) throw new Error(`an interface named ${this.ifname} exists already`);
    const created = await newStationInterface(this.s.scoped, wiphy.index, this.ifname);
    this.ifindex = created.ifindex;
    this.wdev = created.wdev;
    this.wiphy = wiphy.index;
    this.addr = created.addr;
    await setLinkUp(created.ifindex);
    this.scanner = new StationScanner({ wiphy: wiphy.index, wdev: created.wdev, name: this.name }, { ...this.s, log: this.log }, {
      scanning: (on) => {
        if (this.state === 'idle' || this.state === 'scanning') this.state = on ? 'scanning' : 'idle';
      },
      done: (o) => {
        this.log.info(`scan done${o.aborted ? ' (aborted)' : ''}: ${o.bss.length} BSSs, ${o.ap_mlds.length} AP MLDs`);
        this.s.events.emit('scan_done', { sta: this.name, ifname: this.ifname, bss: o.bss.length, ap_mlds: o.ap_mlds.length, aborted: o.aborted });
      },
    });
  }

  /** Scans on the station's radio (`freqs` only, when given); scan_done is announced with the counts. */
  async scan(freqs?: readonly number[]): Promise<ScanOutcome> {
    if (!this.scanner || (this.state !== 'idle' && this.state !== 'scanning')) {
      throw new StaError('NOT_SUPPORTED', `station ${this.name} cannot scan while ${this.state}${this.error ? ` (${this.error})` : ''}`);
    }
    let outcome: ScanOutcome;
    try {
      outcome = await this.scanner.scan(freqs);
    } catch (err) {
      throw new StaError('UNKNOWN_ERROR', `scan on ${this.ifname}: ${(err as Error).message}`);
    }
    return outcome;
  }

  get scanCounters(): ScanCounters {
    return this.scanner?.counters ?? { scans: 0, scans_aborted: 0, scans_failed: 0, bss_malformed: 0 };
  }

  /**
   * Connects to `req` (ubus connect): resolves connected, or rejects with StaError saying why.
   * It overrides the automatic connection: after an automatic attempt under way, and with
   * the automatic connection on again afterwards (after a failure it tries the configured networks).
   */
  async connect(req: ConnectRequest): Promise<ConnectionView> {
    if (!this.connector || !this.auto || this.state === 'failed' || this.state === 'stopped') throw new StaError('NOT_SUPPORTED', `station ${this.name} is ${this.state}${this.error ? `: ${this.error}` : ''}`);
    const auto = this.auto;
    await auto.hold();
    try {
      if (!this.connector) throw new StaError('NOT_SUPPORTED', `station ${this.name} is ${this.state}`);
      return await this.connector.connect(req);
    } finally {
      auto.release();
    }
  }

  /**
   * ubus disconnect: ends the connection and turns the automatic connection off until the
   * next connect or a reload. Not connected: refused, unless an automatic attempt was
   * pending or under way (it is stopped, after the one under way ends).
   */
  async disconnect(): Promise<ConnectionView> {
    if (!this.connector || !this.auto) throw new StaError('INVALID_ARGUMENT', `station ${this.name} is ${this.state}`);
    const wasTrying = this.auto.trying;
    // Nothing to end: refused as before, the automatic connection left as it is.
    if (!wasTrying && this.connector.view().state !== 'connected') return this.connector.disconnect();
    this.auto.disable();
    await this.auto.settled();
    if (!this.connector) throw new StaError('INVALID_ARGUMENT', `station ${this.name} is ${this.state}`);
    if (this.connector.view().state !== 'connected') return this.connector.view();
    return this.connector.disconnect();
  }

  /** The networks may have changed (a reload): the automatic connection on again, its backoff reset. */
  networksChanged(): void {
    this.auto?.reset();
  }

  /** The automatic connection as status shows it. */
  autoConnect(): AutoConnectView {
    return this.auto?.view() ?? { state: 'off', off_reason: `station ${this.state}`, attempts: 0 };
  }

  /** The connection as status shows it. */
  connection(): ConnectionView {
    return this.connector?.view() ?? { state: 'disconnected' };
  }

  /** Status reads of the kernel's figures that failed or were malformed (kernel_error in the view). */
  kernelReadErrors = 0;

  /** The connection with the kernel's figures while connected (GET_STATION, GET_INTERFACE). */
  async connectionStatus(): Promise<ConnectionView> {
    const view = this.connection();
    if (view.state !== 'connected' || !this.ifindex) return view;
    const r = await withKernelFigures(view, this.s.scoped, this.ifindex);
    if (r.problems.length) {
      this.kernelReadErrors++;
      this.log.warn(`status: ${r.problems.join('; ')}`);
    }
    return r.view;
  }

  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.auto?.close();
    const c = this.connector?.view();
    if (c?.state === 'connected') await this.connector!.disconnect().catch(() => undefined);
    await this.release();
    this.state = 'stopped';
    this.log.notice(`station ${this.ifname} stopped`);
  }

  /** The netdev went away behind wifid's back (its radio was removed). */
  gone(why: string): void {
    this.auto?.close();
    this.auto = undefined;
    this.connector?.stop();
    this.connector = undefined;
    this.scanner?.close();
    this.scanner = undefined;
    this.ifindex = 0;
    this.wdev = undefined;
    this.state = 'failed';
    this.error = `${this.ifname} ${why}`;
    this.log.warn(`station ${this.ifname} is gone (${why})`);
  }

  protected async release(): Promise<void> {
    this.auto?.close();
    this.auto = undefined;
    this.connector?.stop();
    this.connector = undefined;
    this.scanner?.close();
    this.scanner = undefined;
    if (this.ifindex) {
      await delInterface(this.s.scoped, this.ifindex).catch((err: unknown) => {
        if (!(err instanceof Nl80211Error && err.code === 'ENODEV')) this.log.warn(`removing ${this.ifname}: ${(err as Error).message}`);
      });
    }
    this.ifindex = 0;
    this.wdev = undefined;
  }
}
