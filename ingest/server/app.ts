import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { readRowCounts } from '../../contracts/rowCounts.ts';
import { schemaVersion } from '../store/migrate.ts';
import { readCurrentManifest } from '../../contracts/snapshotProtocol.ts';
import { storageFailureAnswer } from '../store/storageFailure.ts';
import { buildTemplateXlsx, readTemplateCatalogue, templateCacheKey } from './template.ts';
import { registerUploads } from './uploadsRoute.ts';
import { registerPreview } from './previewRoute.ts';
import { registerBatches } from './batchesRoute.ts';
import { registerAllocations } from './allocationsRoute.ts';
import { CATALOGUE_ENDPOINTS, registerCatalogueRoutes } from './catalogueRoutes.ts';
import type { IngestDeps } from './deps.ts';

export type { IngestDeps } from './deps.ts';

/** Multipart framing around the file; the file itself is checked against maxBytes. */
const MULTIPART_OVERHEAD = 1048576;

/** The ingest service's routes, thin over the pipeline; used by main.ts and by tests in-process. */
export function createIngestApp(deps: IngestDeps): Hono {
  const app = new Hono();
  app.use('*', secureHeaders());
  // The dashboard's upload page calls this service from its own origin; only configured
  // origins may, and the preflight is answered before the body limit and the token check.
  app.use(
    '/api/*',
    cors({
      origin: [...deps.corsOrigins],
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type'],
      maxAge: 600,
    }),
  );
  app.use(
    '/api/allocations',
    bodyLimit({
      maxSize: 3 * 1048576,
      onError: (c) => c.json({ error: { code: 'FILE_TOO_LARGE', message: 'Tệp phân bổ đại biểu lớn hơn 2 MB.' } }, 413),
    }),
  );
  app.use(
    '/api/uploads',
    bodyLimit({
      maxSize: deps.limits.maxBytes + MULTIPART_OVERHEAD,
      onError: (c) =>
        c.json(
          {
            error: {
              code: 'FILE_TOO_LARGE',
              message: `Tệp lớn hơn ${Math.round(deps.limits.maxBytes / 1048576)} MB: hãy chia thành nhiều tệp.`,
            },
          },
          413,
        ),
    }),
  );

  app.get('/', (c) =>
    c.json({
      service: 'Dịch vụ nhập liệu điển hình tiên tiến tỉnh Hưng Yên',
      endpoints: [
        'GET /health',
        'POST /api/uploads',
        'POST /api/uploads/preview',
        'GET /api/batches',
        'GET /api/batches/:id',
        'GET /api/template.xlsx',
        'POST /api/allocations',
        ...CATALOGUE_ENDPOINTS,
      ],
    }),
  );

  app.get('/health', async (c) => {
    const manifest = readCurrentManifest(deps.store.dataDir);
    return c.json({
      ok: true,
      schemaVersion: await schemaVersion(deps.readConn),
      snapshotVersion: manifest?.version ?? null,
      counts: await readRowCounts(deps.readConn),
    });
  });

  // Built from the catalogue in force at request time, cached until that catalogue changes.
  let template: { key: string; xlsx: Promise<Buffer> } | null = null;
  app.get('/api/template.xlsx', async (c) => {
    const catalogue = await readTemplateCatalogue(deps.readConn, c.req.query('plan') ?? null);
    if (!catalogue)
      return c.json(
        {
          error: { code: 'PLAN_UNKNOWN', message: 'Chưa có kế hoạch thi đua nào được đăng ký với mã này: xem danh sách ở GET /api/plans.' },
        },
        404,
      );
    const key = templateCacheKey(catalogue);
    if (template?.key !== key) template = { key, xlsx: buildTemplateXlsx(catalogue) };
    const built = template;
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = new Uint8Array(await built.xlsx);
    } catch (error) {
      if (template === built) template = null; // a failed build is not cached
      throw error;
    }
    return c.body(body, 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="mau-danh-sach-dien-hinh.xlsx"`,
    });
  });

  registerPreview(app, deps);
  registerUploads(app, deps);
  registerBatches(app, deps);
  registerAllocations(app, deps);
  registerCatalogueRoutes(app, deps);

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'Không có địa chỉ này.' } }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    // Internals (DuckDB messages, paths) go to the log only.
    deps.log(`error ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    // A full or unwritable disk is the operator's to fix, not a bug: say so, and say whether the batch was saved.
    const storage = storageFailureAnswer(error);
    if (storage) return c.json({ error: { code: storage.code, message: storage.message } }, storage.status);
    return c.json(
      { error: { code: 'INTERNAL', message: 'Lỗi hệ thống: tệp chưa được nhập, dữ liệu không thay đổi. Hãy thử lại sau.' } },
      500,
    );
  });
  return app;
}
