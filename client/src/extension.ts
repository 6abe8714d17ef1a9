/**
 * The VS Code extension: starts the Marathon language server (the bundled
 * `dist/server.js`, over IPC) for JSON documents, and contributes the commands that
 * mark a file as a Marathon definition or exclude it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
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
  client = new LanguageClient(
    'marathon',
    vscode.l10n.t('Marathon Language Server'),
    serverOptions,
    clientOptions,
  );
  context.subscriptions.push(
    vscode.commands.registerCommand('marathon.markAsDefinition', (uri?: vscode.Uri) =>
      toggleGlob('files', uri),
    ),
    vscode.commands.registerCommand('marathon.excludeFile', (uri?: vscode.Uri) => toggleGlob('exclude', uri)),
    vscode.commands.registerCommand('marathon.restartServer', () => client?.restart()),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Adds the file (or the active editor's file) to `marathon.files` or `marathon.exclude`. */
async function toggleGlob(setting: 'files' | 'exclude', uri?: vscode.Uri): Promise<void> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) return;
  const config = vscode.workspace.getConfiguration('marathon', target);
  const relative = vscode.workspace.asRelativePath(target, false);
  const current = config.get<string[]>(setting) ?? [];
  if (current.includes(relative)) return;
  const other = setting === 'files' ? 'exclude' : 'files';
  const otherList = (config.get<string[]>(other) ?? []).filter((g) => g !== relative);
  const scope = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await config.update(setting, [...current, relative], scope);
  if (otherList.length !== (config.get<string[]>(other) ?? []).length)
    await config.update(other, otherList, scope);
  void vscode.window.showInformationMessage(
    setting === 'files'
      ? vscode.l10n.t('{0} is now checked as a Marathon definition.', relative)
      : vscode.l10n.t('{0} is no longer checked as a Marathon definition.', relative),
  );
}
