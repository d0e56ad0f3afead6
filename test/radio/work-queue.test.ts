import { describe, expect, it } from 'vitest';
import { RadioWorkPriority, RadioWorkQueue, type RadioWorkItem } from '../../core/radio/work-queue.js';
import type { Logger } from '../../core/log.js';

class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  error(m: string) { this.lines.push(`error: ${m}`); }
  warn(m: string) { this.lines.push(`warn: ${m}`); }
  notice(m: string) { this.lines.push(`notice: ${m}`); }
  info(m: string) { this.lines.push(`info: ${m}`); }
  debug() {}
  child() { return this; }
  limited() { return this; }
}

const flush = () => new Promise<void>((r) => setImmediate(r));

/** An item that records what happens to it and stays pending until told. */
function recorder(events: string[], name: string, priority: number, result: 'done' | 'pending' = 'pending', owner?: string): RadioWorkItem {
  return {
    name, priority, owner,
    run: () => { events.push(`run ${name}`); return result; },
    cancel: () => events.push(`cancel ${name}`),
    cleanup: () => events.push(`cleanup ${name}`),
  };
}

describe('radio work queue', () => {
  it('starts work on an idle wiphy at once and runs the rest one at a time', async () => {
    const q = new RadioWorkQueue(new MemoryLogger());
    const ev: string[] = [];
    const a = q.enqueue(0, recorder(ev, 'a', 3));
    q.enqueue(0, recorder(ev, 'b', 3));
    expect(ev).toEqual(['run a']);
    expect(q.isRunning(a)).toBe(true);
    q.done(a);
    await flush();
    expect(ev).toEqual(['run a', 'cleanup a', 'run b']);
  });

  it('orders waiting work by priority, FIFO within a priority, and never pre-empts the running head', async () => {
    const q = new RadioWorkQueue(new MemoryLogger());
    const ev: string[] = [];
    const head = q.enqueue(0, recorder(ev, 'scan', RadioWorkPriority.PERIODIC_SCAN));
    q.enqueue(0, recorder(ev, 'p2p', RadioWorkPriority.P2P_DISCOVERY));
    q.enqueue(0, recorder(ev, 'offchan1', RadioWorkPriority.OFFCHANNEL));
    q.enqueue(0, recorder(ev, 'connect', RadioWorkPriority.CONNECT));
    q.enqueue(0, recorder(ev, 'offchan2', RadioWorkPriority.OFFCHANNEL));
    expect(q.list(0).map((w) => `${w.name}${w.running ? '*' : ''}`)).toEqual(['scan*', 'connect', 'offchan1', 'offchan2', 'p2p']);
    q.done(head);
    await flush();
    expect(ev.filter((e) => e.startsWith('run'))).toEqual(['run scan', 'run connect']);
  });

  it('ends work that reports done at once and moves on', async () => {
    const q = new RadioWorkQueue(new MemoryLogger());
    const ev: string[] = [];
    q.enqueue(1, recorder(ev, 'quick', 1, 'done'));
    q.enqueue(1, recorder(ev, 'next', 1, 'done'));
    await flush();
    expect(ev).toEqual(['run quick', 'cleanup quick', 'run next', 'cleanup next']);
    expect(q.list(1)).toEqual([]);
  });

  it('keeps wiphys apart', () => {
    const q = new RadioWorkQueue(new MemoryLogger());
    const ev: string[] = [];
    q.enqueue(0, recorder(ev, 'phy0', 3));
    q.enqueue(1, recorder(ev, 'phy1', 3));
    expect(ev).toEqual(['run phy0', 'run phy1']);
  });

  it('the done callback given to run ends the item, and a later done(id) is a no-op', async () => {
    const q = new RadioWorkQueue(new MemoryLogger());
    let finish!: () => void;
    const ev: string[] = [];
    const id = q.enqueue(0, { name: 'roc', priority: 2, run: (done) => { finish = done; return 'pending'; }, cleanup: () => ev.push('cleanup') });
    finish();
    expect(ev).toEqual(['cleanup']);
    expect(q.done(id)).toBe(false);
    expect(ev).toEqual(['cleanup']);
  });

  it('cancel of running work calls cancel then cleanup; of waiting work only cleanup', async () => {
    const q = new RadioWorkQueue(new MemoryLogger());
    const ev: string[] = [];
    const a = q.enqueue(0, recorder(ev, 'a', 3));
    const b = q.enqueue(0, recorder(ev, 'b', 3));
    q.enqueue(0, recorder(ev, 'c', 3));
    expect(q.cancel(b)).toBe(true);
    expect(q.cancel(a)).toBe(true);
    await flush();
    expect(ev).toEqual(['run a', 'cleanup b', 'cancel a', 'cleanup a', 'run c']);
    expect(q.cancel(a)).toBe(false);
  });

  it('cancelOwner removes only that owner\'s work', async () => {
    const q = new RadioWorkQueue(new MemoryLogger());
    const ev: string[] = [];
    q.enqueue(0, recorder(ev, 'p2p-search', 4, 'pending', 'p2p-device'));
    q.enqueue(0, recorder(ev, 'sta-scan', 3, 'pending', 'sta'));
    q.enqueue(1, recorder(ev, 'p2p-listen', 4, 'pending', 'p2p-device'));
    expect(q.cancelOwner('p2p-device')).toBe(2);
    await flush();
    expect(q.list(0).map((w) => w.name)).toEqual(['sta-scan']);
    expect(q.list(0)[0].running).toBe(true);
    expect(q.list(1)).toEqual([]);
  });

  it('flushWiphy cancels the head and every waiting item, cleaning each up once', async () => {
    const q = new RadioWorkQueue(new MemoryLogger());
    const ev: string[] = [];
    q.enqueue(2, recorder(ev, 'a', 3));
    q.enqueue(2, recorder(ev, 'b', 3));
    expect(q.flushWiphy(2)).toBe(2);
    await flush();
    expect(ev).toEqual(['run a', 'cleanup b', 'cancel a', 'cleanup a']);
  });

  it('a run that throws or rejects ends its item with a warning, and the queue goes on', async () => {
    const log = new MemoryLogger();
    const q = new RadioWorkQueue(log);
    const ev: string[] = [];
    q.enqueue(0, { name: 'throws', priority: 1, run: () => { throw new Error('EBUSY'); }, cleanup: () => ev.push('cleanup throws') });
    q.enqueue(0, { name: 'rejects', priority: 1, run: async () => { throw new Error('ENODEV'); }, cleanup: () => ev.push('cleanup rejects') });
    q.enqueue(0, recorder(ev, 'after', 1));
    await flush();
    await flush();
    expect(ev).toEqual(['cleanup throws', 'cleanup rejects', 'run after']);
    expect(log.lines.filter((l) => l.startsWith('warn'))).toEqual([
      'warn: phy#0: throws failed to start: EBUSY',
      'warn: phy#0: rejects failed to start: ENODEV',
    ]);
  });

  it('an async run resolving "done" ends the item', async () => {
    const q = new RadioWorkQueue(new MemoryLogger());
    const ev: string[] = [];
    q.enqueue(0, { name: 'async', priority: 1, run: async () => 'done' as const, cleanup: () => ev.push('cleanup async') });
    q.enqueue(0, recorder(ev, 'next', 1));
    await flush();
    expect(ev).toEqual(['cleanup async', 'run next']);
  });

  it('a throwing cleanup or cancel is logged and does not stop the queue', async () => {
    const log = new MemoryLogger();
    const q = new RadioWorkQueue(log);
    const ev: string[] = [];
    const id = q.enqueue(0, { name: 'bad', priority: 1, run: () => 'pending', cancel: () => { throw new Error('x'); }, cleanup: () => { throw new Error('y'); } });
    q.enqueue(0, recorder(ev, 'next', 1));
    q.cancel(id);
    await flush();
    expect(ev).toEqual(['run next']);
    expect(log.lines).toEqual(['warn: phy#0: bad cancel threw: x', 'warn: phy#0: bad cleanup threw: y']);
  });

  it('rejects an invalid wiphy or priority without queueing', () => {
    const q = new RadioWorkQueue(new MemoryLogger());
    const ev: string[] = [];
    expect(() => q.enqueue(-1, recorder(ev, 'x', 1))).toThrow(RangeError);
    expect(() => q.enqueue(0, recorder(ev, 'x', Number.NaN))).toThrow(/numeric priority/);
    expect(ev).toEqual([]);
    expect(q.list(0)).toEqual([]);
  });
});
