// P2P attributes (Wi-Fi P2P Technical Specification v1.7 section 4.1): id (1 byte),
// length (LE16), body, carried in the concatenated payload of the P2P vendor elements.
// Minimum lengths follow wpa_supplicant's src/p2p/p2p_parse.c; the Device Info layout
// follows p2p_build.c (device address, config methods BE16, primary device type,
// secondary types, then a WPS Device Name attribute).
import { FrameDecodeError, requireBytes } from './decode-error.js';
import { ByteWriter, textEncoder } from './byte-writer.js';
import { DEVICE_TYPE_LEN, decodeDeviceName, decodeDeviceType, encodeDeviceType, type DeviceType } from './device-type.js';
import { MAC_LEN } from './mac-address.js';
import { WpsAttr } from './wps-attributes.js';

export const P2pAttr = {
  STATUS: 0,
  MINOR_REASON_CODE: 1,
  CAPABILITY: 2,
  DEVICE_ID: 3,
  GROUP_OWNER_INTENT: 4,
  CONFIGURATION_TIMEOUT: 5,
  LISTEN_CHANNEL: 6,
  GROUP_BSSID: 7,
  EXT_LISTEN_TIMING: 8,
  INTENDED_INTERFACE_ADDR: 9,
  MANAGEABILITY: 10,
  CHANNEL_LIST: 11,
  NOTICE_OF_ABSENCE: 12,
  DEVICE_INFO: 13,
  GROUP_INFO: 14,
  GROUP_ID: 15,
  INTERFACE: 16,
  OPERATING_CHANNEL: 17,
  INVITATION_FLAGS: 18,
} as const;

/** Device Capability Bitmap (P2P spec Table 12). */
export const P2pDeviceCapab = {
  SERVICE_DISCOVERY: 0x01,
  CLIENT_DISCOVERABILITY: 0x02,
  CONCURRENT_OPER: 0x04,
  INFRA_MANAGED: 0x08,
  DEVICE_LIMIT: 0x10,
  INVITATION_PROCEDURE: 0x20,
} as const;

/** Group Capability Bitmap (P2P spec Table 13). */
export const P2pGroupCapab = {
  GROUP_OWNER: 0x01,
  PERSISTENT_GROUP: 0x02,
  GROUP_LIMIT: 0x04,
  INTRA_BSS_DIST: 0x08,
  CROSS_CONN: 0x10,
  PERSISTENT_RECONN: 0x20,
  GROUP_FORMATION: 0x40,
  IP_ADDR_ALLOCATION: 0x80,
} as const;

const MAX_SSID = 32;
const MAX_DEVICE_NAME = 32;

export interface P2pChannel {
  /** Country string: 2 letters and an environment byte (e.g. "XX\x04"), kept as bytes. */
  country: Uint8Array;
  opClass: number;
  channel: number;
}

export interface P2pChannelListEntry {
  opClass: number;
  channels: number[];
}

export interface P2pDeviceInfo {
  address: Uint8Array;
  configMethods: number;
  primaryDeviceType: DeviceType;
  secondaryDeviceTypes: DeviceType[];
  deviceName: string;
}

export interface P2pAttributes {
  status?: number;
  minorReasonCode?: number;
  capability?: { device: number; group: number };
  deviceId?: Uint8Array;
  goIntent?: { intent: number; tieBreaker: boolean };
  configTimeout?: { go: number; client: number };
  listenChannel?: P2pChannel;
  operatingChannel?: P2pChannel;
  groupBssid?: Uint8Array;
  extListenTiming?: { periodMs: number; intervalMs: number };
  intendedInterfaceAddr?: Uint8Array;
  manageability?: number;
  channelList?: { country: Uint8Array; entries: P2pChannelListEntry[] };
  deviceInfo?: P2pDeviceInfo;
  groupInfo?: Uint8Array;
  groupId?: { deviceAddress: Uint8Array; ssid: Uint8Array };
  invitationFlags?: number;
  /** Ids of attributes present that this parser does not decode. */
  unknown: number[];
}

export interface RawP2pAttribute {
  id: number;
  offset: number;
  value: Uint8Array;
}

export function* iterateP2pAttributes(buf: Uint8Array): Generator<RawP2pAttribute> {
  let pos = 0;
  while (pos < buf.length) {
    requireBytes(buf.length, pos, 3, 'P2P attribute header');
    const id = buf[pos];
    const len = buf[pos + 1] | (buf[pos + 2] << 8);
    if (len > buf.length - pos - 3) {
      throw new FrameDecodeError('truncated', `P2P attribute ${id}`, pos, `length ${len} but ${buf.length - pos - 3} bytes left`);
    }
    yield { id, offset: pos, value: buf.subarray(pos + 3, pos + 3 + len) };
    pos += 3 + len;
  }
}

