// Section V on hand-built data: each agency's exemplars ranked by the number of years
// recognised as an advanced exemplar, high to low, until its seats are used up. Answers are
// read from the reporting service in-process, as the dashboard reads them (Arrow IPC).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { Hono } from 'hono';
import { openDatabase, type Database } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { publishSnapshot } from '../ingest/store/publishSnapshot.ts';
import { viewerApp } from './queries-viewer.ts';
import { SnapshotSource } from '../dashboard/server/snapshotSource.ts';

/*
 * SYT    2 seats  A 2021–2025 (5) · B 2021–2024 (4) · C 2023–2025 (3) · J Bằng khen only  → clear cut-off after B
 * SGDDT  2 seats  D (4) · E (3) · F (3) · G (1)                                          → E, F tied at the cut-off
 * SCT    3 seats  H (2)                                                                   → fewer candidates than seats
 * STP    no allocation  I (1)                                                             → not allocated
 */
const SQL = `
INSERT INTO ingest_batches (id, kind, agency_code, year, submitted_by, received_at, file_name, file_sha256, rows_total, rows_accepted, rows_refused, rows_ignored, status, superseded_by) VALUES
  (1, 'recognitions', NULL, NULL, 'snv', TIMESTAMP '2025-05-01 09:00:00', 'ds.xlsx', 'h1', 0, 0, 0, 0, 'committed', NULL),
  (2, 'allocations', NULL, NULL, 'snv', TIMESTAMP '2025-06-01 09:00:00', 'phanbo.xlsx', 'h2', 3, 3, 0, 0, 'committed', NULL);
INSERT INTO exemplars (id, code, name, name_key, unit, unit_key, kind, category, agency_code, movement_no, stage, plan_code, first_batch_id) VALUES
  (1, 'A', 'Nguyễn Thị An', fold_key('Nguyễn Thị An'), '', '', 'ca_nhan', 'dien_hinh_tien_tien', 'SYT', 3, 'nhan_rong', '90/KH-UBND', 1),
  (2, 'B', 'Khoa Nhi, Bệnh viện tỉnh', fold_key('Khoa Nhi, Bệnh viện tỉnh'), '', '', 'tap_the', 'dien_hinh_tien_tien', 'SYT', 3, 'tong_ket', '90/KH-UBND', 1),
  (3, 'C', 'Trần Văn Cảnh', fold_key('Trần Văn Cảnh'), '', '', 'ca_nhan', 'dien_hinh_tien_tien', 'SYT', 3, 'boi_duong', '90/KH-UBND', 1),
  (10, 'J', 'Lê Thị Giang', fold_key('Lê Thị Giang'), '', '', 'ca_nhan', 'dien_hinh_tien_tien', 'SYT', 3, 'phat_hien', '90/KH-UBND', 1),
  (4, 'D', 'Trường THPT Chuyên Hưng Yên', fold_key('Trường THPT Chuyên Hưng Yên'), '', '', 'tap_the', 'dien_hinh_tien_tien', 'SGDDT', 15, 'nhan_rong', '90/KH-UBND', 1),
  (5, 'E', 'Đỗ Minh Đức', fold_key('Đỗ Minh Đức'), '', '', 'ca_nhan', 'dien_hinh_tien_tien', 'SGDDT', 15, 'tong_ket', '90/KH-UBND', 1),
  (6, 'F', 'Bùi Thu Hà', fold_key('Bùi Thu Hà'), '', '', 'ca_nhan', 'dien_hinh_tien_tien', 'SGDDT', 15, 'tong_ket', '90/KH-UBND', 1),
  (7, 'G', 'Vũ Văn Giáp', fold_key('Vũ Văn Giáp'), '', '', 'ca_nhan', 'dien_hinh_tien_tien', 'SGDDT', 15, 'phat_hien', '90/KH-UBND', 1),
  (8, 'H', 'Hộ bà Phạm Thị Hồng', fold_key('Hộ bà Phạm Thị Hồng'), '', '', 'ho_gia_dinh', 'dien_hinh_tien_tien', 'SCT', 8, 'boi_duong', '90/KH-UBND', 1),
  (9, 'I', 'Phòng Tư pháp huyện', fold_key('Phòng Tư pháp huyện'), '', '', 'tap_the', 'dien_hinh_tien_tien', 'STP', 10, 'phat_hien', '90/KH-UBND', 1);
INSERT INTO recognitions (exemplar_id, year, form, decision_no, decision_date, batch_id)
SELECT exemplar_id, year, form, '', NULL, 1 FROM (VALUES
  (1, 2021, 'cong_nhan_dhtt'), (1, 2022, 'cong_nhan_dhtt'), (1, 2023, 'cong_nhan_dhtt'), (1, 2024, 'cong_nhan_dhtt'), (1, 2025, 'cong_nhan_dhtt'), (1, 2025, 'bang_khen_ubnd'),
  (2, 2021, 'cong_nhan_dhtt'), (2, 2022, 'cong_nhan_dhtt'), (2, 2023, 'cong_nhan_dhtt'), (2, 2024, 'cong_nhan_dhtt'),
  (3, 2023, 'cong_nhan_dhtt'), (3, 2024, 'cong_nhan_dhtt'), (3, 2025, 'cong_nhan_dhtt'),
  (10, 2022, 'bang_khen_ubnd'), (10, 2023, 'bang_khen_ubnd'), (10, 2024, 'bang_khen_ubnd'), (10, 2025, 'bang_khen_ubnd'),
  (4, 2021, 'cong_nhan_dhtt'), (4, 2022, 'cong_nhan_dhtt'), (4, 2024, 'cong_nhan_dhtt'), (4, 2025, 'cong_nhan_dhtt'),
  (5, 2021, 'cong_nhan_dhtt'), (5, 2023, 'cong_nhan_dhtt'), (5, 2025, 'cong_nhan_dhtt'),
  (6, 2022, 'cong_nhan_dhtt'), (6, 2023, 'cong_nhan_dhtt'), (6, 2024, 'cong_nhan_dhtt'),
  (7, 2025, 'cong_nhan_dhtt'),
  (8, 2023, 'cong_nhan_dhtt'), (8, 2024, 'cong_nhan_dhtt'),
  (9, 2022, 'cong_nhan_dhtt')
) t(exemplar_id, year, form);
INSERT INTO delegate_allocations (batch_id, congress_code, agency_code, seats) VALUES (2, 'HY-X', 'SYT', 2), (2, 'HY-X', 'SGDDT', 2), (2, 'HY-X', 'SCT', 3);
`;

