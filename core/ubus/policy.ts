// Method argument policies: what `ubus -v list` shows (the signature registered with
// ubusd: argument name -> blobmsg type) and what an INVOKE is checked against before its
// handler runs. libubus itself does not check; wifid does, so a handler only ever sees
// arguments of the declared types and a caller learns what was wrong.
import { quoted } from '../log-text';
import { blobmsgFieldToJs, BlobmsgTypeId, type BlobmsgField, type JsValue } from './blobmsg';

export type UbusArgType = 'string' | 'int8' | 'int16' | 'int32' | 'int64' | 'double' | 'bool' | 'table' | 'array';

export interface UbusArgPolicy {
  type: UbusArgType;
  required?: boolean;
}

export type UbusPolicy = Record<string, UbusArgPolicy>;

/** Arguments rpcd adds to calls it forwards (the session of the JSON-RPC caller). */
const TOLERATED_EXTRA = /^ubus_rpc_/;

/** The blobmsg type id registered in the signature (BOOL is INT8 on the wire). */
export function policyTypeId(t: UbusArgType): number {
  return t === 'bool' ? BlobmsgTypeId.int8 : BlobmsgTypeId[t];
}

/** The method's entry of UBUS_ATTR_SIGNATURE: a table of name -> int32 type. */
export function signatureField(method: string, policy: UbusPolicy): BlobmsgField {
  return {
    name: method,
    type: 'table',
    value: Object.entries(policy).map(([name, p]) => ({ name, type: 'int32' as const, value: policyTypeId(p.type) })),
  };
}

export class PolicyViolation extends Error {
  override name = 'PolicyViolation';
}

const INT_RANGE: Partial<Record<UbusArgType, [bigint, bigint]>> = {
  int8: [-128n, 255n],
  int16: [-32768n, 32767n],
  int32: [-2147483648n, 2147483647n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
};

function intValue(f: BlobmsgField): bigint | undefined {
  switch (f.type) {
    case 'int16': case 'int32': return BigInt(f.value);
    case 'int64': return f.value;
    default: return undefined;
  }
}

function convert(name: string, p: UbusArgPolicy, f: BlobmsgField): JsValue {
  const bad = (): never => {
    throw new PolicyViolation(`argument "${name}" must be ${p.type === 'bool' ? 'a boolean' : `of type ${p.type}`}, got ${f.type === 'int8' ? 'bool' : f.type}`);
  };
  switch (p.type) {
    case 'string': case 'table': case 'array':
      return f.type === p.type ? blobmsgFieldToJs(f) : bad();
    case 'bool':
      return f.type === 'int8' ? f.value !== 0 : bad();
    case 'double':
      if (f.type === 'double') return f.value;
      { const i = intValue(f); return i === undefined ? bad() : Number(i); }
    default: {
      // JSON callers (ubus CLI, rpcd) send int32 or int64 by magnitude, so any integer
      // type is accepted when the value fits the declared one.
      if (p.type === 'int8' && f.type === 'int8') return f.value;
      const i = intValue(f);
      if (i === undefined) return bad();
      const [lo, hi] = INT_RANGE[p.type]!;
      if (i < lo || i > hi) throw new PolicyViolation(`argument "${name}" = ${i} out of range for ${p.type}`);
      return p.type === 'int64' && (i > BigInt(Number.MAX_SAFE_INTEGER) || i < BigInt(Number.MIN_SAFE_INTEGER)) ? i : Number(i);
    }
  }
}

/**
 * Checks the fields of an INVOKE against the policy and returns the arguments as JS values.
 * Throws PolicyViolation naming the first problem: unknown argument, wrong type, value out
 * of range, missing required argument, duplicate argument.
 */
export function applyPolicy(policy: UbusPolicy, fields: readonly BlobmsgField[]): Record<string, JsValue> {
  const args: Record<string, JsValue> = Object.create(null);
  for (const f of fields) {
    const p = Object.prototype.hasOwnProperty.call(policy, f.name) ? policy[f.name] : undefined;
    if (!p) {
      if (TOLERATED_EXTRA.test(f.name)) continue;
      // The name is the caller's: quoted short, it may be any length and hold anything.
      throw new PolicyViolation(f.name ? `unknown argument ${quoted(f.name)}` : 'unnamed argument');
    }
    if (f.name in args) throw new PolicyViolation(`argument "${f.name}" given twice`);
    args[f.name] = convert(f.name, p, f);
  }
  for (const [name, p] of Object.entries(policy)) {
    if (p.required && !(name in args)) throw new PolicyViolation(`missing required argument "${name}"`);
  }
  return args;
}
