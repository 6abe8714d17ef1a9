/**
 * Code actions over the protocol, against the built server (dist/server.js or
 * MARATHON_SERVER): a quick fix for a published diagnostic, codeAction/resolve for
 * clients that resolve (and nothing for a version that is gone), source.fixAll.marathon
 * as editor.codeActionsOnSave asks for it, and a refactor at the cursor.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { TestClient } from './lsp';

const URI = 'file:///ws/app.marathon.json';
const APP = `{
  "id": "/db",
  "cmd": "run-db",
  "cpu": 1,
  "disks": 0,
  "container": {
    "type": "MESOS",
    "volumes": [
      {
        "containerPath": "data",
        "mode": "RW",
        "persistent": {
          "type": "root",
          "size": 1024
        }
      }
    ]
  }
}
`;

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(URI, 'json', 1, text), edits);
}

const editsOf = (a: CodeAction) => a.edit?.changes?.[URI] ?? [];
const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });

describe('code actions over the protocol', () => {
  let client: TestClient;
  let diagnostics: Diagnostic[];
  before(async () => {
    client = await TestClient.start();
    diagnostics = await client.open(URI, APP);
  });
  after(() => client.stop());

  test('a quick fix for a published diagnostic', async () => {
    const d = diagnostics.find((x) => x.code === 'unknown-property' && x.range.start.line === 3);
    assert.ok(d, JSON.stringify(diagnostics));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    });
    assert.deepEqual(
      actions.map((a) => [a.kind, a.title, a.isPreferred]),
      [['quickfix', 'Rename to "cpus"', true]],
    );
    assert.deepEqual(actions[0].diagnostics, [d]);
    assert.equal(apply(APP, editsOf(actions[0])), APP.replace('"cpu"', '"cpus"'));
  });

  test('a client that passes no diagnostics (its view lags) gets the quick fixes of the problems at the range', async () => {
    const d = diagnostics.find((x) => x.code === 'unknown-property' && x.range.start.line === 3)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: d.range,
      context: { diagnostics: [], only: ['quickfix'] },
    });
    assert.deepEqual(
      actions.map((a) => [a.kind, a.title, a.diagnostics?.map((x) => x.code)]),
      [['quickfix', 'Rename to "cpus"', ['unknown-property']]],
    );
    // Away from any problem, nothing.
    const none = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: at(1, 2),
      context: { diagnostics: [], only: ['quickfix'] },
    });
    assert.deepEqual(none, []);
  });

  test('source.fixAll.marathon, as editor.codeActionsOnSave asks for it', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: at(0, 0),
      context: { diagnostics: [], only: ['source.fixAll'], triggerKind: 2 },
    });
    assert.deepEqual(
      actions.map((a) => [a.kind, a.title]),
      [['source.fixAll.marathon', 'Fix all safely fixable Marathon problems']],
    );
    assert.equal(
      apply(APP, editsOf(actions[0])),
      APP.replace('"cpu"', '"cpus"').replace('"disks"', '"disk"'),
    );
  });

  test('refactor.rewrite at the cursor', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: at(13, 10), // on "size"
      context: { diagnostics: [], only: ['refactor.rewrite'] },
    });
    const convert = actions.find((a) => a.title.startsWith('Convert'));
    assert.ok(convert, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(convert.kind, 'refactor.rewrite');
    assert.equal(convert.title, 'Convert to an external volume (DVDI, REX-Ray): 1024 MiB → 1 GiB');
    const converted = JSON.parse(apply(APP, editsOf(convert)));
    assert.deepEqual(converted.container.volumes, [
      {
        containerPath: 'data',
        mode: 'RW',
        external: { size: 1, name: 'db-data', provider: 'dvdi', options: { 'dvdi/driver': 'rexray' } },
      },
    ]);
    // Outside any volume there is nothing to convert.
    const elsewhere = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: at(1, 4),
      context: { diagnostics: [], only: ['refactor.rewrite'] },
    });
    assert.deepEqual(
      elsewhere.filter((a) => a.title.startsWith('Convert')),
      [],
    );
  });

  test('a request without `only` gets quick fixes and refactors, never fix-all', async () => {
    const d = diagnostics.find((x) => x.code === 'unknown-property')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: d.range,
      context: { diagnostics: [d] },
    });
    assert.ok(actions.some((a) => a.kind === 'quickfix'));
    assert.ok(!actions.some((a) => a.kind === 'source.fixAll.marathon'));
  });
});

describe('codeAction/resolve', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ resolveSupport: true });
  });
  after(() => client.stop());

  test('actions come without edits and are resolved with them, for the version they were made for', async () => {
    const uri = 'file:///ws/resolve.marathon.json';
    const diagnostics = await client.open(uri, APP);
    const d = diagnostics.find((x) => x.code === 'unknown-property' && x.range.start.line === 4)!;
    const request = (only: string[], range = d.range, diags = [d]) =>
      client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range,
        context: { diagnostics: diags, only },
      });
    const [fix] = await request(['quickfix']);
    assert.equal(fix.title, 'Rename to "disk"');
    assert.equal(fix.edit, undefined);
    assert.ok(fix.data);
    const resolved = await client.request<CodeAction>('codeAction/resolve', fix);
    assert.equal(
      TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, APP), resolved.edit!.changes![uri]),
      APP.replace('"disks"', '"disk"'),
    );

    const [all] = await request(['source.fixAll'], at(0, 0), []);
    assert.equal(all.edit, undefined);
    const allResolved = await client.request<CodeAction>('codeAction/resolve', all);
    assert.equal(allResolved.edit!.changes![uri].length, 2);

    const refactor = (await request(['refactor.rewrite'], at(13, 10), [])).find((a) =>
      a.title.startsWith('Convert'),
    )!;
    const refactorResolved = await client.request<CodeAction>('codeAction/resolve', refactor);
    assert.equal(refactorResolved.edit!.changes![uri].length, 1);

    // Once the document has changed, an action of the old version resolves to no edit.
    await client.change(uri, APP.replace('"run-db"', '"run-database"'));
    const stale = await client.request<CodeAction>('codeAction/resolve', fix);
    assert.equal(stale.edit, undefined);
    assert.equal(stale.title, fix.title);
  });
});
