import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UbusError, UbusStatus, UBUS_MAX_MSGLEN, type UbusMethods } from '../../core/ubus';
import { UbusMsgType } from '../../core/ubus/protocol';
import { RawConn } from './raw-conn';
import { startBus, waitFor, type Bus } from './helpers';

/**
 * How long a wait for something that should happen soon may last: a hang guard, not a
 * speed target (a loaded 2-core machine runs broker and clients slowly; the figures are
 * bench/ubus's). A wait ends as soon as its condition holds.
 */
const SETTLE_MS = 10_000;

let bus: Bus;
beforeEach(async () => { bus = await startBus(); });
afterEach(async () => { await bus.close(); });

const demo: UbusMethods = {
  hello: {
    policy: { id: { type: 'int32', required: true }, msg: { type: 'string' } },
    handler: (args) => ({ message: `got ${args.msg ?? '-'} #${args.id}` }),
  },
  types: {
    policy: {
      b: { type: 'bool' }, i8: { type: 'int8' }, i16: { type: 'int16' }, i64: { type: 'int64' },
      d: { type: 'double' }, t: { type: 'table' }, a: { type: 'array' },
    },
    handler: (args) => ({ seen: Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v])) }),
  },
  unsupported: { handler: () => { throw new UbusError(UbusStatus.NOT_SUPPORTED, 'radio phy9 has no P2P-Device'); } },
  broken: { handler: () => { throw new TypeError('cannot read properties of undefined'); } },
  slow: {
    policy: { ms: { type: 'int32', required: true } },
    handler: async (args) => { await new Promise((r) => setTimeout(r, args.ms as number)); return { waited: args.ms as number }; },
  },
};

async function callError(p: Promise<unknown>): Promise<UbusError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(UbusError);
  return err as UbusError;
}

describe('UbusClient objects', () => {
  it('registers an object whose signature lookup returns, and answers calls from another client', async () => {
    const { ubus: server } = await bus.client();
    const { ubus: caller } = await bus.client();
    await server.addObject('demo', demo);
    const [info] = await caller.lookup('demo');
    expect(info!.signature.hello).toEqual({ id: 5, msg: 3 });
    expect(info!.signature.types).toEqual({ b: 7, i8: 7, i16: 6, i64: 4, d: 8, t: 2, a: 1 });
    expect(await caller.call('demo', 'hello', { id: 1, msg: 'hi' })).toEqual({ message: 'got hi #1' });
    expect(await caller.call('demo', 'types', { b: true, i8: 3, i16: 300, i64: 5_000_000_000, d: 2, t: {}, a: [] }))
      .toEqual({ seen: { b: 'boolean', i8: 'number', i16: 'number', i64: 'number', d: 'number', t: 'object', a: 'object' } });
  });

  it('lists with a wildcard as `ubus list wifid.*`', async () => {
    const { ubus } = await bus.client();
    await ubus.addObject('wifid', {});
    await ubus.addObject('wifid.ap', {});
    await ubus.addObject('wifidx', {});
    await ubus.addObject('other', {});
    expect((await ubus.lookup('wifid.*')).map((o) => o.path)).toEqual(['wifid.ap']);
    expect((await ubus.lookup('wifid*')).map((o) => o.path)).toEqual(['wifid', 'wifid.ap', 'wifidx']);
    expect((await callError(ubus.lookup('nosuch.*'))).status).toBe(UbusStatus.NOT_FOUND);
  });

  it('finds an object again after it was registered anew (stale cached id), without calling a handler twice', async () => {
    const { ubus: server } = await bus.client();
    const { ubus: caller } = await bus.client();
    let calls = 0;
    const methods: UbusMethods = {
      get: { handler: () => { calls++; return { n: calls }; } },
      missing: { handler: () => { calls++; throw new UbusError(UbusStatus.NOT_FOUND, 'no such station'); } },
    };
    await server.addObject('svc', methods);
    expect(await caller.call('svc', 'get')).toEqual({ n: 1 });
    await server.removeObject('svc');
    await server.addObject('svc', methods);
    expect(await caller.call('svc', 'get')).toEqual({ n: 2 });
    // A NOT_FOUND from the handler itself is an answer, not a stale id: no retry.
    const err = await callError(caller.call('svc', 'missing'));
    expect([err.status, err.message, calls]).toEqual([UbusStatus.NOT_FOUND, 'no such station', 3]);
    await server.removeObject('svc');
    expect((await callError(caller.call('svc', 'get'))).status).toBe(UbusStatus.NOT_FOUND);
    expect(calls).toBe(3);
  });

  it('refuses a second object with the same path', async () => {
    const { ubus: a } = await bus.client();
    const { ubus: b } = await bus.client();
    await a.addObject('wifid', {});
    expect((await callError(b.addObject('wifid', {}))).status).toBe(UbusStatus.INVALID_ARGUMENT);
  });
});

