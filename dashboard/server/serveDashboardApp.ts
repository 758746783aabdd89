import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

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

/**
 * Serves the built Svelte app from `root`: a file when it exists (hashed assets cached for a
 * year), index.html for any other path (client-side routes), and a Vietnamese "not built" page
 * when the folder is missing. Paths cannot climb out of `root`.
 */
export async function serveDashboardApp(root: string, pathname: string): Promise<Response> {
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
    return new Response(await readFile(target), {
      headers: {
        'content-type': TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
    });
  }
  return new Response(await readFile(join(root, 'index.html')), { headers: { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' } });
}
