// The daemon's configuration (TOKENS.Config): reads the UCI file, validates every
// section against the registered schemas, keeps the valid ones and the list of
// problems, and on reload() re-reads the file and says which sections changed, so
// procd's reload (SIGHUP) can re-configure plugins without a restart.
//
// One rule for a file that cannot be used, libuci's: libuci (strict by default,
// uci_alloc_context) fails the whole load at the first syntax error, an unterminated
// quote or a section name reused with another type, so such a file is refused whole,
// as is a file that cannot be read. On reload the configuration in force stays; at
// start there is none (every plugin off). The refusal is logged and kept for `wifid
// status` with file:line. An empty file is a valid empty package for libuci
// (uci_import creates the package when no line made one), so it is applied, with a
// warning. Sections libuci accepts but wifid cannot use (a bad value) are left out one
// by one, each with an error.
import { readFileSync } from 'node:fs';
import type { Logger } from '../log.js';
import { createCoreRegistry, PLUGIN_SECTION, pluginSectionName } from './core-sections.js';
import { diffSections, sectionKey, type SectionChange } from './diff.js';
import type { SchemaRegistry } from './registry.js';
import { formatProblem, sectionRef, validateSection, type ConfigProblem, type ConfigSection, type SectionSchema, type SectionValues } from './schema.js';
import { parseUci, type UciDocument, type UciSection } from './uci-parser.js';

const emptyDocument = (file: string): UciDocument => ({ file, sections: [], errors: [], warnings: [] });

/** A config file larger than this is refused: UCI files are a few KB. */
export const MAX_CONFIG_BYTES = 1 << 20;

export interface ReloadResult {
  /** False when the file was refused (unreadable, or libuci would refuse it): the previous configuration stays in force. */
  applied: boolean;
  changes: SectionChange[];
  problems: ConfigProblem[];
}

export type ReloadListener = (result: ReloadResult) => void | Promise<void>;

interface Validated {
  sections: Map<string, ConfigSection<unknown>>;
  problems: ConfigProblem[];
}

export type FileReader = (path: string) => string;

const readUtf8: FileReader = (path) => {
  const bytes = readFileSync(path);
  if (bytes.length > MAX_CONFIG_BYTES) throw new Error(`file is ${bytes.length} bytes, more than the ${MAX_CONFIG_BYTES} a UCI file may have`);
  return bytes.toString('utf8');
};

export class ConfigService {
  readonly registry: SchemaRegistry;
  private doc: UciDocument;
  /** Why the last read file was refused; empty when it is the one in force. */
  private refusal: ConfigProblem[] = [];
  private knownPlugins: Set<string> | undefined;
  private validated: Validated | undefined;
  private validatedWith = -1;
  private readonly listeners = new Set<ReloadListener>();
  /** Problems found when a section was applied (a channel the radio lacks), by who found them. */
  private readonly applyProblems = new Map<string, ConfigProblem[]>();
  private readonly log: Logger;

  constructor(
    readonly path: string,
    logger: Logger,
    registry: SchemaRegistry = createCoreRegistry(),
    private readonly readFile: FileReader = readUtf8,
  ) {
    this.log = logger.child('config');
    this.registry = registry;
    this.doc = emptyDocument(path);
  }

  /**
   * Reads the file. Never throws: a file that is missing or that libuci would refuse is
   * a problem, and no configuration is in force (every plugin off).
   */
  load(): ConfigProblem[] {
    const read = this.read();
    this.refusal = read.refusal;
    this.doc = read.refusal.length > 0 ? emptyDocument(this.path) : read.doc;
    this.validated = undefined;
    const problems = this.problems();
    this.report(problems);
    if (read.refusal.length > 0) this.log.error(`${this.path} refused whole, as libuci refuses it: running without a configuration`);
    return problems;
  }

