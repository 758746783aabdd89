import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { createReportingApp } from '../dashboard/server/app.ts';
import { SnapshotSource } from '../dashboard/server/snapshotSource.ts';
import { query, queryUrl, readError, rows, snapshotStamp } from '../dashboard/app/lib/query.ts';
import { startFixtureService, type FixtureService } from './queries-fixture.ts';
import { asViewer, testAccess } from './queries-viewer.ts';

// dashboard/app/lib/query.ts: the app's only way to the named-query API. Its requests go over
// real HTTP to a real reporting service serving test/queries-fixture.ts (the browser's relative
// "/api/…" resolved against that server, as the page's origin would be).

type QueryName = Parameters<typeof query>[0];
/** A name the service does not know (the generated QueryName type would refuse it). */
const unknownName = (name: string) => name as QueryName;

const realFetch = globalThis.fetch;
let service: FixtureService;
let server: ServerType;
let base: string;
let empty: { dir: string; snapshots: SnapshotSource; app: Hono };

function listen(app: Hono): Promise<ServerType> {
  return new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
}

/** Sends the app's fetches to `origin`, as a page served from there would. */
function pageAt(origin: string): void {
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => realFetch(new URL(String(input), origin), init));
}

beforeAll(async () => {
  service = await startFixtureService();
  server = await listen(service.app);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A service that has never had a snapshot published.
  const dir = mkdtempSync(join(tmpdir(), 'app-query-empty-'));
  const snapshots = new SnapshotSource(dir, { log: () => {} });
  await snapshots.start();
  empty = { dir, snapshots, app: asViewer(createReportingApp({ snapshots, log: () => {}, access: testAccess() })) };
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await new Promise((r) => server?.close(r));
  await service?.stop();
  await empty?.snapshots.stop();
  if (empty) rmSync(empty.dir, { recursive: true, force: true });
});

describe('queryUrl', () => {
  it('names the query under /api/queries and sends only the parameters that are set', () => {
    expect(queryUrl('recognitions_by_year')).toBe('/api/queries/recognitions_by_year');
    expect(queryUrl('recognitions_by_year', { year_from: 2022, agency: null, bloc: undefined, kind: '', rollup: true })).toBe(
      '/api/queries/recognitions_by_year?year_from=2022&rollup=true',
    );
    expect(queryUrl('recognitions_by_year', { rollup: false, movement: 0 })).toBe(
      '/api/queries/recognitions_by_year?rollup=false&movement=0',
    );
  });

  it('asks for a file format last, and encodes names and values', () => {
    expect(queryUrl('exemplar_register', { plan: '90/KH-UBND', q: 'Nguyễn Văn An & co' }, 'xlsx')).toBe(
      '/api/queries/exemplar_register?plan=90%2FKH-UBND&q=Nguy%E1%BB%85n+V%C4%83n+An+%26+co&format=xlsx',
    );
    expect(queryUrl('recognitions_by_year', {}, 'csv')).toBe('/api/queries/recognitions_by_year?format=csv');
    expect(queryUrl(unknownName('a/b?c'))).toBe('/api/queries/a%2Fb%3Fc');
  });

  it('carries exactly the set parameters, each as its text, for any parameters', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ minLength: 1 }).filter((k) => k !== 'format'),
          value,
        ),
        (params) => {
          const url = new URL(queryUrl('recognitions_by_year', params), 'http://x');
          expect(url.pathname).toBe('/api/queries/recognitions_by_year');
          const expected = Object.entries(params)
            .filter(([, v]) => v !== null && v !== undefined && v !== '')
            .map(([k, v]) => [k, String(v)]);
          expect([...url.searchParams.entries()]).toEqual(expected);
        },
      ),
    );
  });
});

