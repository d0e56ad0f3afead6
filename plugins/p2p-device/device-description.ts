// What a wifid P2P Device says about itself, from the `p2p` UCI section and the
// wdev's address.
import { nodeCrypto } from '../../core/crypto/node-crypto.js';
import type { P2pDeviceDescription } from '../../core/ieee80211/p2p-probe.js';
import { configMethodsBits, type P2pSettings } from './config.js';

/**
 * A name-based (version 5 style) UUID-E from the device address, so the UUID stays the
 * same for one address across restarts, as wpa_supplicant's uuid_gen_mac_addr does.
 */
export function uuidFromAddress(address: Uint8Array): Uint8Array {
  const hash = nodeCrypto().createHash('sha1').update('wifid-p2p-uuid').update(address).digest();
  const uuid = new Uint8Array(hash.subarray(0, 16));
  uuid[6] = (uuid[6] & 0x0f) | 0x50;
  uuid[8] = (uuid[8] & 0x3f) | 0x80;
  return uuid;
}

export function describeDevice(settings: P2pSettings, address: Uint8Array): P2pDeviceDescription {
  return {
    deviceAddress: address,
    deviceName: settings.device_name,
    primaryDeviceType: settings.device_type,
    configMethods: configMethodsBits(settings.config_methods),
    // wifid does not form groups yet: it claims no device or group capability.
    deviceCapability: 0,
    groupCapability: 0,
    uuid: uuidFromAddress(address),
    manufacturer: 'OpenWrt',
    modelName: 'wifid',
    modelNumber: '1',
    serialNumber: '',
  };
}
