/**
 * Charts drawn where there is no browser: the reporting service draws the first screen once per
 * snapshot (firstScreen.server.ts, run by dashboard/server/firstScreenPicture.ts), with a DOM of
 * its own for Plot. `document` is set there alone; in the browser it stays null.
 */
export const serverDrawing: { document: Document | null } = { document: null };

/**
 * The widths the overview's layout gives its charts on a 1366 px desktop screen (the service
 * cannot measure): the content is 1320 px (main's max-width; its padding is outside), a chart
 * card's drawing area 34 px less (1rem padding and 1 px border a side), and the grid of small
 * cards two columns 1.25rem apart. The browser draws each chart again at its own width (a
 * Chromium test measures these on the app's own overview).
 */
export const SERVER_FULL_WIDTH = 1286;
export const SERVER_HALF_WIDTH = 616;

/** Context key: the width the service draws the charts below at (ServerWidth.svelte). */
export const SERVER_WIDTH = Symbol('server chart width');
