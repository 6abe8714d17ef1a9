/**
 * The language client: starts the Marathon language server (the bundled
 * `dist/server.js`, over IPC) for JSON documents. Bundled apart from the extension's
 * entry point and loaded after activation (see extension.ts).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

export async function startClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'json', scheme: 'file' },
      { language: 'jsonc', scheme: 'file' },
      { language: 'json', scheme: 'untitled' },
      { language: 'jsonc', scheme: 'untitled' },
      // Virtual workspaces (e.g. GitHub repositories opened remotely): open documents only.
      { language: 'json', scheme: 'vscode-vfs' },
      { language: 'jsonc', scheme: 'vscode-vfs' },
    ],
    synchronize: {
      configurationSection: 'marathon',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.json'),
    },
    diagnosticCollectionName: 'marathon',
    initializationOptions: { settings: vscode.workspace.getConfiguration('marathon') },
    middleware: {
      // VS Code's JSON extension already shows an outline of every JSON file, and VS Code
      // shows each symbol provider's answer as a separate tree (OutlineModel makes one
      // group per provider), so our apps and volumes would appear twice. The server keeps
      // its symbols for editors without a JSON outline; VS Code gets none from us.
      provideDocumentSymbols: () => [],
      // The definition templates are contributed as snippets (package.json); the server's
      // copies of them, for other editors, would show twice here.
      provideCompletionItem: async (document, position, context, token, next) => {
        const result = await next(document, position, context, token);
        const keep = (i: vscode.CompletionItem) => !(i as { data?: { template?: string } }).data?.template;
        if (Array.isArray(result)) return result.filter(keep);
        if (result) result.items = result.items.filter(keep);
        return result;
      },
    },
  };
  const client = new LanguageClient(
    'marathon',
    vscode.l10n.t('Marathon Language Server'),
    serverOptions,
    clientOptions,
  );
  context.subscriptions.push(client);
  await client.start();
  return client;
}
