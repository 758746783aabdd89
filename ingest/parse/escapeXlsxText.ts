import { unzipSync, Zip, ZipPassThrough } from 'fflate';

/**
 * exceljs's streaming reader decodes each inflated chunk to text on its own, so a
 * Vietnamese letter split across two chunks becomes "��" (exceljs issues #2063, #2316,
 * open in 4.4.0; seen here about once per 20,000 rows). Rewriting every non-ASCII character
 * of the XML parts as a character reference (&#7853;) leaves nothing to split; the XML
 * parser turns the references back into the same text. The parts are bounded by the
 * zip-bomb check (inspectXlsxZip) before this runs.
 *
 * Memory (hostile workbooks: docs/architecture.md#security): the rewrite works on bytes, never on JS strings of the whole part (a
 * 200 MB sheet of Vietnamese text took 2.6 GB that way), and the new zip is a list of pieces
 * that reference the parts instead of one buffer that copies them all.
 */
export function escapeXlsxText(bytes: Uint8Array): { zip: Uint8Array[]; entries: Record<string, Uint8Array> } {
  const entries = unzipSync(bytes);
  const pieces: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    pieces.push(chunk);
  });
  // Worksheets last: the streaming reader needs the workbook, shared strings and styles
  // first (Excel's own order; a re-zip in another order made exceljs fail on "sheets").
  const names = Object.keys(entries).sort((a, b) => Number(a.startsWith('xl/worksheets/')) - Number(b.startsWith('xl/worksheets/')));
  for (const name of names) {
    if (name.endsWith('.xml') || name.endsWith('.rels')) entries[name] = escapeNonAscii(entries[name]!);
    const file = new ZipPassThrough(name);
    zip.add(file);
    file.push(entries[name]!, true);
  }
  zip.end();
  return { zip: pieces, entries };
}

/** UTF-8 bytes with every non-ASCII character written as &#N; (invalid sequences as U+FFFD, as a decoder would). */
export function escapeNonAscii(src: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  let first = 0;
  while (first < src.length && src[first]! < 0x80) first++;
  if (first === src.length) return src;
  // Two passes over the bytes: the size of the result, then the result, with no string between.
  let size = first;
  walk(src, first, (cp) => (size += cp < 0x80 ? 1 : referenceLength(cp)));
  const out = new Uint8Array(size);
  out.set(src.subarray(0, first));
  let at = first;
  walk(src, first, (cp) => {
    if (cp < 0x80) {
      out[at++] = cp;
      return;
    }
    out[at++] = 0x26; // &
    out[at++] = 0x23; // #
    const digits = String(cp);
    for (let k = 0; k < digits.length; k++) out[at++] = digits.charCodeAt(k);
    out[at++] = 0x3b; // ;
  });
  return out;
}

const referenceLength = (cp: number) => 3 + String(cp).length;

/** Calls `each` with every code point of the UTF-8 bytes from `from`. */
function walk(b: Uint8Array, from: number, each: (cp: number) => void): void {
  const cont = (i: number) => i < b.length && (b[i]! & 0xc0) === 0x80;
  for (let i = from; i < b.length; ) {
    const x = b[i]!;
    if (x < 0x80) {
      each(x);
      i++;
    } else if (x >= 0xc2 && x < 0xe0 && cont(i + 1)) {
      each(((x & 0x1f) << 6) | (b[i + 1]! & 0x3f));
      i += 2;
    } else if (x >= 0xe0 && x < 0xf0 && cont(i + 1) && cont(i + 2)) {
      const cp = ((x & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f);
      each(cp >= 0x800 && (cp < 0xd800 || cp > 0xdfff) ? cp : 0xfffd);
      i += 3;
    } else if (x >= 0xf0 && x < 0xf5 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
      const cp = ((x & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f);
      each(cp >= 0x10000 && cp <= 0x10ffff ? cp : 0xfffd);
      i += 4;
    } else {
      // A cut sequence is one U+FFFD with its continuation bytes, as TextDecoder does.
      const need = x >= 0xf0 && x < 0xf5 ? 3 : x >= 0xe0 && x < 0xf0 ? 2 : x >= 0xc2 && x < 0xe0 ? 1 : 0;
      let j = i + 1;
      while (j < i + 1 + need && cont(j)) j++;
      each(0xfffd);
      i = j;
    }
  }
}
