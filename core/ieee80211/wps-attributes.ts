// WPS (Wi-Fi Simple Configuration 2.0) attributes as they appear in the WPS vendor
// element of probe requests/responses: type (BE16), length (BE16), value. The fixed
// lengths checked here are those of wpa_supplicant's src/wps/wps_attr_parse.c, so a
// message it rejects we reject too, with a reason instead of a silent drop.
import { FrameDecodeError, requireBytes } from './decode-error.js';
import { ByteWriter, textEncoder } from './byte-writer.js';
import { DEVICE_TYPE_LEN, decodeDeviceName, decodeDeviceType, encodeDeviceType, type DeviceType } from './device-type.js';

export const WpsAttr = {
  ASSOC_STATE: 0x1002,
  CONFIG_METHODS: 0x1008,
  CONFIG_ERROR: 0x1009,
  DEV_NAME: 0x1011,
  DEV_PASSWORD_ID: 0x1012,
  MANUFACTURER: 0x1021,
  MODEL_NAME: 0x1023,
  MODEL_NUMBER: 0x1024,
  REQUEST_TYPE: 0x103a,
  RESPONSE_TYPE: 0x103b,
  RF_BANDS: 0x103c,
  SELECTED_REGISTRAR: 0x1041,
  SERIAL_NUMBER: 0x1042,
  WPS_STATE: 0x1044,
  UUID_E: 0x1047,
  UUID_R: 0x1048,
  VENDOR_EXT: 0x1049,
  VERSION: 0x104a,
  PRIMARY_DEV_TYPE: 0x1054,
  SECONDARY_DEV_TYPE_LIST: 0x1055,
  REQUESTED_DEV_TYPE: 0x106a,
} as const;

/** Config Methods bits (WSC 2.0 Table 33). */
export const WpsConfigMethod = {
  LABEL: 0x0004,
  DISPLAY: 0x0008,
  PUSHBUTTON: 0x0080,
  KEYPAD: 0x0100,
  VIRT_PUSHBUTTON: 0x0280,
  PHY_PUSHBUTTON: 0x0480,
  P2PS: 0x1000,
  VIRT_DISPLAY: 0x2008,
  PHY_DISPLAY: 0x4008,
} as const;

export const WPS_VERSION_1 = 0x10;
export const WPS_STATE_NOT_CONFIGURED = 1;
export const WPS_REQ_ENROLLEE = 1;
export const WPS_RESP_ENROLLEE_INFO = 0;
/** Wi-Fi Alliance vendor id of the WFA Vendor Extension (WSC 2.0 section 12). */
export const WFA_VENDOR_ID = 0x00372a;
const WFA_ELEM_VERSION2 = 0x00;
export const WPS_VERSION_2 = 0x20;

const MAX_DEV_NAME = 32;
const MAX_MANUFACTURER = 64;
const MAX_MODEL_NAME = 32;
const MAX_MODEL_NUMBER = 32;
const MAX_SERIAL = 32;
const MAX_SEC_DEV_TYPES_LEN = 128;
const UUID_LEN = 16;

export interface WpsVendorExtension {
  vendorId: number;
  data: Uint8Array;
}

export interface WpsAttributes {
  version?: number;
  /** Version2 from the WFA Vendor Extension (0x20 for WSC 2.0). */
  version2?: number;
  wpsState?: number;
  requestType?: number;
  responseType?: number;
  uuidE?: Uint8Array;
  uuidR?: Uint8Array;
  manufacturer?: string;
  modelName?: string;
  modelNumber?: string;
  serialNumber?: string;
  deviceName?: string;
  primaryDeviceType?: DeviceType;
  secondaryDeviceTypes?: DeviceType[];
  requestedDeviceTypes: DeviceType[];
  configMethods?: number;
  devicePasswordId?: number;
  rfBands?: number;
  assocState?: number;
  configError?: number;
  selectedRegistrar?: boolean;
  vendorExtensions: WpsVendorExtension[];
}

export interface RawAttribute {
  type: number;
  offset: number;
  value: Uint8Array;
}

