// MAC addresses cross the ubus API as "aa:bb:cc:dd:ee:ff" strings and the air as 6 bytes.
export const MAC_LEN = 6;
export const BROADCAST_MAC = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

const MAC_TEXT = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;

export function macToString(bytes: Uint8Array, offset = 0): string {
  if (offset + MAC_LEN > bytes.length) throw new RangeError('MAC address past the end of the buffer');
  const parts: string[] = [];
  for (let i = 0; i < MAC_LEN; i++) parts.push(bytes[offset + i].toString(16).padStart(2, '0'));
  return parts.join(':');
}

export function macFromString(text: string): Uint8Array {
  if (!MAC_TEXT.test(text)) throw new RangeError(`not a MAC address: "${text}"`);
  return new Uint8Array(text.split(':').map((h) => parseInt(h, 16)));
}

export function isValidMacString(text: string): boolean {
  return MAC_TEXT.test(text);
}

export function macEquals(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== MAC_LEN || b.length !== MAC_LEN) return false;
  for (let i = 0; i < MAC_LEN; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function isBroadcastMac(a: Uint8Array): boolean {
  return macEquals(a, BROADCAST_MAC);
}

/** The group bit (I/G, 9.2.4.3.2): a group address (broadcast included). */
export function isMulticastMac(a: Uint8Array): boolean {
  return (a[0]! & 0x01) !== 0;
}
