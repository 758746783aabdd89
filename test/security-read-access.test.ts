// Reading is not public (README, "Read access"): lists with people's names need a signed-in viewer; an
// agency viewer reads its own agency's rows only; REPORTING_REQUIRE_SIGNIN=all closes every
// figure; a trusted proxy's headers are honoured only when configured; a bad viewers file
// stops the service at start; exports run under a limit and answer 429 beyond it. Real
// DuckDB snapshots, real HTTP (in-process and a real process), no mocks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Hono } from 'hono';
import { createReportingApp } from '../dashboard/server/app.ts';
import { closedReadAccess, readAccessFromEnv } from '../dashboard/server/readAccess.ts';
import { parseViewers } from '../dashboard/server/viewerTokens.ts';
import { demoViewers } from '../scripts/demoViewers.ts';
import { demoDataDir } from '../testing/demoDataDir.ts';
import { freePort, startService, stopService, waitForHealth, type ServiceProcess } from '../testing/serviceProcess.ts';
import { startFixtureService, type FixtureService } from './queries-fixture.ts';
import { EXPIRED_TOKEN, PROVINCE_TOKEN, REVOKED_TOKEN, SNV_TOKEN, SYT_TOKEN, testAccess } from './queries-viewer.ts';

const PERSONAL = [
  '/api/queries/exemplar_register',
  '/api/queries/exemplar_detail?exemplar_id=1',
  '/api/queries/congress_delegates_by_agency',
];
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

type Row = Record<string, unknown>;
async function rows(app: Hono, path: string, init: RequestInit = {}): Promise<Row[]> {
  const res = await app.request(`${path}${path.includes('?') ? '&' : '?'}format=json`, init);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return ((await res.json()) as { rows: Row[] }).rows;
}
async function refusal(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.message).toMatch(VIETNAMESE);
  return { status: res.status, code: body.error.code, message: body.error.message };
}

let service: FixtureService;
let app: Hono;
beforeAll(async () => {
  service = await startFixtureService();
  app = service.raw; // configured with the test viewers, requests carry no credential unless given
});
afterAll(() => service.stop());

describe('personal lists need a signed-in viewer', () => {
  it('refuses them without a token (401, Vietnamese, a Bearer challenge); figures stay open', async () => {
    for (const path of PERSONAL) {
      for (const format of ['', 'format=csv', 'format=xlsx', 'format=json']) {
        const res = await app.request(`${path}${path.includes('?') ? '&' : '?'}${format}`);
        expect(res.headers.get('www-authenticate'), path).toMatch(/^Bearer/);
        expect(await refusal(res), `${path} ${format}`).toMatchObject({ status: 401, code: 'SIGNIN_REQUIRED' });
      }
    }
    expect((await app.request('/api/queries/overview_headline')).status).toBe(200);
    expect((await app.request('/api/snapshot')).status).toBe(200);
    const listed = ((await (await app.request('/api/queries')).json()) as { queries: { name: string; access: string }[] }).queries;
    expect(
      listed
        .filter((q) => q.access === 'personal')
        .map((q) => q.name)
        .sort(),
    ).toEqual(['congress_delegates_by_agency', 'exemplar_detail', 'exemplar_lineage', 'exemplar_register', 'unplaced_exemplars']);
  });

  it('says so when no viewer is configured at all', async () => {
    const closed = createReportingApp({ snapshots: service.snapshots, log: () => {}, access: closedReadAccess() });
    const res = await closed.request('/api/queries/exemplar_register', bearer(PROVINCE_TOKEN));
    expect(await refusal(res)).toMatchObject({ status: 401, code: 'BAD_TOKEN' });
    const anonymous = await refusal(await closed.request('/api/queries/exemplar_register'));
    expect(anonymous).toMatchObject({ status: 401, code: 'NO_VIEWERS' });
    expect(anonymous.message).toContain('REPORTING_VIEWERS_FILE');
  });

  it('refuses a wrong, expired or revoked token, and a token in any other form', async () => {
    for (const auth of [
      'Bearer test-viewer-province-000000000009',
      `Bearer ${EXPIRED_TOKEN}`,
      `Bearer ${REVOKED_TOKEN}`,
      PROVINCE_TOKEN,
      `Basic ${PROVINCE_TOKEN}`,
      `Bearer ${PROVINCE_TOKEN} ${SYT_TOKEN}`,
    ]) {
      const res = await app.request('/api/queries/exemplar_register', { headers: { Authorization: auth } });
      expect(await refusal(res), auth).toMatchObject({ status: 401, code: 'BAD_TOKEN' });
    }
  });

  it('the province viewer reads every row', async () => {
    const all = await rows(app, '/api/queries/exemplar_register?limit=1000', bearer(PROVINCE_TOKEN));
    expect(all).toHaveLength(9);
    expect(await rows(app, '/api/queries/exemplar_detail?exemplar_id=9', bearer(PROVINCE_TOKEN))).not.toHaveLength(0);
  });
});

