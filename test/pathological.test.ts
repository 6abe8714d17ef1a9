/**
 * The inputs that break JSON language servers, each through the pure service and over
 * stdio: what the user sees (the one information that says why checks are off, the
 * errors at their nodes), and that every answer comes in time. The limits are settings
 * (marathon.limits.*); docs/robustness.md lists them and what happens past them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { MarathonService } from '../server/src/service/service';
import { createAjv } from '../server/src/service/schema/ajv';
import { SCHEMAS } from '../server/src/service/schema/schemas';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';
import { checkFix, positionAt } from './fuzzing';
import { ROOT, SERVER, TestClient } from './lsp';

const SLOW_MS = 2000;

function app(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: '/a', cmd: 'sleep 1000', ...extra };
}

/** A group of `n` apps with local persistent volumes, about 830 characters each. */
function group(n: number): string {
  const apps = Array.from({ length: n }, (_, i) => ({
    id: `svc-${i}`,
    cmd: 'sleep 1000',
    instances: 1,
    cpus: 0.1,
    mem: 128,
    residency: undefined,
    container: {
      type: 'MESOS',
      volumes: [{ containerPath: `data${i}`, mode: 'RW', persistent: { type: 'root', size: 512 } }],
    },
    env: { SERVICE: `svc-${i}`, LOG_LEVEL: 'info', PADDING: 'x'.repeat(400) },
    upgradeStrategy: { minimumHealthCapacity: 0, maximumOverCapacity: 0 },
    unreachableStrategy: 'disabled',
  }));
  return JSON.stringify({ id: '/prod', apps }, null, 2);
}

interface Case {
  name: string;
  uri?: string;
  text: () => string;
  /** What the user must see (checked on the pure service and on the server's publication). */
  expect: (diags: Diagnostic[], text: string) => void;
}

const codes = (d: Diagnostic[]) => d.map((x) => String(x.code));
const messages = (d: Diagnostic[]) => d.map((x) => x.message).join('\n');
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

