/** Runs the language server on a connection (in the worker thread, or on the main thread). */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { PortMessageReader, PortMessageWriter, type Message } from 'vscode-jsonrpc/node';
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

/** In the worker: serve the main thread's relay. */
export function serveWorker(): void {
  if (!parentPort) throw new Error('not in a worker');
  serve(
    createConnection(
      ProposedFeatures.all,
      new PortMessageReader(parentPort),
      new SafePortMessageWriter(parentPort),
    ),
  );
}

/** On the main thread, with the transport of the command line (stdio, IPC, socket, pipe). */
export function serveHere(): void {
  serve(createConnection(ProposedFeatures.all));
}

/**
 * The worker's writer. postMessage copies with the structured clone algorithm, which
 * throws on what JSON silently drops (a function that reached a diagnostic's data made
 * a publication fail, and the client never got that version's diagnostics): such a
 * message goes in its JSON form, as it would over stdio, instead of being lost.
 */
export class SafePortMessageWriter extends PortMessageWriter {
  constructor(private readonly target: MessagePort) {
    super(target);
  }

  override write(msg: Message): Promise<void> {
    try {
      this.target.postMessage(msg);
      return Promise.resolve();
    } catch {
      return super.write(JSON.parse(JSON.stringify(msg)) as Message);
    }
  }
}
