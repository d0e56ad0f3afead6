// decodeBlobmsgJsAt (a call's reply read straight to JS values) against the field-tree
// path it replaces, blobmsgFieldsToJs(decodeBlobmsgFields(bytes)): the same values for
// every kind of field and the same BlobDecodeError (message included) on bad bytes.
import { describe, expect, it } from 'vitest';
import { BlobDecodeError } from '../../core/ubus/blob';
import { blobmsgFieldsToJs, decodeBlobmsgFields, encodeBlobmsg, encodeBlobmsgFields, typed, type BlobmsgJs } from '../../core/ubus/blobmsg';
import { decodeBlobmsgJsAt } from '../../core/ubus/blobmsg-js-reader';
import { mulberry32 } from '../helpers/prng.js';

type Outcome = { value: unknown } | { error: string };

function outcome(f: () => unknown): Outcome {
  try {
    return { value: f() };
  } catch (err) {
    if (!(err instanceof BlobDecodeError)) throw err;
    return { error: err.message };
  }
}
const direct = (b: Uint8Array): Outcome => outcome(() => decodeBlobmsgJsAt(Buffer.from(b), 0, b.length));
const viaTree = (b: Uint8Array): Outcome => outcome(() => blobmsgFieldsToJs(decodeBlobmsgFields(b)));

const ITERATIONS = 20_000;

describe('decodeBlobmsgJsAt', () => {
  it('reads what the field tree reads for every kind of value', () => {
    const obj: Record<string, BlobmsgJs> = {
      s: 'wifid', empty: '', utf8: 'Café 📶', long: 'x'.repeat(200), t: true, f: false,
      i: 7, neg: -2147483648, big: 2 ** 40, huge: 2 ** 60, dbl: 1.5, nan: NaN,
      bi: 123n, nul: null, bytes: new Uint8Array([1, 2, 3]),
      arr: [1, 'a', null, [true], { k: 1 }], tbl: { a: { b: { c: 'd' } } },
      i8: typed.int8(3), i16: typed.int16(-4), i32: typed.int32(5), d: typed.double(2),
      max: typed.int64(2n ** 53n - 1n), min: typed.int64(-(2n ** 53n) + 1n),
      over: typed.int64(2n ** 53n), under: typed.int64(-(2n ** 53n)), top: typed.int64(2n ** 63n - 1n), bottom: typed.int64(-(2n ** 63n)),
    };
    const bytes = encodeBlobmsg(obj);
    expect(direct(bytes)).toEqual(viaTree(bytes));
    // Later duplicates of a name win, in both.
    const dup = encodeBlobmsgFields([{ name: 'a', type: 'int32', value: 1 }, { name: 'a', type: 'string', value: 'two' }]);
    expect(direct(dup)).toEqual({ value: Object.assign(Object.create(null), { a: 'two' }) });
    expect(direct(dup)).toEqual(viaTree(dup));
  });

  it(`reads or refuses as the field tree does ${ITERATIONS} mutated tables (seed 0x4ead)`, () => {
    const rnd = mulberry32(0x4ead);
    const int = (n: number) => Math.floor(rnd() * n);
    const name = () => ['', 'a', 'phy', 'config_problems', 'ü', 'x'.repeat(int(80))][int(6)]!;
    const value = (depth: number): BlobmsgJs => {
      switch (int(depth > 3 ? 8 : 10)) {
        case 0: return name();
        case 1: return rnd() < 0.5;
        case 2: return int(2 ** 31) * (rnd() < 0.5 ? -1 : 1);
        case 3: return (rnd() - 0.5) * 2 ** int(70);
        case 4: return BigInt(int(2 ** 31)) * BigInt(int(2 ** 31)) * (rnd() < 0.5 ? -1n : 1n);
        case 5: return null;
        case 6: return Uint8Array.from({ length: int(9) }, () => int(256));
        case 7: return typed.int16(int(60000) - 30000);
        case 8: return Array.from({ length: int(5) }, () => value(depth + 1));
        default: return Object.fromEntries(Array.from({ length: int(5) }, () => [name(), value(depth + 1)]));
      }
    };
    let refused = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      let bytes = Uint8Array.from(encodeBlobmsg(Object.fromEntries(Array.from({ length: 1 + int(5) }, () => [name(), value(0)])) as Record<string, BlobmsgJs>));
      // Half of them mutated: a byte changed, a bit flipped or the end cut off.
      if (i % 2 === 1 && bytes.length) {
        const at = int(bytes.length);
        const kind = int(3);
        if (kind === 0) bytes[at] = int(256);
        else if (kind === 1) bytes[at]! ^= 1 << int(8);
        else bytes = bytes.subarray(0, at);
      }
      const got = direct(bytes);
      if ('error' in got) refused++;
      expect(got, `iteration ${i}: ${Buffer.from(bytes).toString('hex')}`).toEqual(viaTree(bytes));
    }
    expect(refused).toBeGreaterThan(ITERATIONS / 10);
  }, 60_000);
});
