// Replays the client side of every captured scenario (test/ubus/vectors) against the test
// broker and checks that it answers what the real ubusd answered, message for message,
// with ids (random in ubusd) mapped one-to-one between capture and replay.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobmsgField } from '../../core/ubus/blobmsg';
import { decodeUbusMessage, type UbusAttr, type UbusMessage } from '../../core/ubus/message';
import { UBUS_SYSTEM_OBJECT_MAX } from '../../core/ubus/protocol';
import { UbusBroker } from '../ubusd/broker';
import { RawConn } from './raw-conn';
import { loadCaptures, type CapturedMessage } from './vectors';

class IdMap {
  private readonly fwd = new Map<number, number>();
  private readonly back = new Map<number, number>();

  /** Checks `actual` against the captured id, learning the pair the first time. */
  match(captured: number, actual: number, where: string): void {
    if (captured < UBUS_SYSTEM_OBJECT_MAX) {
      expect(actual, where).toBe(captured);
      return;
    }
    const known = this.fwd.get(captured);
    if (known !== undefined) {
      expect(actual >>> 0, where).toBe(known);
      return;
    }
    expect(this.back.has(actual >>> 0), `${where}: replay id ${actual} already stands for another captured id`).toBe(false);
    this.fwd.set(captured, actual >>> 0);
    this.back.set(actual >>> 0, captured);
  }

  map(captured: number, where: string): number {
    if (captured < UBUS_SYSTEM_OBJECT_MAX) return captured;
    const v = this.fwd.get(captured);
    if (v === undefined) throw new Error(`${where}: captured id ${captured.toString(16)} not seen yet`);
    return v;
  }
}

// Object ids travel inside blobmsg data as int32 fields named "id" (ubus.object.add,
// the example client's watch call) or "object" (event registration).
const isId = (f: BlobmsgField) => f.type === 'int32' && (f.name === 'id' || f.name === 'object') && f.value >>> 0 >= UBUS_SYSTEM_OBJECT_MAX;

function matchFields(ids: IdMap, exp: BlobmsgField[], act: BlobmsgField[], where: string): void {
  expect(act.map((f) => `${f.name}:${f.type}`), where).toEqual(exp.map((f) => `${f.name}:${f.type}`));
  exp.forEach((e, i) => {
    const a = act[i]!;
    const w = `${where}.${e.name || i}`;
    if (e.type === 'table' || e.type === 'array') matchFields(ids, e.value, a.value as BlobmsgField[], w);
    else if (e.type === 'int32' && isId(e)) ids.match(e.value >>> 0, a.value as number, w);
    else expect(a.value, w).toEqual(e.value);
  });
}

function mapFields(ids: IdMap, fields: BlobmsgField[], where: string): BlobmsgField[] {
  return fields.map((f) => {
    if (f.type === 'table' || f.type === 'array') return { ...f, value: mapFields(ids, f.value, where) };
    if (f.type === 'int32' && isId(f)) return { ...f, value: ids.map(f.value >>> 0, where) | 0 };
    return f;
  });
}

function matchMessage(ids: IdMap, exp: UbusMessage, act: UbusMessage, where: string): void {
  expect({ type: act.type, seq: act.seq, version: act.version }, where).toEqual({ type: exp.type, seq: exp.seq, version: exp.version });
  ids.match(exp.peer, act.peer, `${where} peer`);
  expect(act.attrs.map((a) => a.id), where).toEqual(exp.attrs.map((a) => a.id));
  exp.attrs.forEach((e, i) => {
    const a = act.attrs[i]! as UbusAttr & { value: unknown };
    const w = `${where} ${e.id}`;
    switch (e.id) {
      case 'objid': case 'objtype': case 'target': ids.match(e.value, a.value as number, w); break;
      case 'subscribers': e.value.forEach((id, j) => ids.match(id, (a.value as number[])[j]!, w)); break;
      case 'data': case 'signature': matchFields(ids, e.value, a.value as BlobmsgField[], w); break;
      case 'raw': expect(a, w).toEqual(e); break;
      default: expect(a.value, w).toEqual(e.value);
    }
  });
}

function mapMessage(ids: IdMap, msg: UbusMessage, where: string): UbusMessage {
  return {
    ...msg,
    peer: ids.map(msg.peer, `${where} peer`),
    attrs: msg.attrs.map((a): UbusAttr => {
      switch (a.id) {
        case 'objid': case 'objtype': case 'target': return { ...a, value: ids.map(a.value, where) };
        case 'data': case 'signature': return { ...a, value: mapFields(ids, a.value, where) };
        default: return a;
      }
    }),
  };
}

/** Scenarios with 60 messages were cut short by the recorder (see the vectors README). */
function replayable(captures: CapturedMessage[]): { lines: CapturedMessage[]; cutConns: Set<number> } {
  const count = new Map<string, number>();
  for (const c of captures) count.set(c.scenario, (count.get(c.scenario) ?? 0) + 1);
  const truncated = new Set([...count].filter(([, n]) => n >= 60).map(([s]) => s));
  const cutConns = new Set(captures.filter((c) => truncated.has(c.scenario)).map((c) => c.conn));
  let cut = Infinity;
  captures.forEach((c, i) => { if (truncated.has(c.scenario)) cut = i; });
  for (const s of truncated) {
    const last = captures.map((c) => c.scenario).lastIndexOf(s);
    cut = Math.min(cut, last);
  }
  // After the first truncated scenario ends, its connections' later traffic answers
  // messages that were not recorded: leave those connections out from there.
  const lines = captures.filter((c, i) => i <= cut || !cutConns.has(c.conn));
  return { lines, cutConns };
}

describe('test broker replaying the real ubusd captures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ubus-replay-'));
  // The capture was recorded as root; ubusd reports the caller's user and group.
  const broker = new UbusBroker({ socketPath: join(dir, 'ubus.sock'), user: 'root', group: 'root' });
  const conns = new Map<number, RawConn>();

  beforeAll(() => broker.start());
  afterAll(async () => {
    for (const c of conns.values()) c.close();
    await broker.stop();
  });

  it('answers every captured client message as ubusd did', async () => {
    const { lines, cutConns } = replayable(loadCaptures());
    expect(lines.length).toBeGreaterThan(150);
    const ids = new IdMap();
    for (const [i, line] of lines.entries()) {
      const where = `#${i} ${line.scenario} conn ${line.conn} ${line.dir}`;
      let conn = conns.get(line.conn);
      if (!conn) {
        conn = await RawConn.open(broker.socketPath);
        conns.set(line.conn, conn);
      }
      const captured = decodeUbusMessage(line.bytes);
      if (line.dir === 'ubusd->client') {
        const got = await conn.next();
        expect(got, `${where}: no message from the broker`).not.toBeNull();
        matchMessage(ids, captured, got!, where);
      } else {
        conn.send(mapMessage(ids, captured, where));
      }
    }
    await new Promise((r) => setTimeout(r, 100));
    for (const [n, c] of conns) if (!cutConns.has(n)) expect(c.pending(), `conn ${n}: unexpected extra messages`).toEqual([]);
  });
});
