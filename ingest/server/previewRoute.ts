import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ALL_AGENCIES, mayWrite } from '../auth/tokens.ts';
import { matchAgency } from '../match/matchAgency.ts';
import { parseExplicitMapping } from '../parse/headerMap.ts';
import { previewUpload } from '../pipeline/previewUpload.ts';
import { makeUploadWorkDir } from '../store/uploadWorkDir.ts';
import { jsonError, requireToken } from './auth.ts';
import { readForm } from './readForm.ts';
import { problemAnswer } from './problemAnswer.ts';
import type { IngestDeps } from './deps.ts';

/** Multipart framing around the file; the file itself is checked against maxBytes (as for /api/uploads). */
const MULTIPART_OVERHEAD = 1048576;

/**
 * POST /api/uploads/preview (multipart: file, mapping?, agency?): the columns of the file,
 * the field each is read as and the first rows, for the upload page's mapping (issue 13.3).
 * Same tokens and limits as /api/uploads; writes nothing.
 */
export function registerPreview(app: Hono, deps: IngestDeps): void {
  const tooLarge = `Tệp lớn hơn ${Math.round(deps.limits.maxBytes / 1048576)} MB: hãy chia thành nhiều tệp.`;
  app.post('/api/uploads/preview', bodyLimit({ maxSize: deps.limits.maxBytes + MULTIPART_OVERHEAD, onError: (c) => c.json({ error: { code: 'FILE_TOO_LARGE', message: tooLarge } }, 413) }), async (c) => {
    const token = requireToken(c, deps.tokens);
    const body = await readForm(c, deps.log);
    const file = body.file;
    if (!(file instanceof File)) throw jsonError(400, 'FILE_MISSING', 'Thiếu tệp: gửi tệp trong trường "file" (multipart/form-data).');
    if (file.size > deps.limits.maxBytes) throw jsonError(413, 'FILE_TOO_LARGE', tooLarge);

    const typedAgency = typeof body.agency === 'string' && body.agency.trim() !== '' ? body.agency : null;
    if (!typedAgency && token.agency === ALL_AGENCIES) throw jsonError(400, 'AGENCY_REQUIRED', 'Mã truy cập của Sở Nội vụ cần ghi rõ đơn vị trong trường "agency".');
    const agency = typedAgency ? await matchAgency(deps.readConn, typedAgency) : token.agency;
    if (!agency) throw jsonError(422, 'AGENCY_UNKNOWN', `Không nhận ra đơn vị "${typedAgency}".`);
    if (!mayWrite(token, agency)) throw jsonError(403, 'AGENCY_FORBIDDEN', `Mã truy cập "${token.label}" không được gửi danh sách của đơn vị ${agency}.`);
    const mapping = parseExplicitMapping(typeof body.mapping === 'string' ? body.mapping : undefined);
    if ('error' in mapping && typeof mapping.error === 'string') throw jsonError(400, 'MAPPING_INVALID', mapping.error);

    const dir = makeUploadWorkDir(deps.store.dataDir, 'upload-');
    try {
      const filePath = join(dir, 'upload');
      writeFileSync(filePath, Buffer.from(await file.arrayBuffer()));
      const fileName = file.name || 'upload';
      const outcome = await deps.queue.run(() => previewUpload(deps.store, { filePath, fileName, mapping: mapping as Record<string, string> }, deps.limits));
      if (!outcome.ok) return c.json(problemAnswer(outcome.problem, fileName, deps.log), outcome.problem.status);
      return c.json(outcome.preview, 200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
