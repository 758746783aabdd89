import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { contentSecurityPolicy } from './contentSecurityPolicy.ts';
import { ingestLocationFromEnv, type IngestLocation } from './ingestLocation.ts';
import { fileURLToPath } from 'node:url';
import { readRowCounts } from '../../contracts/rowCounts.ts';
import { AnswerCache, type CachedAnswer, type CacheOutcome } from './answerCache.ts';
import { requireViewer, scopeToViewer } from './checkReadAccess.ts';
import { answerKey, encodeArrowAnswer, CHUNKED_FORMATS, FILE_FORMATS, FORMATS, type AnswerRequest, type Format } from './encodeAnswer.ts';
import { ExportLimiter } from './exportLimiter.ts';
import { exportAnswer } from './exportAnswer.ts';
import { identifyViewer } from './identifyViewer.ts';
import { jsonError } from './jsonError.ts';
import { loadQueryCatalog } from './loadQueryCatalog.ts';
import type { OpenSnapshot } from './openSnapshot.ts';
import type { QueryDefinition } from './queryDefinition.ts';
import { resolveQuery } from './resolveQuery.ts';
import type { SnapshotFacts } from './snapshotFacts.ts';
import { readAccessFromEnv, type ReadAccess } from './readAccess.ts';
import { runNamedQuery } from './runNamedQuery.ts';
import { serveDashboardApp } from './serveDashboardApp.ts';
import { firstScreenPreloads } from './firstScreenPreloads.ts';
import type { FirstScreenPicture } from './firstScreenPicture.ts';
import { sessionRoutes } from './sessionRoutes.ts';
import type { SnapshotLease } from './snapshotSource.ts';
import { paramErrorResponse, validateParams } from './validateParams.ts';
import { ViewerSessions } from './viewerSessions.ts';

export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../dist/dashboard', import.meta.url));

export interface ReportingDeps {
  /** Where snapshots come from (a SnapshotSource in production and tests). */
  snapshots: { acquire(): SnapshotLease | null; current(): OpenSnapshot | null };
  catalog?: Map<string, QueryDefinition>;
  /** The built dashboard (default dist/dashboard). */
  staticDir?: string;
  log?: (line: string) => void;
  /**
   * Encoded answers kept per snapshot (default: an AnswerCache with the default budget);
   * null turns caching off, so every request runs its query (the benchmark's cold runs).
   */
  cache?: AnswerCache | null;
  /**
   * Who may read what (viewers, REPORTING_REQUIRE_SIGNIN, proxy trust, export limit). Default:
   * read from the environment (readAccessFromEnv), so an app made without it still refuses
   * personal lists unless viewers are configured.
   */
  access?: ReadAccess;
  /** Where the upload page reaches the ingest service (default: INGEST_PUBLIC_URL / INGEST_PORT, ingestLocation.ts). */
  ingestLocation?: IngestLocation;
  /** More origins the page may connect to, besides its own and the ingest service's (default: none; main.ts reads REPORTING_CSP_CONNECT). */
  cspConnect?: readonly string[];
  /** The first screen drawn for index.html (startReportingServer makes it; default: none, the page comes without). */
  firstScreen?: FirstScreenPicture | null;
}

/** Seconds a refused export is told to wait (Retry-After). */
const EXPORT_RETRY_SECONDS = 5;

const NO_SNAPSHOT = () =>
  jsonError(
    503,
    'NO_SNAPSHOT',
    'Chưa có bản chốt số liệu nào được công bố: hệ thống chưa có số liệu để báo cáo. Vui lòng nhập dữ liệu hoặc thử lại sau.',
  );

function setSnapshotHeaders(c: Context, snapshot: OpenSnapshot): void {
  c.header('X-Snapshot-Version', String(snapshot.manifest.version));
  c.header('X-Snapshot-Name', snapshot.manifest.name);
  c.header('X-Snapshot-Created-At', snapshot.manifest.createdAt);
}

/**
 * A query as the page needs it. With a snapshot, ranges and defaults are the snapshot's
 * (`resolved: true`); before the first snapshot the snapshot-bound ones are null.
 */
