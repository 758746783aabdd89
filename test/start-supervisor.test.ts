// `npm start` supervises its two services (docs/architecture.md#the-pair): a crashed service is restarted with
// exponential backoff while the other keeps serving; Ctrl+C / SIGTERM stops both for good;
// both listen on loopback unless HOST opens them. Real processes throughout.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../testing/serviceProcess.ts';
import { DEFAULT_RESTART_POLICY, restartDelay, superviseProcess, type SupervisedProcess } from '../scripts/superviseProcess.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A tiny child: `node -e <code>`. */
const nodeChild = (code: string) => () => spawn(process.execPath, ['-e', code], { stdio: 'ignore' });

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/** Whether a TCP connection to host:port is accepted (true) or refused (false). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setTimeout(3000, () => {
      socket.destroy();
      reject(new Error(`connection to ${host}:${port} neither accepted nor refused in 3 s`));
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' ? resolve(false) : reject(error)));
  });
}

/** This machine's first non-loopback IPv4 address, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

async function status(url: string): Promise<number | 'refused'> {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 'refused';
  }
}

describe('superviseProcess: restart schedule', () => {
  const supervised: SupervisedProcess[] = [];
  afterEach(async () => {
    await Promise.all(supervised.splice(0).map((s) => s.stop('SIGKILL')));
  });

  it('doubles the delay from 0.5 s to the 30 s cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => restartDelay(n, DEFAULT_RESTART_POLICY));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('restarts a child that keeps failing with growing delays, logs each exit, and gives up after N quick failures', async () => {
    const lines: string[] = [];
    const starts: number[] = [];
    const s = superviseProcess({
      name: 'exit3',
      spawnChild: () => {
        starts.push(Date.now());
        return nodeChild('process.exit(3)')();
      },
      log: (line) => lines.push(line),
      policy: { initialDelayMs: 100, maxDelayMs: 400, stableAfterMs: 10_000, giveUpAfter: 6 },
    });
    supervised.push(s);
    expect(await s.finished).toBe('gave-up');
    expect(s.state()).toBe('gave-up');
    expect(s.restarts()).toBe(5);
    expect(starts).toHaveLength(6);
    // Each gap is the child's own run (a node start-up) plus the backoff: at least the delay.
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    [100, 200, 400, 400, 400].forEach((delay, i) => expect(gaps[i]).toBeGreaterThanOrEqual(delay));
    const restartLines = lines.filter((l) => l.includes('restarting in'));
    expect(restartLines.map((l) => /restarting in ([\d.]+) s \(attempt (\d+)/.exec(l)!.slice(1).join(' '))).toEqual([
      '0.1 1',
      '0.2 2',
      '0.4 3',
      '0.4 4',
      '0.4 5',
    ]);
    expect(restartLines.every((l) => l.startsWith('[supervisor] exit3 exited with code 3 after'))).toBe(true);
    expect(lines.filter((l) => /^\[supervisor\] started exit3 pid=\d+/.test(l))).toHaveLength(6);
    expect(lines.at(-1)).toMatch(/exit3 exited with code 3 .*6 failures in a row.*giving up/);
  });

  it('starts the backoff afresh after a run that lasted stableAfterMs, and never gives up on such runs', async () => {
    const lines: string[] = [];
    const s = superviseProcess({
      name: 'steady',
      spawnChild: nodeChild('setTimeout(() => process.exit(0), 300)'),
      log: (line) => lines.push(line),
      policy: { initialDelayMs: 50, maxDelayMs: 1000, stableAfterMs: 200, giveUpAfter: 2 },
    });
    supervised.push(s);
    const until = Date.now() + 20_000;
    while (s.restarts() < 4 && Date.now() < until) await sleep(50);
    expect(s.restarts()).toBeGreaterThanOrEqual(4);
    const delays = lines.filter((l) => l.includes('restarting in')).map((l) => /restarting in ([\d.]+) s/.exec(l)![1]);
    expect(delays.length).toBeGreaterThanOrEqual(3);
    expect(new Set(delays)).toEqual(new Set(['0.05']));
    expect(lines.filter((l) => l.includes('exited with code 0'))).toHaveLength(delays.length);
    expect(s.state()).not.toBe('gave-up');
  });

  it('stop() while waiting to restart cancels the restart', async () => {
    const lines: string[] = [];
    const s = superviseProcess({
      name: 'waiter',
      spawnChild: nodeChild('process.exit(1)'),
      log: (l) => lines.push(l),
      policy: { initialDelayMs: 1000 },
    });
    supervised.push(s);
    const until = Date.now() + 10_000;
    while (s.state() !== 'waiting' && Date.now() < until) await sleep(20);
    expect(s.state()).toBe('waiting');
    await s.stop();
    expect(await s.finished).toBe('stopped');
    await sleep(1300);
    expect(s.restarts()).toBe(0);
    expect(lines.filter((l) => l.includes('started waiter'))).toHaveLength(1);
  });

  it('stop() sends SIGTERM, then SIGKILL to a child that ignores it, and does not restart it', async () => {
    const lines: string[] = [];
    const s = superviseProcess({
      name: 'stubborn',
      spawnChild: nodeChild("process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"),
      log: (l) => lines.push(l),
      policy: { stopGraceMs: 300 },
    });
    supervised.push(s);
    await sleep(500); // let node install its SIGTERM handler
    const pid = s.pid()!;
    expect(isAlive(pid)).toBe(true);
    await s.stop();
    expect(isAlive(pid)).toBe(false);
    expect(s.state()).toBe('stopped');
    expect(lines.some((l) => l.includes('stubborn still running 0.3 s after SIGTERM: SIGKILL'))).toBe(true);
    await sleep(700);
    expect(s.restarts()).toBe(0);
  });

  it('reports a child that cannot be spawned at all, and gives up on it', async () => {
    const lines: string[] = [];
    const s = superviseProcess({
      name: 'missing',
      spawnChild: () => spawn('/nonexistent/hy-service', [], { stdio: 'ignore' }),
      log: (l) => lines.push(l),
      policy: { initialDelayMs: 20, giveUpAfter: 3 },
    });
    supervised.push(s);
    expect(await s.finished).toBe('gave-up');
    expect(lines.filter((l) => l.includes('missing could not start (spawn /nonexistent/hy-service ENOENT)'))).toHaveLength(3);
  });
});

/** scripts/start.ts as `npm start` runs it (after the build), on a temp DATA_DIR and free ports. */
interface StartProcess {
  child: ChildProcess;
  dataDir: string;
  ingestPort: number;
  dashboardPort: number;
  output: () => string;
  waitFor(pattern: RegExp, seconds?: number, from?: number): Promise<RegExpExecArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: StartProcess[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) {
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
    await Promise.race([s.exited, sleep(15_000)]);
    rmSync(s.dataDir, { recursive: true, force: true });
  }
});

