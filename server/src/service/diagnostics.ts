/**
 * Problems → LSP diagnostics, in the user's language: rule id as `code` with a link
 * to its documentation, `source`, exact range, related locations, tags, and the data
 * the rule's fixes need.
 */
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Position,
} from 'vscode-languageserver-types';
import type { Analysis, Problem } from './analyze';
import { t, type Locale } from './l10n';
import { ruleById } from './rules/registry';
import type { SeverityName } from './settings';

export const SOURCE = 'marathon';
export const DOCS_URL = 'https://github.com/marathon-vscode/marathon-vscode/blob/main/docs/rules.md';

const SEVERITY: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function ruleDocsUrl(id: string): string {
  return `${DOCS_URL}#${id}`;
}

/** The text of a problem's message in `locale`. */
export function problemMessage(problem: Pick<Problem, 'rule' | 'message' | 'args'>, locale: Locale): string {
  const template = ruleById(problem.rule)?.meta.messages[problem.message] ?? problem.message;
  return t(locale, template, problem.args);
}

/**
 * Positions in a document that was not parsed (past a size, depth or binary limit) are
 * found by counting the line breaks before them: its one diagnostic sits near the top,
 * and the editor's line index of a 20 MB text takes longer to build than anything else
 * the server does with it. Line breaks as the editor counts them: CRLF, LF, CR.
 */
function positionsOf(doc: Analysis['doc']): (offset: number) => Position {
  if (doc.tree || !doc.limit || doc.limit.kind === 'string') return (o) => doc.lines.positionAt(o);
  const text = doc.text;
  return (offset) => {
    const end = Math.max(0, Math.min(offset, text.length));
    let line = 0;
    let start = 0;
    for (let i = 0; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        if (c === 13 && text.charCodeAt(i + 1) === 10) {
          if (i + 1 >= end) break;
          i++;
        }
        line++;
        start = i + 1;
      }
    }
    return { line, character: end - start };
  };
}

export function toDiagnostics(analysis: Analysis, locale: Locale): Diagnostic[] {
  const { doc } = analysis;
  const positionAt = positionsOf(doc);
  return analysis.problems.map((p) => {
    const d: Diagnostic = {
      range: { start: positionAt(p.offset), end: positionAt(p.offset + p.length) },
      severity: SEVERITY[p.severity],
      code: p.rule,
      codeDescription: { href: ruleDocsUrl(p.rule) },
      source: SOURCE,
      message: problemMessage(p, locale),
      data: { ...p.data, rule: p.rule, message: p.message, version: doc.version },
    };
    if (p.tags.length)
      d.tags = p.tags.map((tag) =>
        tag === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary,
      );
    if (p.related.length) {
      const related: DiagnosticRelatedInformation[] = [];
      for (const r of p.related) {
        const message = t(locale, ruleById(p.rule)?.meta.messages[r.message] ?? r.message, r.args);
        if (r.offset !== undefined)
          related.push({
            location: {
              uri: doc.uri,
              range: {
                start: positionAt(r.offset),
                end: positionAt(r.offset + (r.length ?? 0)),
              },
            },
            message,
          });
        else if (r.uri && r.range) related.push({ location: { uri: r.uri, range: r.range }, message });
      }
      if (related.length) d.relatedInformation = related;
    }
    return d;
  });
}
