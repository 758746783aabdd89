/** What every printed A4 page carries in its margins: the document, the snapshot it came
 *  from, a synthetic-data notice when applicable, and the page number. */
export interface PageMargins {
  title: string;
  snapshot: string;
  notice: string | null;
}

function cssString(text: string): string {
  // A CSS string literal: quotes and backslashes escaped, line breaks and "<" removed so the
  // text can never close the <style> element it is written into.
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r<]/g, ' ')}"`;
}

/**
 * @page rules for A4 with margin boxes (Chromium ≥ 131 prints them), so the snapshot version
 * and date are on every page, whether printed from the browser or through page.pdf().
 */
export function pageMarginCss(m: PageMargins): string {
  const small = 'font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 8pt; color: #333;';
  return `@page {
  size: A4;
  margin: 18mm 15mm 18mm 20mm;
  @top-left { content: ${cssString(m.title)}; ${small} }
  @top-right { content: ${cssString(m.snapshot)}; ${small} }
  @bottom-left { content: ${cssString(m.notice ?? '')}; ${small} color: #8a1c1c; font-weight: 700; }
  @bottom-right { content: "Trang " counter(page) "/" counter(pages); ${small} }
}`;
}
