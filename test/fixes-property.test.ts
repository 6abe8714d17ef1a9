/**
 * The property every quick fix of every rule must have, over every invalid case we can
 * find (the project's fixtures, /work/shared/conformance when present, the real-world
 * corpus): applied alone, each fix offered for a diagnostic gives strict JSON (when the
 * document was), removes that diagnostic and adds no error. Fix-all (one round, as the
 * editor applies it on save) has the same property for the document as a whole.
 *
 * Prints the share of error diagnostics that have a fix, and the rules whose errors
 * have none.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import { analyze, type Analysis, type Problem } from '../server/src/service/analyze';
import { fixesFor, safeFixes } from '../server/src/service/codeActions';
import { problemMessage } from '../server/src/service/diagnostics';
import { parseDocument } from '../server/src/service/document';
import { applyEdits } from '../server/src/service/edits';
import { t } from '../server/src/service/l10n';
import { ruleById } from '../server/src/service/rules/registry';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';
import { ROOT } from './lsp';

const settings = DEFAULT_SETTINGS;
const CONFORMANCE = process.env.MARATHON_CONFORMANCE ?? '/work/shared/conformance';
const CORPUS = process.env.MARATHON_CORPUS ?? '/work/shared/corpus/real-world';
/** Documents this large are checked on a sample of their fixes (each check analyses the document again). */
const LARGE = 200_000;

interface Case {
  name: string;
  uri: string;
  text: string;
}

