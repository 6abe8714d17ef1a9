/**
 * Diagnostics as the user sees them: rule id as the code with a link to its
 * documentation, the exact range of the offending value, the severity.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  assertRange,
  codeOf,
  describeDiagnostics,
  marathonDiagnostics,
  open,
  problems,
  rangeOf,
  ruleFor,
  settled,
  waitForCode,
  waitForDiagnostics,
} from './util';

describe('diagnostics', () => {
  it('reports a string where a number belongs and a misspelt container type, at their values', async () => {
    const { document: doc } = await open('apps/broken-schema.json');
    const ds = await waitForDiagnostics(
      doc.uri,
      (ds) => ['schema-type', 'schema-enum'].every((c) => ds.some((d) => codeOf(d) === c)),
      'schema-type and schema-enum diagnostics',
    );
    const type = ds.find((d) => codeOf(d) === 'schema-type')!;
    assertRange(type.range, rangeOf(doc, '"512"'), 'the schema-type diagnostic');
    assert.equal(type.severity, vscode.DiagnosticSeverity.Error);
    assert.match(type.message, /mem/);
    const enumeration = ds.find((d) => codeOf(d) === 'schema-enum')!;
    assertRange(enumeration.range, rangeOf(doc, '"DOKCER"'), 'the schema-enum diagnostic');
    assert.match(enumeration.message, /DOCKER/);
    const code = type.code as { value: string; target: vscode.Uri };
    assert.equal(typeof code, 'object', 'the code links to the rule documentation');
    assert.match(code.target.toString(), /docs\/rules\.md#schema-type$/);
    assert.equal(problems(ds).length, 2, describeDiagnostics(ds));
  });

  it('reports a local persistent volume with an absolute containerPath at the path (LV-01)', async () => {
    const code = ruleFor('LV-01');
    const { document: doc } = await open('apps/mysql-broken.json');
    const ds = await waitForCode(doc.uri, code);
    const d = ds.find((x) => codeOf(x) === code)!;
    assertRange(d.range, rangeOf(doc, '"/var/lib/mysql"'), `the ${code} diagnostic`);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /\//, 'the message says what is wrong with the path');
    assert.deepEqual(
      problems(ds).map(codeOf),
      [code],
      `only the containerPath is wrong in this app:\n${describeDiagnostics(ds)}`,
    );
  });

  it('finds nothing wrong in the seeds: MySQL with the two-volume workaround, PostgreSQL, the pod', async () => {
    const files = ['apps/mysql.json', 'apps/postgres.json', 'pods/persistent-volume-pod.json'];
    const docs = [];
    for (const f of files) docs.push((await open(f)).document);
    await settled();
    for (const doc of docs) {
      const found = problems(marathonDiagnostics(doc.uri));
      assert.equal(found.length, 0, `${doc.uri.path}:\n${describeDiagnostics(found)}`);
    }
  });

  it('updates the diagnostics as the user types', async () => {
    const editor = await open('apps/broken-schema.json');
    const doc = editor.document;
    await waitForCode(doc.uri, 'schema-type');
    assert.ok(await editor.edit((b) => b.replace(rangeOf(doc, '"512"'), '512')));
    await waitForDiagnostics(
      doc.uri,
      (ds) => !ds.some((d) => codeOf(d) === 'schema-type') && ds.some((d) => codeOf(d) === 'schema-enum'),
      'the schema-type diagnostic to go away while schema-enum stays',
    );
    assert.ok(await editor.edit((b) => b.replace(rangeOf(doc, '"mem": 512'), '"mem": "512"')));
    await waitForCode(doc.uri, 'schema-type');
  });
});
