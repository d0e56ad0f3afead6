// Seeded fuzzing of the UCI parser, a fixed number of inputs per test: it never throws, every error names
// a line of the input, every section it returns is well formed, and what `uci export`
// writes (single quotes, ' as '\'') reads back to the same values.
import { describe, expect, it } from 'vitest';
import { boolType, customType, enumType, intType, macType, stringType } from '../../core/config/option-types.js';
import { defineSection, listOption, option, optionalOption, requiredOption, validateSection } from '../../core/config/schema.js';
import { isValidUciName, isValidUciType, parseUci } from '../../core/config/uci-parser.js';
import { mulberry32 as rng } from '../helpers/prng.js';

const SEED = 0x5eed_c0de;
/** Inputs per test: a fixed count, so every run tests the same inputs whatever the load. */
const RUNS = 1000;

const PIECES = ['config', 'option', 'list', 'package', 'c', 'o', 'l', 'p', ' ', ' ', '\t', '\n', '\n', '\r\n', "'", '"', '\\', '#', ';',
  'wifid', 'core', 'x', 'a-b', '__proto__', 'enabled', '1', 'é', '\0', '\v', '@', '[0]', '\\\n'];

function randomText(next: () => number): string {
  const n = Math.floor(next() * 60);
  let out = '';
  for (let i = 0; i < n; i++) {
    out += next() < 0.85 ? PIECES[Math.floor(next() * PIECES.length)] : String.fromCharCode(Math.floor(next() * 256));
  }
  return out;
}

function exportQuote(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

describe('parseUci fuzz', () => {
  it(`never throws and keeps its invariants on random input (seed ${SEED.toString(16)}, ${RUNS} inputs)`, () => {
    const next = rng(SEED);
    for (let run = 0; run < RUNS; run++) {
      const text = randomText(next);
      const lines = text.split('\n').length;
      const doc = parseUci(text, 'fuzz');
      for (const e of doc.errors) {
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.line).toBeLessThanOrEqual(lines);
        expect(e.file).toBe('fuzz');
      }
      const names = new Set<string>();
      for (const s of doc.sections) {
        expect(isValidUciType(s.type)).toBe(true);
        expect(isValidUciName(s.name)).toBe(true);
        expect(names.has(s.name)).toBe(false);
        names.add(s.name);
        for (const [name, o] of s.options) {
          expect(isValidUciName(name)).toBe(true);
          expect(o.line).toBeGreaterThanOrEqual(s.line);
        }
      }
    }
  });

  it('reads back what uci export writes, for random names and values', () => {
    const next = rng(SEED ^ 0xabcdef);
    const chars = "ab Z_0#;'\"\\\t\n$é";
    const word = (n: number, alphabet: string): string => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let run = 0; run < RUNS; run++) {
      const expected: { type: string; name?: string; options: Record<string, string | string[]> }[] = [];
      let text = 'package wifid\n';
      const nSections = 1 + Math.floor(next() * 4);
      for (let i = 0; i < nSections; i++) {
        const type = `t${word(2, 'abc')}`;
        const name = next() < 0.5 ? `s${i}_${word(3, 'xyz09_')}` : undefined;
        const options: Record<string, string | string[]> = {};
        text += `\nconfig ${type}${name ? ` ${exportQuote(name)}` : ''}\n`;
        const nOptions = Math.floor(next() * 4);
        for (let j = 0; j < nOptions; j++) {
          const optName = `o${j}`;
          if (next() < 0.5) {
            const value = `v${word(Math.floor(next() * 8), chars)}`;
            options[optName] = value;
            text += `\toption ${optName} ${exportQuote(value)}\n`;
          } else {
            const items = Array.from({ length: 1 + Math.floor(next() * 3) }, () => word(Math.floor(next() * 6), chars));
            options[optName] = items;
            for (const item of items) text += `\tlist ${optName} ${exportQuote(item)}\n`;
          }
        }
        expected.push({ type, name, options });
      }
      const doc = parseUci(text, 'roundtrip');
      expect(doc.errors).toEqual([]);
      expect(doc.sections.map((s) => ({
        type: s.type,
        name: s.anonymous ? undefined : s.name,
        options: Object.fromEntries([...s.options.values()].map((o) => [o.name, o.value])),
      }))).toEqual(expected);
    }
  });

  it('validating whatever the parser returns never throws and names a line for every problem', () => {
    const next = rng(SEED ^ 0x1234);
    const anyType = { enabled: option(boolType, '', true), n: option(intType(1, 11), '', 6), e: optionalOption(enumType(['a', 'b'] as const), ''),
      s: requiredOption(stringType({ maxLength: 4 }), ''), m: optionalOption(macType, ''), l: listOption(intType(0, 9), ''),
      c: optionalOption(customType('x', (raw) => (raw === 'x' ? 1 : undefined), String), '') };
    const schemas = ['config', 'wifid', 'x', 'core', 'enabled'].map((type) => defineSection({ type, doc: '', naming: 'any', options: anyType }));
    const extra = ['\n option enabled ', '\n option n ', '\n list l ', '\n option s ', '\n option m ', '\n list enabled ', '\n option c '];
    for (let run = 0; run < RUNS; run++) {
      let text = randomText(next);
      for (let i = 0; i < 6; i++) text += extra[Math.floor(next() * extra.length)] + randomText(next).replace(/\n/g, ' ').slice(0, 8);
      const doc = parseUci(`config x\n${text}`, 'fuzz');
      for (const section of doc.sections) {
        for (const schema of schemas) {
          if (schema.type !== section.type) continue;
          const r = validateSection(schema, section, 'fuzz');
          for (const p of r.problems) expect(p.line).toBeGreaterThanOrEqual(1);
          if (r.section) expect(r.problems.every((p) => p.severity === 'warning')).toBe(true);
        }
      }
    }
  });
});