describe('UbusClient policy errors', () => {
  let server: Awaited<ReturnType<Bus['client']>>;
  let caller: Awaited<ReturnType<Bus['client']>>;
  beforeEach(async () => {
    server = await bus.client();
    caller = await bus.client();
    await server.ubus.addObject('demo', demo);
  });

  const cases: Array<[string, string, Record<string, unknown>, number, RegExp]> = [
    ['a wrong type', 'hello', { id: 'x' }, UbusStatus.INVALID_ARGUMENT, /argument "id" must be of type int32, got string/],
    ['a missing required argument', 'hello', { msg: 'hi' }, UbusStatus.INVALID_ARGUMENT, /missing required argument "id"/],
    ['an unknown argument', 'hello', { id: 1, ms: 2 }, UbusStatus.INVALID_ARGUMENT, /unknown argument "ms"/],
    ['an int out of range', 'types', { i8: 1000 }, UbusStatus.INVALID_ARGUMENT, /"i8" = 1000 out of range for int8/],
    ['a number for a bool', 'types', { b: 1 }, UbusStatus.INVALID_ARGUMENT, /"b" must be a boolean, got int32/],
    ['an unknown method', 'nosuch', {}, UbusStatus.METHOD_NOT_FOUND, /has no method "nosuch"/],
    ['a handler refusal', 'unsupported', {}, UbusStatus.NOT_SUPPORTED, /radio phy9 has no P2P-Device/],
    ['a handler crash', 'broken', {}, UbusStatus.UNKNOWN_ERROR, /internal error: cannot read properties of undefined/],
  ];
  for (const [what, method, args, status, message] of cases) {
    it(`answers ${what} with status ${status} and an error message, and logs why`, async () => {
      const err = await callError(caller.ubus.call('demo', method, args as never));
      expect(err.status).toBe(status);
      expect(err.message).toMatch(message);
      expect(err.data).toEqual({ error: err.message });
      expect(server.log.has(message)).toBe(true);
      // The server lives on.
      expect(await caller.ubus.call('demo', 'hello', { id: 2 })).toEqual({ message: 'got - #2' });
    });
  }

  it('tolerates the ubus_rpc_session argument rpcd adds', async () => {
    expect(await caller.ubus.call('demo', 'hello', { id: 3, ubus_rpc_session: 'abc' })).toEqual({ message: 'got - #3' });
  });

  it('answers an unknown object with NOT_FOUND', async () => {
    expect((await callError(caller.ubus.call('nosuch', 'foo'))).status).toBe(UbusStatus.NOT_FOUND);
  });

  it('answers an invoke whose argument blob is malformed with INVALID_ARGUMENT', async () => {
    const raw = await RawConn.open(bus.socketPath);
    expect((await raw.next())!.type).toBe(UbusMsgType.HELLO);
    const id = server.ubus.objectId('demo');
    // A DATA attribute holding a blobmsg string without its NUL.
    raw.send({ version: 0, type: UbusMsgType.INVOKE, seq: 7, peer: id, attrs: [
      { id: 'objid', value: id }, { id: 'method', value: 'hello' },
      { id: 'raw', attrId: 7, extended: false, payload: Uint8Array.from([0x83, 0, 0, 0x0c, 0, 2, 0x69, 0x64, 0, 0, 0, 0x41]) },
    ] });
    const reply = await raw.next();
    const status = await raw.next();
    raw.close();
    expect(reply!.type).toBe(UbusMsgType.DATA);
    expect(status!.attrs).toContainEqual({ id: 'status', value: UbusStatus.INVALID_ARGUMENT });
    expect(server.log.has(/arguments are not valid blobmsg/)).toBe(true);
  });

  it('answers deferred replies as they complete, out of order', async () => {
    const order: number[] = [];
    const slow = caller.ubus.call('demo', 'slow', { ms: 150 }).then((r) => { order.push(150); return r; });
    const fast = caller.ubus.call('demo', 'slow', { ms: 10 }).then((r) => { order.push(10); return r; });
    expect(await Promise.all([slow, fast])).toEqual([{ waited: 150 }, { waited: 10 }]);
    expect(order).toEqual([10, 150]);
  });
});

