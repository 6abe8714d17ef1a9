import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, found, lint, problemsOf } from './helpers';

const app = '{\n  "id": "/web",\n  "cmd": "sleep 100"\n}\n';

describe('document rule', () => {
  test('a clean app has no problems', () => {
    assert.deepEqual(found(lint(app)), []);
  });

  test('a syntax error is reported where it is', () => {
    const got = problemsOf('{\n  "id": "/web",\n  "cmd": "sleep 100"\n  "instances": 1\n}\n', 'document');
    assert.equal(got.length, 1);
    assert.match(got[0].message, /comma/i);
    assert.equal(got[0].severity, 'error');
  });

  test('a trailing comma is named and removed by its fix', () => {
    const text = '{\n  "id": "/web",\n  "cmd": "sleep 100",\n}\n';
    const got = problemsOf(text, 'document');
    assert.equal(got.length, 1);
    assert.equal(got[0].text, ',');
    assert.equal(applyFix(text, 'document'), app);
  });

  test('a missing comma is inserted after the first of the two items', () => {
    assert.equal(applyFix('{\n  "id": "/web",\n  "cmd": "sleep 100"\n}\n'.replace(',', ''), 'document'), app);
    assert.equal(
      applyFix('{"id": "/web" "cmd": "sleep 100", "instances": [1 2]}', 'document'),
      '{"id": "/web", "cmd": "sleep 100", "instances": [1 2]}',
    );
  });

  test('a comment is removed, its line with it when nothing else is on it', () => {
    const text = '{\r\n  // the service\r\n  "id": "/web", /* here */\r\n  "cmd": "sleep 100"\r\n}\r\n';
    const once = applyFix(text, 'document');
    assert.equal(once, '{\r\n  "id": "/web", /* here */\r\n  "cmd": "sleep 100"\r\n}\r\n');
    assert.equal(applyFix(once, 'document'), app.replace(/\n/g, '\r\n'));
  });

  test('duplicate keys: the first one is flagged, Marathon keeps the last', () => {
    const text = '{"id": "/a", "cmd": "sleep 1", "cmd": "sleep 2"}';
    const got = problemsOf(text, 'duplicate-key');
    assert.equal(got.length, 1);
    assert.equal(got[0].severity, 'warning');
    assert.equal(got[0].text, '"cmd"');
    assert.equal(applyFix(text, 'duplicate-key'), '{"id": "/a", "cmd": "sleep 2"}');
  });

  test('duplicate keys in group fields and inside apps are each reported once', () => {
    const text = '{"id": "/g", "id": "/g", "apps": [{"id": "a", "cmd": "x1", "cmd": "x2"}]}';
    assert.deepEqual(
      problemsOf(text, 'duplicate-key').map((f) => f.pointer),
      ['/id', '/apps/0/cmd'],
    );
  });

  test('a document past the size limit gets one information and nothing else', () => {
    const big = JSON.stringify({ id: '/big', cmd: 'x'.repeat(5000) });
    const got = found(lint(big, { settings: { limits: { maxDocumentSize: 1000 } } }));
    assert.deepEqual(
      got.map((g) => [g.rule, g.severity]),
      [['document', 'information']],
    );
  });

  test('templates: placeholders are masked and said once', () => {
    const text = '{\n  "id": "{{app_id}}",\n  "cmd": "run",\n  "instances": {{count}}\n}\n';
    const got = found(lint(text));
    assert.deepEqual(
      got.map((g) => [g.rule, g.severity]),
      [['document', 'information']],
    );
    assert.match(got[0].message, /2 placeholders/);
  });

  test('non-Marathon JSON gets nothing', () => {
    for (const text of [
      '{"name": "x", "version": "1.0.0", "scripts": {}}',
      '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "id": "x", "containers": []}',
      '{ broken',
      '[]',
      'null',
      '',
    ]) {
      assert.deepEqual(found(lint(text, { uri: 'file:///work/package.json' })), [], text);
    }
  });
});

describe('schema checks on error-recovered documents', () => {
  test('a syntax error elsewhere does not stop the schema checks (objects in unique arrays)', () => {
    const text =
      '{"id": "/a", "cmd": "run", "instances": "3", "portDefinitions": [{"port": 1, labels: {}}, {"port": 2}]}';
    const rules = found(lint(text)).map((f) => f.rule);
    assert.ok(rules.includes('document'), 'the syntax error is reported');
    assert.ok(rules.includes('schema-type'), `instances "3" is still reported: ${rules.join(', ')}`);
  });
});

describe('bounded schema work', () => {
  test('schema checks of a 20,000-item array stop at the first 1,000 items (uniqueItems is quadratic)', () => {
    const fetch = Array.from({ length: 20_000 }, () => ({ uri: 'http://example.com/a.tgz', extract: 'yes' }));
    const a = lint({ id: '/many', cmd: 'run', fetch });
    // "extract" must be a boolean: reported for the items that are checked, and only those.
    assert.equal(a.problems.filter((p) => p.rule === 'schema-type').length, 1000);
  });
});
