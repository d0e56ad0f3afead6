// Text that came from outside (ubus arguments, UCI values, frames from the air, kernel
// strings) made safe to write as one log line or to quote in an error reply: procd
// hands each line of our stderr to logd as one record, so a newline in a value would
// let its sender write a record of its own ("error: wifid: ..."), and a terminal or a
// log viewer interprets other control characters and bidirectional overrides.

/** The longest message one log line carries; the rest is cut and counted. */
export const MAX_LOG_MESSAGE = 1024;
/** How much of a bad value an error message or a log line quotes. */
export const MAX_QUOTED_VALUE = 64;

// C0 and C1 controls, DEL, the Unicode line and paragraph separators, bidirectional
// marks and overrides, the BOM, U+FFFD (what an invalid UTF-8 byte decodes to, so the
// reader sees that the value was not valid UTF-8) and lone surrogates.
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Control and invisible characters as escapes (`\n`, `\x1b`, `\u202e`); everything else as is. */
export function escapeControls(s: string): string {
  return s.replace(UNSAFE, escapeChar);
}

/** The first `max` UTF-16 units of `s`, never splitting a surrogate pair. */
function cut(s: string, max: number): string {
  const end = max > 0 && /[\ud800-\udbff]/.test(s[max - 1] ?? '') ? max - 1 : max;
  return s.slice(0, end);
}

/**
 * A message as one safe log line: controls escaped, at most MAX_LOG_MESSAGE characters
 * plus a note of how many were cut. Cut before escaping, so a 1 MiB value costs no
 * 1 MiB of work.
 */
export function logSafe(msg: string, max = MAX_LOG_MESSAGE): string {
  const escaped = escapeControls(msg.length > max ? cut(msg, max) : msg);
  if (escaped.length <= max && msg.length <= max) return escaped;
  return `${cut(escaped, max)}… (cut, ${msg.length} characters)`;
}

/**
 * A value from outside, quoted for a message: at most `max` characters of it, with
 * controls, `"` and `\` escaped so the quotes delimit it unambiguously, and how long it
 * was when it was cut: `"x\nerror: wi…" (1048576 characters)`.
 */
export function quoted(value: string, max = MAX_QUOTED_VALUE): string {
  const head = cut(value, max);
  const body = escapeControls(head.replace(/[\\"]/g, (c) => `\\${c}`));
  return head.length < value.length ? `"${body}…" (${value.length} characters)` : `"${body}"`;
}
