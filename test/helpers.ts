/**
 * Test helpers over the pure service: analyse a text, read problems as
 * `{ rule, message, line, pointer, text }`, find cursor markers (`|`), apply fixes.
 */
import assert from 'node:assert/strict';
import { analyze, type Analysis, type Problem } from '../server/src/service/analyze';
import { fixesFor } from '../server/src/service/codeActions';
import { toDiagnostics } from '../server/src/service/diagnostics';
import { parseDocument } from '../server/src/service/document';
import { applyEdits } from '../server/src/service/edits';
import { nodePath, pointerFromPath } from '../server/src/service/json';
import type { Locale } from '../server/src/service/l10n';
import { resolveSettings, type MarathonSettings } from '../server/src/service/settings';
import { WorkspaceIndex, extractEntry, type WorkspaceView } from '../server/src/service/workspace';
import { findNodeAtOffset } from 'jsonc-parser';

export interface LintOptions {
  uri?: string;
  settings?: Partial<MarathonSettings> | Record<string, unknown>;
  workspace?: WorkspaceView;
  locale?: Locale;
}

export function settingsOf(s: LintOptions['settings']): MarathonSettings {
  return resolveSettings(s ?? {});
}

/** Analyses `text` (a value is serialised with two-space indentation first). */
export function lint(input: string | object, options: LintOptions = {}): Analysis {
  const text = typeof input === 'string' ? input : JSON.stringify(input, null, 2);
  const doc = parseDocument(
    options.uri ?? 'file:///work/app.marathon.json',
    1,
    text,
    settingsOf(options.settings).limits,
  );
  return analyze(doc, settingsOf(options.settings), options.workspace);
}

export interface Found {
  rule: string;
  severity: string;
  message: string;
  /** JSON Pointer of the node the problem starts on (the value for a key). */
  pointer: string;
  /** The text the problem covers. */
  text: string;
  problem: Problem;
}

/** The problems of an analysis in a form tests can compare. */
export function found(a: Analysis, locale: Locale = 'en'): Found[] {
  const diags = toDiagnostics(a, locale);
  return a.problems.map((p, i) => {
    let pointer = '';
    const node = a.doc.tree ? findNodeAtOffset(a.doc.tree, p.offset, true) : undefined;
    if (node) pointer = pointerFromPath(nodePath(node).path);
    return {
      rule: p.rule,
      severity: p.severity,
      message: diags[i].message,
      pointer,
      text: a.doc.text.slice(p.offset, p.offset + p.length),
      problem: p,
    };
  });
}

/** Problems of one rule. */
export function problemsOf(input: string | object, rule: string, options: LintOptions = {}): Found[] {
  return found(lint(input, options), options.locale).filter((f) => f.rule === rule);
}

/** Asserts that `rule` reports exactly at these pointers (in any order). */
export function assertReports(
  input: string | object,
  rule: string,
  pointers: string[],
  options: LintOptions = {},
): Found[] {
  const got = problemsOf(input, rule, options);
  assert.deepEqual(
    got.map((g) => g.pointer).sort(),
    [...pointers].sort(),
    `${rule}: expected reports at ${JSON.stringify(pointers)}, got ${JSON.stringify(got.map((g) => `${g.pointer}: ${g.message}`))}`,
  );
  return got;
}

/** Asserts that the document has no problem at error severity. */
export function assertNoErrors(input: string | object, options: LintOptions = {}): void {
  const errors = found(lint(input, options)).filter((f) => f.severity === 'error');
  assert.deepEqual(
    errors.map((e) => `${e.rule} ${e.pointer}: ${e.message}`),
    [],
  );
}

/** Splits `text` at its cursor marker `|` (the first one). */
export function cursor(textWithMarker: string, marker = '|'): { text: string; offset: number } {
  const offset = textWithMarker.indexOf(marker);
  assert.ok(offset >= 0, 'no cursor marker in the text');
  return { text: textWithMarker.slice(0, offset) + textWithMarker.slice(offset + marker.length), offset };
}

/**
 * Applies the fix titled `title` (English; or the first / preferred one) of the first
 * problem of `rule`, and returns the new text.
 */
export function applyFix(
  input: string | object,
  rule: string,
  options: LintOptions & { title?: string | RegExp; index?: number } = {},
): string {
  const a = lint(input, options);
  const problem = a.problems.find((p) => p.rule === rule);
  assert.ok(problem, `no ${rule} problem to fix`);
  const fixes = fixesFor(a, problem, settingsOf(options.settings), options.locale ?? 'en');
  assert.ok(fixes.length, `${rule} offers no fix`);
  const pick =
    options.title !== undefined
      ? fixes.find((f) =>
          typeof options.title === 'string' ? f.title === options.title : options.title!.test(f.title),
        )
      : options.index !== undefined
        ? fixes[options.index]
        : (fixes.find((f) => f.isPreferred) ?? fixes[0]);
  assert.ok(pick, `no fix ${String(options.title)} among ${fixes.map((f) => f.title).join(', ')}`);
  return applyEdits(a.doc.text, pick.edits);
}

/** A workspace of other files (uri → text) for cross-file rules. */
export function workspaceOf(
  files: Record<string, string | object>,
  settings?: LintOptions['settings'],
): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [uri, input] of Object.entries(files)) {
    const a = lint(input, { uri, settings });
    index.setDisk(extractEntry(a.doc, a.model));
  }
  return index;
}
