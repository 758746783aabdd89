import type { DuckDBValue } from '@duckdb/node-api';
import { queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';
import { quoteIdentifier } from '../../contracts/sqlLiteral.ts';
import { inspectXlsxZip } from '../parse/inspectZip.ts';
import type { FileType } from '../parse/detectFileType.ts';
import type { Field } from '../parse/headerMap.ts';
import { loadMovements } from '../match/loadMovements.ts';
import { createStagingTable } from '../stage/stagingTable.ts';
import { stageCsv } from '../stage/stageCsv.ts';
import { stageXlsx } from '../stage/stageXlsx.ts';
import { stageJson } from '../stage/stageJson.ts';
import type { StagedUpload } from '../stage/stagedUpload.ts';
import { findUploadPlan, type UploadPlan } from '../validate/findUploadPlan.ts';
import { checkAgencyLifetime } from '../validate/checkAgencyLifetime.ts';
import { buildValueMaps } from '../validate/buildValueMaps.ts';
import { readValidation, type Validation } from '../validate/validateUpload.ts';
import { diagnoseColumns, type SampledColumn } from '../validate/diagnoseColumns.ts';
import { MAX_TEXT_LENGTH } from '../validate/refusalCodes.ts';
import { commitBatch, drawExemplarIds, findLineage, type BatchFacts } from '../commit/commitBatch.ts';
import type { ColumnDiagnosis } from '../../contracts/uploadFields.ts';
import type { UploadWorkspace } from './uploadWorkspace.ts';
import type { UploadLimits } from './ingestUpload.ts';

/**
 * The upload path as one declared list of steps, so the path can be read in one place and checked: each step is a SQL file or a
 * TypeScript function, with the workspace objects (uploadWorkspace.ts) it reads and writes
 * and its parameters. The pipeline runs the steps from this list, phase by phase, and drops
 * each object once the last step that reads it is done. test/ingest-steps.test.ts checks the
 * list against the SQL and TypeScript it names and against what a real upload leaves.
 */

/** Every object an upload makes in its workspace. */
export const UPLOAD_OBJECTS = {
  upload_csv_raw: { kind: 'table', what: 'a CSV as read_csv loaded it (stageCsv), under the upload_rows view' },
  upload_rows: {
    kind: 'table or view',
    what: 'the staged rows, all text, one column per field (stagingTable.ts)',
    over: ['upload_csv_raw'],
  },
  has_invalid_char: { kind: 'macro', what: 'a refused character in a text (text_macros.sql)' },
  invalid_char_excerpt: { kind: 'macro', what: 'what a report shows around one (text_macros.sql)' },
  upload_ignored: { kind: 'table', what: 'rows that are not data, with why' },
  upload_values: { kind: 'table', what: 'distinct raw values per matched column' },
  map_kind: { kind: 'table', what: 'raw kind → code' },
  map_category: { kind: 'table', what: 'raw category → code' },
  map_stage: { kind: 'table', what: 'raw stage → code' },
  map_form: { kind: 'table', what: 'raw form → code' },
  map_date: { kind: 'table', what: 'raw decision date → ISO date' },
  map_movement: { kind: 'table', what: 'raw movement → movement key, or the nearest candidates' },
  upload_units: { kind: 'table', what: 'distinct units, cleaned and folded once each' },
  upload_norm: { kind: 'table', what: 'the data rows normalised' },
  upload_refusals: { kind: 'table', what: 'one line per refused (row, column)' },
  upload_crowded: { kind: 'table', what: 'valid rows sharing fold keys or a code with another' },
  upload_dups: { kind: 'table', what: 'in-file duplicates' },
  upload_ok: { kind: 'table', what: 'the rows to commit, as ids' },
  upload_new_ids: { kind: 'table', what: 'an exemplar id for each new exemplar' },
  upload_lineage: { kind: 'table', what: 'the earlier line each new exemplar continues' },
} as const;

export type UploadObject = keyof typeof UPLOAD_OBJECTS;

export type UploadPhase = 'stage' | 'validate' | 'diagnose' | 'commit';

/** What one run of the steps works on and what the steps leave for the next ones. */
export interface UploadRun {
  ws: UploadWorkspace;
  input: {
    filePath: string;
    fileName: string;
    bytes: Buffer;
    fileType: FileType;
    workDir: string;
    agency: string;
    formYear: number | null;
    mapping: Partial<Record<Field, string>>;
    limits: UploadLimits;
    /** Preview: stage a file that lacks a required column. */
    allowMissingColumns: boolean;
  };
  staged?: StagedUpload;
  plan?: UploadPlan;
  validation?: Validation;
  diagnoses?: ColumnDiagnosis[];
  /** The commit phase's batch facts (without the ids) and report, set by the pipeline. */
  commit?: { facts: BatchFacts; reportFor: (batchId: number) => string };
  continuesLines?: boolean;
  batchId?: number;
}

interface StepBase {
  name: string;
  phase: UploadPhase;
  reads: readonly UploadObject[];
  writes: readonly UploadObject[];
  /** Skipped when false (the step's writes are then absent: no later step may need them unconditionally). */
  when?: (run: UploadRun) => boolean;
}

/** A SQL file run as is, with its parameters taken from the run. */
export interface SqlStep extends StepBase {
  /** Path from ingest/. */
  sql: string;
  params: Readonly<Record<string, (run: UploadRun) => DuckDBValue>>;
}

/** A TypeScript function: its module and the SQL files it runs (path from ingest/). */
export interface CodeStep extends StepBase {
  module: string;
  sqlFiles: readonly string[];
  run: (run: UploadRun) => Promise<void>;
}

export type UploadStep = SqlStep | CodeStep;

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`upload step run before ${what} was set`);
  return value;
}
const plan = (run: UploadRun) => need(run.plan, 'the plan');

