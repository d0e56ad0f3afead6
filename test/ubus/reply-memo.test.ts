// replyMemo: the same reply comes back as the memo's one frozen copy, whose encoding the
// writer keeps; any change gives a new copy and new bytes, and the handler's own objects
// are neither frozen nor able to change what the memo keeps.
import { describe, expect, it } from 'vitest';
import { BlobWriter } from '../../core/ubus/blob';
import { encodeBlobmsg, typed, writeBlobmsgJsFields, type BlobmsgJs } from '../../core/ubus/blobmsg';
import type { UbusReply } from '../../core/ubus/method-call';
import { replyMemo, sameBlobmsgJs } from '../../core/ubus/reply-memo';

function written(obj: Record<string, BlobmsgJs>): Buffer {
  const w = new BlobWriter();
  writeBlobmsgJsFields(w, obj);
  return Buffer.from(w.result());
}

describe('replyMemo', () => {
  it('returns its kept copy while the reply is the same, and encodes it as the fresh reply is encoded', () => {
    const memo = replyMemo();
    const problems = ['wifid:3: bad option'];
    const build = (uptime: number): UbusReply => ({ version: '1', uptime, plugins: [{ name: 'mld-ap', state: 'running' }], config_problems: problems });
    const first = memo(build(1));
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(problems)).toBe(false);
    expect(memo(build(1))).toBe(first);
    expect(written(first)).toEqual(Buffer.from(encodeBlobmsg(build(1))));
    // Written again from the kept bytes: the same.
    expect(written(memo(build(1)))).toEqual(Buffer.from(encodeBlobmsg(build(1))));
    const later = memo(build(2));
    expect(later).not.toBe(first);
    expect(written(later)).toEqual(Buffer.from(encodeBlobmsg(build(2))));
    // The handler's list changes: the kept copy does not, and the next reply differs.
    problems.push('wifid:9: unknown section');
    expect(later.config_problems).toEqual(['wifid:3: bad option']);
    const third = memo(build(2));
    expect(third).not.toBe(later);
    expect(written(third)).toEqual(Buffer.from(encodeBlobmsg(build(2))));
  });

  it('keeps no reply that holds bytes', () => {
    const memo = replyMemo();
    const bytes = new Uint8Array([1, 2]);
    const fresh = { key: bytes };
    expect(memo(fresh)).toBe(fresh);
    expect(memo({ key: bytes })).not.toBe(fresh);
    expect(Object.isFrozen(fresh)).toBe(false);
  });

  it('tells apart what blobmsg encodes differently (and may call different what it encodes alike)', () => {
    const pairs: Array<[BlobmsgJs, BlobmsgJs]> = [
      [0, -0], [1, 1.5], [1, '1'], [true, 1], [1, 1n], [null, undefined], [[1], [1, 2]], [{ a: 1, b: 2 }, { b: 2, a: 1 }],
      [{ a: 1 }, { a: 1, b: undefined }], [typed.int16(1), typed.int32(1)], [typed.int16(1), 1], [[null], [undefined]],
    ];
    for (const [a, b] of pairs) {
      const alike = Buffer.from(encodeBlobmsg({ v: a } as Record<string, BlobmsgJs>)).equals(Buffer.from(encodeBlobmsg({ v: b } as Record<string, BlobmsgJs>)));
      if (!alike) expect(sameBlobmsgJs(a, b), `${JSON.stringify([a, b], (_k, x: unknown) => String(x))}`).toBe(false);
    }
    expect(sameBlobmsgJs(NaN, NaN)).toBe(true);
    expect(sameBlobmsgJs({ a: [1, { b: 'c' }] }, { a: [1, { b: 'c' }] })).toBe(true);
  });
});
