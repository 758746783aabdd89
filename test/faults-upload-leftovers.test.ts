import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UPLOADS_WORK_DIR } from '../ingest/store/uploadWorkDir.ts';
import { freePort, killHard, startService, stopService, waitForHealth, type ServiceProcess } from '../testing/serviceProcess.ts';
import { faultHarness, listFile, removeDir, type FaultHarness } from './faults-helpers.ts';

// Uploads' work folder (docs/architecture.md#one-writer-per-data-folder): every crash left hy-upload-*/upload in the system temp folder, a copy of a
// clerk's list with people's names (42 folders after probing). Uploads now work in the data
// folder's tmp/, emptied after every upload and, after a crash, at the next start.
const TOKEN = 'leftovers-snv-token-0123456789';
const harnesses: FaultHarness[] = [];
const services: ServiceProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const s of services) await stopService(s);
  for (const h of harnesses) h.close();
  for (const d of dirs) removeDir(d);
});

const workFolders = (dataDir: string) => (existsSync(join(dataDir, UPLOADS_WORK_DIR)) ? readdirSync(join(dataDir, UPLOADS_WORK_DIR)) : []);
const legacyInSystemTemp = () => readdirSync(tmpdir()).filter((n) => /^hy-(upload|ingest)-/.test(n));

describe('faults: no copy of an upload is left behind', () => {
  it('leaves nothing after a commit, a refused list, a refused file and a dry run', async () => {
    const h = await faultHarness();
    harnesses.push(h);
    dirs.push(h.dir);
    const legacyBefore = legacyInSystemTemp();
    expect((await h.upload(listFile('SYT', 'ok', 3), { agency: 'SYT', year: '2023' })).status).toBe(201);
    expect(workFolders(h.dir)).toEqual([]);
    const bad = listFile('SYT', 'bad', 3);
    expect(
      (await h.upload({ name: bad.name, bytes: bad.bytes.replace(/Cá nhân/g, 'Không rõ') }, { agency: 'SYT', year: '2023' })).status,
    ).toBe(422);
    expect((await h.upload({ name: 'x.pdf', bytes: '%PDF-1.4 not a list' }, { agency: 'SYT' })).status).toBe(415);
    expect((await h.upload(listFile('STC', 'dry', 3), { agency: 'STC', year: '2023', dry_run: '1' })).status).toBe(200);
    expect(workFolders(h.dir)).toEqual([]);
    // And nothing new in the system temp folder.
    expect(legacyInSystemTemp().filter((n) => !legacyBefore.includes(n))).toEqual([]);
  });

  it('removes at start what a SIGKILL in the middle of an upload left, and old folders of earlier versions in the system temp folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hy-leftovers-'));
    dirs.push(dataDir);
    const tokens = join(dataDir, 'tokens.json');
    writeFileSync(tokens, JSON.stringify([{ label: 'Sở Nội vụ', token: TOKEN, agency: '*' }]));
    const port = await freePort();
    const env = { DATA_DIR: dataDir, INGEST_PORT: String(port), INGEST_TOKENS_FILE: tokens, INGEST_TRACE_PHASES: '1' };
    const first = startService('ingest', 'ingest/server/main.ts', port, env);
    services.push(first);
    await waitForHealth(first);

    // A list big enough to be caught while it is validated.
    const file = listFile('SYT', 'big', 40_000);
    const form = new FormData();
    form.set('file', new File([file.bytes], file.name));
    form.set('agency', 'SYT');
    form.set('year', file.year);
    const validating = new Promise<void>((resolve) => (first.onLine = (line) => /phase validate$/.test(line) && resolve()));
    const sent = fetch(`${first.url}/api/uploads`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${TOKEN}` } }).then(
      (res) => res.status,
      () => 'cut off',
    );
    await validating;
    await killHard(first);
    expect(await sent).toBe('cut off');
    const left = workFolders(dataDir);
    expect(left.length).toBeGreaterThan(0);
    expect(left.some((name) => existsSync(join(dataDir, UPLOADS_WORK_DIR, name, 'upload')))).toBe(true);

    // A folder of an earlier version in the system temp folder, two hours old.
    const legacy = join(tmpdir(), `hy-upload-leftover-test-${process.pid}`);
    mkdirSync(legacy);
    writeFileSync(join(legacy, 'upload'), 'STT,Tên\n1,Nguyễn Văn A\n');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(legacy, twoHoursAgo, twoHoursAgo);

    const second = startService('ingest', 'ingest/server/main.ts', port, env);
    services.push(second);
    await waitForHealth(second);
    expect(workFolders(dataDir)).toEqual([]);
    expect(existsSync(legacy)).toBe(false);
    expect(second.lines.join('\n')).toMatch(
      /start: removed \d+ upload folder\(s\) left by an interrupted upload: .*tmp\/upload-.*hy-upload-leftover-test-/,
    );
  }, 120_000);
});
