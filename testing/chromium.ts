import { chromium, type Browser } from 'playwright-core';
import { resolveChromium } from './chromiumBinary.ts';

/**
 * Headless Chromium (Debian's, else the packaged one: testing/chromiumBinary.ts). The
 * background-networking flags matter here: without them Chromium keeps dialling Google's hosts,
 * which this machine's closed network refuses.
 */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  const { executablePath, env } = await resolveChromium();
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, env: { ...process.env, ...env } });
}
