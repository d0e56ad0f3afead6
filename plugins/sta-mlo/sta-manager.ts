// The stations of the `config sta` sections and their networks (`config sta_network`):
// started with the plugin; on each reload the stations whose section changed are
// restarted, removed ones stopped, new ones started, the others left running. Networks
// are read when used, so a network change restarts no station (it resets the automatic
// connection of the stations left running: on again, backoff from the start). Serves status.
import { sectionRef, type ConfigProblem, type ConfigService, type ConfigSection } from '../../core/config/index.js';
import { STA_NETWORK_SECTION, STA_SECTION, type StaNetworkSettings, type StaSettings } from './config.js';
import { StaError } from './errors.js';
import { Station } from './station.js';
import type { ScanOutcome } from './scanner.js';
import type { StationServices } from './station-services.js';
import type { ConnectionView } from './connector.js';
import type { AutoConnectView } from './auto-connect.js';

export interface StaStatusView {
  name: string;
  ifname: string;
  phy: string;
  addr: string;
  state: string;
  error?: string;
  counters: Record<string, number>;
  /** The networks configured for this station (their SSIDs, highest priority first). */
  networks: string[];
  /** The connection: state, ssid, bssid, freq, akm, pmf, the reason of the last failure or loss; while connected the kernel's figures. */
  connection: ConnectionView;
  /** The automatic connection: state, failed attempts, the wait before the next one, the last error. */
  auto_connect: AutoConnectView;
}

function defaultIfname(section: ConfigSection<StaSettings>): string {
  return `wifid-sta${section.index}`;
}

const sameSettings = (a: StaSettings, b: StaSettings): boolean => JSON.stringify(a) === JSON.stringify(b);

export class StaManager {
  private readonly stations = new Map<string, Station>();
  /** Serialises start/stop/reload work so two reloads never interleave. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: ConfigService,
    private readonly services: StationServices,
    private readonly reportProblems: (problems: ConfigProblem[]) => void,
  ) {}

  /** Starts, stops or restarts stations to match the valid `config sta` sections. */
  sync(): Promise<void> {
    const run = this.chain.then(() => this.apply());
    this.chain = run.catch((err: unknown) => this.services.log.error(`applying the sta sections: ${(err as Error).message}`));
    return run;
  }

  private async apply(): Promise<void> {
    const sections = this.config.sections(STA_SECTION);
    const wanted = new Map(sections.map((s) => [s.name, s]));
    for (const [name, sta] of [...this.stations]) {
      const want = wanted.get(name);
      if (!want || !sameSettings(want.values, sta.settings) || (want.values.ifname ?? defaultIfname(want)) !== sta.ifname) {
        this.stations.delete(name);
        await sta.stop();
      } else {
        sta.networksChanged();
      }
    }
    for (const s of sections) {
      if (this.stations.has(s.name)) continue;
      const sta = new Station(s.name, s.values, s.values.ifname ?? defaultIfname(s), this.services, () => this.networks(s.name));
      this.stations.set(s.name, sta);
      await sta.start();
    }
    this.reportProblems(this.problems(wanted));
  }

  /** Stations that failed to start, and networks naming no valid station. */
  private problems(wanted: Map<string, ConfigSection<StaSettings>>): ConfigProblem[] {
    const file = this.config.path;
    const out: ConfigProblem[] = [];
    for (const sta of this.stations.values()) {
      if (sta.state !== 'failed') continue;
      out.push({ severity: 'error', file, line: wanted.get(sta.name)?.line ?? 0, section: sta.name, message: `station not started: ${sta.error ?? 'unknown error'}` });
    }
    for (const n of this.config.sections(STA_NETWORK_SECTION)) {
      if (wanted.has(n.values.sta)) continue;
      const known = [...wanted.keys()].join(', ') || 'none';
      out.push({ severity: 'error', file, line: n.line, section: sectionRef(n), option: 'sta', message: `no valid sta section named '${n.values.sta}' (valid: ${known}): network '${n.values.ssid}' is not used` });
    }
    return out;
  }

  async stopAll(): Promise<void> {
    await this.chain;
    for (const [name, sta] of [...this.stations]) {
      this.stations.delete(name);
      await sta.stop().catch((err: unknown) => this.services.log.warn(`stopping station ${name}: ${(err as Error).message}`));
    }
    this.reportProblems([]);
  }

  /** An interface removed behind wifid's back. */
  interfaceGone(wdev: bigint): void {
    for (const sta of this.stations.values()) if (sta.wdev === wdev) sta.gone('removed by the kernel');
  }

  /** The networks of station `name`, highest priority first (file order among equals). */
  networks(name: string): StaNetworkSettings[] {
    return this.config.sections(STA_NETWORK_SECTION)
      .filter((n) => n.values.sta === name)
      .map((n) => n.values)
      .sort((a, b) => b.priority - a.priority);
  }

  /** The station `name`, or all of them; an unknown name is refused. */
  select(name: string | undefined): Station[] {
    if (name === undefined) return [...this.stations.values()];
    const sta = this.stations.get(name);
    if (!sta) throw new StaError('NOT_FOUND', `no station named '${name}' (configured: ${[...this.stations.keys()].join(', ') || 'none'})`);
    return [sta];
  }

  /** scan {name?, freqs?}: the station named, or the only one; `freqs` only, when given. */
  async scan(name?: string, freqs?: readonly number[]): Promise<ScanOutcome> {
    const all = this.select(name);
    if (all.length !== 1) {
      throw new StaError(all.length === 0 ? 'NOT_FOUND' : 'INVALID_ARGUMENT', all.length === 0 ? 'no station is configured (config sta)' : `name is required: ${all.length} stations (${all.map((s) => s.name).join(', ')})`);
    }
    return all[0]!.scan(freqs);
  }

  async status(name?: string): Promise<StaStatusView[]> {
    return Promise.all(this.select(name).map(async (sta) => ({
      name: sta.name,
      ifname: sta.ifname,
      phy: sta.settings.phy,
      addr: sta.addr,
      state: sta.state,
      ...(sta.error ? { error: sta.error } : {}),
      counters: { ...sta.scanCounters, kernel_read_errors: sta.kernelReadErrors },
      networks: this.networks(sta.name).map((n) => n.ssid),
      connection: await sta.connectionStatus(),
      auto_connect: sta.autoConnect(),
    })));
  }
}
