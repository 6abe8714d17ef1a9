/** Definition, references and rename between pod volumes and mounts, and persistent volumes and hostPath. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, TextEdit } from 'vscode-languageserver-types';
import { definition, prepareRename, references, rename } from '../server/src/service/navigation';
import { cursor, found, lint } from './helpers';

const POD = `{
  "id": "/p",
  "volumes": [
    { "name": "data", "persistent": { "size": 1024 } },
    { "name": "logs" }
  ],
  "containers": [
    { "name": "db", "resources": { "cpus": 0.5, "mem": 256 }, "volumeMounts": [ { "name": "data", "mountPath": "/var/lib/db" }, { "name": "logs", "mountPath": "logs" } ] },
    { "name": "backup", "resources": { "cpus": 0.1, "mem": 64 }, "volumeMounts": [ { "name": "data", "mountPath": "snapshot", "readOnly": true } ] }
  ]
}
`;

const APP = `{
  "id": "/mysql",
  "cmd": "run",
  "container": {
    "type": "MESOS",
    "volumes": [
      { "containerPath": "mysqldata", "mode": "RW", "persistent": { "size": 1024 } },
      { "containerPath": "/var/lib/mysql", "hostPath": "mysqldata", "mode": "RW" },
      { "containerPath": "/etc/ssl", "hostPath": "/etc/ssl", "mode": "RO" }
    ]
  }
}
`;

/** The text each location covers. */
function texts(text: string, locations: Location[]): string[] {
  const doc = TextDocument.create('file:///x', 'json', 1, text);
  return locations.map((l) => text.slice(doc.offsetAt(l.range.start), doc.offsetAt(l.range.end)));
}

/** Offset of the n-th (0-based) occurrence of `needle`, plus `delta`. */
function at(text: string, needle: string, n = 0, delta = 2): number {
  let i = -1;
  for (let k = 0; k <= n; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, needle);
  return i + delta;
}

function lines(locations: Location[]): number[] {
  return locations.map((l) => l.range.start.line);
}

describe('pod volumes and their mounts', () => {
  test('definition jumps from a mount name to the volume', () => {
    const a = lint(POD);
    const d = definition(a, at(POD, '"data"', 1));
    assert.equal(d.length, 1);
    assert.equal(d[0].uri, a.doc.uri);
    assert.deepEqual(lines(d), [3]);
    assert.deepEqual(texts(POD, d), ['"data"']);
    assert.deepEqual(
      definition(a, at(POD, '"data"', 0)),
      [],
      'the declaration itself has no definition elsewhere',
    );
  });

  test('references from the volume or a mount, with or without the declaration', () => {
    const a = lint(POD);
    assert.deepEqual(lines(references(a, at(POD, '"data"', 0), true)), [3, 7, 8]);
    assert.deepEqual(lines(references(a, at(POD, '"data"', 2), false)), [7, 8]);
    assert.deepEqual(lines(references(a, at(POD, '"logs"', 0), false)), [7]);
  });

  test('a container name, an image or a mountPath is no link', () => {
    const a = lint(POD);
    assert.deepEqual(definition(a, at(POD, '"db"')), []);
    assert.equal(prepareRename(a, at(POD, '"db"')), null);
    assert.deepEqual(references(a, at(POD, '"/var/lib/db"'), true), []);
  });

  test('rename renames the volume and its mounts, and the pod stays valid', () => {
    const a = lint(POD);
    const offset = at(POD, '"data"', 2);
    const range = prepareRename(a, offset);
    assert.ok(range);
    assert.equal(texts(POD, [{ uri: '', range }])[0], 'data', 'the name without its quotes');
    const edit = rename(a, offset, 'pgdata');
    assert.ok(edit?.changes);
    const edits = edit.changes[a.doc.uri] as TextEdit[];
    assert.equal(edits.length, 3);
    const renamed = TextDocument.applyEdits(TextDocument.create('file:///x', 'json', 1, POD), edits);
    assert.equal(renamed, POD.replaceAll('"data"', '"pgdata"'));
    assert.deepEqual(
      found(lint(renamed)).filter((f) => f.severity === 'error'),
      [],
    );
  });

  test('rename refuses a name no mount could refer to', () => {
    const a = lint(POD);
    assert.equal(rename(a, at(POD, '"data"'), 'Data_1'), null);
    assert.equal(rename(a, at(POD, '"data"'), ''), null);
  });
});

describe('the two-volume workaround', () => {
  test('definition jumps from hostPath to the persistent volume', () => {
    const a = lint(APP);
    const d = definition(a, at(APP, '"mysqldata"', 1));
    assert.deepEqual(lines(d), [6]);
    assert.deepEqual(texts(APP, d), ['"mysqldata"']);
    assert.deepEqual(definition(a, at(APP, '"/etc/ssl"', 1)), [], 'an agent directory is no link');
  });

  test('references from the persistent volume find the host volumes', () => {
    const a = lint(APP);
    assert.deepEqual(lines(references(a, at(APP, '"mysqldata"', 0), false)), [7]);
    assert.deepEqual(lines(references(a, at(APP, '"mysqldata"', 1), true)), [6, 7]);
  });

  test('rename changes containerPath and hostPath together; a path with "/" is refused', () => {
    const a = lint(APP);
    const edit = rename(a, at(APP, '"mysqldata"', 0), 'mysql');
    const renamed = TextDocument.applyEdits(
      TextDocument.create('file:///x', 'json', 1, APP),
      edit!.changes![a.doc.uri] as TextEdit[],
    );
    assert.equal(renamed, APP.replaceAll('"mysqldata"', '"mysql"'));
    assert.equal(rename(a, at(APP, '"mysqldata"', 0), 'var/mysql'), null);
    assert.equal(
      prepareRename(a, at(APP, '"/var/lib/mysql"')),
      null,
      'the absolute path is the host volume’s own',
    );
  });

  test('a cursor marker inside a name works anywhere in the string', () => {
    const { text, offset } = cursor(APP.replace('"hostPath": "mysqldata"', '"hostPath": "mysql|data"'));
    assert.equal(definition(lint(text), offset).length, 1);
  });
});
