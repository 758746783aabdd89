import { serve, type ServerType } from '@hono/node-server';
import { dirname, join, resolve } from 'node:path';
import { AnswerCache, DEFAULT_CACHE_BYTES } from './answerCache.ts';
import { createReportingApp, DEFAULT_STATIC_DIR } from './app.ts';
import { FirstScreenPicture } from './firstScreenPicture.ts';
import { readAccessFromEnv, type ReadAccess } from './readAccess.ts';
import { SnapshotSource } from './snapshotSource.ts';

export interface RunningReportingServer {
  port: number;
  snapshots: SnapshotSource;
  close(): Promise<void>;
}

/** How long after a new snapshot starts to answer its first screen is drawn (see below). */
const DRAW_AFTER_SWITCH_MS = 3000;

/** The answer cache's budget: option, else env REPORTING_CACHE_BYTES, else the default; 0 turns it off. */
function cacheBudget(option: number | undefined): number {
  if (option !== undefined) return option;
  const env = process.env.REPORTING_CACHE_BYTES;
  if (env === undefined || env === '') return DEFAULT_CACHE_BYTES;
  const n = Number(env);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`REPORTING_CACHE_BYTES must be a whole number of bytes (0 turns the cache off), got "${env}"`);
  return n;
}

/** Starts the reporting service on `port` (0: any free port) over `dataDir`'s snapshots. */
export async function startReportingServer(options: {
  dataDir: string;
  port: number;
  staticDir?: string;
  quiet?: boolean;
  /** Where log lines go (default: the console, or nowhere when quiet). */
  log?: (line: string) => void;
  /** Byte budget of the answer cache (default: env REPORTING_CACHE_BYTES or 64 MiB); 0 turns it off. */
  cacheBytes?: number;
  /** Who may read what (default: from the environment; a bad viewers file throws here, before listening). */
  access?: ReadAccess;
  /** Address to listen on (default: env HOST, else loopback only). */
  host?: string;
  /** More origins the page may connect to (CSP connect-src; main.ts reads REPORTING_CSP_CONNECT). */
  cspConnect?: readonly string[];
  /**
   * Draw the first screen into index.html (firstScreenPicture.ts) when dist/first-screen is
   * built. Default false: its worker reads the service's own answers (warming the answer cache),
   * which a test or a benchmark of the service itself does not want; main.ts turns it on.
   */
  firstScreen?: boolean;
}): Promise<RunningReportingServer> {
  const dataDir = resolve(options.dataDir);
  const budget = cacheBudget(options.cacheBytes);
  const access = options.access ?? readAccessFromEnv();
  const log = options.log ?? (options.quiet ? () => {} : (line: string) => console.log(line));
  // Once it listens, a new snapshot has its first screen drawn at once (below).
  let onSwitch = () => {};
  const snapshots = new SnapshotSource(dataDir, { log, onSwitch: () => onSwitch() });
  await snapshots.start();
  const cache = budget > 0 ? new AnswerCache(budget) : null;
  const hostname = options.host ?? (process.env.HOST || '127.0.0.1');
  // The first screen drawn by the service, when the server build is there and the overview is
  // open to anyone (with REPORTING_REQUIRE_SIGNIN=all every answer needs a viewer: none drawn).
  const pictureModule = join(
    dirname(options.staticDir ? resolve(options.staticDir) : DEFAULT_STATIC_DIR),
    'first-screen',
    'firstScreen.server.js',
  );
  let base = '';
  const firstScreen =
    options.firstScreen === true && access.requireSignIn !== 'all' && FirstScreenPicture.available(pictureModule)
      ? new FirstScreenPicture({ module: pictureModule, base: () => base, log })
      : null;
  const app = createReportingApp({
    snapshots,
    cache,
    access,
    firstScreen,
    ...(options.staticDir ? { staticDir: options.staticDir } : {}),
    ...(options.cspConnect ? { cspConnect: options.cspConnect } : {}),
  });
  const { server, port } = await new Promise<{ server: ServerType; port: number }>((ready, fail) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname }, (info) => ready({ server: s, port: info.port }));
    // A taken port is a start-up failure, reported as such (not an unhandled 'error' event).
    s.once('error', (error) => {
      void snapshots.stop().then(() => fail(error), fail);
    });
  });
  // The worker reaches this service where it listens (loopback when it listens everywhere).
  base = `http://${hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
  // The current snapshot's first screen is drawn now, and each new one's soon after it starts
  // to answer, rather than at the first visit (that visit would get the page without it). Not at
  // once: the drawing asks for a dozen answers and renders, which delayed the dashboards already
  // open, asking for the new snapshot's answers, by 0.3–0.5 s at 1,000,000 recognitions (npm run
  // bench -- queries, section "After a commit").
  let pending: NodeJS.Timeout | null = null;
  const drawFirstScreen = () => void app.request('/');
  if (firstScreen) {
    onSwitch = () => {
      if (pending) clearTimeout(pending);
      pending = setTimeout(drawFirstScreen, DRAW_AFTER_SWITCH_MS);
      pending.unref();
    };
    drawFirstScreen();
  }
  const current = snapshots.current()?.manifest.name ?? 'chưa có bản chốt số liệu';
  const cached = cache ? `answer cache ${(budget / 1024 / 1024).toFixed(0)} MiB` : 'answer cache off';
  const readers = [
    `${access.viewers.length} viewer token(s)`,
    ...(access.proxy
      ? [`trusting proxy header ${access.proxy.userHeader}${access.proxy.agencyHeader ? ` + ${access.proxy.agencyHeader}` : ''}`]
      : []),
    `sign-in required for ${access.requireSignIn === 'all' ? 'everything' : 'personal lists'}`,
    `${access.maxExports} export(s) at once`,
  ].join(', ');
  log(`reporting service listening on http://localhost:${port} (data ${dataDir}, snapshot ${current}, ${cached}; ${readers})`);
  return {
    port,
    snapshots,
    close: () =>
      new Promise<void>((done, fail) => {
        if (pending) clearTimeout(pending);
        server.close((error) => {
          void Promise.all([firstScreen?.close(), snapshots.stop()]).then(() => (error ? fail(error) : done()), fail);
        });
      }),
  };
}
