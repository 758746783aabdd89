import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ORGANISATION_LIMITS } from '../catalogue/readOrganisationTable.ts';
import { registerPlanRoutes, PLAN_MAX_BYTES } from './plansRoute.ts';
import { registerOrganisationRoutes } from './organisationRoute.ts';
import { registerCongressRoutes, CONGRESS_MAX_BYTES } from './congressesRoute.ts';
import type { IngestDeps } from './deps.ts';

/** Multipart framing around the file; the file itself is checked against its own limit. */
const MULTIPART_OVERHEAD = 1048576;

const limit = (maxBytes: number, what: string) =>
  bodyLimit({
    maxSize: maxBytes + MULTIPART_OVERHEAD,
    onError: (c) =>
      c.json({ error: { code: 'FILE_TOO_LARGE', message: `Tệp ${what} lớn hơn ${Math.round(maxBytes / 1048576)} MB.` } }, 413),
  });

/** What Sở Nội vụ registers (plans, the organisation, congresses) and what anyone may read of it. */
export function registerCatalogueRoutes(app: Hono, deps: IngestDeps): void {
  app.post('/api/plans', limit(PLAN_MAX_BYTES, 'kế hoạch'));
  app.post('/api/organisation', limit(ORGANISATION_LIMITS.maxBytes, 'tổ chức bộ máy'));
  app.post('/api/congresses', limit(CONGRESS_MAX_BYTES, 'đại hội thi đua'));
  registerPlanRoutes(app, deps);
  registerOrganisationRoutes(app, deps);
  registerCongressRoutes(app, deps);
}

export const CATALOGUE_ENDPOINTS = [
  'POST /api/plans',
  'GET /api/plans',
  'GET /api/plans/:code',
  'POST /api/organisation',
  'GET /api/organisation/template.xlsx',
  'POST /api/congresses',
];
