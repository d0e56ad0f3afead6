// Probe requests and responses of P2P Device Discovery (Wi-Fi P2P spec 3.1.2): the
// P2P wildcard SSID "DIRECT-", OFDM rates only, a WPS element and a P2P element. The
// element sets follow wpa_supplicant (p2p_scan_ie, p2p_build_probe_resp_ies,
// p2p_build_wps_ie, p2p_build_probe_resp_buf) so that it recognises wifid's frames.
import { FrameDecodeError, requireBytes } from './decode-error.js';
import { ByteWriter, textEncoder } from './byte-writer.js';
import { buildDsParamsElement, buildSsidElement, buildSupportedRatesElement, ElementId, findElement, parseElements, ratesAre11bOnly, type Element } from './elements.js';
import { buildMgmtHeader, MgmtSubtype, parseMgmtHeader, type MgmtHeader } from './mgmt-header.js';
import { BROADCAST_MAC } from './mac-address.js';
import { buildVendorElements, concatVendorPayloads, P2P_VENDOR_TYPE, WPS_VENDOR_TYPE } from './vendor-elements.js';
import { P2pAttributeWriter, parseP2pAttributes, type P2pAttributes, type P2pChannel } from './p2p-attributes.js';
import { parseWpsAttributes, WpsAttr, WpsAttributeWriter, WPS_LIMITS, WPS_REQ_ENROLLEE, WPS_RESP_ENROLLEE_INFO, WPS_STATE_NOT_CONFIGURED, WPS_VERSION_1, type WpsAttributes } from './wps-attributes.js';
import type { DeviceType } from './device-type.js';
import { channel24ToFreq, opClassChannelToFreq } from './channels.js';

export const P2P_WILDCARD_SSID = textEncoder.encode('DIRECT-');
/** 6, 9, 12, 18, 24, 36, 48, 54 Mb/s with 6, 12, 24 basic (p2p_build_probe_resp_buf). */
export const P2P_OFDM_RATES = [0x8c, 0x12, 0x98, 0x24, 0xb0, 0x48, 0x60, 0x6c] as const;
/** Short preamble, privacy, short slot time (p2p_build_probe_resp_buf). */
export const P2P_PROBE_RESP_CAPABILITY = 0x0020 | 0x0010 | 0x0400;
const PROBE_RESP_FIXED_LEN = 12;

/** What a P2P Device says about itself in discovery frames. */
export interface P2pDeviceDescription {
  deviceAddress: Uint8Array;
  deviceName: string;
  primaryDeviceType: DeviceType;
  secondaryDeviceTypes?: DeviceType[];
  configMethods: number;
  deviceCapability: number;
  groupCapability: number;
  /** UUID-E of the WPS element (16 bytes). */
  uuid: Uint8Array;
  manufacturer?: string;
  modelName?: string;
  modelNumber?: string;
  serialNumber?: string;
}

function wpsProbeRequestAttributes(dev: P2pDeviceDescription): Uint8Array {
  const w = new WpsAttributeWriter()
    .u8(WpsAttr.VERSION, WPS_VERSION_1)
    .u8(WpsAttr.REQUEST_TYPE, WPS_REQ_ENROLLEE)
    .u16(WpsAttr.CONFIG_METHODS, dev.configMethods)
    .uuid(WpsAttr.UUID_E, dev.uuid)
    .deviceType(WpsAttr.PRIMARY_DEV_TYPE, dev.primaryDeviceType)
    .u8(WpsAttr.RF_BANDS, 0x01) // 2.4 GHz: discovery runs on the social channels
    .u16(WpsAttr.ASSOC_STATE, 0)
    .u16(WpsAttr.CONFIG_ERROR, 0)
    .u16(WpsAttr.DEV_PASSWORD_ID, 0)
    .text(WpsAttr.MANUFACTURER, dev.manufacturer ?? '', WPS_LIMITS.manufacturer)
    .text(WpsAttr.MODEL_NAME, dev.modelName ?? '', WPS_LIMITS.modelName)
    .text(WpsAttr.MODEL_NUMBER, dev.modelNumber ?? '', WPS_LIMITS.modelNumber)
    .deviceName(dev.deviceName)
    .wfaVersion2();
  return w.finish();
}

