import { startReportingServer } from './startReportingServer.ts';

// Started by the lead's start script: `tsx dashboard/server/main.ts`.
const running = await startReportingServer({
  dataDir: process.env.DATA_DIR ?? './data',
  port: Number(process.env.DASHBOARD_PORT ?? 8788),
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
