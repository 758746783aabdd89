import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // DuckDB files and ports: keep files apart, run suites one file at a time per worker.
    pool: 'forks',
    allowOnly: false,
  },
});
