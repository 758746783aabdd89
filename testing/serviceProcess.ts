import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A service started as its own process (node --import tsx <entry>), its output kept line by line. */
export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  url: string;
  lines: string[];
  /** Called with each output line as it arrives. */
  onLine: ((line: string) => void) | null;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A free loopback port (bound then released; the service binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function startService(name: string, entry: string, port: number, env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const service: ServiceProcess = {
    name,
    child,
    url: `http://127.0.0.1:${port}`,
    lines: [],
    onLine: null,
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
  };
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        service.lines.push(line);
        service.onLine?.(line);
      }
    });
  }
  return service;
}

/** Resolves when `url` answers 2xx; rejects after `seconds` or if the process exits first. */
export async function waitForHealth(service: ServiceProcess, seconds = 120): Promise<void> {
  const until = Date.now() + seconds * 1000;
  let exited = false;
  void service.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`${service.name} exited while starting:\n${service.lines.slice(-20).join('\n')}`);
    try {
      const res = await fetch(`${service.url}/health`);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet: retried until the deadline below
    }
    if (Date.now() > until)
      throw new Error(`${service.name} did not answer /health within ${seconds}s:\n${service.lines.slice(-20).join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGKILL, then wait for the process to be gone (its file lock released). */
export async function killHard(service: ServiceProcess): Promise<void> {
  if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGKILL');
  await service.exited;
}

/** SIGTERM (a clean stop), then wait. */
export async function stopService(service: ServiceProcess): Promise<void> {
  if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGTERM');
  await service.exited;
}
