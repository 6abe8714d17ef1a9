/**
 * Incremental re-parsing gives exactly the tree a full parse gives, for random edits
 * of real definitions (a fixed seed), and reuses the untouched subtrees.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import path from 'node:path';
import type { Node } from 'jsonc-parser';
import { createScanner } from 'jsonc-parser';
import { maxDepth, parseDocument } from '../server/src/service/document';
import { reparseDocument } from '../server/src/service/incremental';
import { MarathonService } from '../server/src/service/service';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';

const limits = DEFAULT_SETTINGS.limits;

function same(a: Node | undefined, b: Node | undefined, at = ''): void {
  assert.equal(a?.type, b?.type, `type at ${at}`);
  if (!a || !b) return;
  assert.equal(a.offset, b.offset, `offset at ${at}`);
  assert.equal(a.length, b.length, `length at ${at}`);
  assert.equal(a.value, b.value, `value at ${at}`);
  assert.equal(a.children?.length, b.children?.length, `children at ${at}`);
  a.children?.forEach((c, i) => {
    assert.equal(c.parent, a, `parent link at ${at}/${i}`);
    same(c, b.children![i], `${at}/${i}`);
  });
}

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const SNIPPETS = ['"', ',', '1', ' ', '\n', '{', '}', '[', ']', ':', 'true', '"mode": "RW"', 'x', ''];

const sample = JSON.stringify(
  {
    id: '/prod',
    apps: Array.from({ length: 20 }, (_, i) => ({
      id: `app-${i}`,
      cmd: 'sleep 1000',
      container: {
        type: 'MESOS',
        volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: 100 * i + 1 } }],
      },
      env: { A: 'b' },
    })),
  },
  null,
  2,
);

describe('incremental re-parse', () => {
  test('random edits give the same tree as a full parse', () => {
    const random = rng(7);
    let doc = parseDocument('file:///g.json', 1, sample, limits);
    let incremental = 0;
    for (let i = 0; i < 1500; i++) {
      const text = doc.text;
      const offset = Math.floor(random() * text.length);
      const length = random() < 0.5 ? 0 : Math.floor(random() * 6);
      const insert = SNIPPETS[Math.floor(random() * SNIPPETS.length)];
      const next = text.slice(0, offset) + insert + text.slice(offset + length);
      const before = doc.tree;
      const updated = reparseDocument(doc, i + 2, next, { offset, length, text: insert }, limits);
      const full = parseDocument('file:///g.json', i + 2, next, limits);
      same(updated.tree, full.tree);
      assert.deepEqual(updated.syntaxErrors.length > 0, full.syntaxErrors.length > 0);
      if (updated.tree && updated.tree === before) incremental++;
      // Keep the document mostly valid so that the incremental path keeps being exercised.
      doc = full.syntaxErrors.length ? parseDocument('file:///g.json', i + 2, sample, limits) : updated;
    }
    assert.ok(incremental > 100, `the incremental path was taken only ${incremental} times`);
  });

  test('an edit inside one app re-parses that app only; the other apps keep their nodes', () => {
    const doc = parseDocument('file:///g.json', 1, sample, limits);
    const apps = doc.tree!.children![1].children![1].children!;
    const third = apps[2];
    const offset = sample.indexOf('"mode": "RW"', third.offset) + '"mode": "'.length;
    const next = sample.slice(0, offset) + 'RO' + sample.slice(offset + 2);
    const updated = reparseDocument(doc, 2, next, { offset, length: 2, text: 'RO' }, limits);
    const after = updated.tree!.children![1].children![1].children!;
    assert.equal(after[0], apps[0]);
    assert.equal(after[19], apps[19]);
    same(updated.tree, parseDocument('file:///g.json', 2, next, limits).tree);
  });

  test('real-world files survive random edits', () => {
    const dir = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus', 'real-world');
    if (!fs.existsSync(dir)) return;
    const random = rng(11);
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json') && fs.statSync(path.join(dir, f)).size < 50_000);
    for (const f of files.slice(0, 60)) {
      let doc = parseDocument('file:///' + f, 1, fs.readFileSync(path.join(dir, f), 'utf8'), limits);
      for (let i = 0; i < 20; i++) {
        const offset = Math.floor(random() * doc.text.length);
        const insert = SNIPPETS[Math.floor(random() * SNIPPETS.length)];
        const next = doc.text.slice(0, offset) + insert + doc.text.slice(offset);
        const updated = reparseDocument(doc, i + 2, next, { offset, length: 0, text: insert }, limits);
        same(updated.tree, parseDocument('file:///' + f, i + 2, next, limits).tree, f);
        doc = updated;
      }
    }
  });
});

describe('nesting depth scan', () => {
  /** The reference: jsonc-parser's own tokenizer. */
  function reference(text: string): number {
    const scanner = createScanner(text, true);
    let depth = 0;
    let max = 0;
    for (let kind = scanner.scan(); kind !== 17; kind = scanner.scan()) {
      if (kind === 1 || kind === 3) max = Math.max(max, ++depth);
      else if (kind === 2 || kind === 4) depth = Math.max(0, depth - 1);
    }
    return max;
  }

  test('agrees with the tokenizer on random JSON-like text', () => {
    const random = rng(5);
    const alphabet = [
      '{',
      '}',
      '[',
      ']',
      '"',
      '\\',
      '\n',
      '/',
      '*',
      'a',
      ' ',
      ',',
      ':',
      '"{"',
      '//x\n',
      '/*]*/',
    ];
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const n = Math.floor(random() * 40);
      for (let k = 0; k < n; k++) text += alphabet[Math.floor(random() * alphabet.length)];
      assert.equal(maxDepth(text, 1000), reference(text), JSON.stringify(text));
    }
  });

  test('stops at the bound on very deep text', () => {
    assert.equal(maxDepth('['.repeat(100_000), 256), 257);
  });
});

