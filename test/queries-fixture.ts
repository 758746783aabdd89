import { mkdtempSync, rmSync } from 'node:fs';
import type { Hono } from 'hono';
import { createReportingApp } from '../dashboard/server/app.ts';
import { asViewer, testAccess } from './queries-viewer.ts';
import { SnapshotSource } from '../dashboard/server/snapshotSource.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { publishSnapshot } from '../ingest/store/publishSnapshot.ts';
import type { SnapshotManifest } from '../contracts/snapshotProtocol.ts';

/**
 * A tiny hand-built data set whose answers are worked out by hand in the tests.
 *
 * Sở Y tế (SYT), movement 3, allocation 3 seats (the newest committed allocation; an older one
 * said 5, a newer superseded one says 10):
 *   E1 Nguyễn Văn An        cá nhân  ĐHTT 2021–2025 (5) + Bằng khen 2025     stage nhan_rong
 *   E2 Trần Thị Bình        cá nhân  ĐHTT 2021–2024 (4)                      tong_ket
 *   E3 Bệnh viện Đa khoa tỉnh tập thể ĐHTT 2022–2024 (3)                     boi_duong
 *   E4 Lê Văn Cường         cá nhân  ĐHTT 2023–2025 (3)   ← E3, E4 tied at the cut-off (seat 3)
 *   E5 Phạm Thị Dung        cá nhân  ĐHTT 2024–2025 (2)
 *   E6 =HYPERLINK("http://x") cá nhân, mô hình mới, ĐHTT 2025 (1)  (a formula-looking name)
 * Sở LĐ-TB&XH (SLDTBXH, merged into SNV in 2025), movement 8, no allocation:
 *   E7 Hộ ông Nguyễn Văn Hải hộ gia đình ĐHTT 2021, 2023 (2)
 *   E8 Trung tâm Bảo trợ xã hội tập thể, nhân tố mới, ĐHTT 2022 (1)
 * Sở Nội vụ (SNV), movement 9, allocation 2 seats:
 *   E9 Đỗ Thị Hoa           cá nhân  ĐHTT 2024 (1) + Bằng khen 2024
 * Sở GD&ĐT (SGDDT): allocation 4 seats, no candidates.
 * Not counted: a recognition of a superseded batch, and a row in recognitions_history.
 * Plans: SYT 2021-08-20 (on time), SNV 2021-08-31 (on the deadline), SLDTBXH 2021-09-15 (15
 * days late), every other agency none. Targets: SYT m3 ca_nhan 8 + tap_the 2; SLDTBXH m8
 * ho_gia_dinh 4; SNV m9 ca_nhan 2.
 */
