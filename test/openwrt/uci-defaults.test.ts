// The packaged /etc/config/wifid against the daemon's own parser and schemas: it
// parses and validates without a single problem, has a section for every plugin
// and every section type, and shows and documents every option at its default.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCoreRegistry, formatProblem, parseUci, pluginSectionName, type SectionSchema } from '../../core/config/index.js';
import { StderrLogger } from '../../core/log.js';
import { ConfigService } from '../../core/config/service.js';

const TOP = join(import.meta.dirname, '../..');
const FILE = join(TOP, 'openwrt/feed/net/wifid/files/wifid.config');
const text = readFileSync(FILE, 'utf8');

const pluginDirs = readdirSync(join(TOP, 'plugins')).filter((d) => existsSync(join(TOP, 'plugins', d, 'index.ts')) || existsSync(join(TOP, 'plugins', d, 'config.ts')));
const registry = createCoreRegistry();

function isSchema(v: unknown): v is SectionSchema {
  return typeof v === 'object' && v !== null && 'type' in v && 'options' in v && 'naming' in v;
}

beforeAll(async () => {
  // Every section type a plugin declares (plugins/<name>/config.ts exports its schemas).
  for (const dir of pluginDirs) {
    const path = join(TOP, 'plugins', dir, 'config.ts');
    if (!existsSync(path)) continue;
    const mod = (await import(path)) as Record<string, unknown>;
    for (const value of Object.values(mod)) if (isSchema(value)) registry.register(value);
  }
});

describe('default /etc/config/wifid', () => {
  it('parses with wifid\'s UCI parser without errors', () => {
    expect(parseUci(text, FILE).errors).toEqual([]);
  });

  it('validates against every registered section type without a problem, not even a warning', () => {
    const config = new ConfigService(FILE, new StderrLogger('error', 'test', { write: () => {} }), registry);
    expect(config.load().map(formatProblem)).toEqual([]);
    expect(registry.all().length).toBeGreaterThan(2);
  });

  it('has a plugin section for every plugin, enabled', () => {
    const doc = parseUci(text, FILE);
    const plugins = doc.sections.filter((s) => s.type === 'plugin').map((s) => s.name);
    expect(plugins.sort()).toEqual(pluginDirs.map(pluginSectionName).sort());
  });

  it('shows every option of every section type at its default, each documented with its default', () => {
    const doc = parseUci(text, FILE);
    const lines = text.split('\n');
    for (const schema of registry.all()) {
      // A section type with required options (an AP needs its radio) is shown as a
      // commented example: each option on a `#\toption <name>` line with its comment.
      if (Object.values(schema.options).some((o) => o.required)) {
        const start = lines.findIndex((l) => l.startsWith(`#config ${schema.type} `));
        expect(start, `a commented '${schema.type}' example`).toBeGreaterThanOrEqual(0);
        for (const [name, spec] of Object.entries(schema.options)) {
          const at = lines.findIndex((l, i) => i > start && (l.startsWith(`#\toption ${name} `) || (spec.kind === 'list' && l.startsWith(`#\tlist ${name} `))));
          expect(at, `${schema.type}.${name} in the example`).toBeGreaterThan(start);
          const doc = lines[at - 1]!;
          const shown = spec.kind === 'list' ? (spec.default as unknown[]).map((v) => spec.type.format(v)).join(' ') : spec.default !== undefined ? spec.type.format(spec.default) : undefined;
          if (shown !== undefined) expect(doc, `${schema.type}.${name} documents its default`).toContain(`Default: ${shown}`);
          else expect(doc, `${schema.type}.${name} says it has no plain default`).toMatch(/Required\.|No default\.|Default: /);
        }
        continue;
      }
      const section = doc.sections.find((s) => s.type === schema.type);
      expect(section, `a '${schema.type}' section`).toBeDefined();
      for (const [name, spec] of Object.entries(schema.options)) {
        const given = section!.options.get(name);
        expect(given, `${schema.type}.${name}`).toBeDefined();
        const shown = spec.kind === 'list' ? (spec.default as unknown[]).map((v) => spec.type.format(v)) : spec.type.format(spec.default);
        expect([schema.type, name, given!.value]).toEqual([schema.type, name, shown]);
        // The comment block right above the option's first line names its default.
        const first = Math.min(...lines.map((l, i) => (new RegExp(`^\\s*(option|list) ${name} `).test(l) ? i : Infinity)));
        let comment = '';
        for (let i = first - 1; i >= 0 && /^\s*#/.test(lines[i]); i--) comment = `${lines[i]}\n${comment}`;
        const defaultText = Array.isArray(shown) ? shown.join(' ') : shown;
        expect(comment, `${schema.type}.${name} documents its default`).toContain(`Default: ${defaultText}`);
      }
    }
  });
});