describe('UbusClient events and notifications', () => {
  it('delivers events to handlers whose pattern matches, until stopped', async () => {
    const { ubus: listener } = await bus.client();
    const { ubus: sender } = await bus.client();
    const got: Array<[string, unknown]> = [];
    const stop = await listener.onEvent('wifid.*', (type, data) => { got.push([type, data]); });
    await listener.onEvent('exact.one', (type, data) => { got.push([type, data]); });
    await sender.sendEvent('wifid.ap.client', { mac: 'aa:bb:cc:dd:ee:ff', n: 1 });
    await sender.sendEvent('other.x', {});
    await sender.sendEvent('exact.one', { ok: true });
    await sender.sendEvent('exact.one.more', {});
    await waitFor(() => got.length >= 2, SETTLE_MS);
    expect(got).toEqual([['wifid.ap.client', { mac: 'aa:bb:cc:dd:ee:ff', n: 1 }], ['exact.one', { ok: true }]]);
    await stop();
    await sender.sendEvent('wifid.ap.client', {});
    await new Promise((r) => setTimeout(r, 50));
    expect(got.length).toBe(2);
  });

  it('refuses to send events in the reserved ubus. namespace', async () => {
    const { ubus } = await bus.client();
    expect((await callError(ubus.sendEvent('ubus.object.add', {}))).status).toBe(UbusStatus.PERMISSION_DENIED);
  });

  it('notifies subscribers and tracks how many there are', async () => {
    const { ubus: ap } = await bus.client();
    const changes: boolean[] = [];
    await ap.addObject('wifid.ap', {}, { onSubscribersChanged: (active) => changes.push(active) });
    expect(await ap.notify('wifid.ap', 'assoc', { mac: 'x' })).toBe(0);
    const subs = [await bus.client(), await bus.client()];
    const seen: Array<[string, unknown]> = [];
    const stops = [];
    for (const s of subs) stops.push(await s.ubus.subscribe('wifid.ap', (type, data) => { seen.push([type, data]); }));
    await waitFor(() => changes.length === 1, SETTLE_MS);
    expect(changes).toEqual([true]);
    expect(ap.subscriberCount('wifid.ap')).toBe(1);
    expect(await ap.notify('wifid.ap', 'assoc', { mac: 'aa:bb:cc:dd:ee:01' })).toBe(2);
    expect(ap.subscriberCount('wifid.ap')).toBe(2);
    await waitFor(() => seen.length === 2, SETTLE_MS);
    expect(seen).toEqual([['assoc', { mac: 'aa:bb:cc:dd:ee:01' }], ['assoc', { mac: 'aa:bb:cc:dd:ee:01' }]]);
    for (const stop of stops) await stop();
    await waitFor(() => changes.length === 2, SETTLE_MS);
    expect(changes).toEqual([true, false]);
    expect(ap.subscriberCount('wifid.ap')).toBe(0);
  });
});

