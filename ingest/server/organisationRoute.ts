import type { Hono } from 'hono';
import { readOrganisationFile, type CatalogueProblem, type OrganisationFile } from '../../contracts/catalogueFiles.ts';
import { registerOrganisation } from '../catalogue/registerCatalogue.ts';
import { catalogueReport, locateProblems, type RowOrigin } from '../catalogue/catalogueReport.ts';
import {
  ORGANISATION_COLUMNS,
  ORGANISATION_LIMITS,
  readOrganisationTable,
  type OrganisationTable,
} from '../catalogue/readOrganisationTable.ts';
import { buildOrganisationTemplate, readOrganisationInForce, readOrganisationLookups } from '../catalogue/organisationTemplate.ts';
import { detectFileType } from '../parse/detectFileType.ts';
import { UploadProblem } from '../parse/uploadProblem.ts';
import { loadSql } from '../store/loadSql.ts';
import { requireToken } from './auth.ts';
import { parseJsonFile, readCatalogueForm } from './catalogueForm.ts';
import { submitCatalogue } from './catalogueSubmission.ts';
import { CATALOGUE_STATUS, listLengths, sha256Of } from './catalogueStatus.ts';
import { problemAnswer } from './problemAnswer.ts';
import type { IngestDeps } from './deps.ts';

const IN_FORCE = loadSql(import.meta.url, '../catalogue/sql/organisation_batch.sql');

/** The file as registration wants it, and where each of its items was typed. */
interface ShapedOrganisation {
  json: unknown;
  origins: Record<string, readonly RowOrigin[]>;
  /** Cell problems found while reading a table, and the cells they cover. */
  problems: ReturnType<typeof locateProblems>;
  reported: Set<string>;
}

/**
 * POST /api/organisation (multipart: file, dry_run?): an organisation change (XLSX with the
 * sheets "Cơ quan, đơn vị" and "Kế thừa", a CSV of one of them, or a to-chuc/1 JSON), merged
 * into the organisation in force. GET /api/organisation/template.xlsx: the organisation in
 * force as that workbook, to edit and send back.
 */
export function registerOrganisationRoutes(app: Hono, deps: IngestDeps): void {
  app.post('/api/organisation', async (c) => {
    const form = await readCatalogueForm(c, deps, 'tổ chức bộ máy', ORGANISATION_LIMITS.maxBytes, 'to-chuc');
    let shaped: ShapedOrganisation;
    try {
      const type = detectFileType(form.bytes, form.fileName);
      if (type === 'json')
        shaped = { json: parseJsonFile(form.bytes, 'to-chuc/1', deps.log), origins: {}, problems: [], reported: new Set() };
      else {
        const table: OrganisationTable = await readOrganisationTable(
          form.bytes,
          type,
          form.fileName,
          await readOrganisationLookups(deps.readConn),
        );
        shaped = { json: table.json, origins: table.origins, problems: table.problems, reported: table.reported };
      }
    } catch (error) {
      if (error instanceof UploadProblem) return c.json(problemAnswer(error.value, form.fileName, deps.log), error.value.status);
      throw error;
    }
    const locate = (problems: CatalogueProblem[]) => locateProblems(form.fileName, problems, shaped.origins, ORGANISATION_COLUMNS);
    const read = readOrganisationFile(shaped.json);
    const total = listLengths(shaped.json, ['provinces', 'blocs', 'agencies', 'successions']);
    if (!read.ok || shaped.problems.length > 0) {
      // A cell the table reader already named (an unreadable date, an unknown kind) is not named again as "missing".
      const fileProblems = read.ok ? [] : read.problems.filter((p) => !shaped.reported.has(`${p.path}:${p.row}:${p.field}`));
      const problems = [...shaped.problems, ...locate(fileProblems)].sort(
        (a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row,
      );
      return c.json(
        catalogueReport(
          { kind: 'organisation', fileName: form.fileName, sha256: sha256Of(form.bytes), total },
          'rows_refused',
          null,
          problems,
        ),
        422,
      );
    }
    const org: OrganisationFile = read.value;
    const report = await deps.queue.run(() =>
      submitCatalogue(deps.store, {
        kind: 'organisation',
        fileName: form.fileName,
        bytes: form.bytes,
        submittedBy: form.token.label,
        dryRun: form.dryRun,
        year: null,
        total,
        inForce: { sql: IN_FORCE, params: {} },
        supersedes: false,
        register: (conn, batchId) => registerOrganisation(conn, org, batchId),
        locate,
        summarise: async () => ({
          provinces: org.provinces.map((p) => p.code),
          blocs: org.blocs.map((b) => b.code),
          agencies: org.agencies.map((a) => a.code),
          successions: org.successions.map((s) => ({ predecessor: s.predecessor, successor: s.successor, by: s.takes.by })),
        }),
      }),
    );
    deps.log(
      `organisation ${report.status} batch=${report.batchId ?? '-'} by="${form.token.label}" agencies=${org.agencies.length} successions=${org.successions.length} problems=${report.problems.length}`,
    );
    return c.json(report, CATALOGUE_STATUS[report.status]);
  });

  // Built at request time from the organisation in force: a registration changes it without a restart.
  app.get('/api/organisation/template.xlsx', async (c) => {
    requireToken(c, deps.tokens);
    const body = await buildOrganisationTemplate(await readOrganisationInForce(deps.readConn));
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': 'attachment; filename="mau-to-chuc-bo-may.xlsx"',
    });
  });
}
