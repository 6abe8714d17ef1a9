/** The built server over stdio, as an editor talks to it. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { SERVER, TestClient } from './lsp';

const APP = `{
  "id": "/mysql",
  "cmd": "run",
  "instances": "2"
}
`;

describe('language server over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  test('publishes diagnostics with code, source, link and version for a Marathon app', async () => {
    const diags = await client.open('file:///ws/app.json', APP);
    const d = diags.find((x) => x.code === 'schema-type');
    assert.ok(d, JSON.stringify(diags));
    assert.equal(d.source, 'marathon');
    assert.equal(d.severity, 1);
    assert.deepEqual(d.range, { start: { line: 3, character: 15 }, end: { line: 3, character: 18 } });
    assert.match(d.codeDescription?.href ?? '', /docs\/rules\.md#schema-type$/);
  });

  test('an edit publishes the new version; fixing the value clears the problem', async () => {
    const diags = await client.change('file:///ws/app.json', '2', {
      start: { line: 3, character: 15 },
      end: { line: 3, character: 18 },
    });
    assert.deepEqual(
      diags.filter((d) => d.severity === 1),
      [],
    );
  });

  test('package.json gets an empty publication, nothing else', async () => {
    const diags = await client.open('file:///ws/package.json', '{"name": "x", "version": "1.0.0", "cmd": 1}');
    assert.deepEqual(diags, []);
  });

  test('the locale of initialize selects Chinese messages', async () => {
    const zh = await TestClient.start({ locale: 'zh-cn' });
    try {
      const diags = await zh.open('file:///ws/app.json', APP);
      assert.match(diags[0].message, /[\u4e00-\u9fff]/);
    } finally {
      await zh.stop();
    }
  });
});

describe('codeAction/resolve', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ resolveSupport: true });
  });
  after(() => client.stop());

  const text = '{\n  "id": "/a",\n  "cmd": "run",\n  "killSelection": "OLDEST"\n}\n';
  const uri = 'file:///ws/resolve.json';

  test('actions resolve to their edit, also after an edit was undone (same text, newer version)', async () => {
    const diags = await client.open(uri, text);
    const diag = diags.find((d) => d.code === 'schema-enum');
    assert.ok(diag, JSON.stringify(diags));
    const actions = await client.request<{ title: string; edit?: unknown; data?: unknown }[]>(
      'textDocument/codeAction',
      {
        textDocument: { uri },
        range: diag.range,
        context: { diagnostics: [diag], only: ['quickfix'] },
      },
    );
    assert.ok(actions.length >= 2, JSON.stringify(actions));
    assert.equal(actions[0].edit, undefined, 'edits come on resolve');
    // An editor applies one fix, the user undoes it, then picks another one of the same list.
    await client.change(uri, text.replace('"OLDEST"', '"OLDEST_FIRST"'));
    await client.change(uri, text);
    const second = await client.request<{ edit?: { changes: Record<string, { newText: string }[]> } }>(
      'codeAction/resolve',
      actions[1],
    );
    assert.ok(second.edit?.changes[uri]?.length, 'the second action resolves to an edit');
  });

  test('an action computed for a text that has changed since resolves to no edit', async () => {
    const diags = await client.diagnostics(uri);
    const diag = diags.find((d) => d.code === 'schema-enum')!;
    const [action] = await client.request<{ edit?: unknown }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag], only: ['quickfix'] },
    });
    await client.change(uri, text.replace('"run"', '"run --now"'));
    const resolved = await client.request<{ edit?: unknown }>('codeAction/resolve', action);
    assert.equal(resolved.edit, undefined);
  });
});

describe('the server process', () => {
  const exitOf = (args: string[], act: (p: ReturnType<typeof spawn>) => void) =>
    new Promise<number | null>((resolve, reject) => {
      const p = spawn(process.execPath, [SERVER, ...args], { stdio: 'pipe' });
      const timer = setTimeout(() => {
        p.kill();
        reject(new Error('the server did not exit'));
      }, 10000);
      p.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
      act(p);
    });

  test('exits with status 0 when the client closes its input (the editor went away)', async () => {
    assert.equal(await exitOf(['--stdio'], (p) => p.stdin?.end()), 0);
  });

  test('exits with status 0 after shutdown and exit', async () => {
    const client = await TestClient.start();
    await client.open('file:///ws/app.json', APP);
    const exited = new Promise<number | null>((resolve) => client.proc.on('exit', resolve));
    await client.request('shutdown', null);
    client.conn.sendNotification('exit');
    assert.equal(await exited, 0);
  });
});
