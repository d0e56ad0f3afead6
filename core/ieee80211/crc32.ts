// CRC-32 of IEEE 802.3 (reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF),
// the one 802.11 uses for the short SSID (802.11-2020 9.4.2.170.3) and hostapd's
// ieee80211_crc32. Written here rather than taken from node:zlib, whose loading alone
// costs the daemon about 1.4 MB of resident memory (issue 16) for a few SSIDs a start.

let table: Uint32Array | undefined;

function makeTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

/** The CRC-32 of `bytes`, as an unsigned 32-bit number. */
export function crc32(bytes: Uint8Array): number {
  const t = (table ??= makeTable());
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