describe('diagnostics after incremental edits', () => {
  const edit = (
    service: MarathonService,
    uri: string,
    text: string,
    from: string,
    to: string,
    version: number,
  ) => {
    const offset = text.indexOf(from);
    const next = text.slice(0, offset) + to + text.slice(offset + from.length);
    const doc = service.document(uri, version, next, {
      change: { offset, length: from.length, text: to },
      base: version - 1,
    });
    return { next, codes: service.diagnostics(doc).map((d) => `${d.code}: ${d.message}`) };
  };

  for (const [name, wrap] of [
    ['an app document', (app: object) => app],
    ['a group document', (app: object) => ({ id: '/g', apps: [app, { id: 'other', cmd: 'sleep 1' }] })],
  ] as const) {
    test(`${name}: fixing a nested value clears its diagnostic, breaking it again brings it back`, () => {
      const service = new MarathonService();
      const uri = 'file:///w/app.marathon.json';
      const text = JSON.stringify(
        wrap({ id: 'web', container: { type: 'DOKCER', docker: { image: 'nginx' } } }),
        null,
        2,
      );
      const first = service.diagnostics(service.document(uri, 1, text)).map((d) => String(d.code));
      assert.ok(first.includes('schema-enum'), first.join(', '));
      const fixed = edit(service, uri, text, 'DOKCER', 'DOCKER', 2);
      assert.deepEqual(fixed.codes, []);
      const broken = edit(service, uri, fixed.next, 'DOCKER', 'DOCKERXX', 3);
      assert.equal(broken.codes.length, 1, broken.codes.join(' | '));
      assert.match(broken.codes[0], /DOCKERXX/);
    });
  }
});

describe('problems moved by edits elsewhere', () => {
  test('after random edits of a group, every diagnostic is where (and says what) a fresh analysis says', () => {
    const service = new MarathonService();
    const uri = 'file:///w/group.json';
    let text = JSON.stringify(
      {
        id: '/g',
        apps: Array.from({ length: 30 }, (_, i) => ({
          id: i % 5 ? `app-${i}` : `/elsewhere/app-${i}`,
          cmd: 'sleep 1000',
          container: {
            type: 'MESOS',
            volumes: [
              {
                containerPath: i % 2 ? 'data' : '/var/data',
                mode: i % 3 ? 'RW' : 'RO',
                persistent: { size: 10 },
              },
            ],
          },
        })),
      },
      null,
      2,
    );
    // Some apps say cmd twice (the duplicate-key warning points at the first one in its data).
    let n = 0;
    text = text.replace(/"cmd": "sleep 1000"/g, (m) => (n++ % 4 ? m : `"cmd": "sleep 1", ${m}`));
    const shown = (diags: ReturnType<MarathonService['diagnostics']>) =>
      diags.map((d) => `${d.code} ${JSON.stringify(d.range)} ${d.message} ${JSON.stringify(d.data)}`);
    service.diagnostics(service.document(uri, 1, text));
    const random = rng(5);
    let moved = 0;
    for (let version = 2; version < 150; version++) {
      // A space somewhere (inside a string it changes the value), or one taken away.
      const offset = Math.floor(random() * text.length);
      const remove = random() < 0.4 && text[offset] === ' ';
      const change = { offset, length: remove ? 1 : 0, text: remove ? '' : ' ' };
      text = text.slice(0, offset) + change.text + text.slice(offset + change.length);
      const doc = service.document(uri, version, text, { change, base: version - 1 });
      if (doc.parsedChars !== undefined && doc.parsedChars < text.length) moved++;
      const fresh = new MarathonService();
      assert.deepEqual(
        shown(service.diagnostics(doc)),
        shown(fresh.diagnostics(fresh.document(uri, version, text))),
        `after edit ${version} at ${offset}`,
      );
    }
    assert.ok(moved > 50, `only ${moved} edits were incremental`);
  });
});

