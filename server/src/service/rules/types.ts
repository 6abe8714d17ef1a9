/**
 * The shape of a rule, after ESLint's: metadata (stable id, default severity,
 * the Marathon facts it implements, texts in both languages), a check over the
 * typed model, and optional fixes driven by the data the check attached.
 */
import type { ParsedDocument } from '../document';
import type { Node } from '../json';
import type { Localized, Locale, MessageArgs } from '../l10n';
import type { DefinitionModel } from '../model';
import type { MarathonSettings, SeverityName } from '../settings';
import type { WorkspaceView } from '../workspace';

export type RuleFamily =
  | 'json' // syntax and document-level problems
  | 'schema' // the wire format (types, enums, required fields, ranges, unknown keys)
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
  /** Stable id, used as `Diagnostic.code` and in the `marathon.rules` setting. */
  id: string;
  family: RuleFamily;
  /** Default severity: error where Marathon rejects, warning/information for traps it accepts. */
  severity: SeverityName;
  /** Ids of the facts in marathon-rules.md this rule implements (e.g. `LV-01`). */
  marathon: string[];
  /** One line for the rule list. */
  title: Localized;
  /** What the rule protects against and what to do, for the rule documentation. */
  docs: Localized;
  /** Message templates by id; `{name}` placeholders are filled from the report's args. */
  messages: Record<string, Localized>;
}

export interface RelatedReport {
  /** A node of this document, or a location in another document. */
  node?: Node;
  uri?: string;
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  args?: MessageArgs;
}

export interface Report {
  /** Where: a key node to flag a property, a value node to flag a value. */
  node: Node;
  /** Key of `meta.messages`. */
  message: string;
  args?: MessageArgs;
  /** What the rule's fixes need (JSON-serialisable); sent as `Diagnostic.data`. */
  data?: Record<string, unknown>;
  related?: RelatedReport[];
  tags?: ('unnecessary' | 'deprecated')[];
  /** Overrides the default severity for this one report (e.g. a softer variant). */
  severity?: SeverityName;
  /** Report on [node.offset, node.offset + length) instead of the whole node. */
  length?: number;
}

export interface RuleContext {
  doc: ParsedDocument;
  model: DefinitionModel;
  settings: MarathonSettings;
  workspace: WorkspaceView;
  report(r: Report): void;
  /** A computation shared by several rules during one analysis (computed once). */
  shared<T>(key: string, compute: () => T): T;
}

/** A text edit by offsets in the document the fix was computed on. */
export interface OffsetEdit {
  offset: number;
  length: number;
  content: string;
}

export interface FixProposal {
  title: Localized;
  args?: MessageArgs;
  edits: OffsetEdit[];
  isPreferred?: boolean;
  kind?: 'quickfix' | 'refactor.rewrite';
}

export interface FixContext {
  doc: ParsedDocument;
  model: DefinitionModel;
  locale: Locale;
  /** The node the diagnostic was reported on (found again in the current tree). */
  node: Node;
  /** `Report.data` of the diagnostic. */
  data: Record<string, unknown>;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
  fix?(ctx: FixContext): FixProposal[];
}
