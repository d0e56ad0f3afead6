// The codec against real ubusd traffic (test/ubus/vectors/README.md).
import { describe, expect, it } from 'vitest';
import { decodeUbusMessage, encodeUbusMessage, getAttr } from '../../core/ubus/message';
import { blobmsgFieldsToJs, type BlobmsgField } from '../../core/ubus/blobmsg';
import { UbusMsgType } from '../../core/ubus/protocol';
import { loadCaptures } from './vectors';

const captures = loadCaptures();

describe('ubus codec on the real captures', () => {
  it('has the captured scenarios', () => {
    expect(captures.length).toBe(175);
    expect(new Set(captures.map((c) => c.scenario)).size).toBe(12);
  });

  it('decodes and re-encodes every captured message byte for byte', () => {
    for (const c of captures) {
      const msg = decodeUbusMessage(c.bytes);
      expect(Buffer.from(encodeUbusMessage(msg)).toString('hex'), `${c.scenario} ${c.dir} ${c.hex}`).toBe(c.hex);
    }
  });

  it('reads the HELLO the server sends first, with the client id as peer', () => {
    const hello = decodeUbusMessage(captures[0]!.bytes);
    expect(hello).toEqual({ version: 0, type: UbusMsgType.HELLO, seq: 0, peer: 0x82ed3c26, attrs: [] });
  });

  it('reads the example server signature as a method table of name -> blobmsg type', () => {
    const add = decodeUbusMessage(captures[1]!.bytes);
    expect(add.type).toBe(UbusMsgType.ADD_OBJECT);
    expect(getAttr(add, 'objpath')).toBe('test');
    expect(blobmsgFieldsToJs(getAttr(add, 'signature')!)).toEqual({
      hello: { id: 5, msg: 3 },
      watch: { id: 5, counter: 5 },
      count: { to: 5, string: 3 },
    });
  });

  it('keeps every blobmsg type of the event_send_types capture', () => {
    const send = captures.find((c) => c.scenario === 'event_send_types' && c.dir === 'client->ubusd')!;
    const msg = decodeUbusMessage(send.bytes);
    expect(getAttr(msg, 'method')).toBe('send');
    const data = getAttr(msg, 'data')!;
    const ev = data.find((f) => f.name === 'data') as { value: BlobmsgField[] };
    const types = Object.fromEntries(ev.value.map((f) => [f.name, f.type]));
    expect(types).toEqual({ i: 'int32', big: 'int64', neg: 'int32', d: 'double', b: 'int8', s: 'string', a: 'array', t: 'table' });
    expect(blobmsgFieldsToJs(ev.value)).toEqual({ i: 1, big: 5000000000, neg: -7, d: 1.5, b: true, s: 'x', a: [1, 'y', []], t: { n: {} } });
  });

  it('reads the subscriber list ubusd returns for a notify', () => {
    const st = captures.find((c) => c.scenario === 'notify_client' && c.hex.startsWith('0001') && c.hex.includes('0b0000'))!;
    const msg = decodeUbusMessage(st.bytes);
    expect(getAttr(msg, 'subscribers')).toEqual([0xcde3273c]);
    expect(getAttr(msg, 'status')).toBe(0);
  });
});
