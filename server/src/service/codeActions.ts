/**
 * Code actions: the quick fixes of the rules (found again from `diagnostic.data` in
 * the analysis of the document version at hand, never recomputed for another one),
 * the refactors that apply at the cursor, and `source.fixAll.marathon`.
 *
 * In the editor every code action reads the one parse and analysis of the version at
 * hand: fix-all applies, in one round, the safe fixes of that analysis that do not
 * touch each other. Only the CLI (`fixAllText`) fixes in rounds, analysing each result.
 */
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { analyze, nodeAtPath, type Analysis, type Problem } from './analyze';
import { parseDocument, touchesPlaceholder, type ParsedDocument } from './document';
import { applyEdits, EditBuilder, type OffsetEdit } from './edits';
import { improves, keepsSyntax, overBudget, withFixBudget } from './fixCheck';
import { checkFix, completeFix, knownFix } from './fixVerify';
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

const builders = new WeakMap<ParsedDocument, EditBuilder>();

/** One `EditBuilder` per parsed document (detecting the formatting scans the text). */
export function editBuilderFor(doc: ParsedDocument): EditBuilder {
  let b = builders.get(doc);
  if (!b) builders.set(doc, (b = new EditBuilder(doc)));
  return b;
}

/** The fixes every rule proposes for one problem of an analysis. */
export function fixesFor(
  analysis: Analysis,
  problem: Problem,
  settings: MarathonSettings,
  locale: Locale,
  /** False for the fixes `complete` merges in: no completion of a completion, no check of its own. */
  chain = true,
): FixProposal[] {
  const rule = ruleById(problem.rule);
  if (!rule?.fix || !analysis.doc.tree) return [];
  const data = problem.data;
  const path = Array.isArray(data.path) ? (data.path as (string | number)[]) : undefined;
  const node = path ? nodeAtPath(analysis.doc.tree, path, data.key === true) : undefined;
  // A node that is not there any more must not become the root: a fix would edit the whole document.
  if (path && !node) return [];
  const model = analysis.model;
  if (!model && rule.meta.family !== 'json') return [];
  try {
    const proposals = rule.fix({
      doc: analysis.doc,
      model: model!,
      settings,
      locale,
      node: node ?? analysis.doc.tree,
      owner: node && model ? (ownerOf(model, node) as never) : undefined,
      data,
      message: problem.message,
      edit: editBuilderFor(analysis.doc),
      // The fixes `complete` merges in are checked there, together: as candidates they are taken as they are.
      verify: (edits) => !chain || checkFix(analysis, problem, edits, settings).ok,
      complete: (edits) =>
        chain
          ? completeFix(analysis, problem, edits, settings, (a, p) => fixesFor(a, p, settings, locale, false))
          : { edits, safe: true },
    });
    // A fix that would leave the text parsing worse is never offered (see fixCheck.ts).
    return proposals.filter((p) => keepsSyntax(analysis.doc, p.edits, settings.limits));
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
  // The range of a diagnostic published for another version says nothing about this one.
  const current = data.version === undefined || data.version === analysis.doc.version;
  const path = JSON.stringify(data.path);
  const samePath = (p: Problem) => JSON.stringify(p.data.path) === path && p.data.key === data.key;
  return (
    analysis.problems.find(
      (p) => p.rule === rule && p.message === data.message && samePath(p) && p.offset === start,
    ) ??
    analysis.problems.find((p) => p.rule === rule && p.message === data.message && samePath(p)) ??
    (current && data.path === undefined
      ? analysis.problems.find((p) => p.rule === rule && p.offset === start)
      : undefined)
  );
}

function textEdits(doc: ParsedDocument, edits: OffsetEdit[]): TextEdit[] {
  // In document order, and at one offset the insertions (in their order) before the
  // replacement, as the protocol requires and as applyEdits applies them: a client that
  // checks for overlaps (vscode-languageserver-textdocument does) rejects the other order.
  const ordered = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.offset - b.e.offset || Number(a.e.length > 0) - Number(b.e.length > 0) || a.i - b.i)
    .map((x) => x.e);
  return ordered.map((e) => ({
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
    if (overBudget()) break;
    if (diagnostic.source !== 'marathon' || !overlaps(diagnostic.range, range)) continue;
    const problem = problemOf(analysis, diagnostic);
    if (!problem) continue;
    const rule = ruleById(problem.rule)!;
    for (const proposal of fixesFor(analysis, problem, settings, locale)) {
      if (!proposal.edits.length) continue;
      // A template's placeholders are masked in the tree: an edit over one would lose it.
      if (proposal.edits.some((e) => touchesPlaceholder(doc, e.offset, e.offset + e.length))) continue;
      // Never offer a fix that leaves its problem or brings a new kind of error.
      if (
        !knownFix(analysis, problem, proposal.edits) &&
        !improves(analysis, problem, proposal.edits, settings)
      )
        continue;
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
      proposals = refactor.propose({ analysis, offset, end, settings, locale, edit: editBuilderFor(doc) });
    } catch (e) {
      console.error(`marathon: refactor ${refactor.id} failed: ${(e as Error)?.stack ?? e}`);
    }
    for (const p of proposals)
      if (p.edits.length && keepsSyntax(doc, p.edits, settings.limits))
        out.push({
          title: t(locale, refactor.titles[p.title] ?? p.title, p.args),
          kind: CodeActionKind.RefactorRewrite,
          edit: { changes: { [doc.uri]: textEdits(doc, p.edits) } },
        });
  }
  return out;
}

/** A safe fix applied by fix-all. */
export interface AppliedFix {
  problem: Problem;
  /** The fix title in the requested locale. */
  title: string;
  /** Where the problem was, in the text the fix was applied to. */
  position: { line: number; character: number };
  /** The fix's edits, on that text. */
  edits: OffsetEdit[];
}

/**
 * One round of fix-all over an analysis (no parse, no analysis): for each problem in
 * document order, its first safe fix, unless one of its edits touches (or abuts) an
 * edit already taken, or a template placeholder. The edits never overlap.
 */
export function safeFixes(
  analysis: Analysis,
  settings: MarathonSettings,
  locale: Locale,
): { edits: OffsetEdit[]; applied: AppliedFix[] } {
  const edits: OffsetEdit[] = [];
  const applied: AppliedFix[] = [];
  const { doc } = analysis;
  for (const problem of analysis.problems) {
    if (overBudget()) break; // the rest on the next request
    const rule = ruleById(problem.rule);
    if (!rule?.fix) continue;
    const safe = fixesFor(analysis, problem, settings, locale).find((p) => p.safe && p.edits.length);
    if (!safe) continue;
    const valid = safe.edits.every(
      (e) =>
        Number.isInteger(e.offset) &&
        Number.isInteger(e.length) &&
        e.offset >= 0 &&
        e.length >= 0 &&
        e.offset + e.length <= doc.text.length,
    );
    if (!valid || hasOverlap(safe.edits)) continue;
    const clash = safe.edits.some((e) =>
      edits.some((x) => e.offset < x.offset + x.length + 1 && x.offset < e.offset + e.length + 1),
    );
    if (clash || safe.edits.some((e) => touchesPlaceholder(doc, e.offset, e.offset + e.length))) continue;
    // Edits that change nothing are not fixes.
    if (safe.edits.every((e) => doc.text.slice(e.offset, e.offset + e.length) === e.content)) continue;
    if (!knownFix(analysis, problem, safe.edits) && !improves(analysis, problem, safe.edits, settings))
      continue;
    edits.push(...safe.edits);
    applied.push({
      problem,
      title: t(locale, rule.meta.fixes?.[safe.title] ?? safe.title, safe.args),
      position: doc.lines.positionAt(problem.offset),
      edits: safe.edits,
    });
  }
  return { edits, applied };
}

function hasOverlap(edits: OffsetEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i].offset < sorted[i - 1].offset + sorted[i - 1].length) return true;
  return false;
}

