// UCI file syntax as libuci's file.c reads it: commands `package`, `config`, `option`,
// `list` (or their one-letter forms p/c/o/l), arguments unquoted, 'single-quoted'
// (no escapes) or "double-quoted" (backslash escapes), pieces glued together
// (a'b'"c" is abc), `\` at end of line continues it, quoted values may span lines,
// `#` starts a comment wherever an argument may start or continue, `;` separates
// commands on one line. Pure: text in, sections and errors out; never throws.
//
// Where libuci stops at the first error (its default, strict mode), this parser
// reports every error with file:line, skips the offending command and goes on, so the
// daemon can run with the sections that are valid. One deliberate difference: after a
// rejected `config` line libuci's lenient mode adds the following options to the
// previous section; here they are dropped with the rejected section.

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
  errors: UciParseError[];
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

/** One physical-line-fed buffer, as libuci's pctx: continuation lines are appended at the read position. */
class LineReader {
  private readonly lines: string[];
  private next = 0;
  buf = '';
  pos = 0;
  /** Number of the last physical line read (1-based). */
  line = 0;

  constructor(text: string) {
    // Split keeping each line's '\n', as fgets does.
    this.lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  }

  get eof(): boolean {
    return this.next >= this.lines.length;
  }

  /** Starts a new logical line. */
  startLine(): boolean {
    if (this.eof) return false;
    this.buf = '';
    this.pos = 0;
    this.readAt(0);
    return true;
  }

  /** Reads the next physical line into the buffer at `offset` (libuci's uci_getln). */
  readAt(offset: number): void {
    this.buf = this.buf.slice(0, offset);
    if (this.eof) return;
    this.buf += this.lines[this.next++];
    this.line++;
  }

  cur(): string | undefined {
    return this.buf[this.pos];
  }
}

interface Arg {
  value: string;
  /** True when the argument was empty (nothing, or only ';'). */
  empty: boolean;
}

/** Tokenizer for the arguments of one command, after libuci's next_arg/parse_str. */
class ArgReader {
  constructor(private readonly r: LineReader) {}

  private skipWhitespace(): void {
    while (this.r.pos < this.r.buf.length && isSpace(this.r.cur())) this.r.pos++;
  }

  /** Skips a backslash; true when the escaped character is to be taken literally. */
  private backslash(): boolean {
    const r = this.r;
    r.pos++;
    const c = r.cur();
    if (c === undefined || c === '\n' || (c === '\r' && r.buf[r.pos + 1] === '\n' && r.pos + 2 === r.buf.length)) {
      r.readAt(r.pos); // line continuation: the next line replaces the newline
      return false;
    }
    return true;
  }

  private doubleQuoted(): string {
    const r = this.r;
    let out = '';
    r.pos++;
    for (;;) {
      const c = r.cur();
      if (c === '"') { r.pos++; return out; }
      if (c === undefined) {
        r.readAt(r.pos);
        if (r.cur() === undefined) throw new ParseFailure('EOF with unterminated "');
        continue;
      }
      if (c === '\\' && !this.backslash()) continue;
      out += r.cur() ?? '';
      r.pos++;
    }
  }

  private singleQuoted(): string {
    const r = this.r;
    let out = '';
    r.pos++;
    for (;;) {
      const c = r.cur();
      if (c === "'") { r.pos++; return out; }
      if (c === undefined) {
        r.readAt(r.pos);
        if (r.cur() === undefined) throw new ParseFailure("EOF with unterminated '");
        continue;
      }
      out += c;
      r.pos++;
    }
  }

  /** parse_str: one argument made of glued unquoted and quoted pieces. */
  private str(): string {
    const r = this.r;
    let out = '';
    let skipTerminator = true;
    do {
      const c = r.cur();
      if (c === "'") out += this.singleQuoted();
      else if (c === '"') out += this.doubleQuoted();
      else if (c === '#') { r.buf = r.buf.slice(0, r.pos); break; }
      else if (c === undefined) break;
      else if (c === ';') { skipTerminator = false; break; }
      else if (c === '\\') {
        if (!this.backslash()) continue;
        out += r.cur() ?? '';
        r.pos++;
      } else { out += c; r.pos++; }
    } while (r.cur() !== undefined && !isSpace(r.cur()));
    if (r.cur() !== undefined && skipTerminator) r.pos++;
    return out;
  }

