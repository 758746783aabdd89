/**
 * Keeps one child process running: when it exits without being asked to, it is started again
 * after an exponential backoff, so a crash in one service of `npm start` does not take the
 * other down. Knows nothing of what the child is: the caller spawns it (and routes its output).
 */
import type { ChildProcess } from 'node:child_process';

export interface RestartPolicy {
  /** Delay before the first restart after a failure. */
  initialDelayMs: number;
  /** The delay doubles at each consecutive failure up to this cap. */
  maxDelayMs: number;
  /** A run that lasted this long was healthy: its exit starts the backoff (and the give-up count) afresh. */
  stableAfterMs: number;
  /** After this many consecutive failures, each a run shorter than `stableAfterMs`, stop restarting (Infinity: never). */
  giveUpAfter: number;
  /** How long `stop()` waits after its signal before SIGKILL. */
  stopGraceMs: number;
}

/** 0.5 s, 1, 2, 4, 8, 16, 30, 30, 30 s: a service that cannot start gives up after about two minutes. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  stableAfterMs: 30_000,
  giveUpAfter: 10,
  stopGraceMs: 10_000,
};

/** The wait before restart number `failures` (1 = after the first failure in a row). */
export function restartDelay(failures: number, policy: Pick<RestartPolicy, 'initialDelayMs' | 'maxDelayMs'>): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, failures - 1));
}

export type SupervisedState = 'running' | 'waiting' | 'stopped' | 'gave-up';

export interface SupervisedProcess {
  readonly name: string;
  /** The current child's PID (undefined while waiting to restart, or once stopped). */
  pid(): number | undefined;
  state(): SupervisedState;
  /** Restarts so far. */
  restarts(): number;
  /** Resolves when the process will not run again: stopped on request, or given up. */
  readonly finished: Promise<'stopped' | 'gave-up'>;
  /** Stops the child (signal, then SIGKILL after the grace period) and never restarts it. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null, error: Error | undefined): string {
  if (error) return `could not start (${error.message})`;
  return signal ? `was killed by ${signal}` : `exited with code ${code ?? '-'}`;
}

/**
 * Spawns `spawnChild()` and restarts it whenever it ends unasked. Every start, exit, planned
 * restart and the giving up are reported through `log` (one line each, naming the process).
 */
export function superviseProcess(options: {
  name: string;
  spawnChild: () => ChildProcess;
  log: (line: string) => void;
  policy?: Partial<RestartPolicy>;
}): SupervisedProcess {
  const { name, log } = options;
  const policy: RestartPolicy = { ...DEFAULT_RESTART_POLICY, ...options.policy };
  let child: ChildProcess | undefined;
  let childExited: Promise<void> = Promise.resolve();
  let state: SupervisedState = 'running';
  let failures = 0;
  let restarts = 0;
  let timer: NodeJS.Timeout | undefined;
  let finish!: (how: 'stopped' | 'gave-up') => void;
  const finished = new Promise<'stopped' | 'gave-up'>((resolve) => (finish = resolve));

  function launch(): void {
    state = 'running';
    const startedAt = Date.now();
    const current = options.spawnChild();
    child = current;
    let ended = false;
    childExited = new Promise<void>((resolve) => {
      const onEnd = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
        if (ended) return;
        ended = true;
        resolve();
        // Let a SIGINT/SIGTERM that reached the whole process group (Ctrl+C) be handled first,
        // so a child stopping on that signal is not restarted.
        setImmediate(() => onExit(Date.now() - startedAt, describeExit(code, signal, error)));
      };
      current.once('exit', onEnd);
      // 'exit' never comes when the spawn itself failed (no PID).
      current.once('error', (error) => {
        if (current.pid === undefined) onEnd(null, null, error);
        else log(`[supervisor] ${name}: ${error.message}`);
      });
    });
    if (current.pid !== undefined) log(`[supervisor] started ${name} pid=${current.pid}${restarts ? ` (restart ${restarts})` : ''}`);
  }

  function onExit(ranMs: number, how: string): void {
    child = undefined;
    if (state === 'stopped') return;
    if (ranMs >= policy.stableAfterMs) failures = 0;
    failures += 1;
    const ran = `after ${(ranMs / 1000).toFixed(1)} s`;
    if (failures >= policy.giveUpAfter) {
      state = 'gave-up';
      log(
        `[supervisor] ${name} ${how} ${ran}: ${failures} failures in a row, each within ${policy.stableAfterMs / 1000} s of starting; ` +
          `giving up on it (the other services keep running). Fix the cause shown above and start again.`,
      );
      finish('gave-up');
      return;
    }
    const delay = restartDelay(failures, policy);
    state = 'waiting';
    log(`[supervisor] ${name} ${how} ${ran}; restarting in ${delay / 1000} s (attempt ${restarts + 1}, failure ${failures} in a row)`);
    timer = setTimeout(() => {
      timer = undefined;
      restarts += 1;
      launch();
    }, delay);
  }

  async function stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (state === 'stopped') return childExited;
    const wasGivenUp = state === 'gave-up';
    state = 'stopped';
    if (timer) clearTimeout(timer);
    timer = undefined;
    const running = child;
    if (running && running.exitCode === null && running.signalCode === null) {
      running.kill(signal);
      const force = setTimeout(() => {
        log(`[supervisor] ${name} still running ${policy.stopGraceMs / 1000} s after ${signal}: SIGKILL`);
        running.kill('SIGKILL');
      }, policy.stopGraceMs);
      await childExited;
      clearTimeout(force);
      log(`[supervisor] stopped ${name} (${signal})`);
    }
    if (!wasGivenUp) finish('stopped');
  }

  launch();
  return {
    name,
    pid: () => child?.pid,
    state: () => state,
    restarts: () => restarts,
    finished,
    stop,
  };
}
