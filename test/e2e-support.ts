// Support for the browser end-to-end suite: builds the dashboard, starts both services the
// way the README does (scripts/start.ts) on free ports with a temporary DATA_DIR, and drives
// the system Chromium through playwright-core.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface DemoToken { label: string; agency: string; token: string }

export interface RunningDemo {
  dataDir: string;
  dashboardUrl: string;
  ingestUrl: string;
  tokens: DemoToken[];
  output: () => string;
  stop: () => Promise<void>;
}

/** `npx vite build`, then `node --import tsx scripts/start.ts` until both services answer. */
export async function startDemo(): Promise<RunningDemo> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-dashboard-'));
  const [ingestPort, dashboardPort] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, INGEST_PORT: String(ingestPort), DASHBOARD_PORT: String(dashboardPort) },
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
  const tokens = JSON.parse(readFileSync(join(dataDir, 'tokens.demo.json'), 'utf8')) as DemoToken[];
  return {
    dataDir,
    dashboardUrl: `http://localhost:${dashboardPort}`,
    ingestUrl: `http://localhost:${ingestPort}`,
    tokens,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Keeps what the page looked like when a test failed (test-results/<name>.png). */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync('test-results', { recursive: true });
  const path = join('test-results', `${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A named query's rows as JSON, from the running reporting service (the figures to compare). */
export async function apiRows<T = Record<string, unknown>>(base: string, name: string, params: Record<string, string> = {}): Promise<T[]> {
  const qs = new URLSearchParams({ ...params, format: 'json' });
  const res = await fetch(`${base}/api/queries/${name}?${qs}`);
  if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { rows: T[] }).rows;
}

export function samplePath(file: string): string {
  const path = join('fixtures', 'samples', file);
  if (!existsSync(path)) throw new Error(`sample file ${path} is missing (npm run generate writes fixtures/samples/)`);
  return path;
}