  next(): Arg {
    this.skipWhitespace();
    const r = this.r;
    if (r.cur() === ';') {
      r.pos++;
      return { value: '', empty: true };
    }
    const value = this.str();
    // libuci tests the first byte of the result: "''" counts as missing too.
    return { value, empty: value === '' };
  }

  required(): string {
    const arg = this.next();
    if (arg.empty) throw new ParseFailure('insufficient arguments');
    return arg.value;
  }

  /** assert_eol in strict mode: nothing but a comment or ';' may follow. */
  eol(): void {
    const extra = this.next();
    if (!extra.empty) throw new ParseFailure(`too many arguments ('${printable(extra.value)}')`);
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
  const doc: UciDocument = { file: fileName, sections: [], errors: [] };
  const st: State = { doc, section: null, inRejected: false, byName: new Map(), countByType: new Map(), ordinal: 0 };
  const r = new LineReader(String(text));
  const args = new ArgReader(r);

  while (r.startLine()) {
    let commandLine = r.line;
    try {
      if (r.buf.includes('\0')) throw new ParseFailure('NUL byte in line');
      for (;;) {
        while (isSpace(r.cur())) r.pos++;
        if (r.cur() === undefined) break;
        commandLine = r.line;
        let end = r.pos;
        while (end < r.buf.length && !isSpace(r.buf[end])) end++;
        const word = r.buf.slice(r.pos, end);
        if (word.startsWith('#')) break;
        const command = Object.hasOwn(COMMANDS, word) ? COMMANDS[word] : undefined;
        if (!command) throw new ParseFailure(`invalid command '${printable(word)}'`);
        r.pos = end;
        runCommand(command, args, st, commandLine);
      }
    } catch (err) {
      const message = err instanceof ParseFailure ? err.message : `internal parser error: ${String(err)}`;
      doc.errors.push({ file: fileName, line: r.line, message: lineSuffix(message, commandLine, r.line) });
    }
  }
  return doc;
}

function lineSuffix(message: string, start: number, end: number): string {
  return start === end ? message : `${message} (command started on line ${start})`;
}

function runCommand(command: 'package' | 'config' | 'option' | 'list', args: ArgReader, st: State, line: number): void {
  switch (command) {
    case 'package': {
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
      const type = args.required();
      if (!isValidUciType(type)) throw new ParseFailure(`invalid character in type field ('${printable(type)}'); section ignored`);
      const nameArg = args.next();
      if (!nameArg.empty && !isValidUciName(nameArg.value)) {
        throw new ParseFailure(`invalid character in name field ('${printable(nameArg.value)}': use letters, digits and _); section ignored`);
      }
      args.eol();
      openSection(st, type, nameArg.empty ? undefined : nameArg.value, line);
      st.inRejected = false;
      return;
    }
    case 'option':
    case 'list': {
      const name = args.required();
      if (!isValidUciName(name)) throw new ParseFailure(`invalid character in name field ('${printable(name)}': use letters, digits and _)`);
      const value = args.next().value;
      args.eol();
      if (!st.section) {
        if (st.inRejected) return;
        throw new ParseFailure(`${command} '${name}' found before the first section`);
      }
      setOption(st.section, command, name, value, line);
      return;
    }
  }
}

function openSection(st: State, type: string, name: string | undefined, line: number): void {
  if (name !== undefined) {
    const prior = st.byName.get(name);
    if (prior) {
      if (prior.type !== type) {
        throw new ParseFailure(`section '${name}' of type '${type}' overwrites prior section of type '${prior.type}' (line ${prior.line}); section ignored`);
      }
      st.section = prior; // uci merges a repeated named section into the first
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
