// Expected results follow libuci's file.c (uci_parse_line, parse_str, parse_*_quote,
// parse_backslash) and list.c (uci_set, uci_add_list, uci_fixup_section); the quirks
// around ';' were checked against `uci export` built from openwrt/uci (commit 66127cd).
import { describe, expect, it } from 'vitest';
import { anonymousSectionName, formatUciError, parseUci, type UciDocument } from '../../core/config/uci-parser.js';

const F = '/etc/config/wifid';

function options(doc: UciDocument, i = 0): Record<string, string | string[]> {
  return Object.fromEntries([...doc.sections[i].options.values()].map((o) => [o.name, o.value]));
}

describe('parseUci: sections', () => {
  it('reads named and anonymous sections with their lines and @type[N] indexes', () => {
    const doc = parseUci("config wifid 'core'\n\toption log_level 'debug'\n\nconfig plugin\nconfig plugin 'p2p_device'\n", F);
    expect(doc.errors).toEqual([]);
    expect(doc.sections.map((s) => [s.type, s.anonymous, s.index, s.line])).toEqual([
      ['wifid', false, 0, 1], ['plugin', true, 0, 4], ['plugin', false, 1, 5],
    ]);
    expect(doc.sections[0].name).toBe('core');
    expect(doc.sections[0].options.get('log_level')).toEqual({ name: 'log_level', line: 2, value: 'debug' });
  });

  it('names anonymous sections as libuci does (uci show firewall: cfg01e63d=defaults, cfg02dc81=zone)', () => {
    // OpenWrt's default /etc/config/firewall starts with defaults, zone, zone, forwarding.
    const doc = parseUci('config defaults\nconfig zone\nconfig zone\nconfig forwarding\n', F);
    expect(doc.sections.map((s) => s.name)).toEqual(['cfg01e63d', 'cfg02dc81', 'cfg03dc81', 'cfg04ad58']);
    expect(anonymousSectionName(3, 'device')).toBe('cfg030f15'); // network.cfg030f15=device
  });

  it('accepts the one-letter command forms and ; between commands', () => {
    const doc = parseUci("c wifid 'core'; o log_level debug ; l x 1 ; l x 2\n", F);
    expect(doc.errors).toEqual([]);
    expect(options(doc)).toEqual({ log_level: 'debug', x: ['1', '2'] });
  });

  it("ends the line at a ';' right after an unquoted word, as libuci does (its NUL overwrites the ';')", () => {
    const doc = parseUci('c wifid core; o log_level debug\n', F);
    expect(doc.errors).toEqual([]);
    expect(doc.sections.map((s) => [s.type, s.name])).toEqual([['wifid', 'core']]);
    expect(options(doc)).toEqual({});
  });

  it("rejects a ';' followed only by the end of the line after a quoted value, as libuci does", () => {
    expect(parseUci("config a 'n'\n option x 'b' ;\n", F).errors.map(formatUciError)).toEqual([`${F}:2: invalid command '\\x0a'`]);
  });

  it('merges a repeated named section of the same type and rejects one of another type', () => {
    const doc = parseUci("config a 'n'\n option x 1\nconfig a 'n'\n option y 2\nconfig b 'n'\n option z 3\n", F);
    expect(doc.sections).toHaveLength(1);
    expect(options(doc)).toEqual({ x: '1', y: '2' });
    expect(doc.errors.map(formatUciError)).toEqual([
      `${F}:5: section 'n' of type 'b' overwrites prior section of type 'a' (line 1)`,
    ]);
  });

  it('takes the package line and checks its name', () => {
    expect(parseUci('package wifid\nconfig a\n', F).packageName).toBe('wifid');
    expect(parseUci('package wi.fid\n', F).errors[0].message).toMatch(/invalid character in name field/);
  });
});

