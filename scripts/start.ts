/**
 * The README's start command (after `npm ci` and the dashboard build): prepares the data
 * folder, loads the synthetic demo data set into an empty database, publishes the first
 * snapshot, then starts the ingest service and the reporting service as two processes and
 * prints where they answer and how to upload.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { prepareDemoDatabase } from './prepareDemoDatabase.ts';

const dataDir = resolve(process.env.DATA_DIR ?? 'data');
const ingestPort = Number(process.env.INGEST_PORT ?? 8787);
const dashboardPort = Number(process.env.DASHBOARD_PORT ?? 8788);
const demo = process.env.DEMO !== '0';

mkdirSync(dataDir, { recursive: true });
const prepared = await prepareDemoDatabase(dataDir, { loadDemo: demo });

// Demo tokens exist only in demo mode and are new at every start.
const tokensFile = process.env.INGEST_TOKENS_FILE ?? join(dataDir, 'tokens.demo.json');
const demoTokens = demo
  ? [
      { label: 'demo: Sở Nội vụ (toàn tỉnh)', agency: '*', token: `demo-snv-${randomBytes(12).toString('hex')}` },
      { label: 'demo: Sở Y tế', agency: 'SYT', token: `demo-syt-${randomBytes(12).toString('hex')}` },
      { label: 'demo: Huyện Khoái Châu', agency: 'KHOAICHAU', token: `demo-kc-${randomBytes(12).toString('hex')}` },
    ]
  : [];
if (demo) writeFileSync(tokensFile, JSON.stringify(demoTokens, null, 2), { mode: 0o600 });
else if (!existsSync(tokensFile)) console.warn(`Không có tệp token ${tokensFile}: dịch vụ nhập liệu sẽ từ chối mọi lượt tải lên.`);

const children: ChildProcess[] = [];
function start(name: string, entry: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { ...process.env, DATA_DIR: dataDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (line: string) => (line.startsWith(`[${name}]`) ? line : `[${name}] ${line}`);
  child.stdout?.on('data', (b: Buffer) => process.stdout.write(b.toString().split('\n').filter(Boolean).map(prefix).join('\n') + '\n'));
  child.stderr?.on('data', (b: Buffer) => process.stderr.write(b.toString().split('\n').filter(Boolean).map(prefix).join('\n') + '\n'));
  child.on('exit', (code, signal) => {
    console.error(`[${name}] stopped (code ${code ?? '-'}, signal ${signal ?? '-'})`);
    shutdown(code ?? 1);
  });
  children.push(child);
  return child;
}

let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

start('ingest', 'ingest/server/main.ts', { INGEST_PORT: String(ingestPort), INGEST_TOKENS_FILE: tokensFile });
start('dashboard', 'dashboard/server/main.ts', { DASHBOARD_PORT: String(dashboardPort) });

async function waitFor(url: string, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet: retry until the deadline
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${seconds}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const ingestUrl = `http://localhost:${ingestPort}`;
const dashboardUrl = `http://localhost:${dashboardPort}`;
await Promise.all([waitFor(`${ingestUrl}/health`, 120), waitFor(`${dashboardUrl}/health`, 120)]);

const c = prepared.counts;
const lines = [
  '',
  'Điển hình tiên tiến tỉnh Hưng Yên 2021–2025 — đang chạy',
  `  Bảng điều khiển (dashboard):   ${dashboardUrl}/`,
  `  Dịch vụ báo cáo, tình trạng:   ${dashboardUrl}/health`,
  `  Dịch vụ nhập liệu, tình trạng: ${ingestUrl}/health`,
  `  Mẫu tệp nhập liệu (XLSX):      ${ingestUrl}/api/template.xlsx`,
  `  Dữ liệu: ${c.recognitions.toLocaleString('vi-VN')} lượt công nhận, ${c.exemplars.toLocaleString('vi-VN')} điển hình, ${c.agencies} cơ quan, snapshot ${prepared.snapshot}${prepared.synthetic ? ' (DỮ LIỆU MINH HỌA, TỔNG HỢP NGẪU NHIÊN)' : ''}`,
];
if (demo) {
  const [snv, syt] = demoTokens;
  lines.push(
    '',
    'Token demo (chỉ có ở chế độ demo, đổi mỗi lần khởi động):',
    ...demoTokens.map((t) => `  ${t.label}: ${t.token}`),
    '',
    'Tải lên danh sách của Sở Y tế (chạy thử, không ghi):',
    `  curl -s -H "Authorization: Bearer ${syt!.token}" -F file=@fixtures/samples/SYT_2024_excel.csv -F dry_run=1 localhost:${ingestPort}/api/uploads`,
    'Sở Nội vụ tải lên cho một cơ quan khác:',
    `  curl -s -H "Authorization: Bearer ${snv!.token}" -F agency=KHOAICHAU -F file=@fixtures/samples/KHOAICHAU_2024_cp1258.csv localhost:${ingestPort}/api/uploads`,
  );
}
console.log(lines.join('\n'));
