/**
 * Across files: two apps in different files using one non-shared external volume
 * name (EV-10). The clash shows in both files, from the index of files on disk and
 * from the live text of open documents, and clears when one of them is renamed.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  assertRange,
  codeOf,
  nodeRange,
  open,
  rangeOf,
  ruleFor,
  waitForCode,
  waitForDiagnostics,
} from './util';

describe('external volume names across files', () => {
  it('reports the clash in both files and clears it when one volume is renamed', async () => {
    const code = ruleFor('EV-10');
    // Only one file open: the other one is known from the workspace index.
    const { document: orders } = await open('external/orders-db.json');
    const first = await waitForCode(orders.uri, code);
    const d = first.find((x) => codeOf(x) === code)!;
    // On the volume entry: Marathon reports the app's container, and the volume is the precise node there.
    assertRange(
      d.range,
      nodeRange(orders, ['container', 'volumes', 0]),
      `the ${code} diagnostic in orders-db.json`,
    );
    assert.ok(
      [vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Warning].includes(d.severity),
      'a clash is a problem',
    );
    assert.match(d.message, /shared-pgdata/);
    assert.match(d.message, /billing/, 'the message names the other app');

    const editor = await open('external/billing-db.json');
    const billing = editor.document;
    const second = await waitForCode(billing.uri, code);
    assert.match(
      second.find((x) => codeOf(x) === code)!.message,
      /orders/,
      'the message names the other app',
    );

    // Rename the volume in the billing app (unsaved: the live text counts).
    assert.ok(await editor.edit((b) => b.replace(rangeOf(billing, '"shared-pgdata"'), '"billing-pgdata"')));
    const gone = (ds: vscode.Diagnostic[]) => !ds.some((x) => codeOf(x) === code);
    await waitForDiagnostics(billing.uri, gone, `the ${code} diagnostic to clear in billing-db.json`);
    await waitForDiagnostics(orders.uri, gone, `the ${code} diagnostic to clear in orders-db.json`);

    // And back: the clash returns in both.
    assert.ok(await editor.edit((b) => b.replace(rangeOf(billing, '"billing-pgdata"'), '"shared-pgdata"')));
    await waitForCode(orders.uri, code);
    await waitForCode(billing.uri, code);
  });
});
