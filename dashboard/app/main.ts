import { mount } from 'svelte';
import App from './App.svelte';
import { loadSnapshot } from './lib/snapshot.svelte.ts';
import { loadCatalogue } from './lib/catalogue.svelte.ts';
import { loadSession } from './lib/session.svelte.ts';
import { readEarlyAnswers } from './lib/query.ts';
import './firstScreen.css';

/** How long the app waits for the first screen's answers before it shows its loading states. */
const FIRST_SCREEN_WAIT_MS = 600;

// The first screen's answers (the overview's, with the default filters) are preloaded by
// index.html; the service marks them. Read before mounting, with the snapshot and the
// catalogue, the whole first screen is drawn at once. Another page, or the overview with
// filters in its URL (other answers), mounts without waiting for them.
const overview = /^(#\/?)?$/.test(location.hash);
const urls = [...document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][data-first-screen]')].map(
  (l) => l.getAttribute('href') ?? '',
);
const ready = Promise.all([loadSnapshot(), loadCatalogue(), overview ? readEarlyAnswers(urls) : undefined]);
void loadSession();
void Promise.race([ready, new Promise((resolve) => setTimeout(resolve, FIRST_SCREEN_WAIT_MS))]).then(() => {
  // The service may have drawn the first screen into the page (serveDashboardApp): the app takes
  // its place in one go. Its charts are drawn before the next paint (PlotHost's ResizeObserver
  // reports before painting), so the picture is followed by the same page, not a blank.
  const target = document.querySelector('#app')!;
  target.replaceChildren();
  mount(App, { target });
  document.documentElement.dataset.app = 'live';
});
