import { createHash } from 'node:crypto';

/**
 * The one inline script the dashboard runs, in <head> of a page carrying the first screen drawn
 * by the service (serveDashboardApp): the service cannot see the URL's #route, so when it names
 * another page than the overview, the picture is hidden (dashboard/app/firstScreen.css) before
 * anything is painted. The content security policy allows exactly this text, by its hash.
 */
export const FIRST_SCREEN_SCRIPT = `if(!/^(#\\/?)?$/.test(location.hash))document.documentElement.dataset.firstScreen='elsewhere'`;

/** The script-src source that allows FIRST_SCREEN_SCRIPT and nothing else. */
export const FIRST_SCREEN_SCRIPT_SOURCE = `'sha256-${createHash('sha256').update(FIRST_SCREEN_SCRIPT).digest('base64')}'`;