function wpsProbeResponseAttributes(dev: P2pDeviceDescription): Uint8Array {
  const w = new WpsAttributeWriter()
    .u8(WpsAttr.VERSION, WPS_VERSION_1)
    .u8(WpsAttr.WPS_STATE, WPS_STATE_NOT_CONFIGURED)
    .u8(WpsAttr.RESPONSE_TYPE, WPS_RESP_ENROLLEE_INFO)
    .uuid(WpsAttr.UUID_E, dev.uuid)
    .text(WpsAttr.MANUFACTURER, dev.manufacturer ?? '', WPS_LIMITS.manufacturer)
    .text(WpsAttr.MODEL_NAME, dev.modelName ?? '', WPS_LIMITS.modelName)
    .text(WpsAttr.MODEL_NUMBER, dev.modelNumber ?? '', WPS_LIMITS.modelNumber)
    .text(WpsAttr.SERIAL_NUMBER, dev.serialNumber ?? '', WPS_LIMITS.serialNumber)
    .deviceType(WpsAttr.PRIMARY_DEV_TYPE, dev.primaryDeviceType)
    .deviceName(dev.deviceName)
    .u16(WpsAttr.CONFIG_METHODS, dev.configMethods)
    .wfaVersion2();
  return w.finish();
}

export interface ProbeRequestOptions {
  /** Listen Channel attribute: where this device can be found between searches. */
  listenChannel?: P2pChannel;
  /** Device ID attribute: ask only the device with this P2P Device Address to answer. */
  targetDeviceId?: Uint8Array;
}

/**
 * The vendor elements of a P2P search probe request (WPS, then P2P), i.e. what goes
 * into NL80211_ATTR_IE of a scan on the P2P Device; the kernel adds SSID and rates.
 */
export function buildP2pProbeRequestIes(dev: P2pDeviceDescription, opts: ProbeRequestOptions = {}): Uint8Array {
  const p2p = new P2pAttributeWriter().capability(dev.deviceCapability, 0);
  if (opts.targetDeviceId) p2p.deviceId(opts.targetDeviceId);
  if (opts.listenChannel) p2p.listenChannel(opts.listenChannel);
  return new ByteWriter(256)
    .bytes(buildVendorElements(WPS_VENDOR_TYPE, wpsProbeRequestAttributes(dev)))
    .bytes(buildVendorElements(P2P_VENDOR_TYPE, p2p.finish()))
    .finish();
}

/** A whole broadcast P2P probe request frame, for frame-level TX and tests. */
export function buildP2pProbeRequest(dev: P2pDeviceDescription, opts: ProbeRequestOptions = {}): Uint8Array {
  return new ByteWriter(320)
    .bytes(buildMgmtHeader({ subtype: MgmtSubtype.PROBE_REQ, da: BROADCAST_MAC, sa: dev.deviceAddress, bssid: BROADCAST_MAC }))
    .bytes(buildSsidElement(P2P_WILDCARD_SSID))
    .bytes(buildSupportedRatesElement(P2P_OFDM_RATES))
    .bytes(buildP2pProbeRequestIes(dev, opts))
    .finish();
}

/** The vendor elements of a P2P probe response (WPS with all device attributes, then P2P). */
export function buildP2pProbeResponseIes(dev: P2pDeviceDescription): Uint8Array {
  const p2p = new P2pAttributeWriter()
    .capability(dev.deviceCapability, dev.groupCapability)
    .deviceInfo({
      address: dev.deviceAddress,
      configMethods: dev.configMethods,
      primaryDeviceType: dev.primaryDeviceType,
      secondaryDeviceTypes: dev.secondaryDeviceTypes ?? [],
      deviceName: dev.deviceName,
    });
  return new ByteWriter(320)
    .bytes(buildVendorElements(WPS_VENDOR_TYPE, wpsProbeResponseAttributes(dev)))
    .bytes(buildVendorElements(P2P_VENDOR_TYPE, p2p.finish()))
    .finish();
}

/** A probe response from the P2P Device to `da`, sent while listening on `channel`. */
export function buildP2pProbeResponse(dev: P2pDeviceDescription, da: Uint8Array, channel: number): Uint8Array {
  const fixed = new Uint8Array(PROBE_RESP_FIXED_LEN); // timestamp is filled in by the driver
  fixed[8] = 100; // beacon interval, TU
  fixed[10] = P2P_PROBE_RESP_CAPABILITY & 0xff;
  fixed[11] = P2P_PROBE_RESP_CAPABILITY >> 8;
  return new ByteWriter(400)
    .bytes(buildMgmtHeader({ subtype: MgmtSubtype.PROBE_RESP, da, sa: dev.deviceAddress, bssid: dev.deviceAddress }))
    .bytes(fixed)
    .bytes(buildSsidElement(P2P_WILDCARD_SSID))
    .bytes(buildSupportedRatesElement(P2P_OFDM_RATES))
    .bytes(buildDsParamsElement(channel))
    .bytes(buildP2pProbeResponseIes(dev))
    .finish();
}

