// The first screen drawn by the reporting service: built by `vite build --ssr` into
// dist/first-screen and run in a worker of the service (dashboard/server/firstScreenPicture.ts).
import { render } from 'svelte/server';
import App from './App.svelte';
import { current, loadSnapshot } from './lib/snapshot.svelte.ts';
import { catalogue, loadCatalogue } from './lib/catalogue.svelte.ts';
import { plans } from './lib/plans.svelte.ts';
import { loadSession } from './lib/session.svelte.ts';
import { earlyAnswersIn, forgetEarlyAnswers, readEarlyAnswers } from './lib/query.ts';
import { serverDrawing } from './charts/serverDrawing.ts';

export interface FirstScreenPicture {
  /** The app's markup for the overview with the default filters, charts drawn (SVG). */
  html: string;
  /** The snapshot every figure in it comes from. */
  snapshotVersion: number;
}

/**
 * The overview as the app draws it on opening, as HTML, for index.html: the first screen shows
 * while the app's code loads, and the app replaces it, drawn the same, once it runs (main.ts).
 * It reads what the app reads, by the app's own code, from the service's own URLs (the worker's
 * fetch), as someone not signed in: no list naming people is on the overview. Null when any of
 * it is missing or refused (no snapshot, sign-in required, an answer from another snapshot).
 */
export async function renderFirstScreen(answerUrls: readonly string[], document: Document): Promise<FirstScreenPicture | null> {
  forgetEarlyAnswers();
  try {
    await Promise.all([loadSnapshot(), loadCatalogue(), loadSession(), readEarlyAnswers(answerUrls)]);
    const manifest = current.manifest;
    if (!manifest || current.error || !catalogue.loaded || catalogue.error || !plans.loaded || plans.error) return null;
    if (!earlyAnswersIn(answerUrls.length, manifest.version)) return null;
    serverDrawing.document = document;
    return { html: render(App).body, snapshotVersion: manifest.version };
  } finally {
    serverDrawing.document = null;
    forgetEarlyAnswers();
  }
}
