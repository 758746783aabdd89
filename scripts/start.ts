/**
 * The README's start command (after `npm ci` and the dashboard build): prepares the data
 * folder, loads the synthetic demo data set into an empty database, publishes the first
 * snapshot, then runs the ingest service and the reporting service as two supervised
 * processes (one that crashes is restarted, the other keeps serving) and prints where they
 * answer and how to upload. Ctrl+C or SIGTERM stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { prepareDemoDatabase } from './prepareDemoDatabase.ts';
import { DEMO_VIEWERS_FILE, demoViewers } from './demoViewers.ts';
import { superviseProcess, type SupervisedProcess } from './superviseProcess.ts';

const dataDir = resolve(process.env.DATA_DIR ?? 'data');
const ingestPort = Number(process.env.INGEST_PORT ?? 8787);
const dashboardPort = Number(process.env.DASHBOARD_PORT ?? 8788);
// Loopback unless the operator opens the services (HOST=0.0.0.0, or one address of this machine).
const host = process.env.HOST || '127.0.0.1';
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

// Viewers who may read the lists that name people (the register, the delegate list): in demo
// mode, new at every start like the upload tokens.
const viewersFile = process.env.REPORTING_VIEWERS_FILE ?? join(dataDir, DEMO_VIEWERS_FILE);
const viewers = demo ? demoViewers() : [];
if (demo) writeFileSync(viewersFile, JSON.stringify(viewers, null, 2), { mode: 0o600 });
else if (!existsSync(viewersFile)) console.warn(`Không có tệp người xem ${viewersFile}: danh sách có tên người sẽ không ai xem được.`);

/** What each service is started with: its entry point and its own settings (DATA_DIR and HOST are shared). */
const serviceSpecs = [
  {
    name: 'ingest',
    entry: 'ingest/server/main.ts',
    port: ingestPort,
    env: { INGEST_PORT: String(ingestPort), INGEST_TOKENS_FILE: tokensFile },
  },
  {
    name: 'dashboard',
    entry: 'dashboard/server/main.ts',
    port: dashboardPort,
    // A viewers file that does not exist stops the reporting service; without one, nobody reads the lists naming people.
    // INGEST_PORT tells the upload page where the ingest service answers (GET /api/config);
    // INGEST_PUBLIC_URL, when set, reaches the child with the rest of the environment and wins.
    env: {
      DASHBOARD_PORT: String(dashboardPort),
      INGEST_PORT: String(ingestPort),
      ...(existsSync(viewersFile) ? { REPORTING_VIEWERS_FILE: viewersFile } : {}),
    },
  },
];

/** Copies a child's output line by line, each line prefixed with the service's name. */
function prefixLines(from: Readable | null, to: Writable, name: string): void {
  let rest = '';
  from?.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) if (line) to.write(line.startsWith(`[${name}]`) ? `${line}\n` : `[${name}] ${line}\n`);
  });
  from?.on('end', () => rest && to.write(`[${name}] ${rest}\n`));
}

