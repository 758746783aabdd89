import type { DuckDBConnection } from '@duckdb/node-api';
import { FIELDS, type ColumnMapping } from '../parse/headerMap.ts';
import { markLoneSurrogates } from '../text/invalidCharacters.ts';
import { decodeExcelEscapes } from '../text/excelEscapes.ts';

/**
 * Every upload form lands in one table of the upload workspace (pipeline/uploadWorkspace.ts;
 * for a CSV, a view of the same shape over what DuckDB's read_csv loaded: see stageCsv), all text, one column
 * per canonical field plus two facts used to recognise non-data rows. Validation and
 * commit then work set-wise in SQL (row-at-a-time JavaScript misses the 1M-row target: docs/architecture.md#an-upload-is-one-batch).
 */
export const STAGING_TABLE = 'upload_rows';

export async function createStagingTable(conn: DuckDBConnection): Promise<void> {
  const cols = FIELDS.map((f) => `${f} VARCHAR`).join(', ');
  await conn.run(
    `CREATE OR REPLACE TABLE ${STAGING_TABLE} (src_row INTEGER NOT NULL, ${cols}, nonblank INTEGER NOT NULL, first_text VARCHAR)`,
  );
}

/** Cells of one raw row → the staging columns (null for unmapped fields). */
export function stagingValues(
  cells: readonly (string | null)[],
  mapping: ColumnMapping,
  excelEscapes = false,
): { values: (string | null)[]; nonblank: number; firstText: string | null } {
  const values = FIELDS.map((f) => {
    const i = mapping[f];
    if (i === undefined) return null;
    const v = cells[i];
    if (v === undefined || v === null || v === '') return null;
    // A lone surrogate (JSON "\ud800", XLSX "_xD800_") would reach DuckDB as U+FFFD: kept
    // recognisable, so validation refuses the row and names it (invalidCharacters.ts).
    return markLoneSurrogates(excelEscapes ? decodeExcelEscapes(v) : v);
  });
  let nonblank = 0;
  let firstText: string | null = null;
  for (const c of cells) {
    if (c !== null && c !== undefined && c.trim() !== '') {
      nonblank++;
      firstText ??= c;
    }
  }
  return { values, nonblank, firstText };
}

/**
 * Appends rows from JavaScript (XLSX, JSON); CSV is loaded by DuckDB's own reader instead.
 * Cells from a workbook carry Excel's "_xHHHH_" escapes (decodeExcelEscapes); JSON text does
 * not, so stageJson opens the appender with `excelEscapes: false`.
 */
export class StagingAppender {
  private constructor(
    private readonly appender: Awaited<ReturnType<DuckDBConnection['createAppender']>>,
    private readonly excelEscapes: boolean,
  ) {}

  static async open(conn: DuckDBConnection, options: { excelEscapes?: boolean } = {}): Promise<StagingAppender> {
    // No catalog named: the appender writes where an unqualified CREATE does, the upload workspace.
    return new StagingAppender(await conn.createAppender(STAGING_TABLE), options.excelEscapes ?? true);
  }

  append(srcRow: number, cells: readonly (string | null)[], mapping: ColumnMapping): void {
    const { values, nonblank, firstText } = stagingValues(cells, mapping, this.excelEscapes);
    this.appender.appendInteger(srcRow);
    for (const v of values) {
      if (v === null) this.appender.appendNull();
      else this.appender.appendVarchar(v);
    }
    this.appender.appendInteger(nonblank);
    if (firstText === null) this.appender.appendNull();
    else this.appender.appendVarchar(firstText);
    this.appender.endRow();
  }

  close(): void {
    this.appender.closeSync();
  }
}
