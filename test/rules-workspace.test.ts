/**
 * Rules across definitions and files: external volume names unique in the cluster
 * (EV-10) and ids defined twice; in one document, across files of the workspace
 * index, and through the real server with a workspace folder on disk.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyFix, assertReports, lint, problemsOf, workspaceOf } from './helpers';
import { assertFixAcrossFormats } from './formats';
import { entryKey, extractEntry, WorkspaceIndex } from '../server/src/service/workspace';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TestClient } from './lsp';

type Obj = Record<string, unknown>;

const dvdiVol = (name: string, external: Obj = {}, rest: Obj = {}): Obj => ({
  containerPath: 'data',
  external: { name, provider: 'dvdi', options: { 'dvdi/driver': 'rexray' }, ...external },
  mode: 'RW',
  ...rest,
});

const csiVol = (name: string, accessMode: string, mode = 'RW'): Obj => ({
  containerPath: '/data',
  mode,
  external: {
    provider: 'csi',
    name,
    options: { pluginName: 'ebs.csi.aws.com', capability: { accessMode, accessType: 'block' } },
  },
});

const app = (id: string, volumes: Obj[]): Obj => ({
  id,
  cmd: './serve',
  container: { type: 'MESOS', volumes },
});

const group = (id: string, apps: Obj[], extra: Obj = {}): Obj => ({ id, apps, ...extra });

const RULE = 'external-volume-name-conflict';
const ext = (i: number) => `/apps/${i}/container/volumes/0`;

describe('external-volume-name-conflict in one document (EV-10)', () => {
  test('two non-shared DVDI volumes of one name: an error on both', () => {
    const doc = group('/storage', [app('a', [dvdiVol('pg')]), app('b', [dvdiVol('pg')])]);
    const got = assertReports(doc, RULE, [ext(0), ext(1)]);
    assert.ok(got.every((g) => g.severity === 'error'));
    assert.match(got[0].message, /"pg" is also used by \/storage\/b in this document/);
    assert.deepEqual(
      got[0].problem.related.map((r) => r.message),
      ['usedBy'],
    );
  });

  test('shared and non-shared: the error is on the shared one', () => {
    const doc = group('/storage', [
      app('app1', [dvdiVol('mixed', { shared: true })]),
      app('app2', [dvdiVol('mixed', { shared: false })]),
    ]);
    const [p] = assertReports(doc, RULE, [ext(0)]);
    assert.match(p.message, /\/storage\/app2/);
    assert.match(p.message, /every app that uses it marks it shared/);
  });

  test('shared everywhere, different names, or DVDI beside CSI: no conflict', () => {
    assertReports(
      group('/s', [app('a', [dvdiVol('v', { shared: true })]), app('b', [dvdiVol('v', { shared: true })])]),
      RULE,
      [],
    );
    assertReports(group('/s', [app('a', [dvdiVol('v')]), app('b', [dvdiVol('w')])]), RULE, []);
    assertReports(
      group('/s', [app('a', [dvdiVol('v')]), app('b', [csiVol('v', 'SINGLE_NODE_WRITER')])]),
      RULE,
      [],
    );
  });

  test('nested groups count: ids are resolved against their groups', () => {
    const doc = group('/prod', [app('db', [dvdiVol('v')])], {
      groups: [group('/prod/backend', [app('worker', [dvdiVol('v')])])],
    });
    const got = assertReports(doc, RULE, [ext(0), '/groups/0/apps/0/container/volumes/0']);
    assert.match(got[0].message, /\/prod\/backend\/worker/);
  });

  test('CSI: the access mode decides, not "shared"', () => {
    const two = (a: Obj, b: Obj) => group('/ledger', [app('r1', [a]), app('r2', [b])]);
    // Shareable modes, read-only: no index entry.
    assertReports(
      two(csiVol('v', 'MULTI_NODE_READER_ONLY', 'RO'), csiVol('v', 'MULTI_NODE_READER_ONLY', 'RO')),
      RULE,
      [],
    );
    assertReports(
      two(csiVol('v', 'MULTI_NODE_MULTI_WRITER'), csiVol('v', 'MULTI_NODE_MULTI_WRITER')),
      RULE,
      [],
    );
    // Single-node: both fail, shared or not.
    const snw = { ...csiVol('v', 'SINGLE_NODE_WRITER') };
    (snw.external as Obj).shared = true;
    assertReports(two(snw, csiVol('v', 'SINGLE_NODE_WRITER')), RULE, [ext(0), ext(1)]);
    // A single-writer volume mounted read-write clashes with another writer...
    assertReports(
      two(csiVol('v', 'MULTI_NODE_SINGLE_WRITER'), csiVol('v', 'MULTI_NODE_SINGLE_WRITER')),
      RULE,
      [ext(0), ext(1)],
    );
    // ...but read-only mounts of it are skipped.
    assertReports(
      two(csiVol('v', 'MULTI_NODE_SINGLE_WRITER'), csiVol('v', 'MULTI_NODE_SINGLE_WRITER', 'RO')),
      RULE,
      [],
    );
    // A shareable reader of a single-node volume is reported; the single-node one is not.
    assertReports(two(csiVol('v', 'SINGLE_NODE_WRITER'), csiVol('v', 'MULTI_NODE_MULTI_WRITER')), RULE, [
      ext(1),
    ]);
  });

  test('an array of apps is one deployment too', () => {
    assertReports([app('/a', [dvdiVol('v')]), app('/b', [dvdiVol('v')])], RULE, [
      '/0/container/volumes/0',
      '/1/container/volumes/0',
    ]);
  });

  test('the fix renames this volume to a name unused in the document and the workspace', () => {
    const input = group('/s', [
      app('a', [dvdiVol('pg')]),
      app('b', [dvdiVol('pg')]),
      app('c', [dvdiVol('pg-2', { shared: true })]),
    ]);
    const workspace = workspaceOf({ 'file:///ws/other.json': app('/x', [dvdiVol('pg-3')]) });
    assertFixAcrossFormats(
      input,
      RULE,
      group('/s', [
        app('a', [dvdiVol('pg-4')]),
        app('b', [dvdiVol('pg')]),
        app('c', [dvdiVol('pg-2', { shared: true })]),
      ]),
      { workspace },
    );
  });
});

describe('external-volume-name-conflict across files (EV-10)', () => {
  const other = 'file:///ws/marathon/billing.json';

  test('a clash with another file is a warning naming the other app and file, with its location', () => {
    const workspace = workspaceOf({ [other]: app('/billing', [dvdiVol('pg')]) });
    const [p] = assertReports(app('/web', [dvdiVol('pg')]), RULE, ['/container/volumes/0'], {
      workspace,
    });
    assert.equal(p.severity, 'warning');
    assert.match(p.message, /\/billing \(billing\.json\)/);
    assert.equal(p.problem.related[0].uri, other);
    assert.deepEqual(p.problem.related[0].range?.start, { line: 9, character: 18 });
  });

  test('the same app id in another file is the same app, not a clash', () => {
    const workspace = workspaceOf({ [other]: app('/web', [dvdiVol('pg')]) });
    assertReports(app('/web', [dvdiVol('pg')]), RULE, [], { workspace });
  });

  test('a shared volume elsewhere does not clash with this non-shared one; the reverse does', () => {
    const sharedThere = workspaceOf({ [other]: app('/billing', [dvdiVol('pg', { shared: true })]) });
    assertReports(app('/web', [dvdiVol('pg')]), RULE, [], { workspace: sharedThere });
    const plainThere = workspaceOf({ [other]: app('/billing', [dvdiVol('pg')]) });
    assertReports(app('/web', [dvdiVol('pg', { shared: true })]), RULE, ['/container/volumes/0'], {
      workspace: plainThere,
    });
  });

  test('CSI access modes and mounts are read from the other file', () => {
    const ro = workspaceOf({ [other]: app('/billing', [csiVol('v', 'MULTI_NODE_SINGLE_WRITER', 'RO')]) });
    assertReports(app('/web', [csiVol('v', 'MULTI_NODE_SINGLE_WRITER')]), RULE, [], { workspace: ro });
    const rw = workspaceOf({ [other]: app('/billing', [csiVol('v', 'MULTI_NODE_SINGLE_WRITER')]) });
    assertReports(app('/web', [csiVol('v', 'MULTI_NODE_MULTI_WRITER')]), RULE, ['/container/volumes/0'], {
      workspace: rw,
    });
  });

  test('an in-document clash stays an error and lists the other file in its related locations', () => {
    const workspace = workspaceOf({ [other]: app('/billing', [dvdiVol('pg')]) });
    const doc = group('/s', [app('a', [dvdiVol('pg')]), app('b', [dvdiVol('pg', { shared: true })])]);
    const [a, b] = assertReports(doc, RULE, [ext(0), ext(1)], { workspace });
    // /s/a clashes only with the other file; the shared /s/b clashes with /s/a here and /billing there.
    assert.equal(a.severity, 'warning');
    assert.equal(b.severity, 'error');
    assert.deepEqual(
      b.problem.related.map((r) => r.uri ?? 'here'),
      ['here', other],
    );
  });

  test('the fix picks a name no file uses', () => {
    const workspace = workspaceOf({
      [other]: app('/billing', [dvdiVol('pg'), dvdiVol('pg-2', {}, { containerPath: 'b' })]),
    });
    const fixed = applyFix(app('/web', [dvdiVol('pg')]), RULE, { workspace });
    assert.deepEqual(JSON.parse(fixed), app('/web', [dvdiVol('pg-3')]));
    assertReports(fixed, RULE, [], { workspace });
  });
});

describe('workspace index fingerprint', () => {
  const entryOf = (input: Obj) => {
    const a = lint(input, { uri: 'file:///ws/a.json' });
    return extractEntry(a.doc, a.model);
  };

  test('changes exactly when what other documents read changes', () => {
    const base = entryKey(entryOf(app('/a', [csiVol('v', 'MULTI_NODE_SINGLE_WRITER')])));
    assert.equal(
      entryKey(entryOf({ ...app('/a', [csiVol('v', 'MULTI_NODE_SINGLE_WRITER')]), cmd: 'other' })),
      base,
    );
    for (const changed of [
      app('/a', [csiVol('v', 'MULTI_NODE_SINGLE_WRITER', 'RO')]),
      app('/a', [csiVol('v', 'SINGLE_NODE_WRITER')]),
      app('/a', [csiVol('w', 'MULTI_NODE_SINGLE_WRITER')]),
      app('/b', [csiVol('v', 'MULTI_NODE_SINGLE_WRITER')]),
    ])
      assert.notEqual(entryKey(entryOf(changed)), base, JSON.stringify(changed));
  });

  test('the index generation grows only on such changes', () => {
    const index = new WorkspaceIndex();
    index.setDisk(entryOf(app('/a', [dvdiVol('v')])));
    const g = index.generation;
    assert.equal(index.setDisk(entryOf({ ...app('/a', [dvdiVol('v')]), cpus: 2 })), false);
    assert.equal(index.generation, g);
    assert.equal(index.setDisk(entryOf(app('/a', [dvdiVol('v', { shared: true })]))), true);
    assert.equal(index.generation, g + 1);
  });
});

describe('duplicate-id', () => {
  test('two apps with one id in a group: a warning on the later one', () => {
    const doc = group('/shop', [app('web', []), app('/shop/web', [])]);
    const [p] = assertReports(doc, 'duplicate-id', ['/apps/1/id']);
    assert.equal(p.severity, 'warning');
    assert.match(p.message, /keeps only one of them/);
  });

  test('two sub-groups with one id', () => {
    const doc = group('/shop', [], { groups: [group('backend', []), group('/shop/backend', [])] });
    assertReports(doc, 'duplicate-id', ['/groups/1/id']);
  });

  test('distinct ids, and an app beside a group of another id, pass', () => {
    assertReports(
      group('/shop', [app('web', []), app('api', [])], { groups: [group('db', [])] }),
      'duplicate-id',
      [],
    );
  });

  test('the same id in another file is an information', () => {
    const workspace = workspaceOf({ 'file:///ws/prod/web.json': app('/shop/web', []) });
    const [p] = assertReports(app('/shop/web', []), 'duplicate-id', ['/id'], { workspace });
    assert.equal(p.severity, 'information');
    assert.match(p.message, /web\.json/);
    assert.equal(p.problem.related[0].uri, 'file:///ws/prod/web.json');
  });

  test('an app and a pod with one id across files is a warning', () => {
    const pod = { id: '/shop/web', containers: [{ name: 'c', resources: { cpus: 0.1, mem: 32 } }] };
    const workspace = workspaceOf({ 'file:///ws/pod.json': pod });
    const [p] = assertReports(app('/shop/web', []), 'duplicate-id', ['/id'], { workspace });
    assert.equal(p.severity, 'warning');
    assert.match(p.message, /Applications and Pods may not share the same id/);
  });

  test('nothing without other definitions of the id', () => {
    const workspace = workspaceOf({ 'file:///ws/other.json': app('/shop/api', []) });
    assert.deepEqual(problemsOf(app('/shop/web', []), 'duplicate-id', { workspace }), []);
  });
});

describe('cross-file clashes through the language server', () => {
  let dir: string;
  let client: TestClient;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marathon-ws-'));
    fs.writeFileSync(
      path.join(dir, 'billing.json'),
      JSON.stringify(app('/billing', [dvdiVol('pgdata')]), null, 2),
    );
    fs.writeFileSync(path.join(dir, 'web.json'), JSON.stringify(app('/web', [dvdiVol('pgdata')]), null, 2));
    client = await TestClient.start({ workspaceFolder: dir });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Waits until the latest publication for `uri` satisfies `pred` (each wait is on a publication). */
  async function until(
    uri: string,
    pred: (clash: Diagnostic | undefined) => boolean,
  ): Promise<Diagnostic | undefined> {
    let clash: Diagnostic | undefined;
    for (let i = 0; i < 20; i++) {
      // The latest publication (already there), then the next one: no message can arrive in between.
      clash = (await client.diagnostics(uri, 1)).find((d) => d.code === RULE);
      if (pred(clash)) return clash;
      await client.nextDiagnostics(uri);
    }
    assert.fail(`publications never satisfied the condition: ${JSON.stringify(clash)}`);
  }

  test('a clash with a file that is not open appears, and clears when that file changes on disk', async () => {
    const web = pathToFileURL(path.join(dir, 'web.json')).href;
    const billing = pathToFileURL(path.join(dir, 'billing.json')).href;
    const text = fs.readFileSync(path.join(dir, 'web.json'), 'utf8');
    // The workspace scan may finish before or after the document is first validated.
    await client.open(web, text);
    const clash = await until(web, (d) => d !== undefined);
    assert.equal(clash?.severity, 2);
    assert.match(clash?.message ?? '', /\/billing \(billing\.json\)/);
    assert.equal(clash?.relatedInformation?.[0].location.uri, billing);

    fs.writeFileSync(
      path.join(dir, 'billing.json'),
      JSON.stringify(app('/billing', [dvdiVol('billing-data')]), null, 2),
    );
    client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: billing, type: 2 }] });
    await until(web, (d) => d === undefined);
  });
});
