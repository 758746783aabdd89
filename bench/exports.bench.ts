/**
 * Export memory benchmark (the export limit: docs/architecture.md#security): 8 clients ask at once for different (so uncached)
 * 100,000-row register XLSX exports from a real reporting process; prints what each got,
 * the process's peak RSS (/proc/<pid>/status VmHWM) and /health latency meanwhile.
 * Then the same 8 exports by clients that wait for Retry-After on a 429.
 *
 *   tsx bench/exports.bench.ts            (BENCH_EXPORT_SCALE=20: ~140,000 exemplars)
 *   BENCH_REPORTING_ROOT=/tmp/old tsx bench/exports.bench.ts   runs another checkout's service
 *                                          (for a before/after comparison; it ignores the token)
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { freePort } from '../testing/serviceProcess.ts';
import { demoDataDir } from '../testing/demoDataDir.ts';

const SCALE = Number(process.env.BENCH_EXPORT_SCALE ?? 20);
const CLIENTS = 8;
const ROWS = 100_000;
const ROOT = process.env.BENCH_REPORTING_ROOT ?? fileURLToPath(new URL('../', import.meta.url));

/** A field of /proc/<pid>/status in kB (NaN once the process is gone). */
const statusKb = (pid: number, field: 'VmHWM' | 'VmRSS'): number => {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN; // the process has exited (the old service ran out of heap here)
  }
};
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

async function main(): Promise<void> {
  const dataDir = await demoDataDir(SCALE, (line) => console.log(line));
  const token = randomBytes(24).toString('hex');
  const viewersFile = join(dataDir, 'viewers.bench.json');
  writeFileSync(viewersFile, JSON.stringify([{ label: 'bench: toàn tỉnh', agency: '*', token }]), { mode: 0o600 });
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'dashboard/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DASHBOARD_PORT: String(port), REPORTING_VIEWERS_FILE: viewersFile },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`reporting service exited with ${child.exitCode}`);
      const ok = await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (i > 1200) throw new Error('reporting service did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const pid = child.pid!;
    const headers = { Authorization: `Bearer ${token}` };
    const timeHealth = async () => {
      const t = performance.now();
      try {
        await (await fetch(`${base}/health`)).arrayBuffer();
        return performance.now() - t;
      } catch {
        return Infinity;
      }
    };
    const idle: number[] = [];
    for (let i = 0; i < 10; i++) idle.push(await timeHealth());
    console.log(
      `service ${ROOT} on ${dataDir} (scale ${SCALE}); RSS at rest ${mb(statusKb(pid, 'VmRSS'))}, /health p50 ${pct(idle, 50).toFixed(1)} ms`,
    );

    const round = async (title: string, retry: boolean) => {
      const startHwm = statusKb(pid, 'VmHWM');
      let hwm = startHwm;
      const health: number[] = [];
      let running = true;
      const poller = (async () => {
        while (running && child.exitCode === null && !child.signalCode) {
          health.push(await timeHealth());
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      // VmHWM is the lifetime peak; sampled, so a process that dies mid-round still reports one.
      const sampler = setInterval(() => {
        const now = statusKb(pid, 'VmHWM');
        if (now > hwm) hwm = now;
      }, 50);
      const started = performance.now();
      const outcomes = await Promise.all(
        Array.from({ length: CLIENTS }, async (_, i) => {
          const url = `${base}/api/queries/exemplar_register?limit=${ROWS}&offset=${i + (retry ? CLIENTS : 0)}&format=xlsx`;
          const statuses: number[] = [];
          for (;;) {
            let res: Response;
            let body: Uint8Array;
            try {
              res = await fetch(url, { headers });
              body = new Uint8Array(await res.arrayBuffer());
            } catch (error) {
              statuses.push(0);
              return {
                statuses,
                bytes: 0,
                seconds: (performance.now() - started) / 1000,
                retryAfter: `(failed: ${(error as Error).message})`,
              };
            }
            statuses.push(res.status);
            if (res.status === 429 && retry) {
              await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
              continue;
            }
            return {
              statuses,
              bytes: body.byteLength,
              seconds: (performance.now() - started) / 1000,
              retryAfter: res.headers.get('retry-after'),
            };
          }
        }),
      );
      running = false;
      await poller;
      clearInterval(sampler);
      hwm = Math.max(hwm, statusKb(pid, 'VmHWM') || 0);
      console.log(`\n## ${title}`);
      for (const [i, o] of outcomes.entries()) {
        console.log(
          `client ${i + 1}: ${o.statuses.join(' → ')}, ${(o.bytes / 1024 / 1024).toFixed(2)} MB, done at ${o.seconds.toFixed(1)} s${o.retryAfter ? `, Retry-After ${o.retryAfter}` : ''}`,
        );
      }
      const failedHealth = health.filter((t) => t === Infinity).length;
      console.log(
        `peak RSS (VmHWM) ${mb(hwm)}${hwm > startHwm ? '' : ' (no new peak in this round)'}${child.exitCode !== null || child.signalCode ? `; the service DIED (${child.exitCode ?? child.signalCode})` : ''}; ` +
          `/health during: ${health.length} requests${failedHealth ? ` (${failedHealth} failed)` : ''}, p50 ${pct(health, 50).toFixed(1)} ms, p95 ${pct(health, 95).toFixed(1)} ms, max ${Math.max(...health).toFixed(1)} ms`,
      );
      if (child.exitCode !== null || child.signalCode) throw new Error('the reporting service died during the round');
    };
    await round(`${CLIENTS} parallel uncached ${ROWS.toLocaleString('en')}-row register XLSX exports`, false);
    await round(`${CLIENTS} more, clients wait for Retry-After on 429`, true);
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
