/**
 * The migration refactor over the real-world corpus (/work/shared/corpus/real-world),
 * through the service as the editor asks for it: every definition that uses a
 * deprecated field is migrated, and the result (a) is strict JSON when the input was,
 * (b) has no error the input did not have, (c) has no deprecation left, and (d) means
 * the same to Marathon (both normalized as Marathon does, then compared).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { findNodeAtOffset, parse, type ParseError } from 'jsonc-parser';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { applyEdits } from '../server/src/service/edits';
import { value } from '../server/src/service/json';
import { MarathonService } from '../server/src/service/service';
import { canonical, normalizeDocument, Rejected } from './marathon-normalize';

const CORPUS = process.env.MARATHON_CORPUS ?? '/work/shared/corpus/real-world';
const files = fs.existsSync(CORPUS)
  ? fs
      .readdirSync(CORPUS)
      .filter((f) => /\.json(\.mustache)?$/.test(f))
      .sort()
  : [];

const strict = (text: string) => {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  return errors.length === 0;
};

/** Deprecated fields the migration never rewrites: `credential` needs a secret the user must create. */
const KEPT = /"credential"/;

interface Outcome {
  file: string;
  migrated: boolean;
  problems: string[];
}

function migrateFile(file: string): Outcome {
  const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
  const service = new MarathonService();
  const uri = `file:///corpus/${file}`;
  const doc = service.document(uri, 1, text);
  const before = service.diagnostics(doc);
  const deprecated = before.filter((d) => d.code === 'deprecated-field' && !KEPT.test(d.message));
  const actions = service
    .codeActions(
      doc,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      [],
      [CodeActionKind.RefactorRewrite],
    )
    .filter((a: CodeAction) => /^Migrate /.test(a.title));
  const problems: string[] = [];
  // What the definition means to Marathon; undefined when Marathon rejects it instead of translating it.
  let original: string | undefined;
  try {
    original = canonical(normalizeDocument(value(doc.tree)));
  } catch (e) {
    if (!(e instanceof Rejected)) throw e;
  }
  // Marathon rejects what it cannot parse, and a combination it cannot translate.
  const rejected = original === undefined || (!doc.template && !strict(text));
  /** A deprecated field a template decides: inside a {{#section}}, or with a placeholder in its value. */
  const templated = (d: (typeof before)[number], current = doc) => {
    if (!current.template) return false;
    const at = current.lines.offsetAt(d.range.start);
    const property = current.tree && findNodeAtOffset(current.tree, at)?.parent;
    const textOf = property
      ? current.text.slice(property.offset, property.offset + property.length + 200)
      : '';
    const upTo = current.text.slice(0, at);
    const opened = (upTo.match(/\{\{\s*[#^]/g) ?? []).length;
    const closed = (upTo.match(/\{\{\s*\//g) ?? []).length;
    return (
      opened > closed || /\{\{/.test(textOf.split(/\n\s*"\w+"\s*:/)[0]) || current.syntaxErrors.length > 0
    );
  };
  const leftover = (ds: typeof before, current = doc) =>
    ds.filter((d) => d.code === 'deprecated-field' && !KEPT.test(d.message) && !templated(d, current));
  if (!actions.length) {
    if (leftover(deprecated).length && !rejected)
      problems.push(
        `not migrated, deprecations left: ${leftover(deprecated)
          .map((d) => d.message)
          .join(' | ')}`,
      );
    return { file, migrated: false, problems };
  }
  const action = actions.find((a) => /apps of this document|this document/.test(a.title)) ?? actions[0];
  const edits = action.edit!.changes![uri].map((e) => ({
    offset: doc.lines.offsetAt(e.range.start),
    length: doc.lines.offsetAt(e.range.end) - doc.lines.offsetAt(e.range.start),
    content: e.newText,
  }));
  const migrated = applyEdits(text, edits);
  const after = service.document(uri, 2, migrated);
  const afterDiagnostics = service.diagnostics(after);

  // (a) strict JSON stays strict JSON.
  if (strict(text) && !strict(migrated)) problems.push('(a) the result is not strict JSON');
  // (b) no new error (a multiset of rule + message).
  const errors = (ds: typeof before) =>
    ds.filter((d) => d.severity === 1).map((d) => `${d.code}: ${d.message}`);
  const left = errors(before);
  for (const e of errors(afterDiagnostics)) {
    const i = left.indexOf(e);
    if (i >= 0) left.splice(i, 1);
    else problems.push(`(b) new error ${e}`);
  }
  // (c) no deprecation left (Marathon rejects some combinations instead of translating them).
  if (!rejected)
    for (const d of leftover(afterDiagnostics, after)) problems.push(`(c) still deprecated: ${d.message}`);
  // (d) the same meaning (templates: their placeholders are masked the same way in both).
  if (original !== undefined) {
    let result: string;
    try {
      result = canonical(normalizeDocument(value(after.tree)));
    } catch (e) {
      result = `rejected: ${(e as Error).message}`;
    }
    if (result !== original)
      problems.push(`(d) the meaning changed:\n--- before\n${original}\n--- after\n${result}`);
  }
  // Templates: every placeholder is still there, unchanged.
  const placeholders = (s: string) => s.match(/\{\{[^}]*\}\}/g) ?? [];
  if (JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(migrated)))
    problems.push('the placeholders of the template changed');
  return { file, migrated: true, problems };
}

describe('migration over the real-world corpus', { skip: !files.length && 'no corpus' }, () => {
  const outcomes = files.map(migrateFile);
  const migrated = outcomes.filter((o) => o.migrated);

  test('definitions with deprecated fields are migrated', () => {
    console.log(`# migrated ${migrated.length} of ${files.length} corpus files`);
    assert.ok(migrated.length >= 80, `only ${migrated.length} files migrated`);
  });

  for (const o of outcomes.filter((x) => x.migrated || x.problems.length))
    test(o.file, () => {
      assert.deepEqual(o.problems, []);
    });
});