const CASES: Case[] = [
  {
    name: 'a 20 MB group: one information, nothing parsed',
    text: () => group(24_000),
    expect: (d, text) => {
      assert.ok(text.length > 20_000_000, `only ${text.length} characters`);
      assert.deepEqual(codes(d), ['document']);
      assert.equal(d[0].severity, 3);
      assert.match(d[0].message, /marathon\.limits\.maxDocumentSize/);
    },
  },
  {
    name: '100,000 levels of nesting: one information, the parser never recurses',
    uri: 'file:///w/deep.marathon.json',
    text: () => deep(100_000),
    expect: (d) => {
      assert.deepEqual(codes(d), ['document']);
      assert.match(d[0].message, /marathon\.limits\.maxNestingDepth/);
    },
  },
  {
    name: '100,000 levels of objects inside an app',
    text: () =>
      '{"id": "/a", "cmd": "x", "labels": ' + '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000) + '}',
    expect: (d) => {
      assert.deepEqual(codes(d), ['document']);
      assert.match(d[0].message, /deeper than 256 levels/);
    },
  },
  {
    name: 'a 5 MB string: syntax only, the information on the string',
    text: () => JSON.stringify(app({ cmd: 'x'.repeat(5 * 1024 * 1024), instances: '2' })),
    expect: (d, text) => {
      assert.deepEqual(codes(d), ['document'], messages(d));
      assert.match(
        d[0].message,
        /5242882 characters, more than the 262144 that marathon\.limits\.maxStringLength/,
      );
      assert.deepEqual(d[0].range.start, positionAt(text, text.indexOf('"xxx')));
    },
  },
  {
    name: 'a 5 MB id of slashes (ajv pattern would overflow the stack)',
    text: () => JSON.stringify(app({ id: '/'.repeat(5_000_000) + 'A' })),
    expect: (d) => assert.deepEqual(codes(d), ['document']),
  },
  {
    name: 'a 5 MB string with a syntax error after it: the error is still reported',
    text: () => JSON.stringify(app({ cmd: 'y'.repeat(5_000_000) })).slice(0, -1) + ' "x": }',
    expect: (d) => {
      assert.ok(codes(d).every((c) => c === 'document'));
      assert.ok(
        d.some((x) => x.severity === 1),
        messages(d),
      );
      assert.ok(d.some((x) => /maxStringLength/.test(x.message)));
    },
  },
  {
    name: 'binary bytes in a Marathon file: one error, not one per byte',
    uri: 'file:///w/marathon.json',
    text: () => {
      let s = 7;
      let out = '{"id": "/a", "cmd": "x", ';
      for (let i = 0; i < 200_000; i++)
        out += String.fromCharCode((s = (s * 1103515245 + 12345) % 2147483648) % 256);
      return out.slice(0, 100) + '\u0000' + out.slice(100);
    },
    expect: (d) => {
      const errors = d.filter((x) => x.severity === 1);
      assert.equal(errors.length, 1, messages(d));
      assert.match(errors[0].message, /binary/);
    },
  },
  {
    name: 'binary after CRLF, LF and CR line breaks: the error is at the NUL (lines counted without a line index)',
    uri: 'file:///w/marathon.json',
    text: () => '{"id": "/a",\r\n"cmd": "x",\n"cpus": 1,\r"mem": 2\u0000' + '\u0001'.repeat(1000),
    expect: (d) => {
      const errors = d.filter((x) => x.severity === 1);
      assert.equal(errors.length, 1, messages(d));
      assert.deepEqual(errors[0].range.start, { line: 3, character: 8 });
    },
  },
  {
    name: 'a million commas: at most 100 syntax errors, and a count of the others',
    text: () => JSON.stringify(app()).slice(0, -1) + ', "instances": [' + ','.repeat(1_000_000) + ']}',
    expect: (d) => {
      assert.ok(d.length <= 110, `${d.length} diagnostics`);
      assert.ok(
        d.some((x) => /999\d{3} more syntax errors are not shown/.test(x.message)),
        messages(d).slice(0, 500),
      );
    },
  },
  {
    name: '20,000 problems: at most marathon.limits.maxProblems, errors first, and a count of the others',
    text: () =>
      JSON.stringify(
        app({
          container: {
            type: 'MESOS',
            volumes: Array.from({ length: 20_000 }, (_, i) => ({
              containerPath: `d${i}`,
              mode: 'RW',
              persistent: { size: 'x' },
            })),
          },
        }),
      ),
    expect: (d) => {
      assert.equal(d.length, DEFAULT_SETTINGS.limits.maxProblems + 1);
      assert.match(d[0].message, /more problems are not shown \(marathon\.limits\.maxProblems is 1000\)/);
      assert.equal(d[0].severity, 3);
      assert.ok(
        d.slice(1).every((x) => x.severity === 1),
        'the errors are the ones kept',
      );
    },
  },
  {
    name: 'BOM and CRLF: ranges on the right lines and columns',
    text: () => '\ufeff' + JSON.stringify(app({ instances: '2' }), null, 2).replace(/\n/g, '\r\n'),
    expect: (d, text) => {
      const at = text.indexOf('"2"');
      const got = d.find((x) => x.code === 'schema-type');
      assert.ok(got, messages(d));
      assert.deepEqual(got.range, { start: positionAt(text, at), end: positionAt(text, at + 3) });
      assert.equal(got.range.start.line, 3);
    },
  },
  {
    name: 'duplicate keys: the first one is flagged',
    text: () => '{"id": "/a", "id": "/b", "cmd": "x", "cmd": "sleep 1"}',
    expect: (d) => assert.deepEqual(codes(d).filter((c) => c === 'duplicate-key').length, 2),
  },
  {
    name: 'wrong types everywhere',
    text: () =>
      JSON.stringify(
        app({
          instances: '2',
          cpus: '0.5',
          mem: 'lots',
          container: {
            type: 'MESOS',
            volumes: [{ containerPath: 'd', mode: 'RW', persistent: { size: '100' } }],
          },
        }),
      ),
    expect: (d) => {
      const wrong = d.filter((x) => x.severity === 1).map((x) => x.message);
      for (const field of ['instances', 'cpus', 'mem'])
        assert.ok(
          wrong.some((m) => m.includes(`"${field}"`)),
          `${field}: ${wrong.join(' | ')}`,
        );
    },
  },
  {
    name: 'nulls in every position',
    text: () =>
      JSON.stringify({
        id: null,
        cmd: null,
        instances: null,
        container: { type: null, volumes: [null, { containerPath: null, mode: null, persistent: null }] },
        constraints: [null, [null]],
        env: null,
        upgradeStrategy: null,
        healthChecks: [null],
      }),
    uri: 'file:///w/nulls.marathon.json',
    expect: (d) =>
      assert.ok(
        d.some((x) => x.severity === 1),
        messages(d),
      ),
  },
  {
    name: 'lone surrogates, raw and escaped',
    text: () =>
      '{"id": "/a\ud800", "cmd": "\udc00x", "env": {"\ud800": "\\udfff"}, "labels": {"a": "\\ud800"}}',
    expect: (d) => assert.ok(d.every((x) => typeof x.message === 'string')),
  },
  {
    name: 'truncated in the middle of a token',
    text: () =>
      JSON.stringify(
        app({ container: { type: 'MESOS', volumes: [{ containerPath: 'data', mode: 'RW' }] } }),
      ).slice(0, 75),
    expect: (d) =>
      assert.ok(
        d.some((x) => x.code === 'document' && x.severity === 1),
        messages(d),
      ),
  },
  {
    name: 'an empty file',
    uri: 'file:///w/empty.marathon.json',
    text: () => '',
    expect: (d) => assert.ok(d.every((x) => x.severity !== 1)),
  },
  {
    name: 'a bare null',
    uri: 'file:///w/null.marathon.json',
    text: () => 'null',
    expect: (d) => assert.ok(d.length <= 1),
  },
];

