/**
 * From a parsed document to problems: detection, the typed model, then every rule
 * of the registry (schema checks are rules too). Problems carry offsets, rule ids
 * and message keys; they become LSP diagnostics (in the user's language) in
 * `diagnostics.ts`.
 */
import { detect, type DefinitionKind, type Detection } from './detect';
import type { ParsedDocument } from './document';
import { touchesPlaceholder } from './document';
import { getNodePath } from 'jsonc-parser';
import { nodePath, type Node } from './json';
import type { MessageArgs } from './l10n';
import { buildModel, type AppView, type DefinitionModel, type PodView } from './model';
import { ruleById, RULES } from './rules/registry';
import type { RelatedReport, Report, Rule, RuleContext, Tag } from './rules/types';
import type { MarathonSettings, SeverityName } from './settings';
import { EMPTY_WORKSPACE, type WorkspaceView } from './workspace';

export interface RelatedProblem {
  /** A span of this document... */
  offset?: number;
  length?: number;
  /** ...or a location in another document. */
  uri?: string;
  range?: RelatedReport['range'];
  message: string;
  args?: MessageArgs;
}

export interface Problem {
  rule: string;
  severity: SeverityName;
  offset: number;
  length: number;
  /** Key of the rule's `meta.messages`. */
  message: string;
  args: MessageArgs;
  /** What fixes need, plus `path` (and `key`) of the reported node. */
  data: Record<string, unknown>;
  related: RelatedProblem[];
  tags: Tag[];
}

/**
 * The problems of each app and pod, by what they depend on (settings, kind, absolute
 * id and text): after an edit, only the units whose text changed are checked again.
 */
export interface UnitCache {
  /** The settings the results were computed with (a cache for other settings is not used). */
  settings: string;
  /** By unit text (a slice of the document, so no copy is made). */
  byText: Map<string, CachedUnit[]>;
}

interface CachedUnit {
  kind: 'app' | 'pod';
  id: string | undefined;
  /** What unit checks may read of the rest of the document (see `unitContext`). */
  context: string;
  /** Problems with offsets and paths relative to the unit. */
  problems: Problem[];
}

export interface Analysis {
  doc: ParsedDocument;
  detection: Detection;
  model: DefinitionModel | undefined;
  problems: Problem[];
  /** The unit results of this analysis, for the next one. */
  units: UnitCache;
}

/** Schema rules: a semantic rule reporting at the same node says it better. */
const SCHEMA_RULES = new Set(['schema-type', 'schema-enum', 'schema-required', 'schema-range']);

