// Access (docs/architecture.md#security): the token matrix for every write and audit endpoint of the ingest service,
// a reporting service without any write endpoint, query parameters that never reach SQL text,
// secure headers on every answer of both services, and CORS only as configured.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import type { SnapshotSource } from '../dashboard/server/snapshotSource.ts';
import { loadQueryCatalog } from '../dashboard/server/loadQueryCatalog.ts';
import { findToken } from '../ingest/auth/tokens.ts';
import { queryRows } from '../ingest/store/database.ts';
import { startFixtureService, type FixtureService } from './queries-fixture.ts';
import { HEADER, TOKENS, csv, harness, type Harness } from './ingest-helpers.ts';

const TOKEN = {
  own: 'token-sgddt-0123456789',
  other: 'token-syt-0123456789ab',
  home: 'token-snv-0123456789ab',
  expired: 'token-expired-01234567',
  revoked: 'token-revoked-01234567',
};

type Auth = Record<string, string>;
/** The token cases of the matrix; `agency` is the agency the request names (form field). */
const CASES: { name: string; headers: Auth; agency?: string }[] = [
  { name: 'no token', headers: {} },
  { name: 'Basic scheme', headers: { Authorization: `Basic ${Buffer.from(`x:${TOKEN.own}`).toString('base64')}` } },
  { name: 'Bearer without a token', headers: { Authorization: 'Bearer' } },
  { name: 'two tokens', headers: { Authorization: `Bearer ${TOKEN.own} ${TOKEN.home}` } },
  { name: 'token without scheme', headers: { Authorization: TOKEN.own } },
  { name: 'wrong token', headers: { Authorization: 'Bearer token-sgddt-0123456780' } },
  { name: 'prefix of a token', headers: { Authorization: 'Bearer token-sgddt-012345678' } },
  { name: 'expired token', headers: { Authorization: `Bearer ${TOKEN.expired}` } },
  { name: 'revoked token', headers: { Authorization: `Bearer ${TOKEN.revoked}` } },
  { name: "another agency's token", headers: { Authorization: `Bearer ${TOKEN.other}` }, agency: 'SGDDT' },
  { name: 'Sở Nội vụ token naming no agency', headers: { Authorization: `Bearer ${TOKEN.home}` } },
  { name: 'Sở Nội vụ token naming SGDDT', headers: { Authorization: `Bearer ${TOKEN.home}` }, agency: 'SGDDT' },
  { name: "own agency's token", headers: { Authorization: `Bearer ${TOKEN.own}` } },
];

/** Expected status per write endpoint and case. */
const EXPECTED: Record<string, Record<string, number>> = {
  'POST /api/uploads': {
    'no token': 401,
    'Basic scheme': 401,
    'Bearer without a token': 401,
    'two tokens': 401,
    'token without scheme': 401,
    'wrong token': 401,
    'prefix of a token': 401,
    'expired token': 401,
    'revoked token': 401,
    "another agency's token": 403,
    'Sở Nội vụ token naming no agency': 400,
    'Sở Nội vụ token naming SGDDT': 201,
    "own agency's token": 201,
  },
  // The column-mapping preview reads a file under the same token rules as an upload and writes nothing.
  'POST /api/uploads/preview': {
    'no token': 401,
    'Basic scheme': 401,
    'Bearer without a token': 401,
    'two tokens': 401,
    'token without scheme': 401,
    'wrong token': 401,
    'prefix of a token': 401,
    'expired token': 401,
    'revoked token': 401,
    "another agency's token": 403,
    'Sở Nội vụ token naming no agency': 400,
    'Sở Nội vụ token naming SGDDT': 200,
    "own agency's token": 200,
  },
  // Only the province-wide (Sở Nội vụ) token may enter congress delegate allocations.
  'POST /api/allocations': {
    'no token': 401,
    'Basic scheme': 401,
    'Bearer without a token': 401,
    'two tokens': 401,
    'token without scheme': 401,
    'wrong token': 401,
    'prefix of a token': 401,
    'expired token': 401,
    'revoked token': 401,
    "another agency's token": 403,
    'Sở Nội vụ token naming no agency': 201,
    'Sở Nội vụ token naming SGDDT': 201,
    "own agency's token": 403,
  },
  // Plans, the organisation and congresses are registered by Sở Nội vụ alone (docs/registering-plans.md).
  ...Object.fromEntries(
    ['POST /api/plans', 'POST /api/organisation', 'POST /api/congresses'].map((route) => [
      route,
      {
        'no token': 401,
        'Basic scheme': 401,
        'Bearer without a token': 401,
        'two tokens': 401,
        'token without scheme': 401,
        'wrong token': 401,
        'prefix of a token': 401,
        'expired token': 401,
        'revoked token': 401,
        "another agency's token": 403,
        'Sở Nội vụ token naming no agency': 201,
        'Sở Nội vụ token naming SGDDT': 201,
        "own agency's token": 403,
      },
    ]),
  ),
};

