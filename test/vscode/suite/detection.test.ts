/**
 * Only Marathon definitions are checked: an npm package.json and a Kubernetes pod in
 * JSON (which has containers and volumes too) get no Marathon diagnostics at all.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeDiagnostics, marathonDiagnostics, open, settled, waitForDiagnostics } from './util';

describe('detection', () => {
  after(async () => {
    const config = vscode.workspace.getConfiguration('marathon');
    await config.update('files', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
  });

  for (const file of ['package.json', 'k8s/mysql-pod.json'])
    it(`leaves ${file} alone`, async () => {
      const { document: doc } = await open(file);
      assert.equal(doc.languageId, 'json');
      await settled();
      const ds = marathonDiagnostics(doc.uri);
      assert.equal(ds.length, 0, describeDiagnostics(ds));
    });

  it('checks the Kubernetes file once it is marked as a Marathon definition, and not once excluded', async () => {
    // The control for the test above: the same file gets diagnostics when it is a definition.
    const { document: doc } = await open('k8s/mysql-pod.json');
    await vscode.commands.executeCommand('marathon.markAsDefinition', doc.uri);
    await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'diagnostics for a file marked as a definition');
    await vscode.commands.executeCommand('marathon.excludeFile', doc.uri);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no diagnostics once the file is excluded');
  });
});
