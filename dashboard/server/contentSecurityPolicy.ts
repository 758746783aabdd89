import type { MiddlewareHandler } from 'hono';
import type { IngestLocation } from './ingestLocation.ts';
import { FIRST_SCREEN_SCRIPT_SOURCE } from './firstScreenScript.ts';

/**
 * A second layer under the app's own escaping: the dashboard runs only its own scripts, and
 * talks to itself and to the ingest service, at the one origin the upload page is told
 * (GET /api/config: INGEST_PUBLIC_URL, else this host at INGEST_PORT), plus any origin given
 * in REPORTING_CSP_CONNECT (comma-separated); inline styles are allowed for the print setup.
 * 'unsafe-eval' stays: a chart library in the bundle compiles a small predicate with
 * Function() (found when the report page failed under a strict policy); inline scripts,
 * the usual injection route, remain forbidden but one, allowed by its hash (firstScreenScript.ts).
 */
export function contentSecurityPolicy(ingestLocation: IngestLocation, extraConnect: readonly string[] = []): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const ingestOrigin = new URL(ingestLocation(new URL(c.req.url))).origin;
    const policy = [
      "default-src 'self'",
      `script-src 'self' 'unsafe-eval' ${FIRST_SCREEN_SCRIPT_SOURCE}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src 'self' ${[ingestOrigin, ...extraConnect].join(' ')}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ');
    c.res.headers.set('Content-Security-Policy', policy);
  };
}
