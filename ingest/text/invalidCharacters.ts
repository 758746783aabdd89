/**
 * Characters no list of names may hold, in any upload form: C0 controls other than tab, LF
 * and CR (NUL, VT, FF, ESC…), DEL, the C1 controls U+0080–U+009F, the noncharacters
 * U+FDD0–U+FDEF, U+FFFE and U+FFFF, and lone UTF-16 surrogates. They come from broken
 * exports and binary junk pasted into a cell; they are invisible on screen, break other
 * systems the list is sent on to, and are never stored: the row is refused and the report
 * shows them as U+XXXX. The SQL twin is the macro in ingest/validate/sql/text_macros.sql
 * (a test checks both on every BMP code point).
 */
// eslint-disable-next-line no-control-regex
export const INVALID_CHARACTER = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFDD0-\uFDEF\uFFFE\uFFFF]|\p{Cs}/u;
// eslint-disable-next-line no-control-regex
const INVALID_CHARACTERS = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFDD0-\uFDEF\uFFFE\uFFFF]|\p{Cs}/gu;

/**
 * A lone surrogate cannot travel as UTF-8 (DuckDB, files): Node would turn it into U+FFFD,
 * indistinguishable from text that was merely damaged, and the check could not name it. It
 * is carried instead as the noncharacter U+FDD0 (refused itself, never stored) followed by
 * its four hex digits, which showInvalidCharacters turns back into "U+D800".
 */
const SURROGATE_MARK = '\uFDD0';
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;
const MARKED_SURROGATE = /\uFDD0([0-9A-F]{4})/g;

export function markLoneSurrogates(value: string): string {
  if (!LONE_SURROGATE.test(value)) return value;
  return value.replace(LONE_SURROGATES, (c) => SURROGATE_MARK + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));
}

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The text with each refused character written as [U+0000], so the clerk can see where it is. */
export function showInvalidCharacters(value: string): string {
  return value.replace(MARKED_SURROGATE, (_m, hex: string) => `[U+${hex}]`).replace(INVALID_CHARACTERS, (c) => `[${codePoint(c)}]`);
}

/** The distinct refused characters of a text, as "U+0000" (lone surrogates as their own code). */
export function listInvalidCharacters(value: string): string[] {
  const found = new Set<string>();
  for (const m of value.matchAll(MARKED_SURROGATE)) found.add(`U+${m[1]}`);
  for (const m of value.replace(MARKED_SURROGATE, '').matchAll(INVALID_CHARACTERS)) found.add(codePoint(m[0]));
  return [...found];
}

export function hasInvalidCharacters(value: string): boolean {
  return INVALID_CHARACTER.test(value);
}
