import { describe, expect, it } from 'vitest';
import { ConfigService } from '../../core/config/index.js';
import { StderrLogger } from '../../core/log.js';
import { configMethodsBits, P2P_SECTION } from '../../plugins/p2p-device/config.js';
import { deviceTypeToString } from '../../core/ieee80211/device-type.js';

const quiet = new StderrLogger('error', 'test', { write: () => undefined });
const load = (text: string) => {
  const c = new ConfigService('/etc/config/wifid', quiet, undefined, () => text);
  c.register(P2P_SECTION);
  c.load();
  return c;
};

describe('config p2p', () => {
  it('reads device name, type, listen channel and config methods', () => {
    const c = load(`
config p2p 'p2p'
\toption device_name 'Büro-Router'
\toption device_type '10-0050F204-5'
\toption listen_channel '11'
\tlist config_methods 'push_button'
\tlist config_methods 'display'
`);
    const v = c.values(P2P_SECTION, 'p2p');
    expect(v.device_name).toBe('Büro-Router');
    expect(deviceTypeToString(v.device_type)).toBe('10-0050F204-5');
    expect(v.listen_channel).toBe('11');
    expect(configMethodsBits(v.config_methods)).toBe(0x0088);
  });

  it('falls back to the defaults without a section', () => {
    const v = load('').values(P2P_SECTION, 'p2p');
    expect(v.device_name).toBe('OpenWrt');
    expect(deviceTypeToString(v.device_type)).toBe('6-0050F204-1');
    expect(v.listen_channel).toBe('6');
    expect(v.peer_expiry).toBe(60);
  });

  it.each([
    ['a listen channel off the social channels', "option listen_channel '3'"],
    ['a device name over 32 bytes', `option device_name '${'ä'.repeat(17)}'`],
    ['a malformed device type', "option device_type '1-0050F204'"],
  ])('reports %s and keeps the section out', (_n, line) => {
    const c = load(`config p2p 'p2p'\n\t${line}\n`);
    expect(c.problems().some((p) => p.severity === 'error')).toBe(true);
    expect(c.sections(P2P_SECTION)).toEqual([]);
  });
});