let db: Database;
let snapshots: SnapshotSource;
let app: Hono;
type Row = Record<string, unknown>;

/** A named query's answer decoded from Arrow IPC, as the dashboard decodes it. */
async function arrowRows(name: string, params: Record<string, string> = {}): Promise<Row[]> {
  const res = await app.request(`/api/queries/${name}?${new URLSearchParams(params)}`);
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toContain('arrow');
  return tableFromIPC(new Uint8Array(await res.arrayBuffer()))
    .toArray()
    .map((r) => r.toJSON() as Row);
}
const pick = (list: Row[], keys: string[]) => list.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])));

let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'congress-'));
  const dbPath = join(dataDir, 'exemplars.duckdb');
  db = await openDatabase(dbPath);
  await migrate(db.connection);
  await db.connection.run(SQL);
  await publishSnapshot(db.connection, dbPath, dataDir);
  snapshots = new SnapshotSource(dataDir, { log: () => {} });
  await snapshots.start();
  app = viewerApp({ snapshots, log: () => {} });
});
afterAll(async () => {
  await snapshots.stop();
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Section V delegate rule on hand-built data', () => {
  it('draws a clear cut-off: the two most recognised take the two seats; Bằng khen alone does not count', async () => {
    const list = await arrowRows('congress_delegates_by_agency', { agency: 'SYT' });
    expect(pick(list, ['exemplar_code', 'times_recognised', 'rank', 'status'])).toEqual([
      { exemplar_code: 'A', times_recognised: 5, rank: 1, status: 'trong_phan_bo' },
      { exemplar_code: 'B', times_recognised: 4, rank: 2, status: 'trong_phan_bo' },
      { exemplar_code: 'C', times_recognised: 3, rank: 3, status: 'ngoai_phan_bo' },
    ]);
    expect(list.every((r) => r.seats === 2 && r.candidates === 3 && r.cutoff_times === 4)).toBe(true);
  });

  it('lists an exemplar recognised in all five years with those years', async () => {
    const [a] = await arrowRows('congress_delegates_by_agency', { agency: 'SYT' });
    expect(a).toMatchObject({ name: 'Nguyễn Thị An', times_recognised: 5, recognition_years: '2021, 2022, 2023, 2024, 2025', tie_size: 1 });
  });

  it('marks the exemplars tied at the cut-off for the council, and says how many seats they share', async () => {
    const list = await arrowRows('congress_delegates_by_agency', { agency: 'SGDDT' });
    expect(pick(list, ['exemplar_code', 'times_recognised', 'rank', 'tie_size', 'status'])).toEqual([
      { exemplar_code: 'D', times_recognised: 4, rank: 1, tie_size: 1, status: 'trong_phan_bo' },
      { exemplar_code: 'F', times_recognised: 3, rank: 2, tie_size: 2, status: 'hoa_o_nguong' },
      { exemplar_code: 'E', times_recognised: 3, rank: 2, tie_size: 2, status: 'hoa_o_nguong' },
      { exemplar_code: 'G', times_recognised: 1, rank: 4, tie_size: 1, status: 'ngoai_phan_bo' },
    ]);
    expect(list[1]!.status_label).toBe('Bằng số lần ở ngưỡng: Hội đồng quyết định');
    const [summary] = await arrowRows('congress_delegate_summary_by_agency', { agency: 'SGDDT' });
    expect(summary).toMatchObject({
      seats: 2,
      candidates: 4,
      within_seats: 1,
      tied_at_cutoff: 2,
      seats_for_tied: 1,
      seats_unfilled: 0,
      cutoff_times: 3,
      fewer_candidates_than_seats: false,
    });
  });

  it('shows an agency with fewer candidates than seats and its empty seats', async () => {
    const list = await arrowRows('congress_delegates_by_agency', { agency: 'SCT' });
    expect(pick(list, ['exemplar_code', 'rank', 'status', 'seats', 'seats_unfilled'])).toEqual([
      { exemplar_code: 'H', rank: 1, status: 'trong_phan_bo', seats: 3, seats_unfilled: 2 },
    ]);
    const [summary] = await arrowRows('congress_delegate_summary_by_agency', { agency: 'SCT' });
    expect(summary).toMatchObject({ seats: 3, candidates: 1, within_seats: 1, seats_unfilled: 2, fewer_candidates_than_seats: true });
  });

  it('shows an agency without an allocation: candidates ranked, none placed', async () => {
    const list = await arrowRows('congress_delegates_by_agency', { agency: 'STP' });
    expect(pick(list, ['exemplar_code', 'rank', 'status', 'seats'])).toEqual([
      { exemplar_code: 'I', rank: 1, status: 'chua_phan_bo', seats: null },
    ]);
    const [summary] = await arrowRows('congress_delegate_summary_by_agency', { agency: 'STP' });
    expect(summary).toMatchObject({ seats: null, candidates: 1, within_seats: 0, tied_at_cutoff: 0, seats_unfilled: null });
  });

  it('totals the proposed delegates province-wide by kind and by movement', async () => {
    expect(
      pick(await arrowRows('congress_delegate_totals_by_kind'), ['kind', 'within_seats', 'tied_at_cutoff', 'proposed', 'candidates']),
    ).toEqual([
      { kind: 'tap_the', within_seats: 2, tied_at_cutoff: 0, proposed: 2, candidates: 3 }, // B, D; I not allocated
      { kind: 'ca_nhan', within_seats: 1, tied_at_cutoff: 2, proposed: 3, candidates: 5 }, // A; E, F; C, G below
      { kind: 'ho_gia_dinh', within_seats: 1, tied_at_cutoff: 0, proposed: 1, candidates: 1 }, // H
    ]);
    const byMovement = await arrowRows('congress_delegate_totals_by_movement');
    expect(byMovement).toHaveLength(20);
    expect(
      pick(
        byMovement.filter((r) => (r.candidates as number) > 0),
        ['movement_no', 'within_seats', 'tied_at_cutoff', 'candidates'],
      ),
    ).toEqual([
      { movement_no: 3, within_seats: 2, tied_at_cutoff: 0, candidates: 3 },
      { movement_no: 8, within_seats: 1, tied_at_cutoff: 0, candidates: 1 },
      { movement_no: 10, within_seats: 0, tied_at_cutoff: 0, candidates: 1 },
      { movement_no: 15, within_seats: 1, tied_at_cutoff: 2, candidates: 4 },
    ]);
  });
});
