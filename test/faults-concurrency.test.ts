import { afterEach, describe, expect, it } from 'vitest';
import { queryRows } from '../ingest/store/database.ts';
import { readCurrentManifest } from '../contracts/snapshotProtocol.ts';
import { readRowCounts } from '../contracts/rowCounts.ts';
import { faultHarness, listFile, removeDir, type FaultHarness, type ListFile } from './faults-helpers.ts';

// Concurrency (one write queue: docs/architecture.md#one-writer-per-data-folder): 20 clients upload at once for different agencies and re-upload
// the same agency-year; the final state must equal some serial order of them, and no answer
// may be anything but success or a clear conflict/queue refusal.

/** 9 agencies with one list each, 3 agency-years with 3 different lists each, 1 list sent twice = 20. */
function twentyUploads(): ListFile[] {
  const single = ['SYT', 'STC', 'SGDDT', 'SVHTTDL', 'SCT', 'SXD', 'STP', 'CAT', 'MTTQ'].map((a, i) => listFile(a, 'v1', 3 + i));
  const contested = ['SNV', 'STNMT', 'SGTVT'].flatMap((a) => [listFile(a, 'v1', 4), listFile(a, 'v2', 6), listFile(a, 'v3', 5)]);
  const twice = listFile('VPUBND', 'v1', 7);
  return [...single, ...contested, twice, { ...twice, name: 'VPUBND_2023_v1 (1).csv' }];
}

async function send(h: FaultHarness, u: ListFile) {
  return h.upload({ name: u.name, bytes: u.bytes }, { agency: u.agency, year: u.year });
}

/** What a reader of the database sees, without ids or times: comparable across databases. */
async function visibleState(h: FaultHarness) {
  const batches = await queryRows(
    h.db.connection,
    `SELECT b.agency_code, b.year, b.file_name, b.status, b.rows_accepted,
            (SELECT s.file_name FROM ingest_batches s WHERE s.id = b.superseded_by) AS superseded_by_file
     FROM ingest_batches b ORDER BY b.id`,
  );
  const current = await queryRows(
    h.db.connection,
    `SELECT b.agency_code, b.file_name, e.name, e.unit, r.year, r.form, r.decision_no
     FROM recognitions r JOIN exemplars e ON e.id = r.exemplar_id JOIN ingest_batches b ON b.id = r.batch_id
     ORDER BY ALL`,
  );
  const history = await queryRows(
    h.db.connection,
    `SELECT b.file_name, count(*)::INTEGER AS n FROM recognitions_history r JOIN ingest_batches b ON b.id = r.batch_id GROUP BY ALL ORDER BY ALL`,
  );
  return { batches, current, history };
}

const open: FaultHarness[] = [];
afterEach(() =>
  open.splice(0).forEach((h) => {
    h.close();
    removeDir(h.dir);
  }),
);

describe('faults: 20 concurrent uploads', () => {
  it('serialise: the final state equals the serial order of the batch ids, and every answer is success', async () => {
    const uploads = twentyUploads();
    const h = await faultHarness();
    open.push(h);

    const answers = await Promise.all(uploads.map((u) => send(h, u)));
    if (answers.some((a) => a.status >= 500)) console.error(h.logs.join('\n'));

    // With the write queue nothing is refused; a refusal would have to be a clear conflict or queue answer.
    for (const a of answers) {
      if (a.status >= 400) expect([409, 429, 503]).toContain(a.status);
      if (a.status >= 400) expect(a.body.error.message).toMatch(/\S/);
    }
    expect(answers.map((a) => a.status).filter((s) => s !== 201 && s !== 200)).toEqual([]);
    // The file sent twice at once: one commit, and the other answer names the same batch.
    const [twiceA, twiceB] = answers.slice(-2);
    expect([twiceA?.status, twiceB?.status].sort()).toEqual([200, 201]);
    expect(twiceA?.body.batchId).toBe(twiceB?.body.batchId);

    // Every committed answer names its own batch; 19 distinct batches were made.
    const committed = answers.filter((a) => a.status === 201);
    expect(committed).toHaveLength(19);
    expect(new Set(committed.map((a) => a.body.batchId)).size).toBe(19);

    // Per agency-year: the current batch is one of the files sent, with exactly that file's rows,
    // and it is the last in commit order; the earlier ones are superseded, rows in history.
    for (const agency of new Set(uploads.map((u) => u.agency))) {
      const sent = uploads.filter((u) => u.agency === agency);
      const batches = await queryRows(
        h.db.connection,
        `SELECT id, file_name, status, superseded_by, rows_accepted FROM ingest_batches WHERE agency_code = $agency ORDER BY id`,
        { agency },
      );
      const current = batches.filter((b) => b.status === 'committed');
      expect(current).toHaveLength(1);
      const file = sent.find((u) => u.name === current[0]!.file_name)!;
      expect(file).toBeDefined();
      expect(current[0]!.id).toBe(batches.at(-1)!.id);
      const names = await queryRows(
        h.db.connection,
        `SELECT e.name FROM recognitions r JOIN exemplars e ON e.id = r.exemplar_id WHERE e.agency_code = $agency ORDER BY e.name`,
        { agency },
      );
      expect(names.map((r) => r.name)).toEqual([...file.people].sort((a, b) => (a < b ? -1 : 1)));
      for (let i = 0; i + 1 < batches.length; i++) {
        expect(batches[i]).toMatchObject({ status: 'superseded', superseded_by: batches[i + 1]!.id });
        expect(await h.count(`SELECT count(*) FROM recognitions_history WHERE batch_id = ${Number(batches[i]!.id)}`)).toBe(
          Number(batches[i]!.rows_accepted),
        );
      }
    }

    // The last published snapshot shows the final state.
    expect(readCurrentManifest(h.dir)?.counts).toEqual(await readRowCounts(h.db.connection));

    // The same files sent one by one, in the order the batches were committed, give the same state.
    const order = await queryRows(h.db.connection, 'SELECT file_name FROM ingest_batches ORDER BY id');
    const serial = await faultHarness();
    open.push(serial);
    for (const { file_name } of order) {
      const u = uploads.find((x) => x.name === file_name)!;
      expect((await send(serial, u)).status).toBe(201);
    }
    expect(await send(serial, uploads.at(-1)!)).toMatchObject({ status: 200, body: { status: 'unchanged' } });
    expect(await visibleState(h)).toEqual(await visibleState(serial));
  });
});
