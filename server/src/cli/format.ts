/** Output formats of the CLI: stylish (for people), json, and SARIF 2.1.0 (for code scanning). */
import type { Diagnostic } from 'vscode-languageserver-types';
import { pathToFileURL } from 'node:url';
import { ruleDocsUrl } from '../service/diagnostics';
import { t, type Locale } from '../service/l10n';
import { RULES } from '../service/rules/registry';
import type { SeverityName } from '../service/settings';
import { CLI_MESSAGES } from './messages';

/** A fix `--fix` applied: the rule, the fix title and where the problem was when it was fixed. */
export interface AppliedFixReport {
  rule: string;
  title: string;
  line: number;
  column: number;
}

export interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
  /** With `--fix`: the fixes applied (the diagnostics are those of the fixed file). */
  fixed?: AppliedFixReport[];
}

const SEVERITY_NAMES: SeverityName[] = ['error', 'warning', 'information', 'hint'];

export function severityName(d: Diagnostic): SeverityName {
  return SEVERITY_NAMES[(d.severity ?? 1) - 1] ?? 'error';
}

export function counts(results: FileResult[]): {
  errors: number;
  warnings: number;
  infos: number;
  problems: number;
} {
  let errors = 0,
    warnings = 0,
    infos = 0;
  for (const r of results)
    for (const d of r.diagnostics) {
      const s = severityName(d);
      if (s === 'error') errors++;
      else if (s === 'warning') warnings++;
      else infos++;
    }
  return { errors, warnings, infos, problems: errors + warnings + infos };
}

export function stylish(results: FileResult[], locale: Locale, color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  for (const r of results) {
    if (r.fixed?.length) {
      lines.push(
        `${r.file}: ${t(locale, CLI_MESSAGES.fixed, { count: r.fixed.length, rules: [...new Set(r.fixed.map((f) => f.rule))].join(', ') })}`,
      );
      for (const f of r.fixed)
        lines.push(
          `  ${`${f.line}:${f.column}`.padEnd(8)} ${paint('32', '✓')} ${f.title}  ${paint('2', f.rule)}`,
        );
      lines.push('');
    }
    if (!r.diagnostics.length) continue;
    lines.push(paint('4', r.file));
    for (const d of r.diagnostics) {
      const sev = severityName(d);
      const label = t(locale, CLI_MESSAGES[sev]);
      const where = `${d.range.start.line + 1}:${d.range.start.character + 1}`;
      const sevText =
        sev === 'error' ? paint('31', label) : sev === 'warning' ? paint('33', label) : paint('36', label);
      lines.push(
        `  ${where.padEnd(8)} ${sevText.padEnd(color ? 16 : 7)} ${d.message}  ${paint('2', String(d.code ?? ''))}`,
      );
    }
    lines.push('');
  }
  const c = counts(results);
  if (c.problems) lines.push(t(locale, CLI_MESSAGES.summary, c));
  else lines.push(t(locale, CLI_MESSAGES.clean, { files: results.length }));
  const fixing = results.some((r) => r.fixed !== undefined);
  if (fixing && c.problems) lines.push(t(locale, CLI_MESSAGES.unfixed, { count: c.problems }));
  return lines.join('\n');
}

export function json(results: FileResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
      file: r.file,
      fixed: r.fixed ?? [],
      problems: r.diagnostics.map((d) => ({
        rule: d.code,
        severity: severityName(d),
        message: d.message,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
      })),
    })),
    null,
    2,
  );
}

const SARIF_LEVEL: Record<SeverityName, string> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

export function sarif(results: FileResult[], locale: Locale, version: string): string {
  const used = new Set(results.flatMap((r) => r.diagnostics.map((d) => String(d.code))));
  const rules = RULES.filter((r) => used.has(r.meta.id));
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'marathon-lint',
            version,
            informationUri: 'https://github.com/marathon-vscode/marathon-vscode',
            rules: rules.map((r) => ({
              id: r.meta.id,
              shortDescription: { text: t(locale, r.meta.title) },
              fullDescription: { text: t(locale, r.meta.docs) },
              helpUri: ruleDocsUrl(r.meta.id),
              defaultConfiguration: { level: SARIF_LEVEL[r.meta.severity] },
              properties: { marathonRules: r.meta.marathon },
            })),
          },
        },
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: String(d.code),
            ruleIndex: index.get(String(d.code)),
            level: SARIF_LEVEL[severityName(d)],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: relativeUri(r.file) },
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function relativeUri(file: string): string {
  return file.startsWith('/') ? pathToFileURL(file).href : file.split('\\').join('/');
}