describe('pathological documents through the service', () => {
  for (const c of CASES)
    test(c.name, () => {
      const text = c.text();
      const uri = c.uri ?? 'file:///w/app.json';
      const service = new MarathonService();
      const timed = <T>(what: string, f: () => T): T => {
        const t0 = performance.now();
        const out = f();
        const ms = performance.now() - t0;
        assert.ok(ms < SLOW_MS, `${what} took ${ms.toFixed(0)} ms`);
        return out;
      };
      const doc = timed('parse', () => service.document(uri, 1, text));
      const diags = timed('diagnostics', () => service.diagnostics(doc));
      c.expect(diags, text);
      const at = doc.lines.positionAt(Math.floor(text.length / 2));
      timed('completion', () => service.completion(doc, at));
      timed('hover', () => service.hover(doc, at));
      timed('symbols', () => service.documentSymbols(doc));
      const actions = timed('quick fixes', () =>
        service.codeActions(doc, { start: { line: 0, character: 0 }, end: at }, diags.slice(0, 20)),
      );
      for (const a of actions) assert.equal(checkFix(uri, text, a), undefined);
      timed('fix-all', () => service.codeActions(doc, { start: at, end: at }, [], ['source.fixAll']));
    });
});

describe('pathological documents over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.stop());

  for (const [i, c] of CASES.entries())
    test(c.name, async () => {
      const text = c.text();
      const uri = (c.uri ?? 'file:///w/app.json').replace('file:///w/', `file:///w/${i}/`);
      const diags = await client.open(uri, text);
      c.expect(diags, text);
      const at = positionAt(text, Math.floor(text.length / 2));
      for (const [method, params] of [
        ['textDocument/completion', { textDocument: { uri }, position: at }],
        ['textDocument/hover', { textDocument: { uri }, position: at }],
        ['textDocument/documentSymbol', { textDocument: { uri } }],
        [
          'textDocument/codeAction',
          {
            textDocument: { uri },
            range: { start: at, end: at },
            context: { diagnostics: diags.slice(0, 5) },
          },
        ],
      ] as const) {
        const t0 = performance.now();
        await client.request(method, params);
        const ms = performance.now() - t0;
        assert.ok(ms < SLOW_MS, `${method} took ${ms.toFixed(0)} ms`);
      }
      client.close(uri);
      assert.deepEqual(client.loggedErrors, []);
    });
});

