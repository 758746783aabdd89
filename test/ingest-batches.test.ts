import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../ingest/store/database.ts';
import { pointerPath, readCurrentManifest } from '../contracts/snapshotProtocol.ts';
import { harness, harnessPerTest, csv, HEADER } from './ingest-helpers.ts';

const h = harnessPerTest();
const row = (name: string, unit: string, year = '2023', movement = '15') => [
  '',
  name,
  'Cá nhân',
  unit,
  movement,
  year,
  '1/QĐ',
  '5/6/' + year,
];

describe('ingest: batches', () => {
  it('a re-upload for the same agency and year supersedes the earlier batch; history and exemplars are kept', async () => {
    const x = await h();
    const first = await x.upload({
      name: 'v1.csv',
      bytes: csv([HEADER, row('Lê Thị Mai', 'Trường A'), row('Trần Văn Nam', 'Trường B'), row('Phạm Văn Cường', 'Trường C')]),
    });
    expect(first.status).toBe(201);
    expect(readCurrentManifest(x.dir)?.version).toBe(first.body.snapshotVersion);
    const second = await x.upload({ name: 'v2.csv', bytes: csv([HEADER, row('Lê Thị Mai', 'Trường A'), row('Đỗ Thu Hà', 'Trường D')]) });
    expect(second.status).toBe(201);
    expect(second.body.counts).toMatchObject({ accepted: 2, knownExemplars: 1, newExemplars: 1 });
    const batches = await queryRows(x.db.connection, 'SELECT id, status, superseded_by FROM ingest_batches ORDER BY id');
    expect(batches).toEqual([
      { id: first.body.batchId, status: 'superseded', superseded_by: second.body.batchId },
      { id: second.body.batchId, status: 'committed', superseded_by: null },
    ]);
    expect(await x.count('SELECT count(*) FROM recognitions')).toBe(2);
    expect(await x.count(`SELECT count(*) FROM recognitions_history WHERE batch_id = ${first.body.batchId}`)).toBe(3);
    expect(await x.count('SELECT count(*) FROM exemplars')).toBe(4);
    // Another year of the same agency is a separate list and supersedes nothing.
    const y2024 = await x.upload({ name: '2024.csv', bytes: csv([HEADER, row('Lê Thị Mai', 'Trường A', '2024')]) });
    expect(y2024.status).toBe(201);
    expect(await x.count(`SELECT count(*) FROM ingest_batches WHERE status = 'committed'`)).toBe(2);
    expect(
      await queryRows(
        x.db.connection,
        `SELECT e.name, count(*)::INTEGER AS times FROM recognitions r JOIN exemplars e ON e.id = r.exemplar_id GROUP BY ALL ORDER BY times DESC, name`,
      ),
    ).toEqual([
      { name: 'Lê Thị Mai', times: 2 },
      { name: 'Đỗ Thu Hà', times: 1 },
    ]);
  });

  it('an identical re-upload changes nothing and answers with the existing batch', async () => {
    const x = await h();
    const file = { name: 'ds.csv', bytes: csv([HEADER, row('Lê Thị Mai', 'Trường A')]) };
    const first = await x.upload(file);
    const before = await x.dump();
    const again = await x.upload({ ...file, name: 'ds (1).csv' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'unchanged', batchId: first.body.batchId, sha256: first.body.sha256 });
    expect(await x.dump()).toBe(before);
  });

  it('a dry run reports and commits nothing', async () => {
    const x = await h();
    const before = await x.dump();
    const res = await x.upload(
      { name: 'ds.csv', bytes: csv([HEADER, row('Lê Thị Mai', 'Trường A'), row('', 'Trường B')]) },
      { dry_run: '1' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'dry_run', batchId: null, counts: { accepted: 1, refused: 1 } });
    expect(await x.dump()).toBe(before);
  });

  it('the same person in two units is two exemplars; one spelled differently is listed for review, not merged', async () => {
    const x = await h();
    await x.upload({
      name: '2022.csv',
      bytes: csv([HEADER, row('Nguyễn Văn Hùng', 'Trường A', '2022'), row('Nguyễn Thị Lan', 'Trường B', '2022')]),
    });
    const res = await x.upload({
      name: '2023.csv',
      bytes: csv([HEADER, row('Nguyễn Văn Hùng', 'Trường C'), row('Nguyễn Văn Hưng', 'Trường A'), row('Nguyễn Thị Lann', 'Trường B')]),
    });
    expect(res.status).toBe(201);
    expect(
      res.body.nearMatches.map((n: { row: number; reason: string; existing: { name: string } }) => [n.row, n.reason, n.existing.name]),
    ).toEqual([
      [3, 'same_key_other_spelling', 'Nguyễn Văn Hùng'],
      [4, 'similar_name', 'Nguyễn Thị Lan'],
    ]);
    // Diacritics tell Vietnamese names apart: Hưng A is not Hùng A (test/ingest-identity.test.ts).
    expect(await x.count('SELECT count(*) FROM exemplars')).toBe(5); // Hùng A, Lan B, Hùng C, Hưng A, Lann B
  });

  it('tokens: 401 without or with a bad, expired or revoked token; 403 for another agency; SNV may write any', async () => {
    const x = await h();
    const file = { name: 'ds.csv', bytes: csv([HEADER, row('Lê Thị Mai', 'Trường A')]) };
    for (const token of ['', 'nope-nope-nope-nope', 'token-expired-01234567', 'token-revoked-01234567']) {
      const res = await x.upload(file, {}, token);
      expect(res.status, token).toBe(401);
    }
    const other = await x.upload(file, { agency: 'SYT' });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('AGENCY_FORBIDDEN');
    expect(await x.count('SELECT count(*) FROM ingest_batches')).toBe(0);
    const snvNoAgency = await x.upload(file, {}, 'token-snv-0123456789ab');
    expect(snvNoAgency.body.error.code).toBe('AGENCY_REQUIRED');
    const snv = await x.upload(file, { agency: 'Sở Y tế tỉnh Hưng Yên' }, 'token-snv-0123456789ab');
    expect(snv.status).toBe(201);
    expect(snv.body.agency).toBe('SYT');
  });

  it('lists and shows batches to tokens of their agency only', async () => {
    const x = await h();
    const mine = await x.upload({ name: 'gd.csv', bytes: csv([HEADER, row('Lê Thị Mai', 'Trường A')]) });
    const theirs = await x.upload(
      { name: 'yt.csv', bytes: csv([HEADER, row('Bác sĩ B', 'Bệnh viện', '2023', '3')]) },
      {},
      'token-syt-0123456789ab',
    );
    const get = (path: string, token: string) => x.app.request(path, { headers: { Authorization: `Bearer ${token}` } });
    const list = await (await get('/api/batches', 'token-sgddt-0123456789')).json();
    expect(list.batches.map((b: { id: number }) => b.id)).toEqual([mine.body.batchId]);
    expect(list.batches[0]).toMatchObject({
      agency_code: 'SGDDT',
      submitted_by: 'Sở GD&ĐT',
      file_name: 'gd.csv',
      file_sha256: mine.body.sha256,
      rows_accepted: 1,
      status: 'committed',
    });
    expect((await get(`/api/batches/${theirs.body.batchId}`, 'token-sgddt-0123456789')).status).toBe(404);
    const one = await (await get(`/api/batches/${theirs.body.batchId}`, 'token-snv-0123456789ab')).json();
    expect(one.batch).toMatchObject({ id: theirs.body.batchId, recognitions_current: 1 });
    expect(one.report.counts.accepted).toBe(1);
    expect((await x.app.request('/api/batches')).status).toBe(401);
  });

  it('serialises concurrent uploads: both commit, in order', async () => {
    const x = await h();
    const [a, b] = await Promise.all([
      x.upload({ name: 'a.csv', bytes: csv([HEADER, row('Lê Thị Mai', 'Trường A', '2022')]) }),
      x.upload({ name: 'b.csv', bytes: csv([HEADER, row('Lê Thị Mai', 'Trường A', '2023')]) }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await x.count('SELECT count(*) FROM recognitions')).toBe(2);
    expect(existsSync(pointerPath(x.dir))).toBe(true);
  });

  it('never leaks internals in a 500', async () => {
    const x = await h();
    await x.db.connection.run('DROP TABLE ingest_batch_reports'); // break the commit step
    const before = await x.dump();
    const res = await x.upload({ name: 'ds.csv', bytes: csv([HEADER, row('Lê Thị Mai', 'Trường A')]) });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL', message: expect.stringContaining('dữ liệu không thay đổi') } });
    expect(await x.dump()).toBe(before);
  });
});

describe('browser access from the dashboard', () => {
  it('answers the CORS preflight for the configured dashboard origin only', async () => {
    const h = await harness();
    try {
      const ok = await h.app.request('/api/uploads', {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://localhost:8788',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization',
        },
      });
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:8788');
      expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      const other = await h.app.request('/api/uploads', {
        method: 'OPTIONS',
        headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      h.close();
    }
  });
});
