// blobmsg <-> JSON text as libubox's blobmsg_json.c does it: the `ubus` CLI prints replies
// with blobmsg_format_json_indent (tabs), events compactly, and parses arguments with
// json-c then blobmsg_add_json_element (ints to int32 when they fit, else int64).
import type { BlobmsgField } from './blobmsg';

export type JsonTypeFormatter = (f: BlobmsgField) => string | undefined;

interface Out {
  parts: string[];
  indent: boolean;
  level: number;
  custom?: JsonTypeFormatter;
}

function separator(o: Out): void {
  if (!o.indent) return;
  o.parts.push('\n' + '\t'.repeat(Math.min(o.level, 16)));
}

function formatString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '\b') out += '\\b';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c < 0x20) out += '\\u00' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** printf("%lf"). */
function formatDouble(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Math.abs(v) < 1e21) return v.toFixed(6);
  return BigInt(v).toString() + '.000000';
}

function formatElement(o: Out, f: BlobmsgField, withoutName: boolean, head = false): void {
  if (!withoutName && f.name) o.parts.push(formatString(f.name) + (o.indent ? ': ' : ':'));
  const custom = head ? undefined : o.custom?.(f);
  if (custom !== undefined) { o.parts.push(custom); return; }
  switch (f.type) {
    case 'unspec': o.parts.push('null'); return;
    case 'int8': o.parts.push(f.value ? 'true' : 'false'); return;
    case 'int16': case 'int32': o.parts.push(String(f.value)); return;
    case 'int64': o.parts.push(f.value.toString()); return;
    case 'double': o.parts.push(formatDouble(f.value)); return;
    case 'string': o.parts.push(formatString(f.value)); return;
    case 'array': formatList(o, f.value, true); return;
    case 'table': formatList(o, f.value, false); return;
  }
}

function formatList(o: Out, fields: readonly BlobmsgField[], array: boolean): void {
  o.parts.push(array ? '[' : '{');
  o.level++;
  separator(o);
  fields.forEach((f, i) => {
    if (i) { o.parts.push(','); separator(o); }
    formatElement(o, f, array);
  });
  o.level--;
  separator(o);
  o.parts.push(array ? ']' : '}');
}

/**
 * blobmsg_format_json(_indent) of a table's fields (`list` mode): compact when `indent`
 * is undefined, else tab-indented starting at that level.
 */
export function formatBlobmsgJson(fields: readonly BlobmsgField[], opts: { indent?: number; array?: boolean } = {}): string {
  const o: Out = { parts: [], indent: opts.indent !== undefined, level: opts.indent ?? 0 };
  formatList(o, fields, opts.array ?? false);
  return o.parts.join('');
}

/**
 * blobmsg_format_json_with_cb(attr, false, cb, NULL, -1): one named element, compact;
 * as in C, the custom formatter applies to nested elements, not the head.
 */
export function formatBlobmsgElementJson(field: BlobmsgField, custom?: JsonTypeFormatter): string {
  const o: Out = { parts: [], indent: false, level: 0, custom };
  formatElement(o, field, false, true);
  return o.parts.join('');
}

// ---------------------------------------------------------------- parsing

export class JsonParseError extends Error {
  override name = 'JsonParseError';
}

class Parser {
  pos = 0;
  constructor(private readonly s: string) {}

  fail(what: string): never {
    throw new JsonParseError(`${what} at offset ${this.pos}`);
  }

  ws(): void {
    while (this.pos < this.s.length && ' \t\n\r'.includes(this.s[this.pos]!)) this.pos++;
  }

  value(name: string, depth: number): BlobmsgField {
    if (depth > 64) this.fail('nesting too deep');
    this.ws();
    const c = this.s[this.pos];
    if (c === '{') return { name, type: 'table', value: this.object(depth) };
    if (c === '[') return { name, type: 'array', value: this.array(depth) };
    if (c === '"') return { name, type: 'string', value: this.string() };
    if (this.s.startsWith('true', this.pos)) { this.pos += 4; return { name, type: 'int8', value: 1 }; }
    if (this.s.startsWith('false', this.pos)) { this.pos += 5; return { name, type: 'int8', value: 0 }; }
    if (this.s.startsWith('null', this.pos)) { this.pos += 4; return { name, type: 'unspec', value: new Uint8Array(0) }; }
    return this.number(name);
  }

  number(name: string): BlobmsgField {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.s.slice(this.pos));
    if (!m || !m[0]) this.fail('unexpected character');
    this.pos += m[0].length;
    if (m[2] || m[3]) return { name, type: 'double', value: Number(m[0]) };
    let v = BigInt(m[0]);
    // json-c saturates integers outside int64.
    if (v > 0x7fffffffffffffffn) v = 0x7fffffffffffffffn;
    if (v < -0x8000000000000000n) v = -0x8000000000000000n;
    if (v >= -0x80000000n && v <= 0x7fffffffn) return { name, type: 'int32', value: Number(v) };
    return { name, type: 'int64', value: v };
  }

  string(): string {
    const start = this.pos;
    let end = start + 1;
    while (end < this.s.length && this.s[end] !== '"') end += this.s[end] === '\\' ? 2 : 1;
    if (end >= this.s.length) this.fail('unterminated string');
    this.pos = end + 1;
    try {
      return JSON.parse(this.s.slice(start, end + 1)) as string;
    } catch {
      this.pos = start;
      return this.fail('bad string');
    }
  }

  object(depth: number): BlobmsgField[] {
    const out: BlobmsgField[] = [];
    this.pos++;
    this.ws();
    if (this.s[this.pos] === '}') { this.pos++; return out; }
    for (;;) {
      this.ws();
      if (this.s[this.pos] !== '"') this.fail('expected a key');
      const key = this.string();
      this.ws();
      if (this.s[this.pos] !== ':') this.fail("expected ':'");
      this.pos++;
      const f = this.value(key, depth + 1);
      const dup = out.findIndex((x) => x.name === key);
      if (dup >= 0) out[dup] = f; else out.push(f);
      this.ws();
      if (this.s[this.pos] === ',') { this.pos++; continue; }
      if (this.s[this.pos] === '}') { this.pos++; return out; }
      this.fail("expected ',' or '}'");
    }
  }

  array(depth: number): BlobmsgField[] {
    const out: BlobmsgField[] = [];
    this.pos++;
    this.ws();
    if (this.s[this.pos] === ']') { this.pos++; return out; }
    for (;;) {
      out.push(this.value('', depth + 1));
      this.ws();
      if (this.s[this.pos] === ',') { this.pos++; continue; }
      if (this.s[this.pos] === ']') { this.pos++; return out; }
      this.fail("expected ',' or ']'");
    }
  }
}

/**
 * JSON text (an object, as `ubus call`/`ubus send` require) to blobmsg fields with the
 * types libubox picks. Throws JsonParseError.
 */
export function parseJsonToBlobmsg(text: string): BlobmsgField[] {
  const p = new Parser(text);
  p.ws();
  if (text[p.pos] !== '{') throw new JsonParseError('JSON message is not an object');
  const fields = p.object(0);
  p.ws();
  if (p.pos !== text.length) p.fail('trailing characters');
  return fields;
}
