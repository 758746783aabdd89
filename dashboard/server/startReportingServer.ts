import { serve, type ServerType } from '@hono/node-server';
import { resolve } from 'node:path';
import { createReportingApp } from './app.ts';
import { SnapshotSource } from './snapshotSource.ts';

export interface RunningReportingServer {
  port: number;
  snapshots: SnapshotSource;
  close(): Promise<void>;
}

/** Starts the reporting service on `port` (0: any free port) over `dataDir`'s snapshots. */
export async function startReportingServer(options: { dataDir: string; port: number; staticDir?: string; quiet?: boolean }): Promise<RunningReportingServer> {
  const dataDir = resolve(options.dataDir);
  const log = options.quiet ? () => {} : (line: string) => console.log(line);
  const snapshots = new SnapshotSource(dataDir, { log });
  await snapshots.start();
  const app = createReportingApp({ snapshots, ...(options.staticDir ? { staticDir: options.staticDir } : {}) });
  const { server, port } = await new Promise<{ server: ServerType; port: number }>((ready, fail) => {
    const s = serve({ fetch: app.fetch, port: options.port }, (info) => ready({ server: s, port: info.port }));
    // A taken port is a start-up failure, reported as such (not an unhandled 'error' event).
    s.once('error', (error) => {
      void snapshots.stop().then(() => fail(error), fail);
    });
  });
  const current = snapshots.current()?.manifest.name ?? 'chưa có bản chụp';
  log(`reporting service listening on http://localhost:${port} (data ${dataDir}, snapshot ${current})`);
  return {
    port,
    snapshots,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => {
          void snapshots.stop().then(() => (error ? fail(error) : done()), fail);
        });
      }),
  };
}
