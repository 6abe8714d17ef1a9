/**
 * Helpers for the tests that run inside VS Code: the fixture workspace, documents,
 * diagnostics awaited through `vscode.languages.onDidChangeDiagnostics` (never a fixed
 * sleep), rule ids looked up by the Marathon fact they implement, and translations.
 */
import assert from 'node:assert/strict';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import * as vscode from 'vscode';
import zhCn from '../../../l10n/bundle.l10n.zh-cn.json';
import { RULES } from '../../../server/src/service/rules/registry';

export const EXTENSION_ID = 'marathon-vscode.marathon-vscode';
export const SOURCE = 'marathon';
const TIMEOUT = 30_000;

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

export function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'no workspace folder is open');
  return f.uri;
}

export function fileUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(), ...rel.split('/'));
}

/** Opens a workspace file in an editor. */
export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Writes a new file into the workspace (the copy made for this session) and opens it. */
export async function create(rel: string, text: string): Promise<vscode.TextEditor> {
  await vscode.workspace.fs.writeFile(fileUri(rel), Buffer.from(text, 'utf8'));
  return open(rel);
}

/** The id of the rule that implements a fact of marathon-rules.md (e.g. `LV-01`). */
export function ruleFor(fact: string): string {
  const rule = RULES.find((r) => r.meta.marathon.includes(fact));
  assert.ok(rule, `no rule implements ${fact} yet (server/src/service/rules/: meta.marathon)`);
  return rule.meta.id;
}

export function ruleMeta(id: string) {
  const rule = RULES.find((r) => r.meta.id === id);
  assert.ok(rule, `no rule ${id}`);
  return rule.meta;
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** This extension's diagnostics of a document (the built-in JSON support adds its own). */
export function marathonDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (!ds.length) return '(none)';
  return ds
    .map(
      (d) =>
        `${codeOf(d)} ${vscode.DiagnosticSeverity[d.severity]} ${d.range.start.line + 1}:${d.range.start.character + 1}-` +
        `${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`,
    )
    .join('\n');
}

/**
 * Resolves with the document's Marathon diagnostics as soon as `accept` holds for
 * them: checked now, then on every diagnostics change of that document.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = TIMEOUT,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = marathonDiagnostics(uri);
      if (!accept(ds)) return false;
      done();
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      reject(
        new Error(
          `timed out after ${timeoutMs / 1000} s waiting for ${what} in ${vscode.workspace.asRelativePath(uri)}; ` +
            `its Marathon diagnostics are:\n${describeDiagnostics(marathonDiagnostics(uri))}`,
        ),
      );
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

/** Waits until a diagnostic with this rule id is there. */
export function waitForCode(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === code), `a ${code} diagnostic`);
}

let barrierCount = 0;

/**
 * Proves that the language server has dealt with everything opened or edited so far:
 * opens a new Marathon app with one known error and waits for that diagnostic. The
 * server validates documents in the order it hears of them and publishes in order,
 * so once this one arrives, the earlier documents' (possibly empty) results are in.
 * Needed to assert that something has *no* diagnostics without a fixed sleep.
 */
export async function settled(): Promise<void> {
  const rel = `scratch/barrier-${++barrierCount}.json`;
  const text = JSON.stringify({ id: `/barrier-${barrierCount}`, cmd: 'sleep 1', instances: 'one' }, null, 2);
  await vscode.workspace.fs.writeFile(fileUri(rel), Buffer.from(text, 'utf8'));
  const doc = await vscode.workspace.openTextDocument(fileUri(rel));
  await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'the diagnostic of a barrier document');
}

/** Errors and warnings only (information and hints are advice, not problems). */
export function problems(ds: vscode.Diagnostic[]): vscode.Diagnostic[] {
  return ds.filter(
    (d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning,
  );
}

/** The range of the `occurrence`-th (0-based) appearance of `needle` in the document. */
export function rangeOf(doc: vscode.TextDocument, needle: string, occurrence = 0): vscode.Range {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${occurrence}) is not in ${doc.uri.path}`);
  }
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}

/** The range of the JSON node at a path (e.g. `['container', 'volumes', 0]`). */
export function nodeRange(doc: vscode.TextDocument, path: (string | number)[]): vscode.Range {
  const root = parseTree(doc.getText());
  const node = root && findNodeAtLocation(root, path);
  assert.ok(node, `no node at ${path.join('/')} in ${doc.uri.path}`);
  return new vscode.Range(doc.positionAt(node.offset), doc.positionAt(node.offset + node.length));
}

/** The position just after the first `|` of `text`, and the text without it. */
export function cursor(text: string): { text: string; offset: number } {
  const offset = text.indexOf('|');
  assert.ok(offset >= 0, 'no | cursor marker');
  return { text: text.slice(0, offset) + text.slice(offset + 1), offset };
}

export function showRange(r: vscode.Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

export function assertRange(actual: vscode.Range, expected: vscode.Range, what: string): void {
  assert.equal(showRange(actual), showRange(expected), `range of ${what}`);
}

/** All code actions VS Code offers on a range (edits resolved, as the light bulb does). */
export async function codeActionsAt(
  uri: vscode.Uri,
  range: vscode.Range,
  kind?: string,
): Promise<vscode.CodeAction[]> {
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      range,
      kind,
      100,
    )) ?? [];
  return actions.filter((a): a is vscode.CodeAction => !(typeof (a as vscode.Command).command === 'string'));
}

export function describeActions(actions: vscode.CodeAction[]): string {
  if (!actions.length) return '(none)';
  return actions
    .map(
      (a) =>
        `"${a.title}" kind=${a.kind?.value} preferred=${!!a.isPreferred} edit=${!!a.edit} ` +
        `diagnostics=[${(a.diagnostics ?? []).map((d) => `${codeOf(d)}@${showRange(d.range)}`).join(', ')}]`,
    )
    .join('\n');
}

/** The quick fixes VS Code offers for one diagnostic. */
export async function quickFixesFor(
  uri: vscode.Uri,
  diagnostic: vscode.Diagnostic,
): Promise<{ fixes: vscode.CodeAction[]; all: vscode.CodeAction[] }> {
  const all = await codeActionsAt(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  // vscode.executeCodeActionProvider does not return the actions' diagnostics (VS Code drops them
  // when it converts the result), so a quick fix at the diagnostic's own range stands for it.
  const fixes = all.filter(
    (a) =>
      !a.diagnostics?.length ||
      a.diagnostics.some((d) => codeOf(d) === codeOf(diagnostic) && d.range.isEqual(diagnostic.range)),
  );
  return { fixes, all };
}

const BUNDLES: Record<string, Record<string, string>> = { 'zh-cn': zhCn as Record<string, string> };

/** True when `text` is the translation of one of `templates` with its `{placeholders}` filled in. */
export function isTranslationOf(text: string, templates: string[], locale: string): boolean {
  const bundle = BUNDLES[locale] ?? {};
  return templates.some((en) => {
    const translated = bundle[en];
    if (!translated) return false;
    const pattern = translated
      .split(/\{[A-Za-z0-9_]+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\s\\S]*');
    return new RegExp(`^${pattern}$`).test(text);
  });
}

export function hasChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

/** Polls a condition that no VS Code event reports (extension activation). */
export async function until(what: string, condition: () => boolean, timeoutMs = TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Replaces the whole text of a document through a workspace edit (as an edit by the user). */
export async function replaceAll(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');
}
