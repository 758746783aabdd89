import { afterEach, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { AnswerCache, type CachedAnswer } from '../dashboard/server/answerCache.ts';
import { viewerApp } from './queries-viewer.ts';
import { SnapshotSource } from '../dashboard/server/snapshotSource.ts';
import { startReportingServer } from '../dashboard/server/startReportingServer.ts';
import { buildFixture, type Fixture } from './queries-fixture.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(): Promise<{ fixture: Fixture; snapshots: SnapshotSource }> {
  const fixture = await buildFixture();
  const snapshots = new SnapshotSource(fixture.dataDir, { log: () => {}, pollMs: 60_000 });
  await snapshots.start();
  cleanups.push(
    () => fixture.close(),
    () => snapshots.stop(),
  );
  return { fixture, snapshots };
}

/** Counts the queries that really reach DuckDB on the snapshot now answering. */
function countExecutions(snapshots: SnapshotSource): { count: number } {
  const counter = { count: 0 };
  const snapshot = snapshots.current()!;
  const run = snapshot.withConnection.bind(snapshot);
  snapshot.withConnection = (work, signal) => {
    counter.count++;
    return run(work, signal);
  };
  return counter;
}

const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());
const answer = (size: number, fill = 1): CachedAnswer => ({ body: new Uint8Array(size).fill(fill), headers: { 'Content-Type': 'x' } });

describe('answers from the cache are the answers from DuckDB', () => {
  it.each(['arrow', 'csv', 'json'])('%s: the same bytes, hit or miss, cached or not', async (format) => {
    const { snapshots } = await setUp();
    const cached = viewerApp({ snapshots });
    const uncached = viewerApp({ snapshots, cache: null });
    const url = `/api/queries/recognitions_by_movement?year_from=2022&rollup=true&format=${format}`;
    const first = await cached.request(url);
    const second = await cached.request(url);
    const direct = await uncached.request(url);
    expect([first.headers.get('x-cache'), second.headers.get('x-cache'), direct.headers.get('x-cache')]).toEqual(['miss', 'hit', 'off']);
    const [a, b, c] = [await bytes(first), await bytes(second), await bytes(direct)];
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    for (const header of ['content-type', 'content-disposition', 'x-row-count', 'x-snapshot-version', 'x-snapshot-created-at']) {
      expect(second.headers.get(header), header).toBe(direct.headers.get(header));
    }
    if (format === 'arrow') expect(tableFromIPC(b).numRows).toBe(20);
  });

  it('xlsx: the cached workbook holds the same rows as a fresh one', async () => {
    const { snapshots } = await setUp();
    const cached = viewerApp({ snapshots });
    const uncached = viewerApp({ snapshots, cache: null });
    const url = '/api/queries/congress_delegates_by_agency?format=xlsx';
    await cached.request(url);
    const hit = await cached.request(url);
    expect(hit.headers.get('x-cache')).toBe('hit');
    const rows = async (res: Response) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await res.arrayBuffer());
      const values: unknown[] = [];
      workbook.worksheets[0]!.eachRow((row) => values.push(row.values));
      return values;
    };
    const fresh = await uncached.request(url);
    expect(hit.headers.get('content-disposition')).toBe(fresh.headers.get('content-disposition'));
    expect(await rows(hit)).toEqual(await rows(fresh));
  });

  it('one key for equivalent query strings, another for other values or formats', async () => {
    const { snapshots } = await setUp();
    const app = viewerApp({ snapshots });
    const cacheOf = async (q: string) => (await app.request(`/api/queries/recognitions_by_year${q}`)).headers.get('x-cache');
    expect(await cacheOf('')).toBe('miss');
    // Defaults written out, empty values and another order are the same question.
    expect(await cacheOf('?year_to=2025&year_from=2021')).toBe('hit');
    expect(await cacheOf('?kind=&rollup=false&format=arrow')).toBe('hit');
    expect(await cacheOf('?rollup=1')).toBe('miss');
    expect(await cacheOf('?format=json')).toBe('miss');
    expect(await cacheOf('?format=csv')).toBe('miss');
    expect(await cacheOf('?format=csv&header=name')).toBe('miss');
    expect(await cacheOf('?format=csv&header=label')).toBe('hit');
  });

  it('a refused parameter is refused before the cache, every time', async () => {
    const { snapshots } = await setUp();
    const app = viewerApp({ snapshots });
    for (let i = 0; i < 2; i++) {
      const res = await app.request("/api/queries/recognitions_by_year?kind=x'--");
      expect(res.status).toBe(400);
      expect(res.headers.get('x-cache')).toBeNull();
    }
  });
});