describe('the model after an incremental re-parse', () => {
  test('reuses the views of the apps the edit did not touch, and makes a new one for the edited app', () => {
    const service = new MarathonService();
    const text = JSON.stringify(
      {
        id: '/prod',
        apps: [0, 1, 2].map((i) => ({ id: `app-${i}`, cmd: 'sleep 100', instances: 1 })),
        pods: [{ id: 'pod', containers: [{ name: 'c', resources: { cpus: 1, mem: 128 } }] }],
      },
      null,
      2,
    );
    const v1 = service.document('file:///w/g.json', 1, text);
    const before = service.model(v1)!;
    const at = text.indexOf('"instances": 1', text.indexOf('app-1')) + '"instances": '.length;
    const edited = text.slice(0, at) + '3' + text.slice(at + 1);
    const v2 = service.document('file:///w/g.json', 2, edited, {
      change: { offset: at, length: 1, text: '3' },
      base: 1,
    });
    assert.equal(v2.tree, v1.tree, 'the edit was re-parsed incrementally');
    const after = service.model(v2)!;
    // The same model is what the analysis uses.
    assert.equal(service.analysis(v2).model, after);
    const [a0, a1, a2] = after.apps;
    assert.equal(a0.node, before.apps[0].node);
    assert.notEqual(a1.node, before.apps[1].node);
    assert.equal(a2.volumes, before.apps[2].volumes, 'an untouched app keeps its volume views');
    assert.equal(after.pods[0].containers, before.pods[0].containers);
    // Reused views belong to the new model's group and keep their absolute ids.
    for (const unit of [...after.apps, ...after.pods]) assert.equal(unit.group, after.groups[0]);
    assert.deepEqual(
      after.apps.map((a) => a.absoluteId),
      ['/prod/app-0', '/prod/app-1', '/prod/app-2'],
    );
    assert.equal(after.pods[0].absoluteId, '/prod/pod');
    // What the edit cost to parse (the server's memory hygiene counts it): the one app, not the document.
    assert.equal(v2.parsedChars, after.apps[1].node.length);
    assert.equal(v1.parsedChars, undefined);
  });
});

describe('memory across versions', () => {
  test('the tree of the latest version keeps no earlier version of the text alive', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const settle = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      gc();
    };
    // 700 KB of apps whose nodes hold long strings (V8 makes a substring of 13 characters or
    // more a view of its parent: each version kept alive was 700 KB more).
    const apps = Array.from({ length: 2000 }, (_, i) => ({
      id: `/shop/backend-service-${i}`,
      cmd: `exec /opt/service/bin/run --instance ${i} --port $PORT0`,
      container: {
        type: 'MESOS',
        volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: 512 } }],
      },
    }));
    let doc = parseDocument('file:///big.json', 1, JSON.stringify({ id: '/shop', apps }, null, 2), limits);
    await settle();
    const before = process.memoryUsage().heapUsed;
    // Ten keystrokes in ten apps: each version's text is a new string.
    for (let k = 0; k < 10; k++) {
      const offset = doc.text.indexOf(`--instance ${k * 150} `) + 2;
      const text = doc.text.slice(0, offset) + 'x' + doc.text.slice(offset);
      doc = reparseDocument(doc, k + 2, text, { offset, length: 0, text: 'x' }, limits);
      assert.equal(doc.parsedChars !== undefined, true, 'an incremental re-parse');
    }
    await settle();
    const grown = process.memoryUsage().heapUsed - before;
    assert.ok(grown < 3_000_000, `${grown} bytes more after ten edits of a 700 KB document`);
  });
});
