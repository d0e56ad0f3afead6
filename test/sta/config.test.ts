// The `config sta` and `config sta_network` sections: what the file alone refuses, each
// with the message a user acts on, and a network naming no station reported in status.
import { describe, expect, it } from 'vitest';
import { ConfigService, formatProblem, type ConfigProblem } from '../../core/config/index.js';
import { StderrLogger } from '../../core/log.js';
import { networkPmf, STA_NETWORK_SECTION, STA_SECTION } from '../../plugins/sta-mlo/config.js';
import { StaManager } from '../../plugins/sta-mlo/sta-manager.js';
import type { StationServices } from '../../plugins/sta-mlo/station-services.js';

const quiet = new StderrLogger('error', 'test', { write: () => {} });

function load(text: string): { config: ConfigService; problems: string[] } {
  const config = new ConfigService('/etc/config/wifid', quiet, undefined, () => text);
  config.register(STA_SECTION);
  config.register(STA_NETWORK_SECTION);
  return { config, problems: config.load().map(formatProblem) };
}

const STA = "config sta 'uplink'\n\toption phy 'phy2'\n";
const network = (options: string): string => `${STA}config sta_network\n\toption sta 'uplink'\n\toption ssid 'home'\n${options}`;

describe('config sta / sta_network', () => {
  it('defaults: ifname left to the plugin, an open network with mlo on, priority 0, no PMF', () => {
    const { config, problems } = load(network(''));
    expect(problems).toEqual([]);
    expect(config.section(STA_SECTION, 'uplink')!.values).toEqual({ phy: 'phy2', ifname: undefined });
    const [n] = config.sections(STA_NETWORK_SECTION);
    expect(n!.values).toMatchObject({ sta: 'uplink', ssid: 'home', encryption: 'none', mlo: true, priority: 0 });
    expect(n!.values.bssid).toBeUndefined();
    expect(networkPmf(n!.values)).toBe(0);
  });

  it('sae and psk2-sha256 default to PMF required; a bssid is normalised to lower case', () => {
    const sae = load(network("\toption encryption 'sae'\n\toption key 'pw'\n\toption bssid '02:00:00:00:0A:00'\n")).config.sections(STA_NETWORK_SECTION)[0]!.values;
    expect(networkPmf(sae)).toBe(2);
    expect(sae.bssid).toBe('02:00:00:00:0a:00');
    const sha = load(network("\toption encryption 'psk2-sha256'\n\toption key 'secret passphrase'\n")).config.sections(STA_NETWORK_SECTION)[0]!.values;
    expect(networkPmf(sha)).toBe(2);
  });

  it.each([
    ["\toption encryption 'psk2'\n\toption key 'short'\n", /passphrase of 8..63 printable ASCII characters or 64 hex digits is needed \(got 5 characters\)/],
    ["\toption encryption 'sae'\n", /encryption sae needs a key/],
    ["\toption encryption 'sae'\n\toption key 'pw'\n\toption ieee80211w '0'\n", /sae \(WPA3-Personal\) needs management frame protection/],
    ["\toption encryption 'psk2-sha256'\n\toption key 'secret passphrase'\n\toption ieee80211w '0'\n", /psk2-sha256 \(AKM 6\) needs management frame protection/],
    ["\toption encryption 'wep'\n", /encryption.*one of none, psk2, psk2-sha256, sae/],
    ["\toption key 'secret passphrase'\n", /key is given but encryption is none/],
    ["\toption bssid '03:00:00:00:00:01'\n", /bssid.*unicast MAC address/],
    ["\toption mlo 'maybe'\n", /mlo.*boolean/],
    ["\toption priority '-1'\n", /priority.*integer in 0..1000/],
  ])('refuses network %j: section left out', (options, message) => {
    const { config, problems } = load(network(options));
    expect(problems.join('\n')).toMatch(message);
    expect(problems.join('\n')).toMatch(/section of type 'sta_network' left out/);
    expect(config.sections(STA_NETWORK_SECTION)).toEqual([]);
    expect(config.section(STA_SECTION, 'uplink')).toBeDefined();
  });

  it.each([
    ["config sta 'uplink'\n", /phy/],
    ["config sta 'uplink'\n\toption phy 'phy2'\n\toption ifname 'a-name-longer-than-15'\n", /ifname/],
    ["config sta_network\n\toption ssid 'home'\n", /sta/],
    ["config sta_network\n\toption sta 'uplink'\n\toption ssid '" + 'x'.repeat(33) + "'\n", /SSID of 1..32 bytes/],
  ])('refuses %j', (text, message) => {
    expect(load(text).problems.join('\n')).toMatch(message);
  });

  it('a network naming no valid station is reported (file, line, option sta), and no station starts', async () => {
    const { config } = load("config sta_network\n\toption sta 'nowhere'\n\toption ssid 'home'\n");
    let reported: ConfigProblem[] = [];
    const services = { log: quiet } as unknown as StationServices;
    const stations = new StaManager(config, services, (p) => void (reported = p));
    await stations.sync();
    expect(reported.map(formatProblem).join('\n')).toMatch(/wifid:1: section '@sta_network\[0\]' option 'sta': no valid sta section named 'nowhere' \(valid: none\): network 'home' is not used/);
    expect(await stations.status()).toEqual([]);
    await expect(stations.status('nowhere')).rejects.toThrow(/no station named 'nowhere' \(configured: none\)/);
  });

  it('networks of a station: highest priority first, file order among equals', () => {
    const text = `${STA}config sta_network\n\toption sta 'uplink'\n\toption ssid 'a'\n`
      + "config sta_network\n\toption sta 'uplink'\n\toption ssid 'b'\n\toption priority '5'\n"
      + "config sta_network\n\toption sta 'other'\n\toption ssid 'c'\n"
      + "config sta_network\n\toption sta 'uplink'\n\toption ssid 'd'\n";
    const { config } = load(text);
    const stations = new StaManager(config, { log: quiet } as unknown as StationServices, () => {});
    expect(stations.networks('uplink').map((n) => n.ssid)).toEqual(['b', 'a', 'd']);
  });
});