function spawnService(spec: (typeof serviceSpecs)[number]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', spec.entry], {
    env: { ...process.env, DATA_DIR: dataDir, HOST: host, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(child.stdout, process.stdout, spec.name);
  prefixLines(child.stderr, process.stderr, spec.name);
  return child;
}

const services: SupervisedProcess[] = serviceSpecs.map((spec) =>
  superviseProcess({ name: spec.name, spawnChild: () => spawnService(spec), log: (line) => console.error(line) }),
);

let stopping = false;
async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(services.map((s) => s.stop('SIGTERM')));
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
// Nothing left to serve: every service has given up.
void Promise.all(services.map((s) => s.finished)).then(() => {
  if (stopping) return;
  console.error('[supervisor] no service is running any more; stopping.');
  void stopAll(1);
});

/** The host in the printed URLs (a browser or curl on this machine) and the one this script probes. */
function urlHosts(bound: string): { shown: string; probe: string } {
  const literal = bound.includes(':') ? `[${bound}]` : bound;
  const local = ['127.0.0.1', 'localhost', '0.0.0.0', '::'].includes(bound);
  // localhost also answers where it resolves to ::1 first (curl and browsers fall back to
  // 127.0.0.1); the probe uses the address itself, since Node's fetch does not when ::1 is all /etc/hosts says.
  return { shown: local ? 'localhost' : literal, probe: bound === '0.0.0.0' ? '127.0.0.1' : bound === '::' ? '[::1]' : literal };
}

/** True once `url` answers 2xx; false if the service has given up first. */
async function waitForHealth(url: string, service: SupervisedProcess): Promise<boolean> {
  for (;;) {
    if (service.state() === 'gave-up' || service.state() === 'stopped') return false;
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return true;
    } catch {
      // not listening yet (or restarting): the supervisor logs why; try again
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

const { shown, probe } = urlHosts(host);
const ingestUrl = `http://${shown}:${ingestPort}`;
const dashboardUrl = `http://${shown}:${dashboardPort}`;
const [ingestService, dashboardService] = services as [SupervisedProcess, SupervisedProcess];
const [ingestUp, dashboardUp] = await Promise.all([
  waitForHealth(`http://${probe}:${ingestPort}/health`, ingestService),
  waitForHealth(`http://${probe}:${dashboardPort}/health`, dashboardService),
]);
const c = prepared.counts;
const notRunning = (name: string) => `  ${name}: KHÔNG CHẠY ĐƯỢC (xem các dòng [supervisor] ở trên)`;
const lines = [
  '',
  'Điển hình tiên tiến tỉnh Hưng Yên — đang chạy',
  ...(dashboardUp
    ? [`  Bảng điều khiển (dashboard):   ${dashboardUrl}/`, `  Dịch vụ báo cáo, tình trạng:   ${dashboardUrl}/health`]
    : [notRunning('Dịch vụ báo cáo (dashboard)')]),
  ...(ingestUp
    ? [`  Dịch vụ nhập liệu, tình trạng: ${ingestUrl}/health`, `  Mẫu tệp nhập liệu (XLSX):      ${ingestUrl}/api/template.xlsx`]
    : [notRunning('Dịch vụ nhập liệu (ingest)')]),
  `  Dữ liệu: ${c.recognitions.toLocaleString('vi-VN')} lượt công nhận, ${c.exemplars.toLocaleString('vi-VN')} điển hình, ${c.agencies} cơ quan, snapshot ${prepared.snapshot}${prepared.synthetic ? ' (DỮ LIỆU MINH HỌA, TỔNG HỢP NGẪU NHIÊN)' : ''}`,
  `  Dịch vụ nghe trên ${host}${host === '127.0.0.1' ? ' (chỉ máy này; HOST=0.0.0.0 để mở)' : ''}; dịch vụ nào dừng bất thường sẽ được khởi động lại.`,
];
if (demo) {
  const [snv, syt] = demoTokens;
  const uploadHost = `${shown}:${ingestPort}`;
  lines.push(
    '',
    'Token demo (chỉ có ở chế độ demo, đổi mỗi lần khởi động):',
    ...demoTokens.map((t) => `  ${t.label}: ${t.token}`),
    '',
    'Mã xem dữ liệu demo (đăng nhập trên bảng điều khiển để xem danh sách có tên người):',
    ...viewers.map((v) => `  ${v.label}: ${v.token}`),
    '',
    'Tải lên danh sách của Sở Y tế (chạy thử, không ghi):',
    `  curl -s -H "Authorization: Bearer ${syt!.token}" -F file=@fixtures/samples/SYT_2024_excel.csv -F dry_run=1 ${uploadHost}/api/uploads`,
    'Sở Nội vụ tải lên cho một cơ quan khác:',
    `  curl -s -H "Authorization: Bearer ${snv!.token}" -F agency=KHOAICHAU -F file=@fixtures/samples/KHOAICHAU_2024_cp1258.csv ${uploadHost}/api/uploads`,
  );
}
// Stopped while waiting (Ctrl+C): stopAll exits, nothing to announce.
if (!stopping) console.log(lines.join('\n'));
