// Netlink attributes written by hand in the kernel's layout (not by wifid's encoder), so
// the tests of the decoders and of the bytes wifid sends have an independent reference.

/** One netlink attribute: length, type (NLA_F_NESTED when `nested`), payload padded to 4. */
export function tlv(type: number, payload: Uint8Array | number[], nested = false): Buffer {
  const p = Buffer.from(payload);
  const head = Buffer.alloc(4);
  head.writeUInt16LE(4 + p.length, 0);
  head.writeUInt16LE(type | (nested ? 0x8000 : 0), 2);
  return Buffer.concat([head, p, Buffer.alloc((4 - (p.length % 4)) % 4)]);
}
export const u16 = (v: number) => { const b = Buffer.alloc(2); b.writeUInt16LE(v); return b; };
export const u32 = (v: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(v); return b; };
export const u64 = (v: bigint) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(v); return b; };