/** A file the process cannot read whoever it runs as: a symbolic link to itself. */
function loop(file: string): void {
  fs.rmSync(file, { force: true });
  fs.symlinkSync(path.basename(file), file);
}

describe('the workspace changing under the server', () => {
  let client: TestClient;
  let ws: string;
  const dup = (id: string) => JSON.stringify({ id, cmd: 'sleep 1000' });
  const uri = () => pathToFileURL(path.join(ws, 'open.json')).href;

  before(async () => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'marathon-ws-'));
    fs.writeFileSync(path.join(ws, 'a.json'), dup('/dup'));
    loop(path.join(ws, 'loop.json'));
    fs.mkdirSync(path.join(ws, 'folder.json'));
    fs.writeFileSync(path.join(ws, 'locked.json'), dup('/locked'));
    fs.chmodSync(path.join(ws, 'locked.json'), 0);
    // A FIFO: reading it would block the indexer forever.
    execFileSync('mkfifo', [path.join(ws, 'fifo.json')]);
    client = await TestClient.start({ workspaceFolder: ws });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  /** Waits until the open document's diagnostics satisfy `ok` (they change as the index does). */
  async function until(ok: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
    let d = await client.diagnostics(uri());
    const deadline = Date.now() + 10_000;
    while (!ok(d)) {
      assert.ok(Date.now() < deadline, `${what}: ${messages(d)}`);
      d = await client.nextDiagnostics(uri(), Math.max(1, deadline - Date.now())).catch(() => d);
    }
    return d;
  }
  const dupIn = (file: string) => (d: Diagnostic[]) =>
    d.some((x) => x.code === 'duplicate-id' && x.message.includes(file));
  const noDup = (d: Diagnostic[]) => !d.some((x) => x.code === 'duplicate-id');
  const event = (file: string, type: 1 | 2 | 3) =>
    client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(ws, file)).href, type }],
    });

  test('unreadable entries (a link loop, a FIFO, a folder named .json, mode 000) do not stop the index', async () => {
    await client.open(uri(), dup('/dup'));
    await until(dupIn('a.json'), 'the clash with a.json on disk');
  });

  test('a file deleted on disk is forgotten', async () => {
    fs.rmSync(path.join(ws, 'a.json'));
    event('a.json', 3);
    await until(noDup, 'no clash once a.json is gone');
  });

  test('a file renamed on disk is found under its new name', async () => {
    fs.writeFileSync(path.join(ws, 'b.json'), dup('/dup'));
    fs.renameSync(path.join(ws, 'b.json'), path.join(ws, 'c.json'));
    event('b.json', 3);
    event('c.json', 1);
    await until(dupIn('c.json'), 'the clash with c.json');
  });

  test('a file that becomes unreadable is forgotten', async () => {
    loop(path.join(ws, 'c.json'));
    event('c.json', 2);
    await until(noDup, 'no clash once c.json cannot be read');
  });

  test('a workspace folder removed takes its files out of the index', async () => {
    fs.writeFileSync(path.join(ws, 'd.json'), dup('/dup'));
    event('d.json', 1);
    await until(dupIn('d.json'), 'the clash with d.json');
    client.conn.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [], removed: [{ uri: pathToFileURL(ws).href, name: 'ws' }] },
    });
    await until(noDup, 'no clash once the folder is removed');
    assert.deepEqual(client.loggedErrors, []);
  });
});