describe('an agency viewer reads its own agency only', () => {
  it('the register and the Section V list: its rows by default, 403 for another agency', async () => {
    const own = await rows(app, '/api/queries/exemplar_register?limit=1000', bearer(SYT_TOKEN));
    expect(own.map((r) => r.exemplar_code).sort()).toEqual(['E1', 'E2', 'E3', 'E4', 'E5', 'E6']);
    expect(await rows(app, '/api/queries/exemplar_register?agency=SYT&limit=1000', bearer(SYT_TOKEN))).toEqual(own);
    const refused = await refusal(await app.request('/api/queries/exemplar_register?agency=SNV', bearer(SYT_TOKEN)));
    expect(refused).toMatchObject({ status: 403, code: 'AGENCY_SCOPE' });
    expect(refused.message).toContain('Sở Y tế');
    const congress = await rows(app, '/api/queries/congress_delegates_by_agency', bearer(SYT_TOKEN));
    expect(new Set(congress.map((r) => r.agency_code))).toEqual(new Set(['SYT']));
    expect((await app.request('/api/queries/congress_delegates_by_agency?agency=SGDDT&format=csv', bearer(SYT_TOKEN))).status).toBe(403);
    // Figures are not narrowed: counts name no one.
    expect(await rows(app, '/api/queries/recognitions_by_agency', bearer(SYT_TOKEN))).toEqual(
      await rows(app, '/api/queries/recognitions_by_agency'),
    );
  });

  it('exports carry the same rows only', async () => {
    const csv = await app.request('/api/queries/exemplar_register?limit=100000&format=csv&header=name', bearer(SYT_TOKEN));
    const records = parse(new TextDecoder().decode(await csv.arrayBuffer()).replace(/^\uFEFF/, ''), { columns: true }) as Row[];
    expect(new Set(records.map((r) => r.agency_code))).toEqual(new Set(['SYT']));
    const xlsx = await app.request('/api/queries/congress_delegates_by_agency?format=xlsx&header=name', bearer(SYT_TOKEN));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0]!;
    const col = (sheet.getRow(1).values as unknown[]).indexOf('agency_code');
    for (let r = 2; r <= sheet.rowCount; r++) expect(sheet.getRow(r).getCell(col).value).toBe('SYT');
  });

  it('the exemplar history: its own exemplars and those of agencies merged into it, never another agency’s (nor from the cache)', async () => {
    // Asked first as the province, so the answer is in the cache under the same parameters.
    expect(await rows(app, '/api/queries/exemplar_detail?exemplar_id=9', bearer(PROVINCE_TOKEN))).not.toHaveLength(0);
    expect(await rows(app, '/api/queries/exemplar_detail?exemplar_id=9', bearer(SYT_TOKEN))).toEqual([]);
    expect((await app.request('/api/queries/exemplar_detail?exemplar_id=9&format=csv', bearer(SYT_TOKEN))).headers.get('x-row-count')).toBe(
      '0',
    );
    expect(await rows(app, '/api/queries/exemplar_detail?exemplar_id=1', bearer(SYT_TOKEN))).not.toHaveLength(0);
    // Sở LĐ-TB&XH merged into Sở Nội vụ in 2025: its exemplar E7 is Sở Nội vụ's to read.
    expect(await rows(app, '/api/queries/exemplar_detail?exemplar_id=7', bearer(SNV_TOKEN))).not.toHaveLength(0);
    const rolledUp = await rows(app, '/api/queries/exemplar_register?rollup=true&limit=100', bearer(SNV_TOKEN));
    expect(rolledUp.map((r) => r.exemplar_code).sort()).toEqual(['E7', 'E8', 'E9']);
  });
});