/** The P2P-relevant content of an element list (frame body or scan result IEs). */
export interface P2pElements {
  elements: Element[];
  ssid?: Uint8Array;
  /** Channel of the DS Parameter Set element. */
  dsChannel?: number;
  /** True when the only rates advertised are 802.11b rates. */
  elevenBOnly: boolean;
  p2p?: P2pAttributes;
  wps?: WpsAttributes;
}

export function parseP2pElements(ies: Uint8Array): P2pElements {
  const elements = parseElements(ies);
  const ssid = findElement(elements, ElementId.SSID)?.data.slice();
  const ds = findElement(elements, ElementId.DS_PARAMS);
  const p2pPayload = concatVendorPayloads(elements, P2P_VENDOR_TYPE);
  const wpsPayload = concatVendorPayloads(elements, WPS_VENDOR_TYPE);
  return {
    elements,
    ssid,
    dsChannel: ds && ds.data.length >= 1 ? ds.data[0] : undefined,
    elevenBOnly: ratesAre11bOnly(elements),
    p2p: p2pPayload ? parseP2pAttributes(p2pPayload) : undefined,
    wps: wpsPayload ? parseWpsAttributes(wpsPayload) : undefined,
  };
}

export function isP2pWildcardSsid(ssid: Uint8Array | undefined): boolean {
  return ssid !== undefined && ssid.length === P2P_WILDCARD_SSID.length && ssid.every((b, i) => b === P2P_WILDCARD_SSID[i]);
}

export interface ProbeRequest extends P2pElements {
  header: MgmtHeader;
}

export function parseProbeRequest(frame: Uint8Array): ProbeRequest {
  const header = parseMgmtHeader(frame);
  if (header.subtype !== MgmtSubtype.PROBE_REQ) {
    throw new FrameDecodeError('bad_value', 'probe request', 0, `management subtype ${header.subtype}`);
  }
  return { header, ...parseP2pElements(frame.subarray(header.headerLength)) };
}

export interface ProbeResponse extends P2pElements {
  header: MgmtHeader;
  beaconIntervalTu: number;
  capability: number;
}

export function parseProbeResponse(frame: Uint8Array): ProbeResponse {
  const header = parseMgmtHeader(frame);
  if (header.subtype !== MgmtSubtype.PROBE_RESP) {
    throw new FrameDecodeError('bad_value', 'probe response', 0, `management subtype ${header.subtype}`);
  }
  const body = header.headerLength;
  requireBytes(frame.length, body, PROBE_RESP_FIXED_LEN, 'probe response fixed fields');
  return {
    header,
    beaconIntervalTu: frame[body + 8] | (frame[body + 9] << 8),
    capability: frame[body + 10] | (frame[body + 11] << 8),
    ...parseP2pElements(frame.subarray(body + PROBE_RESP_FIXED_LEN)),
  };
}

/** A discovered P2P Device as the peer list shows it. */
export interface P2pPeerInfo {
  deviceAddress: Uint8Array;
  deviceName: string;
  primaryDeviceType?: DeviceType;
  configMethods?: number;
  deviceCapability?: number;
  groupCapability?: number;
  listenFreq?: number;
}

/**
 * The peer a set of elements describes, as wpa_supplicant's p2p_add_device reads a scan
 * result: the device address from Device Info, else Device ID; the name from Device Info,
 * else the WPS Device Name. `rxFreq` is where the frame was heard; the DS Parameter Set
 * channel wins on 2.4 GHz. Returns undefined when the elements carry no P2P element or
 * no device address.
 */
export function p2pPeerFromElements(parsed: P2pElements, rxFreq?: number): P2pPeerInfo | undefined {
  const p2p = parsed.p2p;
  if (!p2p) return undefined;
  const deviceAddress = p2p.deviceInfo?.address ?? p2p.deviceId;
  if (!deviceAddress) return undefined;
  let listenFreq = rxFreq;
  if (rxFreq !== undefined && rxFreq >= 2412 && rxFreq <= 2484 && parsed.dsChannel !== undefined) {
    listenFreq = channel24ToFreq(parsed.dsChannel) ?? rxFreq;
  }
  if (listenFreq === undefined && p2p.listenChannel) {
    listenFreq = opClassChannelToFreq(p2p.listenChannel.opClass, p2p.listenChannel.channel);
  }
  return {
    deviceAddress,
    deviceName: p2p.deviceInfo?.deviceName ?? parsed.wps?.deviceName ?? '',
    primaryDeviceType: p2p.deviceInfo?.primaryDeviceType ?? parsed.wps?.primaryDeviceType,
    configMethods: p2p.deviceInfo?.configMethods ?? parsed.wps?.configMethods,
    deviceCapability: p2p.capability?.device,
    groupCapability: p2p.capability?.group,
    listenFreq,
  };
}
