import { describe, expect, it } from 'vitest';
import { BlobDecodeError } from '../../core/ubus/blob';
import {
  decodeBlobmsg, decodeBlobmsgFields, encodeBlobmsg, encodeBlobmsgFields, typed, type BlobmsgField,
} from '../../core/ubus/blobmsg';
import { formatBlobmsgElementJson, formatBlobmsgJson, parseJsonToBlobmsg, JsonParseError } from '../../core/ubus/blobmsg-json';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('blobmsg codec', () => {
  it('encodes a named string as libubox does (call_hello capture: "msg":"hi")', () => {
    // From test/ubus/vectors (call_hello INVOKE): 83 00000f 0003 "msg\0" "hi\0" + pad.
    expect(hex(encodeBlobmsg({ msg: 'hi' }))).toBe('8300000f00036d736700000068690000');
  });

  it('encodes an int32 field as in the captured signature ("id": BLOBMSG_TYPE_INT32)', () => {
    expect(hex(encodeBlobmsgFields([{ name: 'id', type: 'int32', value: 5 }]))).toBe('85000010000269640000000000000005');
  });

  it('round-trips every type, nesting and empty containers', () => {
    const fields: BlobmsgField[] = [
      { name: 't', type: 'table', value: [{ name: 'inner', type: 'table', value: [] }] },
      { name: 'a', type: 'array', value: [{ name: '', type: 'int32', value: -1 }, { name: '', type: 'array', value: [] }] },
      { name: 's', type: 'string', value: 'héllo' },
      { name: 'e', type: 'string', value: '' },
      { name: 'i8', type: 'int8', value: 255 },
      { name: 'i16', type: 'int16', value: -12345 },
      { name: 'i32', type: 'int32', value: -2147483648 },
      { name: 'i64', type: 'int64', value: -9223372036854775808n },
      { name: 'd', type: 'double', value: -0.125 },
      { name: 'u', type: 'unspec', value: new Uint8Array([1, 2, 3]) },
      { name: 'long-name-that-needs-padding', type: 'int8', value: 0 },
    ];
    const bytes = encodeBlobmsgFields(fields);
    expect(bytes.length % 4).toBe(0);
    expect(decodeBlobmsgFields(bytes)).toEqual(fields);
    expect(hex(encodeBlobmsgFields(decodeBlobmsgFields(bytes)))).toBe(hex(bytes));
  });

  it('infers types from JS values as blobmsg_add_json_element does', () => {
    const out = decodeBlobmsgFields(encodeBlobmsg({ i: 1, big: 5_000_000_000, d: 1.5, b: true, n: null, x: undefined, t: typed.int16(3) }));
    expect(out.map((f) => [f.name, f.type])).toEqual([['i', 'int32'], ['big', 'int64'], ['d', 'double'], ['b', 'int8'], ['n', 'unspec'], ['t', 'int16']]);
    expect(decodeBlobmsg(encodeBlobmsg({ a: [1, 'y', []], t: { n: {} } }))).toEqual({ a: [1, 'y', []], t: { n: {} } });
  });

  it('rejects malformed fields with a typed error', () => {
    const good = encodeBlobmsg({ msg: 'hi' });
    const noNul = good.slice(); noNul[15 - 1] = 0x41; // last string byte no longer NUL
    const bad = [
      good.subarray(0, 3),                               // truncated header
      Uint8Array.from([0x83, 0, 0, 0x20, ...good.subarray(4)]), // length past the buffer
      Uint8Array.from([0x03, ...good.subarray(1)]),       // extended bit missing
      Uint8Array.from([0x89, ...good.subarray(1)]),       // unknown type 9
      Uint8Array.from([0x85, 0, 0, 0x0a, 0, 2, 0x69, 0x64, 0, 0, 0, 0]), // int32 of 2 bytes
      noNul,
    ];
    for (const b of bad) expect(() => decodeBlobmsgFields(b)).toThrow(BlobDecodeError);
  });
});

describe('blobmsg JSON as blobmsg_json.c', () => {
  const fields = parseJsonToBlobmsg('{"id":1,"msg":"hi","big":5000000000,"d":1.5,"b":true,"a":[1,"y",[]],"t":{"n":{}},"z":null}');

  it('parses ints to int32 or int64, reals to double, as libubox with json-c', () => {
    expect(fields.map((f) => f.type)).toEqual(['int32', 'string', 'int64', 'double', 'int8', 'array', 'table', 'unspec']);
    expect(() => parseJsonToBlobmsg('[1]')).toThrow(JsonParseError);
    expect(() => parseJsonToBlobmsg('{"a":}')).toThrow(JsonParseError);
  });

  it('prints the tab-indented form of `ubus call`', () => {
    expect(formatBlobmsgJson(parseJsonToBlobmsg('{"id":1,"msg":"hi"}'), { indent: 0 })).toBe('{\n\t"id": 1,\n\t"msg": "hi"\n}');
    expect(formatBlobmsgJson(parseJsonToBlobmsg('{"a":[1,{"b":true}]}'), { indent: 0 }))
      .toBe('{\n\t"a": [\n\t\t1,\n\t\t{\n\t\t\t"b": true\n\t\t}\n\t]\n}');
  });

  it('prints the compact form of `ubus listen`, doubles with %lf', () => {
    expect(formatBlobmsgJson(fields)).toBe('{"id":1,"msg":"hi","big":5000000000,"d":1.500000,"b":true,"a":[1,"y",[]],"t":{"n":{}},"z":null}');
    expect(formatBlobmsgJson(parseJsonToBlobmsg('{"s":"a\\"b\\n\\u0001"}'))).toBe('{"s":"a\\"b\\n\\u0001"}');
  });

  it('prints a signature line of `ubus -v list` with type names', () => {
    const method: BlobmsgField = { name: 'hello', type: 'table', value: [{ name: 'id', type: 'int32', value: 5 }, { name: 'msg', type: 'int32', value: 3 }] };
    const names: Record<number, string> = { 7: '"Boolean"', 5: '"Integer"', 3: '"String"', 1: '"Array"', 2: '"Table"' };
    const fmt = (f: BlobmsgField) => (f.type === 'int32' ? names[f.value] ?? '"(unknown)"' : undefined);
    expect(formatBlobmsgElementJson(method, fmt)).toBe('"hello":{"id":"Integer","msg":"String"}');
  });
});
