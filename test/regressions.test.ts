/**
 * Regressions found by the fuzzer (test/fuzz.test.ts, `npm run fuzz`), each with the
 * smallest input that showed it. Every test asserts what the user sees once fixed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MarathonService } from '../server/src/service/service';
import { captureGuardLogs, checkFix, diagnosticKeys, freshDiagnostics } from './fuzzing';
import { TestClient } from './lsp';

/** Diagnostics of `after` in a service that analysed `before` first (unit cache warm). */
function afterEdit(uri: string, before: string, after: string) {
  const service = new MarathonService();
  service.diagnostics(service.document(uri, 1, before));
  return service.diagnostics(service.document(uri, 2, after));
}

describe('regressions found by fuzzing', () => {
  test('unit results are not reused when a syntax error elsewhere changes what the unit checks see', () => {
    // v1: one schema error in the app. v2: the same app text, but a comma and the final
    // brace are missing before and after it, so the parser's tree around the app is a
    // guess and its schema problems are dropped; a warm cache kept showing them.
    const uri = 'file:///w/group.json';
    const v1 = '{"id": "/g", "apps": [{"id": "a", "cmd": "sleep 1", "instances": "2"}]}';
    const v2 = '{"id": "/g" "apps": [{"id": "a", "cmd": "sleep 1", "instances": "2"}]';
    const first = new MarathonService();
    assert.ok(
      first.diagnostics(first.document(uri, 1, v1)).some((d) => d.code === 'schema-type'),
      'v1 has its schema error',
    );
    const got = afterEdit(uri, v1, v2);
    assert.deepEqual(diagnosticKeys(got), diagnosticKeys(freshDiagnostics(uri, v2)));
    assert.deepEqual(
      got.map((d) => d.code),
      ['document', 'document'],
    );
  });

  test('fixes that copy a value do not JSON.parse a slice of a broken document (docker-fields-for-engine crashed)', () => {
    // Found by the fuzzer: "portMappings" under "docker" of a MESOS container (its fix moves
    // them up, copying the value), here with the array left unclosed.
    const uri = 'file:///w/app.marathon.json';
    const text =
      '{"id": "/a", "cmd": "x", "container": {"type": "MESOS", "docker": {"image": "x", "portMappings": [{"containerPort": 80}';
    const logs = captureGuardLogs();
    try {
      const service = new MarathonService();
      const doc = service.document(uri, 1, text);
      const diags = service.diagnostics(doc);
      assert.ok(
        diags.some((d) => d.code === 'docker-fields-for-engine'),
        diags.map((d) => d.code).join(),
      );
      for (const d of diags)
        for (const a of service.codeActions(doc, d.range, [d]))
          assert.equal(checkFix(uri, text, a), undefined);
      service.codeActions(doc, diags[0].range, [], ['source.fixAll']);
      assert.deepEqual(logs.take(), []);
    } finally {
      logs.restore();
    }
  });

  test('a value named like an Object.prototype member is no lookup hit ("provider": "constructor")', () => {
    const text = JSON.stringify({
      id: '/a',
      cmd: 'sleep 1',
      container: {
        type: 'MESOS',
        volumes: [{ containerPath: 'data', mode: 'RW', external: { name: 'v', provider: 'constructor' } }],
      },
    });
    const service = new MarathonService();
    const diags = service.diagnostics(service.document('file:///w/app.json', 1, text));
    // Not called a Docker volume driver, and every diagnostic survives a structured clone
    // (the worker thread's postMessage threw on the function Object in its data).
    assert.ok(
      !diags.some((d) => /is a Docker volume driver/.test(d.message)),
      diags.map((d) => d.message).join('\n'),
    );
    assert.ok(diags.some((d) => d.code === 'external-volume-provider'));
    assert.doesNotThrow(() => structuredClone(diags));
  });

  test('unit results keep offsets in their data in step when the unit moves (schemaAcceptedIn, at)', () => {
    // The second app's DVDI options have a number: one dvdi-option-text report stands for
    // the schema errors inside the options (data.schemaAcceptedIn, a span). An edit in the
    // first app moved the second one; its cached span stayed behind, and the schema
    // error it had hidden showed up.
    const second = {
      id: 'b',
      cmd: 'sleep 1',
      container: {
        type: 'MESOS',
        volumes: [
          {
            containerPath: '/m',
            mode: 'RW',
            external: { name: 'v', provider: 'dvdi', options: { 'dvdi/driver': 'rexray', 'dvdi/size': 5 } },
          },
        ],
      },
    };
    const uri = 'file:///w/group.json';
    const v1 = JSON.stringify({ id: '/g', apps: [{ id: 'a', cmd: 'sleep 1' }, second] }, null, 2);
    const v2 = v1.replace('"sleep 1"', `"sleep 1 ${'#'.repeat(200)}"`);
    const got = afterEdit(uri, v1, v2);
    assert.deepEqual(diagnosticKeys(got), diagnosticKeys(freshDiagnostics(uri, v2)));
    assert.ok(!got.some((d) => d.code === 'schema-type'), got.map((d) => d.message).join('\n'));
  });

  test('a unit report without a node lands inside its unit, so a cached one lands in the same place', () => {
    // "mode" has no value: network-name-required reported with no node, at offset 0 of the
    // document; after a BOM was added the cached result moved to 1, a fresh one stayed at 0.
    const uri = 'file:///w/app.json';
    const v1 = '{"id": "/a", "cmd": "sleep 1", "networks": [{"mode" 1}]}';
    const v2 = '\ufeff' + v1;
    const got = afterEdit(uri, v1, v2);
    assert.deepEqual(diagnosticKeys(got), diagnosticKeys(freshDiagnostics(uri, v2)));
  });

  test('edits at one offset go to the client insertions first, as the protocol requires', async () => {
    // A composite fix renames a key and inserts its missing sibling before it, at the same
    // offset; sent replacement first, a client that checks for overlaps rejected it.
    const { TextDocument } = await import('vscode-languageserver-textdocument');
    const uri = 'file:///w/app.json';
    const text = '{"id": "/a", "cmd": "sleep 1", "upgradeStrategy": {"maximumOverCapacty": 0.5}}';
    const service = new MarathonService();
    const doc = service.document(uri, 1, text);
    const actions = service.diagnostics(doc).flatMap((d) => service.codeActions(doc, d.range, [d]));
    const fix = actions.find((a) => /^Rename to "maximumOverCapacity", then add/.test(a.title));
    assert.ok(fix, actions.map((a) => a.title).join('\n'));
    const edits = fix.edit!.changes![uri];
    assert.deepEqual(
      TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, text), edits),
      '{"id": "/a", "cmd": "sleep 1", "upgradeStrategy": {"minimumHealthCapacity": 1, "maximumOverCapacity": 0.5}}',
    );
  });

  test('a quick fix never leaves the text parsing worse (the tree around a syntax error is a guess)', () => {
    // The volume object is broken ("z" where a comma and a key should be); the parser
    // ends it after "z", and "Add mode" inserted the property after the object, inside
    // the array, adding a syntax error. Such a fix is not offered; where the object is
    // well-formed, it is.
    const uri = 'file:///w/app.marathon.json';
    const broken =
      '{"id": "/a", "cmd": "x", "container": {"type": "MESOS", "volumes": [{"containerPath": "/x", "hostPath": "/y" "z"}]}}';
    const strict =
      '{"id": "/a", "cmd": "x", "container": {"type": "MESOS", "volumes": [{"containerPath": "/x", "hostPath": "/y"}]}}';
    const titles = (text: string) => {
      const service = new MarathonService();
      const doc = service.document(uri, 1, text);
      const actions = service.diagnostics(doc).flatMap((d) => service.codeActions(doc, d.range, [d]));
      for (const a of actions) assert.equal(checkFix(uri, text, a), undefined);
      return actions.map((a) => a.title);
    };
    assert.ok(!titles(broken).some((t) => /mode/.test(t)), 'no "Add mode" fix on the broken object');
    assert.ok(
      titles(strict).some((t) => /mode/.test(t)),
      'the well-formed object gets its fix',
    );
  });
});

