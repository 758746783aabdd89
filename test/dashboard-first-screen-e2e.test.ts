// The first screen in real Chromium against the demo (scripts/start.ts): index.html preloads the
// overview's answers (dashboard/server/firstScreenPreloads.ts) and the catalogue, and the app's
// own requests take those answers: every answer the overview reads is fetched once, by its
// preload, and the page asks for no overview answer that was not preloaded. A link whose URL
// differed by one byte (parameter order, a default year) would show here as a second request.
import { describe, expect, it } from 'vitest';
import { OVERVIEW_QUERIES } from '../dashboard/server/firstScreenPreloads.ts';
import { useDemoAndBrowser } from './e2e-support.ts';

const running = useDemoAndBrowser();

/** Resolves in the page once every chart card has drawn its answer (or says it has none). */
const CHARTS_DRAWN = `new Promise((resolve) => {
  const check = () => {
    const cards = Array.from(document.querySelectorAll('figure[data-chart]'));
    const done = cards.length > 0 && cards.every((c) => c.dataset.status === 'empty' || c.dataset.status === 'error'
      || (c.dataset.status === 'data' && Array.from(c.querySelectorAll('.plot-host')).every((h) => h.querySelector('svg'))));
    if (done) resolve(cards.length); else requestAnimationFrame(check);
  };
  check();
})`;

const path = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

describe('the overview, opened cold', () => {
  it('fetches each of its answers once, by the preload index.html carries', async () => {
    const base = running.demo.dashboardUrl;
    const html = await (await fetch(`${base}/`)).text();
    const preloaded = [
      ...html.matchAll(/<link rel="preload" as="fetch" crossorigin="anonymous"(?: data-first-screen)? href="([^"]+)" \/>/g),
    ].map((m) => m[1]!.replaceAll('&amp;', '&'));
    const overviewPreloads = preloaded.filter((href) => OVERVIEW_QUERIES.some((name) => href.startsWith(`/api/queries/${name}?`)));
    expect(overviewPreloads).toHaveLength(OVERVIEW_QUERIES.length);

    const context = await running.browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const page = await context.newPage();
      const requested: string[] = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname.startsWith('/api/')) requested.push(path(r.url()));
      });
      await page.goto(`${base}/#/`);
      expect(await page.evaluate(CHARTS_DRAWN)).toBeGreaterThan(0);
      // Every preloaded URL (the overview's and the catalogue's) went out once: the app's fetch
      // took the preloaded answer instead of asking again.
      for (const href of preloaded)
        expect(
          requested.filter((r) => r === href),
          href,
        ).toHaveLength(1);
      // The overview asked for nothing else.
      const overviewRequests = requested.filter((r) => OVERVIEW_QUERIES.some((name) => r.startsWith(`/api/queries/${name}`)));
      expect(overviewRequests.sort()).toEqual([...overviewPreloads].sort());
      // And the page's own record says the preloads fetched them (initiator "link", not "fetch").
      const initiators = (await page.evaluate(
        `performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/queries/')).map((e) => [new URL(e.name).pathname + new URL(e.name).search, e.initiatorType])`,
      )) as [string, string][];
      for (const href of overviewPreloads)
        expect(
          initiators.filter(([name]) => name === href).map(([, by]) => by),
          href,
        ).toEqual(['link']);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('is drawn in one go: no card of the overview ever shows its loading state, and a filtered page still loads', async () => {
    const base = running.demo.dashboardUrl;
    const context = await running.browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      // Watches the page from its first byte: every card status and headline state seen.
      await context.addInitScript(`(() => {
        window.__seen = [];
        new MutationObserver(() => {
          for (const el of document.querySelectorAll('figure[data-chart], [role="status"]'))
            window.__seen.push(el.matches('figure') ? 'card:' + el.dataset.status : 'status:' + el.textContent.trim());
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
      })()`);
      const page = await context.newPage();
      await page.goto(`${base}/#/`);
      expect(await page.evaluate(CHARTS_DRAWN)).toBeGreaterThan(0);
      const seen = (await page.evaluate('window.__seen')) as string[];
      expect(seen.filter((s) => s.startsWith('card:')).length).toBeGreaterThan(0);
      expect(seen.filter((s) => s === 'card:loading' || s.startsWith('status:Đang tải'))).toEqual([]);

      // Another route (not the overview, or the overview with other filters): the app does not
      // wait for the first screen's answers, and its own requests bring the page.
      await page.goto(`${base}/#/?year_from=2021&year_to=2025`);
      await page.reload();
      expect(await page.evaluate(CHARTS_DRAWN)).toBeGreaterThan(0);
      await expect.poll(() => page.locator('h1').textContent()).toContain('2021');
    } finally {
      await context.close();
    }
  }, 120_000);
});
