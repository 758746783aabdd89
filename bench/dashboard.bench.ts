/**
 * Dashboard benchmark (a measurement, not a timed test), in headless Chromium against a
 * running demo (`npm start`, or DASHBOARD_URL):
 *   - gzip size of the JavaScript the overview (first screen) actually loads, from the
 *     production build in dist/dashboard (code-split: other pages load on demand);
 *   - time from navigation to every overview chart drawn (cold: new browser context each run):
 *     drawn by the service into index.html (the first screen, firstScreenPicture.ts) or by the
 *     app, whichever the page shows first; and to the app live, its own charts drawn (it takes
 *     the first screen's place, and answers clicks from then on);
 *   - time from a filter change to every chart redrawn with the new answer.
 * Each time is printed beside a baseline run in the same browser: the same answers fetched by
 * a bare page with fetch() and nothing else (what the network and the reporting service
 * cost), so the ratio is what the app adds: parsing Arrow, Svelte, drawing with Plot.
 * Run: npx tsx bench/dashboard.bench.ts [runs]   (or DASHBOARD_URL=http://localhost:8788 … against a running demo)
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { startDemo } from '../testing/demoProcess.ts';
import { launchChromium } from '../testing/chromium.ts';

// Without DASHBOARD_URL the bench builds and starts the demo itself, as the README starts it.
const demo = process.env.DASHBOARD_URL ? null : await startDemo();
const base = (process.env.DASHBOARD_URL ?? demo!.dashboardUrl).replace(/\/$/, '');
const runs = Number(process.argv[2] ?? 10);
const DIST = 'dist/dashboard';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

// Page-side code as text: tsx would otherwise wrap named functions in a helper (__name) that
// does not exist in the page.
const DRAWN_SCRIPT = `(since) => new Promise((resolve) => {
  const check = () => {
    const cards = Array.from(document.querySelectorAll('figure[data-chart]'));
    const done = cards.length > 0 && cards.every((c) => {
      if (c.dataset.status === 'empty' || c.dataset.status === 'error') return true;
      const hosts = Array.from(c.querySelectorAll('.plot-host'));
      return c.dataset.status === 'data' && hosts.every((h) => Number(h.dataset.drawn || 0) >= since && h.querySelector('svg'));
    });
    if (done) resolve(performance.now()); else requestAnimationFrame(check);
  };
  check();
})`;

/** Resolves when the app has replaced the first screen and drawn every chart itself. */
const LIVE_SCRIPT = `() => new Promise((resolve) => {
  const check = () => {
    const cards = Array.from(document.querySelectorAll('figure[data-chart]'));
    const live = document.documentElement.dataset.app === 'live' && !document.querySelector('[data-first-screen-picture]');
    const done = live && cards.length > 0 && cards.every((c) => c.dataset.status === 'empty' || c.dataset.status === 'error'
      || (c.dataset.status === 'data' && Array.from(c.querySelectorAll('.plot-host')).every((h) => Number(h.dataset.drawn || 0) > 1 && h.querySelector('svg'))));
    if (done) resolve(performance.now()); else requestAnimationFrame(check);
  };
  check();
})`;

/** In the page: fetches every URL as Arrow (bodies read whole) and resolves with performance.now(). */
const FETCH_ALL_SCRIPT = `((urls) => Promise.all(urls.map((u) => fetch(u, { headers: { Accept: 'application/vnd.apache.arrow.stream' } }).then((r) => r.arrayBuffer()))).then(() => performance.now()))`;

/** Resolves, inside the page, when every chart card has drawn its answer after `since` (Date.now). */
async function chartsDrawn(page: Page, since: number): Promise<number> {
  return page.evaluate(`(${DRAWN_SCRIPT})(${since})`) as Promise<number>;
}

