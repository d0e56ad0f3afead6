import { describe, expect, it } from 'vitest';
import { boolType, customType, enumType, intType, macType, stringType } from '../../core/config/option-types.js';
import { SchemaRegistry } from '../../core/config/registry.js';
import { defineSection, formatProblem, listOption, option, optionalOption, requiredOption, validateSection } from '../../core/config/schema.js';
import { parseUci } from '../../core/config/uci-parser.js';

const F = '/etc/config/wifid';

// The shape of a plugin-owned section, as the P2P plugin declares it.
const P2P = defineSection({
  type: 'p2p',
  doc: 'P2P device settings',
  naming: 'any',
  options: {
    device_name: option(stringType({ minLength: 1, maxLength: 32 }), 'WPS device name', 'OpenWrt'),
    primary_device_type: option(customType('category-OUI-subcategory like 1-0050F204-1',
      (raw) => /^\d{1,5}-[0-9A-Fa-f]{8}-\d{1,5}$/.test(raw) ? raw.toUpperCase() : undefined, String), 'WPS primary device type', '1-0050F204-1'),
    listen_channel: option(intType(1, 11), 'social channel for listen', 6),
    go_intent: option(intType(0, 15), 'group owner intent', 7),
    persistent: option(boolType, 'allow persistent groups', false),
    mode: option(enumType(['auto', 'client'] as const), 'role', 'auto'),
    peer: optionalOption(macType, 'preferred peer'),
    ssid_postfix: requiredOption(stringType({ maxLength: 23 }), 'SSID postfix'),
    channels: listOption(intType(1, 11), 'allowed channels', [1, 6, 11]),
  },
  check: (v) => (v.channels.includes(v.listen_channel) ? undefined : `listen_channel ${v.listen_channel} is not among channels`),
});

function validate(text: string) {
  const doc = parseUci(text, F);
  expect(doc.errors).toEqual([]);
  return validateSection(P2P, doc.sections[0], F);
}

describe('option types', () => {
  it('booleans as uci spells them', () => {
    for (const t of ['1', 'yes', 'on', 'true', 'enabled']) expect(boolType.parse(t)).toEqual({ ok: true, value: true });
    for (const f of ['0', 'no', 'off', 'false', 'disabled']) expect(boolType.parse(f)).toEqual({ ok: true, value: false });
    for (const b of ['', '2', 'Yes ', 'maybe']) expect(boolType.parse(b).ok).toBe(false);
  });

  it('integers with ranges', () => {
    const t = intType(1, 11);
    expect(t.parse('6')).toEqual({ ok: true, value: 6 });
    expect(t.parse('+11')).toEqual({ ok: true, value: 11 });
    expect(t.parse('12')).toEqual({ ok: false, expected: 'an integer in 1..11' });
    for (const b of ['', '0x6', '6.0', '1e1', ' 6', '99999999999999999']) expect(t.parse(b).ok).toBe(false);
  });

  it('MAC addresses normalised to lower case with colons', () => {
    expect(macType.parse('02:00:00:AA:bb:0C')).toEqual({ ok: true, value: '02:00:00:aa:bb:0c' });
    expect(macType.parse('02-00-00-aa-bb-0c')).toEqual({ ok: true, value: '02:00:00:aa:bb:0c' });
    for (const b of ['02:00:00:aa:bb', '02:00-00:aa:bb:0c', '02:00:00:aa:bb:0g', '0200.00aa.bb0c']) expect(macType.parse(b).ok).toBe(false);
  });

  it('strings count characters, not bytes', () => {
    expect(stringType({ maxLength: 3 }).parse('ééé').ok).toBe(true);
    expect(stringType({ maxLength: 3 }).parse('éééé').ok).toBe(false);
  });
});

describe('validateSection', () => {
  it('fills defaults and types the values', () => {
    const r = validate("config p2p 'p2p'\n option ssid_postfix 'x'\n option listen_channel 11\n option persistent yes\n list channels 11\n");
    expect(r.problems).toEqual([]);
    expect(r.section!.values).toEqual({
      device_name: 'OpenWrt', primary_device_type: '1-0050F204-1', listen_channel: 11, go_intent: 7, persistent: true,
      mode: 'auto', peer: undefined, ssid_postfix: 'x', channels: [11],
    });
  });

  it('a single option line counts as a one-item list', () => {
    expect(validate("config p2p\n option ssid_postfix x\n option channels 6\n").section!.values.channels).toEqual([6]);
  });

  it('leaves the section out and names file, line, section and option of every error', () => {
    const r = validate("config p2p 'p2p'\n option listen_channel 13\n option peer nope\n list mode auto\n option go_intent 3\n");
    expect(r.section).toBeUndefined();
    expect(r.problems.map(formatProblem)).toEqual([
      `${F}:1: section 'p2p' option 'ssid_postfix': required option is missing (text of at most 23 characters)`,
      `${F}:2: section 'p2p' option 'listen_channel': invalid value '13': expected an integer in 1..11`,
      `${F}:3: section 'p2p' option 'peer': invalid value 'nope': expected a MAC address like aa:bb:cc:dd:ee:ff`,
      `${F}:4: section 'p2p' option 'mode': is a list, expected one value: one of auto, client`,
    ]);
  });

  it('names anonymous sections @type[N] and runs the cross-option check', () => {
    const doc = parseUci('config p2p\n option ssid_postfix a\nconfig p2p\n option ssid_postfix b\n option listen_channel 1\n list channels 6\n', F);
    const r = validateSection(P2P, doc.sections[1], F);
    expect(r.problems.map(formatProblem)).toEqual([`${F}:3: section '@p2p[1]': listen_channel 1 is not among channels`]);
  });

  it('warns about unknown options and keeps the section', () => {
    const r = validate('config p2p\n option ssid_postfix a\n option colour blue\n');
    expect(r.section).toBeDefined();
    expect(r.problems.map(formatProblem)).toEqual([`${F}:3: warning: section '@p2p[0]' option 'colour': unknown option of a 'p2p' section, ignored`]);
  });

  it('requires a name where the schema says so', () => {
    const named = defineSection({ type: 'plugin', doc: '', naming: 'named', options: {} });
    const doc = parseUci('config plugin\n', F);
    expect(validateSection(named, doc.sections[0], F).problems[0].message).toMatch(/needs a name/);
  });

  it('rejects option names UCI cannot spell', () => {
    expect(() => defineSection({ type: 'x', doc: '', naming: 'any', options: { 'a-b': option(boolType, '', true) } })).toThrow(/not a valid UCI name/);
  });
});

describe('SchemaRegistry', () => {
  it('registers each type once', () => {
    const r = new SchemaRegistry();
    r.register(P2P);
    r.register(P2P);
    expect(r.all()).toEqual([P2P]);
    expect(() => r.register({ ...P2P })).toThrow(/'p2p' is registered twice/);
  });
});