  /**
   * Re-reads the file and reports, per section, what was added, removed or changed.
   * An unreadable file keeps the current configuration. Listeners run after the new
   * configuration is in force; a listener's failure is logged and the others still run.
   */
  async reload(): Promise<ReloadResult> {
    const before = this.validate().sections;
    const read = this.read();
    if (read.refusal.length > 0) {
      this.refusal = read.refusal;
      this.validated = undefined;
      this.report(read.refusal);
      this.log.error(`reload: ${this.path} refused whole, as libuci refuses it: the configuration in force stays`);
      return { applied: false, changes: [], problems: read.refusal };
    }
    this.doc = read.doc;
    this.refusal = [];
    this.validated = undefined;
    const after = this.validate();
    const changes = diffSections(before, after.sections);
    this.report(after.problems);
    this.log.notice(`reloaded ${this.path}: ${changes.length === 0 ? 'no change' : changes.map((c) => `${c.ref} ${c.kind}`).join(', ')}`);
    const result: ReloadResult = { applied: true, changes, problems: after.problems };
    for (const listener of [...this.listeners]) {
      try {
        await listener(result);
      } catch (err) {
        this.log.error(`reload listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return result;
  }

  /** Calls `listener` after each applied reload; returns the function that removes it. */
  onReload(listener: ReloadListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The plugins there are: a `plugin` section naming none of them is warned about. */
  declarePlugins(pluginNames: Iterable<string>): void {
    this.knownPlugins = new Set([...pluginNames].map(pluginSectionName));
    this.validated = undefined;
  }

  /** Why the last file read was refused (file:line of each error); empty when it is in force. */
  refused(): ConfigProblem[] {
    return [...this.refusal];
  }

  /** Registers a section type (a plugin's own section); its sections are validated from now on. */
  register(schema: SectionSchema): void {
    this.registry.register(schema);
  }

  /** The valid sections of a schema's type, in file order; registers the schema if needed. */
  sections<S extends SectionSchema>(schema: S): ConfigSection<SectionValues<S>>[] {
    this.registry.register(schema);
    return [...this.validate().sections.values()].filter((s) => s.type === schema.type) as ConfigSection<SectionValues<S>>[];
  }

  /** The valid section of that type and name. */
  section<S extends SectionSchema>(schema: S, name: string): ConfigSection<SectionValues<S>> | undefined {
    return this.sections(schema).find((s) => s.name === name);
  }

  /**
   * The values of a section meant to exist once: the one named `preferredName` if
   * present, else the first valid one, else the schema's defaults.
   */
  values<S extends SectionSchema>(schema: S, preferredName = schema.single): SectionValues<S> {
    const all = this.sections(schema);
    const found = (preferredName !== undefined ? all.find((s) => s.name === preferredName) : undefined) ?? all[0];
    if (found) return found.values;
    const defaults: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(schema.options)) defaults[name] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
    return defaults as SectionValues<S>;
  }

  /** Whether a plugin is switched on: a valid `config plugin '<name>'` section with enabled true. */
  isPluginEnabled(pluginName: string): boolean {
    return this.section(PLUGIN_SECTION, pluginSectionName(pluginName))?.values.enabled === true;
  }

  /** The names among `pluginNames` that the configuration enables. */
  enabledPlugins(pluginNames: Iterable<string>): Set<string> {
    return new Set([...pluginNames].filter((n) => this.isPluginEnabled(n)));
  }

  /**
   * Every problem: why the last file read was refused, if it was, then those of the
   * configuration in force (per section), then those found applying it.
   */
  problems(): ConfigProblem[] {
    return [...this.refusal, ...this.validate().problems, ...[...this.applyProblems.values()].flat()];
  }

  /**
   * Problems a section showed only when applied (e.g. a channel the radio does not
   * have): the owner replaces its list each time it applies the configuration, so
   * `wifid status` shows them beside the file's own problems.
   */
  setApplyProblems(owner: string, problems: readonly ConfigProblem[]): void {
    if (problems.length === 0) this.applyProblems.delete(owner);
    else this.applyProblems.set(owner, [...problems]);
    for (const p of problems) this.log.error(formatProblem(p));
  }

  private read(): { doc: UciDocument; refusal: ConfigProblem[] } {
    let text: string;
    try {
      text = this.readFile(this.path);
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err);
      return {
        doc: emptyDocument(this.path),
        refusal: [{ severity: 'error', file: this.path, line: 0, message: `cannot read the configuration: ${reason}` }],
      };
    }
    const doc = parseUci(text, this.path);
    return { doc, refusal: doc.errors.map((e) => ({ severity: 'error', file: e.file, line: e.line, message: e.message })) };
  }

  private validate(): Validated {
    const schemaCount = this.registry.all().length;
    if (this.validated && this.validatedWith === schemaCount) return this.validated;
    const problems: ConfigProblem[] = [];
    for (const w of this.doc.warnings) problems.push({ severity: 'warning', file: w.file, line: w.line, message: w.message });
    if (this.doc.sections.length === 0 && this.refusal.length === 0) {
      problems.push({ severity: 'warning', file: this.doc.file, line: 0, message: 'no sections (an empty package to uci): every plugin is off' });
    }
    const sections = new Map<string, ConfigSection<unknown>>();
    for (const uci of this.doc.sections) {
      const schema = this.registry.get(uci.type);
      if (!schema) {
        problems.push({
          severity: 'warning', file: this.doc.file, line: uci.line,
          message: `unknown section type '${uci.type}' (no plugin declares it), ignored`,
        });
        continue;
      }
      const result = validateSection(schema, uci, this.doc.file);
      problems.push(...result.problems, ...this.namingProblems(schema, uci));
      if (result.section) sections.set(sectionKey(result.section), result.section);
      else problems.push({ severity: 'error', file: this.doc.file, line: uci.line, section: result.problems[0]?.section, message: `section of type '${uci.type}' left out because of the errors above` });
    }
    this.validated = { sections, problems };
    this.validatedWith = schemaCount;
    return this.validated;
  }

  /** What libuci accepts but wifid would otherwise ignore without a word. */
  private namingProblems(schema: SectionSchema, uci: UciSection): ConfigProblem[] {
    const warn = (message: string): ConfigProblem[] => [{ severity: 'warning', file: this.doc.file, line: uci.line, section: sectionRef(uci), message }];
    if (schema === PLUGIN_SECTION && !uci.anonymous && this.knownPlugins && !this.knownPlugins.has(uci.name)) {
      return warn(`no plugin is named '${uci.name}' (there are: ${[...this.knownPlugins].join(', ') || 'none'}), ignored`);
    }
    if (schema.single === undefined) return [];
    const first = this.doc.sections.find((s) => s.type === schema.type && s.name === schema.single)
      ?? this.doc.sections.find((s) => s.type === schema.type);
    if (first !== uci) return warn(`only one '${schema.type}' section is read (config ${schema.type} '${schema.single}', line ${first!.line}), this one is ignored`);
    if (uci.name !== schema.single) return warn(`expected config ${schema.type} '${schema.single}'; read this ${uci.anonymous ? 'anonymous section' : `section '${uci.name}'`} as it`);
    return [];
  }

  private report(problems: readonly ConfigProblem[]): void {
    for (const p of problems) (p.severity === 'error' ? this.log.error : this.log.warn).call(this.log, formatProblem(p));
  }
}