function minLength(a: RawP2pAttribute, min: number, what: string): void {
  if (a.value.length < min) {
    throw new FrameDecodeError('bad_length', `P2P ${what}`, a.offset, `length ${a.value.length}, needs at least ${min}`);
  }
}

function parseChannel(a: RawP2pAttribute, what: string): P2pChannel {
  minLength(a, 5, what);
  return { country: a.value.slice(0, 3), opClass: a.value[3], channel: a.value[4] };
}

function parseChannelList(a: RawP2pAttribute): { country: Uint8Array; entries: P2pChannelListEntry[] } {
  minLength(a, 3, 'Channel List');
  const v = a.value;
  const entries: P2pChannelListEntry[] = [];
  let pos = 3;
  while (pos < v.length) {
    if (v.length - pos < 2) {
      throw new FrameDecodeError('truncated', 'P2P Channel List entry', a.offset + 3 + pos, 'needs operating class and count');
    }
    const count = v[pos + 1];
    if (count > v.length - pos - 2) {
      throw new FrameDecodeError('truncated', 'P2P Channel List entry', a.offset + 3 + pos, `${count} channels but ${v.length - pos - 2} bytes left`);
    }
    entries.push({ opClass: v[pos], channels: [...v.subarray(pos + 2, pos + 2 + count)] });
    pos += 2 + count;
  }
  return { country: v.slice(0, 3), entries };
}

function parseDeviceInfo(a: RawP2pAttribute): P2pDeviceInfo {
  const v = a.value;
  const what = 'P2P Device Info';
  minLength(a, MAC_LEN + 2 + DEVICE_TYPE_LEN + 1, 'Device Info');
  let pos = 0;
  const address = v.slice(pos, pos + MAC_LEN);
  pos += MAC_LEN;
  const configMethods = (v[pos] << 8) | v[pos + 1];
  pos += 2;
  const primaryDeviceType = decodeDeviceType(v, pos);
  pos += DEVICE_TYPE_LEN;
  const numSecondary = v[pos++];
  if (numSecondary * DEVICE_TYPE_LEN > v.length - pos) {
    throw new FrameDecodeError('truncated', what, a.offset + 3 + pos, `${numSecondary} secondary device types do not fit`);
  }
  const secondaryDeviceTypes: DeviceType[] = [];
  for (let i = 0; i < numSecondary; i++, pos += DEVICE_TYPE_LEN) secondaryDeviceTypes.push(decodeDeviceType(v, pos));
  if (v.length - pos < 4) {
    throw new FrameDecodeError('truncated', what, a.offset + 3 + pos, 'Device Name attribute header missing');
  }
  const nameType = (v[pos] << 8) | v[pos + 1];
  if (nameType !== WpsAttr.DEV_NAME) {
    throw new FrameDecodeError('bad_value', what, a.offset + 3 + pos, `expected Device Name attribute 0x1011, found 0x${nameType.toString(16)}`);
  }
  const nameLen = (v[pos + 2] << 8) | v[pos + 3];
  pos += 4;
  if (nameLen > v.length - pos || nameLen > MAX_DEVICE_NAME) {
    throw new FrameDecodeError('bad_length', what, a.offset + 3 + pos, `Device Name length ${nameLen} (${v.length - pos} bytes left, max ${MAX_DEVICE_NAME})`);
  }
  return { address, configMethods, primaryDeviceType, secondaryDeviceTypes, deviceName: decodeDeviceName(v.subarray(pos, pos + nameLen)) };
}