function filesUnder(dir: string, re: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => re.test(f) && fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

function cases(): Case[] {
  const out: Case[] = [];
  const fixtures = path.join(ROOT, 'test', 'fixtures');
  for (const f of filesUnder(fixtures, /\.json(\.mustache)?$/))
    out.push({
      name: `fixtures/${f}`,
      uri: `file:///fixtures/${f}`,
      text: fs.readFileSync(path.join(fixtures, f), 'utf8'),
    });
  const manifest = path.join(CONFORMANCE, 'cases.json');
  if (fs.existsSync(manifest))
    for (const c of JSON.parse(fs.readFileSync(manifest, 'utf8')) as { file: string; expect: string }[])
      if (c.expect === 'invalid')
        out.push({
          name: `conformance/${c.file}`,
          uri: `file:///conformance/${c.file}`,
          text: fs.readFileSync(path.join(CONFORMANCE, c.file), 'utf8'),
        });
  for (const f of filesUnder(CORPUS, /\.json(\.mustache)?$/))
    out.push({
      name: `corpus/${f}`,
      uri: `file:///corpus/${f}`,
      text: fs.readFileSync(path.join(CORPUS, f), 'utf8'),
    });
  return out;
}

const strict = (text: string) => {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  return errors.length === 0;
};

function lintText(uri: string, text: string, version = 1): Analysis {
  return analyze(parseDocument(uri, version, text, settings.limits), settings);
}

/** A problem as a user sees it: rule and message (positions move when a fix edits above). */
const key = (p: Problem) => `${p.rule}: ${problemMessage(p, 'en')}`;
const errorKeys = (a: Analysis) => a.problems.filter((p) => p.severity === 'error').map(key);

/** The errors of `after` that `before` did not have (as a multiset), ignoring one `fixed` occurrence. */
function newErrors(before: Analysis, after: Analysis): string[] {
  const left = errorKeys(before);
  const added: string[] = [];
  for (const e of errorKeys(after)) {
    const i = left.indexOf(e);
    if (i >= 0) left.splice(i, 1);
    else added.push(e);
  }
  return added;
}

interface Failure {
  rule: string;
  fix: string;
  /** The fix title before its arguments are filled in. */
  template: string;
  name: string;
  why: string;
  size: number;
  text: string;
}

const all = cases();
const failures: Failure[] = [];
let errorsSeen = 0;
let errorsWithFix = 0;
/** The same, for the conformance cases alone (what /work/shared/tools/lsp/quickfix.mjs measures). */
let conformanceErrors = 0;
let conformanceWithFix = 0;
let fixesTried = 0;
/** Per rule: its errors, and those with a fix. */
const perRule = new Map<string, { errors: number; fixed: number }>();
const fixAllFailures: string[] = [];
/** Every rule that offered a fix somewhere, so that each has its own test, passing or not. */
const rulesWithFixes = new Set<string>();

for (const c of all) {
  const before = lintText(c.uri, c.text);
  if (!before.problems.length) continue;
  const wasStrict = strict(c.text);
  const large = c.text.length > LARGE;
  const tried = new Map<string, number>();
  for (const problem of before.problems) {
    const fixes = fixesFor(before, problem, settings, 'en').filter((f) => f.edits.length);
    if (fixes.length) rulesWithFixes.add(problem.rule);
    if (problem.severity === 'error') {
      errorsSeen++;
      if (fixes.length) errorsWithFix++;
      if (c.name.startsWith('conformance/')) {
        conformanceErrors++;
        if (fixes.length) conformanceWithFix++;
      }
      const share = perRule.get(problem.rule) ?? { errors: 0, fixed: 0 };
      share.errors++;
      if (fixes.length) share.fixed++;
      perRule.set(problem.rule, share);
    }
    for (const fix of fixes) {
      const template = ruleById(problem.rule)?.meta.fixes?.[fix.title] ?? fix.title;
      const title = t('en', template, fix.args);
      const sample = `${problem.rule}\u0000${template}`;
      if (large && (tried.get(sample) ?? 0) >= 3) continue;
      tried.set(sample, (tried.get(sample) ?? 0) + 1);
      fixesTried++;
      const fail = (why: string) =>
        failures.push({
          rule: problem.rule,
          fix: title,
          template,
          name: c.name,
          why,
          size: c.text.length,
          text: c.text,
        });
      let fixed: string;
      try {
        fixed = applyEdits(c.text, fix.edits);
      } catch (e) {
        fail(`the edits overlap (${(e as Error).message})`);
        continue;
      }
      if (wasStrict && !strict(fixed)) {
        fail('the result is not strict JSON');
        continue;
      }
      const after = lintText(c.uri, fixed, 2);
      const count = (a: Analysis) => a.problems.filter((p) => key(p) === key(problem)).length;
      if (count(after) >= count(before)) fail(`the diagnostic is still there: ${key(problem)}`);
      const added = newErrors(before, after);
      if (added.length) fail(`new errors: ${added.join(' | ')}`);
    }
  }
  // Fix-all, one round as on save: the same property for the whole document.
  const { edits } = safeFixes(before, settings, 'en');
  if (edits.length) {
    const fixed = applyEdits(c.text, edits);
    if (wasStrict && !strict(fixed))
      fixAllFailures.push(`${c.name}: fix-all gives text that is not strict JSON`);
    else {
      const added = newErrors(before, lintText(c.uri, fixed, 2));
      if (added.length) fixAllFailures.push(`${c.name}: fix-all adds ${added.join(' | ')}`);
    }
  }
}

/** The smallest failing document for each rule and fix, as a report for its owner. */
function byRuleAndFix(): Failure[] {
  const best = new Map<string, Failure>();
  for (const f of failures) {
    const k = `${f.rule}\u0000${f.template}\u0000${f.why.replace(/:.*$/s, '')}`;
    const b = best.get(k);
    if (!b || f.size < b.size) best.set(k, f);
  }
  return [...best.values()].sort((a, b) => a.rule.localeCompare(b.rule) || a.fix.localeCompare(b.fix));
}

describe('every quick fix: strict JSON, its diagnostic gone, no new error', () => {
  test('the cases', () => {
    const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '0.0');
    console.log(
      `# ${all.length} documents; ${fixesTried} fixes tried; errors with a fix ${errorsWithFix}/${errorsSeen} = ` +
        `${pct(errorsWithFix, errorsSeen)}%; in the conformance cases ${conformanceWithFix}/${conformanceErrors} = ` +
        `${pct(conformanceWithFix, conformanceErrors)}%`,
    );
    const rows = [...perRule].sort(
      (a, b) => b[1].errors - b[1].fixed - (a[1].errors - a[1].fixed) || a[0].localeCompare(b[0]),
    );
    console.log(
      `# errors with a fix, per rule: ${rows.map(([r, s]) => `${r} ${s.fixed}/${s.errors}`).join(', ')}`,
    );
    console.log(
      `# rules whose errors have no fix: ${rows
        .filter(([, s]) => s.fixed === 0)
        .map(([r, s]) => `${r} (${s.errors})`)
        .join(', ')}`,
    );
    assert.ok(all.length > 0);
    assert.ok(errorsSeen > 0);
  });

  const rules = [...new Set(failures.map((f) => f.rule))].sort();
  for (const rule of [...new Set([...rules, ...rulesWithFixes])].sort())
    test(`fixes of ${rule}`, () => {
      const mine = byRuleAndFix().filter((f) => f.rule === rule);
      assert.deepEqual(
        mine.map((f) => `"${f.fix}" on ${f.name}: ${f.why}\n${f.size < 2000 ? f.text : '(large document)'}`),
        [],
      );
    });

  test('fix-all, one round as on save', () => {
    assert.deepEqual(fixAllFailures, []);
  });
});
