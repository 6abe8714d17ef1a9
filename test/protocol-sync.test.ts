/**
 * Incremental document sync over the real protocol: after every edit (single changes,
 * several changes in one notification, full replacements), the server publishes for the
 * latest version exactly the diagnostics a fresh analysis of that text gives.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../server/src/service/analyze';
import { toDiagnostics } from '../server/src/service/diagnostics';
import { parseDocument } from '../server/src/service/document';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from './lsp';

function expected(uri: string, text: string) {
  const a = analyze(parseDocument(uri, 1, text, DEFAULT_SETTINGS.limits), DEFAULT_SETTINGS);
  return toDiagnostics(a, 'en')
    .map((d) => `${d.code} ${JSON.stringify(d.range)} ${d.message}`)
    .sort();
}

function position(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

const group = JSON.stringify(
  {
    id: '/prod',
    apps: Array.from({ length: 12 }, (_, i) => ({
      id: `svc-${i}`,
      cmd: 'sleep 1000',
      instances: 1,
      container: { type: 'MESOS', volumes: [] },
    })),
  },
  null,
  2,
);

describe('incremental sync over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  test('random edits: the published diagnostics always match a fresh analysis', async () => {
    const uri = 'file:///ws/group.json';
    let text = group;
    await client.open(uri, text);
    let s = 3;
    const random = () => ((s = (s * 1103515245 + 12345) % 2147483648), s / 2147483648);
    const inserts = ['"2"', '-1', ' ', 'x', '"', ',', '{}', '"mode": "RO"', ''];
    for (let i = 0; i < 40; i++) {
      const n = 1 + Math.floor(random() * 3);
      const changes = [];
      for (let k = 0; k < n; k++) {
        const offset = Math.floor(random() * text.length);
        const length = Math.floor(random() * 4);
        const insert = inserts[Math.floor(random() * inserts.length)];
        changes.push({
          range: { start: position(text, offset), end: position(text, offset + length) },
          text: insert,
        });
        text = text.slice(0, offset) + insert + text.slice(offset + length);
      }
      const version = i + 2;
      client.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: changes,
      });
      const got = await client.diagnostics(uri, version);
      assert.deepEqual(
        got.map((d) => `${d.code} ${JSON.stringify(d.range)} ${d.message}`).sort(),
        expected(uri, text),
        `after edit ${i}`,
      );
    }
  });

  test('a change for a document that is not open and a stale version do not break the server', async () => {
    client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: 'file:///ws/nowhere.json', version: 5 },
      contentChanges: [{ text: '{}' }],
    });
    const uri = 'file:///ws/other.json';
    await client.open(uri, '{"id": "/a", "cmd": "run", "instances": "1"}');
    client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 0 },
      contentChanges: [{ text: '{"id": "/a", "cmd": "run", "instances": 1}' }],
    });
    const diags = await client.nextDiagnostics(uri);
    assert.deepEqual(diags, []);
  });
});

describe('large documents over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  const big = JSON.stringify(
    {
      id: '/big',
      apps: Array.from({ length: 400 }, (_, i) => ({
        id: `app-${i}`,
        cmd: 'sleep 1000',
        instances: i % 10 === 0 ? '2' : 1,
        container: {
          type: 'MESOS',
          volumes: [{ containerPath: '/var/data', mode: 'RW', persistent: { size: 100 } }],
        },
      })),
    },
    null,
    2,
  );

  test('the last publication for a version has every diagnostic a full analysis gives', async () => {
    const uri = 'file:///ws/big.json';
    const edited = big.replace('"app-0"', '"app-zero"');
    const want = expected(uri, edited);
    const all: { version?: number; diagnostics: unknown[] }[] = [];
    const complete = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no complete publication for version 2')), 20000);
      client.conn.onNotification(
        'textDocument/publishDiagnostics',
        (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
          if (p.uri !== uri) return;
          all.push(p);
          if (p.version === 2 && p.diagnostics.length === want.length) {
            clearTimeout(timer);
            resolve();
          }
        },
      );
    });
    client.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'json', version: 1, text: big },
    });
    // An edit right away: the work for version 1 may be abandoned, version 2 must be complete.
    client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: edited }],
    });
    await complete;
    const last = all[all.length - 1] as { diagnostics: Parameters<typeof expectedOf>[0] };
    assert.deepEqual(expectedOf(last.diagnostics), want);
    // Nothing for version 1 came after version 2's publications.
    const firstV2 = all.findIndex((p) => p.version === 2);
    assert.ok(all.slice(firstV2).every((p) => p.version === 2));
  });
});

describe('long first analyses over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  const huge = JSON.stringify({
    id: '/huge',
    apps: Array.from({ length: 1500 }, (_, i) => ({
      id: `app-${i}`,
      cmd: 'sleep 1000',
      instances: 1,
      container: {
        type: 'MESOS',
        volumes: [{ containerPath: i % 3 ? 'data' : '/var/data', mode: 'RW', persistent: { size: 100 } }],
      },
      ...(i % 3
        ? {}
        : {
            unreachableStrategy: 'disabled',
            upgradeStrategy: { minimumHealthCapacity: 0, maximumOverCapacity: 0 },
          }),
    })),
  });

  const progressOf = (token: string | number) =>
    (
      client.progress as {
        token: string | number;
        value: { kind: string; title?: string; percentage?: number };
      }[]
    )
      .filter((p) => p.token === token)
      .map((p) => p.value);

  test('show their progress in the editor until the diagnostics are complete', async () => {
    const uri = 'file:///ws/clusters/huge.json';
    const first = await client.open(uri, huge);
    await client.settled();
    const tokens = [...client.createdProgress];
    assert.equal(tokens.length, 1);
    const values = progressOf(tokens[0]);
    assert.equal(values[0].kind, 'begin');
    assert.equal(values[0].title, 'Checking huge.json');
    assert.equal(values[values.length - 1].kind, 'end');
    // The first publication came early; the one before the progress ended is complete.
    const last = await client.diagnostics(uri, 1);
    assert.ok(first.length < last.length);
    assert.deepEqual(expectedOf(last as Parameters<typeof expectedOf>[0]), expected(uri, huge));
  });

  test('show the problems of the first apps before the whole document is parsed', async () => {
    const uri = 'file:///ws/clusters/head.json';
    const text = huge.replace('"/huge"', '"/head"');
    const lines = TextDocument.create(uri, 'json', 1, text);
    const created = client.createdProgress.size;
    const first = await client.open(uri, text);
    // The editor was told that more is coming before this publication arrived.
    assert.equal(client.createdProgress.size, created + 1);
    await client.settled();
    const last = await client.diagnostics(uri, 1);
    // The first publication is about the first 50 apps, and says of them what the complete one says
    const headEnd = text.indexOf('{"id":"app-50"');
    assert.ok(first.length > 0 && first.every((d) => lines.offsetAt(d.range.end) < headEnd));
    // (but for what the rules that need the whole text say: the counted note, the role rule)
    const inHead = last.filter(
      (d) => lines.offsetAt(d.range.end) < headEnd && d.code !== 'document' && d.code !== 'resident-role',
    );
    assert.deepEqual(expectedOf(first as typeof inHead), expectedOf(inHead));
    assert.ok(last.length > first.length);
  });

  test('end their progress when the document is closed before they are done', async () => {
    const uri = 'file:///ws/clusters/closed.json';
    const created = client.createdProgress.size;
    await client.open(uri, huge.replace('"/huge"', '"/closed"'));
    client.close(uri);
    await client.settled();
    assert.equal(client.createdProgress.size, created + 1);
    // What was published for it is cleared.
    assert.deepEqual(await client.diagnostics(uri, 1), []);
  });
});

function expectedOf(diags: { code?: unknown; range: unknown; message: string }[]) {
  return diags.map((d) => `${d.code} ${JSON.stringify(d.range)} ${d.message}`).sort();
}
