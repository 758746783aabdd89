// Runs once before the system project's suites: finds and starts a Chromium, so a machine
// without one stops here with one line rather than failing suite after suite, then builds the
// dashboard into dist/dashboard once (the demo the browser suites start serves it;
// testing/demoProcess.ts skips its own build when DASHBOARD_BUILT is set).
import { build } from 'vite';
import { launchChromium } from '../testing/chromium.ts';
import { CHROMIUM_MISSING, resolveChromium } from '../testing/chromiumBinary.ts';

export default async function setup(): Promise<void> {
  try {
    const chromium = await resolveChromium();
    await (await launchChromium()).close();
    console.log(`Chromium: ${chromium.source}, ${chromium.executablePath}`);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(detail === CHROMIUM_MISSING ? CHROMIUM_MISSING : `${CHROMIUM_MISSING} (${detail})`);
  }
  await build({ configFile: 'vite.config.ts', logLevel: 'error' });
  // Inherited by the test workers, which are forked after this returns.
  process.env.DASHBOARD_BUILT = '1';
}