/** Each column of the file with the values the stager sampled under its header. */
function sampledColumns(staged: StagedUpload): SampledColumn[] {
  return (staged.columns ?? []).map((c) => ({
    header: c.header,
    field: c.field,
    values: (staged.sample ?? []).map((r) => r.cells[c.index] ?? null),
  }));
}

async function stage(run: UploadRun): Promise<void> {
  const { conn } = run.ws;
  const i = run.input;
  const yearFromForm = i.formYear !== null || i.allowMissingColumns;
  const limits = { maxRows: i.limits.maxRows, ...(i.allowMissingColumns ? { allowMissingColumns: true } : {}) };
  await createStagingTable(conn);
  if (i.fileType === 'xlsx') {
    inspectXlsxZip(i.bytes, { ...i.limits, maxRatio: i.limits.maxZipRatio });
    run.staged = await stageXlsx(conn, i.bytes, i.mapping, yearFromForm, { ...limits, maxColumns: i.limits.maxColumns });
  } else if (i.fileType === 'json') {
    run.staged = await stageJson(conn, i.bytes, i.mapping, yearFromForm, limits);
  } else {
    run.staged = await stageCsv(conn, i.filePath, i.bytes, i.workDir, i.mapping, yearFromForm, limits);
  }
}

const MAPS = ['map_kind', 'map_category', 'map_stage', 'map_form', 'map_date', 'map_movement'] as const;

