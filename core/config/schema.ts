// Declared section types: each option has a type, a default (or is optional or
// required) and a line of documentation; a parsed UCI section is validated against its
// schema into typed values. A section with any error is left out and every problem is
// reported with file, line, section and option.
import type { OptionType } from './option-types.js';
import type { UciSection } from './uci-parser.js';

/** `V` is the value type the option has after validation. */
export interface OptionSpec<T, V> {
  readonly kind: 'single' | 'list';
  readonly type: OptionType<T>;
  readonly doc: string;
  readonly required: boolean;
  readonly default?: V;
  /** Phantom field carrying V for type inference. */
  readonly __value?: V;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOptionSpec = OptionSpec<any, any>;

/** An option with a default: always has a value. */
export function option<T>(type: OptionType<T>, doc: string, defaultValue: T): OptionSpec<T, T> {
  return { kind: 'single', type, doc, required: false, default: defaultValue };
}

/** An option without a default: undefined when absent. */
export function optionalOption<T>(type: OptionType<T>, doc: string): OptionSpec<T, T | undefined> {
  return { kind: 'single', type, doc, required: false };
}

/** An option the section is invalid without. */
export function requiredOption<T>(type: OptionType<T>, doc: string): OptionSpec<T, T> {
  return { kind: 'single', type, doc, required: true };
}

/** A `list` option (a single `option` line counts as a one-item list, as uci's scripts read it). */
export function listOption<T>(type: OptionType<T>, doc: string, defaultValue: T[] = []): OptionSpec<T, T[]> {
  return { kind: 'list', type, doc, required: false, default: defaultValue };
}

export interface SectionSchema<O extends Record<string, AnyOptionSpec> = Record<string, AnyOptionSpec>> {
  /** The UCI section type: `config <type> ...`. */
  readonly type: string;
  readonly doc: string;
  /** 'named': `config plugin 'mld_ap'` must carry a name; 'any': anonymous sections too. */
  readonly naming: 'named' | 'any';
  /**
   * For a section meant to exist once: its expected name (`config wifid 'core'`). Other
   * names, anonymous sections and extra sections of the type are warned about.
   */
  readonly single?: string;
  readonly options: O;
  /** Cross-option checks; returns a message when the combination is invalid. */
  check?(values: OptionValues<O>): string | undefined;
}

export type OptionValues<O extends Record<string, AnyOptionSpec>> = {
  [K in keyof O]: O[K] extends OptionSpec<infer _T, infer V> ? V : never;
};

export type SectionValues<S extends SectionSchema> = S extends SectionSchema<infer O> ? OptionValues<O> : never;

/** Declares a section type; the identity function that lets TypeScript infer the value types. */
export function defineSection<O extends Record<string, AnyOptionSpec>>(schema: SectionSchema<O>): SectionSchema<O> {
  for (const name of Object.keys(schema.options)) {
    if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`section '${schema.type}': option name '${name}' is not a valid UCI name`);
  }
  return schema;
}

export interface ConfigSection<V> {
  type: string;
  name: string;
  anonymous: boolean;
  index: number;
  line: number;
  values: V;
}

export interface ConfigProblem {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  /** Section reference as uci shows it: its name, or @type[N] for an anonymous one. */
  section?: string;
  option?: string;
  message: string;
}

/** "file:line: section 'x' option 'y': message" */
export function formatProblem(p: ConfigProblem): string {
  const where = [p.section !== undefined ? `section '${p.section}'` : '', p.option !== undefined ? `option '${p.option}'` : '']
    .filter(Boolean).join(' ');
  return `${p.file}:${p.line}: ${p.severity === 'warning' ? 'warning: ' : ''}${where ? `${where}: ` : ''}${p.message}`;
}

/** How a section is referred to in messages: `core (wifid)` style names or `@plugin[2]`. */
export function sectionRef(s: Pick<UciSection, 'type' | 'name' | 'anonymous' | 'index'>): string {
  return s.anonymous ? `@${s.type}[${s.index}]` : s.name;
}

export interface ValidationResult<V> {
  /** Undefined when the section has errors. */
  section?: ConfigSection<V>;
  problems: ConfigProblem[];
}

/** Validates one parsed section against its schema. Pure; never throws on any section. */
export function validateSection<S extends SectionSchema>(schema: S, uci: UciSection, file: string): ValidationResult<SectionValues<S>> {
  const problems: ConfigProblem[] = [];
  const ref = sectionRef(uci);
  const problem = (severity: ConfigProblem['severity'], line: number, message: string, optionName?: string): void => {
    problems.push({ severity, file, line, section: ref, option: optionName, message });
  };

  if (schema.naming === 'named' && uci.anonymous) {
    problem('error', uci.line, `a '${schema.type}' section needs a name (config ${schema.type} '<name>')`);
  }
  for (const [name, opt] of uci.options) {
    if (!Object.hasOwn(schema.options, name)) {
      problem('warning', opt.line, `unknown option of a '${schema.type}' section, ignored`, name);
    }
  }

  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema.options)) {
    const given = uci.options.get(name);
    if (!given) {
      if (spec.required) problem('error', uci.line, `required option is missing (${spec.type.describe})`, name);
      values[name] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
      continue;
    }
    if (spec.kind === 'single' && Array.isArray(given.value)) {
      problem('error', given.line, `is a list, expected one value: ${spec.type.describe}`, name);
      continue;
    }
    const raws = Array.isArray(given.value) ? given.value : [given.value];
    const parsed: unknown[] = [];
    for (const raw of raws) {
      const result = spec.type.parse(raw);
      if (result.ok) parsed.push(result.value);
      else problem('error', given.line, `invalid value '${shown(raw)}': expected ${result.expected}`, name);
    }
    values[name] = spec.kind === 'list' ? parsed : parsed[0];
  }

  problems.sort((a, b) => a.line - b.line);
  const hasErrors = (): boolean => problems.some((p) => p.severity === 'error');
  if (!hasErrors() && schema.check) {
    let message: string | undefined;
    try {
      message = schema.check(values as never);
    } catch (err) {
      message = `check failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (message) problem('error', uci.line, message);
  }
  if (hasErrors()) return { problems };
  return {
    section: { type: uci.type, name: uci.name, anonymous: uci.anonymous, index: uci.index, line: uci.line, values: values as SectionValues<S> },
    problems,
  };
}

function shown(s: string): string {
  const cut = s.length > 60 ? `${s.slice(0, 60)}…` : s;
  return cut.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
