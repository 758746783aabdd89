import { defineConfig } from 'vitest/config';

/**
 * The system suites: real Chromium, LibreOffice, child processes (the services as the README
 * starts them, a tmpfs mount), fault injection and property fuzzing. Everything else under
 * test/ is the unit project: in-process Hono apps and DuckDB files.
 */
const SYSTEM = [
  'test/e2e-*.test.ts',
  'test/security-markup-e2e.test.ts',
  'test/dashboard-first-screen-e2e.test.ts',
  'test/dashboard-first-screen-picture-e2e.test.ts',
  'test/chart-export-a4.test.ts',
  'test/faults-*.test.ts',
  'test/fuzz-*.test.ts',
  'test/reporting-exports.test.ts',
  'test/ingest-hostile-workbooks.test.ts',
  'test/ingest-tokens.test.ts',
  'test/security-read-access.test.ts',
  'test/start-supervisor.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // DuckDB files and ports: keep files apart, run suites one file at a time per worker.
    pool: 'forks',
    allowOnly: false,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: SYSTEM } },
      // Builds the dashboard once and finds a Chromium before any system suite starts.
      { extends: true, test: { name: 'system', include: SYSTEM, globalSetup: ['test/globalSetup.system.ts'] } },
    ],
  },
});