export function analyze(
  doc: ParsedDocument,
  settings: MarathonSettings,
  workspace: WorkspaceView = EMPTY_WORKSPACE,
  forced = false,
  previous?: UnitCache,
  scope: AnalysisScope = 'document',
): Analysis {
  const steps = analysisSteps(doc, settings, workspace, forced, previous, {}, scope);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** What `analysisSteps` has done so far (for abandonment and for progress reports). */
export interface AnalysisProgress {
  /** The unit results found so far. */
  units?: UnitCache;
  /** Apps and pods looked at (checked or taken from the cache), of `total`. */
  done?: number;
  total?: number;
  /** Characters of the apps and pods that had to be checked (not taken from the cache). */
  checkedChars?: number;
}

const MODELS = new WeakMap<ParsedDocument, DefinitionModel>();
/** The latest model of each tree (an incremental re-parse keeps the tree of the version before). */
const LATEST = new WeakMap<Node, DefinitionModel>();

/**
 * The typed model of a document version, built once: the cross-file index reads it
 * before the analysis runs, and the analysis uses the same one. After an incremental
 * re-parse, the views of the apps and pods the edit did not touch are reused.
 */
export function documentModel(doc: ParsedDocument, kind: DefinitionKind): DefinitionModel {
  let model = MODELS.get(doc);
  if (!model || model.kind !== kind || model.root !== doc.tree) {
    model = buildModel(kind, doc.tree!, LATEST.get(doc.tree!));
    MODELS.set(doc, model);
    LATEST.set(doc.tree!, model);
  }
  return model;
}

/**
 * What an analysis checks: the whole document, or its apps and pods only (the head of a
 * large document: of the document-wide rules, only the `local` ones judge a fragment right).
 */
export type AnalysisScope = 'document' | 'units';

/** Units checked between two yields of `analysisSteps`. */
export const UNITS_PER_STEP = 50;

/**
 * The analysis in steps: after every `UNITS_PER_STEP` apps and pods that had to be
 * checked (cached ones cost nothing), it yields a function that returns what it has
 * found so far, so that a caller can publish early results, answer other requests, or
 * abandon work that a newer version made useless. The unit results found before an
 * abandonment stay in `progress.units` for the next analysis; `progress` also counts
 * the units looked at.
 */
export function* analysisSteps(
  doc: ParsedDocument,
  settings: MarathonSettings,
  workspace: WorkspaceView = EMPTY_WORKSPACE,
  forced = false,
  previous?: UnitCache,
  progress: AnalysisProgress = {},
  scope: AnalysisScope = 'document',
): Generator<() => Problem[], Analysis> {
  const detection: Detection = forced
    ? { kind: detect(doc.uri, doc.tree, { ...settings, files: ['**'] }, doc.template).kind, reason: 'glob' }
    : detect(doc.uri, doc.tree, settings, doc.template);
  const problems: Problem[] = [];
  const settingsKey = JSON.stringify(settings);
  const units: UnitCache = { settings: settingsKey, byText: new Map() };
  progress.units = units;
  const reuse = previous?.settings === settingsKey ? previous.byText : undefined;
  const analysis: Analysis = { doc, detection, model: undefined, problems, units };
  if (detection.reason === 'excluded') return analysis;
  // Past a limit the content says little: a file the user named a definition, or one
  // that starts like one, is told why it is not checked.
  if (!detection.kind && !(doc.limit && (detection.reason === 'glob' || looksLikeMarathon(doc.text))))
    return analysis;

  const toProblem = (rule: Rule, r: Report): Problem | undefined => {
    const severity = effectiveSeverity(rule, r.severity, settings);
    if (!severity) return undefined;
    const offset = r.offset ?? r.node?.offset ?? 0;
    const length = r.length ?? (r.offset !== undefined ? 0 : (r.node?.length ?? 0));
    if (
      doc.template &&
      rule.meta.family !== 'json' &&
      r.node &&
      touchesPlaceholder(doc, r.node.offset, r.node.offset + r.node.length)
    )
      return undefined;
    return {
      rule: rule.meta.id,
      severity,
      offset,
      length,
      message: r.message,
      args: r.args ?? {},
      data: { ...(r.data ?? {}), ...(r.node ? nodePath(r.node) : {}) },
      related: (r.related ?? []).map(({ node, ...rest }) =>
        node ? { ...rest, offset: node.offset, length: node.length } : rest,
      ),
      tags: r.tags ?? [],
    };
  };
  const add = (rule: Rule, r: Report) => {
    const p = toProblem(rule, r);
    if (p) problems.push(p);
  };

  const documentRule = ruleById('document');
  if (documentRule?.document && scope === 'document') {
    const ctx = context(doc, undefined, settings, workspace, (r) => add(documentRule, r));
    documentRule.document(ctx);
  }
  if (!detection.kind || !doc.tree || doc.limit) return analysis;

  const model = documentModel(doc, detection.kind);
  analysis.model = model;
  const active = RULES.filter((r) => r !== documentRule && settings.rules[r.meta.id] !== 'off');

  // Units: from the cache when their text is unchanged, else checked by every unit rule.
  const lookup = (
    map: Map<string, CachedUnit[]> | undefined,
    text: string,
    kind: string,
    id: string | undefined,
    context: string,
  ) => map?.get(text)?.find((c) => c.kind === kind && c.id === id && c.context === context)?.problems;
  const checkUnit = (kind: 'app' | 'pod', unit: AppView | PodView) => {
    const node = unit.node;
    const text = doc.text.slice(node.offset, node.offset + node.length);
    const around = unitContext(doc, node);
    let relative =
      lookup(reuse, text, kind, unit.absoluteId, around) ??
      lookup(units.byText, text, kind, unit.absoluteId, around);
    const checked = !relative;
    if (!relative) {
      const found: Problem[] = [];
      for (const rule of active) {
        const check = kind === 'app' ? rule.app : rule.pod;
        if (!check) continue;
        const ctx = context(doc, model, settings, EMPTY_WORKSPACE, (r) => {
          const p = toProblem(rule, r);
          // A unit check reports inside its unit (its results are kept relative to it): a
          // report without a node (a missing value) or outside the unit goes at its start.
          if (p && (p.offset < node.offset || p.offset + p.length > node.offset + node.length)) {
            p.offset = node.offset;
            p.length = 0;
          }
          if (p) found.push(p);
        });
        guard(rule, () => (check as (u: AppView | PodView, c: RuleContext) => void)(unit, ctx));
      }
      relative = found.map((p) => relativeTo(p, node));
    }
    const same = units.byText.get(text);
    const entry = { kind, id: unit.absoluteId, context: around, problems: relative };
    if (!same) units.byText.set(text, [entry]);
    else if (!same.some((c) => c.kind === kind && c.id === unit.absoluteId && c.context === around))
      same.push(entry);
    for (const p of placed(node, relative)) problems.push(p);
    return checked;
  };
  let sinceYield = 0;
  progress.done = 0;
  progress.total = model.apps.length + model.pods.length;
  progress.checkedChars = 0;
  for (const [kind, list] of [
    ['app', model.apps],
    ['pod', model.pods],
  ] as const)
    for (const unit of list) {
      const checked = checkUnit(kind, unit);
      progress.done++;
      if (checked) progress.checkedChars += unit.node.length;
      if (checked && ++sinceYield >= UNITS_PER_STEP) {
        sinceYield = 0;
        const sofar = problems.slice();
        yield () => capped(ignoredPodsSoftened(dedupe(sofar), model), settings);
      }
    }

  for (const rule of active) {
    if (!rule.document || (scope === 'units' && !rule.meta.local)) continue;
    const ctx = context(doc, model, settings, workspace, (r) => add(rule, r));
    guard(rule, () => rule.document!(ctx));
  }
  analysis.problems = capped(ignoredPodsSoftened(dedupe(problems), model), settings);
  return analysis;
}

const SEVERITY_RANK: Record<SeverityName, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * At most `limits.maxProblems` problems, the most severe first (then in document order),
 * and one information at the top of the document that counts the others: an editor
 * slows down under tens of thousands of diagnostics, and nobody reads them.
 */
function capped(problems: Problem[], settings: MarathonSettings): Problem[] {
  const max = Math.max(1, Math.floor(settings.limits.maxProblems));
  if (problems.length <= max) return problems;
  const kept = problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => SEVERITY_RANK[a.p.severity] - SEVERITY_RANK[b.p.severity] || a.i - b.i)
    .slice(0, max)
    .sort((a, b) => a.i - b.i)
    .map(({ p }) => p);
  const note: Problem = {
    rule: 'document',
    severity: 'information',
    offset: 0,
    length: 0,
    message: 'tooManyProblems',
    args: { count: problems.length - kept.length, max },
    data: {},
    related: [],
    tags: [],
  };
  return settings.rules.document === 'off' ? kept : [note, ...kept];
}

