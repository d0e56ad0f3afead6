// Seeded, time-bounded fuzzing of the UCI parser: it never throws, every error names
// a line of the input, every section it returns is well formed, and what `uci export`
// writes (single quotes, ' as '\'') reads back to the same values.
import { describe, expect, it } from 'vitest';
import { isValidUciName, isValidUciType, parseUci } from '../../core/config/uci-parser.js';

const SEED = 0x5eed_c0de;
const BUDGET_MS = 1500;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

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
  it(`never throws and keeps its invariants on random input (seed ${SEED.toString(16)}, ${BUDGET_MS} ms)`, () => {
    const next = rng(SEED);
    const end = performance.now() + BUDGET_MS;
    let runs = 0;
    while (performance.now() < end) {
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
      runs++;
    }
    expect(runs).toBeGreaterThan(100);
  });

  it('reads back what uci export writes, for random names and values', () => {
    const next = rng(SEED ^ 0xabcdef);
    const end = performance.now() + BUDGET_MS;
    const chars = "ab Z_0#;'\"\\\t\n$é";
    const word = (n: number, alphabet: string): string => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    let runs = 0;
    while (performance.now() < end) {
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
      runs++;
    }
    expect(runs).toBeGreaterThan(50);
  });
});
