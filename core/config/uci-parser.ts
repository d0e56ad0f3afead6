// UCI file syntax as libuci's file.c reads it: commands `package`, `config`, `option`,
// `list` (or their one-letter forms p/c/o/l), arguments unquoted, 'single-quoted'
// (no escapes) or "double-quoted" (backslash escapes), pieces glued together
// (a'b'"c" is abc), `\` at end of line continues it, quoted values may span lines,
// `#` starts a comment wherever an argument may start or continue, `;` separates
// commands on one line. Pure: text in, sections and errors out; never throws.
//
// Where libuci stops at the first error (its default, strict mode), this parser
// reports every error with file:line, skips the offending command and goes on, so one
// read tells of every error; the configuration service refuses a file with any error
// whole, as libuci does. A repeated section name, which libuci merges silently, is a
// warning.

export interface UciOption {
  name: string;
  /** Line of the last `option`/`list` command that set it. */
  line: number;
  /** A string for `option`, the items in order for `list`. */
  value: string | string[];
}

export interface UciSection {
  type: string;
  /** The section's name, or for an anonymous section the name libuci gives it (cfgNNhhhh). */
  name: string;
  anonymous: boolean;
  /** Position among the sections of its type: the N of uci's `@type[N]`. */
  index: number;
  /** Line of the `config` command that opened it. */
  line: number;
  options: Map<string, UciOption>;
}

export interface UciParseError {
  file: string;
  line: number;
  message: string;
}

export interface UciDocument {
  file: string;
  /** Name from a `package` line, if any (libuci validates it and otherwise ignores it when loading a file). */
  packageName?: string;
  sections: UciSection[];
  /** What libuci refuses the whole file for (its default, strict mode). */
  errors: UciParseError[];
  /** What libuci accepts but the writer probably did not mean (a repeated section name). */
  warnings: UciParseError[];
}

/** "file:line: message", the form every problem is printed in. */
export function formatUciError(e: UciParseError): string {
  return `${e.file}:${e.line}: ${e.message}`;
}

/** libuci's uci_validate_name: section and option names are [A-Za-z0-9_]+ (shell-safe). */
export function isValidUciName(s: string): boolean {
  return /^[A-Za-z0-9_]+$/.test(s);
}

/** libuci's uci_validate_type: printable ASCII without space. */
export function isValidUciType(s: string): boolean {
  return /^[\x21-\x7e]+$/.test(s);
}

/** libuci's package names also accept '-'. */
function isValidPackageName(s: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(s);
}

/** C isspace() in the C locale. */
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';
}

/** libuci's djbhash over a string, masked to 31 bits. */
function djbhash(s: string): number {
  let h = 5381;
  for (const byte of Buffer.from(s, 'utf8')) h = (Math.imul(h, 33) + byte) >>> 0;
  return h & 0x7fffffff;
}

/**
 * The name libuci gives an anonymous section when it is created (before any option):
 * `cfg` + section counter (2 hex digits) + hash of the type (4 hex digits), as in
 * `uci show firewall` → firewall.cfg01e63d=defaults.
 */
export function anonymousSectionName(ordinal: number, type: string): string {
  return `cfg${ordinal.toString(16).padStart(2, '0')}${(djbhash(type) % 65536).toString(16).padStart(4, '0')}`;
}

class ParseFailure {
  constructor(readonly message: string) {}
}

const NUL = '\0';

