/**
 * The editor features over the real protocol (the built server over stdio):
 * completion, hover, definition, references, rename and document symbols, in English
 * and Chinese. Point MARATHON_SERVER at another build (e.g. /tmp/marathon-edit/dist/server.js).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type {
  CompletionList,
  DocumentSymbol,
  Hover,
  Location,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from './lsp';

const APP = `{
  "id": "/mysql",
  "cmd": "run",
  "container": {
    "type": "MESOS",
    "volumes": [
      { "containerPath": "mysqldata", "mode": "RW", "persistent": { "size": 1024 } },
      { "containerPath": "/var/lib/mysql", "hostPath": "mysqldata", "mode": "RW" }
    ]
  }
}
`;

const POD = `{
  "id": "/p",
  "volumes": [ { "name": "data", "persistent": { "size": 64 } } ],
  "containers": [
    { "name": "c1", "resources": { "cpus": 0.1, "mem": 32 }, "volumeMounts": [ { "name": "data", "mountPath": "data" } ] },
    { "name": "c2", "resources": { "cpus": 0.1, "mem": 32 }, "volumeMounts": [ { "name": "data", "mountPath": "d" } ] }
  ]
}
`;

/** The position of the `n`-th occurrence of `needle` plus `delta` characters. */
function pos(text: string, needle: string, n = 0, delta = 1) {
  let i = -1;
  for (let k = 0; k <= n; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, needle);
  return TextDocument.create('file:///x', 'json', 1, text).positionAt(i + delta);
}

/** The range of the `n`-th occurrence of `needle`, shifted inward by `trim` characters on each side. */
function span(text: string, needle: string, n = 0, trim = 0): Range {
  return { start: pos(text, needle, n, trim), end: pos(text, needle, n, needle.length - trim) };
}

const markdown = (h: Hover | null) => (h?.contents as { value: string } | undefined)?.value ?? '';

describe('editing over the protocol', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  test('completion: the keys of a persistent volume, as snippets replacing the typed token', async () => {
    const uri = 'file:///ws/complete.json';
    const broken = `{
  "id": "/mysql",
  "cmd": "run",
  "container": {
    "type": "MESOS",
    "volumes": [
      { "containerPath": "mysqldata", "persistent": { "size": 1024 }, "mo }
    ]
  }
}
`;
    await client.open(uri, broken);
    const position = pos(broken, '"mo', 0, 3);
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position,
    });
    const mode = list.items.find((i) => i.label === 'mode');
    assert.ok(mode, JSON.stringify(list.items.map((i) => i.label)));
    assert.equal(mode.insertTextFormat, 2);
    const edit = mode.textEdit as TextEdit;
    assert.equal(edit.newText, '"mode": "RW"');
    assert.deepEqual(edit.range, { start: pos(broken, '"mo', 0, 0), end: position });
    assert.equal(mode.filterText, '"mode"');
    assert.ok(!list.items.some((i) => i.label === 'hostPath'), 'only the keys of a persistent volume');
  });

  test('completion: values narrowed by the context, references from the document', async () => {
    const uri = 'file:///ws/values.json';
    const text = APP.replace('"hostPath": "mysqldata"', '"hostPath": ""');
    await client.open(uri, text);
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: pos(text, '"hostPath": ""', 0, 13),
    });
    assert.deepEqual(
      list.items.map((i) => i.label),
      ['"mysqldata"'],
    );
  });

  test('hover: unit and Marathon behaviour, in English', async () => {
    const uri = 'file:///ws/hover.json';
    await client.open(uri, APP);
    const h = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: pos(APP, '"size"', 0, 2),
    });
    assert.match(markdown(h), /MiB \(not GiB/);
    assert.deepEqual(h?.range, span(APP, '"size"'));
  });

  test('definition and references between hostPath and the persistent volume', async () => {
    const uri = 'file:///ws/nav.json';
    await client.open(uri, APP);
    const def = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri },
      position: pos(APP, '"mysqldata"', 1, 3),
    });
    assert.deepEqual(def, [{ uri, range: span(APP, '"mysqldata"') }]);
    const refs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: pos(APP, '"mysqldata"', 0, 3),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      refs.map((r) => r.range.start.line),
      [6, 7],
    );
  });

  test('prepareRename and rename of a pod volume rename its mounts', async () => {
    const uri = 'file:///ws/pod.json';
    await client.open(uri, POD);
    const at = pos(POD, '"data"', 0, 2);
    const range = await client.request<Range | null>('textDocument/prepareRename', {
      textDocument: { uri },
      position: at,
    });
    assert.deepEqual(range, span(POD, '"data"', 0, 1));
    const edit = await client.request<WorkspaceEdit | null>('textDocument/rename', {
      textDocument: { uri },
      position: at,
      newName: 'shared',
    });
    const edits = edit?.changes?.[uri] ?? [];
    assert.equal(edits.length, 3);
    const renamed = TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, POD), edits);
    assert.equal(renamed, POD.replaceAll('"name": "data"', '"name": "shared"'));
    const diags = await client.change(uri, renamed);
    assert.deepEqual(
      diags.filter((d) => d.severity === 1),
      [],
    );
  });

  test('document symbols for other editors', async () => {
    const uri = 'file:///ws/symbols.json';
    await client.open(uri, POD);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri },
    });
    assert.equal(symbols[0].name, '/p');
    assert.deepEqual(
      symbols[0].children?.map((c) => c.name),
      ['data', 'c1', 'c2'],
    );
  });

  test('templates in an empty Marathon file', async () => {
    const uri = 'file:///ws/new.marathon.json';
    await client.open(uri, '');
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 0, character: 0 },
    });
    assert.ok(list.items.some((i) => i.label === 'marathon-mysql'));
    assert.ok(list.items.every((i) => (i.data as { template?: string })?.template));
  });

  test('nothing for a document that is not a Marathon definition', async () => {
    const uri = 'file:///ws/package.json';
    const text = '{ "name": "x", "version": "1.0.0" }';
    await client.open(uri, text);
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 0, character: 15 },
    });
    assert.deepEqual(list.items, []);
    const h = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 4 },
    });
    assert.equal(h, null);
  });
});

describe('editing over the protocol in Chinese', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ locale: 'zh-cn' });
  });
  after(() => client.stop());

  test('completion details and documentation, hover and symbols in Chinese', async () => {
    const uri = 'file:///ws/zh.json';
    await client.open(uri, APP);
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: pos(APP, '"cmd": "run",', 0, 13),
    });
    const instances = list.items.find((i) => i.label === 'instances');
    assert.equal(instances?.detail, '整数 · 默认值 1');
    assert.match((instances?.documentation as { value: string }).value, /要运行的实例（任务）数/);
    const h = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: pos(APP, '"id"', 0, 2),
    });
    assert.match(markdown(h), /Marathon 会自动填入：/);
    assert.match(markdown(h), /"minimumHealthCapacity": 0\.5, "maximumOverCapacity": 0/);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri },
    });
    assert.match(String(symbols[0].children?.[0].children?.[0].detail), /^本地持久卷 · 1024 MiB$/);
  });
});
