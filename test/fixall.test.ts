/**
 * Fix-all: `source.fixAll.marathon` applies, in one round over the analysis of the
 * version at hand, every safe fix whose edits do not touch another's; fixes that need a
 * choice are left alone. The CLI's `fixAllText` goes on in rounds until nothing is left
 * to fix safely. Quick fixes for a diagnostic of an older version land on the node the
 * diagnostic was about.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import {
  editBuilderFor,
  FIX_ALL_KIND,
  fixAllAction,
  fixAllText,
  quickFixes,
  safeFixes,
} from '../server/src/service/codeActions';
import { toDiagnostics } from '../server/src/service/diagnostics';
import { applyEdits } from '../server/src/service/edits';
import { MarathonService } from '../server/src/service/service';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';
import { formatLike, STYLES, strictParse } from './formats';
import { lint } from './helpers';

const settings = DEFAULT_SETTINGS;

/** The text after applying a code action's edits for `uri` (computed against `text`). */
function applyAction(text: string, action: CodeAction, uri: string): string {
  const a = lint(text, { uri });
  const edits = action.edit!.changes![uri].map((e) => ({
    offset: a.doc.lines.offsetAt(e.range.start),
    length: a.doc.lines.offsetAt(e.range.end) - a.doc.lines.offsetAt(e.range.start),
    content: e.newText,
  }));
  return applyEdits(text, edits);
}

function fixAll(text: string): string | undefined {
  const a = lint(text);
  const action = fixAllAction(a, settings, 'en');
  return action && applyAction(text, action, a.doc.uri);
}

