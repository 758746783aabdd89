/**
 * A named query: one file queries/<name>.sql whose header comment declares what it answers and
 * its parameters. Header syntax (one declaration per `--` line, before the SQL):
 *
 *   -- @title <Vietnamese title shown in the UI and used for sheet names>
 *   -- @answers <what it answers, in English, for developers>
 *   -- @file <ascii_slug for export file names>            (optional; default: the query name)
 *   -- @param <name> <TYPE> [= <default>] [<Vietnamese label>]
 *   -- @column <name>[:share] <Vietnamese label>           (column headings in CSV/XLSX)
 *   -- @access personal [<agency column>]                  (optional; the answer names people)
 *
 * `@access personal` marks a list with people's names: only a signed-in viewer gets it, and an
 * agency viewer only its agency's rows, by forcing the query's `agency` parameter or, for a
 * query without one, by keeping the rows whose <agency column> is that agency (or merged into it).
 *
 * TYPE is one of
 *   INTEGER[min..max]  whole number within the bounds (INTEGER alone: any 32-bit integer)
 *   INTEGER[years]     a year of the registered plans: min(first_year)..max(last_year) of the
 *                      snapshot's plans, resolved when the snapshot opens (snapshotFacts.ts)
 *   INTEGER[movements] a movement key: min..max of the snapshot's movements.no
 *   BOOLEAN            true/false/1/0
 *   ENUM(a,b,c)        one of the listed codes
 *   CODE               an agency or bloc code: A–Z, 0–9, _ (1–40 characters)
 *   TEXT               free text up to 200 characters (bound as VARCHAR, never spliced)
 *   DATE               YYYY-MM-DD
 * A default of NULL makes the parameter an optional filter; no default makes it required. The
 * defaults `period.first` and `period.last` are the first and last year of the latest period
 * with data (the plan covering the newest recognised year), resolved per snapshot.
 *
 *   -- @filters standard                                   (the standard filters, see STANDARD_FILTERS)
 *
 * Parameters named `plan` and `congress` are checked against the snapshot's plans and congresses.
 *
 * `:share` marks a column holding a fraction of 1 (0.8125 = 81.25 %): XLSX formats it `0.0%`,
 * the Vietnamese CSV writes it as a percentage ("81,25%").
 */
/** A range that comes from the snapshot: the plans' years or the movement keys. */
export type SnapshotRange = 'years' | 'movements';
/** A default that comes from the snapshot: the latest period with data. */
export type SnapshotDefault = 'period.first' | 'period.last';

export type ParamType =
  | { kind: 'INTEGER'; min: number; max: number; range?: SnapshotRange }
  | { kind: 'BOOLEAN' }
  | { kind: 'ENUM'; values: string[] }
  | { kind: 'CODE' }
  | { kind: 'TEXT' }
  | { kind: 'DATE' };

export type ParamValue = number | boolean | string | null;

export interface ParamDeclaration {
  name: string;
  type: ParamType;
  /** The declared type as written, e.g. "INTEGER[years]". */
  typeText: string;
  required: boolean;
  default: ParamValue;
  /** Set when the default is the snapshot's (`= period.first`); `default` is then resolved per snapshot. */
  defaultFrom?: SnapshotDefault;
  label: string;
}

/** How a column's numbers read: `share` is a fraction of 1 shown as a percentage. */
export const COLUMN_FORMATS = ['share'] as const;
export type ColumnFormat = (typeof COLUMN_FORMATS)[number];

export interface ColumnDeclaration {
  name: string;
  label: string;
  /** Declared with `@column name:share`; absent for plain columns. */
  format?: ColumnFormat;
}

export interface QueryDefinition {
  name: string;
  title: string;
  answers: string;
  fileSlug: string;
  params: ParamDeclaration[];
  columns: ColumnDeclaration[];
  sql: string;
  /** 'personal': names people, needs a signed-in viewer; 'figures': counts and catalogues. */
  access: 'figures' | 'personal';
  /** For a personal query without an `agency` parameter: the column that says whose row it is. */
  scopeColumn: string | null;
}
