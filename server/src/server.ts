/**
 * The language server entry point (`node dist/server.js --stdio`, or over IPC from
 * the extension). All protocol wiring lives in `lsp/`; all language logic in `service/`.
 *
 * The server runs in a worker thread whose young generation is bounded
 * (`lsp/worker.ts`): parsing and checking a large group allocates many short-lived
 * objects, and V8's default young generation lets the process grow by a hundred
 * megabytes for them. The main thread only relays protocol messages between the client
 * and the worker; the server is another bundle (`dist/server-core.js`, from `core.ts`)
 * that only the worker loads, which keeps the relay thread about 10 MB smaller.
 * `--no-worker` (or a socket or pipe transport) runs the server on the main thread.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loaded at run time: the relay thread never needs the server */
import path from 'node:path';

/** The server bundle beside this one (from the sources, `core.ts`). */
const CORE = path.join(__dirname, __filename.endsWith('.ts') ? 'core.ts' : 'server-core.js');

const args = process.argv.slice(2);
if (args.includes('--version')) {
  console.log(process.env.MARATHON_VERSION ?? '0.0.0');
  process.exit(0);
}
const stdio = args.includes('--stdio');
const ipc = args.some((a) => a.startsWith('--node-ipc'));
if (!stdio && !ipc && !args.some((a) => a.startsWith('--socket') || a.startsWith('--pipe'))) {
  console.error(
    'usage: marathon-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name> [--no-worker]',
  );
  process.exit(2);
}
if ((stdio || ipc) && !args.includes('--no-worker'))
  (require('./lsp/worker') as typeof import('./lsp/worker')).relayToWorker(CORE, stdio ? 'stdio' : 'ipc');
else (require(CORE) as typeof import('./core')).serveHere();
