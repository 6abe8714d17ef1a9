/**
 * The shape of a rule, after ESLint's: metadata (stable id, default severity, the
 * Marathon facts it implements, its English texts; translations live in the l10n
 * bundle), checks over the typed model, and optional fixes driven by the data the
 * check attached to its report.
 *
 * Checks come in three scopes. `app` and `pod` checks see one app or pod and must
 * depend on nothing else (so their results can be cached per unit and reused after
 * an edit elsewhere in a large group); `document` checks see the whole document and
 * the rest of the workspace (cross-object and cross-file rules).
 */
import type { ParsedDocument } from '../document';
import type { Node } from '../json';
import type { Locale, MessageArg, MessageArgs } from '../l10n';
import type { AppView, DefinitionModel, PodView } from '../model';
import type { MarathonSettings, SeverityName } from '../settings';
import type { WorkspaceView } from '../workspace';
import type { EditBuilder, OffsetEdit } from '../edits';

export type RuleFamily =
  | 'json' // syntax and document-level problems
  | 'schema' // the wire format (types, enums, required fields, ranges, unknown keys, deprecations)
  | 'lv' // local persistent volumes
  | 'ev' // external volumes
  | 'hv' // host volumes and the two-volume workaround
  | 'sv' // secret volumes
  | 'pv' // pod volumes and volume mounts
  | 'rs' // residency, unreachable and upgrade strategies
  | 'cn' // placement constraints
  | 'gen' // general app and pod rules
  | 'ws'; // across the workspace

export interface RuleMeta {
  /** Stable kebab-case id, used as `Diagnostic.code`, in `marathon.rules` and in docs/rules.md. */
  id: string;
  family: RuleFamily;
  /** Default severity: error where Marathon rejects, warning/information for traps it accepts. */
  severity: SeverityName;
  /** Ids of the facts in marathon-rules.md this rule implements (e.g. `LV-01`). */
  marathon: string[];
  /** One line for the rule list (English; translated through the bundle). */
  title: string;
  /** What the rule protects against and what to do (English markdown). */
  docs: string;
  /** Message templates by key; `{name}` placeholders are filled from the report's args. */
  messages: Record<string, string>;
  /** Fix titles by key, same conventions as `messages`. */
  fixes?: Record<string, string>;
  /**
   * Its document check judges each app or pod by itself and by the ids of the groups
   * around it, so it also runs on the head of a large document (head.ts); the other
   * document-wide checks (counts, duplicates, references, group fields that may come
   * after the apps) wait for the whole text.
   */
  local?: boolean;
}

export type Tag = 'unnecessary' | 'deprecated';

export interface RelatedReport {
  /** A node of this document, or a location in another document. */
  node?: Node;
  uri?: string;
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** Key of `meta.messages`. */
  message: string;
  args?: MessageArgs;
}

export interface Report {
  /** Where: a key node to flag a property, a value node to flag a value (or `offset`/`length`). */
  node?: Node;
  /** Key of `meta.messages`. */
  message: string;
  args?: MessageArgs;
  /** What the rule's fixes need (JSON-serialisable); sent as `Diagnostic.data`. */
  data?: Record<string, unknown>;
  related?: RelatedReport[];
  tags?: Tag[];
  /** Overrides the default severity for this one report (e.g. a softer variant of the rule). */
  severity?: SeverityName;
  /** Report on [offset, offset + length) instead of the whole node. */
  offset?: number;
  length?: number;
}

export interface RuleContext {
  doc: ParsedDocument;
  model: DefinitionModel;
  settings: MarathonSettings;
  /** The rest of the workspace (empty inside `app`/`pod` checks, which must not depend on it). */
  workspace: WorkspaceView;
  report(r: Report): void;
}

export interface FixProposal {
  /** Key of `meta.fixes`. */
  title: string;
  args?: MessageArgs;
  edits: OffsetEdit[];
  isPreferred?: boolean;
  /**
   * Safe fixes are unambiguous and keep the meaning the user intended; `source.fixAll`
   * and `marathon-lint --fix` apply only those.
   */
  safe?: boolean;
}

export interface FixContext {
  doc: ParsedDocument;
  model: DefinitionModel;
  settings: MarathonSettings;
  locale: Locale;
  /** The node the diagnostic was reported on, found again in the current tree. */
  node: Node;
  /** The app or pod the node belongs to, when it belongs to one. */
  owner: AppView | PodView | undefined;
  /** `Report.data` of the diagnostic. */
  data: Record<string, unknown>;
  /** Message key the diagnostic was reported with. */
  message: string;
  /** Edits that keep the document's own formatting (indentation, line endings). */
  edit: EditBuilder;
  /**
   * True when `edits`, applied alone, keep the syntax, remove this diagnostic and add no
   * error (not one more of any rule and message): for choosing among candidate fixes by
   * what they do in this document. True on documents too large to check.
   */
  verify(edits: OffsetEdit[]): boolean;
  /**
   * `edits` completed with the fixes of the errors they would bring (a container type
   * that then needs its `docker` object), or undefined when that does not give a fix that
   * verifies. `then` names the fixes merged in, for the title (absent when none was needed);
   * `safe` says that each of them is safe.
   */
  complete(edits: OffsetEdit[]): { edits: OffsetEdit[]; then?: MessageArg; safe: boolean } | undefined;
}

export interface Rule {
  meta: RuleMeta;
  /** Checks one app; must look at nothing but the app itself (and the settings). */
  app?(app: AppView, ctx: RuleContext): void;
  /** Checks one pod; must look at nothing but the pod itself (and the settings). */
  pod?(pod: PodView, ctx: RuleContext): void;
  /** Checks the document as a whole: relations between definitions, and the workspace. */
  document?(ctx: RuleContext): void;
  fix?(ctx: FixContext): FixProposal[];
}

/** Declares a rule (an identity function that gives rule modules their type). */
export function defineRule(rule: Rule): Rule {
  return rule;
}
