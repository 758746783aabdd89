/**
 * Where the browser reaches the ingest service, said once for the upload page (GET /api/config)
 * and for the Content-Security-Policy's connect-src, so one setting serves both:
 * INGEST_PUBLIC_URL (e.g. https://nhaplieu.example.gov.vn behind a proxy), else the host the
 * page was requested on, at INGEST_PORT (8787 by default).
 */
export type IngestLocation = (requestUrl: URL) => string;

/** Reads INGEST_PUBLIC_URL / INGEST_PORT once; a malformed value throws here, at start. */
export function ingestLocationFromEnv(env: NodeJS.ProcessEnv = process.env): IngestLocation {
  const publicUrl = env.INGEST_PUBLIC_URL?.trim();
  if (publicUrl) {
    let parsed: URL;
    try {
      parsed = new URL(publicUrl);
    } catch {
      throw new Error(`INGEST_PUBLIC_URL must be an absolute http(s) URL, got "${publicUrl}"`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new Error(`INGEST_PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`);
    const fixed = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
    return () => fixed;
  }
  const rawPort = env.INGEST_PORT?.trim() || '8787';
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`INGEST_PORT must be a port number (1–65535), got "${rawPort}"`);
  return (requestUrl) => `${requestUrl.protocol}//${hostLiteral(requestUrl.hostname)}:${port}`;
}

/** URL.hostname keeps the brackets of an IPv6 literal in Node; add them if a caller strips them. */
function hostLiteral(hostname: string): string {
  return hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
}