describe('signing in: a session cookie for the dashboard and its download links', () => {
  it('POST sets an HttpOnly SameSite=Strict cookie; GET names the viewer; DELETE ends the session', async () => {
    expect(((await (await app.request('/api/session')).json()) as { signedIn: boolean }).signedIn).toBe(false);
    const wrong = await app.request('/api/session', {
      method: 'POST',
      body: JSON.stringify({ token: 'not-a-viewer-token-00' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(await refusal(wrong)).toMatchObject({ status: 401, code: 'BAD_TOKEN' });
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const signIn = await app.request('/api/session', {
      method: 'POST',
      body: JSON.stringify({ token: SYT_TOKEN }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(signIn.status).toBe(200);
    const setCookie = signIn.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^hy_viewer=[A-Za-z0-9_-]{43};/);
    for (const attribute of ['HttpOnly', 'SameSite=Strict', 'Path=/']) expect(setCookie).toContain(attribute);
    const cookie = { headers: { Cookie: setCookie.split(';')[0]! } };
    expect(await (await app.request('/api/session', cookie)).json()).toMatchObject({
      signedIn: true,
      viewer: { label: 'test: Sở Y tế', agency: 'SYT', agencyName: 'Sở Y tế', via: 'session' },
    });
    expect((await rows(app, '/api/queries/exemplar_register?limit=100', cookie)).length).toBe(6);
    expect((await app.request('/api/queries/exemplar_register?format=xlsx&limit=100', cookie)).status).toBe(200);

    const signOut = await app.request('/api/session', { method: 'DELETE', ...cookie });
    expect(signOut.headers.get('set-cookie')).toMatch(/^hy_viewer=;.*Max-Age=0/);
    expect(await refusal(await app.request('/api/queries/exemplar_register', cookie))).toMatchObject({
      status: 401,
      code: 'SESSION_ENDED',
    });
    // A made-up session id is no session.
    expect(
      (
        await app.request('/api/queries/exemplar_register', {
          headers: { Cookie: 'hy_viewer=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
        })
      ).status,
    ).toBe(401);
  });
});

describe('REPORTING_REQUIRE_SIGNIN=all', () => {
  it('closes every figure and the manifest; /health stays open and names no one', async () => {
    const closed = createReportingApp({ snapshots: service.snapshots, log: () => {}, access: testAccess({ requireSignIn: 'all' }) });
    for (const path of [
      '/api/snapshot',
      '/api/queries',
      '/api/queries/overview_headline',
      '/api/queries/recognitions_by_year?format=csv',
    ]) {
      expect(await refusal(await closed.request(path)), path).toMatchObject({ status: 401, code: 'SIGNIN_REQUIRED' });
      expect((await closed.request(path, bearer(SYT_TOKEN))).status, path).toBe(200);
    }
    const health = await closed.request('/health');
    expect(health.status).toBe(200);
    const text = await health.text();
    for (const name of ['Nguyễn Văn An', 'Trần Thị Bình', 'Đỗ Thị Hoa']) expect(text).not.toContain(name);
    expect(((await (await closed.request('/api/session')).json()) as { requireSignIn: string }).requireSignIn).toBe('all');
  });
});

describe('a trusted authenticating proxy (REPORTING_TRUST_PROXY_HEADER)', () => {
  it('takes the user and agency from its headers only when configured', async () => {
    const proxied = createReportingApp({
      snapshots: service.snapshots,
      log: () => {},
      access: closedReadAccess({ proxy: { userHeader: 'X-Remote-User', agencyHeader: 'X-Remote-Agency' } }),
    });
    const syt = { headers: { 'X-Remote-User': 'nguyen.van.a', 'X-Remote-Agency': 'SYT' } };
    expect(new Set((await rows(proxied, '/api/queries/exemplar_register?limit=100', syt)).map((r) => r.agency_code))).toEqual(
      new Set(['SYT']),
    );
    expect(
      (await rows(proxied, '/api/queries/exemplar_register?limit=100', { headers: { 'X-Remote-User': 'admin', 'X-Remote-Agency': '*' } }))
        .length,
    ).toBe(9);
    expect(await (await proxied.request('/api/session', syt)).json()).toMatchObject({
      signedIn: true,
      viewer: { label: 'nguyen.van.a', agency: 'SYT', via: 'proxy' },
    });
    expect(await refusal(await proxied.request('/api/queries/exemplar_register', { headers: { 'X-Remote-User': 'x' } }))).toMatchObject({
      status: 403,
      code: 'NO_AGENCY_SCOPE',
    });
    expect(await refusal(await proxied.request('/api/queries/exemplar_register'))).toMatchObject({ status: 401, code: 'SIGNIN_REQUIRED' });
    // Without the setting the same headers are nobody.
    expect(
      (await app.request('/api/queries/exemplar_register', { headers: { 'X-Remote-User': 'admin', 'X-Remote-Agency': '*' } })).status,
    ).toBe(401);
  });

  it('without an agency header every proxy user reads the province', async () => {
    const proxied = createReportingApp({
      snapshots: service.snapshots,
      log: () => {},
      access: closedReadAccess({ proxy: { userHeader: 'X-Remote-User', agencyHeader: null } }),
    });
    expect((await rows(proxied, '/api/queries/exemplar_register?limit=100', { headers: { 'X-Remote-User': 'lanh.dao' } })).length).toBe(9);
  });
});

describe('the viewers file is checked whole at start (fail closed)', () => {
  const good = { label: 'Sở Y tế', token: 'a-viewer-token-0001', agency: 'SYT' };
  it.each([
    ['a token under 16 characters', [{ ...good, token: 'short-token' }], /viewer 1 \("Sở Y tế"\): token shorter than 16/],
    [
      'an expiry that is not an ISO date',
      [{ ...good, expiresAt: '31/12/2020' }],
      /viewer 1 \("Sở Y tế"\): expiresAt "31\/12\/2020" is not an ISO date/,
    ],
    ['an expiry that is no date at all', [{ ...good, expiresAt: '2020-13-45' }], /viewer 1 .*not an ISO date/],
    [
      'two viewers with one token',
      [good, { ...good, label: 'Sở Y tế 2' }],
      /viewer 2 \("Sở Y tế 2"\): same token as viewer 1 \("Sở Y tế"\)/,
    ],
    ['a missing agency', [{ label: 'x', token: 'a-viewer-token-0001' }], /viewer 1 \("x"\): "agency" is required/],
    ['a missing label', [{ token: 'a-viewer-token-0001', agency: '*' }], /viewer 1: "label" is required/],
    ['a misspelt field', [{ ...good, expires: '2020-01-01' }], /viewer 1 \("Sở Y tế"\): unknown field "expires"/],
    ['an unknown agency', [{ ...good, agency: 'SYTT' }], /unknown agency "SYTT"/],
    ['revoked not a boolean', [{ ...good, revoked: 'yes' }], /revoked must be true or false/],
    ['not an array', { ...good }, /must be a JSON array/],
  ])('refuses %s', (_what, content, message) => {
    // The agencies are the snapshot's: given them, an unknown code is refused whole as before.
    expect(() => parseViewers(JSON.stringify(content), 'viewers file', new Set(['SYT', 'SNV']))).toThrow(message);
  });

  it('before any snapshot takes any well-formed agency code, and refuses a malformed one', () => {
    expect(parseViewers(JSON.stringify([{ ...good, agency: 'SYTT' }]))).toHaveLength(1);
    expect(() => parseViewers(JSON.stringify([{ ...good, agency: 'sở y tế' }]))).toThrow(/unknown agency/);
  });

  it('a viewer of an agency the snapshot does not know reads no personal list (fail closed)', async () => {
    const ghost = 'test-viewer-ghost-00000000000006';
    const withGhost = createReportingApp({
      snapshots: service.snapshots,
      log: () => {},
      access: testAccess({ viewers: [...parseViewers(JSON.stringify([{ label: 'ma', token: ghost, agency: 'SYTT' }]))] }),
    });
    for (const path of ['/api/queries/exemplar_register', '/api/queries/exemplar_detail?exemplar_id=1']) {
      const res = await withGhost.request(path, bearer(ghost));
      expect(await refusal(res), path).toMatchObject({ status: 403, code: 'UNKNOWN_VIEWER_AGENCY' });
    }
    expect((await withGhost.request('/api/queries/overview_headline', bearer(ghost))).status).toBe(200);
  });

  it('accepts what the README shows, and the demo viewers', () => {
    const viewers = parseViewers(
      JSON.stringify([
        good,
        { label: 'Sở Nội vụ', token: 'another-token-00002', agency: '*', expiresAt: '2026-01-01T00:00:00Z' },
        { label: 'cũ', token: 'old-token-000000003', agency: 'SYT', revoked: true },
        ...demoViewers(),
      ]),
    );
    expect(viewers).toHaveLength(5);
  });

  it('refuses the other settings when they are not understood', () => {
    expect(() => readAccessFromEnv({ REPORTING_REQUIRE_SIGNIN: 'some' })).toThrow(/REPORTING_REQUIRE_SIGNIN/);
    expect(() => readAccessFromEnv({ REPORTING_MAX_EXPORTS: '0' })).toThrow(/REPORTING_MAX_EXPORTS/);
    expect(() => readAccessFromEnv({ REPORTING_PROXY_AGENCY_HEADER: 'X-Remote-Agency' })).toThrow(/needs REPORTING_TRUST_PROXY_HEADER/);
    expect(() => readAccessFromEnv({ REPORTING_VIEWERS_FILE: '/nonexistent/viewers.json' })).toThrow(/cannot be read/);
    expect(readAccessFromEnv({})).toMatchObject({ viewers: [], requireSignIn: 'personal', proxy: null, maxExports: 2 });
  });

  it('the service process exits at start, naming the entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'viewers-bad-'));
    const file = join(dir, 'viewers.json');
    writeFileSync(
      file,
      JSON.stringify([good, { label: 'Sở Tài chính', token: 'a-viewer-token-0002', agency: 'STC', expiresAt: '31/12/2020' }]),
    );
    const port = await freePort();
    const svc = startService('reporting', 'dashboard/server/main.ts', port, {
      DATA_DIR: service.fixture.dataDir,
      DASHBOARD_PORT: String(port),
      REPORTING_VIEWERS_FILE: file,
    });
    const exit = await svc.exited;
    expect(exit.code).not.toBe(0);
    expect(svc.lines.join('\n')).toMatch(/viewer 2 \("Sở Tài chính"\): expiresAt "31\/12\/2020" is not an ISO date/);
  });
});

describe('exports under a limit, in a real reporting process (429 when saturated)', () => {
  let reporting: ServiceProcess;
  beforeAll(async () => {
    const dataDir = await demoDataDir(5, () => {});
    const file = join(dataDir, 'viewers.json');
    writeFileSync(file, JSON.stringify([{ label: 'test: toàn tỉnh', token: PROVINCE_TOKEN, agency: '*' }]));
    const port = await freePort();
    reporting = startService('reporting', 'dashboard/server/main.ts', port, {
      DATA_DIR: dataDir,
      DASHBOARD_PORT: String(port),
      REPORTING_VIEWERS_FILE: file,
      REPORTING_MAX_EXPORTS: '1',
    });
    await waitForHealth(reporting);
  }, 180_000);
  afterAll(async () => {
    if (reporting) await stopService(reporting);
  });

  it('holds one export open, refuses the next with 429 and Retry-After, serves it once the first has gone', async () => {
    const url = (offset: number, format: string) =>
      `${reporting.url}/api/queries/exemplar_register?limit=100000&offset=${offset}&format=${format}`;
    // A client that stops reading: its export waits (bounded) and keeps the only slot.
    const held = await fetch(url(0, 'csv'), bearer(PROVINCE_TOKEN));
    expect(held.status).toBe(200);
    expect(held.headers.get('content-disposition')).toMatch(/^attachment; filename="(minh-hoa_)?danh_sach_dien_hinh_/);
    const refused = await fetch(url(1, 'xlsx'), bearer(PROVINCE_TOKEN));
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refusal(refused)).toMatchObject({ status: 429, code: 'TOO_MANY_EXPORTS' });
    // Figures and the dashboard's lists are not exports: they still answer.
    expect((await fetch(`${reporting.url}/api/queries/overview_headline`)).status).toBe(200);
    expect((await fetch(`${reporting.url}/api/queries/exemplar_register?limit=50`, bearer(PROVINCE_TOKEN))).status).toBe(200);
    await held.body!.cancel();
    // The slot frees once the service sees the client gone.
    let res: Response | null = null;
    for (let i = 0; i < 100; i++) {
      res = await fetch(url(1, 'xlsx'), bearer(PROVINCE_TOKEN));
      if (res.status !== 429) break;
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(res!.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res!.arrayBuffer());
    const total = (await (
      await fetch(`${reporting.url}/api/queries/exemplar_register?limit=1&format=json`, bearer(PROVINCE_TOKEN))
    ).json()) as { rows: { total_count: number }[] };
    // The whole list, streamed: headings plus every row after the first (offset 1).
    expect(book.worksheets[0]!.rowCount).toBe(1 + Math.min(100_000, total.rows[0]!.total_count - 1));
    expect(book.worksheets[0]!.rowCount).toBeGreaterThan(5_000);
    expect(book.worksheets[1]!.name).toBe('Nguồn');
  });
});