/** A catalogue file for each registration route; `i` makes each one a new version. */
function catalogueFile(route: string, i: number): File {
  if (route === 'POST /api/plans') {
    const plan = JSON.parse(readFileSync(new URL('../catalogue/plans/90-KH-UBND-2021.json', import.meta.url), 'utf8')) as { title: string };
    return new File([JSON.stringify({ ...plan, title: `${plan.title} (bản ${i})` })], `ke-hoach-${i}.json`);
  }
  if (route === 'POST /api/organisation') {
    const agency = {
      code: 'XA_THU',
      name: `Xã Thử ${i}`,
      kind: 'xa_phuong',
      bloc: 'K_DIAPHUONG',
      province: 'HY',
      validFrom: '2025-07-01',
      validTo: null,
      variants: [],
    };
    return new File(
      [JSON.stringify({ format: 'to-chuc/1', provinces: [], blocs: [], agencies: [agency], successions: [] })],
      `to-chuc-${i}.json`,
    );
  }
  const congress = JSON.parse(readFileSync(new URL('../catalogue/congresses/hung-yen-lan-thu-x.json', import.meta.url), 'utf8')) as {
    name: string;
  };
  return new File([JSON.stringify({ ...congress, name: `${congress.name} (bản ${i})` })], `dai-hoi-${i}.json`);
}

const row = (name: string) => ['1', name, 'Cá nhân', 'Trường THCS Lê Quý Đôn', '15', '2023', '1/QĐ', '5/6/2023'];

function writeRequest(route: string, c: (typeof CASES)[number], i: number): Request {
  const form = new FormData();
  if (route === 'POST /api/uploads' || route === 'POST /api/uploads/preview') {
    // A different file per case, so a success is a new batch and not "unchanged".
    form.set('file', new File([csv([HEADER, row(`Nguyễn Văn Ma Trận ${i}`)])], `ma-tran-${i}.csv`));
  } else if (route === 'POST /api/allocations') {
    form.set(
      'file',
      new File(
        [
          JSON.stringify([
            { agency: 'SYT', seats: 3 + i },
            { agency: 'SGDDT', seats: 2 },
          ]),
        ],
        `phan-bo-${i}.json`,
      ),
    );
  } else {
    form.set('file', catalogueFile(route, i));
  }
  if (c.agency) form.set('agency', c.agency);
  const [method, path] = route.split(' ') as [string, string];
  return new Request(`http://ingest.local${path}`, { method, body: form, headers: c.headers });
}