/**
 * `/v2/groups` has no `pods` and drops them unread (GEN-17; `group-pods-ignored` says so):
 * what is wrong inside such a pod does not make Marathon reject the group, so it is a
 * warning there (it still would be an error through `/v2/pods`).
 */
function ignoredPodsSoftened(problems: Problem[], model: DefinitionModel): Problem[] {
  const spans = model.pods.filter((p) => p.group).map((p) => [p.node.offset, p.node.offset + p.node.length]);
  if (!spans.length) return problems;
  return problems.map((p) =>
    p.severity === 'error' && spans.some(([s, e]) => p.offset >= s && p.offset < e)
      ? { ...p, severity: 'warning' }
      : p,
  );
}

/**
 * What a unit's checks see of the document besides the unit's text: whether it is a
 * template, and its syntax errors (where the tree is a recovery guess, schema problems
 * are dropped): the errors inside the unit exactly, the others by side and kind. Two
 * versions with the same unit text but another context never share unit results.
 */
function unitContext(doc: ParsedDocument, unit: Node): string {
  const errors = doc.syntaxErrors;
  if (!errors.length) return doc.template ? 't' : '';
  const start = unit.offset;
  const end = unit.offset + unit.length;
  const inside: string[] = [];
  const outside = new Set<string>();
  let first = Infinity;
  for (const e of errors) {
    if (e.offset < first) first = e.offset;
    if (e.offset >= start && e.offset < end) inside.push(`${e.offset - start}:${e.error}:${e.length}`);
    else outside.add(`${e.offset < start ? '<' : '>'}${e.error}`);
  }
  const firstAt = first < start ? '<' : first >= end ? '>' : String(first - start);
  return `${doc.template ? 't' : ''}|${firstAt}|${inside.join(',')}|${[...outside].sort().join(',')}`;
}

