import type { Hono } from 'hono';
import { readPlanFile, type PlanFile } from '../../contracts/catalogueFiles.ts';
import { registerPlan } from '../catalogue/registerCatalogue.ts';
import { catalogueReport, locateProblems } from '../catalogue/catalogueReport.ts';
import { queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';
import { jsonError, requireToken } from './auth.ts';
import { parseJsonFile, readCatalogueForm } from './catalogueForm.ts';
import { submitCatalogue } from './catalogueSubmission.ts';
import { CATALOGUE_STATUS, listLengths, sha256Of } from './catalogueStatus.ts';
import type { IngestDeps } from './deps.ts';

const SQL = {
  inForce: loadSql(import.meta.url, '../catalogue/sql/plan_batch.sql'),
  keys: loadSql(import.meta.url, '../catalogue/sql/plan_movement_keys.sql'),
  list: loadSql(import.meta.url, '../catalogue/sql/plans_list.sql'),
  document: loadSql(import.meta.url, '../catalogue/sql/plan_document.sql'),
};

/** A plan file is a page of JSON; 2 MB leaves room for long titles and many targets. */
export const PLAN_MAX_BYTES = 2 * 1048576;

/**
 * POST /api/plans (multipart: file, dry_run?): Sở Nội vụ registers a plan (ke-hoach/1) or a
 * new version of one (same code: movements keep their keys by number). GET /api/plans and
 * GET /api/plans/:code: the registered plans, for any valid token.
 */
export function registerPlanRoutes(app: Hono, deps: IngestDeps): void {
  app.post('/api/plans', async (c) => {
    const form = await readCatalogueForm(c, deps, 'kế hoạch', PLAN_MAX_BYTES, 'ke-hoach.json');
    const json = parseJsonFile(form.bytes, 'ke-hoach/1', deps.log);
    const read = readPlanFile(json);
    if (!read.ok) {
      const report = catalogueReport(
        { kind: 'plan', fileName: form.fileName, sha256: sha256Of(form.bytes), total: listLengths(json, ['movements', 'targets']) },
        'rows_refused',
        null,
        locateProblems(form.fileName, read.problems),
      );
      return c.json(report, 422);
    }
    const plan: PlanFile = read.value;
    const report = await deps.queue.run(() =>
      submitCatalogue(deps.store, {
        kind: 'plan',
        fileName: form.fileName,
        bytes: form.bytes,
        submittedBy: form.token.label,
        dryRun: form.dryRun,
        year: plan.firstYear,
        total: plan.movements.length + plan.targets.length,
        inForce: { sql: SQL.inForce, params: { code: plan.code } },
        supersedes: true,
        register: (conn, batchId) => registerPlan(conn, plan, batchId),
        locate: (problems) => locateProblems(form.fileName, problems),
        summarise: async (conn) => ({
          code: plan.code,
          province: plan.province,
          firstYear: plan.firstYear,
          lastYear: plan.lastYear,
          movements: (await queryRows(conn, SQL.keys, { code: plan.code })).map((r) => ({
            number: Number(r.number),
            key: Number(r.key),
            name: String(r.name),
          })),
        }),
      }),
    );
    deps.log(
      `plan ${report.status} code=${plan.code} batch=${report.batchId ?? '-'} by="${form.token.label}" problems=${report.problems.length}`,
    );
    return c.json(report, CATALOGUE_STATUS[report.status]);
  });

  app.get('/api/plans', async (c) => {
    requireToken(c, deps.tokens);
    const rows = await queryRows(deps.readConn, SQL.list);
    return c.json({
      plans: rows.map((r) => ({
        code: String(r.code),
        number: String(r.number),
        title: String(r.title),
        province: String(r.province),
        firstYear: Number(r.first_year),
        lastYear: Number(r.last_year),
        issuedOn: String(r.issued_on),
        submissionDeadline: String(r.submission_deadline),
        synthetic: Boolean(r.synthetic),
        movements: Number(r.movements),
        batchId: r.batch_id === null ? null : Number(r.batch_id),
      })),
    });
  });

  // A plan's code is its document number, with a slash ("90/KH-UBND"): sent encoded (%2F) or not.
  app.get('/api/plans/:code{.+}', async (c) => {
    requireToken(c, deps.tokens);
    const code = c.req.param('code');
    const [row] = await queryRows(deps.readConn, SQL.document, { code });
    if (!row) throw jsonError(404, 'PLAN_NOT_FOUND', `Chưa có kế hoạch «${code.slice(0, 60)}» nào được đăng ký.`);
    const keys = (row.keys as { number: number; key: number }[] | null) ?? [];
    return c.json({
      plan: JSON.parse(String(row.document)) as PlanFile,
      batchId: row.batch_id === null ? null : Number(row.batch_id),
      movementKeys: keys.map((k) => ({ number: Number(k.number), key: Number(k.key) })),
    });
  });
}
