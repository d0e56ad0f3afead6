// writeBlobmsgJsFields (replies encoded straight from a handler's object) against the
// field-tree path it replaces, encodeBlobmsgFields(jsToBlobmsgFields(obj)): the same bytes
// for every kind of value, and the same refusals.
import { describe, expect, it } from 'vitest';
import { BlobWriter } from '../../core/ubus/blob';
import { encodeBlobmsgFields, jsToBlobmsgFields, typed, writeBlobmsgJsFields, type BlobmsgJs } from '../../core/ubus/blobmsg';
import { mulberry32 } from '../helpers/prng.js';

function direct(obj: Record<string, BlobmsgJs>): Uint8Array {
  const w = new BlobWriter();
  writeBlobmsgJsFields(w, obj);
  return w.result();
}
const viaTree = (obj: Record<string, BlobmsgJs>): Uint8Array => encodeBlobmsgFields(jsToBlobmsgFields(obj));

const ITERATIONS = 2000;

describe('writeBlobmsgJsFields', () => {
  it('writes what the field tree writes for every kind of value', () => {
    const obj: Record<string, BlobmsgJs> = {
      s: 'wifid', empty: '', utf8: 'Café 📶', long: 'x'.repeat(200), t: true, f: false,
      i: 7, neg: -2147483648, big: 2 ** 40, huge: 2 ** 60, dbl: 1.5, negzero: -0, nan: NaN,
      bi: 123n, nul: null, undef: undefined, bytes: new Uint8Array([1, 2, 3]),
      arr: [1, 'a', undefined, null, [true], { k: 1 }], tbl: { a: { b: { c: 'd' } } },
      i8: typed.int8(3), i16: typed.int16(-4), i32: typed.int32(5), i64: typed.int64(6), d: typed.double(2),
    };
    expect(Buffer.from(direct(obj))).toEqual(Buffer.from(viaTree(obj)));
  });

  it(`writes what the field tree writes for ${ITERATIONS} random objects (seed 0xb10b)`, () => {
    const rnd = mulberry32(0xb10b);
    const int = (n: number) => Math.floor(rnd() * n);
    const name = () => ['', 'a', 'phy', 'config_problems', 'ü', 'x'.repeat(int(80))][int(6)]!;
    const value = (depth: number): BlobmsgJs => {
      switch (int(depth > 3 ? 8 : 10)) {
        case 0: return name();
        case 1: return rnd() < 0.5;
        case 2: return int(2 ** 31) * (rnd() < 0.5 ? -1 : 1);
        case 3: return (rnd() - 0.5) * 2 ** (int(70));
        case 4: return BigInt(int(2 ** 31)) * 1000003n;
        case 5: return rnd() < 0.5 ? null : undefined;
        case 6: return Uint8Array.from({ length: int(9) }, () => int(256));
        case 7: return typed.int16(int(60000) - 30000);
        case 8: return Array.from({ length: int(5) }, () => value(depth + 1));
        default: return Object.fromEntries(Array.from({ length: int(5) }, () => [name(), value(depth + 1)]));
      }
    };
    for (let i = 0; i < ITERATIONS; i++) {
      const obj = Object.fromEntries(Array.from({ length: int(6) }, () => [name(), value(0)])) as Record<string, BlobmsgJs>;
      expect(Buffer.from(direct(obj))).toEqual(Buffer.from(viaTree(obj)));
    }
  });

  it('refuses what the field tree refuses', () => {
    expect(() => direct({ fn: (() => 1) as unknown as BlobmsgJs })).toThrow(TypeError);
    expect(() => viaTree({ fn: (() => 1) as unknown as BlobmsgJs })).toThrow(TypeError);
    expect(() => direct({ ['n'.repeat(70000)]: 1 })).toThrow(RangeError);
    expect(() => viaTree({ ['n'.repeat(70000)]: 1 })).toThrow(RangeError);
  });
});

describe('BlobWriter.result', () => {
  it('hands its bytes over and starts again empty, the bytes handed over untouched by what follows', () => {
    const w = new BlobWriter(4);
    w.utf8('first');
    const first = w.result();
    w.utf8('second, longer than the first buffer');
    expect(Buffer.from(first).toString()).toBe('first');
    expect(Buffer.from(w.result()).toString()).toBe('second, longer than the first buffer');
  });
});
