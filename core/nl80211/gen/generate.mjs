#!/usr/bin/env node
// Generates core/nl80211/gen/schema.generated.ts from the vendored kernel header
// (nl80211.h) and the attribute types declared in types.mjs.
//   node core/nl80211/gen/generate.mjs           write the generated file
//   node core/nl80211/gen/generate.mjs --check   exit 1 if the file on disk differs
// The header's enums give every name and number; names keep the kernel's spelling with
// the enum's common prefix dropped (NL80211_CMD_NEW_INTERFACE -> NEW_INTERFACE).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TYPES } from './types.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const HEADER = join(here, 'nl80211.h');
const OUTPUT = join(here, 'schema.generated.ts');
const HEADER_ORIGIN = 'Linux 6.12.117 include/uapi/linux/nl80211.h, from Debian linux-headers-6.12.117+deb12-common 6.12.117-1~deb12u1';

/** Removes C comments, keeping line structure irrelevant. */
function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}

/** Evaluates an enum value expression made of numbers, known names, + - << | and parens. */
function evaluate(expr, known, where) {
  const substituted = expr.replace(/\b(0x[0-9a-fA-F]+|\d+)[uUlL]+\b/g, '$1').replace(/[A-Za-z_][A-Za-z0-9_]*/g, (name) => {
    if (!(name in known)) throw new Error(`${where}: unknown name ${name} in "${expr}"`);
    return `(${known[name]})`;
  });
  if (!/^[\s0-9a-fA-Fx()+\-<|]*$/.test(substituted)) throw new Error(`${where}: cannot evaluate "${expr}"`);
  // C's 1U << 31 is unsigned; JavaScript's shift is signed 32-bit.
  const value = Number(Function(`"use strict"; return (${substituted});`)());
  return value < 0 && substituted.includes('<<') ? value >>> 0 : value;
}

function parseEnums(source) {
  const enums = new Map();
  const known = {};
  const re = /enum\s+(\w+)\s*\{([^}]*)\}\s*;/g;
  for (let m; (m = re.exec(source)); ) {
    const [, enumName, body] = m;
    const entries = [];
    let next = 0;
    for (const raw of body.split(',')) {
      const item = raw.trim();
      if (!item) continue;
      const eq = item.indexOf('=');
      const name = (eq < 0 ? item : item.slice(0, eq)).trim();
      if (!/^\w+$/.test(name)) throw new Error(`${enumName}: bad entry "${item}"`);
      const value = eq < 0 ? next : evaluate(item.slice(eq + 1).trim(), known, enumName);
      known[name] = value;
      entries.push({ name, value });
      next = value + 1;
    }
    enums.set(enumName, entries);
  }
  return enums;
}

function parseStringDefines(source) {
  const out = [];
  const re = /^#define\s+(NL80211_MULTICAST_GROUP_\w+)\s+"([^"]*)"/gm;
  for (let m; (m = re.exec(source)); ) out.push([m[1].slice('NL80211_MULTICAST_GROUP_'.length), m[2]]);
  return out;
}

const INTERNAL = /(^__.*_(INVALID|AFTER_LAST|LAST)$)|(^NUM_)|(_MAX$)|(^MAX_)|(_MAX_OLD_API$)|(^__.*_LAST$)/;

/** The common prefix of an enum's public names, ending at an underscore. */
function commonPrefix(names) {
  let prefix = names[0];
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf('_') + 1);
}

function shortNames(entries) {
  const publicNames = entries.map((e) => e.name).filter((n) => !INTERNAL.test(n) && !n.startsWith('__'));
  const prefix = publicNames.length > 1 ? commonPrefix(publicNames) : '';
  const strip = (n) => (n.startsWith('__' + prefix) ? '__' + n.slice(prefix.length + 2) : n.startsWith(prefix) ? n.slice(prefix.length) : n);
  return { prefix, strip };
}

const tsType = (type) => {
  const [kind, space] = type.split(':');
  switch (kind) {
    case 'u8': case 'u16': case 'u32': case 's8': case 's32': return 'number';
    case 'u64': return 'bigint';
    case 'flag': return 'true';
    case 'string': case 'mac': return 'string';
    case 'binary': return 'Uint8Array';
    case 'nested': return `Attrs_${space}`;
    case 'list': return `Attrs_${space}[]`;
    case 'map': return `Partial<Record<number, Attrs_${space}>>`;
    case 'indexFlags': case 'u32List': return 'number[]';
    default: throw new Error(`unknown type ${type}`);
  }
};

