// ubus-ts on the socket, against what libubus clients sent in the real captures
// (test/ubus/vectors): a fake ubusd plays the captured ubusd side of a connection byte for
// byte and checks that each message our client sends is byte for byte the captured one.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StderrLogger } from '../../core/log';
import { UbusClient } from '../../core/ubus/client';
import { UbusFrameReader } from '../../core/ubus/framing';
import { UbusError, UbusStatus } from '../../core/ubus/protocol';
import { loadCaptures, type CapturedMessage } from './vectors';
import { LineSink } from './helpers';

const captures = loadCaptures();
const conn = (n: number) => captures.filter((c) => c.conn === n);

interface Played { done: Promise<void>; server: Server; socketPath: string; dir: string }

/** A fake ubusd for one connection that follows `script` and checks the client's bytes. */
function play(script: CapturedMessage[]): Promise<Played> {
  const dir = mkdtempSync(join(tmpdir(), 'ubus-wire-'));
  const socketPath = join(dir, 'ubus.sock');
  let finish!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<void>((res, rej) => { finish = res; fail = rej; });
  const server = createServer((s) => {
    const reader = new UbusFrameReader();
    let i = 0;
    const advance = () => {
      while (i < script.length && script[i]!.dir === 'ubusd->client') s.write(script[i++]!.bytes);
      if (i === script.length) finish();
    };
    s.on('data', (chunk) => {
      for (const frame of reader.push(chunk)) {
        const want = script[i];
        const got = Buffer.from(frame).toString('hex');
        if (!want || want.dir !== 'client->ubusd') { fail(new Error(`unexpected message from the client: ${got}`)); return; }
        if (got !== want.hex) { fail(new Error(`message ${i} (${want.scenario}) differs:\n  libubus ${want.hex}\n  ours    ${got}`)); return; }
        i++;
        advance();
      }
    });
    s.on('error', () => {});
    advance();
  });
  return new Promise((resolve) => server.listen(socketPath, () => resolve({ done, server, socketPath, dir })));
}

let played: Played | undefined;
let client: UbusClient | undefined;
afterEach(async () => {
  await client?.close();
  if (played) {
    await new Promise<void>((r) => played!.server.close(() => r()));
    rmSync(played.dir, { recursive: true, force: true });
  }
  client = undefined;
  played = undefined;
});

async function connectTo(script: CapturedMessage[]): Promise<UbusClient> {
  played = await play(script);
  client = new UbusClient(played.socketPath, new StderrLogger('debug', 'wire', new LineSink()), { reconnect: false });
  await client.connect();
  return client;
}

describe('ubus-ts sends what libubus sends', () => {
  it('call: LOOKUP then INVOKE as `ubus call test hello {"id":1,"msg":"hi"}`', async () => {
    const ubus = await connectTo(conn(3));
    expect(await ubus.call('test', 'hello', { id: 1, msg: 'hi' })).toEqual({ message: 'test received a message: hi' });
    await played!.done;
  });

  it('call of an unknown method and of an unknown object', async () => {
    const ubus = await connectTo(conn(5));
    const err = await ubus.call('test', 'nosuch').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UbusError);
    expect((err as UbusError).status).toBe(UbusStatus.METHOD_NOT_FOUND);
    await played!.done;
    await client!.close();
    await new Promise<void>((r) => played!.server.close(() => r()));
    const ubus2 = await connectTo(conn(6));
    expect(((await ubus2.call('nosuch', 'foo').catch((e: unknown) => e)) as UbusError).status).toBe(UbusStatus.NOT_FOUND);
    await played!.done;
  });

  it('listen: an anonymous object, the pattern registration, and the answer to an event', async () => {
    const ubus = await connectTo(conn(8));
    const seen: Array<[string, unknown]> = [];
    await ubus.onEvent('wifid.*', (type, data) => { seen.push([type, data]); });
    await played!.done;
    expect(seen).toEqual([['wifid.types', { i: 1, big: 5000000000, neg: -7, d: 1.5, b: true, s: 'x', a: [1, 'y', []], t: { n: {} } }]]);
  });

  it('send: the event with every blobmsg type as `ubus send` encodes it', async () => {
    const ubus = await connectTo(conn(9));
    await ubus.sendEvent('wifid.types', { i: 1, big: 5000000000, neg: -7, d: 1.5, b: true, s: 'x', a: [1, 'y', []], t: { n: {} } });
    await played!.done;
  });

  it('subscribe: an anonymous subscriber object, then the lookup of its target (here absent)', async () => {
    const ubus = await connectTo(conn(11));
    const err = await ubus.subscribe('test_client', () => {}).catch((e: unknown) => e);
    expect((err as UbusError).status).toBe(UbusStatus.NOT_FOUND);
    await played!.done;
  });

  it('an object: ADD_OBJECT with the signature, then replies to invokes (immediate and deferred)', async () => {
    // The example server's connection without what it does that wifid does differently on
    // purpose or not at all: its subscriber object (4-6), the handler run with
    // wrong-typed arguments (10-12, wifid refuses them), the status-only METHOD_NOT_FOUND
    // (13-14, wifid adds an {"error"} reply), and the subscribe/notify tail.
    const c1 = conn(1);
    const script = [0, 1, 2, 3, 7, 8, 9, 15, 16, 17].map((i) => c1[i]!);
    expect(script.map((m) => m.hex.slice(2, 4))).toEqual(['00', '06', '02', '01', '05', '02', '01', '05', '02', '01']);
    const ubus = await connectTo(script);
    await ubus.addObject('test', {
      hello: {
        policy: { id: { type: 'int32' }, msg: { type: 'string' } },
        handler: (args) => ({ message: `test received a message: ${args.msg}` }),
      },
      watch: { policy: { id: { type: 'int32' }, counter: { type: 'int32' } }, handler: () => {} },
      count: {
        policy: { to: { type: 'int32' }, string: { type: 'string' } },
        handler: async () => { await new Promise((r) => setTimeout(r, 20)); return { rc: 49 }; },
      },
    });
    await played!.done;
  });
});
