import { defineConfig, type Plugin } from 'vite';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * V8's explicit compile hint on the first screen's file: its functions are compiled as the file
 * downloads, on a background thread, rather than one by one on the main thread as each is first
 * called (some 35 ms of the first screen's main thread, measured in Chromium). Written into the
 * file once it is on disk: the minifier drops comments, and Vite's own last step puts a line of
 * its own first, while the hint counts only as the file's first line.
 */
const compileOnLoad: Plugin = {
  name: 'compile-first-screen-on-load',
  apply: 'build',
  writeBundle(options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
      const file = join(options.dir ?? '', chunk.fileName);
      writeFileSync(file, `//# allFunctionsCalledOnLoad\n${readFileSync(file, 'utf8')}`);
    }
  },
};

// The dashboard's browser app lives in dashboard/app; the reporting service serves dist/dashboard.
// In development (`npx vite`), /api goes to the reporting service on DASHBOARD_PORT (8788).
export default defineConfig({
  root: 'dashboard/app',
  plugins: [svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) }), compileOnLoad],
  server: {
    proxy: { '/api': `http://localhost:${process.env.DASHBOARD_PORT ?? 8788}` },
  },
  build: {
    outDir: '../../dist/dashboard',
    emptyOutDir: true,
    // The first screen (the shell and the overview, with Svelte, Arrow and Plot) is one file:
    // split by module it took two rounds of requests and fifteen files; the other pages still
    // load on demand. One file of about 570 kB (170 kB compressed), so the warning limit is raised.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
      },
    },
  },
});
