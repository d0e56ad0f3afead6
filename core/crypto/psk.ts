// The WPA2/WPA3-transition PSK (IEEE 802.11-2020 J.4.1): PBKDF2-SHA1(passphrase, SSID, 4096, 256),
// or a 64-hex-digit PSK taken as the raw key, as OpenWrt's `key` option allows both.
import { pbkdf2Sync } from 'node:crypto';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const HEX_PSK = /^[0-9a-fA-F]{64}$/;

/** Throws RangeError when `passphrase` is neither 8..63 printable ASCII nor 64 hex digits. */
export function pskFromPassphrase(passphrase: string, ssid: Uint8Array | string): Uint8Array {
  if (HEX_PSK.test(passphrase)) return new Uint8Array(Buffer.from(passphrase, 'hex'));
  if (passphrase.length < 8 || passphrase.length > 63 || !PRINTABLE_ASCII.test(passphrase)) {
    throw new RangeError('a passphrase is 8..63 printable ASCII characters (or the PSK as 64 hex digits)');
  }
  const ssidBytes = typeof ssid === 'string' ? Buffer.from(ssid, 'utf8') : ssid;
  if (ssidBytes.length < 1 || ssidBytes.length > 32) throw new RangeError('an SSID is 1..32 octets');
  return new Uint8Array(pbkdf2Sync(Buffer.from(passphrase, 'latin1'), ssidBytes, 4096, 32, 'sha1'));
}