async function runStart(env: Record<string, string>): Promise<StartProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hy-start-'));
  const [ingestPort, dashboardPort] = [await freePort(), await freePort()];
  const { HOST: _inherited, ...parentEnv } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: { ...parentEnv, DATA_DIR: dataDir, INGEST_PORT: String(ingestPort), DASHBOARD_PORT: String(dashboardPort), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (b: Buffer) => (log += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (log += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const s: StartProcess = {
    child,
    dataDir,
    ingestPort,
    dashboardPort,
    output: () => log,
    exited,
    async waitFor(pattern, seconds = 120, from = 0) {
      const until = Date.now() + seconds * 1000;
      for (;;) {
        const found = pattern.exec(log.slice(from));
        if (found) return found;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`scripts/start.ts exited before ${pattern}:\n${log}`);
        if (Date.now() > until) throw new Error(`no ${pattern} within ${seconds}s:\n${log}`);
        await sleep(50);
      }
    },
  };
  started.push(s);
  return s;
}

const pidOf = (log: string, name: string) => [...log.matchAll(new RegExp(`started ${name} pid=(\\d+)`, 'g'))].map((m) => Number(m[1]));

describe('npm start: supervision and listening address', () => {
  it('restarts a SIGKILLed ingest while the dashboard keeps answering; SIGTERM stops both for good', { timeout: 180_000 }, async () => {
    const s = await runStart({});
    await s.waitFor(/đang chạy/);
    const [ingestPid] = pidOf(s.output(), 'ingest');
    const [dashboardPid] = pidOf(s.output(), 'dashboard');
    expect(ingestPid && isAlive(ingestPid)).toBe(true);
    expect(dashboardPid && isAlive(dashboardPid)).toBe(true);

    // The URLs it prints answer (the page itself needs the build; its /health does not).
    const printed = [...s.output().matchAll(/http:\/\/localhost:\d+\/health/g)].map((m) => m[0]);
    expect(printed.sort()).toEqual([`http://localhost:${s.dashboardPort}/health`, `http://localhost:${s.ingestPort}/health`].sort());
    for (const url of printed) expect(await status(url)).toBe(200);

    const mark = s.output().length;
    process.kill(ingestPid!, 'SIGKILL');
    const ingestAnswers: (number | 'refused')[] = [];
    const dashboardAnswers: (number | 'refused')[] = [];
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      const [i, d] = await Promise.all([
        status(`http://127.0.0.1:${s.ingestPort}/health`),
        status(`http://127.0.0.1:${s.dashboardPort}/health`),
      ]);
      ingestAnswers.push(i);
      dashboardAnswers.push(d);
      if (i === 200 && ingestAnswers.includes('refused')) break;
      await sleep(50);
    }
    expect(ingestAnswers).toContain('refused'); // the gap was seen
    expect(ingestAnswers.at(-1)).toBe(200); // and it answers again
    expect(new Set(dashboardAnswers)).toEqual(new Set([200])); // the dashboard never missed
    const after = s.output().slice(mark);
    expect(after).toMatch(
      /\[supervisor\] ingest was killed by SIGKILL after [\d.]+ s; restarting in 0\.5 s \(attempt 1, failure 1 in a row\)/,
    );
    const [newIngestPid] = pidOf(after, 'ingest');
    expect(newIngestPid).toBeGreaterThan(0);
    expect(newIngestPid).not.toBe(ingestPid);
    expect(isAlive(newIngestPid!)).toBe(true);
    expect(pidOf(after, 'dashboard')).toEqual([]); // not restarted

    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(isAlive(newIngestPid!)).toBe(false);
    expect(isAlive(dashboardPid!)).toBe(false);
    expect(s.output()).toMatch(/stopped ingest \(SIGTERM\)/);
    expect(s.output()).toMatch(/stopped dashboard \(SIGTERM\)/);
    expect(
      s
        .output()
        .slice(mark)
        .match(/restarting in/g),
    ).toHaveLength(1); // the stop restarted nothing
  });

  it('listens on 127.0.0.1 only by default, and on HOST when set', { timeout: 180_000 }, async () => {
    const external = externalAddress();
    const loopbackOnly = await runStart({ DEMO: '0' });
    await loopbackOnly.waitFor(/đang chạy/);
    expect(loopbackOnly.output()).toMatch(new RegExp(`\\[ingest\\] .*listening on http://127\\.0\\.0\\.1:${loopbackOnly.ingestPort} `));
    for (const port of [loopbackOnly.ingestPort, loopbackOnly.dashboardPort]) {
      expect(await accepts('127.0.0.1', port)).toBe(true);
      // 127.0.0.2 reaches this machine's loopback interface but not a socket bound to 127.0.0.1.
      expect(await accepts('127.0.0.2', port)).toBe(false);
      if (external) expect(await accepts(external, port)).toBe(false);
    }
    loopbackOnly.child.kill('SIGTERM');
    expect((await loopbackOnly.exited).code).toBe(0);

    const open = await runStart({ DEMO: '0', HOST: '0.0.0.0' });
    await open.waitFor(/đang chạy/);
    expect(open.output()).toMatch(new RegExp(`\\[ingest\\] .*listening on http://0\\.0\\.0\\.0:${open.ingestPort} `));
    for (const port of [open.ingestPort, open.dashboardPort]) {
      expect(await accepts('127.0.0.2', port)).toBe(true);
      if (external) expect(await status(`http://${external}:${port}/health`)).toBe(200);
    }
    // The printed URLs still answer with the services open.
    for (const [url] of open.output().matchAll(/http:\/\/localhost:\d+\/health/g)) expect(await status(url)).toBe(200);
  });

  it('keeps the dashboard serving while ingest fails at start, logging each backoff', { timeout: 120_000 }, async () => {
    const badTokens = join(tmpdir(), `hy-bad-tokens-${process.pid}.json`);
    writeFileSync(badTokens, '[{"label":"x","token":"short","agency":"SYT"}]');
    try {
      const s = await runStart({ DEMO: '0', INGEST_TOKENS_FILE: badTokens });
      await s.waitFor(/\[supervisor\] ingest exited with code 1 after [\d.]+ s; restarting in 1 s \(attempt 2, failure 2 in a row\)/, 90);
      expect(s.output()).toMatch(/restarting in 0\.5 s \(attempt 1, failure 1 in a row\)/);
      expect(await status(`http://127.0.0.1:${s.dashboardPort}/health`)).toBe(200);
      expect(await status(`http://127.0.0.1:${s.ingestPort}/health`)).toBe('refused');
      const pids = [...pidOf(s.output(), 'ingest'), ...pidOf(s.output(), 'dashboard')];
      s.child.kill('SIGTERM');
      expect((await s.exited).code).toBe(0);
      for (const pid of pids) expect(isAlive(pid)).toBe(false);
    } finally {
      rmSync(badTokens, { force: true });
    }
  });
});
