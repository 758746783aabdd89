import type { Hono } from 'hono';
import { ALL_AGENCIES } from '../auth/tokens.ts';
import { queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';
import { UploadProblem } from '../parse/uploadProblem.ts';
import { readAllocationTable, ALLOCATION_LIMITS } from '../allocations/readAllocationTable.ts';
import { validateAllocations } from '../allocations/validateAllocations.ts';
import { commitAllocations } from '../allocations/commitAllocations.ts';
import { jsonError, requireToken } from './auth.ts';
import { readForm } from './readForm.ts';
import { problemAnswer } from './problemAnswer.ts';
import type { IngestDeps } from './deps.ts';

const AGENCY_KEYS = loadSql(import.meta.url, '../allocations/sql/agency_keys.sql');
const CONGRESS = loadSql(import.meta.url, '../allocations/sql/congress_for_allocation.sql');
const STATUS = { committed: 201, unchanged: 200, dry_run: 200, rows_refused: 422 } as const;
const flag = (v: unknown) => typeof v === 'string' && ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());

/**
 * POST /api/allocations (multipart: file, congress?, dry_run?): Sở Nội vụ enters the congress
 * delegate allocation per agency (Section V) for a registered congress (`congress`: its code;
 * default the newest). Versioned like other batches: the newest list naming an agency for a
 * congress is the one in force; earlier lists stay in history.
 */
export function registerAllocations(app: Hono, deps: IngestDeps): void {
  app.post('/api/allocations', async (c) => {
    const token = requireToken(c, deps.tokens);
    if (token.agency !== ALL_AGENCIES)
      throw jsonError(403, 'ALLOCATION_FORBIDDEN', 'Chỉ Sở Nội vụ (mã truy cập toàn tỉnh) được nhập phân bổ đại biểu.');
    const body = await readForm(c, deps.log);
    const file = body.file;
    if (!(file instanceof File)) throw jsonError(400, 'FILE_MISSING', 'Thiếu tệp: gửi tệp trong trường "file" (multipart/form-data).');
    if (file.size > ALLOCATION_LIMITS.maxBytes) throw jsonError(413, 'FILE_TOO_LARGE', 'Tệp phân bổ đại biểu lớn hơn 2 MB.');
    const congressField = typeof body.congress === 'string' && body.congress.trim() !== '' ? body.congress.trim() : null;
    const [congress] = await queryRows(deps.readConn, CONGRESS, { code: congressField });
    if (!congress) {
      if (congressField)
        throw jsonError(
          422,
          'CONGRESS_UNKNOWN',
          `Chưa có đại hội «${congressField.slice(0, 40)}» nào được đăng ký: ghi mã đại hội đã đăng ký (POST /api/congresses) trong trường "congress".`,
        );
      throw jsonError(
        422,
        'CONGRESS_MISSING',
        'Chưa có đại hội thi đua nào được đăng ký: Sở Nội vụ đăng ký đại hội trước (POST /api/congresses).',
      );
    }
    const bytes = Buffer.from(await file.arrayBuffer());
    const fileName = file.name || 'phan-bo-dai-bieu';

    let grid: string[][];
    try {
      grid = await readAllocationTable(bytes, fileName);
    } catch (error) {
      if (error instanceof UploadProblem) return c.json(problemAnswer(error.value, fileName, deps.log), error.value.status);
      throw error;
    }
    const keys = new Map((await queryRows(deps.readConn, AGENCY_KEYS)).map((r) => [String(r.key), String(r.code)]));
    const check = validateAllocations(grid, fileName, keys);
    if ('error' in check) throw jsonError(422, check.error.code, check.error.message);

    const outcome = await deps.queue.run(() =>
      commitAllocations(
        deps.store,
        { name: fileName, bytes, submittedBy: token.label, dryRun: flag(body.dry_run), totalRows: grid.length },
        check,
        { code: String(congress.code), lastYear: Number(congress.last_year) },
      ),
    );
    deps.log(
      `allocations ${outcome.status} congress=${String(congress.code)} batch=${outcome.batchId ?? '-'} by="${token.label}" accepted=${check.accepted.length} refused=${check.refused.length}`,
    );
    return c.json(
      {
        status: outcome.status,
        batchId: outcome.batchId,
        congress: { code: String(congress.code), name: String(congress.name) },
        sha256: outcome.sha256,
        snapshot: outcome.snapshot,
        file: fileName,
        counts: {
          accepted: check.accepted.length,
          refused: check.refused.length,
          ignored: check.ignored.length,
          seats: check.accepted.reduce((s, a) => s + a.seats, 0),
        },
        accepted: check.accepted,
        refused: check.refused,
        ignored: check.ignored,
      },
      STATUS[outcome.status],
    );
  });
}
