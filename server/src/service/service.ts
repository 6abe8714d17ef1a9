/**
 * The language service: everything the editor and the CLI ask about Marathon
 * documents, with no protocol connection and no VS Code. One parse and one analysis
 * per document version (and settings / workspace generation); every feature reads
 * from those.
 */
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  Position,
  Range,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analysisSteps,
  analyze,
  documentModel,
  type Analysis,
  type AnalysisProgress,
  type UnitCache,
  UNITS_PER_STEP,
} from './analyze';
import { fixAllAction, FIX_ALL_KIND, quickFixes, refactorActions } from './codeActions';
import { complete } from './completion';
import { toDiagnostics } from './diagnostics';
import { parseDocument, type ParsedDocument } from './document';
import { documentHead, type DocumentHead } from './head';
import { FIX_BUDGET_MS, withFixBudget } from './fixCheck';
import { detect } from './detect';
import { hover } from './hover';
import type { DefinitionModel } from './model';
import { reparseDocument, type TextChange } from './incremental';
import type { Locale } from './l10n';
import { definition, prepareRename, references, rename } from './navigation';
import { DEFAULT_SETTINGS, type MarathonSettings } from './settings';
import { documentSymbols } from './symbols';
import { EMPTY_WORKSPACE, type WorkspaceView } from './workspace';

/** A document's head: its first 50 apps and pods (one analysis step), at most about 256 KB, a quarter of it at most. */
const HEAD = { units: UNITS_PER_STEP, maxChars: 256 * 1024, minRatio: 4 };

export interface ServiceOptions {
  settings?: MarathonSettings;
  locale?: Locale;
  workspace?: WorkspaceView & { generation?: number };
}

interface Entry {
  doc: ParsedDocument;
  analysis?: Analysis;
  /** settings generation + workspace generation the analysis was made for. */
  analysisKey?: string;
  /** The unit results of the latest analysis of this URI (any version), reused by the next. */
  units?: UnitCache;
}

export interface DocumentOptions {
  /** The editor's text document (its line index is maintained incrementally). */
  lines?: TextDocument;
  /** The edit from version `base` to this one, when the caller knows it. */
  change?: TextChange;
  base?: number;
}

export class MarathonService {
  private settingsValue: MarathonSettings;
  private settingsGeneration = 0;
  locale: Locale;
  /** The client inserts completion snippets (LSP `completionItem.snippetSupport`). */
  snippetSupport = true;
  workspace: WorkspaceView & { generation?: number };
  private readonly entries = new Map<string, Entry>();
  /** The unit results of a head analysis (see `headDiagnostics`), for the first entry of its URI. */
  private readonly heads = new Map<string, UnitCache>();

  constructor(options: ServiceOptions = {}) {
    this.settingsValue = options.settings ?? DEFAULT_SETTINGS;
    this.locale = options.locale ?? 'en';
    this.workspace = options.workspace ?? EMPTY_WORKSPACE;
  }

  get settings(): MarathonSettings {
    return this.settingsValue;
  }

  set settings(s: MarathonSettings) {
    this.settingsValue = s;
    this.settingsGeneration++;
    // Limits apply at parse time: parse again on next use (the document keeps its line index).
    for (const [uri, e] of this.entries) this.entries.set(uri, { doc: this.reparse(e.doc) });
    this.heads.clear();
  }

  /**
   * The parsed document for this version of the text (parsed once per version; after an
   * edit of a known span, only the innermost container around it is parsed again).
   */
  document(uri: string, version: number, text: string, options: DocumentOptions = {}): ParsedDocument {
    const e = this.entries.get(uri);
    if (e && e.doc.version === version && e.doc.text === text) return e.doc;
    const limits = this.settingsValue.limits;
    const doc =
      e && options.change && options.base === e.doc.version
        ? reparseDocument(e.doc, version, text, options.change, limits, options.lines)
        : parseDocument(uri, version, text, limits, options.lines);
    this.entries.set(uri, { doc, units: e?.units ?? this.heads.get(uri) });
    this.heads.delete(uri);
    return doc;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
    this.heads.delete(uri);
  }

  /**
   * The head of a large document (its first apps and pods, see head.ts), when analysing
   * it first is worth it: undefined for documents that are small, past the size limit,
   * or not made of apps and pods.
   */
  documentHead(text: string): DocumentHead | undefined {
    if (text.length > this.settingsValue.limits.maxDocumentSize) return undefined;
    return documentHead(text, HEAD);
  }

