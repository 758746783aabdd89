import type { Hono } from 'hono';
import { readCongressFile, type CongressFile } from '../../contracts/catalogueFiles.ts';
import { registerCongress } from '../catalogue/registerCatalogue.ts';
import { catalogueReport, locateProblems } from '../catalogue/catalogueReport.ts';
import { loadSql } from '../store/loadSql.ts';
import { parseJsonFile, readCatalogueForm } from './catalogueForm.ts';
import { submitCatalogue } from './catalogueSubmission.ts';
import { CATALOGUE_STATUS, sha256Of } from './catalogueStatus.ts';
import type { IngestDeps } from './deps.ts';

const IN_FORCE = loadSql(import.meta.url, '../catalogue/sql/congress_batch.sql');

/** A congress file is a dozen fields. */
export const CONGRESS_MAX_BYTES = 1048576;

/**
 * POST /api/congresses (multipart: file, dry_run?): Sở Nội vụ registers a congress (dai-hoi/1)
 * or corrects one (same code). Its seats come from POST /api/allocations naming the congress.
 */
export function registerCongressRoutes(app: Hono, deps: IngestDeps): void {
  app.post('/api/congresses', async (c) => {
    const form = await readCatalogueForm(c, deps, 'đại hội thi đua', CONGRESS_MAX_BYTES, 'dai-hoi.json');
    const read = readCongressFile(parseJsonFile(form.bytes, 'dai-hoi/1', deps.log));
    if (!read.ok) {
      return c.json(
        catalogueReport(
          { kind: 'congress', fileName: form.fileName, sha256: sha256Of(form.bytes), total: 1 },
          'rows_refused',
          null,
          locateProblems(form.fileName, read.problems),
        ),
        422,
      );
    }
    const congress: CongressFile = read.value;
    const report = await deps.queue.run(() =>
      submitCatalogue(deps.store, {
        kind: 'congress',
        fileName: form.fileName,
        bytes: form.bytes,
        submittedBy: form.token.label,
        dryRun: form.dryRun,
        year: congress.firstYear,
        total: 1,
        inForce: { sql: IN_FORCE, params: { code: congress.code } },
        supersedes: true,
        register: (conn, batchId) => registerCongress(conn, congress, batchId),
        locate: (problems) => locateProblems(form.fileName, problems),
        summarise: async () => ({
          code: congress.code,
          name: congress.name,
          heldOn: congress.heldOn,
          firstYear: congress.firstYear,
          lastYear: congress.lastYear,
          provinces: congress.provinces,
        }),
      }),
    );
    deps.log(
      `congress ${report.status} code=${congress.code} batch=${report.batchId ?? '-'} by="${form.token.label}" problems=${report.problems.length}`,
    );
    return c.json(report, CATALOGUE_STATUS[report.status]);
  });
}
