/**
 * Spreadsheet formula injection (CSV injection): Excel and LibreOffice treat a cell typed or
 * imported from CSV as a formula when it starts with =, +, - or @ (and tab / CR lead-ins are
 * stripped first), so "=HYPERLINK(...)" in an exemplar's name would run on the clerk's machine.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** For CSV: a leading apostrophe makes Excel read the cell as text (and it is not shown). */
export function neutraliseCsvText(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}