describe('source.fixAll.marathon', () => {
  for (const style of STYLES)
    test(`applies every safe fix at once, keeping the layout (${style.name})`, () => {
      const input = { id: '/a', cmd: 'run', instancse: 2, container: { type: 'MESOS', volumse: [] } };
      const fixed = fixAll(formatLike(input, style));
      assert.equal(
        fixed,
        formatLike({ id: '/a', cmd: 'run', instances: 2, container: { type: 'MESOS', volumes: [] } }, style),
      );
    });

  test('a syntax fix and a rename in the same document', () => {
    assert.equal(
      fixAll('{"id": "/a", "cmd": "run", "cpu": 2,}\n'),
      '{"id": "/a", "cmd": "run", "cpus": 2}\n',
    );
  });

  test('fixes that need a choice are not applied; nothing to fix gives no action', () => {
    // "port" could be "ports" or "portDefinitions"...: two suggestions, no safe fix.
    const text = '{"id": "/a", "cmd": "run", "port": 80}';
    const a = lint(text);
    assert.ok(a.problems.some((p) => p.rule === 'unknown-property'));
    assert.equal(fixAllAction(a, settings, 'en'), undefined);
    assert.equal(fixAllAction(lint('{"id": "/a", "cmd": "run"}'), settings, 'en'), undefined);
  });

  test('edits that touch each other are not combined: the second waits for the next round', () => {
    // The first fix moves both misplaced keys into one new upgradeStrategy (Marathon
    // rejects half of one); the second one's edits touch it and are not taken.
    const text = '{"id": "/a", "cmd": "run", "minimumHealthCapacity": 0.5, "maximumOverCapacity": 0}';
    const a = lint(text);
    const { edits, applied } = safeFixes(a, settings, 'en');
    assert.deepEqual(
      applied.map((f) => f.title),
      ['Move into "upgradeStrategy.minimumHealthCapacity"'],
    );
    const once = applyEdits(text, edits);
    strictParse(once);
    assert.deepEqual(JSON.parse(once), {
      id: '/a',
      cmd: 'run',
      upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 },
    });
    // The CLI goes on until nothing is left.
    const all = fixAllText(a.doc, settings, undefined, 'en');
    assert.deepEqual(JSON.parse(all.text), {
      id: '/a',
      cmd: 'run',
      upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 },
    });
    assert.equal(all.applied.length, 1, 'one fix did it all');
    assert.deepEqual(all.analysis.problems, []);
  });

  test('the editor gets one round over the version at hand; the CLI fixes what the first round reveals', () => {
    // "volumse" is only seen once "containr" is "container".
    const text = '{"id": "/a", "cmd": "run", "containr": {"type": "MESOS", "volumse": []}}';
    assert.equal(fixAll(text), '{"id": "/a", "cmd": "run", "container": {"type": "MESOS", "volumse": []}}');
    const all = fixAllText(lint(text).doc, settings, undefined, 'en');
    assert.equal(all.text, '{"id": "/a", "cmd": "run", "container": {"type": "MESOS", "volumes": []}}');
    assert.deepEqual(
      all.applied.map((f) => [f.problem.rule, f.title, f.position]),
      [
        ['unknown-property', 'Rename to "container"', { line: 0, character: 27 }],
        ['unknown-property', 'Rename to "volumes"', { line: 0, character: 58 }], // in the text of round 2
      ],
    );
  });

  test('through the service: offered for source, source.fixAll and source.fixAll.marathon only', () => {
    const service = new MarathonService();
    const text = '{\n  "id": "/a",\n  "cmd": "run",\n  "cpu": 1,\n  "disks": 0\n}\n';
    const doc = service.document('file:///ws/a.marathon.json', 3, text);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    for (const only of [['source'], ['source.fixAll'], [FIX_ALL_KIND]]) {
      const actions = service.codeActions(doc, range, [], only);
      assert.deepEqual(
        actions.map((a) => [a.kind, a.title]),
        [[FIX_ALL_KIND, 'Fix all safely fixable Marathon problems']],
        JSON.stringify(only),
      );
      assert.equal(
        applyAction(text, actions[0], doc.uri),
        text.replace('"cpu"', '"cpus"').replace('"disks"', '"disk"'),
      );
      // One text edit per fix, in document order: nothing else of the document is rewritten.
      assert.deepEqual(
        actions[0].edit!.changes![doc.uri].map((e) => e.newText),
        ['"cpus"', '"disk"'],
      );
    }
    assert.deepEqual(
      service.codeActions(doc, range, [], ['quickfix']).filter((a) => a.kind === FIX_ALL_KIND),
      [],
    );
    assert.deepEqual(
      service.codeActions(doc, range, []).filter((a) => a.kind === FIX_ALL_KIND),
      [],
    );
    // The analysis of the version is reused, not recomputed, for every request.
    const analysis = service.analysis(doc);
    service.codeActions(doc, range, [], ['source']);
    assert.equal(service.analysis(doc), analysis);
  });

  test('in Chinese', () => {
    const service = new MarathonService({ locale: 'zh-cn' });
    const doc = service.document('file:///ws/a.marathon.json', 1, '{"id": "/a", "cmd": "run", "cpu": 1}');
    const [action] = service.codeActions(
      doc,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      [],
      ['source.fixAll'],
    );
    assert.match(action.title, /[\u4e00-\u9fff]/);
  });
});

describe('quick fixes for the version at hand', () => {
  test('a diagnostic published for an older version still finds its node', () => {
    const v1 = '{\n  "id": "/a",\n  "cmd": "run",\n  "cpu": 1\n}\n';
    const v2 = '{\n  "id": "/a",\n  "cmd": "run",\n  "mem": 64,\n  "cpu": 1\n}\n';
    const stale: Diagnostic = toDiagnostics(lint(v1), 'en').find((d) => d.code === 'unknown-property')!;
    const a2 = lint(v2);
    assert.notEqual(stale.data && (stale.data as { version: number }).version, undefined);
    const range = { start: { line: 3, character: 0 }, end: { line: 4, character: 10 } };
    const [fix] = quickFixes(a2, range, [stale], settings, 'en');
    assert.equal(fix.title, 'Rename to "cpus"');
    assert.equal(applyAction(v2, fix, a2.doc.uri), v2.replace('"cpu"', '"cpus"'));
  });

  test('one edit builder per parsed document', () => {
    const a = lint('{"id": "/a", "cmd": "run"}');
    assert.equal(editBuilderFor(a.doc), editBuilderFor(a.doc));
  });
});
