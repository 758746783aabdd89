import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { previewUpload } from '../pipeline/previewUpload.ts';
import { makeUploadWorkDir } from '../store/uploadWorkDir.ts';
import { readUploadForm } from './readUploadForm.ts';
import { problemAnswer } from './problemAnswer.ts';
import type { IngestDeps } from './deps.ts';

/** Multipart framing around the file; the file itself is checked against maxBytes (as for /api/uploads). */
const MULTIPART_OVERHEAD = 1048576;

/**
 * POST /api/uploads/preview (multipart: file, mapping?, agency?): the columns of the file,
 * the field each is read as and the first rows, for the upload page's mapping (docs/upload-format.md, "Previewing the columns").
 * Same tokens and limits as /api/uploads; writes nothing.
 */
export function registerPreview(app: Hono, deps: IngestDeps): void {
  const tooLarge = `Tệp lớn hơn ${Math.round(deps.limits.maxBytes / 1048576)} MB: hãy chia thành nhiều tệp.`;
  app.post(
    '/api/uploads/preview',
    bodyLimit({
      maxSize: deps.limits.maxBytes + MULTIPART_OVERHEAD,
      onError: (c) => c.json({ error: { code: 'FILE_TOO_LARGE', message: tooLarge } }, 413),
    }),
    async (c) => {
      // Same checks as an upload: token, file, agency, mapping (readUploadForm).
      const { file, mapping } = await readUploadForm(c, deps);

      const dir = makeUploadWorkDir(deps.store.dataDir, 'upload-');
      try {
        const filePath = join(dir, 'upload');
        writeFileSync(filePath, Buffer.from(await file.arrayBuffer()));
        const fileName = file.name || 'upload';
        const outcome = await deps.queue.run(() => previewUpload(deps.store, { filePath, fileName, mapping }, deps.limits));
        if (!outcome.ok) return c.json(problemAnswer(outcome.problem, fileName, deps.log), outcome.problem.status);
        return c.json(outcome.preview, 200);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
}