  /**
   * The diagnostics of the apps and pods in a document's head, found before the whole
   * document is parsed: the editor shows them at once. Document-wide and cross-file
   * rules wait for the whole document. Undefined when the head says nothing reliable
   * (not strict JSON, a template, not a Marathon definition). The apps checked here are
   * not checked again by the analysis of the whole document.
   */
  headDiagnostics(
    uri: string,
    version: number,
    head: DocumentHead,
    lines?: TextDocument,
  ): Diagnostic[] | undefined {
    const doc = parseDocument(uri, version, head.text, this.settingsValue.limits, lines);
    if (!doc.tree || doc.syntaxErrors.length || doc.limit || doc.template) return undefined;
    const analysis = analyze(doc, this.settingsValue, this.workspace, false, undefined, 'units');
    const model = analysis.model;
    if (!model) return undefined;
    // A group around the last apps has its id after them: only ids written absolute mean
    // in the head what they mean in the whole document.
    const absolute = (v: { id: string | undefined }) => v.id === undefined || v.id.startsWith('/');
    if (
      !head.ancestorsIdentified &&
      !(
        model.apps.every(absolute) &&
        model.pods.every(absolute) &&
        model.groups.every((g) => !g.parent || absolute(g))
      )
    )
      return undefined;
    if (!this.entries.has(uri)) this.heads.set(uri, analysis.units);
    // The closing brackets added after the head are not the document's.
    const problems = analysis.problems.filter((p) => p.offset + p.length <= head.end);
    return toDiagnostics({ ...analysis, problems }, this.locale);
  }

  /** The analysis of a document (cached for its version, the settings and the workspace). */
  analysis(doc: ParsedDocument): Analysis {
    const key = `${this.settingsGeneration}:${this.workspace.generation ?? 0}`;
    let e = this.entries.get(doc.uri);
    if (!e || e.doc !== doc) {
      e = { doc, units: e?.units };
      this.entries.set(doc.uri, e);
    }
    if (!e.analysis || e.analysisKey !== key) {
      e.analysis = analyze(doc, this.settingsValue, this.workspace, false, e.units);
      e.analysisKey = key;
      e.units = e.analysis.units;
    }
    return e.analysis;
  }

  /**
   * The typed model of a document without its analysis (cheap: for the cross-file
   * index, which must see a document before its possibly long analysis runs).
   */
  model(doc: ParsedDocument): DefinitionModel | undefined {
    const e = this.entries.get(doc.uri);
    if (e?.doc === doc && e.analysis) return e.analysis.model;
    if (!doc.tree || doc.limit) return undefined;
    const kind = detect(doc.uri, doc.tree, this.settingsValue, doc.template);
    return kind.kind && kind.reason !== 'excluded' ? documentModel(doc, kind.kind) : undefined;
  }

  /** True when the document is a Marathon definition this service analyses. */
  isMarathon(doc: ParsedDocument): boolean {
    const a = this.analysis(doc);
    return a.detection.kind !== undefined;
  }

  diagnostics(doc: ParsedDocument): Diagnostic[] {
    return toDiagnostics(this.analysis(doc), this.locale);
  }

  /**
   * The diagnostics of a document in steps (see `analysisSteps`): yields after each step
   * a function that makes the diagnostics found so far (only a caller that publishes
   * them pays for the conversion), returns all of them. `progress` counts the apps and
   * pods looked at. The complete analysis is cached as `analysis()` would cache it; when
   * the caller abandons the steps (`return()`), the apps already checked are kept for
   * the next analysis.
   */
  *diagnosticsInSteps(
    doc: ParsedDocument,
    progress: AnalysisProgress = {},
  ): Generator<() => Diagnostic[], Diagnostic[]> {
    const key = `${this.settingsGeneration}:${this.workspace.generation ?? 0}`;
    let e = this.entries.get(doc.uri);
    if (!e || e.doc !== doc) {
      e = { doc, units: e?.units };
      this.entries.set(doc.uri, e);
    }
    if (e.analysis && e.analysisKey === key) return toDiagnostics(e.analysis, this.locale);
    const steps = analysisSteps(doc, this.settingsValue, this.workspace, false, e.units, progress);
    let done = false;
    try {
      for (;;) {
        const r = steps.next();
        if (r.done) {
          done = true;
          e.analysis = r.value;
          e.analysisKey = key;
          e.units = r.value.units;
          return toDiagnostics(r.value, this.locale);
        }
        const sofar = r.value;
        yield () => toDiagnostics({ ...partialOf(doc), problems: sofar() }, this.locale);
      }
    } finally {
      // Abandoned: what was checked so far is still right for those apps' texts, and is
      // kept (beside the older results) for the next analysis of this URI.
      const current = this.entries.get(doc.uri);
      if (!done && current && progress.units) {
        const older = current.units;
        if (older?.settings === progress.units.settings)
          for (const [text, list] of older.byText)
            if (!progress.units.byText.has(text)) progress.units.byText.set(text, list);
        current.units = progress.units;
      }
    }
  }

