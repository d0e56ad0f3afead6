// The plugin's UCI section, `config p2p` in /etc/config/wifid:
//   config p2p 'p2p'
//       option device_name 'OpenWrt'
//       option device_type '6-0050F204-1'
//       option listen_channel '6'
import { customType, defineSection, enumType, intType, listOption, option, type SectionValues } from '../../core/config/index.js';
import { deviceTypeFromString, deviceTypeToString, type DeviceType } from '../../core/ieee80211/device-type.js';
import { WpsConfigMethod } from '../../core/ieee80211/wps-attributes.js';

const MAX_NAME_BYTES = 32;

const deviceNameType = customType<string>(
  `device name of 1..${MAX_NAME_BYTES} bytes (UTF-8), no control characters`,
  (raw) => {
    const bytes = Buffer.byteLength(raw, 'utf8');
    // eslint-disable-next-line no-control-regex
    return bytes >= 1 && bytes <= MAX_NAME_BYTES && !/[\x00-\x1f\x7f]/.test(raw) ? raw : undefined;
  },
  (v) => v,
);

const deviceTypeType = customType<DeviceType>(
  'WPS device type category-OUI-subcategory, e.g. 6-0050F204-1',
  (raw) => {
    try {
      return deviceTypeFromString(raw);
    } catch {
      return undefined;
    }
  },
  deviceTypeToString,
);

/** Config method names as wpa_supplicant's config_methods spells them. */
export const CONFIG_METHOD_NAMES = {
  display: WpsConfigMethod.DISPLAY,
  keypad: WpsConfigMethod.KEYPAD,
  push_button: WpsConfigMethod.PUSHBUTTON,
  virtual_push_button: WpsConfigMethod.VIRT_PUSHBUTTON,
  physical_push_button: WpsConfigMethod.PHY_PUSHBUTTON,
  virtual_display: WpsConfigMethod.VIRT_DISPLAY,
  physical_display: WpsConfigMethod.PHY_DISPLAY,
  label: WpsConfigMethod.LABEL,
  p2ps: WpsConfigMethod.P2PS,
} as const;
type ConfigMethodName = keyof typeof CONFIG_METHOD_NAMES;

export const P2P_SECTION = defineSection({
  type: 'p2p',
  doc: 'How wifid\'s P2P Devices present themselves in Wi-Fi P2P discovery (plugin p2p-device, ubus wifid.p2p).',
  naming: 'any',
  options: {
    device_name: option(deviceNameType, 'Device Name peers show (P2P Device Info and WPS Device Name), as wpa_supplicant\'s device_name.', 'OpenWrt'),
    device_type: option(deviceTypeType, 'Primary Device Type, as wpa_supplicant\'s device_type (6-0050F204-1: network infrastructure, AP).', deviceTypeFromString('6-0050F204-1')),
    listen_channel: option(enumType(['1', '6', '11'] as const), 'Listen channel: one of the 2.4 GHz social channels.', '6'),
    config_methods: listOption(enumType(Object.keys(CONFIG_METHOD_NAMES) as ConfigMethodName[]), 'WPS config methods advertised, as wpa_supplicant\'s config_methods.', ['push_button', 'display', 'keypad']),
    peer_expiry: option(intType(5, 3600), 'Seconds after which a peer not heard from is dropped (device_lost).', 60),
  },
});

export type P2pSettings = SectionValues<typeof P2P_SECTION>;

export function configMethodsBits(names: readonly string[]): number {
  return names.reduce((bits, n) => bits | (CONFIG_METHOD_NAMES[n as ConfigMethodName] ?? 0), 0);
}
