// The demo as the README starts it (scripts/start.ts: build, demo data, both services), on
// free ports with a temporary DATA_DIR, for the browser tests and the dashboard benchmark.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './serviceProcess.ts';
import { DEMO_VIEWERS_FILE, demoViewers } from '../scripts/demoViewers.ts';
import type { ViewerEntry } from '../dashboard/server/viewerTokens.ts';

export interface DemoToken {
  label: string;
  agency: string;
  token: string;
}

export interface RunningDemo {
  dataDir: string;
  dashboardUrl: string;
  ingestUrl: string;
  tokens: DemoToken[];
  /** Viewer tokens of the reporting service (REPORTING_VIEWERS_FILE): [0] the province, then agencies. */
  viewers: ViewerEntry[];
  output: () => string;
  stop: () => Promise<void>;
}

export interface DemoOptions {
  /**
   * Start without the demo data set (DEMO=0: the shipped catalogue only) and with these upload
   * tokens, as a province starts the product before its first lists arrive.
   */
  empty?: { tokens: DemoToken[] };
}

/**
 * `npm run build` (unless the test run's global setup built it: DASHBOARD_BUILT=1), then
 * `node --import tsx scripts/start.ts` until both services answer.
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  if (process.env.DASHBOARD_BUILT !== '1') execFileSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] }); // warnings and errors only
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-dashboard-'));
  const emptyEnv: Record<string, string> = {};
  if (options.empty) {
    const tokensFile = join(dataDir, 'tokens.json');
    writeFileSync(tokensFile, JSON.stringify(options.empty.tokens, null, 2), { mode: 0o600 });
    Object.assign(emptyEnv, { DEMO: '0', INGEST_TOKENS_FILE: tokensFile });
  }
  const [ingestPort, dashboardPort] = [await freePort(), await freePort()];
  // The register and the congress list need a signed-in viewer. start.ts may write its own demo
  // viewers to the same file; they are read back below once it runs.
  const viewersFile = join(dataDir, DEMO_VIEWERS_FILE);
  writeFileSync(viewersFile, JSON.stringify(demoViewers(), null, 2), { mode: 0o600 });
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      INGEST_PORT: String(ingestPort),
      DASHBOARD_PORT: String(dashboardPort),
      REPORTING_VIEWERS_FILE: viewersFile,
      ...emptyEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (b: Buffer) => (log += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (log += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const until = Date.now() + 150_000;
  // start.ts prints its banner ("đang chạy") once both /health answer.
  while (!log.includes('đang chạy')) {
    if (child.exitCode !== null) throw new Error(`scripts/start.ts exited with ${child.exitCode}:\n${log}`);
    if (Date.now() > until) throw new Error(`scripts/start.ts did not start in time:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const tokens = options.empty?.tokens ?? (JSON.parse(readFileSync(join(dataDir, 'tokens.demo.json'), 'utf8')) as DemoToken[]);
  const viewers = (JSON.parse(readFileSync(viewersFile, 'utf8')) as ViewerEntry[]).sort(
    (a, b) => Number(b.agency === '*') - Number(a.agency === '*'),
  );
  return {
    dataDir,
    dashboardUrl: `http://localhost:${dashboardPort}`,
    ingestUrl: `http://localhost:${ingestPort}`,
    tokens,
    viewers,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      // The data folder holds a copy of the demo database (tens of MB): never left behind.
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
