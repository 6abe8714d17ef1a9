/**
 * The head of a large document (head.ts): where it is cut, that it is the document's own
 * prefix closed into strict JSON, and that what the service finds in it is what the
 * analysis of the whole document finds there.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentHead, type HeadOptions } from '../server/src/service/head';
import { MarathonService } from '../server/src/service/service';

const OPTIONS: HeadOptions = { units: 3, maxChars: 100_000, minRatio: 2 };

const app = (i: number, extra: Record<string, unknown> = {}) => ({
  id: `app-${i}`,
  cmd: 'sleep 1000',
  instances: 1,
  ...extra,
});

/** The offset just after the `k`-th (1-based) occurrence of `needle`. */
function after(text: string, needle: string, k: number): number {
  let at = -1;
  for (let i = 0; i < k; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} #${k}`);
  return at + needle.length;
}

describe('documentHead', () => {
  test('cuts a group after its first apps and closes what is open', () => {
    const text = JSON.stringify({ id: '/g', apps: Array.from({ length: 10 }, (_, i) => app(i)) }, null, 2);
    const head = documentHead(text, OPTIONS)!;
    assert.equal(head.units, 3);
    assert.equal(head.end, after(text, '"instances": 1\n    }', 3));
    assert.equal(head.text.slice(0, head.end), text.slice(0, head.end));
    assert.deepEqual(JSON.parse(head.text), { id: '/g', apps: [app(0), app(1), app(2)] });
  });

  test('counts the apps and pods of nested groups, not objects inside an app', () => {
    const inner = { id: 'inner', pods: [{ id: 'p0', containers: [{ name: 'c' }] }] };
    const text = JSON.stringify({
      id: '/g',
      groups: [
        { id: 'a', apps: [app(0, { container: { volumes: [{ containerPath: 'data' }] } })], groups: [inner] },
      ],
      apps: Array.from({ length: 10 }, (_, i) => app(i + 1)),
    });
    const head = documentHead(text, OPTIONS)!;
    // app-0 (in /g/a), the pod p0 (in /g/a/inner), app-1 (in /g).
    assert.equal(head.units, 3);
    const parsed = JSON.parse(head.text);
    assert.equal(parsed.groups[0].groups[0].pods[0].id, 'p0');
    assert.deepEqual(parsed.apps, [app(1)]);
  });

  test('is not fooled by brackets, quotes and keys inside strings', () => {
    const tricky = app(0, { cmd: 'echo "}]{[" \\"apps\\": [{}]', labels: { note: '"apps": [{' } });
    const text = JSON.stringify({ apps: [tricky, ...Array.from({ length: 10 }, (_, i) => app(i + 1))] });
    const head = documentHead(text, OPTIONS)!;
    assert.deepEqual(JSON.parse(head.text).apps, [tricky, app(1), app(2)]);
  });

  test('says whether the groups around the cut have their id inside the head', () => {
    const apps = Array.from({ length: 10 }, (_, i) => app(i));
    assert.equal(documentHead(JSON.stringify({ id: '/g', apps }), OPTIONS)!.ancestorsIdentified, true);
    assert.equal(documentHead(JSON.stringify({ apps, id: '/g' }), OPTIONS)!.ancestorsIdentified, false);
    // An "id" inside an app or a closed group is not the id of the group around the cut.
    const nested = { groups: [{ id: 'a', apps: [app(0)] }], apps, id: '/g' };
    assert.equal(documentHead(JSON.stringify(nested), OPTIONS)!.ancestorsIdentified, false);
    assert.equal(documentHead(JSON.stringify(apps), OPTIONS)!.ancestorsIdentified, true);
  });

  test('a top-level array of apps is cut after its first apps', () => {
    const text = JSON.stringify(Array.from({ length: 10 }, (_, i) => app(i)));
    assert.deepEqual(JSON.parse(documentHead(text, OPTIONS)!.text), [app(0), app(1), app(2)]);
  });

  test('stops at the first unit past maxChars, with fewer units', () => {
    const text = JSON.stringify({ apps: Array.from({ length: 40 }, (_, i) => app(i)) });
    const head = documentHead(text, { ...OPTIONS, units: 30, maxChars: 120 })!;
    assert.equal(head.units, 3);
    assert.ok(head.end > 120);
  });

  test('none for one app, a small group, or brackets that do not match', () => {
    assert.equal(documentHead(JSON.stringify(app(0, { labels: { a: 'b' } })), OPTIONS), undefined);
    // Four apps: the head of three is more than half of the text (minRatio 2).
    assert.equal(documentHead(JSON.stringify({ apps: [0, 1, 2, 3].map((i) => app(i)) }), OPTIONS), undefined);
    const text = JSON.stringify({ apps: Array.from({ length: 10 }, (_, i) => app(i)) });
    assert.equal(documentHead(text.replace('}', ']'), OPTIONS), undefined);
    assert.equal(documentHead('', OPTIONS), undefined);
  });
});