describe('a snapshot switch', () => {
  it('never serves the previous snapshot’s answer', async () => {
    const { fixture, snapshots } = await setUp();
    const cache = new AnswerCache();
    const app = viewerApp({ snapshots, cache });
    const headline = async () => {
      const res = await app.request('/api/queries/overview_headline?format=json');
      const body = (await res.json()) as { rows: { recognitions: number }[] };
      return [res.headers.get('x-snapshot-version'), res.headers.get('x-cache'), body.rows[0]!.recognitions];
    };
    expect(await headline()).toEqual(['1', 'miss', 24]);
    expect(await headline()).toEqual(['1', 'hit', 24]);
    await fixture.db.connection.run("INSERT INTO recognitions (exemplar_id, year, form, batch_id) VALUES (6, 2024, 'cong_nhan_dhtt', 1)");
    await fixture.publish();
    await snapshots.refresh();
    expect(await headline()).toEqual(['2', 'miss', 25]);
    expect(await headline()).toEqual(['2', 'hit', 25]);
    // Snapshot 1's answers were dropped when snapshot 2 first answered.
    expect(cache.stats().entries).toBe(1);
  });

  it('does not keep an answer computed on a snapshot that was retired meanwhile', async () => {
    const cache = new AnswerCache();
    let current = 'v1';
    let finish!: (a: CachedAnswer) => void;
    const slow = cache.get('v1', 'q', () => new Promise<CachedAnswer>((resolve) => (finish = resolve)), {
      isCurrent: () => current === 'v1',
    });
    await new Promise((r) => setImmediate(r));
    current = 'v2';
    await cache.get('v2', 'q', async () => answer(10, 2), { isCurrent: () => current === 'v2' });
    finish(answer(10, 1));
    expect((await slow).answer.body[0]).toBe(1); // its own request still gets its answer
    // ...but only v2's answer is stored, and a late v1 request computes afresh.
    expect(cache.stats().entries).toBe(1);
    const again = await cache.get('v2', 'q', async () => answer(10, 3), { isCurrent: () => true });
    expect([again.outcome, again.answer.body[0]]).toEqual(['hit', 2]);
  });
});

describe('the byte budget', () => {
  it('is never exceeded, and the least recently used answer goes first', async () => {
    const cache = new AnswerCache(10_000);
    for (let i = 0; i < 50; i++) {
      await cache.get('s', `k${i}`, async () => answer(900 + i));
      expect(cache.stats().bytes).toBeLessThanOrEqual(10_000);
      // k0 is asked for again and again, so it stays.
      expect((await cache.get('s', 'k0', async () => answer(1))).outcome).toBe('hit');
    }
    expect(cache.stats().entries).toBeGreaterThan(5);
    expect((await cache.get('s', 'k1', async () => answer(900))).outcome).toBe('miss');
    expect((await cache.get('s', 'k49', async () => answer(900))).outcome).toBe('hit');
  });

  it('does not store an answer larger than a quarter of the budget', async () => {
    const cache = new AnswerCache(10_000);
    await cache.get('s', 'big', async () => answer(3_000));
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
    expect((await cache.get('s', 'big', async () => answer(3_000))).outcome).toBe('miss');
  });

  it('holds through the service: many filter combinations stay within a small budget', async () => {
    const { snapshots } = await setUp();
    const cache = new AnswerCache(40_000);
    const app = viewerApp({ snapshots, cache });
    for (const from of [2021, 2022, 2023, 2024, 2025]) {
      for (const format of ['arrow', 'csv', 'json']) {
        const res = await app.request(`/api/queries/recognitions_by_agency?year_from=${from}&format=${format}`);
        expect(res.status).toBe(200);
        expect(cache.stats().bytes).toBeLessThanOrEqual(40_000);
      }
    }
    expect(cache.stats().entries).toBeGreaterThan(0);
    expect(cache.stats().entries).toBeLessThan(15);
  });
});