export function* iterateWpsAttributes(buf: Uint8Array): Generator<RawAttribute> {
  let pos = 0;
  while (pos < buf.length) {
    requireBytes(buf.length, pos, 4, 'WPS attribute header');
    const type = (buf[pos] << 8) | buf[pos + 1];
    const len = (buf[pos + 2] << 8) | buf[pos + 3];
    if (len > buf.length - pos - 4) {
      throw new FrameDecodeError('truncated', `WPS attribute 0x${type.toString(16)}`, pos, `length ${len} but ${buf.length - pos - 4} bytes left`);
    }
    yield { type, offset: pos, value: buf.subarray(pos + 4, pos + 4 + len) };
    pos += 4 + len;
  }
}

function exactLength(a: RawAttribute, len: number, what: string): void {
  if (a.value.length !== len) {
    throw new FrameDecodeError('bad_length', `WPS ${what}`, a.offset, `length ${a.value.length}, expected ${len}`);
  }
}

function maxLength(a: RawAttribute, max: number, what: string): void {
  if (a.value.length > max) {
    throw new FrameDecodeError('bad_length', `WPS ${what}`, a.offset, `length ${a.value.length} exceeds ${max}`);
  }
}

const be16 = (v: Uint8Array): number => (v[0] << 8) | v[1];

function parseVendorExtension(a: RawAttribute, out: WpsAttributes): void {
  if (a.value.length < 3) {
    throw new FrameDecodeError('bad_length', 'WPS Vendor Extension', a.offset, `length ${a.value.length} is shorter than a vendor id`);
  }
  const vendorId = (a.value[0] << 16) | (a.value[1] << 8) | a.value[2];
  const data = a.value.subarray(3);
  out.vendorExtensions.push({ vendorId, data });
  if (vendorId !== WFA_VENDOR_ID) return;
  // WFA subelements: id, length, value (wps_attr_parse.c wps_parse_vendor_ext_wfa).
  let pos = 0;
  while (pos + 2 <= data.length) {
    const id = data[pos];
    const len = data[pos + 1];
    if (len > data.length - pos - 2) {
      throw new FrameDecodeError('truncated', 'WFA Vendor Extension subelement', a.offset + 7 + pos, `length ${len} past the end`);
    }
    if (id === WFA_ELEM_VERSION2) {
      if (len !== 1) throw new FrameDecodeError('bad_length', 'WFA Version2', a.offset + 7 + pos, `length ${len}, expected 1`);
      out.version2 = data[pos + 2];
    }
    pos += 2 + len;
  }
}

