import { randomBytes } from 'node:crypto';
import type { ViewerEntry } from '../dashboard/server/viewerTokens.ts';

/** Where the demo writes its viewers (REPORTING_VIEWERS_FILE), beside tokens.demo.json. */
export const DEMO_VIEWERS_FILE = 'viewers.demo.json';

/**
 * The demo's viewer tokens (README, "Read access"), new at every start like the upload tokens: one reads the
 * whole province, one only Sở Y tế's rows. Write them as JSON to the file named by
 * REPORTING_VIEWERS_FILE before the reporting service starts.
 */
export function demoViewers(): ViewerEntry[] {
  return [
    { label: 'demo: Sở Nội vụ (toàn tỉnh)', agency: '*', token: `demo-xem-tinh-${randomBytes(12).toString('hex')}` },
    { label: 'demo: Sở Y tế', agency: 'SYT', token: `demo-xem-syt-${randomBytes(12).toString('hex')}` },
  ];
}
