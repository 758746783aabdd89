import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Picture } from './firstScreenPicture.ts';
import { FIRST_SCREEN_SCRIPT } from './firstScreenScript.ts';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const NOT_BUILT = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Bảng điều khiển chưa được dựng</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>Bảng điều khiển chưa được dựng</h1>
<p>Giao diện chưa được dựng (thư mục <code>dist/dashboard</code> chưa có). Hãy chạy <code>npm run build</code> rồi tải lại trang.</p>
<p>Các API báo cáo vẫn hoạt động: <a href="/api/queries">/api/queries</a>, <a href="/health">/health</a>.</p>
</body></html>`;

/** Text that compresses; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map', '.webmanifest']);
const MIN_COMPRESS_BYTES = 1024;
type Encoding = 'br' | 'gzip';

/** The encoding to answer with: br when the client takes it, else gzip, else none (q=0 refuses). */
export function chooseEncoding(acceptEncoding: string): Encoding | null {
  const accepted = new Map<string, number>();
  for (const item of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = item.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const takes = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return takes('br') ? 'br' : takes('gzip') ? 'gzip' : null;
}

/**
 * Compressed bodies, made on first request and kept for the life of the process (the build
 * does not change under a running server; the key has size and mtime in case it does). Brotli
 * at its best quality: about half a second once for the 557 KB bundle, then 557 KB → ~150 KB
 * on every load. The built app is small (well under 10 MB of text), so that part is unbounded.
 * index.html changes with the snapshot (its preloads, the first screen drawn into it): only its
 * newest form is kept, compressed at a quality that takes milliseconds, not half a second.
 */
const compressed = new Map<string, Promise<Uint8Array>>();
const newestVariant = new Map<string, string>();

function compressedBody(
  target: string,
  mtimeMs: number,
  size: number,
  encoding: Encoding,
  body: Buffer,
  variant: string,
): Promise<Uint8Array> {
  const file = `${encoding}:${target}:${size}:${mtimeMs}`;
  const key = `${file}:${variant}`;
  let entry = compressed.get(key);
  if (!entry) {
    const fast = variant !== '';
    entry =
      encoding === 'br'
        ? brotli(body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: fast ? 5 : constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          })
        : gzipAsync(body, { level: fast ? 6 : 9 });
    compressed.set(key, entry);
    entry.catch(() => compressed.delete(key)); // a failed compression is retried; the caller sees the error
    if (fast) {
      const older = newestVariant.get(file);
      if (older !== undefined && older !== key) compressed.delete(older);
      newestVariant.set(file, key);
    }
  }
  return entry;
}

/** What the service adds to index.html: the first screen's answers to preload, and the first screen drawn. */
export interface PageAdditions {
  preloads: readonly string[];
  picture: Picture | null;
}

const NOTHING_ADDED: PageAdditions = { preloads: [], picture: null };

/**
 * index.html with a `<link rel="preload">` per URL at the end of the body, after the app's own
 * script and style in the head and its own preloads: over HTTP/1.1's few connections the browser
 * asks in document order, and the code comes first. The URLs are the service's own (/api/…);
 * `&` is escaped for the attribute. With a picture (firstScreenPicture.ts), the app's element
 * holds it, inert (nothing in it answers a click until the app replaces it), and a script in
 * <head> hides it before anything is painted when the URL names another page
 * (firstScreenScript.ts; the policy allows that one inline script by its hash).
 */
function withAdditions(html: Buffer<ArrayBuffer>, { preloads, picture }: PageAdditions): Buffer<ArrayBuffer> {
  let text = html.toString('utf8');
  const end = text.lastIndexOf('</body>');
  if (preloads.length > 0 && end >= 0) {
    const at = text.lastIndexOf('\n', end) + 1; // the start of the </body> line
    const links = preloads
      .map(
        (url) =>
          `    <link rel="preload" as="fetch" crossorigin="anonymous" data-first-screen href="${url.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}" />\n`,
      )
      .join('');
    text = `${text.slice(0, at)}${links}${text.slice(at)}`;
  }
  const app = '<div id="app"></div>';
  const head = text.indexOf('</head>');
  if (picture && text.includes(app) && head >= 0) {
    text = `${text.slice(0, head)}  <script>${FIRST_SCREEN_SCRIPT}</script>\n  ${text.slice(head)}`.replace(
      app,
      // A function, so that "$&" or "$'" in a name is not read as a replacement pattern.
      () => `<div id="app"><div data-first-screen-picture="${picture.snapshotVersion}" inert>${picture.html}</div></div>`,
    );
  }
  return Buffer.from(text);
}

async function fileResponse(
  target: string,
  acceptEncoding: string,
  headers: Record<string, string>,
  additions: PageAdditions = NOTHING_ADDED,
): Promise<Response> {
  const body = withAdditions(await readFile(target), additions);
  if (!COMPRESSIBLE.has(extname(target).toLowerCase()) || body.length < MIN_COMPRESS_BYTES) return new Response(body, { headers });
  // Caches must keep the compressed and the plain answer apart.
  const vary = { ...headers, vary: 'Accept-Encoding' };
  const encoding = chooseEncoding(acceptEncoding);
  if (!encoding) return new Response(body, { headers: vary });
  const stat = statSync(target);
  const variant = `${additions.preloads.join(' ')}${additions.picture ? ` picture ${additions.picture.snapshotVersion}` : ''}`;
  const packed = await compressedBody(target, stat.mtimeMs, stat.size, encoding, body, variant);
  return new Response(packed as Uint8Array<ArrayBuffer>, { headers: { ...vary, 'content-encoding': encoding } });
}

/**
 * Serves the built Svelte app from `root`: a file when it exists (hashed assets cached for a
 * year), index.html for any other path (client-side routes), and a Vietnamese "not built" page
 * when the folder is missing. Paths cannot climb out of `root`. Text files go out brotli- or
 * gzip-compressed when the request's Accept-Encoding allows (the first screen loads faster on a slow provincial link), with `Vary`.
 * index.html carries what `additions()` gives: the first screen's answers to preload
 * (firstScreenPreloads.ts) and the first screen drawn (firstScreenPicture.ts).
 */
export async function serveDashboardApp(
  root: string,
  pathname: string,
  acceptEncoding = '',
  additions: () => PageAdditions = () => NOTHING_ADDED,
): Promise<Response> {
  if (!existsSync(join(root, 'index.html'))) {
    return new Response(NOT_BUILT, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
  }
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return new Response('Đường dẫn không hợp lệ', { status: 400 });
  }
  const target = normalize(join(root, relative));
  const inside = target === root || target.startsWith(root.endsWith(sep) ? root : root + sep);
  if (inside && !relative.includes('\0') && existsSync(target) && statSync(target).isFile()) {
    const immutable = relative.startsWith('/assets/');
    const page = target === join(root, 'index.html');
    return fileResponse(
      target,
      acceptEncoding,
      {
        'content-type': TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
      page ? additions() : NOTHING_ADDED,
    );
  }
  return fileResponse(
    join(root, 'index.html'),
    acceptEncoding,
    { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' },
    additions(),
  );
}
