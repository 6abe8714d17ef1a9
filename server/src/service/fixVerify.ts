/**
 * What a rule may check while it builds its fixes (`FixContext.verify` and `complete`):
 * whether a candidate edit does what a fix must (applied alone, the problem is gone and
 * no error is added: not one more of any rule and message), and, when a candidate brings
 * an error of its own, whether the fix of that error completes it. A rule uses them to
 * choose among candidates by what they do in this document (an enum value that the rest
 * of the definition accepts), never to special-case one.
 */
import { analyze, type Analysis, type Problem } from './analyze';
import { parseDocument } from './document';
import { applyEdits, type OffsetEdit } from './edits';
import { keepsSyntax, overBudget, VERIFY_LIMIT } from './fixCheck';
import { t, type Locale, type MessageArg } from './l10n';
import { ruleById } from './rules/registry';
import type { FixProposal } from './rules/types';
import type { MarathonSettings } from './settings';

/** A problem as a user tells it apart: rule, message and arguments (offsets move with edits). */
function problemKey(p: Problem): string {
  return `${p.rule}\u0000${p.message}\u0000${JSON.stringify(p.args)}`;
}

/** The errors of `after` that `before` does not have, as a multiset of problem keys. */
export function errorsAdded(before: Analysis, after: Analysis): Problem[] {
  const left = new Map<string, number>();
  for (const p of before.problems)
    if (p.severity === 'error') left.set(problemKey(p), (left.get(problemKey(p)) ?? 0) + 1);
  const added: Problem[] = [];
  for (const p of after.problems) {
    if (p.severity !== 'error') continue;
    const k = problemKey(p);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else added.push(p);
  }
  return added;
}

export interface FixCheck {
  /** The edits apply, keep the syntax, remove the problem and add no error. */
  ok: boolean;
  /** The analysis of the result (absent when the edits do not apply or the document is too large to check). */
  after?: Analysis;
  /** The problem is gone. */
  gone: boolean;
  added: Problem[];
}

/** The edits found to be fixes, per analysis and problem: the last check before offering them need not analyse again. */
const verified = new WeakMap<Analysis, Set<string>>();
const verifiedKey = (problem: Problem, edits: OffsetEdit[]) =>
  `${problemKey(problem)}\u0000${problem.offset}\u0000${JSON.stringify(edits)}`;

/** True when `checkFix` found these edits to be a fix of this problem in this analysis. */
export function knownFix(analysis: Analysis, problem: Problem, edits: OffsetEdit[]): boolean {
  return verified.get(analysis)?.has(verifiedKey(problem, edits)) ?? false;
}

/** Applies `edits` and analyses the result (units the edits leave alone come from the cache). */
export function checkFix(
  analysis: Analysis,
  problem: Problem,
  edits: OffsetEdit[],
  settings: MarathonSettings,
): FixCheck {
  const check = checkFixNow(analysis, problem, edits, settings);
  if (check.ok && check.after) {
    let set = verified.get(analysis);
    if (!set) verified.set(analysis, (set = new Set()));
    set.add(verifiedKey(problem, edits));
  }
  return check;
}

function checkFixNow(
  analysis: Analysis,
  problem: Problem,
  edits: OffsetEdit[],
  settings: MarathonSettings,
): FixCheck {
  const { doc } = analysis;
  if (doc.text.length > VERIFY_LIMIT) return { ok: true, gone: true, added: [] };
  if (overBudget()) return { ok: false, gone: false, added: [] };
  if (!edits.length || !keepsSyntax(doc, edits, settings.limits))
    return { ok: false, gone: false, added: [] };
  const text = applyEdits(doc.text, edits);
  const fixed = parseDocument(doc.uri, doc.version, text, settings.limits);
  const after = analyze(fixed, settings, undefined, analysis.detection.kind !== undefined, analysis.units);
  // A fix that makes the document something else (a pod without containers is no pod) fixes nothing.
  const units = (a: Analysis) => (a.model ? a.model.apps.length + a.model.pods.length : 0);
  if (after.detection.kind !== analysis.detection.kind || units(after) !== units(analysis))
    return { ok: false, after, gone: false, added: [] };
  const key = problemKey(problem);
  const count = (a: Analysis) => a.problems.filter((p) => problemKey(p) === key).length;
  const gone = count(after) < count(analysis);
  const added = errorsAdded(analysis, after);
  return { ok: gone && !added.length, after, gone, added };
}

/**
 * The edits `first` then `second` (edits on the text `first` gives) as edits on the
 * original text: an edit of `second` inside what `first` inserted changes that insertion,
 * one between them moves back by what `first` added before it. Undefined when an edit of
 * `second` straddles one of `first`.
 */
