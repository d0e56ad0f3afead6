import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, parseArgs } from '../../core/options.js';

describe('parseArgs', () => {
  it('gives the OpenWrt defaults without flags', () => {
    expect(parseArgs([])).toEqual({ help: false, options: DEFAULT_OPTIONS });
  });
  it('takes -c, -s and repeated -v in short and long forms', () => {
    expect(parseArgs(['-c', '/tmp/w', '--socket', '/tmp/u.sock', '-v', '-vv'])).toEqual({
      help: false, options: { configPath: '/tmp/w', socketPath: '/tmp/u.sock', verbose: 3 },
    });
    expect(parseArgs(['--config=/a', '--socket=/b'])).toMatchObject({ options: { configPath: '/a', socketPath: '/b' } });
  });
  it('answers help for -h and --help', () => {
    expect(parseArgs(['-v', '--help'])).toEqual({ help: true });
  });
  it('names an unknown flag and a flag missing its value', () => {
    expect(() => parseArgs(['-x'])).toThrow("unknown option '-x'");
    expect(() => parseArgs(['-c'])).toThrow('option -c needs a value');
  });
});