export const UPLOAD_STEPS: readonly UploadStep[] = [
  // The movements as registered now: a plan registered a moment ago applies to this list.
  {
    name: 'load movements',
    phase: 'stage',
    module: 'match/loadMovements.ts',
    sqlFiles: ['match/sql/movements.sql'],
    reads: [],
    writes: [],
    run: (r) => loadMovements(r.ws.conn),
  },
  {
    name: 'stage the rows',
    phase: 'stage',
    module: 'stage/stageCsv.ts stage/stageXlsx.ts stage/stageJson.ts stage/stagingTable.ts',
    sqlFiles: [],
    reads: [],
    writes: ['upload_rows', 'upload_csv_raw'],
    run: stage,
  },
  {
    name: 'text macros',
    phase: 'validate',
    sql: 'validate/sql/text_macros.sql',
    params: {},
    reads: [],
    writes: ['has_invalid_char', 'invalid_char_excerpt'],
  },
  {
    name: 'ignored rows',
    phase: 'validate',
    sql: 'validate/sql/ignored_rows.sql',
    params: {},
    reads: ['upload_rows'],
    writes: ['upload_ignored'],
  },
  {
    name: 'distinct values',
    phase: 'validate',
    sql: 'validate/sql/distinct_values.sql',
    params: {},
    reads: ['upload_rows'],
    writes: ['upload_values'],
  },
  {
    name: 'year and plan',
    phase: 'validate',
    module: 'validate/findUploadPlan.ts',
    sqlFiles: ['validate/sql/province_plans.sql', 'validate/sql/file_year.sql', 'validate/sql/data_row_count.sql'],
    reads: ['upload_values', 'upload_rows', 'upload_ignored'],
    writes: [],
    run: async (r) => {
      r.plan = await findUploadPlan(r.ws.conn, r.input.agency, r.input.formYear);
    },
  },
  {
    // A list dated in a year its agency did not exist in is refused before its rows are checked.
    name: 'agency lifetime',
    phase: 'validate',
    module: 'validate/checkAgencyLifetime.ts',
    sqlFiles: ['validate/sql/agency_lifetime.sql'],
    reads: [],
    writes: [],
    run: (r) => checkAgencyLifetime(r.ws.conn, r.input.agency, plan(r).year),
  },
  {
    name: 'value maps',
    phase: 'validate',
    module: 'validate/buildValueMaps.ts',
    sqlFiles: ['validate/sql/values_of_field.sql'],
    reads: ['upload_values'],
    writes: MAPS,
    run: (r) => buildValueMaps(r.ws.conn, plan(r).code),
  },
  { name: 'units', phase: 'validate', sql: 'validate/sql/units.sql', params: {}, reads: ['upload_values'], writes: ['upload_units'] },
  {
    name: 'normalise rows',
    phase: 'validate',
    sql: 'validate/sql/normalise_rows.sql',
    params: { form_year: (r) => r.input.formYear },
    reads: ['upload_rows', 'upload_ignored', 'upload_units', 'has_invalid_char', ...MAPS],
    writes: ['upload_norm'],
  },
  {
    name: 'refusals',
    phase: 'validate',
    sql: 'validate/sql/refusals.sql',
    params: {
      file_year: (r) => plan(r).year,
      agency: (r) => r.input.agency,
      plan: (r) => plan(r).code,
      first_year: (r) => plan(r).firstYear,
      last_year: (r) => plan(r).lastYear,
      household_movements: (r) => JSON.stringify(plan(r).householdMovements),
      max_length: () => MAX_TEXT_LENGTH,
    },
    reads: ['upload_units', 'upload_norm', 'upload_rows', 'has_invalid_char', 'invalid_char_excerpt'],
    writes: ['upload_refusals'],
  },
  {
    name: 'crowded rows',
    phase: 'validate',
    sql: 'validate/sql/crowded_rows.sql',
    params: {},
    reads: ['upload_norm', 'upload_refusals', 'upload_units'],
    writes: ['upload_crowded'],
  },
  {
    name: 'duplicates',
    phase: 'validate',
    sql: 'validate/sql/duplicates.sql',
    params: {},
    reads: ['upload_crowded'],
    writes: ['upload_dups'],
  },
  {
    name: 'accepted rows',
    phase: 'validate',
    sql: 'validate/sql/accepted_rows.sql',
    params: { agency: (r) => r.input.agency, plan: (r) => plan(r).code },
    reads: ['upload_norm', 'upload_refusals', 'upload_dups', 'upload_units', 'upload_crowded'],
    writes: ['upload_ok'],
  },
  {
    name: 'validation report',
    phase: 'validate',
    module: 'validate/validateUpload.ts',
    sqlFiles: [
      'validate/sql/validation_counts.sql',
      'validate/sql/refused_list.sql',
      'validate/sql/ignored_list.sql',
      'validate/sql/duplicate_list.sql',
      'validate/sql/near_matches.sql',
    ],
    reads: [
      'upload_norm',
      'upload_ignored',
      'upload_refusals',
      'upload_dups',
      'upload_ok',
      'upload_units',
      'upload_crowded',
      'map_movement',
    ],
    writes: [],
    run: async (r) => {
      const staged = need(r.staged, 'the staged rows');
      r.validation = await readValidation(r.ws.conn, plan(r), {
        fileName: r.input.fileName,
        agency: r.input.agency,
        headers: staged.headers,
        titleRows: staged.titleRows,
      });
    },
  },
  {
    name: 'column diagnoses',
    phase: 'diagnose',
    module: 'validate/diagnoseColumns.ts',
    sqlFiles: ['validate/sql/column_diagnoses.sql'],
    reads: ['upload_refusals', 'upload_norm'],
    writes: [],
    when: (r) => need(r.validation, 'the validation').counts.refused > 0,
    run: async (r) => {
      const staged = need(r.staged, 'the staged rows');
      r.diagnoses = await diagnoseColumns(r.ws.conn, staged.headers, sampledColumns(staged));
    },
  },
  {
    name: 'new exemplar ids',
    phase: 'commit',
    module: 'commit/commitBatch.ts',
    sqlFiles: ['commit/sql/reserve_exemplar_ids.sql', 'commit/sql/new_exemplar_ids.sql'],
    reads: ['upload_ok'],
    writes: ['upload_new_ids'],
    run: (r) => drawExemplarIds(r.ws.conn, need(r.validation, 'the validation').counts.newExemplars),
  },
  {
    name: 'lineage',
    phase: 'commit',
    module: 'commit/commitBatch.ts',
    sqlFiles: ['commit/sql/lineage_candidates.sql', 'commit/sql/lineage.sql'],
    reads: ['upload_ok', 'upload_norm', 'upload_units'],
    writes: ['upload_lineage'],
    run: async (r) => {
      r.continuesLines = await findLineage(r.ws.conn, r.input.agency, plan(r).code);
    },
  },
  {
    // One transaction; reads upload_lineage only when the lineage step wrote it.
    name: 'commit the batch',
    phase: 'commit',
    module: 'commit/commitBatch.ts commit/checkIntegrity.ts',
    sqlFiles: [
      'commit/sql/insert_batch.sql',
      'commit/sql/move_to_history.sql',
      'commit/sql/delete_replaced.sql',
      'commit/sql/supersede_batches.sql',
      'commit/sql/update_known_exemplars.sql',
      'commit/sql/insert_exemplars.sql',
      'commit/sql/link_lineage.sql',
      'commit/sql/insert_recognitions.sql',
      'commit/sql/integrity_ranges.sql',
      'commit/sql/integrity_proof.sql',
      'commit/sql/integrity_violations.sql',
      'commit/sql/read_back.sql',
    ],
    reads: ['upload_ok', 'upload_norm', 'upload_units', 'upload_new_ids', 'upload_lineage'],
    writes: [],
    run: async (r) => {
      const commit = need(r.commit, 'the batch facts');
      r.batchId = await commitBatch(r.ws.conn, commit.facts, r.continuesLines === true, commit.reportFor);
    },
  },
];