describe('single flight', () => {
  it('runs 16 concurrent identical requests as one DuckDB execution', async () => {
    const { snapshots } = await setUp();
    const app = viewerApp({ snapshots });
    const executions = countExecutions(snapshots);
    const responses = await Promise.all(Array.from({ length: 16 }, () => app.request('/api/queries/movement_year_matrix?rollup=true')));
    expect(executions.count).toBe(1);
    const outcomes = responses.map((r) => r.headers.get('x-cache')).sort();
    expect(outcomes).toEqual(['miss', ...Array(15).fill('coalesced')].sort());
    const bodies = await Promise.all(responses.map(bytes));
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    // Different questions still run separately.
    await Promise.all([app.request('/api/queries/recognitions_by_kind'), app.request('/api/queries/recognitions_by_category')]);
    expect(executions.count).toBe(3);
  });

  it('without the cache every request runs its own query', async () => {
    const { snapshots } = await setUp();
    const app = viewerApp({ snapshots, cache: null });
    const executions = countExecutions(snapshots);
    await Promise.all(Array.from({ length: 4 }, () => app.request('/api/queries/movement_year_matrix')));
    expect(executions.count).toBe(4);
  });

  it('one client leaving does not fail the others; when all leave, nothing is computed', async () => {
    const cache = new AnswerCache();
    const leaving = new AbortController();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let sawAbort = false;
    const compute = async (signal: AbortSignal) => {
      await gate;
      sawAbort = signal.aborted;
      return answer(4);
    };
    const first = cache.get('s', 'k', compute, { signal: leaving.signal });
    const second = cache.get('s', 'k', compute);
    leaving.abort();
    release();
    expect((await first).outcome).toBe('miss');
    expect((await second).outcome).toBe('coalesced');
    expect(sawAbort).toBe(false);

    const gone = new AbortController();
    gone.abort();
    let ran = false;
    const abandoned = cache.get(
      's',
      'other',
      async (signal) => {
        signal.throwIfAborted();
        ran = true;
        return answer(4);
      },
      { signal: gone.signal },
    );
    await expect(abandoned).rejects.toThrow();
    expect(ran).toBe(false);
    // The failure is not remembered: the next request computes.
    expect((await cache.get('s', 'other', async () => answer(4))).outcome).toBe('miss');
  });

  it('a failed computation reaches every waiter and is not cached', async () => {
    const cache = new AnswerCache();
    const failing = async () => {
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('boom');
    };
    const results = await Promise.allSettled([cache.get('s', 'k', failing), cache.get('s', 'k', failing)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(cache.stats()).toMatchObject({ entries: 0, computed: 1 });
  });
});

describe('the running service', () => {
  it('turns the cache off with cacheBytes 0 and says so', async () => {
    const { fixture } = await setUp();
    for (const [cacheBytes, expected] of [
      [0, ['off', 'off']],
      [1_000_000, ['miss', 'hit']],
    ] as const) {
      const server = await startReportingServer({ dataDir: fixture.dataDir, port: 0, quiet: true, cacheBytes });
      try {
        const url = `http://127.0.0.1:${server.port}/api/queries/recognitions_by_kind`;
        const seen = [];
        for (let i = 0; i < 2; i++) {
          const res = await fetch(url);
          await res.arrayBuffer();
          seen.push(res.headers.get('x-cache'));
        }
        expect(seen).toEqual(expected);
      } finally {
        await server.close();
      }
    }
  });
});
