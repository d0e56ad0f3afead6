import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CORE_SECTION, PLUGIN_SECTION } from '../../core/config/core-sections.js';
import { intType } from '../../core/config/option-types.js';
import { defineSection, formatProblem, option } from '../../core/config/schema.js';
import { ConfigService } from '../../core/config/service.js';
import { StderrLogger } from '../../core/log.js';

const RADIO = defineSection({ type: 'radio', doc: '', naming: 'named', options: { channel: option(intType(1, 13), 'channel', 1) } });

let dir: string;
let path: string;
let logged: string[];
const logger = () => new StderrLogger('debug', 'wifid', { write: (l: string) => { logged.push(l); } });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wifid-config-'));
  path = join(dir, 'wifid');
  logged = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ConfigService', () => {
  it('loads typed sections and enabled plugins', () => {
    writeFileSync(path, "config wifid 'core'\n option log_level debug\nconfig plugin 'p2p_device'\nconfig plugin 'mld_ap'\n option enabled 0\n");
    const config = new ConfigService(path, logger());
    expect(config.load()).toEqual([]);
    expect(config.values(CORE_SECTION, 'core').log_level).toBe('debug');
    expect(config.sections(PLUGIN_SECTION).map((s) => [s.name, s.values.enabled])).toEqual([['p2p_device', true], ['mld_ap', false]]);
    expect([...config.enabledPlugins(['p2p-device', 'mld-ap', 'sta-mlo'])]).toEqual(['p2p-device']);
  });

  it('starts with the valid sections and reports the rest, also to the log', () => {
    writeFileSync(path, "config wifid 'core'\n option log_level loud\nconfig plugin 'p2p_device'\n option enabled maybe\nconfig plugin 'sta_mlo'\nconfig nonsense\n");
    const config = new ConfigService(path, logger());
    const problems = config.load().map(formatProblem);
    expect(problems).toContain(`${path}:2: section 'core' option 'log_level': invalid value 'loud': expected one of error, warn, notice, info, debug`);
    expect(problems).toContain(`${path}:4: section 'p2p_device' option 'enabled': invalid value 'maybe': expected a boolean: 1/0, yes/no, on/off, true/false, enabled/disabled`);
    expect(problems).toContain(`${path}:6: warning: unknown section type 'nonsense' (no plugin declares it), ignored`);
    expect(config.values(CORE_SECTION).log_level).toBe('info'); // default: the core section was left out
    expect([...config.enabledPlugins(['p2p-device', 'sta-mlo'])]).toEqual(['sta-mlo']);
    expect(logged.some((l) => l.startsWith('error: wifid/config: ') && l.includes("option 'log_level'"))).toBe(true);
  });

  it('a missing file is a problem, not a crash; defaults apply', () => {
    const config = new ConfigService(join(dir, 'absent'), logger());
    expect(config.load().map(formatProblem)).toEqual([`${join(dir, 'absent')}:0: cannot read the configuration: no such file`]);
    expect(config.values(CORE_SECTION).log_level).toBe('info');
  });

  it('validates sections of a type registered after loading (a plugin registering its schema)', () => {
    writeFileSync(path, "config radio 'r0'\n option channel 6\nconfig radio 'r1'\n option channel 99\n");
    const config = new ConfigService(path, logger());
    expect(config.load().map((p) => p.message)).toEqual([
      "unknown section type 'radio' (no plugin declares it), ignored",
      "unknown section type 'radio' (no plugin declares it), ignored",
    ]);
    config.register(RADIO);
    expect(config.sections(RADIO).map((s) => [s.name, s.values.channel])).toEqual([['r0', 6]]);
    expect(config.problems().map((p) => [p.line, p.option])).toEqual([[4, 'channel'], [3, undefined]]);
  });

  it('reload() reports per section what was added, removed and changed, and tells listeners', async () => {
    writeFileSync(path, "config wifid 'core'\nconfig plugin 'p2p_device'\nconfig plugin 'mld_ap'\nconfig radio 'r0'\n option channel 6\n");
    const config = new ConfigService(path, logger());
    config.register(RADIO);
    config.load();
    const seen: string[][] = [];
    const off = config.onReload((r) => { seen.push(r.changes.map((c) => `${c.kind} ${c.ref}`)); });
    writeFileSync(path, "config wifid 'core'\n option log_level debug\nconfig plugin 'p2p_device'\n option enabled 0\nconfig radio 'r0'\n option channel 6\nconfig plugin 'sta_mlo'\n");
    const result = await config.reload();
    expect(result.applied).toBe(true);
    expect(result.changes).toEqual([
      { kind: 'changed', type: 'wifid', ref: 'core', options: ['log_level'] },
      { kind: 'changed', type: 'plugin', ref: 'p2p_device', options: ['enabled'] },
      { kind: 'removed', type: 'plugin', ref: 'mld_ap', options: ['enabled'] },
      { kind: 'added', type: 'plugin', ref: 'sta_mlo', options: ['enabled'] },
    ]);
    expect(seen).toEqual([['changed core', 'changed p2p_device', 'removed mld_ap', 'added sta_mlo']]);
    expect(config.isPluginEnabled('p2p-device')).toBe(false);
    off();
    expect((await config.reload()).changes).toEqual([]);
    expect(seen).toHaveLength(1);
  });

  it('a section that turns invalid on reload is reported removed; an unreadable file keeps the configuration', async () => {
    writeFileSync(path, "config radio 'r0'\n option channel 6\n");
    const config = new ConfigService(path, logger());
    config.register(RADIO);
    config.load();
    writeFileSync(path, "config radio 'r0'\n option channel 60\n");
    const bad = await config.reload();
    expect(bad.changes).toEqual([{ kind: 'removed', type: 'radio', ref: 'r0', options: ['channel'] }]);
    expect(bad.problems.map(formatProblem)[0]).toBe(`${path}:2: section 'r0' option 'channel': invalid value '60': expected an integer in 1..13`);
    writeFileSync(path, "config radio 'r0'\n option channel 11\n");
    await config.reload();
    rmSync(path);
    const gone = await config.reload();
    expect(gone.applied).toBe(false);
    expect(config.section(RADIO, 'r0')!.values.channel).toBe(11);
  });

  it('a throwing listener is logged and the others still run', async () => {
    writeFileSync(path, "config wifid 'core'\n");
    const config = new ConfigService(path, logger());
    config.load();
    let ran = false;
    config.onReload(() => { throw new Error('boom'); });
    config.onReload(() => { ran = true; });
    await config.reload();
    expect(ran).toBe(true);
    expect(logged.some((l) => l.includes('reload listener failed: boom'))).toBe(true);
  });
});

