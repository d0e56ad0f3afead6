// Services between plugins: a provider offers a typed service while it runs, dependants
// take it in start(); stopping the provider stops its dependants first, and a dependant
// holding the service afterwards gets ServiceUnavailableError, never a stale object.
import { describe, expect, it } from 'vitest';
import type { Plugin } from '../../core/plugin.js';
import { PluginHost } from '../../core/plugin-host.js';
import { defineService, ServiceUnavailableError, type PluginScope } from '../../core/plugin/index.js';
import { silentLogger } from '../txq/fakes.js';

interface Stations {
  count(): number;
}

const STATIONS = defineService<Stations>('ap', 'stations');

class ApPlugin implements Plugin {
  readonly name = 'ap';
  readonly depends = [];
  readonly requires = ['nl80211'];
  stations = 0;
  constructor(private readonly journal: string[]) {}
  async start(scope: PluginScope): Promise<void> {
    this.journal.push('start ap');
    const ap = this;
    scope.provide(STATIONS, { count: () => ap.stations });
  }
  async stop(): Promise<void> {
    this.journal.push('stop ap');
  }
}

class RoamingPlugin implements Plugin {
  readonly name = 'roaming';
  held: Stations | undefined;
  constructor(private readonly journal: string[], readonly depends: string[] = ['ap']) {}
  async start(scope: PluginScope): Promise<void> {
    this.held = scope.service(STATIONS);
    this.journal.push(`start roaming (ap has ${this.held.count()} stations)`);
  }
  async stop(): Promise<void> {
    // Still usable while stopping: the provider stops after its dependants.
    this.journal.push(`stop roaming (ap has ${this.held!.count()} stations)`);
  }
}

function world(depends?: string[]) {
  const journal: string[] = [];
  const host = new PluginHost(silentLogger);
  const ap = new ApPlugin(journal);
  const roaming = new RoamingPlugin(journal, depends);
  host.add(roaming);
  host.add(ap);
  return { journal, host, ap, roaming };
}

describe('plugin services', () => {
  it('a dependant takes the provider\'s service in start and sees its live state', async () => {
    const { journal, host, ap, roaming } = world();
    await host.setFacility('nl80211', true);
    ap.stations = 3;
    await host.startAll();
    expect(journal).toEqual(['start ap', 'start roaming (ap has 3 stations)']);
    ap.stations = 4;
    expect(roaming.held!.count()).toBe(4);
  });

  it('a provider that goes away stops its dependants first; the service they held then throws', async () => {
    const { journal, host, roaming } = world();
    await host.setFacility('nl80211', true);
    await host.startAll();
    const held = roaming.held!;
    const count = held.count;
    journal.length = 0;
    await host.setFacility('nl80211', false);
    expect(journal).toEqual(['stop roaming (ap has 0 stations)', 'stop ap']);
    expect(() => held.count()).toThrow(ServiceUnavailableError);
    expect(() => count()).toThrow("service 'stations' is gone: ap stopped");
  });

  it('a restarted provider offers a fresh service to its restarted dependants', async () => {
    const { host, ap, roaming } = world();
    await host.setFacility('nl80211', true);
    await host.startAll();
    const first = roaming.held!;
    await host.setFacility('nl80211', false);
    await host.setFacility('nl80211', true);
    ap.stations = 2;
    expect(host.status().map((s) => s.state)).toEqual(['running', 'running']);
    expect(roaming.held!.count()).toBe(2);
    expect(() => first.count()).toThrow(ServiceUnavailableError);
  });

  it('a plugin that does not depend on the provider cannot take its service (its start fails, saying why)', async () => {
    const { host } = world([]);
    await host.setFacility('nl80211', true);
    await host.startAll();
    expect(host.status().find((s) => s.name === 'roaming')).toEqual({
      name: 'roaming', state: 'failed', reason: "roaming uses service 'stations' of ap but does not list ap in its depends",
    });
  });
});
