import { describe, expect, it } from 'vitest';
import { queryRows } from '../ingest/store/database.ts';
import { readCurrentManifest } from '../contracts/snapshotProtocol.ts';
import { harnessPerTest, type Harness } from './ingest-helpers.ts';

const SNV = 'token-snv-0123456789ab';
const SYT = 'token-syt-0123456789ab';
const open = harnessPerTest();

/** A later plan of the province: its own period, two movements, one target. */
function nextPlan(overrides: Record<string, unknown> = {}) {
  return {
    format: 'ke-hoach/1',
    code: '15/KH-UBND',
    number: '15/KH-UBND',
    issuedOn: '2026-02-10',
    issuedBy: 'Ủy ban nhân dân tỉnh Hưng Yên',
    title: 'Kế hoạch phát hiện, bồi dưỡng, tổng kết và nhân rộng điển hình tiên tiến giai đoạn 2026–2030',
    province: 'HY',
    firstYear: 2026,
    lastYear: 2030,
    submissionDeadline: '2026-04-30',
    reportingKinds: ['so_nganh', 'xa_phuong'],
    synthetic: false,
    movements: [
      {
        no: 1,
        name: 'Cán bộ, công chức thi đua thực hiện văn hóa công vụ',
        shortName: 'Văn hóa công vụ',
        parts: [],
        leadAgency: 'SNV',
        assignment: 'giao',
        households: false,
        aliases: [],
      },
      {
        no: 2,
        name: 'Ngành Y tế vì sức khỏe nhân dân',
        shortName: 'Y tế vì sức khỏe nhân dân',
        parts: [],
        leadAgency: 'SYT',
        assignment: 'giao',
        households: false,
        aliases: [],
      },
    ],
    targets: [{ text: 'Mỗi năm phát hiện ít nhất 20 điển hình', movement: 1, value: 20, unit: 'điển hình' }],
    ...overrides,
  };
}