// libuci (file.c, strict by default) refuses a whole file at its first syntax error;
// these are the cases, each checked against what uci_import does.
describe('ConfigService: a file libuci would refuse is refused whole', () => {
  const GOOD = "config wifid 'core'\nconfig plugin 'p2p_device'\n option enabled 1\n";

  async function reloadWith(text: string) {
    writeFileSync(path, GOOD);
    const config = new ConfigService(path, logger());
    config.load();
    expect(config.isPluginEnabled('p2p-device')).toBe(true);
    logged = [];
    writeFileSync(path, text);
    return { config, result: await config.reload() };
  }

  it.each([
    ['a syntax error (libuci: invalid command)', `${GOOD}confg plugin 'sta_mlo'\n`, `${'invalid command'}`, 4],
    ['an unterminated quote (libuci: EOF with unterminated \')', `${GOOD}config plugin 'sta_mlo\n option enabled 1\n`, "EOF with unterminated '", 5],
    ['a name reused with another type (libuci, strict: section of different type overwrites prior section)', `${GOOD}config wifid 'p2p_device'\n`, "section 'p2p_device' of type 'wifid' overwrites prior section of type 'plugin' (line 2)", 4],
  ])('%s: the configuration in force stays, the refusal is kept with file:line and logged', async (_case, text, message, line) => {
    const { config, result } = await reloadWith(text);
    expect(result.applied).toBe(false);
    expect(config.isPluginEnabled('p2p-device')).toBe(true);
    const refused = config.refused().map(formatProblem);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain(`${path}:${line}: ${message}`);
    expect(config.problems().map(formatProblem)).toContain(refused[0]);
    expect(logged.some((l) => l.startsWith('error: wifid/config: ') && l.includes(`${path}:${line}: `))).toBe(true);
    expect(logged.some((l) => l.includes('refused whole') && l.includes('the configuration in force stays'))).toBe(true);
    // Fixed and reloaded: applied, the refusal is gone.
    writeFileSync(path, GOOD.replace('enabled 1', 'enabled 0'));
    expect((await config.reload()).applied).toBe(true);
    expect(config.refused()).toEqual([]);
    expect(config.isPluginEnabled('p2p-device')).toBe(false);
  });

  it('an empty file is a valid empty package to libuci: applied (every plugin off) and warned about', async () => {
    const { config, result } = await reloadWith('');
    expect(result.applied).toBe(true);
    expect(config.refused()).toEqual([]);
    expect(config.isPluginEnabled('p2p-device')).toBe(false);
    expect(config.problems().map(formatProblem)).toEqual([`${path}:0: warning: no sections (an empty package to uci): every plugin is off`]);
    expect(logged.some((l) => l.startsWith('warn: wifid/config: ') && l.includes('no sections'))).toBe(true);
  });

  it('at start a refused file leaves no configuration in force, not its valid sections', () => {
    writeFileSync(path, `${GOOD}config plugin 'bad-name'\n`);
    const config = new ConfigService(path, logger());
    expect(config.load().map(formatProblem)[0]).toContain(`${path}:4: invalid character in name field ('bad-name'`);
    expect(config.isPluginEnabled('p2p-device')).toBe(false);
    expect(config.refused()).toHaveLength(1);
  });
});

