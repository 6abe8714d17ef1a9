/** Runs the language server on a connection (in the worker thread, or on the main thread). */
import { PassThrough } from 'node:stream';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import {
  PortMessageReader,
  PortMessageWriter,
  StreamMessageReader,
  type Message,
  type MessageReader,
} from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { MarathonLanguageServer } from './languageServer';

export function serve(connection: Connection): void {
  // The last line of defence: a failure that no handler caught is logged and the server goes
  // on (an editor stops restarting a server that keeps crashing; the user loses every check).
  const survive = (kind: string) => (e: unknown) => {
    try {
      connection.console.error(`marathon: ${kind}: ${(e as Error)?.stack ?? e}`);
    } catch {
      // the client is gone: nothing to tell
    }
  };
  process.on('uncaughtException', survive('uncaught exception'));
  process.on('unhandledRejection', survive('unhandled rejection'));
  new MarathonLanguageServer(connection).listen();
}

/**
 * In the worker: serve the main thread's relay, which sends the bytes of the client's
 * stream as they come (stdio), or the messages it read (IPC).
 */
export function serveWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('not in a worker');
  let reader: MessageReader;
  if ((workerData as { transport?: string } | undefined)?.transport === 'stdio') {
    const input = new PassThrough();
    port.on('message', (bytes: unknown) => {
      if (bytes instanceof Uint8Array) input.write(bytes);
    });
    reader = new StreamMessageReader(input);
  } else reader = new PortMessageReader(port);
  serve(createConnection(ProposedFeatures.all, reader, new JsonPortMessageWriter(port)));
}

/** On the main thread, with the transport of the command line (stdio, IPC, socket, pipe). */
export function serveHere(): void {
  serve(createConnection(ProposedFeatures.all));
}

/**
 * The worker's writer: each message goes to the main thread as its JSON text, which the
 * main thread writes out as it is. A string crosses threads as a copy of its bytes; the
 * message as an object would be copied with the structured clone algorithm and then
 * encoded to JSON by the main thread anyway (a publication of 1,000 diagnostics cost
 * both threads several milliseconds), and structured cloning throws on what JSON drops
 * (a function that reached a diagnostic's data made a publication fail).
 */
export class JsonPortMessageWriter extends PortMessageWriter {
  constructor(private readonly target: MessagePort) {
    super(target);
  }

  override write(msg: Message): Promise<void> {
    try {
      this.target.postMessage(JSON.stringify(msg));
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
