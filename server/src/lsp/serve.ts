/** Runs the language server on a connection (in the worker thread, or on the main thread). */
import { parentPort } from 'node:worker_threads';
import { PortMessageReader, PortMessageWriter } from 'vscode-jsonrpc/node';
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
      new PortMessageWriter(parentPort),
    ),
  );
}

/** On the main thread, with the transport of the command line (stdio, IPC, socket, pipe). */
export function serveHere(): void {
  serve(createConnection(ProposedFeatures.all));
}
