// Netlink attributes (struct nlattr) of the nl80211 spaces, encoded and decoded by the
// generated schema. Pure: bytes in, plain objects out. Integers are host byte order,
// which for every target wifid runs on (x86, arm, aarch64 little-endian) is little-endian.
import { ATTR_SPACES, type AttrDef, type AttrSpaceName, type AttrSpaceValues } from './gen/schema.generated.js';

const NLA_HDRLEN = 4;
const NLA_F_NESTED = 0x8000;
const NLA_F_NET_BYTEORDER = 0x4000;
const NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

export class AttrDecodeError extends Error {
  override name = 'AttrDecodeError';
}
export class AttrEncodeError extends Error {
  override name = 'AttrEncodeError';
}

interface SpaceIndex {
  byId: Map<number, AttrDef>;
  byName: Map<string, AttrDef>;
}
const INDEX = new Map<AttrSpaceName, SpaceIndex>();
function spaceIndex(space: AttrSpaceName): SpaceIndex {
  let idx = INDEX.get(space);
  if (!idx) {
    const defs = ATTR_SPACES[space] as readonly AttrDef[];
    idx = { byId: new Map(defs.map((d) => [d[0], d])), byName: new Map(defs.map((d) => [d[1], d])) };
    INDEX.set(space, idx);
  }
  return idx;
}

/** Looks up an attribute's number by name, for code that peeks at raw messages. */
export function attrId(space: AttrSpaceName, name: string): number {
  const def = spaceIndex(space).byName.get(name);
  if (!def) throw new AttrEncodeError(`${space} has no attribute ${name}`);
  return def[0];
}

const align4 = (n: number) => (n + 3) & ~3;

/** Calls fn for each attribute in bytes; throws on a malformed header or length. */
export function forEachAttr(bytes: Uint8Array, fn: (type: number, value: Uint8Array, nested: boolean) => void): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let off = 0;
  while (off + NLA_HDRLEN <= bytes.length) {
    const len = view.getUint16(off, true);
    const rawType = view.getUint16(off + 2, true);
    if (len < NLA_HDRLEN || off + len > bytes.length) {
      throw new AttrDecodeError(`attribute ${rawType & NLA_TYPE_MASK} at offset ${off}: length ${len} outside ${bytes.length} bytes`);
    }
    fn(rawType & NLA_TYPE_MASK, bytes.subarray(off + NLA_HDRLEN, off + len), (rawType & NLA_F_NESTED) !== 0);
    off += align4(len);
  }
  // Fewer than NLA_HDRLEN bytes left over can only be padding: ignored, as the kernel does.
}

function needLen(name: string, value: Uint8Array, len: number): DataView {
  if (value.length < len) throw new AttrDecodeError(`${name}: ${value.length} bytes, expected ${len}`);
  return new DataView(value.buffer, value.byteOffset, value.byteLength);
}

export function formatMac(b: Uint8Array): string {
  return Array.from(b.subarray(0, 6), (x) => x.toString(16).padStart(2, '0')).join(':');
}

export function parseMac(s: string): Uint8Array {
  const m = /^([0-9a-fA-F]{2})(?::([0-9a-fA-F]{2})){5}$/.test(s) ? s.split(':') : null;
  if (!m) throw new AttrEncodeError(`not a MAC address: ${JSON.stringify(s)}`);
  return Uint8Array.from(m, (x) => parseInt(x, 16));
}

function decodeValue(def: AttrDef, value: Uint8Array, problems?: string[]): unknown {
  const [, name, type, nested] = def;
  switch (type) {
    case 'u8': return needLen(name, value, 1).getUint8(0);
    case 'u16': return needLen(name, value, 2).getUint16(0, true);
    case 'u32': return needLen(name, value, 4).getUint32(0, true);
    case 'u64': return needLen(name, value, 8).getBigUint64(0, true);
    case 's8': return needLen(name, value, 1).getInt8(0);
    case 's32': return needLen(name, value, 4).getInt32(0, true);
    case 'flag': return true;
    case 'string': {
      const end = value.indexOf(0);
      return Buffer.from(value.buffer, value.byteOffset, end < 0 ? value.length : end).toString('utf8');
    }
    case 'mac':
      if (value.length !== 6) throw new AttrDecodeError(`${name}: ${value.length} bytes, expected a 6-byte address`);
      return formatMac(value);
    case 'binary': return Uint8Array.from(value);
    case 'nested': return decodeAttrs(nested!, value, problems);
    case 'list': {
      const out: unknown[] = [];
      forEachAttr(value, (_i, child) => out.push(decodeAttrs(nested!, child, problems)));
      return out;
    }
    case 'map': {
      const out: Record<number, unknown> = {};
      forEachAttr(value, (i, child) => { out[i] = decodeAttrs(nested!, child, problems); });
      return out;
    }
    case 'indexFlags': {
      const out: number[] = [];
      forEachAttr(value, (i) => out.push(i));
      return out;
    }
    case 'u32List': {
      const out: number[] = [];
      forEachAttr(value, (_i, child) => out.push(needLen(name, child, 4).getUint32(0, true)));
      return out;
    }
  }
}

/**
 * Decodes an attribute set of `space`. Unknown attribute numbers are skipped; so is an
 * attribute whose value does not fit its declared type (the kernel uses a few attributes
 * with two types, e.g. CONTROL_PORT_ETHERTYPE is a u16 in requests and a flag in wiphy
 * dumps): one odd attribute must not cost the whole message. Such skips are reported
 * through `problems` when given. Malformed attribute framing at this level throws.
 */
