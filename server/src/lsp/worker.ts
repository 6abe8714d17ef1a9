/**
 * The language server in a worker thread: the main thread relays protocol messages
 * between the client (stdio or Node IPC) and the worker, whose young generation is
 * bounded, which keeps the process's memory close to what the documents need.
 */
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import {
  IPCMessageReader,
  IPCMessageWriter,
  PortMessageWriter,
  StreamMessageWriter,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-jsonrpc/node';

/** Megabytes of young generation for the worker (V8's default is several times more). */
const YOUNG_GENERATION_MB = 2;

/**
 * V8 flags for the server's isolate (set before the worker starts): the optimising compiler
 * works on the server's own thread and inlines nothing. A concurrent compiler keeps its
 * own working memory beside the server's, and inlining makes the optimised code larger:
 * without them, peak RSS went from 112 to 100 MB at 1,000 apps and from 207 to 191 MB at
 * 5,000 (paired bench runs), edits as fast, first diagnostics at 1,000 apps about 10 % later.
 */
const V8_FLAGS = ['--no-concurrent-recompilation', '--no-turbo-inlining'];

/** On the main thread: starts the worker on `script` and relays messages until either side ends. */
export function relayToWorker(script: string, transport: 'stdio' | 'ipc'): void {
  // The worker may collect garbage when it knows a large document's work is done (lsp/memory.ts).
  setFlagsFromString('--expose-gc');
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
  const worker = new Worker(script, {
    argv: process.argv.slice(2),
    workerData: { transport },
    // No bound on the old generation: the documents the limits admit (up to
    // marathon.limits.maxDocumentSize, several open at once) need more than a few hundred
    // megabytes, and a worker out of memory ends the server (two 7.5 MB groups did at 256 MB).
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    stdout: false,
    stderr: false,
  });
  const writer: MessageWriter =
    transport === 'stdio' ? new StreamMessageWriter(process.stdout) : new IPCMessageWriter(process);
  // The client went away: so does the server (successfully: nothing failed).
  let ending = false;
  const end = () => {
    ending = true;
    void worker.terminate().then(() => process.exit(0));
  };
  if (transport === 'stdio') {
    // Over stdio the bytes go to the worker as they come, and the worker reads the messages
    // out of them: this thread never decodes a message (a 6 MB document was a 6 MB string
    // and its object here, then a copy for the worker).
    process.stdin.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk);
      worker.postMessage(bytes, [bytes.buffer]);
    });
    process.stdin.on('end', end);
    process.stdin.on('close', end);
  } else {
    const reader: MessageReader = new IPCMessageReader(process);
    const toWorker = new PortMessageWriter(worker);
    reader.listen((message) => void toWorker.write(message));
    reader.onClose(end);
  }
  // The worker sends each message as its JSON text (see JsonPortMessageWriter): over
  // stdio it is framed and written as it is, in the order it came.
  worker.on('message', (json: unknown) => {
    if (typeof json !== 'string') return void writer.write(json as Message);
    if (transport === 'ipc') return void writer.write(JSON.parse(json) as Message);
    process.stdout.write(`Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n`);
    process.stdout.write(json);
  });
  worker.on('exit', (code) => process.exit(ending ? 0 : code));
  worker.on('error', (e) => {
    process.stderr.write(`marathon: language server failed: ${e?.stack ?? e}\n`);
    process.exit(1);
  });
}