/** A line the tokenizer drops whole: C isspace() blanks, then the end or a comment. */
const IGNORABLE_LINE = /^[ \t\n\r\v\f]*(?:#|$)/;

/**
 * libuci's parse context: one buffer per logical line, fed a physical line at a time
 * (uci_getln), that the tokenizer rewrites in place. The in-place writes matter: a
 * value's terminating NUL overwrites the character that ended it, so an unquoted
 * value directly followed by ';' ends the line there, as in libuci.
 */
class ParseBuffer {
  private readonly lines: string[];
  private nextLine = 0;
  c: string[] = [];
  pos = 0;
  /** Characters read into the buffer (libuci's buf_filled). */
  filled = 0;
  /** Physical lines read so far (1-based number of the current one). */
  line = 0;

  constructor(text: string) {
    // Split keeping each line's '\n', as fgets does.
    this.lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  }

  get eof(): boolean {
    return this.nextLine >= this.lines.length;
  }

  /**
   * Passes over the next physical line when it holds nothing but blanks or a comment (what
   * the tokenizer would read and drop), without copying it character by character: the
   * packaged config is mostly comments, and copying them made the copy loop hot enough
   * for V8's optimizing compiler, whose code pages cost 3.8 MB of resident memory.
   */
  skipIgnorable(): boolean {
    const text = this.lines[this.nextLine];
    if (text === undefined || text.includes(NUL) || !IGNORABLE_LINE.test(text)) return false;
    this.nextLine++;
    this.line++;
    return true;
  }

  /** uci_getln: reads the next physical line into the buffer at `offset`. */
  getln(offset: number): void {
    this.c.length = offset;
    if (this.eof) return;
    for (const ch of this.lines[this.nextLine++]) this.c.push(ch);
    this.filled = this.c.length;
    this.line++;
  }

  at(i: number): string {
    return i < this.c.length ? this.c[i] : NUL;
  }

  cur(): string {
    return this.at(this.pos);
  }

  /** The NUL-terminated string at `i`. */
  str(i: number): string {
    let out = '';
    for (let j = i; j < this.c.length && this.c[j] !== NUL; j++) out += this.c[j];
    return out;
  }
}

/** The tokenizer of libuci's file.c (next_arg, parse_str, parse_*_quote, parse_backslash). */
class ArgReader {
  constructor(private readonly b: ParseBuffer) {}

  skipWhitespace(): void {
    while (this.b.cur() !== NUL && isSpace(this.b.cur())) this.b.pos++;
  }

  private addc(target: { at: number }): void {
    this.b.c[target.at++] = this.b.c[this.b.pos++];
  }

  /** Skips a backslash; true when the escaped character is to be taken literally. */
  private backslash(): boolean {
    const b = this.b;
    b.pos++;
    const c = b.cur();
    if (c === NUL || c === '\n' || (c === '\r' && b.at(b.pos + 1) === '\n' && b.at(b.pos + 2) === NUL)) {
      b.getln(b.pos); // line continuation: the next line replaces the newline
      return false;
    }
    return true;
  }

  private doubleQuote(target: { at: number }): void {
    const b = this.b;
    b.pos++;
    for (;;) {
      const c = b.cur();
      if (c === '"') { b.pos++; return; }
      if (c === NUL) {
        b.getln(b.pos); // a quoted value goes on over the next line
        if (b.cur() === NUL) throw new ParseFailure('EOF with unterminated "');
        continue;
      }
      if (c === '\\' && !this.backslash()) continue;
      this.addc(target);
    }
  }

  private singleQuote(target: { at: number }): void {
    const b = this.b;
    b.pos++;
    for (;;) {
      const c = b.cur();
      if (c === "'") { b.pos++; return; }
      if (c === NUL) {
        b.getln(b.pos);
        if (b.cur() === NUL) throw new ParseFailure("EOF with unterminated '");
        continue;
      }
      this.addc(target);
    }
  }

  /** parse_str: one argument of glued unquoted and quoted pieces, written back at `target`. */
  private parseStr(target: { at: number }): void {
    const b = this.b;
    let next = true;
    scan: do {
      switch (b.cur()) {
        case "'": this.singleQuote(target); break;
        case '"': this.doubleQuote(target); break;
        case '#': b.c[b.pos] = NUL; break scan;
        case NUL: break scan;
        case ';': next = false; break scan;
        case '\\':
          if (!this.backslash()) continue;
          this.addc(target);
          break;
        default: this.addc(target);
      }
    } while (b.cur() !== NUL && !isSpace(b.cur()));
    if (b.cur() !== NUL && next) b.pos++;
    b.c[target.at] = NUL;
  }

  /** next_arg: the argument's text ('' when there is none). */
  next(): string {
    const b = this.b;
    this.skipWhitespace();
    const val = b.pos;
    if (b.cur() === ';') {
      b.c[b.pos] = NUL;
      b.pos++;
    } else {
      this.parseStr({ at: val });
    }
    return b.str(val);
  }

  required(): string {
    const value = this.next();
    if (value === '') throw new ParseFailure('insufficient arguments');
    return value;
  }

  /** assert_eol, strict as the uci tools are: nothing but a comment may follow. */
  eol(): void {
    this.skipWhitespace();
    const extra = this.next();
    if (extra !== '') throw new ParseFailure(`too many arguments ('${printable(extra)}')`);
  }

  /** strtok(cur, " \t") as uci_parse_line uses it: the command word, or undefined at the end. */
  commandWord(): { word: string; length: number } | undefined {
    const b = this.b;
    let i = b.pos;
    while (b.at(i) === ' ' || b.at(i) === '\t') i++;
    if (b.at(i) === NUL) return undefined;
    const start = i;
    while (b.at(i) !== NUL && b.at(i) !== ' ' && b.at(i) !== '\t') i++;
    const word = b.c.slice(start, i).join('');
    if (b.at(i) !== NUL) b.c[i] = NUL;
    // strlen(cur_str) + 1, as uci_increase_pos is given it.
    return { word, length: i - b.pos + 1 };
  }
}

function printable(s: string): string {
  const shown = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  return shown.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

interface State {
  doc: UciDocument;
  /** Open section; null before the first section or after a rejected `config`. */
  section: UciSection | null;
  /** True after a rejected `config`: its options are dropped silently. */
  inRejected: boolean;
  byName: Map<string, UciSection>;
  countByType: Map<string, number>;
  ordinal: number;
}

const COMMANDS: Record<string, 'package' | 'config' | 'option' | 'list'> = {
  p: 'package', package: 'package',
  c: 'config', config: 'config',
  o: 'option', option: 'option',
  l: 'list', list: 'list',
};

/** Parses UCI text; `fileName` is only used in error messages. Never throws. */
export function parseUci(text: string, fileName: string): UciDocument {
  const doc: UciDocument = { file: fileName, sections: [], errors: [], warnings: [] };
  const st: State = { doc, section: null, inRejected: false, byName: new Map(), countByType: new Map(), ordinal: 0 };
  const b = new ParseBuffer(String(text));
  const args = new ArgReader(b);

  while (!b.eof) {
    if (b.skipIgnorable()) continue;
    b.pos = 0;
    b.getln(0);
    let commandLine = b.line;
    try {
      // A C string ends at NUL: libuci would silently lose the rest of the line.
      if (b.c.includes(NUL)) throw new ParseFailure('NUL byte in line');
      args.skipWhitespace();
      for (;;) {
        commandLine = b.line;
        const token = args.commandWord();
        if (!token || token.word.startsWith('#')) break;
        const command = Object.hasOwn(COMMANDS, token.word) ? COMMANDS[token.word] : undefined;
        if (!command) throw new ParseFailure(`invalid command '${printable(token.word)}'`);
        runCommand(command, args, st, commandLine, () => {
          if (b.pos + token.length > b.filled) throw new ParseFailure(`${command} without ${command === 'config' ? 'type' : 'name'}`);
          b.pos += token.length;
        });
      }
    } catch (err) {
      const message = err instanceof ParseFailure ? err.message : `internal parser error: ${String(err)}`;
      doc.errors.push({ file: fileName, line: b.line, message: lineSuffix(message, commandLine, b.line) });
    }
  }
  return doc;
}

function lineSuffix(message: string, start: number, end: number): string {
  return start === end ? message : `${message} (command started on line ${start})`;
}

function runCommand(command: 'package' | 'config' | 'option' | 'list', args: ArgReader, st: State, line: number, skipCommand: () => void): void {
  switch (command) {
    case 'package': {
      skipCommand();
      const name = args.required();
      if (!isValidPackageName(name)) throw new ParseFailure(`invalid character in name field ('${printable(name)}')`);
      args.eol();
      st.doc.packageName = name;
      return;
    }
    case 'config': {
      // Until this command succeeds, options belong to no section.
      st.section = null;
      st.inRejected = true;
      skipCommand();
      const type = args.required();
      if (!isValidUciType(type)) throw new ParseFailure(`invalid character in type field ('${printable(type)}')`);
      const name = args.next();
      if (name !== '' && !isValidUciName(name)) {
        throw new ParseFailure(`invalid character in name field ('${printable(name)}': use letters, digits and _)`);
      }
      args.eol();
      openSection(st, type, name === '' ? undefined : name, line);
      st.inRejected = false;
      return;
    }
    case 'option':
    case 'list': {
      // libuci checks for an open section before reading the arguments.
      if (!st.section && !st.inRejected) throw new ParseFailure(`'${command}' found before the first section`);
      skipCommand();
      const name = args.required();
      if (!isValidUciName(name)) throw new ParseFailure(`invalid character in name field ('${printable(name)}': use letters, digits and _)`);
      const value = args.next();
      args.eol();
      if (st.section) setOption(st.section, command, name, value, line);
      return;
    }
  }
}

function openSection(st: State, type: string, name: string | undefined, line: number): void {
  if (name !== undefined) {
    const prior = st.byName.get(name);
    if (prior) {
      if (prior.type !== type) {
        throw new ParseFailure(`section '${name}' of type '${type}' overwrites prior section of type '${prior.type}' (line ${prior.line})`);
      }
      // uci merges a repeated named section into the first (uci_set on an existing
      // section); often a copy-and-paste slip, so it is said, not done silently.
      st.doc.warnings.push({ file: st.doc.file, line, message: `section '${name}' repeated (first on line ${prior.line}): its options are merged into the first, as uci does` });
      st.section = prior;
      return;
    }
  }
  st.ordinal++;
  const index = st.countByType.get(type) ?? 0;
  st.countByType.set(type, index + 1);
  const section: UciSection = {
    type,
    name: name ?? anonymousSectionName(st.ordinal, type),
    anonymous: name === undefined,
    index,
    line,
    options: new Map(),
  };
  if (name !== undefined) st.byName.set(name, section);
  st.doc.sections.push(section);
  st.section = section;
}

/** uci_set / uci_add_list semantics: an empty `option` deletes; `list` after `option` turns it into a list. */
function setOption(section: UciSection, command: 'option' | 'list', name: string, value: string, line: number): void {
  const prior = section.options.get(name);
  if (command === 'option') {
    if (value === '') { section.options.delete(name); return; }
    section.options.delete(name);
    section.options.set(name, { name, line, value });
    return;
  }
  if (prior && Array.isArray(prior.value)) {
    prior.value.push(value);
    prior.line = line;
    return;
  }
  const items = prior ? [prior.value as string, value] : [value];
  section.options.delete(name);
  section.options.set(name, { name, line, value: items });
}