async function postPlan(h: Harness, plan: unknown, fields: Record<string, string> = {}, token = SNV, name = 'ke-hoach-15.json') {
  const form = new FormData();
  form.set('file', new File([typeof plan === 'string' ? plan : JSON.stringify(plan)], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await h.app.request('/api/plans', { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as any };
}

async function get(h: Harness, path: string, token = SYT) {
  const res = await h.app.request(path, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as any };
}

describe('POST /api/plans: Sở Nội vụ registers a plan', () => {
  it('a dry run checks and writes nothing; the commit makes a plan batch with its report and a snapshot; the same file again answers with that batch', async () => {
    const h = await open();
    const before = await h.dump();
    const dry = await postPlan(h, nextPlan(), { dry_run: '1' });
    expect(dry.status).toBe(200);
    expect(dry.body.status).toBe('dry_run');
    expect(dry.body.counts).toEqual({ total: 3, accepted: 3, refused: 0 });
    expect(dry.body.summary.movements.map((m: any) => m.number)).toEqual([1, 2]);
    expect(await h.dump()).toBe(before);

    const done = await postPlan(h, nextPlan());
    expect(done.status).toBe(201);
    expect(done.body.status).toBe('committed');
    const [batch] = await queryRows(
      h.db.connection,
      'SELECT kind, agency_code, year, submitted_by, file_name, rows_total, rows_accepted, status FROM ingest_batches WHERE id = $id',
      { id: done.body.batchId },
    );
    expect(batch).toEqual({
      kind: 'plan',
      agency_code: null,
      year: 2026,
      submitted_by: 'Sở Nội vụ',
      file_name: 'ke-hoach-15.json',
      rows_total: 3,
      rows_accepted: 3,
      status: 'committed',
    });
    expect(await h.count(`SELECT count(*) FROM ingest_batch_reports WHERE batch_id = ${Number(done.body.batchId)}`)).toBe(1);
    const [plan] = await queryRows(h.db.connection, "SELECT first_year, last_year, batch_id FROM plans WHERE code = '15/KH-UBND'");
    expect(plan).toEqual({ first_year: 2026, last_year: 2030, batch_id: done.body.batchId });
    // New movement keys follow the keys already registered (Plan 90's).
    const keys = done.body.summary.movements.map((m: any) => m.key);
    const [{ max90 }] = (await queryRows(h.db.connection, "SELECT max(no) AS max90 FROM movements WHERE plan_code = '90/KH-UBND'")) as any;
    expect(keys).toEqual([Number(max90) + 1, Number(max90) + 2]);
    expect(readCurrentManifest(h.dir)?.version).toBe(done.body.snapshotVersion);

    const again = await postPlan(h, nextPlan(), {}, SNV, 'ke-hoach-15-gui-lai.json');
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('unchanged');
    expect(again.body.batchId).toBe(done.body.batchId);
    expect(await h.count("SELECT count(*) FROM ingest_batches WHERE kind = 'plan'")).toBe(1);
  });

  it("a new version of the plan keeps its movements' keys by number, gets a new batch and supersedes the first", async () => {
    const h = await open();
    const first = await postPlan(h, nextPlan());
    expect(first.status).toBe(201);
    const v2 = nextPlan();
    v2.movements = [
      ...v2.movements,
      {
        no: 3,
        name: 'Nông dân sản xuất kinh doanh giỏi giai đoạn mới',
        shortName: 'Nông dân giỏi',
        parts: [],
        leadAgency: 'HND',
        assignment: 'de_nghi',
        households: true,
        aliases: [],
      },
    ];
    v2.movements[1] = { ...v2.movements[1]!, shortName: 'Y tế' };
    const second = await postPlan(h, v2, {}, SNV, 'ke-hoach-15-v2.json');
    expect(second.status).toBe(201);
    expect(second.body.batchId).not.toBe(first.body.batchId);
    const keysOf = (body: any) => Object.fromEntries(body.summary.movements.map((m: any) => [m.number, m.key]));
    expect(keysOf(second.body)[1]).toBe(keysOf(first.body)[1]);
    expect(keysOf(second.body)[2]).toBe(keysOf(first.body)[2]);
    expect(keysOf(second.body)[3]).toBe(Math.max(...Object.values(keysOf(first.body)).map(Number)) + 1);
    const rows = await queryRows(h.db.connection, "SELECT id, status, superseded_by FROM ingest_batches WHERE kind = 'plan' ORDER BY id");
    expect(rows).toEqual([
      { id: first.body.batchId, status: 'superseded', superseded_by: second.body.batchId },
      { id: second.body.batchId, status: 'committed', superseded_by: null },
    ]);
    expect(await h.count("SELECT count(*) FROM movements WHERE plan_code = '15/KH-UBND'")).toBe(3);
  });

  it("refuses a file with a duplicate movement number, an unknown lead agency or a period overlapping the province's plan, naming path, row, field and value; nothing is written", async () => {
    const h = await open();
    const before = await h.dump();

    const duplicate = nextPlan();
    duplicate.movements[1] = { ...duplicate.movements[1]!, no: 1 };
    const dup = await postPlan(h, duplicate);
    expect(dup.status).toBe(422);
    expect(dup.body.status).toBe('rows_refused');
    expect(dup.body.counts).toEqual({ total: 3, accepted: 0, refused: 1 });
    expect(dup.body.problems).toContainEqual(
      expect.objectContaining({ path: 'movements', row: 2, field: 'no', value: '1', code: 'DUPLICATE' }),
    );
    expect(dup.body.problems[0].message).toMatch(/Số phong trào/);

    const unknownLead = nextPlan();
    unknownLead.movements[1] = { ...unknownLead.movements[1]!, leadAgency: 'SO_KHONG_CO' };
    const lead = await postPlan(h, unknownLead);
    expect(lead.status).toBe(422);
    expect(lead.body.problems).toEqual([
      expect.objectContaining({
        file: 'ke-hoach-15.json',
        path: 'movements',
        row: 2,
        field: 'leadAgency',
        value: 'SO_KHONG_CO',
        code: 'AGENCY_UNKNOWN',
      }),
    ]);
    expect(lead.body.problems[0].message).toMatch(/Cơ quan chủ trì/);

    const overlap = await postPlan(h, nextPlan({ firstYear: 2024, lastYear: 2028 }));
    expect(overlap.status).toBe(422);
    expect(overlap.body.problems).toEqual([
      expect.objectContaining({ path: '', row: 0, field: 'firstYear', value: '2024–2028', code: 'PERIOD_OVERLAPS' }),
    ]);
    expect(overlap.body.problems[0].message).toMatch(/90\/KH-UBND/);
    expect(overlap.body.message).toMatch(/chưa được đăng ký/);

    // The same refusals in a dry run, and still nothing written.
    expect((await postPlan(h, duplicate, { dry_run: '1' })).status).toBe(422);
    expect(await h.dump()).toBe(before);
  });

  it('answers 400 for a file that is not JSON and 403 for an agency token, in Vietnamese', async () => {
    const h = await open();
    const notJson = await postPlan(h, 'Mã,Tên\n1,2\n');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('FILE_NOT_JSON');
    expect(notJson.body.error.message).toMatch(/JSON/);
    const forbidden = await postPlan(h, nextPlan(), {}, SYT);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(/Chỉ Sở Nội vụ/);
    const tooLarge = await postPlan(h, `{"format":"ke-hoach/1","title":"${'x'.repeat(4 * 1048576)}"}`);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('FILE_TOO_LARGE');
    expect(await h.count("SELECT count(*) FROM plans WHERE code = '15/KH-UBND'")).toBe(0);
  });

  it('lists the registered plans and returns one as registered to any valid token', async () => {
    const h = await open();
    const done = await postPlan(h, nextPlan());
    const list = await get(h, '/api/plans');
    expect(list.status).toBe(200);
    const codes = list.body.plans.map((p: any) => p.code);
    expect(codes).toEqual(['15/KH-UBND', '90/KH-UBND']);
    expect(list.body.plans[0]).toMatchObject({ province: 'HY', firstYear: 2026, lastYear: 2030, movements: 2, batchId: done.body.batchId });
    expect(list.body.plans[1]).toMatchObject({ firstYear: 2021, lastYear: 2025, movements: 20, batchId: null });

    const one = await get(h, `/api/plans/${encodeURIComponent('15/KH-UBND')}`);
    expect(one.status).toBe(200);
    expect(one.body.plan).toEqual(nextPlan());
    expect(one.body.movementKeys.map((k: any) => k.number)).toEqual([1, 2]);
    expect((await get(h, '/api/plans/15/KH-UBND')).body.plan.code).toBe('15/KH-UBND');
    const missing = await get(h, '/api/plans/99%2FKH-UBND');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('PLAN_NOT_FOUND');
    expect((await h.app.request('/api/plans')).status).toBe(401);
  });
});
