// The plugin scope's guarantees, each a named case as zigbee2mqtt names its own.
import { describe, expect, it } from 'vitest';
import { StderrLogger } from '../../core/log.js';
import { PluginScope, ScopeClosedError, ServiceRegistry, TypedEvents } from '../../core/plugin/index.js';
import { PluginHost } from '../../core/plugin-host.js';
import { RadioWorkQueue } from '../../core/radio/work-queue.js';
import { ManualClock, silentLogger } from '../txq/fakes.js';

function logged(): { lines: string[]; log: StderrLogger } {
  const lines: string[] = [];
  return { lines, log: new StderrLogger('debug', 'test', { write: (l) => void lines.push(l) }) };
}

describe('PluginScope', () => {
  it('releases newest first, runs every release when one throws, logs the failure with the plugin name', async () => {
    const { lines, log } = logged();
    const scope = new PluginScope('demo', log, {}, new ServiceRegistry(), []);
    const order: string[] = [];
    scope.add(() => void order.push('first'), 'first');
    scope.add(() => {
      order.push('broken');
      throw new Error('socket already closed');
    }, 'broken thing');
    scope.add(async () => void order.push('last'), 'last');
    expect(await scope.dispose()).toBe(1);
    expect(order).toEqual(['last', 'broken', 'first']);
    expect(lines.filter((l) => l.startsWith('error: '))).toEqual(['error: test: demo: releasing broken thing failed: socket already closed\n']);
  });

  it('disposes once: a second dispose releases nothing again and acquiring afterwards is refused', async () => {
    const scope = new PluginScope('demo', silentLogger, {}, new ServiceRegistry(), []);
    let released = 0;
    scope.add(() => void released++);
    await Promise.all([scope.dispose(), scope.dispose()]);
    await scope.dispose();
    expect(released).toBe(1);
    expect(() => scope.add(() => undefined, 'late thing')).toThrow(ScopeClosedError);
    expect(() => scope.clock.setTimer(() => undefined, 10)).toThrow(ScopeClosedError);
  });

  it('an early release runs once and leaves the stack, so disposal does not run it again', async () => {
    const scope = new PluginScope('demo', silentLogger, {}, new ServiceRegistry(), []);
    let released = 0;
    const release = scope.add(() => void released++);
    await release();
    await release();
    await scope.dispose();
    expect(released).toBe(1);
  });

  it('clears the timers still pending when the plugin stops, not the ones that fired', async () => {
    const clock = new ManualClock();
    const scope = new PluginScope('demo', silentLogger, { clock }, new ServiceRegistry(), []);
    const fired: string[] = [];
    scope.clock.setTimer(() => fired.push('early'), 10);
    scope.clock.setTimer(() => fired.push('late'), 1000);
    clock.advance(20);
    await scope.dispose();
    clock.advance(2000);
    expect(fired).toEqual(['early']);
  });

  it('cancels the radio work the plugin queued, and only that', async () => {
    const radio = new RadioWorkQueue(silentLogger);
    const cleaned: string[] = [];
    const item = (name: string) => ({ name, priority: 3, run: () => 'pending' as const, cleanup: () => void cleaned.push(name) });
    const scope = new PluginScope('demo', silentLogger, { radio }, new ServiceRegistry(), []);
    scope.radio.enqueue(0, item('mine-running'));
    scope.radio.enqueue(0, item('mine-waiting'));
    radio.enqueue(0, { ...item('other'), owner: 'other-plugin' });
    await scope.dispose();
    expect(cleaned.sort()).toEqual(['mine-running', 'mine-waiting']);
    expect(radio.list(0).map((w) => w.name)).toEqual(['other']);
    expect(() => scope.radio.enqueue(0, item('late'))).toThrow(ScopeClosedError);
  });

  it('refuses TX submissions after the plugin stopped, without reaching the queue', async () => {
    const scope = new PluginScope('demo', silentLogger, {}, new ServiceRegistry(), []);
    await scope.dispose();
    const outcome = await scope.txq.submit({ lane: { wdev: 1n }, class: 'management', frame: new Uint8Array(24) });
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'stopped' });
  });

  it('detaches its listeners from a typed event bus; the other owners keep theirs', async () => {
    interface Events { found: { mac: string } }
    const bus = new TypedEvents<Events>(silentLogger);
    const scope = new PluginScope('demo', silentLogger, {}, new ServiceRegistry(), []);
    const seen: string[] = [];
    scope.on(bus, 'found', (p) => void seen.push(`demo ${p.mac}`));
    bus.on('other', 'found', (p) => void seen.push(`other ${p.mac}`));
    bus.emit('found', { mac: 'a' });
    await scope.dispose();
    bus.emit('found', { mac: 'b' });
    expect(seen).toEqual(['demo a', 'other a', 'other b']);
  });
});

describe('TypedEvents', () => {
  it('logs a throwing or rejecting listener as <owner>/<event> and still calls the others', async () => {
    const { lines, log } = logged();
    interface Events { tick: number }
    const bus = new TypedEvents<Events>(log);
    const seen: number[] = [];
    bus.on('thrower', 'tick', () => {
      throw new Error('boom');
    });
    bus.on('rejecter', 'tick', async () => {
      throw new Error('later boom');
    });
    bus.on('counter', 'tick', (n) => void seen.push(n));
    bus.emit('tick', 7);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([7]);
    expect(lines.filter((l) => l.startsWith('error: ')).sort()).toEqual(['error: test: rejecter/tick: later boom\n', 'error: test: thrower/tick: boom\n']);
    bus.removeListeners('counter');
    expect(bus.listenerCount('tick')).toBe(2);
  });
});

describe('PluginHost and scopes', () => {
  it('releases a plugin\'s scope after a stop() that throws, and reports the unclean stop', async () => {
    const released: string[] = [];
    const host = new PluginHost(silentLogger);
    host.add({
      name: 'clumsy',
      depends: [],
      async start(scope) {
        scope.add(() => void released.push('socket'), 'socket');
      },
      async stop() {
        throw new Error('stop broke');
      },
    });
    await host.startAll();
    expect(await host.stopAll()).toBe(false);
    expect(released).toEqual(['socket']);
    expect(host.status()).toEqual([{ name: 'clumsy', state: 'failed', reason: 'stop failed: stop broke' }]);
  });
});