describe('UbusClient resilience', () => {
  // How fast it is back is a figure of bench/ubus, not an assertion here: it moves with
  // the machine's load. The waits below are hang guards.
  it('reconnects after a broker restart with objects and event handlers registered again', async () => {
    const { ubus: server, log } = await bus.client({ reconnectDelayMs: 50 });
    await server.addObject('demo', demo);
    const events: string[] = [];
    await server.onEvent('wifid.*', (type) => { events.push(type); });
    const oldId = server.objectId('demo');

    await bus.restartBroker();
    const caller = await bus.client();
    const back = await waitFor(async () => (await caller.ubus.lookup().catch(() => [])).some((o) => o.path === 'demo'), SETTLE_MS);
    expect(back, 'objects back after the restart').toBe(true);
    expect(server.objectId('demo')).not.toBe(oldId);
    expect(await caller.ubus.call('demo', 'hello', { id: 9 })).toEqual({ message: 'got - #9' });
    await waitFor(() => server.isConnected && log.has(/reconnected to ubusd, 2 registrations restored/), SETTLE_MS);
    await caller.ubus.sendEvent('wifid.back', {});
    await waitFor(() => events.length > 0, SETTLE_MS);
    expect(events).toEqual(['wifid.back']);
  });

  it('fails requests while ubusd is away instead of hanging', async () => {
    const { ubus } = await bus.client({ reconnect: false });
    await bus.broker.stop();
    await waitFor(() => !ubus.isConnected, SETTLE_MS);
    expect((await callError(ubus.call('demo', 'hello'))).status).toBe(UbusStatus.CONNECTION_FAILED);
  });

  it('refuses a message over UBUS_MAX_MSGLEN with a clear error and stays usable', async () => {
    const { ubus } = await bus.client();
    await ubus.addObject('demo', demo);
    const err = await callError(ubus.sendEvent('wifid.big', { blob: 'x'.repeat(UBUS_MAX_MSGLEN) }));
    expect(err.status).toBe(UbusStatus.INVALID_ARGUMENT);
    expect(err.message).toMatch(/exceeds UBUS_MAX_MSGLEN/);
    expect(await ubus.call('demo', 'hello', { id: 4 })).toEqual({ message: 'got - #4' });
  });

  it('lives through garbage from the socket: logs it, drops the connection and reconnects', async () => {
    const { createServer } = await import('node:net');
    const { join } = await import('node:path');
    const { encodeUbusMessage } = await import('../../core/ubus/message');
    const path = join(bus.dir, 'evil.sock');
    let connections = 0;
    const open = new Set<import('node:net').Socket>();
    const evil = createServer((s) => {
      connections++;
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => {});
      s.resume(); // read, so the client's close is seen
      s.write(encodeUbusMessage({ version: 0, type: UbusMsgType.HELLO, seq: 0, peer: 0x1234, attrs: [] }));
      // An undecodable message, an unsolicited INVOKE for no object, then a length over the limit.
      s.write(Uint8Array.from([0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 8, 0x03, 0, 0, 3]));
      s.write(encodeUbusMessage({ version: 0, type: UbusMsgType.INVOKE, seq: 9, peer: 1, attrs: [{ id: 'objid', value: 77777 }, { id: 'method', value: 'x' }] }));
      s.write(Uint8Array.from([0, 2, 0, 2, 0, 0, 0, 0, 0, 0x7f, 0xff, 0xff]));
    });
    await new Promise<void>((r) => evil.listen(path, () => r()));
    const { UbusClient } = await import('../../core/ubus/client');
    const { StderrLogger } = await import('../../core/log');
    const { LineSink } = await import('./helpers');
    const sink = new LineSink();
    const client = new UbusClient(path, new StderrLogger('debug', 't', sink), { reconnectDelayMs: 20 });
    await client.connect();
    expect(await waitFor(() => connections >= 2, SETTLE_MS)).toBe(true);
    await client.close();
    // Every connection the client opened is closed by the client (none left behind).
    expect(await waitFor(() => open.size === 0, SETTLE_MS)).toBe(true);
    await new Promise<void>((r) => evil.close(() => r()));
    expect(sink.has(/undecodable message from ubusd ignored/)).toBe(true);
    expect(sink.has(/invoke of unknown object id/)).toBe(true);
    expect(sink.has(/over UBUS_MAX_MSGLEN .*dropping the connection/)).toBe(true);
  });

  it('answers PING', async () => {
    const { ubus } = await bus.client();
    expect(await ubus.ping()).toBeGreaterThanOrEqual(0);
  });
});

describe('broker cleanup', () => {
  it('removes a disconnected client\'s objects and announces it as ubus.object.remove', async () => {
    const { ubus: watcher } = await bus.client();
    const seen: Array<[string, unknown]> = [];
    await watcher.onEvent('ubus.object.*', (type, data) => { seen.push([type, (data as { path: string }).path]); });
    const { ubus: gone } = await bus.client();
    await gone.addObject('wifid.tmp', {});
    expect((await watcher.lookup()).map((o) => o.path)).toContain('wifid.tmp');
    await gone.close();
    await waitFor(() => seen.length === 2, SETTLE_MS);
    expect(seen).toEqual([['ubus.object.add', 'wifid.tmp'], ['ubus.object.remove', 'wifid.tmp']]);
    expect((await watcher.lookup().catch(() => [])).map((o) => o.path)).not.toContain('wifid.tmp');
  });
});
