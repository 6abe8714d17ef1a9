/**
 * Code actions: the quick fixes of the rules (found again from `diagnostic.data` in
 * the analysis of the document version at hand, never recomputed for another one),
 * the refactors that apply at the cursor, and `source.fixAll.marathon`.
 */
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { analyze, nodeAtPath, type Analysis, type Problem } from './analyze';
import { parseDocument, type ParsedDocument } from './document';
import { applyEdits, EditBuilder, type OffsetEdit } from './edits';
import { t, type Locale } from './l10n';
import { MESSAGES } from './messages';
import { ownerOf } from './model';
import { REFACTORS } from './refactors/registry';
import { ruleById } from './rules/registry';
import type { FixProposal } from './rules/types';
import type { MarathonSettings } from './settings';
import type { WorkspaceView } from './workspace';

export const FIX_ALL_KIND = 'source.fixAll.marathon';

export interface ProposedFix {
  problem: Problem;
  proposal: FixProposal;
}

/** The fixes every rule proposes for one problem of an analysis. */
export function fixesFor(
  analysis: Analysis,
  problem: Problem,
  settings: MarathonSettings,
  locale: Locale,
): FixProposal[] {
  const rule = ruleById(problem.rule);
  if (!rule?.fix || !analysis.doc.tree) return [];
  const data = problem.data;
  const path = Array.isArray(data.path) ? (data.path as (string | number)[]) : undefined;
  const node = path ? nodeAtPath(analysis.doc.tree, path, data.key === true) : undefined;
  const model = analysis.model;
  if (!model && rule.meta.family !== 'json') return [];
  try {
    return rule.fix({
      doc: analysis.doc,
      model: model!,
      settings,
      locale,
      node: node ?? analysis.doc.tree,
      owner: node && model ? (ownerOf(model, node) as never) : undefined,
      data,
      message: problem.message,
      edit: new EditBuilder(analysis.doc),
    });
  } catch (e) {
    console.error(`marathon: fix of ${problem.rule} failed: ${(e as Error)?.stack ?? e}`);
    return [];
  }
}

/** The problem of `analysis` a client diagnostic stands for (same rule, message and node). */
export function problemOf(analysis: Analysis, diagnostic: Diagnostic): Problem | undefined {
  const data = (diagnostic.data ?? {}) as Record<string, unknown>;
  const rule = data.rule ?? diagnostic.code;
  const start = analysis.doc.lines.offsetAt(diagnostic.range.start);
  const samePath = (p: Problem) =>
    JSON.stringify(p.data.path) === JSON.stringify(data.path) && p.data.key === data.key;
  return (
    analysis.problems.find(
      (p) => p.rule === rule && p.message === data.message && samePath(p) && p.offset === start,
    ) ??
    analysis.problems.find((p) => p.rule === rule && p.message === data.message && samePath(p)) ??
    analysis.problems.find((p) => p.rule === rule && p.offset === start)
  );
}

function textEdits(doc: ParsedDocument, edits: OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({
    range: { start: doc.lines.positionAt(e.offset), end: doc.lines.positionAt(e.offset + e.length) },
    newText: e.content,
  }));
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) =>
    x.line < y.line || (x.line === y.line && x.character <= y.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

export function quickFixes(
  analysis: Analysis,
  range: Range,
  diagnostics: Diagnostic[],
  settings: MarathonSettings,
  locale: Locale,
): CodeAction[] {
  const out: CodeAction[] = [];
  const { doc } = analysis;
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'marathon' || !overlaps(diagnostic.range, range)) continue;
    const problem = problemOf(analysis, diagnostic);
    if (!problem) continue;
    const rule = ruleById(problem.rule)!;
    for (const proposal of fixesFor(analysis, problem, settings, locale)) {
      if (!proposal.edits.length) continue;
      out.push({
        title: t(locale, rule.meta.fixes?.[proposal.title] ?? proposal.title, proposal.args),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: proposal.isPreferred || undefined,
        edit: { changes: { [doc.uri]: textEdits(doc, proposal.edits) } },
      });
    }
  }
  return out;
}

export function refactorActions(
  analysis: Analysis,
  range: Range,
  settings: MarathonSettings,
  locale: Locale,
): CodeAction[] {
  if (!analysis.model || !analysis.doc.tree) return [];
  const { doc } = analysis;
  const offset = doc.lines.offsetAt(range.start);
  const end = doc.lines.offsetAt(range.end);
  const out: CodeAction[] = [];
  for (const refactor of REFACTORS) {
    let proposals: FixProposal[] = [];
    try {
      proposals = refactor.propose({ analysis, offset, end, settings, locale, edit: new EditBuilder(doc) });
    } catch (e) {
      console.error(`marathon: refactor ${refactor.id} failed: ${(e as Error)?.stack ?? e}`);
    }
    for (const p of proposals)
      if (p.edits.length)
        out.push({
          title: t(locale, refactor.titles[p.title] ?? p.title, p.args),
          kind: CodeActionKind.RefactorRewrite,
          edit: { changes: { [doc.uri]: textEdits(doc, p.edits) } },
        });
  }
  return out;
}

/**
 * Applies every safe fix, re-analysing after each round (at most `rounds`), and returns
 * the final text with what was fixed and what remains.
 */
export function fixAllText(
  doc: ParsedDocument,
  settings: MarathonSettings,
  workspace: WorkspaceView | undefined,
  locale: Locale,
  rounds = 10,
  forced = false,
): { text: string; fixed: Problem[]; analysis: Analysis } {
  let current = doc;
  let analysis = analyze(current, settings, workspace, forced);
  const fixed: Problem[] = [];
  for (let round = 0; round < rounds; round++) {
    const edits: OffsetEdit[] = [];
    for (const problem of analysis.problems) {
      const safe = fixesFor(analysis, problem, settings, locale).find((p) => p.safe);
      if (!safe) continue;
      const clash = safe.edits.some((e) =>
        edits.some((x) => e.offset < x.offset + x.length + 1 && x.offset < e.offset + e.length + 1),
      );
      if (clash) continue;
      edits.push(...safe.edits);
      fixed.push(problem);
    }
    if (!edits.length) break;
    let text: string;
    try {
      text = applyEdits(current.text, edits);
    } catch {
      break;
    }
    current = parseDocument(doc.uri, current.version, text, settings.limits);
    analysis = analyze(current, settings, workspace, forced);
  }
  return { text: current.text, fixed, analysis };
}

/** `source.fixAll.marathon`: one action replacing the changed span of the document. */
export function fixAllAction(
  analysis: Analysis,
  settings: MarathonSettings,
  workspace: WorkspaceView | undefined,
  locale: Locale,
): CodeAction | undefined {
  const { doc } = analysis;
  const { text, fixed } = fixAllText(doc, settings, workspace, locale);
  if (!fixed.length || text === doc.text) return undefined;
  let a = 0;
  while (a < text.length && a < doc.text.length && text[a] === doc.text[a]) a++;
  let b = 0;
  while (
    b < text.length - a &&
    b < doc.text.length - a &&
    text[text.length - 1 - b] === doc.text[doc.text.length - 1 - b]
  )
    b++;
  const edit: OffsetEdit = {
    offset: a,
    length: doc.text.length - a - b,
    content: text.slice(a, text.length - b),
  };
  return {
    title: t(locale, MESSAGES.fixAll),
    kind: FIX_ALL_KIND,
    edit: { changes: { [doc.uri]: textEdits(doc, [edit]) } },
  };
}
