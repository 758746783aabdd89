import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The dashboard's browser app lives in dashboard/app; the reporting service serves dist/dashboard.
// In development (`npx vite`), /api goes to the reporting service on DASHBOARD_PORT (8788).
export default defineConfig({
  root: 'dashboard/app',
  plugins: [svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) })],
  server: {
    proxy: { '/api': `http://localhost:${process.env.DASHBOARD_PORT ?? 8788}` },
  },
  build: {
    outDir: '../../dist/dashboard',
    emptyOutDir: true,
  },
});