function describeQuery(declared: QueryDefinition, facts: SnapshotFacts | null) {
  const def = facts ? resolveQuery(declared, facts) : declared;
  const bound = (p: QueryDefinition['params'][number]) => p.type.kind === 'INTEGER' && p.type.range !== undefined;
  return {
    name: def.name,
    title: def.title,
    answers: def.answers,
    url: `/api/queries/${def.name}`,
    access: def.access,
    params: def.params.map((p) => ({
      name: p.name,
      type: p.typeText,
      kind: p.type.kind,
      ...(p.type.kind === 'INTEGER' ? { min: bound(p) && !facts ? null : p.type.min, max: bound(p) && !facts ? null : p.type.max } : {}),
      ...(p.type.kind === 'INTEGER' && p.type.range ? { range: p.type.range } : {}),
      ...(p.type.kind === 'ENUM' ? { values: p.type.values } : {}),
      ...(p.name === 'plan' && facts ? { values: facts.plans } : {}),
      ...(p.name === 'congress' && facts ? { values: facts.congresses } : {}),
      required: p.required,
      default: p.defaultFrom && !facts ? null : p.default,
      ...(p.defaultFrom ? { defaultFrom: p.defaultFrom } : {}),
      label: p.label,
    })),
    columns: def.columns,
    formats: FORMATS,
  };
}

/**
 * The read-only reporting service: named queries over the current snapshot as Arrow (default),
 * CSV, XLSX or JSON, health and snapshot information, and the built dashboard. Every answer
 * names the snapshot it came from (X-Snapshot-Version, X-Snapshot-Created-At).
 */
