import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/**
 * Excel on Vietnamese Windows saves "CSV" in code page 1258 (tone marks as combining
 * characters); "CSV UTF-8" starts with a BOM. A buffer that is valid UTF-8 is taken as
 * UTF-8 (cp1258 text with any accent is almost never valid UTF-8); anything else is 1258.
 */
export function detectCsvEncoding(bytes: Buffer): { encoding: 'utf-8' | 'utf-8-bom' | 'windows-1258'; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8-bom', bomLength: 3 };
  return isUtf8(bytes) ? { encoding: 'utf-8', bomLength: 0 } : { encoding: 'windows-1258', bomLength: 0 };
}

export function decodeWindows1258(bytes: Buffer): string {
  return iconv.decode(bytes, 'windows-1258').normalize('NFC');
}

/** Lines that are entirely empty: DuckDB's reader drops them, which would shift row numbers. */
export function hasBlankLines(bytes: Buffer): boolean {
  return bytes.indexOf('\n\n') >= 0 || bytes.indexOf('\n\r\n') >= 0;
}

/** Replaces each blank line by a line of delimiters, so every record keeps its row number. */
export function fillBlankLines(text: string, delimiter: string): string {
  return text.replace(/\n(?=\r?\n)/g, `\n${delimiter}`);
}

/** Quotes come in pairs in any well-formed CSV; an odd count means a cut or broken file. */
export function hasUnbalancedQuotes(bytes: Buffer): boolean {
  let n = 0;
  let i = -1;
  while ((i = bytes.indexOf(34, i + 1)) !== -1) n++;
  return n % 2 === 1;
}

/** Counts line feeds: a cheap upper bound on rows before loading anything. */
export function countLines(bytes: Buffer): number {
  let n = 0;
  let i = -1;
  while ((i = bytes.indexOf(10, i + 1)) !== -1) n++;
  return n + 1;
}