const SQL = `
INSERT INTO ingest_batches (id, kind, agency_code, year, submitted_by, received_at, file_name, file_sha256, rows_total, rows_accepted, rows_refused, rows_ignored, status, superseded_by) VALUES
  (1, 'recognitions', 'SYT', NULL, 'syt', TIMESTAMP '2025-05-01 09:00:00', 'syt.xlsx', 'h1', 19, 19, 0, 0, 'committed', NULL),
  (2, 'recognitions', 'SLDTBXH', NULL, 'sld', TIMESTAMP '2025-05-02 09:00:00', 'sldtbxh.csv', 'h2', 3, 3, 0, 0, 'committed', NULL),
  (3, 'recognitions', 'SYT', 2021, 'syt', TIMESTAMP '2025-04-01 09:00:00', 'syt-cu.xlsx', 'h3', 2, 2, 0, 0, 'superseded', 1),
  (4, 'recognitions', 'SNV', NULL, 'snv', TIMESTAMP '2025-05-03 09:00:00', 'snv.csv', 'h4', 2, 2, 0, 0, 'committed', NULL),
  (5, 'allocations', NULL, NULL, 'snv', TIMESTAMP '2025-06-01 09:00:00', 'phanbo-1.xlsx', 'h5', 1, 1, 0, 0, 'committed', NULL),
  (6, 'allocations', NULL, NULL, 'snv', TIMESTAMP '2025-06-10 09:00:00', 'phanbo-2.xlsx', 'h6', 3, 3, 0, 0, 'committed', NULL),
  (7, 'allocations', NULL, NULL, 'snv', TIMESTAMP '2025-06-20 09:00:00', 'phanbo-3.xlsx', 'h7', 1, 1, 0, 0, 'superseded', NULL);

INSERT INTO exemplars (id, code, name, name_key, unit, unit_key, kind, category, agency_code, movement_no, stage, first_batch_id, plan_code) VALUES
  (1, 'E1', 'Nguyễn Văn An', fold_key('Nguyễn Văn An'), 'Bệnh viện Đa khoa tỉnh', '', 'ca_nhan', 'dien_hinh_tien_tien', 'SYT', 3, 'nhan_rong', 1, '90/KH-UBND'),
  (2, 'E2', 'Trần Thị Bình', fold_key('Trần Thị Bình'), 'Trung tâm Y tế Văn Lâm', '', 'ca_nhan', 'dien_hinh_tien_tien', 'SYT', 3, 'tong_ket', 1, '90/KH-UBND'),
  (3, 'E3', 'Bệnh viện Đa khoa tỉnh', fold_key('Bệnh viện Đa khoa tỉnh'), '', '', 'tap_the', 'dien_hinh_tien_tien', 'SYT', 3, 'boi_duong', 1, '90/KH-UBND'),
  (4, 'E4', 'Lê Văn Cường', fold_key('Lê Văn Cường'), 'Trạm Y tế xã Lạc Hồng', '', 'ca_nhan', 'dien_hinh_tien_tien', 'SYT', 3, 'phat_hien', 1, '90/KH-UBND'),
  (5, 'E5', 'Phạm Thị Dung', fold_key('Phạm Thị Dung'), '', '', 'ca_nhan', 'dien_hinh_tien_tien', 'SYT', 3, 'phat_hien', 1, '90/KH-UBND'),
  (6, 'E6', '=HYPERLINK("http://x")', fold_key('=HYPERLINK("http://x")'), '+84 221', '', 'ca_nhan', 'mo_hinh_moi', 'SYT', 3, 'phat_hien', 1, '90/KH-UBND'),
  (7, 'E7', 'Hộ ông Nguyễn Văn Hải', fold_key('Hộ ông Nguyễn Văn Hải'), 'xã Tân Tiến', '', 'ho_gia_dinh', 'dien_hinh_tien_tien', 'SLDTBXH', 8, 'phat_hien', 2, '90/KH-UBND'),
  (8, 'E8', 'Trung tâm Bảo trợ xã hội', fold_key('Trung tâm Bảo trợ xã hội'), '', '', 'tap_the', 'nhan_to_moi', 'SLDTBXH', 8, 'phat_hien', 2, '90/KH-UBND'),
  (9, 'E9', 'Đỗ Thị Hoa', fold_key('Đỗ Thị Hoa'), 'Sở Nội vụ', '', 'ca_nhan', 'dien_hinh_tien_tien', 'SNV', 9, 'phat_hien', 4, '90/KH-UBND');

INSERT INTO recognitions (exemplar_id, year, form, decision_no, decision_date, batch_id) VALUES
  (1, 2021, 'cong_nhan_dhtt', '101/QĐ-SYT', DATE '2021-06-11', 1),
  (1, 2022, 'cong_nhan_dhtt', '', NULL, 1), (1, 2023, 'cong_nhan_dhtt', '', NULL, 1),
  (1, 2024, 'cong_nhan_dhtt', '', NULL, 1), (1, 2025, 'cong_nhan_dhtt', '', NULL, 1),
  (1, 2025, 'bang_khen_ubnd', '1234/QĐ-UBND', DATE '2025-06-11', 1),
  (2, 2021, 'cong_nhan_dhtt', '', NULL, 1), (2, 2022, 'cong_nhan_dhtt', '', NULL, 1),
  (2, 2023, 'cong_nhan_dhtt', '', NULL, 1), (2, 2024, 'cong_nhan_dhtt', '', NULL, 1),
  (3, 2022, 'cong_nhan_dhtt', '', NULL, 1), (3, 2023, 'cong_nhan_dhtt', '', NULL, 1), (3, 2024, 'cong_nhan_dhtt', '', NULL, 1),
  (4, 2023, 'cong_nhan_dhtt', '', NULL, 1), (4, 2024, 'cong_nhan_dhtt', '', NULL, 1), (4, 2025, 'cong_nhan_dhtt', '', NULL, 1),
  (5, 2024, 'cong_nhan_dhtt', '', NULL, 1), (5, 2025, 'cong_nhan_dhtt', '', NULL, 1),
  (6, 2025, 'cong_nhan_dhtt', '', NULL, 1),
  (5, 2021, 'cong_nhan_dhtt', 'cu', NULL, 3),
  (7, 2021, 'cong_nhan_dhtt', '', NULL, 2), (7, 2023, 'cong_nhan_dhtt', '', NULL, 2),
  (8, 2022, 'cong_nhan_dhtt', '', NULL, 2),
  (9, 2024, 'cong_nhan_dhtt', '', NULL, 4), (9, 2024, 'bang_khen_ubnd', '', NULL, 4);

INSERT INTO recognitions_history VALUES (9001, 2, 2025, 'cong_nhan_dhtt', 'cu', NULL, 3, NULL, TIMESTAMP '2025-05-01 09:00:00');

INSERT INTO delegate_allocations VALUES (5, 'HY-X', 'SYT', 5), (6, 'HY-X', 'SYT', 3), (6, 'HY-X', 'SNV', 2), (6, 'HY-X', 'SGDDT', 4), (7, 'HY-X', 'SYT', 10);

INSERT INTO agency_plans (plan_code, agency_code, document_no, submitted_on) VALUES
  ('90/KH-UBND', 'SYT', '55/KH-SYT', DATE '2021-08-20'), ('90/KH-UBND', 'SNV', '70/KH-SNV', DATE '2021-08-31'), ('90/KH-UBND', 'SLDTBXH', '12/KH-SLĐTBXH', DATE '2021-09-15');

INSERT INTO plan_targets VALUES ('SYT', 3, 'ca_nhan', 8), ('SYT', 3, 'tap_the', 2), ('SLDTBXH', 8, 'ho_gia_dinh', 4), ('SNV', 9, 'ca_nhan', 2);
`;

