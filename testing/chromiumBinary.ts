// Which Chromium the browser suites, the screenshots and the dashboard bench drive. Debian's
// /usr/bin/chromium when it is there; otherwise the one that `npm ci` brings: @sparticuz/chromium
// ships a brotli-compressed headless Chromium (with the NSS libraries it links) inside its npm
// tarball, with no install script and no download, and is unpacked here on first use. The
// @expo-google-fonts Noto packages ship the Noto Sans/Serif TTFs the dashboard's CSS asks for, so
// Vietnamese renders on a machine without fonts-noto-core too.
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress } from 'node:zlib';

export interface ChromiumBinary {
  executablePath: string;
  /** Extra environment for the browser process (the packaged one's libraries and fonts). */
  env: Record<string, string>;
  source: 'CHROMIUM' | 'system' | 'packaged';
}

/** The one line to print when no Chromium can be had. */
export const CHROMIUM_MISSING =
  'No Chromium for the browser suites: run `apt-get install chromium fonts-noto-core` (or `npm ci` for the packaged one).';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * CHROMIUM (a path) wins; then Debian's (CHROMIUM_SYSTEM_PATH overrides where it is looked for,
 * so the fallback can be tried on a machine that has it); then the packaged one.
 */
export async function resolveChromium(): Promise<ChromiumBinary> {
  const explicit = process.env.CHROMIUM;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`CHROMIUM=${explicit} does not exist`);
    return { executablePath: explicit, env: {}, source: 'CHROMIUM' };
  }
  const system = process.env.CHROMIUM_SYSTEM_PATH ?? '/usr/bin/chromium';
  if (existsSync(system)) return { executablePath: system, env: {}, source: 'system' };
  return packagedChromium();
}

function packageDir(name: string): string | undefined {
  try {
    // Resolves to the package's entry file; its folder (or the one above build/) is the package.
    let dir = dirname(require.resolve(name));
    while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
    return dir;
  } catch {
    return undefined;
  }
}

async function packagedChromium(): Promise<ChromiumBinary> {
  const pkg = packageDir('@sparticuz/chromium');
  if (!pkg) throw new Error(CHROMIUM_MISSING);
  const version = (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
  // Inside node_modules: `npm ci` clears it with the package, and no other project shares it.
  const dir = join(ROOT, 'node_modules', '.cache', `packaged-chromium-${version}`);
  if (!existsSync(join(dir, 'chromium'))) await unpack(join(pkg, 'bin'), dir);
  return {
    executablePath: join(dir, 'chromium'),
    env: {
      LD_LIBRARY_PATH: [join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: join(dir, 'fonts.conf'),
    },
    source: 'packaged',
  };
}

/**
 * Unpacks into a private folder, then renames it into place: suites that start at the same time
 * each unpack (a second or two), and whichever renames first is the one all of them use.
 */
async function unpack(bin: string, dir: string): Promise<void> {
  const work = `${dir}.${process.pid}.tmp`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    await pipeline(
      createReadStream(join(bin, 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(join(work, 'chromium'), { mode: 0o755 }),
    );
    // lib/: libnss3, libnspr4, libexpat and friends, which a machine without Debian's Chromium may lack.
    await pipeline(createReadStream(join(bin, 'al2023.tar.br')), createBrotliDecompress(), createWriteStream(join(work, 'lib.tar')));
    execFileSync('tar', ['-xf', join(work, 'lib.tar'), '-C', work]);
    rmSync(join(work, 'lib.tar'));
    writeFileSync(join(work, 'fonts.conf'), fontsConf(dir));
    try {
      renameSync(work, dir);
    } catch (error) {
      if (!existsSync(join(dir, 'chromium'))) throw error;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The system's fonts (if any) plus the packaged Noto Sans and Noto Serif. */
function fontsConf(dir: string): string {
  const fontDirs = ['@expo-google-fonts/noto-sans', '@expo-google-fonts/noto-serif']
    .map(packageDir)
    .filter((d): d is string => d !== undefined);
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    ...fontDirs.map((d) => `  <dir>${d}</dir>`),
    `  <cachedir>${join(dir, 'fontconfig-cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}
