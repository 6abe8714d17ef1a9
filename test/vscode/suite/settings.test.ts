/**
 * Settings take effect without a restart: a rule turned off in `marathon.rules`
 * disappears, a severity override changes the severity, removing them restores both.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, create, waitForDiagnostics } from './util';

describe('settings', () => {
  const config = () => vscode.workspace.getConfiguration('marathon');

  after(async () => {
    await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('applies marathon.rules changes at once: off, another severity, back to the default', async () => {
    const { document: doc } = await create(
      'scratch/settings.json',
      JSON.stringify({ id: '/settings', cmd: 'sleep 1', mem: '64', container: { type: 'MESSOS' } }, null, 2),
    );
    const severityOf = (ds: vscode.Diagnostic[]) => ds.find((d) => codeOf(d) === 'schema-type')?.severity;
    await waitForDiagnostics(
      doc.uri,
      (ds) => severityOf(ds) === vscode.DiagnosticSeverity.Error,
      'a schema-type error',
    );

    await config().update('rules', { 'schema-type': 'off' }, vscode.ConfigurationTarget.Workspace);
    const off = await waitForDiagnostics(
      doc.uri,
      (ds) => severityOf(ds) === undefined && ds.length > 0,
      'schema-type to be off while the other diagnostics stay',
    );
    assert.ok(
      off.some((d) => codeOf(d) === 'schema-enum'),
      'other rules are not affected',
    );

    await config().update('rules', { 'schema-type': 'warning' }, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(
      doc.uri,
      (ds) => severityOf(ds) === vscode.DiagnosticSeverity.Warning,
      'schema-type as a warning',
    );

    await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(
      doc.uri,
      (ds) => severityOf(ds) === vscode.DiagnosticSeverity.Error,
      'schema-type back to an error',
    );
  });
});
