import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../ingest/store/database.ts';
import { DEFAULT_LIMITS } from '../ingest/pipeline/ingestUpload.ts';
import { UPLOAD_OBJECTS, UPLOAD_STEPS, runStep, stepSql, type UploadObject, type UploadRun } from '../ingest/pipeline/uploadSteps.ts';
import { WORKSPACE_PREFIX, closeUploadWorkspace, openUploadWorkspace } from '../ingest/pipeline/uploadWorkspace.ts';
import { csv, HEADER, harnessPerTest } from './ingest-helpers.ts';

const h = harnessPerTest();
const INGEST = fileURLToPath(new URL('../ingest/', import.meta.url));
const OBJECTS = Object.keys(UPLOAD_OBJECTS) as UploadObject[];

/** Source text without comments (SQL "--", TypeScript "//" and block comments), so names in prose do not count. */
function code(path: string): string {
  return readFileSync(join(INGEST, path), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])(--|\/\/).*$/gm, '$1');
}

/** The workspace objects a text names. */
function named(text: string): UploadObject[] {
  return OBJECTS.filter((o) => new RegExp(`\\b${o}\\b`).test(text));
}

/** What is in an attached workspace now: tables, views, macros. */
async function workspaceObjects(conn: DuckDBConnection, catalog: string): Promise<string[]> {
  const rows = await queryRows(
    conn,
    `SELECT table_name AS name FROM duckdb_tables() WHERE database_name = $db
     UNION SELECT view_name FROM duckdb_views() WHERE database_name = $db AND NOT internal
     UNION SELECT function_name FROM duckdb_functions() WHERE database_name = $db AND function_type = 'macro'`,
    { db: catalog },
  );
  return rows.map((r) => String(r.name)).sort();
}

/** What an upload could leave on the writer connection: a workspace, temp objects, a search path. */
async function leftovers(conn: DuckDBConnection): Promise<unknown> {
  const [r] = await queryRows(
    conn,
    `SELECT (SELECT list(database_name) FROM duckdb_databases() WHERE starts_with(database_name, $prefix)) AS workspaces,
            (SELECT list(table_name) FROM duckdb_tables() WHERE temporary) AS temp_tables,
            (SELECT list(view_name) FROM duckdb_views() WHERE temporary AND NOT internal) AS temp_views,
            (SELECT list(DISTINCT function_name) FROM duckdb_functions() WHERE database_name = 'temp' AND function_type = 'macro') AS temp_macros,
            current_setting('search_path') AS search_path`,
    { prefix: WORKSPACE_PREFIX },
  );
  return r;
}
const CLEAN = { workspaces: null, temp_tables: null, temp_views: null, temp_macros: null, search_path: '' };

const row = (name: string, kind = 'Cá nhân', movement = '15') => [
  '',
  name,
  kind,
  'Trường THCS Lê Quý Đôn',
  movement,
  '2023',
  '1/QĐ',
  '5/6/2023',
];