/** Parses a concatenated P2P attribute list (see concatVendorPayloads). */
export function parseP2pAttributes(buf: Uint8Array): P2pAttributes {
  const out: P2pAttributes = { unknown: [] };
  for (const a of iterateP2pAttributes(buf)) {
    const v = a.value;
    switch (a.id) {
      case P2pAttr.STATUS: minLength(a, 1, 'Status'); out.status = v[0]; break;
      case P2pAttr.MINOR_REASON_CODE: minLength(a, 1, 'Minor Reason Code'); out.minorReasonCode = v[0]; break;
      case P2pAttr.CAPABILITY: minLength(a, 2, 'Capability'); out.capability = { device: v[0], group: v[1] }; break;
      case P2pAttr.DEVICE_ID: minLength(a, MAC_LEN, 'Device ID'); out.deviceId = v.slice(0, MAC_LEN); break;
      case P2pAttr.GROUP_OWNER_INTENT:
        minLength(a, 1, 'Group Owner Intent');
        out.goIntent = { intent: v[0] >> 1, tieBreaker: (v[0] & 1) === 1 };
        break;
      case P2pAttr.CONFIGURATION_TIMEOUT: minLength(a, 2, 'Configuration Timeout'); out.configTimeout = { go: v[0], client: v[1] }; break;
      // A zero-length channel attribute is ignored, as wpa_supplicant does ("null channel").
      case P2pAttr.LISTEN_CHANNEL: if (v.length > 0) out.listenChannel = parseChannel(a, 'Listen Channel'); break;
      case P2pAttr.OPERATING_CHANNEL: if (v.length > 0) out.operatingChannel = parseChannel(a, 'Operating Channel'); break;
      case P2pAttr.GROUP_BSSID: minLength(a, MAC_LEN, 'Group BSSID'); out.groupBssid = v.slice(0, MAC_LEN); break;
      case P2pAttr.EXT_LISTEN_TIMING:
        minLength(a, 4, 'Extended Listen Timing');
        out.extListenTiming = { periodMs: v[0] | (v[1] << 8), intervalMs: v[2] | (v[3] << 8) };
        break;
      case P2pAttr.INTENDED_INTERFACE_ADDR: minLength(a, MAC_LEN, 'Intended Interface Address'); out.intendedInterfaceAddr = v.slice(0, MAC_LEN); break;
      case P2pAttr.MANAGEABILITY: minLength(a, 1, 'Manageability'); out.manageability = v[0]; break;
      case P2pAttr.CHANNEL_LIST: out.channelList = parseChannelList(a); break;
      case P2pAttr.DEVICE_INFO: out.deviceInfo = parseDeviceInfo(a); break;
      case P2pAttr.GROUP_INFO: out.groupInfo = v.slice(); break;
      case P2pAttr.GROUP_ID:
        if (v.length < MAC_LEN || v.length > MAC_LEN + MAX_SSID) {
          throw new FrameDecodeError('bad_length', 'P2P Group ID', a.offset, `length ${v.length}, expected ${MAC_LEN}..${MAC_LEN + MAX_SSID}`);
        }
        out.groupId = { deviceAddress: v.slice(0, MAC_LEN), ssid: v.slice(MAC_LEN) };
        break;
      case P2pAttr.INVITATION_FLAGS: minLength(a, 1, 'Invitation Flags'); out.invitationFlags = v[0]; break;
      default: out.unknown.push(a.id); break;
    }
  }
  return out;
}

/** Builds a P2P attribute list; wrap it with buildVendorElements(P2P_VENDOR_TYPE, ...). */
export class P2pAttributeWriter {
  private readonly w = new ByteWriter(128);

  raw(id: number, value: Uint8Array): this {
    if (value.length > 0xffff) throw new RangeError(`P2P attribute ${id} too long`);
    this.w.u8(id).le16(value.length).bytes(value);
    return this;
  }

  capability(device: number, group: number): this {
    return this.raw(P2pAttr.CAPABILITY, new Uint8Array([device, group]));
  }

  deviceId(address: Uint8Array): this {
    if (address.length !== MAC_LEN) throw new RangeError('Device ID must be 6 bytes');
    return this.raw(P2pAttr.DEVICE_ID, address);
  }

  listenChannel(ch: P2pChannel): this {
    return this.raw(P2pAttr.LISTEN_CHANNEL, channelBytes(ch));
  }

  operatingChannel(ch: P2pChannel): this {
    return this.raw(P2pAttr.OPERATING_CHANNEL, channelBytes(ch));
  }

  extListenTiming(periodMs: number, intervalMs: number): this {
    return this.raw(P2pAttr.EXT_LISTEN_TIMING, new Uint8Array([periodMs, periodMs >> 8, intervalMs, intervalMs >> 8]));
  }

  deviceInfo(info: P2pDeviceInfo): this {
    if (info.address.length !== MAC_LEN) throw new RangeError('Device address must be 6 bytes');
    const name = textEncoder.encode(info.deviceName);
    if (name.length > MAX_DEVICE_NAME) throw new RangeError(`device name "${info.deviceName}" exceeds ${MAX_DEVICE_NAME} bytes`);
    if (info.secondaryDeviceTypes.length > 255) throw new RangeError('too many secondary device types');
    const w = new ByteWriter(64).bytes(info.address).be16(info.configMethods).bytes(encodeDeviceType(info.primaryDeviceType));
    w.u8(info.secondaryDeviceTypes.length);
    for (const t of info.secondaryDeviceTypes) w.bytes(encodeDeviceType(t));
    w.be16(WpsAttr.DEV_NAME).be16(name.length).bytes(name);
    return this.raw(P2pAttr.DEVICE_INFO, w.finish());
  }

  finish(): Uint8Array {
    return this.w.finish();
  }
}

function channelBytes(ch: P2pChannel): Uint8Array {
  if (ch.country.length !== 3) throw new RangeError('country string must be 3 bytes');
  return new Uint8Array([...ch.country, ch.opClass, ch.channel]);
}
