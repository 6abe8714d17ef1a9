/**
 * The language server entry point (`node dist/server.js --stdio`, or over IPC from
 * the extension). All protocol wiring lives in `lsp/`; all language logic in `service/`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { MarathonLanguageServer } from './lsp/languageServer';

const args = process.argv.slice(2);
if (args.includes('--version')) {
  console.log(process.env.MARATHON_VERSION ?? '0.0.0');
  process.exit(0);
}
if (
  !args.some(
    (a) =>
      a === '--stdio' || a.startsWith('--node-ipc') || a.startsWith('--socket') || a.startsWith('--pipe'),
  )
) {
  console.error('usage: marathon-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>');
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all);

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