/**
 * Document offsets that rules put in `data` (`at`: a node's offset their fix finds again;
 * `schemaAcceptedIn`: a span where schema problems are dropped) move with the unit like
 * the problem's own offset; a cached result used at another place would point elsewhere.
 */
function shiftData(data: Record<string, unknown>, delta: number): Record<string, unknown> {
  const at = data.at;
  const span = data.schemaAcceptedIn;
  const spanOk = Array.isArray(span) && typeof span[0] === 'number' && typeof span[1] === 'number';
  if (!delta || (typeof at !== 'number' && !spanOk)) return data;
  return {
    ...data,
    ...(typeof at === 'number' ? { at: at + delta } : {}),
    ...(spanOk ? { schemaAcceptedIn: [(span[0] as number) + delta, (span[1] as number) + delta] } : {}),
  };
}

/** A unit's problem with offsets and paths relative to the unit. */
function relativeTo(p: Problem, unit: Node): Problem {
  const base = getNodePath(unit).length;
  const path = Array.isArray(p.data.path) ? (p.data.path as unknown[]).slice(base) : undefined;
  return {
    ...p,
    offset: p.offset - unit.offset,
    data: shiftData(path ? { ...p.data, path } : p.data, -unit.offset),
    related: p.related.map((r) => (r.offset !== undefined ? { ...r, offset: r.offset - unit.offset } : r)),
  };
}

/**
 * The problems of each unit as last placed in its document, by the unit's node. A node
 * that an edit did not re-parse is the same object at the same place in the tree (an
 * edit inside a container re-parses the container), so its problems keep their paths and
 * move with its offset: a keystroke in a 5,000-app group no longer rebuilds the problems
 * of the 4,999 other apps (and walks up their paths through a 5,000-element array).
 */
const PLACED = new WeakMap<Node, { relative: Problem[]; offset: number; absolute: Problem[] }>();

function placed(unit: Node, relative: Problem[]): Problem[] {
  const last = PLACED.get(unit);
  if (last?.relative === relative && last.offset === unit.offset) return last.absolute;
  const absolute =
    last?.relative === relative
      ? last.absolute.map((p) => moved(p, unit.offset - last.offset))
      : relative.map((p) => absoluteFrom(p, unit));
  PLACED.set(unit, { relative, offset: unit.offset, absolute });
  return absolute;
}

function moved(p: Problem, delta: number): Problem {
  return {
    ...p,
    offset: p.offset + delta,
    data: shiftData(p.data, delta),
    related: p.related.map((r) => (r.offset !== undefined ? { ...r, offset: r.offset + delta } : r)),
  };
}

function absoluteFrom(p: Problem, unit: Node): Problem {
  const path = Array.isArray(p.data.path) ? [...getNodePath(unit), ...(p.data.path as unknown[])] : undefined;
  return {
    ...p,
    offset: p.offset + unit.offset,
    data: shiftData(path ? { ...p.data, path } : p.data, unit.offset),
    related: p.related.map((r) => (r.offset !== undefined ? { ...r, offset: r.offset + unit.offset } : r)),
  };
}

