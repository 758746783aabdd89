// The worker that draws the first screen (firstScreenPicture.ts): the app's own code, built for
// the server (dist/first-screen), reading the service's own URLs. In a worker, so its fetch with
// a base address and its DOM for the charts touch nothing of the service's process. Plain
// JavaScript: a worker thread starts without the TypeScript loader the service runs under.
// Messages: in {id, urls}; out {id, ok: true, picture} or {id, ok: false, message}.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { parseHTML } from 'linkedom';

const { base, module } = workerData;
const fetchFromService = globalThis.fetch;
// The app asks for "/api/…"; here that is the service that started this worker.
globalThis.fetch = (input, init) => fetchFromService(input instanceof Request ? input : new URL(String(input), base), init);

const { renderFirstScreen } = await import(pathToFileURL(module).href);
const { document } = parseHTML('<!doctype html><html><body></body></html>');

parentPort?.on('message', (request) => {
  renderFirstScreen(request.urls, document).then(
    (picture) => parentPort?.postMessage({ id: request.id, ok: true, picture }),
    (error) =>
      parentPort?.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});
