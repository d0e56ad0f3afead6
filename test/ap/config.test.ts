// The `config ap` section: what the file alone can refuse, each with the message a user acts on.
import { describe, expect, it } from 'vitest';
import { ConfigService, formatProblem } from '../../core/config/index.js';
import { StderrLogger } from '../../core/log.js';
import { AP_SECTION, pmfOf } from '../../plugins/mld-ap/config.js';

function load(options: string): { config: ConfigService; problems: string[] } {
  const text = `config ap 'home'\n\toption phy 'phy0'\n\toption channel '6'\n\toption ssid 'wifid'\n${options}`;
  const config = new ConfigService('/etc/config/wifid', new StderrLogger('error', 'test', { write: () => {} }), undefined, () => text);
  config.register(AP_SECTION);
  return { config, problems: config.load().map(formatProblem) };
}

describe('config ap', () => {
  it('an open AP with defaults: htmode left to the radio, beacon 100 TU, DTIM 2, 2007 clients, no PMF', () => {
    const { config, problems } = load('');
    expect(problems).toEqual([]);
    const s = config.section(AP_SECTION, 'home')!.values;
    expect(s).toMatchObject({ phy: 'phy0', channel: 6, ssid: 'wifid', encryption: 'none', beacon_int: 100, dtim_period: 2, max_clients: 2007, hidden: false, sae_pwe: '2' });
    expect(s.htmode).toBeUndefined();
    expect(s.country).toBeUndefined();
    expect(pmfOf(s)).toBe(0);
  });

  it.each([
    ["\toption encryption 'psk2'\n\toption key 'short'\n", /passphrase of 8..63 printable ASCII characters or 64 hex digits is needed \(got 5 characters\)/],
    ["\toption encryption 'psk2'\n", /encryption psk2 needs a key/],
    ["\toption encryption 'psk2'\n\toption key '" + 'x'.repeat(64) + "'\n", /64 hex digits is needed \(got 64 characters\)/],
    ["\toption encryption 'psk2-sha256'\n\toption key 'secret passphrase'\n\toption ieee80211w '0'\n", /psk2-sha256 \(AKM 6\) needs management frame protection: ieee80211w 1 or 2, not 0/],
    ["\toption key 'secret passphrase'\n", /key is given but encryption is none/],
    ["\toption encryption 'sae-ext'\n\toption key 'pw'\n\toption sae_pwe '0'\n", /sae-ext \(AKM 24\) uses hash-to-element: sae_pwe 1 or 2, not 0/],
    ["\toption encryption 'sae-ext'\n\toption key 'pw'\n\toption ieee80211w '0'\n", /sae-ext \(WPA3-Personal\) needs management frame protection: ieee80211w 1 or 2, not 0/],
    ["\toption encryption 'sae-ext'\n", /encryption sae-ext needs a key/],
    ["\toption encryption 'sae-ext'\n\toption key '" + 'x'.repeat(129) + "'\n", /key/],
    ["\toption encryption 'sae_ext'\n\toption key 'pw'\n", /encryption.*one of none, psk2, psk2-sha256, sae, sae-mixed, sae-ext/],
    ["\toption channel '234'\n", /channel.*integer in 1..233/],
    ["\toption htmode 'HT80'\n", /htmode.*one of NOHT/],
    ["\toption country 'us'\n", /country.*two capital letters/],
    ["\toption ifname 'a-name-longer-than-15'\n", /ifname/],
  ])('refuses %j: section left out', (options, message) => {
    const { config, problems } = load(options);
    expect(problems.join('\n')).toMatch(message);
    expect(problems.join('\n')).toMatch(/section of type 'ap' left out/);
    expect(config.section(AP_SECTION, 'home')).toBeUndefined();
  });

  it('psk2-sha256 defaults to PMF required, sae-mixed to PMF capable; 64 hex digits are a PSK', () => {
    expect(pmfOf(load("\toption encryption 'psk2-sha256'\n\toption key 'secret passphrase'\n").config.section(AP_SECTION, 'home')!.values)).toBe(2);
    expect(pmfOf(load("\toption encryption 'sae-mixed'\n\toption key 'secret passphrase'\n").config.section(AP_SECTION, 'home')!.values)).toBe(1);
    expect(load(`\toption encryption 'psk2'\n\toption key '${'ab'.repeat(32)}'\n`).problems).toEqual([]);
  });

  it('sae-ext: PMF required by default, any 1..128-character password, sae_pwe 1 or 2', () => {
    for (const pwe of ['1', '2']) {
      const { config, problems } = load(`\toption encryption 'sae-ext'\n\toption key 'pw'\n\toption sae_pwe '${pwe}'\n`);
      expect(problems).toEqual([]);
      expect(pmfOf(config.section(AP_SECTION, 'home')!.values)).toBe(2);
    }
  });
});
