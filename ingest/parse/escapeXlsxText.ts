import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * exceljs's streaming reader decodes each inflated chunk to text on its own, so a
 * Vietnamese letter split across two chunks becomes "��" (exceljs issues #2063, #2316,
 * open in 4.4.0; seen here about once per 20,000 rows). Rewriting every non-ASCII character
 * of the XML parts as a character reference (&#7853;) leaves nothing to split; the XML
 * parser turns the references back into the same text. The parts are bounded by the
 * zip-bomb check (inspectXlsxZip) before this runs.
 */
export function escapeXlsxText(bytes: Uint8Array): { zip: Uint8Array; entries: Record<string, Uint8Array> } {
  const entries = unzipSync(bytes);
  const out: Zippable = {};
  // Worksheets last: the streaming reader needs the workbook, shared strings and styles
  // first (Excel's own order; a re-zip in another order made exceljs fail on "sheets").
  const names = Object.keys(entries).sort((a, b) => Number(a.startsWith('xl/worksheets/')) - Number(b.startsWith('xl/worksheets/')));
  for (const name of names) {
    const data = entries[name]!;
    if (name.endsWith('.xml') || name.endsWith('.rels')) {
      const text = strFromU8(data);
      // eslint-disable-next-line no-control-regex
      const escaped = /[^\x00-\x7f]/.test(text) ? text.replace(/[^\x00-\x7f]/gu, (ch) => `&#${ch.codePointAt(0)};`) : text;
      entries[name] = strToU8(escaped);
    }
    out[name] = [entries[name]!, { level: 0 }];
  }
  return { zip: zipSync(out), entries };
}
