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