describe('ConfigService: what libuci accepts but is likely a slip is warned about', () => {
  it("a plugin section naming no plugin (p2p_devcie)", () => {
    writeFileSync(path, "config plugin 'p2p_devcie'\n option enabled 1\n");
    const config = new ConfigService(path, logger());
    config.declarePlugins(['p2p-device', 'mld-ap']);
    expect(config.load().map(formatProblem)).toEqual([
      `${path}:1: warning: section 'p2p_devcie': no plugin is named 'p2p_devcie' (there are: p2p_device, mld_ap), ignored`,
    ]);
    expect(logged.some((l) => l.startsWith('warn: wifid/config: ') && l.includes("'p2p_devcie'"))).toBe(true);
  });

  it('a named section repeated: merged as uci does, and warned about', () => {
    writeFileSync(path, "config plugin 'p2p_device'\n option enabled 0\nconfig plugin 'p2p_device'\n option enabled 1\n");
    const config = new ConfigService(path, logger());
    expect(config.load().map(formatProblem)).toEqual([
      `${path}:3: warning: section 'p2p_device' repeated (first on line 1): its options are merged into the first, as uci does`,
    ]);
    expect(config.isPluginEnabled('p2p-device')).toBe(true);
  });

  it("an anonymous or extra section where one named section is expected (config wifid 'core')", () => {
    writeFileSync(path, "config wifid\n option log_level debug\nconfig wifid 'other'\n option log_level error\n");
    const config = new ConfigService(path, logger());
    expect(config.load().map(formatProblem)).toEqual([
      `${path}:1: warning: section '@wifid[0]': expected config wifid 'core'; read this anonymous section as it`,
      `${path}:3: warning: section 'other': only one 'wifid' section is read (config wifid 'core', line 1), this one is ignored`,
    ]);
    expect(config.values(CORE_SECTION).log_level).toBe('debug');
  });

  it('an anonymous plugin section is an error naming the section, not dropped silently', () => {
    writeFileSync(path, "config plugin\n option enabled 1\n");
    const config = new ConfigService(path, logger());
    expect(config.load().map(formatProblem)).toEqual([
      `${path}:1: section '@plugin[0]': a 'plugin' section needs a name (config plugin '<name>')`,
      `${path}:1: section '@plugin[0]': section of type 'plugin' left out because of the errors above`,
    ]);
  });
});
