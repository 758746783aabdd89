import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** The first screen drawn for one snapshot: the app's markup for the overview, charts in SVG. */
export interface Picture {
  html: string;
  snapshotVersion: number;
}

/** What the worker (firstScreenWorker.mjs) answers a request {id, urls} with. */
type PictureReply = { id: number; ok: true; picture: Picture | null } | { id: number; ok: false; message: string };

/** A render that takes longer is abandoned (the worker is ended and made again on the next). */
const RENDER_TIMEOUT_MS = 15_000;
/** A snapshot whose picture could not be drawn is tried again after this long, not on every page. */
const RETRY_AFTER_MS = 30_000;

/**
 * The overview drawn by the service, once per snapshot, for index.html (serveDashboardApp): the
 * first screen shows as the HTML arrives, before the app's code has loaded; the app then takes
 * its place, drawn the same (dashboard/app/main.ts). The drawing is the app's own code, built for
 * the server (`vite build --ssr`, dist/first-screen), run in one worker thread that reads the
 * service's own URLs as someone not signed in. One drawing at a time; the page never waits for
 * one: until the picture of the current snapshot is ready, index.html goes without.
 */
export class FirstScreenPicture {
  private worker: Worker | null = null;
  private latest: Picture | null = null;
  private drawing: Promise<void> | null = null;
  /** A snapshot asked for while another was being drawn: drawn next. */
  private waiting: { version: number; answerUrls: readonly string[] } | null = null;
  private tried: { version: number; at: number } | null = null;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly options: {
      /** dist/first-screen/firstScreen.server.js */
      module: string;
      /** Where the worker reaches this service, e.g. http://127.0.0.1:8788 (known once it listens). */
      base: () => string;
      log: (line: string) => void;
    },
  ) {}

  /** Whether the server build is there (`npm run build` makes it). */
  static available(module: string): boolean {
    return existsSync(module);
  }

  /**
   * The picture of snapshot `version` if it is drawn; else null, and it is drawn in the
   * background (`answerUrls`: the overview's answers with the default filters).
   */
  for(version: number, answerUrls: readonly string[]): Picture | null {
    if (this.latest?.snapshotVersion === version) return this.latest;
    this.draw(version, answerUrls);
    return null;
  }

  /**
   * Draws the picture of `version` unless it is drawn or was just tried; while another is being
   * drawn, it is drawn after that one. Resolves when the drawing under way is done.
   */
  draw(version: number, answerUrls: readonly string[]): Promise<void> {
    if (this.closed || this.latest?.snapshotVersion === version) return Promise.resolve();
    if (this.drawing) {
      this.waiting = { version, answerUrls };
      return this.drawing;
    }
    if (this.tried?.version === version && Date.now() - this.tried.at < RETRY_AFTER_MS) return Promise.resolve();
    this.tried = { version, at: Date.now() };
    const started = performance.now();
    const done = this.render(answerUrls).then(
      (picture) => {
        if (picture) {
          this.latest = picture;
          this.options.log(
            `first screen drawn for snapshot ${picture.snapshotVersion} in ${(performance.now() - started).toFixed(0)} ms (${(picture.html.length / 1024).toFixed(0)} KiB)`,
          );
        } else {
          this.options.log(`first screen not drawn for snapshot ${version}: an answer was missing or refused`);
        }
      },
      (error: unknown) =>
        this.options.log(`first screen not drawn for snapshot ${version}: ${error instanceof Error ? error.message : String(error)}`),
    );
    this.drawing = done.finally(() => {
      this.drawing = null;
      const next = this.waiting;
      this.waiting = null;
      if (next) void this.draw(next.version, next.answerUrls);
    });
    return this.drawing;
  }

  private render(urls: readonly string[]): Promise<Picture | null> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Picture | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        void this.endWorker();
        reject(new Error(`took more than ${RENDER_TIMEOUT_MS} ms`));
      }, RENDER_TIMEOUT_MS);
      const onMessage = (reply: PictureReply) => {
        if (reply.id !== id) return;
        cleanup();
        if (reply.ok) resolve(reply.picture);
        else reject(new Error(reply.message));
      };
      const onExit = (code: number) => {
        cleanup();
        this.worker = null;
        reject(new Error(`the worker stopped (exit code ${code})`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      worker.postMessage({ id, urls });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./firstScreenWorker.mjs', import.meta.url), {
      workerData: { base: this.options.base(), module: this.options.module },
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    worker.on('error', (error) => this.options.log(`first screen worker failed: ${error.message}`));
    worker.unref(); // never what keeps the process alive
    this.worker = worker;
    return worker;
  }

  private async endWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.endWorker();
  }
}
