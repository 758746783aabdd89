import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { ingestUpload } from '../pipeline/ingestUpload.ts';
import { jsonError } from './auth.ts';
import { readUploadForm } from './readUploadForm.ts';
import { problemAnswer } from './problemAnswer.ts';
import { makeUploadWorkDir } from '../store/uploadWorkDir.ts';
import type { IngestDeps } from './deps.ts';

const STATUS = { committed: 201, unchanged: 200, dry_run: 200, rows_refused: 422 } as const;

const flag = (v: unknown) => typeof v === 'string' && ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());

/** POST /api/uploads (multipart: file, agency?, year?, dry_run?, accept_partial?, mapping?). */
export function registerUploads(app: Hono, deps: IngestDeps): void {
  app.post('/api/uploads', async (c) => {
    const { token, body, file, agency, mapping } = await readUploadForm(c, deps);

    let formYear: number | null = null;
    if (typeof body.year === 'string' && body.year.trim() !== '') {
      formYear = Number(body.year);
      // Whether a plan covers the year is decided with the agency's province (findUploadPlan.ts).
      if (!/^\s*\d{4}\s*$/.test(body.year))
        throw jsonError(400, 'YEAR_INVALID', `Năm "${body.year}" không hợp lệ: ghi năm bằng bốn chữ số.`);
    }

    const dir = makeUploadWorkDir(deps.store.dataDir, 'upload-');
    try {
      const filePath = join(dir, 'upload');
      writeFileSync(filePath, Buffer.from(await file.arrayBuffer()));
      const outcome = await deps.queue.run(() =>
        ingestUpload(
          deps.store,
          {
            filePath,
            fileName: file.name || 'upload',
            agency,
            formYear,
            dryRun: flag(body.dry_run),
            acceptPartial: flag(body.accept_partial),
            submittedBy: token.label,
            mapping,
          },
          deps.limits,
        ),
      );
      if (!outcome.ok) return c.json(problemAnswer(outcome.problem, file.name || 'upload', deps.log), outcome.problem.status);
      deps.log(
        `upload ${outcome.report.status} agency=${agency} year=${outcome.report.year} batch=${outcome.report.batchId ?? '-'} by="${token.label}" accepted=${outcome.report.counts.accepted} refused=${outcome.report.counts.refused}`,
      );
      return c.json(outcome.report, STATUS[outcome.report.status]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
