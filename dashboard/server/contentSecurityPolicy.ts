import type { MiddlewareHandler } from 'hono';

/**
 * A second layer under the app's own escaping: the dashboard runs only its own scripts, and
 * talks to itself and to the ingest service. The upload page reaches the ingest service on
 * the same host (another port, 8787 by default) or on an origin given in
 * REPORTING_CSP_CONNECT (comma-separated); inline styles are allowed for the print setup.
 * 'unsafe-eval' stays: a chart library in the bundle compiles a small predicate with
 * Function() (found when the report page failed under a strict policy); inline scripts,
 * the usual injection route, remain forbidden.
 */
export function contentSecurityPolicy(extraConnect: readonly string[] = []): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const url = new URL(c.req.url);
    const sameHostAnyPort = `${url.protocol}//${url.hostname}:*`;
    const policy = [
      "default-src 'self'",
      "script-src 'self' 'unsafe-eval'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src 'self' ${[sameHostAnyPort, ...extraConnect].join(' ')}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ');
    c.res.headers.set('Content-Security-Policy', policy);
  };
}
