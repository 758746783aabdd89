// Viewers for tests of query answers (not of access itself: test/security-read-access.test.ts).
// Lists with names need a signed-in viewer (README, "Read access"); these suites read them as the province.
import { Hono } from 'hono';
import { createReportingApp, type ReportingDeps } from '../dashboard/server/app.ts';
import { closedReadAccess, type ReadAccess } from '../dashboard/server/readAccess.ts';
import type { ViewerEntry } from '../dashboard/server/viewerTokens.ts';

export const PROVINCE_TOKEN = 'test-viewer-province-000000000001';
export const SYT_TOKEN = 'test-viewer-syt-0000000000000002';
export const SNV_TOKEN = 'test-viewer-snv-0000000000000003';
export const EXPIRED_TOKEN = 'test-viewer-expired-000000000004';
export const REVOKED_TOKEN = 'test-viewer-revoked-000000000005';

export const TEST_VIEWERS: ViewerEntry[] = [
  { label: 'test: Sở Nội vụ (toàn tỉnh)', token: PROVINCE_TOKEN, agency: '*' },
  { label: 'test: Sở Y tế', token: SYT_TOKEN, agency: 'SYT' },
  { label: 'test: Sở Nội vụ (đơn vị)', token: SNV_TOKEN, agency: 'SNV' },
  { label: 'test: hết hạn', token: EXPIRED_TOKEN, agency: '*', expiresAt: '2020-12-31T00:00:00Z' },
  { label: 'test: thu hồi', token: REVOKED_TOKEN, agency: '*', revoked: true },
];

export function testAccess(overrides: Partial<ReadAccess> = {}): ReadAccess {
  return closedReadAccess({ viewers: TEST_VIEWERS, ...overrides });
}

/** `app` with every request carrying `Authorization: Bearer <token>` (unless the request sets its own). */
export function asViewer(app: Hono, token = PROVINCE_TOKEN): Hono {
  const outer = new Hono();
  outer.all('*', (c) => {
    const request = new Request(c.req.raw);
    if (!request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`);
    return app.fetch(request);
  });
  return outer;
}

/** A reporting app configured with the test viewers, every request signed in as the province viewer. */
export function viewerApp(deps: ReportingDeps): Hono {
  return asViewer(createReportingApp({ access: testAccess(), ...deps }));
}