/** CPU milliseconds `f` takes (robust to a busy machine, unlike wall time). */
function cpuMs(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

describe('regressions found with pathological values', () => {
  const uri = 'file:///w/app.marathon.json';
  // Compile the schemas (once per process) outside the measurements.
  new MarathonService().diagnostics(new MarathonService().document(uri, 1, '{"id": "/a", "cmd": "x"}'));

  test('a container path of 200,000 slashes is checked in linear time (no /\\/+$/ on it)', () => {
    const text = JSON.stringify({
      id: '/a',
      cmd: 'sleep 1',
      container: {
        type: 'MESOS',
        volumes: [{ containerPath: '/'.repeat(200_000) + 'x', mode: 'RW', persistent: { size: 1 } }],
      },
    });
    const service = new MarathonService();
    let codes: string[] = [];
    const ms = cpuMs(() => {
      const doc = service.document(uri, 1, text);
      const diags = service.diagnostics(doc);
      for (const d of diags) service.codeActions(doc, d.range, [d]);
      codes = diags.map((d) => String(d.code));
    });
    assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms of CPU`);
    assert.ok(codes.includes('persistent-container-path'), codes.join(', '));
  });

  test('an object of 20,000 wrong values is checked in linear time (ajv error lists, key lookups)', () => {
    const env = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`K${i}`, i]));
    const text = JSON.stringify({ id: '/a', cmd: 'sleep 1', env });
    const service = new MarathonService();
    let count = 0;
    const ms = cpuMs(() => {
      count = service
        .diagnostics(service.document(uri, 1, text))
        .filter((d) => d.code === 'schema-type').length;
    });
    assert.ok(ms < 3000, `took ${ms.toFixed(0)} ms of CPU`);
    assert.ok(count > 0);
  });

  test('fix-all and quick fixes on 2,000 problems stay within the request budget', () => {
    const env = Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`K${i}`, i]));
    const text = JSON.stringify({ id: '/a', cmd: 'sleep 1', env }, null, 2);
    const service = new MarathonService();
    const doc = service.document(uri, 1, text);
    const diags = service.diagnostics(doc);
    const all = { start: { line: 0, character: 0 }, end: doc.lines.positionAt(text.length) };
    let fixAll: ReturnType<MarathonService['codeActions']> = [];
    const t0 = performance.now();
    fixAll = service.codeActions(doc, all, [], ['source.fixAll']);
    const fixAllMs = performance.now() - t0;
    const t1 = performance.now();
    service.codeActions(doc, all, diags, ['quickfix']);
    const quickMs = performance.now() - t1;
    assert.ok(
      fixAllMs < 2000 && quickMs < 2000,
      `fix-all ${fixAllMs.toFixed(0)} ms, quick fixes ${quickMs.toFixed(0)} ms`,
    );
    // What was verified in time is offered (the rest on the next save).
    for (const a of fixAll) assert.equal(checkFix(uri, text, a), undefined);
  });

  test('a 5 MB volume name never meets a "did you mean" table (edit distance stays bounded)', () => {
    const text = JSON.stringify({
      id: '/p',
      volumes: [{ name: 'v'.repeat(5_000_000) }],
      containers: [
        {
          name: 'c',
          resources: { cpus: 0.1, mem: 32 },
          exec: { command: { shell: 'sleep 1' } },
          volumeMounts: [{ name: 'data', mountPath: '/d' }],
        },
      ],
    });
    const service = new MarathonService();
    let codes: string[] = [];
    const ms = cpuMs(() => {
      codes = service.diagnostics(service.document('file:///w/pod.json', 1, text)).map((d) => String(d.code));
    });
    assert.ok(ms < 3000, `took ${ms.toFixed(0)} ms of CPU`);
    assert.ok(codes.length > 0);
  });
});

describe('regressions found by fuzzing the server over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  const uri = 'file:///ws/app.json';
  const app = '{"id": "/a", "cmd": "sleep 1", "instances": "2"}';

  test('a change notification with a malformed change is dropped whole, and logs no failure', async () => {
    await client.open(uri, app);
    for (const contentChanges of [[null], [{}], [{ text: 5 }], [{ range: { start: 1 }, text: 'x' }]]) {
      client.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges,
      });
    }
    // The next well-formed change applies to the text as it was.
    const fixed = await client.change(uri, '1', {
      start: { line: 0, character: 44 },
      end: { line: 0, character: 47 },
    });
    assert.deepEqual(fixed, []);
    assert.deepEqual(client.loggedErrors, []);
  });

  test('requests at malformed positions or ranges answer null, not an internal error', async () => {
    for (const position of [null, { line: 'x', character: 0 }, { line: 0.5 }]) {
      assert.equal(
        await client.request('textDocument/completion', { textDocument: { uri }, position }),
        null,
      );
      assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position }), null);
    }
    assert.equal(
      await client.request('textDocument/codeAction', { textDocument: { uri }, range: null, context: {} }),
      null,
    );
    assert.deepEqual(
      await client.request('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        context: { diagnostics: [null, { range: 7 }], only: ['quickfix', 5] },
      }),
      [],
    );
    assert.deepEqual(client.loggedErrors, []);
  });

  test('file and folder events of the wrong shape are ignored, not unhandled rejections', async () => {
    client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: null });
    client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [null, { uri: 5, type: 1 }] });
    client.conn.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: null, removed: [null] },
    });
    // The server is alive and still answers for the document.
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(Array.isArray(symbols));
    assert.deepEqual(client.loggedErrors, []);
  });

  test('a message that cannot be cloned for postMessage still reaches the client (as JSON)', async () => {
    const { JsonPortMessageWriter } = await import('../server/src/lsp/serve');
    const { MessageChannel } = await import('node:worker_threads');
    const channel = new MessageChannel();
    const got = new Promise<unknown>((resolve) => channel.port2.once('message', resolve));
    const writer = new JsonPortMessageWriter(channel.port1);
    await writer.write({
      jsonrpc: '2.0',
      method: 'textDocument/publishDiagnostics',
      params: { uri: 'file:///x', diagnostics: [{ message: 'm', data: { driver: Object } }] },
    } as never);
    assert.deepEqual(JSON.parse((await got) as string), {
      jsonrpc: '2.0',
      method: 'textDocument/publishDiagnostics',
      params: { uri: 'file:///x', diagnostics: [{ message: 'm', data: {} }] },
    });
    channel.port1.close();
  });

  test('two groups just under maxDocumentSize open at once: the server stays up (the worker had a 256 MB heap)', async () => {
    // About 1,500 characters and 150 syntax nodes per app, as real groups have.
    const apps = Array.from({ length: 5000 }, (_, i) => ({
      id: `/prod/team${i % 17}/service-${i}`,
      cpus: 0.5,
      mem: 256,
      instances: 1,
      container: {
        type: 'DOCKER',
        docker: { image: `registry.example.com/team/service-${i}:1.0.${i % 10}`, forcePullImage: false },
        volumes: [
          { containerPath: `data${i}`, mode: 'RW', persistent: { type: 'root', size: 512 } },
          { containerPath: `/var/lib/svc${i}`, hostPath: `data${i}`, mode: 'RW' },
        ],
        portMappings: [{ containerPort: 8080, hostPort: 0, protocol: 'tcp', name: 'http' }],
      },
      networks: [{ mode: 'container/bridge' }],
      env: { SERVICE_NAME: `service-${i}`, LOG_LEVEL: 'info', JAVA_OPTS: '-Xmx256m' },
      labels: { team: `team${i % 17}`, tier: i % 2 ? 'backend' : 'frontend' },
      healthChecks: [{ protocol: 'MESOS_HTTP', path: '/health', portIndex: 0, gracePeriodSeconds: 300 }],
      upgradeStrategy: { minimumHealthCapacity: 0, maximumOverCapacity: 0 },
      unreachableStrategy: 'disabled',
    }));
    const text = JSON.stringify({ id: '/prod', apps }, null, 2);
    assert.ok(text.length > 6_000_000 && text.length < 8_388_608, `${text.length} characters`);
    let exited = false;
    client.proc.once('exit', () => (exited = true));
    for (const name of ['big-1.json', 'big-2.json']) {
      const uri = `file:///ws/${name}`;
      await client.open(uri, text);
      // An edit in the middle; its diagnostics come for its version.
      const line = text.slice(0, text.length >> 1).split('\n').length - 1;
      await client.change(uri, ' ', { start: { line, character: 0 }, end: { line, character: 0 } });
    }
    assert.equal(exited, false, client.stderr);
    assert.deepEqual(client.loggedErrors, []);
    client.close('file:///ws/big-1.json');
    client.close('file:///ws/big-2.json');
  });
});