export function composeEdits(
  text: string,
  first: OffsetEdit[],
  second: OffsetEdit[],
  /** Edits of `first` that `second` must leave as they are (undefined if it would change one). */
  keep: (e: OffsetEdit) => boolean = () => false,
): OffsetEdit[] | undefined {
  const out = [...first].sort((a, b) => a.offset - b.offset).map((e) => ({ ...e, keep: keep(e) }));
  const added: OffsetEdit[] = [];
  for (const s of [...second].sort((a, b) => b.offset - a.offset)) {
    let shift = 0;
    let placed = false;
    for (const e of out) {
      const start = e.offset + shift;
      const end = start + e.content.length;
      if (s.offset < start && s.offset + s.length <= start) break; // between edits
      if (e.keep && s.length === 0 && (s.offset === start || s.offset === end)) {
        // An insertion next to an edit that stays goes beside it, in the original text.
        added.push({ ...s, offset: s.offset === start ? e.offset : e.offset + e.length });
        placed = true;
        break;
      }
      if (s.offset >= start && s.offset + s.length <= end) {
        // A kept edit may be refined (a value inside what it writes), not undone.
        if (e.keep && s.offset === start && s.offset + s.length === end) return undefined;
        const at = s.offset - start;
        e.content = e.content.slice(0, at) + s.content + e.content.slice(at + s.length);
        placed = true;
        break;
      }
      if (s.offset < end) return undefined; // straddles `e`
      shift += e.content.length - e.length;
    }
    if (!placed) added.push({ ...s, offset: s.offset - shift });
  }
  const edits = [...out.map(({ keep: _, ...e }) => e), ...added];
  try {
    if (applyEdits(text, edits) !== applyEdits(applyEdits(text, first), second)) return undefined;
  } catch {
    return undefined;
  }
  return edits;
}

export interface Completion {
  edits: OffsetEdit[];
  /** Every fix merged in is safe (true when none was needed). */
  safe: boolean;
  /** The titles of the fixes merged in (`a, then b`), in both languages; absent when none was needed. */
  then?: MessageArg;
}

type FixesOf = (analysis: Analysis, problem: Problem) => FixProposal[];

/**
 * `edits` completed with the fixes of the errors they bring (at most three rounds, each
 * the first fix of the first new error that leaves fewer new errors), or undefined when
 * that does not give a fix that checks.
 */
export function completeFix(
  analysis: Analysis,
  problem: Problem,
  edits: OffsetEdit[],
  settings: MarathonSettings,
  fixesOf: FixesOf,
): Completion | undefined {
  let current = edits;
  let check = checkFix(analysis, problem, current, settings);
  const titles: { template: string; args: FixProposal['args'] }[] = [];
  let safe = true;
  for (let round = 0; round < 3 && !check.ok; round++) {
    if (!check.after || !check.gone || !check.added.length || check.added.length > 3) return undefined;
    const next = check.added[0];
    const rule = ruleById(next.rule);
    let best: { edits: OffsetEdit[]; check: FixCheck; proposal: FixProposal } | undefined;
    for (const proposal of fixesOf(check.after, next).slice(0, 4)) {
      if (!proposal.edits.length) continue;
      // What replaces the problem's own node stays: a fix of the new error must not undo it.
      const combined = composeEdits(
        analysis.doc.text,
        current,
        proposal.edits,
        (e) =>
          edits.some((o) => o.offset === e.offset && o.length === e.length && o.content === e.content) &&
          e.offset <= problem.offset &&
          problem.offset + problem.length <= e.offset + e.length,
      );
      if (!combined) continue;
      const c = checkFix(analysis, problem, combined, settings);
      // It must fix the error it is for, and bring no more errors than it removes (it may
      // bring another one, which the next round fixes: a provider, then its driver).
      if (
        !c.gone ||
        c.added.length > check.added.length ||
        c.added.some((p) => problemKey(p) === problemKey(next))
      )
        continue;
      if (!best || c.added.length < best.check.added.length) best = { edits: combined, check: c, proposal };
      if (c.ok) break;
    }
    if (!best) return undefined;
    current = best.edits;
    check = best.check;
    titles.push({
      template: rule?.meta.fixes?.[best.proposal.title] ?? best.proposal.title,
      args: best.proposal.args,
    });
    safe &&= best.proposal.safe === true;
  }
  if (!check.ok) return undefined;
  if (!titles.length) return { edits: current, safe: true };
  const join = (locale: Locale) =>
    titles
      .map(({ template, args }) => {
        const s = t(locale, template, args);
        return locale === 'en' ? s.charAt(0).toLowerCase() + s.slice(1) : s;
      })
      .join(locale === 'en' ? ', then ' : '，然后');
  return { edits: current, safe, then: { en: join('en'), 'zh-cn': join('zh-cn') } };
}