export function createReportingApp(deps: ReportingDeps): Hono {
  const catalog = deps.catalog ?? loadQueryCatalog();
  const staticDir = deps.staticDir ?? DEFAULT_STATIC_DIR;
  const log = deps.log ?? ((line: string) => console.error(line));
  const cache = deps.cache === undefined ? new AnswerCache() : deps.cache;
  const access = deps.access ?? readAccessFromEnv();
  const sessions = new ViewerSessions();
  const exports = new ExportLimiter(access.maxExports);
  const app = new Hono();

  app.use(secureHeaders());
  // Where the upload page finds the ingest service; the CSP lets the page reach that origin.
  const ingestLocation = deps.ingestLocation ?? ingestLocationFromEnv();
  app.use(contentSecurityPolicy(ingestLocation, deps.cspConnect ?? []));
  app.use(async (c, next) => {
    await next();
    // Routes that answered from a leased snapshot set these themselves; the rest say which
    // snapshot was current when they answered.
    const current = deps.snapshots.current();
    if (current && !c.res.headers.has('X-Snapshot-Version')) {
      c.res.headers.set('X-Snapshot-Version', String(current.manifest.version));
      c.res.headers.set('X-Snapshot-Name', current.manifest.name);
      c.res.headers.set('X-Snapshot-Created-At', current.manifest.createdAt);
    }
  });

  const withLease = async <T>(work: (snapshot: OpenSnapshot) => Promise<T>): Promise<T> => {
    const lease = deps.snapshots.acquire();
    if (!lease) throw NO_SNAPSHOT();
    try {
      return await work(lease.snapshot);
    } finally {
      lease.release();
    }
  };

  app.get('/health', async (c) => {
    if (!deps.snapshots.current()) {
      return c.json({ status: 'no_snapshot', message: 'Chưa có bản chốt số liệu nào được công bố.' }, 503);
    }
    return withLease(async (snapshot) => {
      const live = await snapshot.withConnection(({ connection }) => readRowCounts(connection));
      const m = snapshot.manifest;
      setSnapshotHeaders(c, snapshot);
      return c.json({
        status: 'ok',
        snapshot: { version: m.version, name: m.name, createdAt: m.createdAt, schemaVersion: m.schemaVersion, synthetic: m.synthetic },
        counts: { manifest: m.counts, snapshot: live },
        countsMatch: JSON.stringify(m.counts) === JSON.stringify(live),
        cache: cache ? cache.stats() : null,
      });
    });
  });

  // What the browser needs to know of its surroundings; names no one, so open like /health.
  app.get('/api/config', (c) => c.json({ ingestUrl: ingestLocation(new URL(c.req.url)) }));

  app.route(
    '/api/session',
    sessionRoutes(access, sessions, () => deps.snapshots.current()?.facts.agencies ?? null),
  );

  // REPORTING_REQUIRE_SIGNIN=all: every figure and the manifest need a viewer (/health stays open).
  const figuresNeedViewer = (c: Context) => {
    if (access.requireSignIn === 'all') requireViewer(identifyViewer(c, access, sessions), access, false);
  };

  app.get('/api/snapshot', (c) => {
    figuresNeedViewer(c);
    const current = deps.snapshots.current();
    if (!current) throw NO_SNAPSHOT();
    setSnapshotHeaders(c, current);
    return c.json(current.manifest);
  });

  app.get('/api/queries', (c) => {
    figuresNeedViewer(c);
    const facts = deps.snapshots.current()?.facts ?? null;
    // The ranges and defaults every query resolves against (the snapshot answering now).
    const snapshot = facts
      ? {
          years: facts.years,
          movements: facts.movements,
          period: facts.period,
          plans: facts.plans,
          congresses: facts.congresses,
          defaultCongress: facts.congresses[0] ?? null,
        }
      : null;
    return c.json({ snapshot, queries: [...catalog.values()].map((def) => describeQuery(def, facts)) });
  });

  app.get('/api/queries/:name', async (c) => {
    const name = c.req.param('name');
    const def = catalog.get(name);
    if (!def) throw jsonError(404, 'UNKNOWN_QUERY', `Không có truy vấn "${name}". Xem danh sách tại /api/queries.`);
    const identity = identifyViewer(c, access, sessions);
    const viewer =
      def.access === 'personal' || access.requireSignIn === 'all'
        ? requireViewer(identity, access, def.access === 'personal')
        : identity.viewer;
    const search = new URL(c.req.url).searchParams;
    const format = (search.get('format') ?? 'arrow') as Format;
    if (!FORMATS.includes(format)) {
      throw jsonError(400, 'BAD_PARAM', `Tham số "format" không hợp lệ: cần một trong ${FORMATS.join(', ')}, nhận được "${format}".`, {
        param: 'format',
      });
    }
    const header = (search.get('header') ?? 'label') as 'label' | 'name';
    if (header !== 'label' && header !== 'name') {
      throw jsonError(400, 'BAD_PARAM', `Tham số "header" không hợp lệ: cần label hoặc name, nhận được "${header}".`, { param: 'header' });
    }
    // Ranges, defaults and codes are the snapshot's: validate against the one that will answer.
    const lease = deps.snapshots.acquire();
    if (!lease) throw NO_SNAPSHOT();
    let handedOver = false;
    try {
      const { snapshot } = lease;
      const resolved = resolveQuery(def, snapshot.facts);
      const checked = validateParams(resolved, search, snapshot.facts);
      if ('error' in checked) throw paramErrorResponse(checked.error);
      const { values, rowScope } =
        viewer && def.access === 'personal'
          ? scopeToViewer(def, checked.values, viewer, snapshot.facts.agencies)
          : { values: checked.values, rowScope: null };
      const scope = rowScope?.agency ?? null;

      if (CHUNKED_FORMATS.includes(format)) {
        handedOver = true;
        return await exportRoute(c, lease, { def: resolved, values, format, header, scope }, rowScope);
      }

      const request: AnswerRequest = { def: resolved, values, format, header, manifest: snapshot.manifest, scope };
      const compute = async (signal: AbortSignal | undefined): Promise<CachedAnswer> =>
        encodeArrowAnswer(await runNamedQuery(snapshot, resolved, values, signal, rowScope));
      let answer: CachedAnswer;
      let outcome: CacheOutcome = 'miss';
      if (cache) {
        const snapshotKey = `${snapshot.manifest.version}:${snapshot.manifest.name}`;
        ({ answer, outcome } = await cache.get(snapshotKey, answerKey(request), compute, {
          signal: c.req.raw.signal,
          isCurrent: () => deps.snapshots.current() === snapshot,
        }));
      } else {
        answer = await compute(c.req.raw.signal);
      }
      return sendAnswer(c, snapshot, answer, cache ? outcome : 'off');
    } finally {
      if (!handedOver) lease.release();
    }
  });

  const sendAnswer = (c: Context, snapshot: OpenSnapshot, answer: CachedAnswer, outcome: CacheOutcome | 'off') => {
    setSnapshotHeaders(c, snapshot);
    c.header('Cache-Control', 'no-cache');
    c.header('X-Cache', outcome);
    for (const [name, value] of Object.entries(answer.headers)) c.header(name, value);
    return c.body(answer.body as Uint8Array<ArrayBuffer>, 200);
  };

  /**
   * CSV, XLSX and JSON: from the cache when there, else built chunk by chunk and streamed when
   * long; CSV and XLSX files only under the export limit (429 with Retry-After when it is
   * reached). The snapshot lease (taken by the caller, released here) and the export slot are
   * held until the last byte has gone.
   */
  const exportRoute = async (
    c: Context,
    lease: SnapshotLease,
    asked: Omit<AnswerRequest, 'manifest'>,
    rowScope: Parameters<typeof exportAnswer>[2],
  ): Promise<Response> => {
    const { snapshot } = lease;
    const request: AnswerRequest = { ...asked, manifest: snapshot.manifest };
    const snapshotKey = `${snapshot.manifest.version}:${snapshot.manifest.name}`;
    const key = answerKey(request);
    const isCurrent = () => deps.snapshots.current() === snapshot;
    let releaseSlot: (() => void) | null = null;
    let streaming = false;
    try {
      const hit = cache?.peek(snapshotKey, key, isCurrent);
      if (hit) return sendAnswer(c, snapshot, hit, 'hit');
      releaseSlot = FILE_FORMATS.includes(request.format) ? exports.tryAcquire() : () => {};
      if (!releaseSlot) {
        throw jsonError(
          429,
          'TOO_MANY_EXPORTS',
          `Đang lập ${exports.max} tệp tải xuống cùng lúc, là mức tối đa của hệ thống. Vui lòng thử lại sau ${EXPORT_RETRY_SECONDS} giây.`,
          {
            headers: { 'Retry-After': String(EXPORT_RETRY_SECONDS) },
          },
        );
      }
      const outcome = await exportAnswer(snapshot, request, rowScope, c.req.raw.signal);
      if (outcome.kind === 'whole') {
        cache?.put(snapshotKey, key, outcome.answer, isCurrent);
        return sendAnswer(c, snapshot, outcome.answer, cache ? 'miss' : 'off');
      }
      streaming = true;
      const done = releaseSlot;
      outcome.finished
        .catch((error: unknown) =>
          log(`export ${request.def.name} (${request.format}) ended early: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => {
          done();
          lease.release();
        });
      setSnapshotHeaders(c, snapshot);
      c.header('Cache-Control', 'no-cache');
      c.header('X-Cache', cache ? 'miss' : 'off');
      for (const [name, value] of Object.entries(outcome.headers)) c.header(name, value);
      return c.body(outcome.body, 200);
    } finally {
      if (!streaming) {
        releaseSlot?.();
        lease.release();
      }
    }
  };

  app.all('/api/*', () => {
    throw jsonError(404, 'NOT_FOUND', 'Không có địa chỉ API này.');
  });

  app.get('*', (c) =>
    serveDashboardApp(staticDir, c.req.path, c.req.header('accept-encoding') ?? '', () => {
      const snapshot = deps.snapshots.current();
      const preloads = firstScreenPreloads(catalog, snapshot?.facts ?? null);
      const picture = snapshot && deps.firstScreen ? deps.firstScreen.for(snapshot.manifest.version, preloads) : null;
      return { preloads, picture };
    }),
  );

  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    // The client went away before its query started: nobody to answer, nothing to log.
    if (c.req.raw.signal.aborted) return new Response(null, { status: 499 });
    // The native DuckDB message stays in the log; the client gets no internals.
    log(`reporting error on ${c.req.method} ${c.req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return c.json(
      {
        error: { code: 'INTERNAL', message: 'Lỗi máy chủ khi lập báo cáo. Vui lòng thử lại; nếu lỗi lặp lại, báo cho quản trị hệ thống.' },
      },
      500,
    );
  });

  return app;
}
