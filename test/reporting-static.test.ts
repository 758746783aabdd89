import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReportingApp } from '../dashboard/server/app.ts';
import { SnapshotSource } from '../dashboard/server/snapshotSource.ts';
import { buildFixture, type Fixture } from './queries-fixture.ts';

let fixture: Fixture;
let snapshots: SnapshotSource;
let built: string;

beforeAll(async () => {
  fixture = await buildFixture();
  snapshots = new SnapshotSource(fixture.dataDir, { log: () => {} });
  await snapshots.start();
  built = mkdtempSync(join(tmpdir(), 'reporting-dist-'));
  mkdirSync(join(built, 'assets'));
  writeFileSync(join(built, 'index.html'), '<!doctype html><title>Điển hình tiên tiến</title>');
  writeFileSync(join(built, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(fixture.dataDir, 'secret.txt'), 'do not serve');
});
afterAll(async () => {
  await snapshots.stop();
  fixture.close();
  rmSync(built, { recursive: true, force: true });
});

describe('the built dashboard', () => {
  it('serves files, falls back to index.html for app routes, and stamps the snapshot', async () => {
    const app = createReportingApp({ snapshots, staticDir: built });
    const asset = await app.request('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const route = await app.request('/phong-trao/3?year_from=2022');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Điển hình tiên tiến');
    expect(route.headers.get('x-snapshot-version')).toBe('1');
  });

  it('never serves a file outside the build folder', async () => {
    const app = createReportingApp({ snapshots, staticDir: built });
    for (const path of ['/../secret.txt', '/%2e%2e/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await app.request(path);
      expect(await res.text(), path).not.toContain('do not serve');
    }
  });

  it('says in Vietnamese when the dashboard is not built', async () => {
    const app = createReportingApp({ snapshots, staticDir: join(built, 'missing') });
    const res = await app.request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Bảng điều khiển chưa được dựng');
    expect((await app.request('/api/nothing')).status).toBe(404);
  });
});
