/**
 * DuckDB has one writer connection per file here; uploads (and the upload workspace on
 * that connection) run one at a time, in arrival order.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    // The queue continues whether this job fails or not; the caller gets the failure.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