describe('ingest: the token matrix', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(() => h.close());

  it('covers every write endpoint the app has', () => {
    const writes = new Set(
      h.app.routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method)).map((r) => `${r.method} ${r.path}`),
    );
    expect([...writes].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const route of Object.keys(EXPECTED)) {
    it(`${route}: 401/403/400 leave the database unchanged; own and Sở Nội vụ tokens write`, async () => {
      let i = 0;
      for (const c of CASES) {
        const before = await h.dump();
        const res = await h.app.request(writeRequest(route, c, i++));
        const body = (await res.json()) as { error?: { code: string; message: string } };
        const expected = EXPECTED[route]![c.name]!;
        expect(res.status, `${route} with ${c.name}: ${JSON.stringify(body)}`).toBe(expected);
        if (expected >= 400) {
          expect(body.error?.code, c.name).toMatch(/^[A-Z_]+$/);
          expect(body.error?.message.length, c.name).toBeGreaterThan(10);
          expect(await h.dump(), `${c.name} changed the database`).toBe(before);
          if (expected === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        } else if (route === 'POST /api/uploads/preview') {
          expect(await h.dump(), `${c.name}: a preview writes nothing`).toBe(before);
        } else {
          expect(await h.dump()).not.toBe(before);
        }
      }
    });
  }

  it('audit endpoints: 401 without a valid token, each agency sees only its batches, Sở Nội vụ sees all', async () => {
    const syt = await h.upload({ name: 'syt.csv', bytes: csv([HEADER, row('Bác sĩ Ma Trận')]) }, {}, TOKEN.other);
    expect(syt.status).toBe(201);
    const own = await h.upload({ name: 'own.csv', bytes: csv([HEADER, row('Cô giáo Ma Trận')]) }, {}, TOKEN.own);
    expect(own.status).toBe(201);
    for (const c of CASES.filter((x) => EXPECTED['POST /api/uploads']![x.name] === 401)) {
      for (const path of ['/api/batches', `/api/batches/${syt.body.batchId}`]) {
        const res = await h.app.request(path, { headers: c.headers });
        expect(res.status, `${path} with ${c.name}`).toBe(401);
      }
    }
    const list = async (token: string) =>
      (
        (await (await h.app.request('/api/batches', { headers: { Authorization: `Bearer ${token}` } })).json()) as {
          batches: { agency_code: string }[];
        }
      ).batches;
    expect(new Set((await list(TOKEN.own)).map((b) => b.agency_code))).toEqual(new Set(['SGDDT']));
    expect(new Set((await list(TOKEN.other)).map((b) => b.agency_code))).toEqual(new Set(['SYT']));
    expect(new Set((await list(TOKEN.home)).map((b) => b.agency_code))).toEqual(new Set(['SYT', 'SGDDT', null]));
    // Another agency's batch is "not found", not "forbidden": its existence is not revealed.
    const foreign = await h.app.request(`/api/batches/${syt.body.batchId}`, { headers: { Authorization: `Bearer ${TOKEN.own}` } });
    expect(foreign.status).toBe(404);
    expect((await h.app.request(`/api/batches/${syt.body.batchId}`, { headers: { Authorization: `Bearer ${TOKEN.home}` } })).status).toBe(
      200,
    );
  });

  it('form fields and path values never reach SQL text', async () => {
    const before = await h.dump();
    const auth = { Authorization: `Bearer ${TOKEN.home}` };
    for (const agency of ["SGDDT'; DROP TABLE exemplars; --", "' OR 1=1 --", 'SGDDT" OR "1"="1']) {
      const res = await h.upload({ name: 'x.csv', bytes: csv([HEADER, row('Tiêm SQL')]) }, { agency }, TOKEN.home);
      expect(res.status, agency).toBe(422);
      expect(res.body.error.code).toBe('AGENCY_UNKNOWN');
    }
    for (const year of ['2021; DROP TABLE exemplars; --', "2021' OR 1=1 --"]) {
      const res = await h.upload({ name: 'x.csv', bytes: csv([HEADER, row('Tiêm SQL')]) }, { year }, TOKEN.own);
      expect(res.status, year).toBe(400);
    }
    for (const path of [
      '/api/batches/1%20OR%201=1',
      "/api/batches/1';DROP%20TABLE%20exemplars;--",
      '/api/batches/-1',
      '/api/batches/1e3',
    ]) {
      expect((await h.app.request(path, { headers: auth })).status, path).toBe(404);
    }
    expect(await h.dump()).toBe(before);
    // A name that looks like SQL is only a name: stored exactly, nothing else happens.
    const sqlName = "Robert'); DROP TABLE exemplars; --";
    const res = await h.upload({ name: 'bobby.csv', bytes: csv([HEADER, row(sqlName)]) }, {}, TOKEN.own);
    expect(res.status).toBe(201);
    const [stored] = await queryRows(h.db.connection, 'SELECT name FROM exemplars WHERE name = $n', { n: sqlName });
    expect(stored?.name).toBe(sqlName);
  });
});

describe('ingest: token comparison', () => {
  it('compares fixed-length SHA-256 digests with timingSafeEqual, over every entry', () => {
    const source = readFileSync(new URL('../contracts/accessTokens.ts', import.meta.url), 'utf8');
    expect(source).toMatch(/timingSafeEqual\(digest\(t\.token\), p\)/);
    expect(source).toMatch(/createHash\('sha256'\)/);
    // No early exit on a match: the loop has no break or return inside it.
    const loop = /for \(const t of tokens\) \{([^}]*)\}/.exec(source)?.[1] ?? '';
    expect(loop).not.toMatch(/break|return/);
  });

  it('accepts a presented token of any length without throwing, and only the exact token', () => {
    for (const presented of [
      '',
      'a',
      'x'.repeat(10_000),
      'ố'.repeat(50),
      TOKEN.own.slice(0, -1),
      `${TOKEN.own} `,
      TOKEN.own.toUpperCase(),
    ]) {
      expect(findToken(TOKENS, presented), presented.slice(0, 20)).toBeNull();
    }
    expect(findToken(TOKENS, TOKEN.own)?.agency).toBe('SGDDT');
    expect(findToken(TOKENS, TOKEN.expired, new Date('2019-12-31T00:00:00Z'))?.label).toBe('Cũ');
  });
});

