import type { Field } from '../parse/headerMap.ts';
import type { TextEncoding } from '../parse/decodeCsv.ts';

/** What a stager tells the pipeline beside the rows it put in the staging table. */
export interface StagedUpload {
  fileType: 'xlsx' | 'csv' | 'json';
  /** File row of the header (1-based); 0 for JSON. */
  headerRow: number;
  /** File row of a sub-header under it ("Số", "Ngày" under "Quyết định"), when there is one. */
  subHeaderRow?: number;
  headers: Partial<Record<Field, string>>;
  /** Columns present in the file that are not imported. */
  unknownColumns: string[];
  /** Rows above the header (titles, agency name, decision), found while looking for it. */
  titleRows: { row: number; text: string }[];
  /** How a CSV or JSON file's text was encoded (UTF-16 "Unicode Text" is decoded and read as UTF-8). */
  encoding?: TextEncoding;
  delimiter?: string;
  /** The worksheet read (XLSX). */
  sheet?: string;
  /** Worksheets without a list (no header among their first rows), skipped: a cover, instructions. */
  skippedSheets?: string[];
}

export interface StageLimits {
  maxRows: number;
}