export function decodeAttrs<S extends AttrSpaceName>(space: S, bytes: Uint8Array, problems?: string[]): AttrSpaceValues[S] {
  const { byId } = spaceIndex(space);
  const out: Record<string, unknown> = {};
  forEachAttr(bytes, (type, value) => {
    const def = byId.get(type);
    if (!def) return;
    try {
      out[def[1]] = decodeValue(def, value, problems);
    } catch (err) {
      if (!(err instanceof AttrDecodeError)) throw err;
      problems?.push(`${space}.${err.message}`);
    }
  });
  return out as AttrSpaceValues[S];
}

function attrHeader(type: number, payloadLen: number, nested: boolean): Buffer {
  const len = NLA_HDRLEN + payloadLen;
  if (len > 0xffff) throw new AttrEncodeError(`attribute ${type}: ${payloadLen} bytes do not fit a netlink attribute`);
  const h = Buffer.alloc(NLA_HDRLEN);
  h.writeUInt16LE(len, 0);
  h.writeUInt16LE(type | (nested ? NLA_F_NESTED : 0), 2);
  return h;
}

function attr(type: number, payload: Uint8Array, nested = false): Buffer {
  const pad = align4(payload.length) - payload.length;
  return Buffer.concat([attrHeader(type, payload.length, nested), payload, Buffer.alloc(pad)]);
}

function intBytes(name: string, size: 1 | 2 | 4 | 8, signed: boolean, v: unknown): Buffer {
  const b = Buffer.alloc(size);
  if (size === 8) {
    if (typeof v !== 'bigint' && !(typeof v === 'number' && Number.isSafeInteger(v))) throw new AttrEncodeError(`${name}: expected a 64-bit integer`);
    const big = BigInt(v as bigint | number);
    if (big < 0n || big > 0xffffffffffffffffn) throw new AttrEncodeError(`${name}: ${big} out of range for u64`);
    b.writeBigUInt64LE(big);
    return b;
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new AttrEncodeError(`${name}: expected an integer, got ${typeof v}`);
  const bits = size * 8;
  const min = signed ? -(2 ** (bits - 1)) : 0;
  const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  if (v < min || v > max) throw new AttrEncodeError(`${name}: ${v} out of range for ${signed ? 's' : 'u'}${bits}`);
  if (signed) b.writeIntLE(v, 0, size); else b.writeUIntLE(v, 0, size);
  return b;
}

function encodeValue(def: AttrDef, v: unknown): Buffer | null {
  const [id, name, type, nested] = def;
  switch (type) {
    case 'u8': return attr(id, intBytes(name, 1, false, v));
    case 'u16': return attr(id, intBytes(name, 2, false, v));
    case 'u32': return attr(id, intBytes(name, 4, false, v));
    case 'u64': return attr(id, intBytes(name, 8, false, v));
    case 's8': return attr(id, intBytes(name, 1, true, v));
    case 's32': return attr(id, intBytes(name, 4, true, v));
    case 'flag':
      if (v === false) return null;
      if (v !== true) throw new AttrEncodeError(`${name}: a flag takes true or false`);
      return attr(id, Buffer.alloc(0));
    case 'string':
      if (typeof v !== 'string') throw new AttrEncodeError(`${name}: expected a string`);
      return attr(id, Buffer.concat([Buffer.from(v, 'utf8'), Buffer.alloc(1)]));
    case 'mac':
      return attr(id, typeof v === 'string' ? parseMac(v) : macBytes(name, v));
    case 'binary':
      if (!(v instanceof Uint8Array)) throw new AttrEncodeError(`${name}: expected bytes`);
      return attr(id, v);
    case 'nested':
      return attr(id, encodeAttrs(nested!, v as never), true);
    case 'list': {
      if (!Array.isArray(v)) throw new AttrEncodeError(`${name}: expected an array`);
      return attr(id, Buffer.concat(v.map((item, i) => attr(i + 1, encodeAttrs(nested!, item as never), true))), true);
    }
    case 'map': {
      if (typeof v !== 'object' || v === null) throw new AttrEncodeError(`${name}: expected an object keyed by number`);
      const parts = Object.entries(v).map(([k, item]) => attr(Number(k), encodeAttrs(nested!, item as never), true));
      return attr(id, Buffer.concat(parts), true);
    }
    case 'indexFlags':
      if (!Array.isArray(v)) throw new AttrEncodeError(`${name}: expected an array of numbers`);
      return attr(id, Buffer.concat(v.map((i) => attr(intBytes(name, 2, false, i).readUInt16LE(), Buffer.alloc(0)))), true);
    case 'u32List':
      if (!Array.isArray(v)) throw new AttrEncodeError(`${name}: expected an array of numbers`);
      return attr(id, Buffer.concat(v.map((x, i) => attr(i, intBytes(name, 4, false, x)))), true);
  }
}

function macBytes(name: string, v: unknown): Uint8Array {
  if (!(v instanceof Uint8Array) || v.length !== 6) throw new AttrEncodeError(`${name}: expected a MAC address`);
  return v;
}

/** Encodes an attribute set of `space`; names not in the space are an error. */
export function encodeAttrs<S extends AttrSpaceName>(space: S, values: AttrSpaceValues[S]): Buffer {
  if (typeof values !== 'object' || values === null) throw new AttrEncodeError(`${space}: expected an object of attributes`);
  const { byName } = spaceIndex(space);
  const parts: Buffer[] = [];
  for (const [name, v] of Object.entries(values)) {
    if (v === undefined) continue;
    const def = byName.get(name);
    if (!def) throw new AttrEncodeError(`${space} has no attribute ${name}`);
    const encoded = encodeValue(def, v);
    if (encoded) parts.push(encoded);
  }
  return Buffer.concat(parts);
}
