// Runs once before the system project's suites: finds and starts a Chromium, so a machine
// without one stops here with one line rather than failing suite after suite, then builds the
// dashboard once, as `npm run build` does (dist/dashboard, and dist/first-screen for the first
// screen the service draws; the demo the browser suites start serves them;
// testing/demoProcess.ts skips its own build when DASHBOARD_BUILT is set).
import { execFileSync } from 'node:child_process';
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
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] }); // warnings and errors only
  // Inherited by the test workers, which are forked after this returns.
  process.env.DASHBOARD_BUILT = '1';
}
