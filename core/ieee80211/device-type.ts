// WPS device types (WSC 2.0 section 12, "Primary Device Type"): category (BE16),
// OUI (4 bytes, 00:50:F2:04 for the WFA-defined sub-categories), sub-category (BE16).
// The text form "1-0050F204-1" is the one wpa_supplicant uses in device_type= and
// its ctrl events (wps_dev_type_bin2str), so scripts can compare them directly.
export const DEVICE_TYPE_LEN = 8;

export interface DeviceType {
  category: number;
  oui: number;
  subcategory: number;
}

const DEVICE_TYPE_TEXT = /^(\d{1,5})-([0-9a-fA-F]{8})-(\d{1,5})$/;

export function deviceTypeToString(t: DeviceType): string {
  return `${t.category}-${t.oui.toString(16).toUpperCase().padStart(8, '0')}-${t.subcategory}`;
}

export function deviceTypeFromString(text: string): DeviceType {
  const m = DEVICE_TYPE_TEXT.exec(text);
  if (!m) throw new RangeError(`device type "${text}" is not of the form 1-0050F204-1`);
  const category = Number(m[1]);
  const subcategory = Number(m[3]);
  if (category > 0xffff || subcategory > 0xffff) throw new RangeError(`device type "${text}" has a field above 65535`);
  return { category, oui: parseInt(m[2], 16) >>> 0, subcategory };
}

/** Decodes 8 bytes at `offset`; the caller has checked they are there. */
export function decodeDeviceType(buf: Uint8Array, offset: number): DeviceType {
  return {
    category: (buf[offset] << 8) | buf[offset + 1],
    oui: ((buf[offset + 2] << 24) | (buf[offset + 3] << 16) | (buf[offset + 4] << 8) | buf[offset + 5]) >>> 0,
    subcategory: (buf[offset + 6] << 8) | buf[offset + 7],
  };
}

export function encodeDeviceType(t: DeviceType): Uint8Array {
  return new Uint8Array([
    t.category >> 8, t.category, t.oui >>> 24, t.oui >>> 16, t.oui >>> 8, t.oui, t.subcategory >> 8, t.subcategory,
  ]);
}

/** A device name as P2P peers send it: up to the first NUL, control characters shown as '_'
 * (as wpa_supplicant's p2p_copy_filter_devname), invalid UTF-8 replaced. */
export function decodeDeviceName(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(nul >= 0 ? bytes.subarray(0, nul) : bytes);
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x1f\x7f]/g, '_');
}
