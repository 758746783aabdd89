import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { ALL_AGENCIES, mayWrite } from '../auth/tokens.ts';
import { matchAgency } from '../match/matchAgency.ts';
import { parseExplicitMapping } from '../parse/headerMap.ts';
import { ingestUpload } from '../pipeline/ingestUpload.ts';
import { FIRST_YEAR, LAST_YEAR } from '../catalogue/vocabulary.ts';
import { jsonError, requireToken } from './auth.ts';
import { readForm } from './readForm.ts';
import { problemAnswer } from './problemAnswer.ts';
import { makeUploadWorkDir } from '../store/uploadWorkDir.ts';
import type { IngestDeps } from './deps.ts';

const STATUS = { committed: 201, unchanged: 200, dry_run: 200, rows_refused: 422 } as const;

const flag = (v: unknown) => typeof v === 'string' && ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());

/** POST /api/uploads (multipart: file, agency?, year?, dry_run?, accept_partial?, mapping?). */
export function registerUploads(app: Hono, deps: IngestDeps): void {
  app.post('/api/uploads', async (c) => {
    const token = requireToken(c, deps.tokens);
    const body = await readForm(c, deps.log);
    const file = body.file;
    if (!(file instanceof File)) throw jsonError(400, 'FILE_MISSING', 'Thiếu tệp: gửi tệp trong trường "file" (multipart/form-data).');
    if (file.size > deps.limits.maxBytes) throw jsonError(413, 'FILE_TOO_LARGE', `Tệp lớn hơn ${Math.round(deps.limits.maxBytes / 1048576)} MB: hãy chia thành nhiều tệp.`);

    const typedAgency = typeof body.agency === 'string' && body.agency.trim() !== '' ? body.agency : null;
    if (!typedAgency && token.agency === ALL_AGENCIES) throw jsonError(400, 'AGENCY_REQUIRED', 'Mã truy cập của Sở Nội vụ cần ghi rõ đơn vị trong trường "agency".');
    const agency = typedAgency ? await matchAgency(deps.readConn, typedAgency) : token.agency;
    if (!agency) throw jsonError(422, 'AGENCY_UNKNOWN', `Không nhận ra đơn vị "${typedAgency}".`);
    if (!mayWrite(token, agency)) throw jsonError(403, 'AGENCY_FORBIDDEN', `Mã truy cập "${token.label}" không được gửi danh sách của đơn vị ${agency}.`);

    let formYear: number | null = null;
    if (typeof body.year === 'string' && body.year.trim() !== '') {
      formYear = Number(body.year);
      if (!Number.isInteger(formYear) || formYear < FIRST_YEAR || formYear > LAST_YEAR) throw jsonError(400, 'YEAR_INVALID', `Năm "${body.year}" không hợp lệ (${FIRST_YEAR}–${LAST_YEAR}).`);
    }
    const mapping = parseExplicitMapping(typeof body.mapping === 'string' ? body.mapping : undefined);
    if ('error' in mapping && typeof mapping.error === 'string') throw jsonError(400, 'MAPPING_INVALID', mapping.error);

    const dir = makeUploadWorkDir(deps.store.dataDir, 'upload-');
    try {
      const filePath = join(dir, 'upload');
      writeFileSync(filePath, Buffer.from(await file.arrayBuffer()));
      const outcome = await deps.queue.run(() =>
        ingestUpload(
          deps.store,
          { filePath, fileName: file.name || 'upload', agency, formYear, dryRun: flag(body.dry_run), acceptPartial: flag(body.accept_partial), submittedBy: token.label, mapping: mapping as Record<string, string> },
          deps.limits,
        ),
      );
      if (!outcome.ok) return c.json(problemAnswer(outcome.problem, file.name || 'upload', deps.log), outcome.problem.status);
      deps.log(`upload ${outcome.report.status} agency=${agency} year=${outcome.report.year} batch=${outcome.report.batchId ?? '-'} by="${token.label}" accepted=${outcome.report.counts.accepted} refused=${outcome.report.counts.refused}`);
      return c.json(outcome.report, STATUS[outcome.report.status]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
