/**
 * The language server itself (`dist/server-core.js`): in the worker thread that
 * `lsp/worker.ts` starts, it serves the main thread's relay; on the main thread (for
 * `--no-worker` and the socket and pipe transports) `server.ts` calls `serveHere`.
 * A bundle of its own, so that the relay thread loads none of it.
 */
import { isMainThread } from 'node:worker_threads';
import { serveHere, serveWorker } from './lsp/serve';

if (!isMainThread) serveWorker();

export { serveHere };
