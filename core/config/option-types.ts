// Value types of UCI options: each turns the option's string into a typed value or
// says, in words a user can act on, what it expected. The accepted spellings follow
// OpenWrt's own validators (procd's validate, functions.sh config_get_bool).

export type ParseResult<T> = { ok: true; value: T } | { ok: false; expected: string };

export interface OptionType<T> {
  /** How the type reads in documentation and errors: "integer 1..11", "MAC address". */
  readonly describe: string;
  parse(raw: string): ParseResult<T>;
  /** The value written back in UCI form (for the documented defaults). */
  format(value: T): string;
}

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const bad = <T>(expected: string): ParseResult<T> => ({ ok: false, expected });

const TRUE_WORDS = ['1', 'yes', 'on', 'true', 'enabled'];
const FALSE_WORDS = ['0', 'no', 'off', 'false', 'disabled'];

/** UCI booleans: 1/0, yes/no, on/off, true/false, enabled/disabled. */
export const boolType: OptionType<boolean> = {
  describe: 'boolean (1/0, yes/no, on/off, true/false, enabled/disabled)',
  parse(raw) {
    if (TRUE_WORDS.includes(raw)) return ok(true);
    if (FALSE_WORDS.includes(raw)) return ok(false);
    return bad('a boolean: 1/0, yes/no, on/off, true/false, enabled/disabled');
  },
  format: (v) => (v ? '1' : '0'),
};

/** Decimal integer, optionally bounded (inclusive). */
export function intType(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): OptionType<number> {
  const range = min === Number.MIN_SAFE_INTEGER && max === Number.MAX_SAFE_INTEGER ? '' : ` ${min}..${max}`;
  return {
    describe: `integer${range}`,
    parse(raw) {
      if (!/^[+-]?\d{1,16}$/.test(raw)) return bad(`an integer${range}`);
      const n = Number(raw);
      if (n < min || n > max) return bad(`an integer in ${min}..${max}`);
      return ok(n);
    },
    format: String,
  };
}

/** One of a fixed set of words. */
export function enumType<const V extends string>(values: readonly V[]): OptionType<V> {
  return {
    describe: `one of ${values.join(', ')}`,
    parse(raw) {
      return (values as readonly string[]).includes(raw) ? ok(raw as V) : bad(`one of ${values.join(', ')}`);
    },
    format: String,
  };
}

/** Free text with optional length bounds and a pattern (with its human description). */
export function stringType(opts: { minLength?: number; maxLength?: number; pattern?: RegExp; patternText?: string } = {}): OptionType<string> {
  const { minLength = 0, maxLength = 4096, pattern, patternText } = opts;
  const what = patternText ?? (minLength > 0 ? `text of ${minLength}..${maxLength} characters` : `text of at most ${maxLength} characters`);
  return {
    describe: what,
    parse(raw) {
      const length = [...raw].length;
      if (length < minLength || length > maxLength) return bad(`text of ${minLength}..${maxLength} characters (got ${length})`);
      if (pattern && !pattern.test(raw)) return bad(what);
      return ok(raw);
    },
    format: (v) => v,
  };
}

/** MAC address as aa:bb:cc:dd:ee:ff (':' or '-' separated, any case); normalised to lower case with ':'. */
export const macType: OptionType<string> = {
  describe: 'MAC address (aa:bb:cc:dd:ee:ff)',
  parse(raw) {
    if (!/^[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(\1[0-9A-Fa-f]{2}){4}$/.test(raw)) return bad('a MAC address like aa:bb:cc:dd:ee:ff');
    return ok(raw.toLowerCase().replace(/-/g, ':'));
  },
  format: (v) => v,
};

/** A type defined by a parse function, for formats such as a WPS device type. */
export function customType<T>(describe: string, parse: (raw: string) => T | undefined, format: (v: T) => string): OptionType<T> {
  return {
    describe,
    parse(raw) {
      const value = parse(raw);
      return value === undefined ? bad(describe) : ok(value);
    },
    format,
  };
}