/**
 * For the CLI: applies every safe fix, in rounds (at most `rounds`), analysing each
 * result, since a fix may reveal another problem with a safe fix. Returns the final text
 * with the fixes applied, in order, and the analysis of that text.
 */
export function fixAllText(
  doc: ParsedDocument,
  settings: MarathonSettings,
  workspace: WorkspaceView | undefined,
  locale: Locale,
  rounds = 10,
  forced = false,
): { text: string; applied: AppliedFix[]; fixed: Problem[]; analysis: Analysis } {
  let analysis = analyze(doc, settings, workspace, forced);
  const applied: AppliedFix[] = [];
  for (let round = 0; round < rounds; round++) {
    // Batch work, but bounded all the same: a round verifies fixes for at most 10 s.
    const { edits, applied: now } = withFixBudget(10_000, () => safeFixes(analysis, settings, locale));
    if (!edits.length) break;
    let text: string;
    try {
      text = applyEdits(analysis.doc.text, edits);
    } catch {
      break;
    }
    if (text === analysis.doc.text) break;
    applied.push(...now);
    const parsed = parseDocument(doc.uri, analysis.doc.version + 1, text, settings.limits);
    analysis = analyze(parsed, settings, workspace, forced);
  }
  return { text: analysis.doc.text, applied, fixed: applied.map((a) => a.problem), analysis };
}

/**
 * `source.fixAll.marathon`: the safe fixes of the analysis at hand, in one action. The
 * document is neither parsed nor analysed again; fixes that only become possible after
 * these are applied are offered on the next request (the next save).
 */
export function fixAllAction(
  analysis: Analysis,
  settings: MarathonSettings,
  locale: Locale,
): CodeAction | undefined {
  const { doc } = analysis;
  const { edits } = safeFixes(analysis, settings, locale);
  if (!edits.length || !keepsSyntax(doc, edits, settings.limits)) return undefined;
  return {
    title: t(locale, MESSAGES.fixAll),
    kind: FIX_ALL_KIND,
    edit: {
      changes: {
        [doc.uri]: textEdits(
          doc,
          [...edits].sort((a, b) => a.offset - b.offset),
        ),
      },
    },
  };
}