function generate() {
  const header = readFileSync(HEADER, 'utf8');
  const source = stripComments(header);
  const enums = parseEnums(source);
  const groups = parseStringDefines(header);
  const lines = [];
  const out = (s = '') => lines.push(s);
  out('// GENERATED FILE, DO NOT EDIT: regenerate with `node core/nl80211/gen/generate.mjs`.');
  out(`// Source: ${HEADER_ORIGIN}`);
  out('// (vendored as core/nl80211/gen/nl80211.h) and the attribute types in core/nl80211/gen/types.mjs.');
  out('/* eslint-disable */');
  out();
  out(`export const NL80211_GENL_NAME = 'nl80211';`);
  out();
  out('export const NL80211_MULTICAST_GROUPS = {');
  for (const [k, v] of groups) out(`  ${k}: '${v}',`);
  out('} as const;');
  out();
  out('/** Every enum of the header: name (common prefix dropped) -> value, in header order. */');
  out('export const ENUMS = {');
  for (const [enumName, entries] of enums) {
    const { prefix, strip } = shortNames(entries);
    out(`  ${enumName}: { prefix: '${prefix}', values: {`);
    for (const e of entries) out(`    ${JSON.stringify(strip(e.name))}: ${e.value},`);
    out('  } },');
  }
  out('} as const;');
  out();
  out(`export type Nl80211Command = Exclude<keyof typeof ENUMS.nl80211_commands.values, 'UNSPEC' | 'MAX' | '__AFTER_LAST'>;`);
  out();
  // Attribute spaces: every enum named in types.mjs, plus every space a type refers to.
  const spaces = Object.keys(TYPES);
  for (const space of spaces) {
    for (const type of Object.values(TYPES[space])) {
      const ref = type.split(':')[1];
      if (ref && !(ref in TYPES)) throw new Error(`${space}: type ${type} refers to a space without declared types`);
    }
  }
  out('export type AttrType = ' + "'u8' | 'u16' | 'u32' | 'u64' | 's8' | 's32' | 'flag' | 'string' | 'binary' | 'mac' | 'nested' | 'list' | 'map' | 'indexFlags' | 'u32List';");
  out('/** An attribute: [number, name, type, nested space]. */');
  out('export type AttrDef = readonly [number, string, AttrType, AttrSpaceName | null];');
  out();
  out('export const ATTR_SPACES = {');
  for (const space of spaces) {
    const entries = enums.get(space);
    if (!entries) throw new Error(`types.mjs names ${space}, which the header does not define`);
    const { strip } = shortNames(entries);
    const declared = TYPES[space];
    const seen = new Set();
    out(`  ${space}: [`);
    const byValue = new Map();
    for (const e of entries) {
      if (INTERNAL.test(e.name) && !(strip(e.name) in declared)) continue;
      if (byValue.has(e.value)) continue; // an alias: the first name is canonical
      byValue.set(e.value, e.name);
      const short = strip(e.name);
      seen.add(short);
      const type = declared[short] ?? 'binary';
      const [kind, ref] = type.split(':');
      out(`    [${e.value}, ${JSON.stringify(short)}, '${kind}', ${ref ? `'${ref}'` : 'null'}],`);
    }
    for (const name of Object.keys(declared)) {
      if (!seen.has(name)) throw new Error(`types.mjs: ${space}.${name} is not in the header`);
    }
    out('  ],');
  }
  out('} as const satisfies Record<string, readonly AttrDef[]>;');
  out();
  out('export type AttrSpaceName = ' + spaces.map((s) => `'${s}'`).join(' | ') + ';');
  out();
  for (const space of spaces) {
    const entries = enums.get(space);
    const { strip } = shortNames(entries);
    const declared = TYPES[space];
    const byValue = new Set();
    out(`export interface Attrs_${space} {`);
    for (const e of entries) {
      if (INTERNAL.test(e.name) && !(strip(e.name) in declared)) continue;
      if (byValue.has(e.value)) continue;
      byValue.add(e.value);
      const short = strip(e.name);
      out(`  ${JSON.stringify(short)}?: ${tsType(declared[short] ?? 'binary')};`);
    }
    out('}');
    out();
  }
  out('export interface AttrSpaceValues {');
  for (const space of spaces) out(`  ${space}: Attrs_${space};`);
  out('}');
  return lines.join('\n') + '\n';
}

const text = generate();
if (process.argv.includes('--check')) {
  let current = '';
  try { current = readFileSync(OUTPUT, 'utf8'); } catch { /* missing counts as a difference */ }
  if (current !== text) {
    process.stderr.write(`${OUTPUT} is stale: run node core/nl80211/gen/generate.mjs\n`);
    process.exit(1);
  }
} else {
  writeFileSync(OUTPUT, text);
}