describe('ingest: the declared upload steps (issue 15 §2)', () => {
  it('has every step read only what earlier steps wrote, and every object written by a step', () => {
    const written = new Set<UploadObject>();
    for (const step of UPLOAD_STEPS) {
      for (const o of step.reads)
        expect({ step: step.name, reads: o, writtenBefore: written.has(o) }).toEqual({ step: step.name, reads: o, writtenBefore: true });
      for (const o of step.writes) written.add(o);
    }
    expect([...written].sort()).toEqual([...OBJECTS].sort());
    // Phases run in this order; a step of a phase never sits after a step of a later phase.
    const order = ['stage', 'validate', 'diagnose', 'commit'];
    const phases = UPLOAD_STEPS.map((s) => order.indexOf(s.phase));
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
  });

  it("declares what each SQL file and module names, and each SQL file's parameters", () => {
    for (const step of UPLOAD_STEPS) {
      const declared = new Set<UploadObject>([...step.reads, ...step.writes]);
      const files = 'sql' in step ? [step.sql] : [...step.sqlFiles, ...step.module.split(' ')];
      for (const file of files) {
        const text = code(file);
        // Every workspace object the text names is declared by the step…
        expect({ step: step.name, file, undeclared: named(text).filter((o) => !declared.has(o)) }).toEqual({
          step: step.name,
          file,
          undeclared: [],
        });
        // …and nothing goes to DuckDB's temp catalog any more.
        expect({ file, temp: /\bTEMP(ORARY)?\s+(TABLE|VIEW|MACRO)\b|temp\.main|'temp'/i.test(text) }).toEqual({ file, temp: false });
      }
      if ('sql' in step) {
        const text = code(step.sql);
        expect(stepSql(step.sql).length).toBeGreaterThan(0);
        const used = [...new Set([...text.matchAll(/\$([a-z_]+)/g)].map((m) => m[1]!))].sort();
        expect({ step: step.name, params: Object.keys(step.params).sort() }).toEqual({ step: step.name, params: used });
        // What a SQL step writes, it creates.
        for (const o of step.writes) expect(text).toMatch(new RegExp(`CREATE OR REPLACE (TABLE|MACRO|VIEW) ${o}\\b`));
      }
    }
  });

  it('makes in the workspace only what the steps declare, drops each object after its last reader, and leaves nothing', async () => {
    const x = await h();
    const conn = x.db.connection;
    const file = join(x.dir, 'list.csv');
    writeFileSync(
      file,
      '\uFEFF' +
        csv([
          HEADER,
          row('Nguyễn Văn An'),
          row('Trần Thị Bình'),
          row('Trần Thị Bình'),
          row('Lê Văn Cường', 'Không rõ'),
          ['', '', '', '', '', '', '', ''],
        ]),
    );
    const bytes = readFileSync(file);
    const ws = await openUploadWorkspace(conn);
    const run: UploadRun = {
      ws,
      input: {
        filePath: file,
        fileName: 'list.csv',
        bytes,
        fileType: 'csv',
        workDir: x.dir,
        agency: 'SGDDT',
        formYear: 2023,
        mapping: {},
        limits: DEFAULT_LIMITS,
        allowMissingColumns: false,
      },
    };
    const declared = new Set<string>();
    const lastReader = new Map<string, number>();
    UPLOAD_STEPS.forEach((s, i) => s.reads.forEach((o) => lastReader.set(o, i)));
    try {
      for (const [i, step] of UPLOAD_STEPS.entries()) {
        if (step.phase === 'commit' && run.commit === undefined) {
          run.commit = {
            facts: {
              agency: 'SGDDT',
              year: 2023,
              plan: run.plan!.code,
              submittedBy: 'test',
              receivedAt: '2026-01-01 00:00:00',
              fileName: 'list.csv',
              sha256: 'x',
              rowsTotal: run.validation!.counts.total,
              rowsAccepted: run.validation!.counts.accepted,
              rowsRefused: run.validation!.counts.refused,
              rowsIgnored: run.validation!.counts.ignored,
            },
            reportFor: () => '{}',
          };
        }
        await runStep(run, step);
        step.writes.forEach((o) => declared.add(o));
        const present = await workspaceObjects(conn, ws.catalog);
        expect({ step: step.name, undeclared: present.filter((o) => !declared.has(o)) }).toEqual({ step: step.name, undeclared: [] });
        // Tables and views no later step reads are gone (macros stay until the workspace goes).
        const stale = present.filter(
          (o) =>
            UPLOAD_OBJECTS[o as UploadObject].kind !== 'macro' &&
            (lastReader.get(o) ?? -1) <= i &&
            !(o === 'upload_csv_raw' && (lastReader.get('upload_rows') ?? -1) > i),
        );
        expect({ step: step.name, stale }).toEqual({ step: step.name, stale: [] });
      }
      expect(run.validation!.counts).toMatchObject({ accepted: 2, refused: 1, duplicates: 1 });
      expect(run.diagnoses).toBeDefined();
      expect(Number.isInteger(run.batchId)).toBe(true);
      expect(await x.count(`SELECT count(*) FROM recognitions WHERE batch_id = ${run.batchId}`)).toBe(2);
    } finally {
      await closeUploadWorkspace(ws);
    }
    expect(await leftovers(conn)).toEqual(CLEAN);
    // The stored tables are found again without the workspace on the search path.
    expect(await x.count('SELECT count(*) FROM exemplars')).toBeGreaterThan(0);
  });

  it('leaves no upload temporaries after a commit, refused rows, a dry run, a refused file and a preview', async () => {
    const x = await h();
    const conn = x.db.connection;
    const list = (tag: string) => csv([HEADER, row(`Nguyễn Văn ${tag}`), row(`Trần Thị ${tag}`)]);
    expect(await leftovers(conn)).toEqual(CLEAN);

    expect((await x.upload({ name: 'a.csv', bytes: list('An') })).status).toBe(201);
    expect(await leftovers(conn)).toEqual(CLEAN);

    const refused = await x.upload({ name: 'b.csv', bytes: csv([HEADER, row('Lê Văn Bảo', 'Không rõ')]) });
    expect([refused.status, refused.body.status]).toEqual([422, 'rows_refused']);
    expect(await leftovers(conn)).toEqual(CLEAN);

    const dry = await x.upload({ name: 'c.csv', bytes: list('Cúc') }, { dry_run: '1' });
    expect([dry.status, dry.body.status]).toEqual([200, 'dry_run']);
    expect(await leftovers(conn)).toEqual(CLEAN);

    // Refused whole in the middle of validation (no plan covers 1990).
    const noPlan = await x.upload({
      name: 'd.csv',
      bytes: csv([HEADER, [...row('Phạm Văn Dũng').slice(0, 5), '1990', '1/QĐ', '5/6/1990']]),
    });
    expect(noPlan.status).toBe(422);
    expect(await leftovers(conn)).toEqual(CLEAN);

    // A preview stages the file and answers without validating.
    const form = new FormData();
    form.set('file', new File([list('Đào')], 'e.csv'));
    const preview = await x.app.request('/api/uploads/preview', {
      method: 'POST',
      body: form,
      headers: { Authorization: 'Bearer token-sgddt-0123456789' },
    });
    expect(preview.status).toBe(200);
    expect(await leftovers(conn)).toEqual(CLEAN);

    // JSON is staged by an appender into a table (a CSV into a view over read_csv's table).
    const json = await x.upload({
      name: 'f.json',
      bytes: JSON.stringify([{ name: 'Hoàng Văn Em', kind: 'Cá nhân', unit: 'Trường THCS Lê Quý Đôn', movement: '15', year: 2023 }]),
    });
    expect(json.status).toBe(201);
    expect(await leftovers(conn)).toEqual(CLEAN);
  });
});
