/**
 * The VS Code extension: starts the Marathon language server (the bundled
 * `dist/server.js`, over IPC) for JSON documents, and contributes the commands that
 * mark a file as a Marathon definition or exclude it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

let client: Promise<LanguageClient | undefined> | undefined;

/**
 * Activation registers the commands and returns: the language client (a large module)
 * is loaded and started right after, from `dist/client.js`, and documents opened
 * meanwhile are synced when it is up.
 */
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('marathon.markAsDefinition', (uri?: vscode.Uri) =>
      toggleGlob('files', uri),
    ),
    vscode.commands.registerCommand('marathon.excludeFile', (uri?: vscode.Uri) => toggleGlob('exclude', uri)),
    vscode.commands.registerCommand('marathon.restartServer', async () => (await client)?.restart()),
  );
  client = new Promise((resolve) => setImmediate(resolve)).then(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, loaded after activation
    const { startClient } = require(path.join(__dirname, 'client.js')) as typeof import('./client');
    return startClient(context).catch((e: unknown) => {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('The Marathon language server did not start: {0}', String(e)),
      );
      return undefined;
    });
  });
}

export async function deactivate(): Promise<void> {
  const c = await client;
  await c?.stop();
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
