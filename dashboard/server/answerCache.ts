/**
 * Encoded answers kept in memory, least recently used first out, within a byte budget.
 *
 * Correct without any invalidation rule because a snapshot never changes: the key names the
 * snapshot an answer came from, so a request on another snapshot can never match it. When a
 * newer snapshot answers, the older one's entries are dropped at once (they could only waste
 * memory) and late stores for it are refused.
 *
 * Concurrent requests for the same key share one computation (single flight): under load the
 * first screen's queries arrive together, and running the same SQL N times in parallel on two
 * cores only makes all N late.
 */

/** One finished answer: the body and the headers that describe it. */
export interface CachedAnswer {
  body: Uint8Array;
  headers: Record<string, string>;
}

/** How an answer was obtained, for the X-Cache header. */
export type CacheOutcome = 'hit' | 'miss' | 'coalesced';

export interface AnswerCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  coalesced: number;
  /** Computations actually run (misses that reached the compute function). */
  computed: number;
}

interface InFlight {
  promise: Promise<CachedAnswer>;
  controller: AbortController;
  waiters: number;
}

/** The snapshot part of a key: any request with a different one is a different snapshot. */
export type SnapshotKey = string;

/** Default budget: the whole first screen of every filter combination anyone asks stays well within it. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

const entrySize = (answer: CachedAnswer, key: string): number =>
  answer.body.byteLength + key.length * 2 + Object.entries(answer.headers).reduce((n, [k, v]) => n + (k.length + v.length) * 2, 0) + 64;

export class AnswerCache {
  private readonly entries = new Map<string, { answer: CachedAnswer; size: number }>();
  private readonly inFlight = new Map<string, InFlight>();
  private bytes = 0;
  private snapshot: SnapshotKey | null = null;
  private readonly counts = { hits: 0, misses: 0, coalesced: 0, computed: 0 };

  constructor(readonly maxBytes: number = DEFAULT_CACHE_BYTES) {}

  /**
   * The answer for `key` on `snapshot`: from memory, from a computation already running for the
   * same key, or by running `compute` (whose result is kept if it fits the budget). `compute`
   * gets a signal that aborts only when every request waiting for it has gone away, so one
   * impatient client cannot fail the others, and an answer nobody waits for is not computed.
   * `isCurrent` says whether `snapshot` is still the one answering (checked before storing).
   */
  async get(
    snapshot: SnapshotKey,
    key: string,
    compute: (signal: AbortSignal) => Promise<CachedAnswer>,
    options: { signal?: AbortSignal; isCurrent?: () => boolean } = {},
  ): Promise<{ answer: CachedAnswer; outcome: CacheOutcome }> {
    this.noteSnapshot(snapshot, options.isCurrent);
    const fullKey = `${snapshot}\u0000${key}`;
    const found = this.entries.get(fullKey);
    if (found) {
      // Re-insert: Map order is the recency order.
      this.entries.delete(fullKey);
      this.entries.set(fullKey, found);
      this.counts.hits++;
      return { answer: found.answer, outcome: 'hit' };
    }
    const running = this.inFlight.get(fullKey);
    // A computation whose waiters all left is being abandoned: start afresh rather than share its abort.
    if (running && !running.controller.signal.aborted) {
      this.counts.coalesced++;
      return { answer: await this.wait(running, options.signal), outcome: 'coalesced' };
    }
    this.counts.misses++;
    const controller = new AbortController();
    const flight: InFlight = { controller, waiters: 0, promise: Promise.resolve(null as unknown as CachedAnswer) };
    flight.promise = (async () => {
      try {
        // Yield once so every waiter registers before compute looks at the signal.
        await Promise.resolve();
        this.counts.computed++;
        const answer = await compute(controller.signal);
        if (this.snapshot === snapshot && (options.isCurrent?.() ?? true)) this.store(fullKey, answer);
        return answer;
      } finally {
        if (this.inFlight.get(fullKey) === flight) this.inFlight.delete(fullKey);
      }
    })();
    this.inFlight.set(fullKey, flight);
    return { answer: await this.wait(flight, options.signal), outcome: 'miss' };
  }

  /**
   * The stored answer for `key` on `snapshot`, or null (counted as a miss). For answers that are
   * produced outside `get` (exports, which stream and so cannot be shared in flight).
   */
  peek(snapshot: SnapshotKey, key: string, isCurrent?: () => boolean): CachedAnswer | null {
    this.noteSnapshot(snapshot, isCurrent);
    const fullKey = `${snapshot}\u0000${key}`;
    const found = this.entries.get(fullKey);
    if (!found) {
      this.counts.misses++;
      return null;
    }
    this.entries.delete(fullKey);
    this.entries.set(fullKey, found);
    this.counts.hits++;
    return found.answer;
  }

  /** Keeps an answer computed outside `get` (within the budget, and only for the current snapshot). */
  put(snapshot: SnapshotKey, key: string, answer: CachedAnswer, isCurrent?: () => boolean): void {
    this.counts.computed++;
    if (this.snapshot === snapshot && (isCurrent?.() ?? true)) this.store(`${snapshot}\u0000${key}`, answer);
  }

  /** Waits for a shared computation; the computation is aborted when its last waiter leaves. */
  private async wait(flight: InFlight, signal?: AbortSignal): Promise<CachedAnswer> {
    flight.waiters++;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      flight.waiters--;
      if (flight.waiters === 0) flight.controller.abort(signal?.reason);
    };
    if (signal?.aborted) leave();
    else signal?.addEventListener('abort', leave, { once: true });
    try {
      return await flight.promise;
    } finally {
      signal?.removeEventListener('abort', leave);
      if (!left) {
        left = true;
        flight.waiters--;
      }
    }
  }

  /** A newer snapshot answering makes every stored answer unreachable: free them now. */
  private noteSnapshot(snapshot: SnapshotKey, isCurrent?: () => boolean): void {
    if (snapshot === this.snapshot) return;
    // A request still finishing on a retired snapshot must not wipe the current one's answers.
    if (isCurrent && !isCurrent()) return;
    this.clear();
    this.snapshot = snapshot;
  }

  private store(fullKey: string, answer: CachedAnswer): void {
    const size = entrySize(answer, fullKey);
    // One answer may not take more than a quarter of the budget (a 1,000-row register page
    // as XLSX is ~100 KB; a whole-province list as CSV can be megabytes and is rarely repeated).
    if (size > this.maxBytes / 4) return;
    const previous = this.entries.get(fullKey);
    if (previous) {
      this.entries.delete(fullKey);
      this.bytes -= previous.size;
    }
    this.entries.set(fullKey, { answer, size });
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.size;
    }
  }

  /** Drops every stored answer (computations in flight finish and are not stored). */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.snapshot = null;
  }

  stats(): AnswerCacheStats {
    return { entries: this.entries.size, bytes: this.bytes, maxBytes: this.maxBytes, ...this.counts };
  }
}
