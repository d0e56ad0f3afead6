import { describe, expect, it } from 'vitest';
import { StderrLogger } from '../../core/log.js';
import type { Plugin } from '../../core/plugin.js';
import { PluginGraphError, PluginHost } from '../../core/plugin-host.js';

/** A plugin that records its lifecycle calls into a shared journal. */
class RecordingPlugin implements Plugin {
  constructor(
    readonly name: string,
    readonly depends: string[],
    private readonly journal: string[],
    private readonly failStart = false,
    private readonly failStop = false,
    readonly requires?: string[],
  ) {}
  async start(): Promise<void> {
    this.journal.push(`start ${this.name}`);
    if (this.failStart) throw new Error(`${this.name} cannot open its socket`);
  }
  async stop(): Promise<void> {
    this.journal.push(`stop ${this.name}`);
    if (this.failStop) throw new Error(`${this.name} stop broke`);
  }
}

function makeHost(lines: string[] = []): PluginHost {
  return new PluginHost(new StderrLogger('debug', 'test', { write: (l) => void lines.push(l) }));
}

function stateOf(host: PluginHost, name: string): string | undefined {
  return host.status().find((s) => s.name === name)?.state;
}

describe('PluginHost', () => {
  it('starts plugins in dependency order whatever the registration order', async () => {
    const journal: string[] = [];
    const host = makeHost();
    host.add(new RecordingPlugin('smd', ['mld-ap'], journal));
    host.add(new RecordingPlugin('mld-ap', ['base'], journal));
    host.add(new RecordingPlugin('base', [], journal));
    host.add(new RecordingPlugin('p2p', ['base'], journal));
    await host.startAll();
    expect(journal).toEqual(['start base', 'start mld-ap', 'start smd', 'start p2p']);
    expect(host.status().every((s) => s.state === 'running')).toBe(true);
  });

  it('stops in the reverse of the start order', async () => {
    const journal: string[] = [];
    const host = makeHost();
    host.add(new RecordingPlugin('b', ['a'], journal));
    host.add(new RecordingPlugin('a', [], journal));
    host.add(new RecordingPlugin('c', ['b'], journal));
    await host.startAll();
    journal.length = 0;
    expect(await host.stopAll()).toBe(true);
    expect(journal).toEqual(['stop c', 'stop b', 'stop a']);
  });

  it('isolates a plugin whose start throws: logged, marked failed, dependants skipped, others run', async () => {
    const journal: string[] = [];
    const lines: string[] = [];
    const host = makeHost(lines);
    host.add(new RecordingPlugin('a', [], journal));
    host.add(new RecordingPlugin('broken', [], journal, true));
    host.add(new RecordingPlugin('needs-broken', ['broken'], journal));
    host.add(new RecordingPlugin('d', ['a'], journal));
    await host.startAll();
    expect(stateOf(host, 'a')).toBe('running');
    expect(stateOf(host, 'd')).toBe('running');
    expect(host.status().find((s) => s.name === 'broken')).toEqual({
      name: 'broken', state: 'failed', reason: 'broken cannot open its socket',
    });
    expect(stateOf(host, 'needs-broken')).toBe('skipped');
    expect(journal).not.toContain('start needs-broken');
    expect(lines.some((l) => l.startsWith('error: ') && l.includes('broken: start failed'))).toBe(true);
    journal.length = 0;
    await host.stopAll();
    expect(journal).toEqual(['stop d', 'stop a']);
  });

  it('does not throw when a plugin stop throws, and reports an unclean stop', async () => {
    const journal: string[] = [];
    const host = makeHost();
    host.add(new RecordingPlugin('a', [], journal));
    host.add(new RecordingPlugin('b', ['a'], journal, false, true));
    await host.startAll();
    expect(await host.stopAll()).toBe(false);
    expect(journal).toContain('stop a');
    expect(stateOf(host, 'b')).toBe('failed');
  });

  it('refuses a dependency cycle, naming it, before starting anything', async () => {
    const journal: string[] = [];
    const host = makeHost();
    host.add(new RecordingPlugin('x', ['y'], journal));
    host.add(new RecordingPlugin('y', ['z'], journal));
    host.add(new RecordingPlugin('z', ['x'], journal));
    await expect(host.startAll()).rejects.toThrow(PluginGraphError);
    await expect(host.startAll()).rejects.toThrow('plugin dependency cycle: x -> y -> z -> x');
    expect(journal).toEqual([]);
  });

  it('refuses a missing dependency, naming both plugins', () => {
    const host = makeHost();
    host.add(new RecordingPlugin('smd', ['mld-ap'], []));
    expect(() => host.order()).toThrow("plugin 'smd' depends on 'mld-ap', which does not exist");
  });

  it('keeps disabled plugins out and refuses an enabled plugin that needs a disabled one', async () => {
    const journal: string[] = [];
    const host = makeHost();
    host.add(new RecordingPlugin('a', [], journal), false);
    host.add(new RecordingPlugin('b', [], journal));
    await host.startAll();
    expect(journal).toEqual(['start b']);
    expect(stateOf(host, 'a')).toBe('disabled');
    host.add(new RecordingPlugin('c', ['a'], journal));
    expect(() => host.order()).toThrow("plugin 'c' depends on 'a', which is disabled in the configuration");
  });

  it('applies a new enabled set at run time: dependants stop first, new plugins start', async () => {
    const journal: string[] = [];
    const host = makeHost();
    host.add(new RecordingPlugin('a', [], journal));
    host.add(new RecordingPlugin('b', ['a'], journal));
    host.add(new RecordingPlugin('c', [], journal), false);
    await host.startAll();
    journal.length = 0;
    await host.setEnabled(new Set(['c']));
    expect(journal).toEqual(['stop b', 'stop a', 'start c']);
    expect(host.status().map((s) => s.state)).toEqual(['disabled', 'disabled', 'running']);
  });

  it('leaves everything as it was when a new enabled set is not a valid graph', async () => {
    const journal: string[] = [];
    const host = makeHost();
    host.add(new RecordingPlugin('a', [], journal));
    host.add(new RecordingPlugin('b', ['a'], journal));
    await host.startAll();
    journal.length = 0;
    await expect(host.setEnabled(new Set(['b']))).rejects.toThrow("depends on 'a', which is disabled");
    expect(journal).toEqual([]);
    expect(host.status().map((s) => s.state)).toEqual(['running', 'running']);
  });

  it('holds plugins that require a missing facility in a visible waiting state until it appears', async () => {
    const journal: string[] = [];
    const host = makeHost();
    host.add(new RecordingPlugin('radio', [], journal, false, false, ['nl80211']));
    host.add(new RecordingPlugin('on-radio', ['radio'], journal));
    host.add(new RecordingPlugin('plain', [], journal));
    await host.setFacility('nl80211', false);
    await host.startAll();
    expect(journal).toEqual(['start plain']);
    expect(host.status().find((s) => s.name === 'radio')).toEqual({ name: 'radio', state: 'waiting', reason: 'nl80211 unavailable' });
    expect(stateOf(host, 'on-radio')).toBe('waiting');
    await host.setFacility('nl80211', true);
    expect(journal).toEqual(['start plain', 'start radio', 'start on-radio']);
    journal.length = 0;
    await host.setFacility('nl80211', false);
    expect(journal).toEqual(['stop on-radio', 'stop radio']);
    expect(stateOf(host, 'plain')).toBe('running');
    expect(stateOf(host, 'radio')).toBe('waiting');
  });
});