/** Parses a concatenated WPS attribute list (see concatVendorPayloads). */
export function parseWpsAttributes(buf: Uint8Array): WpsAttributes {
  const out: WpsAttributes = { requestedDeviceTypes: [], vendorExtensions: [] };
  for (const a of iterateWpsAttributes(buf)) {
    const v = a.value;
    switch (a.type) {
      case WpsAttr.VERSION: exactLength(a, 1, 'Version'); out.version = v[0]; break;
      case WpsAttr.WPS_STATE: exactLength(a, 1, 'Wi-Fi Protected Setup State'); out.wpsState = v[0]; break;
      case WpsAttr.REQUEST_TYPE: exactLength(a, 1, 'Request Type'); out.requestType = v[0]; break;
      case WpsAttr.RESPONSE_TYPE: exactLength(a, 1, 'Response Type'); out.responseType = v[0]; break;
      case WpsAttr.RF_BANDS: exactLength(a, 1, 'RF Bands'); out.rfBands = v[0]; break;
      case WpsAttr.SELECTED_REGISTRAR: exactLength(a, 1, 'Selected Registrar'); out.selectedRegistrar = v[0] !== 0; break;
      case WpsAttr.CONFIG_METHODS: exactLength(a, 2, 'Config Methods'); out.configMethods = be16(v); break;
      case WpsAttr.DEV_PASSWORD_ID: exactLength(a, 2, 'Device Password ID'); out.devicePasswordId = be16(v); break;
      case WpsAttr.ASSOC_STATE: exactLength(a, 2, 'Association State'); out.assocState = be16(v); break;
      case WpsAttr.CONFIG_ERROR: exactLength(a, 2, 'Configuration Error'); out.configError = be16(v); break;
      case WpsAttr.UUID_E: exactLength(a, UUID_LEN, 'UUID-E'); out.uuidE = v.slice(); break;
      case WpsAttr.UUID_R: exactLength(a, UUID_LEN, 'UUID-R'); out.uuidR = v.slice(); break;
      case WpsAttr.PRIMARY_DEV_TYPE:
        exactLength(a, DEVICE_TYPE_LEN, 'Primary Device Type');
        out.primaryDeviceType = decodeDeviceType(v, 0);
        break;
      case WpsAttr.REQUESTED_DEV_TYPE:
        exactLength(a, DEVICE_TYPE_LEN, 'Requested Device Type');
        out.requestedDeviceTypes.push(decodeDeviceType(v, 0));
        break;
      case WpsAttr.SECONDARY_DEV_TYPE_LIST:
        maxLength(a, MAX_SEC_DEV_TYPES_LEN, 'Secondary Device Type List');
        if (v.length % DEVICE_TYPE_LEN !== 0) {
          throw new FrameDecodeError('bad_length', 'WPS Secondary Device Type List', a.offset, `length ${v.length} is not a multiple of 8`);
        }
        out.secondaryDeviceTypes = [];
        for (let i = 0; i < v.length; i += DEVICE_TYPE_LEN) out.secondaryDeviceTypes.push(decodeDeviceType(v, i));
        break;
      case WpsAttr.DEV_NAME: maxLength(a, MAX_DEV_NAME, 'Device Name'); out.deviceName = decodeDeviceName(v); break;
      case WpsAttr.MANUFACTURER: maxLength(a, MAX_MANUFACTURER, 'Manufacturer'); out.manufacturer = decodeDeviceName(v); break;
      case WpsAttr.MODEL_NAME: maxLength(a, MAX_MODEL_NAME, 'Model Name'); out.modelName = decodeDeviceName(v); break;
      case WpsAttr.MODEL_NUMBER: maxLength(a, MAX_MODEL_NUMBER, 'Model Number'); out.modelNumber = decodeDeviceName(v); break;
      case WpsAttr.SERIAL_NUMBER: maxLength(a, MAX_SERIAL, 'Serial Number'); out.serialNumber = decodeDeviceName(v); break;
      case WpsAttr.VENDOR_EXT: parseVendorExtension(a, out); break;
      default: break; // attributes wifid does not use are skipped, as wpa_supplicant does
    }
  }
  return out;
}

/** Builds a WPS attribute list in the order the fields are given. */
export class WpsAttributeWriter {
  private readonly w = new ByteWriter(128);

  raw(type: number, value: Uint8Array): this {
    if (value.length > 0xffff) throw new RangeError(`WPS attribute 0x${type.toString(16)} too long`);
    this.w.be16(type).be16(value.length).bytes(value);
    return this;
  }

  u8(type: number, v: number): this {
    return this.raw(type, new Uint8Array([v]));
  }

  u16(type: number, v: number): this {
    return this.raw(type, new Uint8Array([v >> 8, v & 0xff]));
  }

  text(type: number, s: string, max: number): this {
    const bytes = textEncoder.encode(s);
    if (bytes.length > max) throw new RangeError(`WPS attribute 0x${type.toString(16)}: "${s}" exceeds ${max} bytes`);
    return this.raw(type, bytes);
  }

  deviceName(name: string): this {
    return this.text(WpsAttr.DEV_NAME, name, MAX_DEV_NAME);
  }

  deviceType(type: number, t: DeviceType): this {
    return this.raw(type, encodeDeviceType(t));
  }

  uuid(type: number, uuid: Uint8Array): this {
    if (uuid.length !== UUID_LEN) throw new RangeError('UUID must be 16 bytes');
    return this.raw(type, uuid);
  }

  /** The WFA Vendor Extension with Version2 = 0x20, as every WSC 2.0 message carries. */
  wfaVersion2(): this {
    return this.raw(WpsAttr.VENDOR_EXT, new Uint8Array([
      WFA_VENDOR_ID >> 16, (WFA_VENDOR_ID >> 8) & 0xff, WFA_VENDOR_ID & 0xff, WFA_ELEM_VERSION2, 1, WPS_VERSION_2,
    ]));
  }

  finish(): Uint8Array {
    return this.w.finish();
  }
}

export const WPS_LIMITS = { deviceName: MAX_DEV_NAME, manufacturer: MAX_MANUFACTURER, modelName: MAX_MODEL_NAME, modelNumber: MAX_MODEL_NUMBER, serialNumber: MAX_SERIAL } as const;
