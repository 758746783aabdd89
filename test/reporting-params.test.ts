import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { queryRows } from '../ingest/store/database.ts';
import { startFixtureService, type Fixture, type FixtureService } from './queries-fixture.ts';

let fixture: Fixture;
let app: Hono;

let service: FixtureService;
beforeAll(async () => {
  service = await startFixtureService();
  ({ fixture, app } = service);
});
afterAll(() => service.stop());

async function refused(path: string): Promise<{ code: string; param?: string; message: string }> {
  const res = await app.request(path);
  expect(res.status, path).toBe(400);
  return ((await res.json()) as { error: { code: string; param?: string; message: string } }).error;
}

describe('parameters are checked against the declaration', () => {
  it.each([
    ['/api/queries/recognitions_by_year?year_from=2020', 'year_from', 'BAD_PARAM'],
    ['/api/queries/recognitions_by_year?year_from=abc', 'year_from', 'BAD_PARAM'],
    ['/api/queries/recognitions_by_year?year_to=2025.5', 'year_to', 'BAD_PARAM'],
    ['/api/queries/recognitions_by_year?year_from=2024&year_to=2022', 'year_from', 'BAD_PARAM'],
    ['/api/queries/recognitions_by_year?movement=21', 'movement', 'BAD_PARAM'],
    ['/api/queries/recognitions_by_year?kind=doanh_nghiep', 'kind', 'BAD_PARAM'],
    ['/api/queries/recognitions_by_year?rollup=yes', 'rollup', 'BAD_PARAM'],
    ['/api/queries/recognitions_by_year?agency=syt', 'agency', 'BAD_PARAM'],
    ['/api/queries/recognitions_by_year?colour=red', 'colour', 'UNKNOWN_PARAM'],
    ['/api/queries/recognitions_by_year?movement=3&movement=4', 'movement', 'REPEATED_PARAM'],
    ['/api/queries/exemplar_detail', 'exemplar_id', 'MISSING_PARAM'],
    ['/api/queries/exemplar_register?limit=100001', 'limit', 'BAD_PARAM'],
    ['/api/queries/plan_submission_by_agency?deadline=2021-02-30', 'deadline', 'BAD_PARAM'],
    ['/api/queries/recognitions_by_year?format=pdf', 'format', 'BAD_PARAM'],
    ['/api/queries/recognitions_by_year?plan=99/KH-UBND', 'plan', 'BAD_PARAM'],
    ['/api/queries/congress_delegate_summary_by_agency?congress=HY-XI', 'congress', 'BAD_PARAM'],
    ['/api/queries/congress_delegate_summary_by_agency?year_from=2026', 'year_from', 'BAD_PARAM'],
  ])('%s → 400 naming %s', async (path, param, code) => {
    const error = await refused(path);
    expect(error.code).toBe(code);
    expect(error.param).toBe(param);
    expect(error.message).toContain(`"${param}"`);
    expect(error.message).toMatch(/Tham số|Thiếu tham số/);
  });

  it('treats an empty value as "not set"', async () => {
    const res = await app.request('/api/queries/recognitions_by_year?format=json&movement=&agency=');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { rows: unknown[] }).rows).toHaveLength(5);
  });

  it('answers 404 in Vietnamese for an unknown query', async () => {
    const res = await app.request('/api/queries/drop_everything');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('Không có truy vấn');
  });

  it('lists every query with its parameters, types, defaults and a Vietnamese title', async () => {
    const { queries, snapshot } = (await (await app.request('/api/queries')).json()) as {
      snapshot: unknown;
      queries: { name: string; title: string; params: { name: string; type: string; default: unknown; required: boolean }[] }[];
    };
    expect(snapshot).toMatchObject({
      years: { min: 2021, max: 2025 },
      movements: { min: 1, max: 20 },
      period: { first: 2021, last: 2025 },
      plans: ['90/KH-UBND'],
      congresses: ['HY-X'],
    });
    expect(queries.length).toBeGreaterThanOrEqual(20);
    const byYear = queries.find((q) => q.name === 'recognitions_by_year')!;
    expect(byYear.title).toBe('Số lượt công nhận và số điển hình theo năm');
    // Ranges and defaults are the snapshot's (the fixture registers Plan 90 only): listed resolved.
    expect(byYear.params.find((p) => p.name === 'year_from')).toMatchObject({
      type: 'INTEGER[years]',
      range: 'years',
      min: 2021,
      max: 2025,
      default: 2021,
      defaultFrom: 'period.first',
      required: false,
    });
    expect(byYear.params.find((p) => p.name === 'year_to')).toMatchObject({
      min: 2021,
      max: 2025,
      default: 2025,
      defaultFrom: 'period.last',
    });
    expect(byYear.params.find((p) => p.name === 'movement')).toMatchObject({ type: 'INTEGER[movements]', min: 1, max: 20, default: null });
    expect(byYear.params.find((p) => p.name === 'plan')).toMatchObject({ type: 'TEXT', default: null, values: ['90/KH-UBND'] });
    expect(byYear.params.find((p) => p.name === 'rollup')).toMatchObject({ type: 'BOOLEAN', default: false });
    expect(queries.find((q) => q.name === 'exemplar_detail')!.params[0]).toMatchObject({ name: 'exemplar_id', required: true });
  });
});

describe('an injection attempt is just a value', () => {
  it('searches for the text and finds nothing, and the tables are intact', async () => {
    for (const search of ["'; DROP TABLE exemplars; --", "x' OR '1'='1", '$search', "') UNION SELECT * FROM agencies --"]) {
      const res = await app.request(`/api/queries/exemplar_register?format=json&search=${encodeURIComponent(search)}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { rows: unknown[] }).rows).toEqual([]);
    }
    // A code parameter cannot carry SQL at all: it is refused by its pattern.
    expect((await refused(`/api/queries/recognitions_by_agency?agency=${encodeURIComponent("SYT' OR 1=1 --")}`)).param).toBe('agency');
    const [row] = await queryRows(fixture.db.connection, 'SELECT count(*)::INTEGER AS n FROM exemplars');
    expect(row!.n).toBe(9);
    const after = await app.request('/api/queries/exemplar_register?format=json');
    expect(((await after.json()) as { rows: unknown[] }).rows).toHaveLength(9);
  });
});
