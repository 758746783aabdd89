import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { markLoneSurrogates } from '../text/invalidCharacters.ts';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1258' | 'utf-16le' | 'utf-16be';

/**
 * Excel on Vietnamese Windows saves "CSV" in code page 1258 (tone marks as combining
 * characters); "CSV UTF-8" starts with a BOM; "Unicode Text" is UTF-16LE with a BOM (FF FE),
 * tab-separated, the usual way Vietnamese text leaves older Excel. A buffer that is valid
 * UTF-8 is taken as UTF-8 (cp1258 text with any accent is almost never valid UTF-8);
 * anything else is 1258.
 */
export function detectCsvEncoding(bytes: Buffer): { encoding: TextEncoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8-bom', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return isUtf8(bytes) ? { encoding: 'utf-8', bomLength: 0 } : { encoding: 'windows-1258', bomLength: 0 };
}

export function decodeWindows1258(bytes: Buffer): string {
  return iconv.decode(bytes, 'windows-1258').normalize('NFC');
}

/**
 * The text of a file in an encoding DuckDB cannot read (it reads UTF-8 only), NFC. A UTF-16
 * file may hold an unpaired surrogate: it is kept recognisable (markLoneSurrogates) so the
 * row is refused naming it, rather than turned into U+FFFD when the text is written as UTF-8.
 */
export function decodeNonUtf8(bytes: Buffer, encoding: 'windows-1258' | 'utf-16le' | 'utf-16be'): string {
  if (encoding === 'windows-1258') return decodeWindows1258(bytes);
  const body = bytes.subarray(2);
  const text = encoding === 'utf-16le' ? body.toString('utf16le') : iconv.decode(body, 'utf-16be', { stripBOM: false });
  return markLoneSurrogates(text).normalize('NFC');
}

/** Any text file's content as a string, whatever its encoding (BOM dropped). */
export function decodeCsvText(bytes: Buffer): { encoding: TextEncoding; text: string } {
  const { encoding, bomLength } = detectCsvEncoding(bytes);
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') return { encoding, text: bytes.subarray(bomLength).toString('utf8') };
  return { encoding, text: decodeNonUtf8(bytes, encoding) };
}

/** Lines that are entirely empty: DuckDB's reader drops them, which would shift row numbers. */
export function hasBlankLines(bytes: Buffer): boolean {
  return bytes.indexOf('\n\n') >= 0 || bytes.indexOf('\n\r\n') >= 0;
}

/**
 * Replaces each blank line by a line of delimiters, so every record keeps its row number
 * (the row Excel shows). Line breaks inside quoted cells are left alone.
 */
export function fillBlankLines(text: string, delimiter: string): string {
  return text.replace(/"[^"]*"|\n(?=\r?\n)/g, (m) => (m === '\n' ? `\n${delimiter}` : m));
}

/** Quotes come in pairs in any well-formed CSV; an odd count means a cut or broken file. */
export function hasUnbalancedQuotes(bytes: Buffer): boolean {
  let n = 0;
  let i = -1;
  while ((i = bytes.indexOf(34, i + 1)) !== -1) n++;
  return n % 2 === 1;
}

export type LineEndings = 'lf' | 'crlf' | 'cr' | 'mixed';

export interface LineScan {
  /** Line feeds + 1: a cheap upper bound on rows before loading anything (CR-only files: 1). */
  lines: number;
  endings: LineEndings;
  /** Bytes of the longest line (between line feeds). */
  longest: number;
  /** An empty line after the first (hasBlankLines, found on the way). */
  blankLines: boolean;
}

/**
 * One pass over the line feeds (the same cost as counting them): how many, which line
 * endings, the longest line, any blank line. DuckDB's reader takes one line ending per file: a file with
 * both CRLF and LF (rows pasted together from several files, or a CRLF file with Alt+Enter
 * line breaks in cells) is read after normaliseLineEnds; a CR-only file (old Mac Excel) too,
 * since its blank lines are only found once they are LFs.
 */
export function scanLines(bytes: Buffer): LineScan {
  let lf = 0;
  let crlf = 0;
  let longest = 0;
  let blankLines = false;
  let start = 0;
  let i = -1;
  while ((i = bytes.indexOf(10, i + 1)) !== -1) {
    lf++;
    const cr = bytes[i - 1] === 13;
    if (cr) crlf++;
    const length = i - start;
    if (length > longest) longest = length;
    if (start > 0 && (length === 0 || (length === 1 && cr))) blankLines = true;
    start = i + 1;
  }
  if (bytes.length - start > longest) longest = bytes.length - start;
  const endings: LineEndings = lf === 0 ? (bytes.includes(13) ? 'cr' : 'lf') : crlf === 0 ? 'lf' : crlf === lf ? 'crlf' : 'mixed';
  return { lines: lf + 1, endings, longest, blankLines };
}

/** Counts line feeds: a cheap upper bound on rows before loading anything. */
export function countLines(bytes: Buffer): number {
  return scanLines(bytes).lines;
}

/** CRLF and lone CR as LF (inside quoted cells too: spaces collapse them anyway). */
export function normaliseLineEnds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