export interface Fixture {
  dataDir: string;
  /** Closes the database and removes the data folder (snapshots included). */
  close(): void;
  dbPath: string;
  db: Database;
  publish(): Promise<SnapshotManifest>;
}

/** Migrates a fresh database in a temp dir, loads the rows above and publishes snapshot 1. */
export async function buildFixture(): Promise<Fixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'reporting-'));
  const dbPath = join(dataDir, 'exemplars.duckdb');
  const db = await openDatabase(dbPath);
  await migrate(db.connection);
  await db.connection.run(SQL);
  const fixture: Fixture = {
    dataDir,
    dbPath,
    db,
    publish: () => publishSnapshot(db.connection, dbPath, dataDir),
    close() {
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await fixture.publish();
  return fixture;
}

export interface FixtureService {
  fixture: Fixture;
  snapshots: SnapshotSource;
  /** The app, every request signed in as the province viewer (test/queries-viewer.ts). */
  app: Hono;
  /** The same service without the sign-in: its own routes, and what an anonymous reader gets. */
  raw: Hono;
  stop(): Promise<void>;
}

/** The fixture above served by a real reporting app (in-process, no port), as most suites need it. */
export async function startFixtureService(): Promise<FixtureService> {
  const fixture = await buildFixture();
  const snapshots = new SnapshotSource(fixture.dataDir, { log: () => {} });
  await snapshots.start();
  const raw = createReportingApp({ snapshots, log: () => {}, access: testAccess() });
  return {
    fixture,
    snapshots,
    app: asViewer(raw),
    raw,
    async stop() {
      await snapshots.stop();
      fixture.close();
    },
  };
}
