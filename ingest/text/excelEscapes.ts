/**
 * Excel writes a character that XML cannot hold (a control character, a lone surrogate) in a
 * cell's text as "_xHHHH_", and a literal "_x" as "_x005F_x" (ECMA-376 Part 1, 22.9.2.19
 * ST_Xstring). exceljs's streaming reader leaves these escapes in the text: decoded here, so
 * "_x0001_" is refused as the control character it stands for rather than stored as text.
 */
const EXCEL_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

export function decodeExcelEscapes(value: string): string {
  return value.includes('_x') ? value.replace(EXCEL_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : value;
}
