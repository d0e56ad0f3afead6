import { describe, expect, it } from 'vitest';
import { StderrLogger } from '../../core/log.js';
import { EventDispatcher, type DispatchScheduler, type Nl80211Event } from '../../core/nl80211/dispatch.js';

const lines: string[] = [];
const log = new StderrLogger('debug', 'test', { write: (l: string) => void lines.push(l) });

/** A scheduler the test drives: 'soon' and 'later' callbacks run when the test says. */
class ManualScheduler implements DispatchScheduler {
  micro: (() => void)[] = [];
  macro: (() => void)[] = [];
  clock = 0;
  soon(fn: () => void): void { this.micro.push(fn); }
  later(fn: () => void): void { this.macro.push(fn); }
  now(): number { return this.clock; }
  runMicro(): void { while (this.micro.length) this.micro.shift()!(); }
  /** One event-loop turn: one macrotask, then its microtasks. */
  turn(): boolean {
    const fn = this.macro.shift();
    if (!fn) return false;
    fn();
    this.runMicro();
    return true;
  }
}

function ev(cmd: string, extra: Partial<Nl80211Event> = {}): Nl80211Event {
  return { cmd, cmdId: 0, attrs: {}, source: 'low', receivedAt: 0, ...extra };
}

describe('prioritised event dispatch', () => {
  it('runs high-priority jobs right after the receiving callback, before queued low ones', () => {
    const sched = new ManualScheduler();
    const d = new EventDispatcher(log, 1, sched);
    const order: string[] = [];
    d.subscribe({ owner: 'scan', cmds: ['NEW_SCAN_RESULTS'], priority: 'low', handler: (e) => void order.push(e.cmd) });
    d.subscribe({ owner: 'smd', cmds: ['AUTHENTICATE'], priority: 'high', handler: (e) => void order.push(e.cmd) });
    for (let i = 0; i < 5; i++) d.deliver(ev('NEW_SCAN_RESULTS'));
    d.deliver(ev('AUTHENTICATE'));
    sched.runMicro();
    expect(order).toEqual(['AUTHENTICATE']);
    while (sched.turn());
    expect(order).toEqual(['AUTHENTICATE', ...Array(5).fill('NEW_SCAN_RESULTS')]);
  });

  it('low handlers yield after a slice so a high event behind a backlog waits one slice, not the backlog', () => {
    const sched = new ManualScheduler();
    const d = new EventDispatcher(log, 2, sched);
    let lowDone = 0;
    let lowDoneWhenHighRan = -1;
    // Each low handler "takes" 1 ms of the fake clock.
    d.subscribe({ owner: 'stats', cmds: ['TRIGGER_SCAN'], priority: 'low', handler: () => { sched.clock += 1; lowDone++; } });
    d.subscribe({ owner: 'smd', cmds: ['FRAME'], priority: 'high', handler: () => { lowDoneWhenHighRan = lowDone; } });
    for (let i = 0; i < 1000; i++) d.deliver(ev('TRIGGER_SCAN'));
    expect(sched.turn()).toBe(true); // first slice: 2 low jobs, then a yield
    expect(lowDone).toBe(2);
    // The high event arrives in the I/O phase between two slices.
    d.deliver(ev('FRAME', { source: 'high' }));
    sched.runMicro();
    expect(lowDoneWhenHighRan).toBe(2);
    while (sched.turn());
    expect(lowDone).toBe(1000);
    expect(d.stats.yields).toBe(499);
    expect(d.stats.maxLowBacklog).toBe(1000);
  });

  it('matches by command, interface, wdev and wiphy', () => {
    const sched = new ManualScheduler();
    const d = new EventDispatcher(log, 1, sched);
    const got: string[] = [];
    d.subscribe({ owner: 'a', cmds: ['CONNECT'], ifindex: 5, priority: 'high', handler: () => void got.push('if5') });
    d.subscribe({ owner: 'b', cmds: '*', wdev: 7n, priority: 'high', handler: () => void got.push('wdev7') });
    d.subscribe({ owner: 'c', cmds: ['CONNECT'], wiphy: 1, priority: 'high', handler: () => void got.push('phy1') });
    d.deliver(ev('CONNECT', { ifindex: 5, wiphy: 0 }));
    d.deliver(ev('CONNECT', { ifindex: 6, wdev: 7n, wiphy: 1 }));
    d.deliver(ev('DISCONNECT', { ifindex: 5 }));
    sched.runMicro();
    expect(got).toEqual(['if5', 'wdev7', 'phy1']);
  });

  it('a throwing or rejecting handler is logged with its owner and the others still run', async () => {
    const sched = new ManualScheduler();
    const d = new EventDispatcher(log, 1, sched);
    const got: string[] = [];
    d.subscribe({ owner: 'bad', cmds: '*', priority: 'high', handler: () => { throw new Error('boom'); } });
    d.subscribe({ owner: 'worse', cmds: '*', priority: 'high', handler: async () => { throw new Error('async boom'); } });
    d.subscribe({ owner: 'good', cmds: '*', priority: 'high', handler: () => void got.push('good') });
    d.deliver(ev('CONNECT'));
    sched.runMicro();
    await Promise.resolve();
    expect(got).toEqual(['good']);
    expect(lines).toContain('warn: test: bad/CONNECT: boom\n');
    expect(lines).toContain('warn: test: worse/CONNECT: async boom\n');
    expect(d.stats.handlerErrors).toBe(2);
  });

  it('removeOwner drops every subscription of an owner; the unsubscribe function drops one', () => {
    const sched = new ManualScheduler();
    const d = new EventDispatcher(log, 1, sched);
    const got: string[] = [];
    d.subscribe({ owner: 'p2p', cmds: '*', priority: 'high', handler: () => void got.push('p2p-1') });
    d.subscribe({ owner: 'p2p', cmds: '*', priority: 'low', handler: () => void got.push('p2p-2') });
    const off = d.subscribe({ owner: 'ap', cmds: '*', priority: 'high', handler: () => void got.push('ap') });
    d.subscribe({ owner: 'sta', cmds: '*', priority: 'high', handler: () => void got.push('sta') });
    d.removeOwner('p2p');
    off();
    d.deliver(ev('CONNECT'));
    sched.runMicro();
    while (sched.turn());
    expect(got).toEqual(['sta']);
  });
});