describe('MarathonService.headDiagnostics', () => {
  const text = JSON.stringify(
    {
      id: '/shop',
      apps: Array.from({ length: 400 }, (_, i) =>
        app(i, {
          // Every 7th app is in the wrong group (a document rule that judges each app), every
          // 5th has an absolute local volume path (an app rule).
          id: i % 7 ? `app-${i}` : `/elsewhere/app-${i}`,
          container: {
            type: 'MESOS',
            volumes: [{ containerPath: i % 5 ? 'data' : '/var/data', mode: 'RW', persistent: { size: 100 } }],
          },
        }),
      ),
    },
    null,
    2,
  );
  const key = (d: { code?: unknown; range: unknown; message: string }) =>
    `${d.code} ${JSON.stringify(d.range)} ${d.message}`;

  test('are the diagnostics the whole analysis finds in the head', () => {
    const service = new MarathonService();
    const uri = 'file:///ws/shop.json';
    const lines = TextDocument.create(uri, 'json', 1, text);
    const head = service.documentHead(text)!;
    assert.equal(head.units, 50);
    const first = service.headDiagnostics(uri, 1, head, lines)!;
    const codes = new Set(first.map((d) => d.code));
    assert.ok(codes.has('group-app-outside') && codes.has('persistent-container-path'), [...codes].join());
    const all = service.diagnostics(service.document(uri, 1, text, { lines }));
    const inHead = all.filter((d) => lines.offsetAt(d.range.end) <= head.end && d.code !== 'document');
    // Everything but what document rules that need the whole text say (the role rule reads
    // group fields that may come after the apps), and nothing else.
    assert.deepEqual(
      first.map(key).sort(),
      inHead
        .filter((d) => d.code !== 'resident-role')
        .map(key)
        .sort(),
    );
    assert.ok(inHead.some((d) => d.code === 'resident-role'));
    // The whole document has more, after the head.
    assert.ok(all.length > first.length + 50);
  });

  test('with the group ids written after the apps (as Marathon exports groups): only absolute ids', () => {
    const exported = (relative: boolean) =>
      JSON.stringify(
        {
          apps: Array.from({ length: 400 }, (_, i) =>
            app(i, {
              id: relative && i === 3 ? `app-${i}` : i % 7 ? `/shop/app-${i}` : `/elsewhere/app-${i}`,
              instances: i % 5 ? 1 : '1',
            }),
          ),
          groups: [],
          id: '/shop',
        },
        null,
        2,
      );
    const service = new MarathonService();
    const uri = 'file:///ws/export.json';
    const absolute = exported(false);
    const head = service.documentHead(absolute)!;
    assert.equal(head.ancestorsIdentified, false);
    const lines = TextDocument.create(uri, 'json', 1, absolute);
    const first = service.headDiagnostics(uri, 1, head, lines)!;
    // The group's id is not known yet: the head says nothing about apps outside it (the
    // whole analysis will), and nothing false.
    const all = service.diagnostics(service.document(uri, 1, absolute, { lines })).map(key);
    assert.ok(first.length >= 10 && first.every((d) => all.includes(key(d))), first.map(key).join('\n'));
    assert.ok(!first.some((d) => d.code === 'group-app-outside'));
    assert.ok(all.some((k) => k.startsWith('group-app-outside')));
    // One relative id among them: what it means depends on the id after the apps.
    const relative = exported(true);
    assert.equal(service.headDiagnostics(uri, 1, service.documentHead(relative)!), undefined);
  });

  test('none for a head with a syntax error or a template', () => {
    const service = new MarathonService();
    const broken = text.replace('"cmd": "sleep 1000"', '"cmd": "sleep 1000",,');
    const head = service.documentHead(broken)!;
    assert.equal(service.headDiagnostics('file:///ws/broken.json', 1, head), undefined);
    const template = text.replace('"sleep 1000"', '"{{cmd}}"');
    const tHead = service.documentHead(template)!;
    assert.equal(service.headDiagnostics('file:///ws/shop.json.mustache', 1, tHead), undefined);
  });
});
