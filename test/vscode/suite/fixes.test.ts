/**
 * Quick fixes through VS Code's code action machinery, as the light bulb offers them:
 * the exact resulting text, and the diagnostic gone afterwards.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  codeOf,
  describeActions,
  describeDiagnostics,
  open,
  problems,
  quickFixesFor,
  ruleFor,
  waitForCode,
  waitForDiagnostics,
} from './util';

async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `the quick fix "${action.title}" has no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `the edit of "${action.title}" was not applied`);
}

describe('quick fixes', () => {
  it('changes a misspelt container type to DOCKER, and nothing else', async () => {
    const { document: doc } = await open('apps/broken-schema.json');
    const before = doc.getText();
    const ds = await waitForCode(doc.uri, 'schema-enum');
    const d = ds.find((x) => codeOf(x) === 'schema-enum')!;
    const { fixes, all } = await quickFixesFor(doc.uri, d);
    const fix = fixes.find((f) => f.title.includes('"DOCKER"'));
    assert.ok(
      fix,
      `no fix to DOCKER for the diagnostic; code actions at its range:\n${describeActions(all)}`,
    );
    await apply(fix);
    assert.equal(doc.getText(), before.replace('"DOKCER"', '"DOCKER"'));
    await waitForDiagnostics(
      doc.uri,
      (ds) => !ds.some((x) => codeOf(x) === 'schema-enum') && ds.some((x) => codeOf(x) === 'schema-type'),
      'the schema-enum diagnostic to go away (schema-type stays)',
    );
  });

  it('replaces an absolute persistent containerPath by the two-volume workaround (LV-01, LV-20)', async () => {
    const code = ruleFor('LV-01');
    const { document: doc } = await open('apps/mysql-broken.json');
    const before = doc.getText();
    const ds = await waitForCode(doc.uri, code);
    const d = ds.find((x) => codeOf(x) === code)!;
    const { fixes, all } = await quickFixesFor(doc.uri, d);
    assert.ok(
      fixes.length > 0,
      `no quick fix for ${code}; code actions at its range:\n${describeActions(all)}`,
    );
    const fix = fixes.find((f) => f.isPreferred) ?? fixes[0];
    await apply(fix);
    const after = doc.getText();

    // Everything outside the volumes array is byte-identical.
    const open_ = '"volumes": [';
    const start = before.indexOf(open_) + open_.length;
    const tail = before.slice(before.indexOf('\n    ],', start));
    assert.equal(after.slice(0, start), before.slice(0, start), 'the text before the volumes changed');
    assert.ok(after.endsWith(tail), 'the text after the volumes changed');

    // The volumes are the persistent volume at a relative path plus the host volume mounting it at /var/lib/mysql.
    const app = JSON.parse(after);
    const volumes: Record<string, unknown>[] = app.container.volumes;
    assert.equal(volumes.length, 2, after);
    const persistent = volumes.find((v) => 'persistent' in v);
    const host = volumes.find((v) => 'hostPath' in v);
    assert.deepEqual(persistent, {
      containerPath: 'mysql',
      mode: 'RW',
      persistent: { type: 'root', size: 1000 },
    });
    assert.deepEqual(host, { containerPath: '/var/lib/mysql', hostPath: 'mysql', mode: 'RW' });
    // The new lines keep the file's two-space indentation.
    for (const line of after.slice(start, after.length - tail.length).split('\n'))
      assert.match(line, /^( {2})*\S|^$/, `indentation of ${JSON.stringify(line)}`);

    const left = await waitForDiagnostics(
      doc.uri,
      (ds) => !ds.some((x) => codeOf(x) === code),
      `the ${code} diagnostic to go away`,
    );
    assert.equal(problems(left).length, 0, describeDiagnostics(left));
  });
});