function context(
  doc: ParsedDocument,
  model: DefinitionModel | undefined,
  settings: MarathonSettings,
  workspace: WorkspaceView,
  report: (r: Report) => void,
): RuleContext {
  return { doc, model: model as DefinitionModel, settings, workspace, report };
}

/** A failing rule must never take the others (or the server) down with it. */
function guard(rule: Rule, run: () => void): void {
  try {
    run();
  } catch (e) {
    console.error(`marathon: rule ${rule.meta.id} failed: ${(e as Error)?.stack ?? e}`);
  }
}

export function effectiveSeverity(
  rule: Rule,
  reported: SeverityName | undefined,
  settings: MarathonSettings,
): SeverityName | undefined {
  const configured = settings.rules[rule.meta.id];
  if (configured === 'off') return undefined;
  return configured ?? reported ?? rule.meta.severity;
}

/** One problem per place: drops schema problems where a semantic rule already reported, and exact repeats. */
function dedupe(problems: Problem[]): Problem[] {
  const semantic = new Set<number>();
  // A rule that explains an unknown key better (and offers its own fix) says so with
  // `data.supersedesUnknownProperty`; the generic unknown-property warning there is then dropped.
  const explained = new Set<number>();
  // A rule that knows Marathon accepts a span the schemas reject (a pod volume read as
  // another kind) says so with `data.schemaAcceptedIn: [start, end]`.
  const accepted: [number, number][] = [];
  for (const p of problems) {
    if (!SCHEMA_RULES.has(p.rule) && p.severity === 'error') semantic.add(p.offset);
    if (p.data.supersedesUnknownProperty === true) explained.add(p.offset);
    const span = p.data.schemaAcceptedIn;
    if (Array.isArray(span) && typeof span[0] === 'number' && typeof span[1] === 'number')
      accepted.push([span[0], span[1]]);
  }
  const kept = problems
    .filter(
      (p) =>
        !(
          SCHEMA_RULES.has(p.rule) &&
          (semantic.has(p.offset) || accepted.some(([s, e]) => p.offset >= s && p.offset < e))
        ) && !(p.rule === 'unknown-property' && explained.has(p.offset)),
    )
    .sort((a, b) => a.offset - b.offset || a.rule.localeCompare(b.rule));
  // Exact repeats are problems of one rule at one offset, side by side once sorted (most
  // problems have no such twin, and are not compared at all).
  const out: Problem[] = [];
  for (let i = 0; i < kept.length;) {
    let j = i + 1;
    while (j < kept.length && kept[j].offset === kept[i].offset && kept[j].rule === kept[i].rule) j++;
    if (j - i === 1) out.push(kept[i]);
    else {
      const seen = new Set<string>();
      for (let k = i; k < j; k++) {
        const p = kept[k];
        const key = `${p.length}\u0000${p.message}\u0000${JSON.stringify(p.args)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(p);
      }
    }
    i = j;
  }
  return out;
}

/** For documents too large to parse: a cheap look at their beginning. */
function looksLikeMarathon(text: string): boolean {
  const head = text.slice(0, 65536);
  return /"id"\s*:/.test(head) && /"(cmd|args|container|containers|apps|groups)"\s*:/.test(head);
}

/** The node at a path of a tree (used to find a diagnostic's node again for its fixes). */
export function nodeAtPath(tree: Node | undefined, path: (string | number)[], key = false): Node | undefined {
  let cur = tree;
  if (key && path.length) {
    const parent = nodeAtPath(tree, path.slice(0, -1));
    const p =
      parent?.type === 'object'
        ? parent.children?.findLast((c) => c.children?.[0]?.value === path[path.length - 1])
        : undefined;
    return p?.children?.[0];
  }
  for (const seg of path) {
    if (!cur) return undefined;
    if (cur.type === 'array' && typeof seg === 'number') cur = cur.children?.[seg];
    else if (cur.type === 'object') {
      const p = cur.children?.findLast((c) => c.children?.[0]?.value === seg);
      cur = p?.children?.[1];
    } else return undefined;
  }
  return cur;
}