describe('parseUci: values', () => {
  it('unquoted, single- and double-quoted values, glued pieces', () => {
    const doc = parseUci(`config a
 option u plain
 option s 'two words'
 option d "say \\"hi\\" \\\\ \\n"
 option q 'back\\slash'
 option g a'b c'"d e"f
 option e "it's"
`, F);
    expect(doc.errors).toEqual([]);
    expect(options(doc)).toEqual({ u: 'plain', s: 'two words', d: 'say "hi" \\ n', q: 'back\\slash', g: 'ab cd ef', e: "it's" });
  });

  it('reads the quoting uci export writes for a single quote', () => {
    const doc = parseUci("config a\n\toption v 'it'\\''s'\n", F);
    expect(options(doc)).toEqual({ v: "it's" });
  });

  it('continues a line after a trailing backslash, and quoted values over several lines', () => {
    const doc = parseUci('config a\n option c foo\\\nbar\n option m "one\ntwo"\n option n \'x\ny\'\n option after 1\n', F);
    expect(doc.errors).toEqual([]);
    expect(options(doc)).toEqual({ c: 'foobar', m: 'one\ntwo', n: 'x\ny', after: '1' });
    expect(doc.sections[0].options.get('after')!.line).toBe(8);
  });

  it('ignores comments at line start, after arguments and inside an unquoted word', () => {
    const doc = parseUci('# head\n  # indented\nconfig a # c\n option x 1#2\n option y "#not"\n', F);
    expect(doc.errors).toEqual([]);
    expect(options(doc)).toEqual({ x: '1', y: '#not' });
  });

  it('list accumulates; list after option converts; option after list replaces; empty option deletes', () => {
    const doc = parseUci("config a\n list l 1\n list l ''\n option o 1\n list o 2\n list r 1\n option r 9\n option d x\n option d ''\n", F);
    expect(options(doc)).toEqual({ l: ['1', ''], o: ['1', '2'], r: '9' });
  });

  it('reads CRLF files', () => {
    const doc = parseUci("config a 'b'\r\n\toption x 'y'\r\n\toption z w\r\n", F);
    expect(doc.errors).toEqual([]);
    expect(options(doc)).toEqual({ x: 'y', z: 'w' });
  });
});

describe('parseUci: errors name file and line, and the rest is kept', () => {
  const cases: [string, string, RegExp][] = [
    ['invalid command', 'config a\nfoo bar\n', /:2: invalid command 'foo'/],
    ['config without type', 'config\n', /:1: invalid command 'config\\x0a'/],
    ['config without type at the end of the file', 'config', /:1: config without type/],
    ['config with a blank type', "config ''\n", /:1: insufficient arguments/],
    ['option without name', 'config a\noption \n', /:2: insufficient arguments/],
    ['bad option name', 'config a\noption my-opt 1\n', /:2: invalid character in name field \('my-opt'/],
    ['bad section name', "config a 'p2p-device'\n", /:1: invalid character in name field \('p2p-device'/],
    ['bad type', "config 'a b'\n", /:1: invalid character in type field/],
    ['too many arguments', 'config a b c\n', /:1: too many arguments \('c'\)/],
    ['option before section', 'option x 1\n', /:1: 'option' found before the first section/],
    ['unterminated single quote', "config a\noption x 'abc\n\n", /:3: EOF with unterminated ' \(command started on line 2\)/],
    ['unterminated double quote', 'config a\noption x "abc\n', /:2: EOF with unterminated "/],
  ];
  for (const [what, text, re] of cases) {
    it(what, () => {
      const doc = parseUci(text, F);
      expect(doc.errors).toHaveLength(1);
      expect(formatUciError(doc.errors[0])).toMatch(new RegExp(`^${F.replace(/\//g, '\\/')}${re.source}`));
    });
  }

  it('keeps going after errors and drops the options of a rejected section', () => {
    const doc = parseUci("config a 'ok'\n option x 1\n bogus\nconfig b 'bad-name'\n option lost 1\nconfig c 'fine'\n option y 2\n", F);
    expect(doc.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(doc.sections.map((s) => s.name)).toEqual(['ok', 'fine']);
    expect(options(doc, 0)).toEqual({ x: '1' });
    expect(options(doc, 1)).toEqual({ y: '2' });
  });

  it('an error mid-line keeps the commands before it on that line', () => {
    const doc = parseUci("config a 'n'; option x '1'; option bad-name 2; option y 3\n", F);
    expect(doc.errors).toHaveLength(1);
    expect(options(doc)).toEqual({ x: '1' });
  });

  it('passes over blank and comment lines whole, keeping the line numbers, and still reports a NUL byte in one', () => {
    const doc = parseUci('# head \\\n\v\f\r\n\t# c\0\n\n  #\nconfig a\n\n# x\n option x 1\n', F);
    expect(doc.errors.map(formatUciError)).toEqual([`${F}:3: NUL byte in line`]);
    expect(doc.sections[0]!.line).toBe(6);
    expect(doc.sections[0]!.options.get('x')!.line).toBe(9);
  });

  it('reports a NUL byte', () => {
    const doc = parseUci('config a\noption x 1\0\noption y 2\n', F);
    expect(doc.errors.map(formatUciError)).toEqual([`${F}:2: NUL byte in line`]);
    expect(options(doc)).toEqual({ y: '2' });
  });
});