describe('query against the reporting service', () => {
  beforeAll(() => pageAt(base));

  it("decodes the Arrow answer: the fixture's recognitions by year, 2021–2025", async () => {
    const answer = await query('recognitions_by_year');
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const list = rows(answer.table) as Array<Record<string, unknown>>;
    expect(list.map((r) => Number(r.year))).toEqual([2021, 2022, 2023, 2024, 2025]);
    // 24 recognitions counted (the superseded batch and the history row are not).
    expect(list.reduce((t, r) => t + Number(r.recognitions), 0)).toBe(24);
    expect(list.every((r) => Object.getPrototypeOf(r) === Object.prototype)).toBe(true);
  });

  it('sends the parameters: Sở Y tế in 2025 is five recognitions of four exemplars', async () => {
    const answer = await query('recognitions_by_year', { year_from: 2025, year_to: 2025, agency: 'SYT', bloc: null, kind: '' });
    expect(
      answer.ok &&
        (rows(answer.table) as Array<Record<string, unknown>>).map((r) => [Number(r.year), Number(r.recognitions), Number(r.exemplars)]),
    ).toEqual([[2025, 5, 4]]);
  });

  it('stamps the answer with the snapshot it came from', async () => {
    const answer = await query('overview_headline');
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.snapshot.version).toBe(1);
    expect(answer.snapshot.createdAt).toBe(service.snapshots.current()!.manifest.createdAt);
    expect(Number.isNaN(Date.parse(answer.snapshot.createdAt!))).toBe(false);
  });

  it("returns the service's refusal of a parameter as a value: its code, its Vietnamese message, 400", async () => {
    const answer = await query('recognitions_by_year', { year_from: 2019 });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    const served = (
      (await (await realFetch(`${base}/api/queries/recognitions_by_year?year_from=2019`)).json()) as {
        error: { code: string; message: string };
      }
    ).error;
    expect(answer.error).toEqual({ code: served.code, message: served.message, status: 400 });
    expect(answer.error.code.toLowerCase()).toBe('bad_param');
    expect(answer.error.message).toContain('"year_from"');
  });

  it('returns an unknown parameter and an unknown query as values too', async () => {
    const colour = await query('recognitions_by_year', { colour: 'red' });
    expect(colour.ok ? null : [colour.error.code.toLowerCase(), colour.error.status]).toEqual(['unknown_param', 400]);
    const missing = await query(unknownName('drop_everything'));
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.error.status).toBe(404);
    expect(missing.error.message).toContain('Không có truy vấn');
  });

  it('says what failed when an answer is not Arrow (a JSON answer asked by mistake)', async () => {
    const answer = await query('recognitions_by_year', { format: 'json' });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code.toLowerCase()).toBe('decode');
    expect(answer.error.status).toBeNull();
    expect(answer.error.message).toMatch(/^Không đọc được dữ liệu Arrow: /);
  });

  it('throws, rather than reporting an error, when the caller abandoned the request', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(query('recognitions_by_year', {}, controller.signal)).rejects.toThrow(/abort/i);
  });

  it('answers 503 in Vietnamese before the first snapshot', async () => {
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => empty.app.request(String(input), init));
    try {
      const answer = await query('recognitions_by_year');
      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect(answer.error.status).toBe(503);
      expect(answer.error.code.toLowerCase()).toBe('no_snapshot');
      expect(answer.error.message).toContain('Chưa có bản chốt số liệu');
    } finally {
      pageAt(base);
    }
  });

  it('reports a service it cannot reach as a network error, without a status', async () => {
    const closed = await listen(service.app);
    const origin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    pageAt(origin);
    try {
      const answer = await query('recognitions_by_year');
      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect(answer.error.code.toLowerCase()).toBe('network');
      expect(answer.error.status).toBeNull();
      expect(answer.error.message).toMatch(/^Không kết nối được dịch vụ báo cáo: /);
    } finally {
      pageAt(base);
    }
  });
});

describe('readError', () => {
  // The fallback code names the HTTP status (its letter case is the app's convention of the day).
  const httpCode = (status: number) => expect.stringMatching(new RegExp(`^http_${status}$`, 'i'));
  const res = (body: string, status: number, type = 'application/json') =>
    new Response(body, { status, headers: { 'content-type': type } });

  it('reads the shared error shape {error: {code, message}} and the flat {code, message}', async () => {
    expect(await readError(res('{"error":{"code":"BAD_PARAM","message":"Tham số sai"}}', 400))).toEqual({
      code: 'BAD_PARAM',
      message: 'Tham số sai',
      status: 400,
    });
    expect(await readError(res('{"code":"LOCKED","message":"Đang bận"}', 409))).toEqual({
      code: 'LOCKED',
      message: 'Đang bận',
      status: 409,
    });
  });

  it('reads {error: "text"} and a message without a code', async () => {
    expect(await readError(res('{"error":"Không được phép"}', 403))).toEqual({
      code: httpCode(403),
      message: 'Không được phép',
      status: 403,
    });
    expect(await readError(res('{"message":"Hết thời gian"}', 504))).toEqual({
      code: httpCode(504),
      message: 'Hết thời gian',
      status: 504,
    });
  });

  it("falls back to the raw text (a proxy's page), at most 300 characters", async () => {
    const page = `<html><body>${'Bad Gateway '.repeat(50)}</body></html>`;
    const error = await readError(res(`  ${page}\n`, 502, 'text/html'));
    expect(error).toEqual({ code: httpCode(502), message: page.slice(0, 300), status: 502 });
    expect(await readError(res('{"status":"down"}', 500))).toEqual({ code: httpCode(500), message: '{"status":"down"}', status: 500 });
  });

  it('says so in Vietnamese when the body is empty', async () => {
    expect(await readError(res('', 503, 'text/plain'))).toEqual({
      code: httpCode(503),
      message: 'Chưa có dữ liệu (chưa có bản chốt số liệu nào).',
      status: 503,
    });
    expect(await readError(res('   ', 500, 'text/plain'))).toEqual({ code: httpCode(500), message: 'Lỗi máy chủ 500', status: 500 });
  });
});

describe('snapshotStamp', () => {
  it('reads the version and creation time, or nulls when the answer names no snapshot', () => {
    expect(snapshotStamp(new Headers({ 'X-Snapshot-Version': '12', 'X-Snapshot-Created-At': '2025-07-01T02:00:00.000Z' }))).toEqual({
      version: 12,
      createdAt: '2025-07-01T02:00:00.000Z',
    });
    expect(snapshotStamp(new Headers())).toEqual({ version: null, createdAt: null });
  });
});
