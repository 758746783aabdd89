import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The dashboard's browser app lives in dashboard/app; the reporting service serves dist/dashboard.
export default defineConfig({
  root: 'dashboard/app',
  plugins: [svelte()],
  build: {
    outDir: '../../dist/dashboard',
    emptyOutDir: true,
  },
});
