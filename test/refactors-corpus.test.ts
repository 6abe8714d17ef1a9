/**
 * Every refactor, at every app and every volume of every real definition we have (the
 * corpus, the conformance cases, the project's fixtures): no crash, strict JSON stays
 * strict JSON, and no new error (an error the input already had may change its rule,
 * e.g. the resident variant of a check, but not appear where there was none).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import { refactorActions } from '../server/src/service/codeActions';
import { applyEdits } from '../server/src/service/edits';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';
import { found, lint } from './helpers';
import { ROOT } from './lsp';

const DIRS = [
  process.env.MARATHON_CORPUS ?? '/work/shared/corpus/real-world',
  process.env.MARATHON_CONFORMANCE ?? '/work/shared/conformance',
  path.join(ROOT, 'test', 'fixtures'),
];
const files = DIRS.filter((d) => fs.existsSync(d)).flatMap((d) =>
  (fs.readdirSync(d, { recursive: true }) as string[])
    .filter((f) => /\.json(\.mustache)?$/.test(f) && path.basename(f) !== 'cases.json')
    .map((f) => path.join(d, f)),
);

const strict = (text: string) => {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  return errors.length === 0;
};

describe('refactors over every definition', { skip: !files.length && 'no definitions' }, () => {
  test('no crash, strict JSON, no new error', () => {
    const logged: unknown[] = [];
    const error = console.error;
    console.error = (...a: unknown[]) => logged.push(a);
    const problems: string[] = [];
    let applied = 0;
    try {
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        if (text.length > 300_000) continue; // a refactor costs an analysis of the result
        const uri = `file:///defs/${path.basename(file)}`;
        const a = lint(text, { uri });
        const errorsOf = (t: string) => found(lint(t, { uri })).filter((f) => f.severity === 'error');
        const before = errorsOf(text);
        const offsets = (a.model?.apps ?? []).flatMap((app) => [
          app.node.offset + 1,
          ...app.volumes.map((v) => v.node.offset + 1),
        ]);
        const seen = new Set<string>();
        for (const offset of offsets) {
          const pos = a.doc.lines.positionAt(offset);
          for (const action of refactorActions(a, { start: pos, end: pos }, DEFAULT_SETTINGS, 'en')) {
            const edits = action.edit!.changes![uri].map((e) => ({
              offset: a.doc.lines.offsetAt(e.range.start),
              length: a.doc.lines.offsetAt(e.range.end) - a.doc.lines.offsetAt(e.range.start),
              content: e.newText,
            }));
            const key = JSON.stringify(edits);
            if (seen.has(key)) continue;
            seen.add(key);
            applied++;
            const where = `${path.basename(file)}: ${action.title}`;
            let out: string;
            try {
              out = applyEdits(text, edits);
            } catch {
              problems.push(`${where}: overlapping edits`);
              continue;
            }
            if (strict(text) && !strict(out)) {
              problems.push(`${where}: not strict JSON`);
              continue;
            }
            const left = before.map((e) => `${e.rule}: ${e.message}`);
            const pointers = new Set(before.map((e) => e.pointer));
            for (const e of errorsOf(out)) {
              const i = left.indexOf(`${e.rule}: ${e.message}`);
              if (i >= 0) left.splice(i, 1);
              else if (!pointers.has(e.pointer))
                problems.push(`${where}: new error ${e.rule} at ${e.pointer}: ${e.message}`);
            }
          }
        }
      }
    } finally {
      console.error = error;
    }
    console.log(`# ${applied} refactors applied over ${files.length} definitions`);
    assert.deepEqual(logged, [], 'a refactor failed');
    assert.deepEqual(problems, []);
    assert.ok(applied > 100);
  });
});