const SECURE_HEADERS: [string, RegExp][] = [
  ['x-content-type-options', /^nosniff$/],
  ['referrer-policy', /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/],
  ['cross-origin-resource-policy', /^same-origin$/],
  ['x-permitted-cross-domain-policies', /^none$/],
];
function expectSecureHeaders(res: Response, what: string): void {
  for (const [name, pattern] of SECURE_HEADERS) expect(res.headers.get(name), `${what}: ${name}`).toMatch(pattern);
  const framing = res.headers.get('x-frame-options') ?? '';
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(/^(DENY|SAMEORIGIN)$/i.test(framing) || /frame-ancestors/.test(csp), `${what}: framing`).toBe(true);
  expect(res.headers.get('x-powered-by'), what).toBeNull();
}

describe('ingest: secure headers and CORS', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ maxBytes: 1024 });
  });
  afterAll(() => h.close());

  it('sends the secure headers on every kind of answer', async () => {
    const auth = { Authorization: `Bearer ${TOKEN.own}` };
    const big = new FormData();
    big.set('file', new File(['x'.repeat(2 * 1048576)], 'big.csv'));
    const requests: [string, Request][] = [
      ['root', new Request('http://i/')],
      ['health', new Request('http://i/health')],
      ['template', new Request('http://i/api/template.xlsx')],
      ['404', new Request('http://i/nothing')],
      ['401', new Request('http://i/api/batches')],
      ['batches', new Request('http://i/api/batches', { headers: auth })],
      ['400 no file', new Request('http://i/api/uploads', { method: 'POST', body: new FormData(), headers: auth })],
      ['413', new Request('http://i/api/uploads', { method: 'POST', body: big, headers: auth })],
      [
        'preflight',
        new Request('http://i/api/uploads', {
          method: 'OPTIONS',
          headers: { Origin: 'http://localhost:8788', 'Access-Control-Request-Method': 'POST' },
        }),
      ],
    ];
    for (const [what, req] of requests) {
      const res = await h.app.request(req);
      expect(res.status, what).toBeLessThan(500);
      expectSecureHeaders(res, what);
    }
  });

  it('answers CORS only for the configured origin, never with credentials or a wildcard', async () => {
    const preflight = (origin: string) =>
      h.app.request('/api/uploads', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
      });
    const allowed = await preflight('http://localhost:8788');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:8788');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    for (const origin of ['http://evil.example', 'http://localhost:8788.evil.example', 'null', 'http://localhost:9999']) {
      const res = await preflight(origin);
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
      const get = await h.app.request('/api/batches', { headers: { Origin: origin, Authorization: `Bearer ${TOKEN.own}` } });
      expect(get.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('reporting service: read-only, bound parameters, headers, no CORS', () => {
  let snapshots: SnapshotSource;
  let app: Hono;
  let raw: Hono;
  let snapshotBytes: Buffer;
  let service: FixtureService;
  beforeAll(async () => {
    service = await startFixtureService();
    ({ snapshots, app, raw } = service);
    snapshotBytes = readFileSync(snapshots.current()!.path);
  });
  afterAll(() => service.stop());

  // Sign-in (POST/DELETE /api/session) is the one exception: it opens and ends a session in
  // memory and writes nothing (test/security-read-access.test.ts).
  const SESSION = '/api/session';

  it('has only GET routes (and the catch-all 404 for /api/*), besides signing in and out', () => {
    for (const r of raw.routes) {
      if (r.method === 'ALL') expect(['/*', '/api/*'], `ALL ${r.path}`).toContain(r.path);
      else if (r.path === SESSION && (r.method === 'POST' || r.method === 'DELETE')) continue;
      else expect(['GET', 'HEAD', 'OPTIONS'], `${r.method} ${r.path}`).toContain(r.method);
    }
  });

  it('answers 404/405 to POST, PUT, PATCH and DELETE on every path, and the snapshot is untouched', async () => {
    const paths = [...new Set(raw.routes.map((r) => r.path))]
      .filter((p) => p !== SESSION)
      .map((p) => p.replace(':name', 'exemplar_register').replace('*', 'x'));
    paths.push('/api/queries', '/api/uploads', '/api/snapshot', '/');
    // A form post to the sign-in is refused (JSON only), signing out changes no data.
    expect(
      (await app.request(SESSION, { method: 'POST', body: 'token=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }))
        .status,
    ).toBe(415);
    expect((await app.request(SESSION, { method: 'DELETE' })).status).toBe(200);
    for (const method of ['PUT', 'PATCH'])
      expect([404, 405], `${method} ${SESSION}`).toContain((await app.request(SESSION, { method })).status);
    for (const path of paths) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const res = await app.request(path, {
          method,
          body: method === 'DELETE' ? null : 'name=x',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        });
        expect([404, 405], `${method} ${path}`).toContain(res.status);
        expectSecureHeaders(res, `${method} ${path}`);
      }
    }
    expect(readFileSync(snapshots.current()!.path).equals(snapshotBytes)).toBe(true);
  });

  it('never lets a query parameter reach SQL text: 400, or a plain value', async () => {
    const hostile = [
      '2021; DROP TABLE exemplars; --',
      "' OR 1=1 --",
      "') OR ('1'='1",
      '1 UNION SELECT name FROM duckdb_settings()',
      "x'; COPY exemplars TO '/tmp/leak.csv'; --",
      '1/**/OR/**/1=1',
      '%27%20OR%201%3D1',
    ];
    const catalog = loadQueryCatalog();
    let tried = 0;
    for (const def of catalog.values()) {
      for (const p of def.params) {
        for (const value of hostile) {
          const qs = new URLSearchParams({ [p.name]: value, format: 'json' });
          const res = await app.request(`/api/queries/${def.name}?${qs}`);
          tried++;
          const body = (await res.json()) as { rows?: Record<string, unknown>[]; error?: { code: string; param: string } };
          if (res.status === 400) {
            expect(body.error?.code, `${def.name}.${p.name}`).toBe('BAD_PARAM');
            expect(body.error?.param).toBe(p.name);
            continue;
          }
          // Only free text is let through, and it is matched as text: no name contains it.
          expect(res.status, `${def.name}.${p.name}=${value}`).toBe(200);
          expect(p.type.kind, `${def.name}.${p.name}`).toBe('TEXT');
          expect(body.rows, `${def.name}.${p.name}=${value}`).toEqual([]);
        }
      }
      // Parameter names are checked too, and format/header take only their listed values.
      for (const qs of ['drop%20table=1', 'format=csv;drop', "header=name'--"]) {
        expect((await app.request(`/api/queries/${def.name}?${qs}`)).status, `${def.name}?${qs}`).toBe(400);
      }
    }
    expect(tried).toBeGreaterThan(100);
    const all = await app.request('/api/queries/exemplar_register?format=json&limit=1000');
    expect(((await all.json()) as { rows: unknown[] }).rows.length).toBe(9); // the fixture's nine exemplars are all still there
    expect(readFileSync(snapshots.current()!.path).equals(snapshotBytes)).toBe(true);
  });

  it('sends the secure headers on every kind of answer and no CORS headers at all', async () => {
    const paths = [
      '/health',
      '/api/snapshot',
      '/api/queries',
      '/api/queries/overview_headline',
      '/api/queries/overview_headline?format=csv',
      '/api/queries/exemplar_register?format=xlsx',
      '/api/queries/nothing',
      '/api/queries/overview_headline?year_from=1900',
      '/api/x',
      '/',
    ];
    for (const path of paths) {
      for (const origin of ['http://evil.example', 'http://localhost:8788']) {
        const res = await app.request(path, { headers: { Origin: origin } });
        expectSecureHeaders(res, path);
        expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
        // Only the dashboard's own scripts run, nothing frames it, no plugins.
        const csp = res.headers.get('content-security-policy') ?? '';
        for (const directive of ["script-src 'self' 'unsafe-eval'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'"])
          expect(csp, `${path}: ${directive}`).toContain(directive);
      }
    }
    const preflight = await app.request('/api/queries/overview_headline', {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });
});