describe('marathon-lint on unreadable input', () => {
  const cli = path.join(path.dirname(SERVER), 'cli.js');
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marathon-cli-'));
    loop(path.join(dir, 'loop.json'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.json')]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [name, file, message] of [
    ['a link to itself', 'loop.json', /^Cannot read .*loop\.json: ELOOP$/],
    ['a FIFO', 'fifo.json', /^Cannot read .*fifo\.json: not a file$/],
    ['a missing file', 'missing.json', /^No such file or folder: .*missing\.json$/],
  ] as const)
    test(`${name}: exit status 2 and one clear line, no stack trace`, () => {
      const r = spawnSync(process.execPath, [cli, path.join(dir, file)], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 10_000,
        env: { ...process.env, LANG: 'C' },
      });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr.trim(), message);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });
});

describe('nothing from the workspace runs, nothing is fetched', () => {
  const sources = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) =>
        e.isDirectory()
          ? sources(path.join(dir, e.name))
          : e.name.endsWith('.ts')
            ? [path.join(dir, e.name)]
            : [],
      );

  test('the server and the CLI import no process, network or code-evaluation module, and evaluate nothing', () => {
    const forbidden =
      /from ['"](node:)?(child_process|http|https|http2|net|tls|dns|dgram|vm|cluster)['"]|require\(['"](node:)?(child_process|http|https|net|vm)['"]\)|(?<![.\w])eval\(|new Function\(|(?<![.\w]|async )fetch\(/;
    const offenders = sources(path.join(ROOT, 'server', 'src')).filter((f) =>
      forbidden.test(fs.readFileSync(f, 'utf8')),
    );
    assert.deepEqual(offenders, []);
  });

  test('schemas are bundled: no loader for remote schemas, every $ref resolves to a bundled file', () => {
    assert.equal(createAjv().opts.loadSchema, undefined);
    const refs: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          if (k === '$ref' && typeof x === 'string') refs.push(x);
          else walk(x);
        }
    };
    Object.values(SCHEMAS).forEach(walk);
    assert.ok(refs.length > 100);
    assert.deepEqual(
      refs.filter((r) => !(r.startsWith('#') || r.split('#')[0] in SCHEMAS)),
      [],
    );
  });

  test('user regular expressions (constraint and volume path patterns) are compiled, never run', () => {
    // Catastrophic patterns: running one against a value of 30 characters takes minutes.
    const evil = '(a+)+$';
    const text = JSON.stringify(
      app({
        constraints: [
          ['hostname', 'LIKE', evil],
          ['rack', 'UNLIKE', '(x+x+)+y'],
        ],
        container: {
          type: 'MESOS',
          volumes: [
            {
              containerPath: 'data',
              mode: 'RW',
              persistent: { size: 1, constraints: [['path', 'LIKE', evil]] },
            },
          ],
        },
        labels: { a: 'a'.repeat(30) + '!' },
        env: { X: 'x'.repeat(30) },
      }),
    );
    const service = new MarathonService();
    const t0 = performance.now();
    const doc = service.document('file:///w/app.json', 1, text);
    for (const d of service.diagnostics(doc)) service.codeActions(doc, d.range, [d]);
    assert.ok(performance.now() - t0 < SLOW_MS);
  });
});

describe('names made of user text', () => {
  test('nameLike: lower case, one "-" per run of other characters, none at the ends, at most 63', async () => {
    const { nameLike } = await import('../server/src/service/util/text');
    assert.equal(nameLike('Billing_API.v2'), 'billing-api-v2');
    assert.equal(nameLike('--db--'), 'db');
    assert.equal(nameLike('___'), '');
    assert.equal(nameLike('a'.repeat(70) + 'b'), 'a'.repeat(63));
    assert.equal(nameLike('a'.repeat(62) + '-bc'), 'a'.repeat(62));
    // Linear: a megabyte of separators is one pass, not a regular expression's quadratic search.
    const t0 = performance.now();
    assert.equal(nameLike('-'.repeat(1_000_000) + 'x' + '_'.repeat(1_000_000)), 'x');
    assert.ok(performance.now() - t0 < SLOW_MS);
  });
});
