/**
 * Vietnamese text normalisation. Stored text is NFC with collapsed spaces; keys used for
 * matching and search drop diacritics and case. `foldKey` must agree with the SQL macro
 * `fold_key` defined in the migrations (a test checks both on the same inputs).
 */

/**
 * Zero-width and bidi control characters that clerks paste in from web pages and Word,
 * including the bidi isolates (U+2066–2069) and the Arabic letter mark (U+061C) that can
 * reorder how a name is shown.
 */
const INVISIBLES = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\u00AD\u061C\u180E]/g;

/**
 * NFC, invisibles removed, all whitespace runs (incl. NBSP and NEL) collapsed to one space,
 * trimmed. Control characters (VT, FF and NEL too, which this would collapse) never get here
 * to be stored: validation refuses their row first (invalidCharacters.ts). Invisibles go before NFC: "e" + U+200B + U+0301 only composes to "é" once the
 * zero-width space between them is gone (the other order left text that is not NFC).
 */
export function cleanText(value: string): string {
  return value
    .replace(INVISIBLES, '')
    .normalize('NFC')
    .replace(/[\s\u0085]+/gu, ' ')
    .trim();
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