const browser = await launchChromium();
try {
  // 1. What the first screen loads.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const scripts = new Set<string>();
  const firstScreenQueries = new Set<string>();
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('.js')) scripts.add(url.pathname.split('/').pop()!);
    if (url.pathname.startsWith('/api/queries/')) firstScreenQueries.add(r.url());
  });
  await page.goto(`${base}/#/`);
  await chartsDrawn(page, 0);
  const assets = join(DIST, 'assets');
  const all = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const size = (files: string[]) => files.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);
  const firstScreen = [...scripts].filter((f) => all.includes(f));
  console.log(
    `First screen (overview) JavaScript: ${firstScreen.length} files, ${(size(firstScreen) / 1024).toFixed(1)} KiB gzip (${firstScreen.join(', ')})`,
  );
  console.log(`Whole build: ${all.length} files, ${(size(all) / 1024).toFixed(1)} KiB gzip`);
  await context.close();

  // 2. Navigation → overview charts drawn, cold each time.
  const loads: number[] = [];
  const lives: number[] = [];
  let pictured = 0;
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const p = await ctx.newPage();
    await p.goto(`${base}/#/`, { waitUntil: 'commit' });
    loads.push(await chartsDrawn(p, 0));
    if (await p.evaluate('document.documentElement.dataset.app !== "live"')) pictured++;
    lives.push((await p.evaluate(`(${LIVE_SCRIPT})()`)) as number);
    await ctx.close();
  }
  // Baseline: a cold page of the same server (/health) that fetches the first screen's answers.
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.goto(`${base}/health`, { waitUntil: 'commit' });
    bare.push((await p.evaluate(`${FETCH_ALL_SCRIPT}(${JSON.stringify([...firstScreenQueries])})`)) as number);
    await ctx.close();
  }
  const loadRatio = percentile(loads, 50) / percentile(bare, 50);
  console.log(
    `Navigation → overview charts drawn (${runs} cold loads): median ${fmt(percentile(loads, 50))}, p95 ${fmt(percentile(loads, 95))}`,
  );
  console.log(
    `  baseline, a bare page fetching the same ${firstScreenQueries.size} answers: median ${fmt(percentile(bare, 50))}, p95 ${fmt(percentile(bare, 95))} → ratio ${loadRatio.toFixed(2)}×`,
  );
  console.log(`  drawn first by the service (index.html's first screen) in ${pictured} of ${runs} loads, by the app in the others`);
  console.log(
    `Navigation → app live, its own charts drawn: median ${fmt(percentile(lives, 50))}, p95 ${fmt(percentile(lives, 95))} → ratio ${(percentile(lives, 50) / percentile(bare, 50)).toFixed(2)}× the same baseline`,
  );

  // 3. Filter change → all charts redrawn.
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const p = await ctx.newPage();
  await p.goto(`${base}/#/`);
  await chartsDrawn(p, 0);
  const redraws: number[] = [];
  const refetches: number[] = [];
  let changed = new Set<string>();
  p.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/queries/')) changed.add(r.url());
  });
  for (let i = 0; i < runs; i++) {
    changed = new Set<string>();
    // The years the select offers (the period's, from the plans): each change picks another.
    const [started, since] = (await p.evaluate(`(() => {
      const select = Array.from(document.querySelectorAll('label')).find((l) => l.textContent.trim().startsWith('Từ năm')).querySelector('select');
      const values = Array.from(select.options).map((o) => o.value).filter((v) => v !== select.value);
      const t = performance.now(), since = Date.now();
      select.value = values[${i} % values.length];
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return [t, since];
    })()`)) as [number, number];
    redraws.push((await chartsDrawn(p, since)) - started);
    // Baseline: the answers this change asked for, fetched again by the same page with fetch()
    // alone (the service's answer cache is warm for them, as it is for most real changes).
    refetches.push(
      (await p.evaluate(
        `(async () => { const t = performance.now(); await ${FETCH_ALL_SCRIPT}(${JSON.stringify([...changed])}); return performance.now() - t; })()`,
      )) as number,
    );
  }
  console.log(
    `Filter change → charts redrawn (${runs} changes of "Từ năm"): median ${fmt(percentile(redraws, 50))}, p95 ${fmt(percentile(redraws, 95))}`,
  );
  console.log(
    `  baseline, the same answers fetched with fetch() alone: median ${fmt(percentile(refetches, 50))}, p95 ${fmt(percentile(refetches, 95))} → ratio ${(percentile(redraws, 50) / percentile(refetches, 50)).toFixed(2)}×`,
  );
  await ctx.close();
} finally {
  await browser.close();
  await demo?.stop();
}
