import { describe, expect, it } from 'vitest';
import { queryRows } from '../ingest/store/database.ts';
import { harnessPerTest, type Harness } from './ingest-helpers.ts';

const SNV = 'token-snv-0123456789ab';
const SYT = 'token-syt-0123456789ab';
const open = harnessPerTest();

const congress = (overrides: Record<string, unknown> = {}) => ({
  format: 'dai-hoi/1',
  code: 'HY-2025-I',
  name: 'Đại hội Thi đua yêu nước tỉnh Hưng Yên lần thứ I, giai đoạn 2025–2030',
  number: 'I',
  heldOn: '2025-09-27',
  firstYear: 2021,
  lastYear: 2025,
  provinces: ['HY'],
  rule: 'section_v',
  form: 'cong_nhan_dhtt',
  synthetic: false,
  ...overrides,
});

async function post(h: Harness, path: string, name: string, body: string, fields: Record<string, string> = {}, token = SNV) {
  const form = new FormData();
  form.set('file', new File([new TextEncoder().encode(body)], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await h.app.request(path, { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as any };
}

describe('POST /api/congresses and allocations for a congress', () => {
  it('registers a congress as a batch; the same file again answers with it; an unknown province is refused by field and value', async () => {
    const h = await open();
    const before = await h.dump();
    const dry = await post(h, '/api/congresses', 'dai-hoi.json', JSON.stringify(congress()), { dry_run: 'true' });
    expect(dry.status).toBe(200);
    expect(dry.body.status).toBe('dry_run');
    expect(await h.dump()).toBe(before);

    const done = await post(h, '/api/congresses', 'dai-hoi.json', JSON.stringify(congress()));
    expect(done.status).toBe(201);
    const [row] = await queryRows(
      h.db.connection,
      "SELECT c.name, strftime(c.held_on, '%Y-%m-%d') AS held_on, c.provinces, b.kind, b.year FROM congresses c JOIN ingest_batches b ON b.id = c.batch_id WHERE c.code = 'HY-2025-I'",
    );
    expect(row).toEqual({ name: congress().name, held_on: '2025-09-27', provinces: ['HY'], kind: 'congress', year: 2021 });
    const again = await post(h, '/api/congresses', 'dai-hoi-lan-2.json', JSON.stringify(congress()));
    expect(again.status).toBe(200);
    expect(again.body.batchId).toBe(done.body.batchId);

    const unknown = await post(
      h,
      '/api/congresses',
      'dai-hoi-2.json',
      JSON.stringify(congress({ code: 'HY-2030-II', provinces: ['HY', 'ZZ'] })),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.problems).toEqual([expect.objectContaining({ field: 'provinces', value: 'ZZ', code: 'PROVINCE_UNKNOWN' })]);
    const badRule = await post(h, '/api/congresses', 'dai-hoi-3.json', JSON.stringify(congress({ rule: 'boc_tham' })));
    expect(badRule.status).toBe(422);
    expect(badRule.body.problems[0]).toMatchObject({ field: 'rule', value: 'boc_tham', code: 'RULE_UNKNOWN' });
    expect((await post(h, '/api/congresses', 'dai-hoi.json', JSON.stringify(congress()), {}, SYT)).status).toBe(403);
  });

  it('writes allocations for the congress named, or else the newest by held_on; an unknown congress is refused', async () => {
    const h = await open();
    expect((await post(h, '/api/congresses', 'dai-hoi.json', JSON.stringify(congress()))).status).toBe(201);
    const list = 'Mã đơn vị;Số đại biểu\r\nSYT;12\r\nCAT;9\r\n';
    const newest = await post(h, '/api/allocations', 'phan-bo.csv', list);
    expect(newest.status).toBe(201);
    expect(newest.body.congress.code).toBe('HY-2025-I');
    const named = await post(h, '/api/allocations', 'phan-bo.csv', list, { congress: 'HY-X' });
    expect(named.status, 'the same file for another congress is another allocation').toBe(201);
    const rows = await queryRows(
      h.db.connection,
      'SELECT congress_code, count(*)::INTEGER AS n FROM delegate_allocations WHERE batch_id IN ($a, $b) GROUP BY 1 ORDER BY 1',
      { a: newest.body.batchId, b: named.body.batchId },
    );
    expect(rows).toEqual([
      { congress_code: 'HY-2025-I', n: 2 },
      { congress_code: 'HY-X', n: 2 },
    ]);
    const unknown = await post(h, '/api/allocations', 'phan-bo.csv', list, { congress: 'KHONG-CO' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('CONGRESS_UNKNOWN');
  });
});
