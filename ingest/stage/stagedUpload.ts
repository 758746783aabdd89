import type { Field } from '../parse/headerMap.ts';
import type { TextEncoding } from '../parse/decodeCsv.ts';
import type { ColumnReading } from '../parse/inferColumns.ts';
import type { ColumnDecision } from '../../contracts/uploadFields.ts';

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
  /** Every column of the file and the field it is read as (inferColumns). Not part of the report's `file`. */
  columns?: ColumnReading[];
  /** Columns read by what they hold rather than by their header (docs/upload-format.md). Not part of the report's `file`. */
  columnDecisions?: ColumnDecision[];
  /** The first data rows under the header as the clerk sees them (file row, cells). Not part of the report's `file`. */
  sample?: { row: number; cells: (string | null)[] }[];
}

export interface StageLimits {
  maxRows: number;
  /** Preview: stage a file that lacks a required column rather than refuse it (the clerk maps it next). */
  allowMissingColumns?: boolean;
}
