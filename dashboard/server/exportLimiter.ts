/**
 * At most `max` file exports (CSV, XLSX answers not already cached) computed at once. Refusing
 * the next one at once (429 + Retry-After) rather than queueing it keeps memory bounded and the
 * service responsive: eight parallel 100,000-row workbooks once took it to 1.97 GB.
 */
export class ExportLimiter {
  private running = 0;

  constructor(readonly max: number) {}

  /** A release function when a slot is free (call it exactly once), else null. */
  tryAcquire(): (() => void) | null {
    if (this.running >= this.max) return null;
    this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
    };
  }

  get active(): number {
    return this.running;
  }
}
