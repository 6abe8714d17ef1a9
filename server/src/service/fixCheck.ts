/**
 * The last check on every edit this server proposes (quick fixes, refactors, fix-all):
 * applied to the document, it must leave the text parsing at least as well as before.
 * Strict JSON stays strict JSON; a document with syntax errors elsewhere gets no new
 * ones. Proposals that fail are dropped rather than offered.
 *
 * The check is local when it can be: when the edits lie inside a well-formed object or
 * array (its text parses on its own, before and after), nothing outside it can parse
 * differently, so only that container is parsed again, not the whole document.
 */
import type { Node, ParseError } from 'jsonc-parser';
import { analyze, type Analysis, type Problem } from './analyze';
import { parseDocument, type ParsedDocument } from './document';
import { applyEdits, type OffsetEdit } from './edits';
import { childContaining } from './json';
import type { LimitSettings, MarathonSettings } from './settings';
import { parseJsonTree } from './tree';

/** True when the edits are well-formed, do not overlap and keep the document's syntax. */
export function keepsSyntax(doc: ParsedDocument, edits: OffsetEdit[], limits: LimitSettings): boolean {
  if (!edits.length) return true;
  const n = doc.text.length;
  for (const e of edits)
    if (
      !Number.isInteger(e.offset) ||
      !Number.isInteger(e.length) ||
      e.offset < 0 ||
      e.length < 0 ||
      e.offset + e.length > n ||
      typeof e.content !== 'string'
    )
      return false;
  let after: string;
  try {
    after = applyEdits(doc.text, edits);
  } catch {
    return false; // overlapping edits
  }
  let start = n;
  let end = 0;
  for (const e of edits) {
    start = Math.min(start, e.offset);
    end = Math.max(end, e.offset + e.length);
  }
  const delta = after.length - n;
  for (const c of containersAround(doc.tree, start, end)) {
    if (!parsesAlone(doc.text.slice(c.offset, c.offset + c.length), c.type)) continue;
    return parsesAlone(after.slice(c.offset, c.offset + c.length + delta), c.type);
  }
  // No well-formed container around the edits: compare the whole document.
  const now = parseDocument(doc.uri, doc.version, after, limits);
  if (now.limit && !doc.limit) return false;
  return now.syntaxErrors.length <= doc.syntaxErrors.length;
}

/** A complete JSON value of this type, and nothing else. */
function parsesAlone(text: string, type: Node['type']): boolean {
  const errors: ParseError[] = [];
  const tree = parseJsonTree(text, errors);
  return !errors.length && tree?.type === type && tree.offset === 0 && tree.length === text.length;
}

/** The objects and arrays whose brackets both lie outside [start, end), innermost first. */
function containersAround(root: Node | undefined, start: number, end: number): Node[] {
  const out: Node[] = [];
  let cur = root;
  while (cur && (cur.type === 'object' || cur.type === 'array')) {
    if (!(cur.offset < start && end < cur.offset + cur.length)) break;
    out.push(cur);
    let next = childContaining(cur, start, end);
    if (next?.type === 'property') next = childContaining(next, start, end);
    cur = next;
  }
  return out.reverse();
}

/**
 * Verifying fixes analyses their results, which on a unit with thousands of problems
 * costs seconds per fix: a request (quick fixes, fix-all) spends at most this long on
 * it. Fixes not verified in time are not offered; the next request (the next save)
 * gets them.
 */
export const FIX_BUDGET_MS = 800;

let deadline = Infinity;

/** Runs `f` with at most `ms` milliseconds for verifying fixes (nested budgets keep the tighter one). */
export function withFixBudget<T>(ms: number, f: () => T): T {
  const saved = deadline;
  deadline = Math.min(deadline, performance.now() + ms);
  try {
    return f();
  } finally {
    deadline = saved;
  }
}

/** True when the current request has no time left for verifying another fix. */
export function overBudget(): boolean {
  return performance.now() > deadline;
}

/** Documents up to this size get every quick fix verified by analysing its result. */
export const VERIFY_LIMIT = 256 * 1024;

/**
 * True when a fix does what a fix must: applied, the problem is gone (of several alike, one
 * fewer is left) and no new kind of error appears. Checked by analysing the result (units whose text the fix leaves alone
 * come from the analysis' cache); documents above `VERIFY_LIMIT` are not checked, so
 * that code actions stay cheap on very large groups.
 */
export function improves(
  analysis: Analysis,
  problem: Problem,
  edits: OffsetEdit[],
  settings: MarathonSettings,
): boolean {
  const { doc } = analysis;
  if (doc.text.length > VERIFY_LIMIT) return true;
  if (overBudget()) return false;
  let text: string;
  try {
    text = applyEdits(doc.text, edits);
  } catch {
    return false;
  }
  const fixed = parseDocument(doc.uri, doc.version, text, settings.limits);
  const after = analyze(fixed, settings, undefined, analysis.detection.kind !== undefined, analysis.units);
  // A fix that makes the document something else (a pod without containers is no pod) fixes nothing.
  if (after.detection.kind !== analysis.detection.kind) return false;
  const same = (p: Problem) =>
    p.rule === problem.rule &&
    p.message === problem.message &&
    JSON.stringify(p.args) === JSON.stringify(problem.args);
  // One of several problems alike (two comments, two repeated networks) is fixed when there is one less.
  if (after.problems.filter(same).length >= analysis.problems.filter(same).length) return false;
  const errorsBefore = new Set(analysis.problems.filter((p) => p.severity === 'error').map((p) => p.rule));
  return !after.problems.some((p) => p.severity === 'error' && !errorsBefore.has(p.rule));
}
