// Replies that are the same from call to call are encoded once. A handler whose reply
// seldom changes (the core's `status`: the same until a plugin, a radio or the
// configuration changes, or the uptime's second turns) passes each fresh reply through a
// memo, which hands back its own frozen copy while nothing in it changed; the
// message encoder keeps the bytes of such a reply and copies them in again
// (keepEncoding in blobmsg.ts).
import { BlobmsgTyped, keepEncoding, type BlobmsgJs } from './blobmsg';
import type { UbusReply } from './method-call';

/** Equal as blobmsg would encode them: same keys in the same order, same values and types. */
export function sameBlobmsgJs(a: BlobmsgJs, b: BlobmsgJs): boolean {
  if (a === b) return typeof a !== 'number' || !Object.is(a, -0) === !Object.is(b, -0);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (a instanceof BlobmsgTyped || b instanceof BlobmsgTyped) {
    return a instanceof BlobmsgTyped && b instanceof BlobmsgTyped && a.type === b.type && sameBlobmsgJs(a.value as BlobmsgJs, b.value as BlobmsgJs);
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as BlobmsgJs[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameBlobmsgJs(a[i], bb[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ob = b as Record<string, BlobmsgJs>;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !sameBlobmsgJs((a as Record<string, BlobmsgJs>)[ka[i]!], ob[kb[i]!])) return false;
  }
  return true;
}

/**
 * What frozenCopy gives for a reply it cannot copy: one holding bytes (they cannot be
 * frozen) or a key `__proto__` (a plain object's copy would not hold it). Never kept.
 */
const UNKEPT = Symbol('unkept');

/**
 * A copy of a reply, frozen all the way down: the memo's own, so that nothing the handler
 * shares with the daemon's state (a list it keeps) is frozen, or changes the kept reply.
 */
function frozenCopy(v: BlobmsgJs): BlobmsgJs | typeof UNKEPT {
  if (typeof v !== 'object' || v === null || v instanceof BlobmsgTyped) return v;
  if (v instanceof Uint8Array) return UNKEPT;
  if (Array.isArray(v)) {
    const out: BlobmsgJs[] = [];
    for (const x of v) {
      const c = frozenCopy(x);
      if (c === UNKEPT) return c;
      out.push(c);
    }
    return Object.freeze(out) as BlobmsgJs[];
  }
  const out: Record<string, BlobmsgJs> = {};
  for (const k of Object.keys(v)) {
    if (k === '__proto__') return UNKEPT;
    const c = frozenCopy(v[k]);
    if (c === UNKEPT) return c;
    out[k] = c;
  }
  return Object.freeze(out) as Record<string, BlobmsgJs>;
}

/**
 * A memo for one method's replies: give it each fresh reply; it returns its kept copy
 * (whose encoding is reused) while the fresh one is the same, else keeps a frozen copy of
 * the fresh one and returns that. The comparison costs a fraction of encoding a reply.
 */
export function replyMemo(): (fresh: UbusReply) => UbusReply {
  let last: UbusReply | undefined;
  return (fresh) => {
    if (last !== undefined && sameBlobmsgJs(last, fresh)) return last;
    const copy = frozenCopy(fresh);
    last = copy === UNKEPT ? undefined : copy as UbusReply;
    if (last === undefined) return fresh;
    keepEncoding(last);
    return last;
  };
}