const SQL_TEXT = new Map<string, string>();
/** The text of a step's SQL file (read once). */
export function stepSql(path: string): string {
  let text = SQL_TEXT.get(path);
  if (text === undefined) {
    text = loadSql(import.meta.url, `../${path}`);
    SQL_TEXT.set(path, text);
  }
  return text;
}
for (const s of UPLOAD_STEPS) if ('sql' in s) stepSql(s.sql);

/** The objects the upload no longer needs after each step: those no later step reads (directly or through a view over them). */
const FREED_AFTER: ReadonlyMap<UploadStep, UploadObject[]> = (() => {
  const lastReader = new Map<UploadObject, number>();
  UPLOAD_STEPS.forEach((s, i) => {
    for (const o of s.reads)
      for (const x of [o, ...('over' in UPLOAD_OBJECTS[o] ? (UPLOAD_OBJECTS[o] as { over: readonly UploadObject[] }).over : [])])
        lastReader.set(x, i);
  });
  const freed = new Map<UploadStep, UploadObject[]>();
  for (const [o, i] of lastReader)
    if (UPLOAD_OBJECTS[o].kind !== 'macro') freed.set(UPLOAD_STEPS[i]!, [...(freed.get(UPLOAD_STEPS[i]!) ?? []), o]);
  return freed;
})();

/** Drops objects early (memory: less spilling under INGEST_MEMORY_LIMIT); the workspace's DETACH drops the rest. */
async function free(run: UploadRun, objects: readonly UploadObject[]): Promise<void> {
  const present = await queryRows(
    run.ws.conn,
    `SELECT table_name AS name, 'TABLE' AS kind FROM duckdb_tables() WHERE database_name = $db UNION ALL SELECT view_name, 'VIEW' FROM duckdb_views() WHERE database_name = $db ORDER BY kind DESC`,
    { db: run.ws.catalog },
  );
  for (const p of present) {
    if (!objects.includes(p.name as UploadObject)) continue;
    await run.ws.conn.run(`DROP ${String(p.kind)} ${quoteIdentifier(run.ws.catalog)}.main.${quoteIdentifier(String(p.name))}`);
  }
}

/** Runs one step (its SQL file, or its function) and frees what no later step reads. */
export async function runStep(run: UploadRun, step: UploadStep): Promise<void> {
  if (step.when && !step.when(run)) return;
  if ('sql' in step) {
    const params = Object.fromEntries(Object.entries(step.params).map(([k, f]) => [k, f(run)]));
    await run.ws.conn.run(stepSql(step.sql), Object.keys(params).length > 0 ? params : undefined);
  } else {
    await step.run(run);
  }
  const freed = FREED_AFTER.get(step);
  if (freed) await free(run, freed);
}

/** Runs the steps of one phase, in the order of the list. */
export async function runPhase(run: UploadRun, phase: UploadPhase): Promise<void> {
  for (const step of UPLOAD_STEPS) if (step.phase === phase) await runStep(run, step);
}
