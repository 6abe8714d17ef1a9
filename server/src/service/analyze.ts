/**
 * From a parsed document to problems: detection, the typed model, then every rule
 * of the registry (schema checks are rules too). Problems carry offsets, rule ids
 * and message keys; they become LSP diagnostics (in the user's language) in
 * `diagnostics.ts`.
 */
import { detect, type Detection } from './detect';
import type { ParsedDocument } from './document';
import { touchesPlaceholder } from './document';
import { nodePath, type Node } from './json';
import type { MessageArgs } from './l10n';
import { buildModel, type DefinitionModel } from './model';
import { ruleById, RULES } from './rules/registry';
import type { RelatedReport, Report, Rule, RuleContext, Tag } from './rules/types';
import type { MarathonSettings, SeverityName } from './settings';
import { EMPTY_WORKSPACE, type WorkspaceView } from './workspace';

export interface Problem {
  rule: string;
  severity: SeverityName;
  offset: number;
  length: number;
  /** Key of the rule's `meta.messages`. */
  message: string;
  args: MessageArgs;
  data: Record<string, unknown>;
  related: RelatedReport[];
  tags: Tag[];
}

export interface Analysis {
  doc: ParsedDocument;
  detection: Detection;
  model: DefinitionModel | undefined;
  problems: Problem[];
}

/** Schema rules: a semantic rule reporting at the same node says it better. */
const SCHEMA_RULES = new Set(['schema-type', 'schema-enum', 'schema-required', 'schema-range']);

export function analyze(
  doc: ParsedDocument,
  settings: MarathonSettings,
  workspace: WorkspaceView = EMPTY_WORKSPACE,
  forced = false,
): Analysis {
  const detection: Detection = forced
    ? { kind: detect(doc.uri, doc.tree, { ...settings, files: ['**'] }, doc.template).kind, reason: 'glob' }
    : detect(doc.uri, doc.tree, settings, doc.template);
  const problems: Problem[] = [];
  const analysis: Analysis = { doc, detection, model: undefined, problems };
  if (detection.reason === 'excluded') return analysis;
  if (!detection.kind && !(doc.limit && looksLikeMarathon(doc.text))) return analysis;

  const add = (rule: Rule, r: Report) => {
    const severity = effectiveSeverity(rule, r.severity, settings);
    if (!severity) return;
    const offset = r.offset ?? r.node?.offset ?? 0;
    const length = r.length ?? (r.offset !== undefined ? 0 : (r.node?.length ?? 0));
    if (
      doc.template &&
      rule.meta.family !== 'json' &&
      r.node &&
      touchesPlaceholder(doc, r.node.offset, r.node.offset + r.node.length)
    )
      return;
    problems.push({
      rule: rule.meta.id,
      severity,
      offset,
      length,
      message: r.message,
      args: r.args ?? {},
      data: { ...(r.data ?? {}), ...(r.node ? nodePath(r.node) : {}) },
      related: r.related ?? [],
      tags: r.tags ?? [],
    });
  };

  const documentRule = ruleById('document');
  if (documentRule?.document) {
    const ctx = context(doc, undefined, settings, workspace, (r) => add(documentRule, r));
    documentRule.document(ctx);
  }
  if (!detection.kind || !doc.tree || doc.limit) return analysis;

  const model = buildModel(detection.kind, doc.tree);
  analysis.model = model;
  for (const rule of RULES) {
    if (rule === documentRule || settings.rules[rule.meta.id] === 'off') continue;
    const report = (r: Report) => add(rule, r);
    const unitCtx = context(doc, model, settings, EMPTY_WORKSPACE, report);
    if (rule.app) for (const app of model.apps) guard(rule, () => rule.app!(app, unitCtx));
    if (rule.pod) for (const pod of model.pods) guard(rule, () => rule.pod!(pod, unitCtx));
    if (rule.document) {
      const ctx = context(doc, model, settings, workspace, report);
      guard(rule, () => rule.document!(ctx));
    }
  }
  analysis.problems = dedupe(problems);
  return analysis;
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
  for (const p of problems) if (!SCHEMA_RULES.has(p.rule) && p.severity === 'error') semantic.add(p.offset);
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const p of problems) {
    if (SCHEMA_RULES.has(p.rule) && semantic.has(p.offset)) continue;
    const key = `${p.rule}\u0000${p.offset}\u0000${p.length}\u0000${p.message}\u0000${JSON.stringify(p.args)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out.sort((a, b) => a.offset - b.offset || a.rule.localeCompare(b.rule));
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
