/**
 * Vietnamese text normalisation. Stored text is NFC with collapsed spaces; keys used for
 * matching and search drop diacritics and case. `foldKey` must agree with the SQL macro
 * `fold_key` defined in the migrations (a test checks both on the same inputs).
 */

/** Zero-width and bidi control characters that clerks paste in from web pages and Word. */
const INVISIBLES = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF\u00AD]/g;

/** NFC, invisibles removed, all whitespace runs (incl. NBSP) collapsed to one space, trimmed. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(INVISIBLES, '').replace(/\s+/gu, ' ').trim();
}

/**
 * A matching key: no diacritics (đ → d), lower case, punctuation as spaces, collapsed.
 * "Sở Y tế  tỉnh Hưng Yên" → "so y te tinh hung yen".
 */
export function foldKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(INVISIBLES, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
