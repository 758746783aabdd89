import { startReportingServer } from './startReportingServer.ts';

/**
 * REPORTING_CSP_CONNECT: more origins the dashboard page may connect to (comma-separated),
 * besides its own and the ingest service's. A value that could break out of the CSP header
 * (a `;`, a quote, a space inside an entry) stops the start, like every other bad setting.
 */
function cspConnectFromEnv(env: NodeJS.ProcessEnv): string[] {
  const text = env.REPORTING_CSP_CONNECT ?? '';
  const origins = text
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (/[\s;'"]/.test(origin)) throw new Error(`REPORTING_CSP_CONNECT must be origins separated by commas, got "${text}"`);
  }
  return origins;
}

// Started by scripts/start.ts (and the demo and fault scripts) as `tsx dashboard/server/main.ts`.
const running = await startReportingServer({
  dataDir: process.env.DATA_DIR ?? './data',
  port: Number(process.env.DASHBOARD_PORT ?? 8788),
  cspConnect: cspConnectFromEnv(process.env),
  // The first screen drawn into index.html (firstScreenPicture.ts); FIRST_SCREEN=0 serves it without.
  firstScreen: process.env.FIRST_SCREEN !== '0',
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