  codeActions(doc: ParsedDocument, range: Range, diagnostics: Diagnostic[], only?: string[]): CodeAction[] {
    // Verifying fixes analyses their results: one request has a time budget for it.
    return withFixBudget(FIX_BUDGET_MS, () => this.codeActionsNow(doc, range, diagnostics, only));
  }

  private codeActionsNow(
    doc: ParsedDocument,
    range: Range,
    diagnostics: Diagnostic[],
    only?: string[],
  ): CodeAction[] {
    const analysis = this.analysis(doc);
    if (!analysis.model && !analysis.problems.length) return [];
    const wants = (kind: string) =>
      !only?.length || only.some((o) => kind === o || kind.startsWith(o + '.') || o === '');
    const out: CodeAction[] = [];
    if (wants('quickfix')) {
      // The diagnostics the client passes are those it shows at the range. A client whose
      // view lags behind the server (VS Code's workbench gets them after its extension
      // host) may pass none: the problems of this version at the range stand in for them.
      const ours = diagnostics.filter((d) => d?.source === 'marathon');
      let at = ours;
      if (!ours.length) {
        const start = doc.lines.offsetAt(range.start);
        const end = doc.lines.offsetAt(range.end);
        const problems = analysis.problems.filter((p) => p.offset <= end && start <= p.offset + p.length);
        at = problems.length ? toDiagnostics({ ...analysis, problems }, this.locale) : [];
      }
      out.push(...quickFixes(analysis, range, at, this.settingsValue, this.locale));
    }
    if (wants('refactor.rewrite'))
      out.push(...refactorActions(analysis, range, this.settingsValue, this.locale));
    if (
      only?.some(
        (o) =>
          FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(o + '.') || o === 'source' || o === 'source.fixAll',
      )
    ) {
      const all = fixAllAction(analysis, this.settingsValue, this.locale);
      if (all) out.push(all);
    }
    return out;
  }

  completion(doc: ParsedDocument, position: Position): CompletionList {
    const analysis = this.analysis(doc);
    // An empty file matched by `marathon.files` has no kind yet: it gets the templates.
    if (!analysis.detection.kind && analysis.detection.reason !== 'glob')
      return { isIncomplete: false, items: [] };
    return complete(
      analysis,
      doc.lines.offsetAt(position),
      this.locale,
      this.settingsValue,
      this.snippetSupport,
    );
  }

  hover(doc: ParsedDocument, position: Position): Hover | null {
    const analysis = this.analysis(doc);
    if (!analysis.detection.kind) return null;
    return hover(analysis, doc.lines.offsetAt(position), this.locale, this.settingsValue);
  }

  documentSymbols(doc: ParsedDocument): DocumentSymbol[] {
    const analysis = this.analysis(doc);
    if (!analysis.model) return [];
    return documentSymbols(analysis, this.locale);
  }

  definition(doc: ParsedDocument, position: Position): Location[] {
    const analysis = this.analysis(doc);
    return analysis.model ? definition(analysis, doc.lines.offsetAt(position)) : [];
  }

  references(doc: ParsedDocument, position: Position, includeDeclaration: boolean): Location[] {
    const analysis = this.analysis(doc);
    return analysis.model ? references(analysis, doc.lines.offsetAt(position), includeDeclaration) : [];
  }

  prepareRename(doc: ParsedDocument, position: Position): Range | null {
    const analysis = this.analysis(doc);
    return analysis.model ? prepareRename(analysis, doc.lines.offsetAt(position)) : null;
  }

  rename(doc: ParsedDocument, position: Position, newName: string): WorkspaceEdit | null {
    const analysis = this.analysis(doc);
    return analysis.model ? rename(analysis, doc.lines.offsetAt(position), newName) : null;
  }

  private reparse(doc: ParsedDocument): ParsedDocument {
    return parseDocument(doc.uri, doc.version, doc.text, this.settingsValue.limits, doc.lines);
  }
}

/** The frame of a partial analysis (enough to turn problems into diagnostics). */
function partialOf(doc: ParsedDocument): Omit<Analysis, 'problems'> {
  return {
    doc,
    detection: { kind: undefined, reason: 'none' },
    model: undefined,
    units: { settings: '', byText: new Map() },
  };
}
