/**
 * The five layouts every fix is tested in (two spaces, four spaces, tabs, minified,
 * CRLF), and an assertion that a fix gives exactly the expected document in each of
 * them: strict JSON, the expected value, and the layout of the input kept byte for
 * byte (scalar arrays stay on one line, as people write them).
 */
import assert from 'node:assert/strict';
import { parse, type ParseError } from 'jsonc-parser';
import { applyFix, lint, type LintOptions } from './helpers';

export interface Style {
  name: string;
  indent: string;
  eol: string;
  /** Everything on one line. */
  minified?: boolean;
}

export const STYLES: Style[] = [
  { name: '2 spaces', indent: '  ', eol: '\n' },
  { name: '4 spaces', indent: '    ', eol: '\n' },
  { name: 'tabs', indent: '\t', eol: '\n' },
  { name: 'minified', indent: '', eol: '', minified: true },
  { name: 'CRLF', indent: '  ', eol: '\r\n' },
];

/** `value` laid out in `style` (objects and arrays of objects one item per line, scalar arrays inline). */
export function formatLike(value: unknown, style: Style): string {
  if (style.minified) return JSON.stringify(value);
  const write = (v: unknown, level: string): string => {
    if (Array.isArray(v)) {
      if (!v.length) return '[]';
      if (v.every((x) => x === null || typeof x !== 'object'))
        return '[' + v.map((x) => JSON.stringify(x)).join(', ') + ']';
      const inner = level + style.indent;
      return (
        '[' +
        style.eol +
        v.map((x) => inner + write(x, inner)).join(',' + style.eol) +
        style.eol +
        level +
        ']'
      );
    }
    if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      if (!entries.length) return '{}';
      const inner = level + style.indent;
      return (
        '{' +
        style.eol +
        entries.map(([k, x]) => inner + JSON.stringify(k) + ': ' + write(x, inner)).join(',' + style.eol) +
        style.eol +
        level +
        '}'
      );
    }
    return JSON.stringify(v);
  };
  return write(value, '') + style.eol;
}

export function strictParse(text: string): unknown {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  assert.deepEqual(errors, [], 'the fixed text is not strict JSON');
  return value;
}

/**
 * Applies the fix of `rule` (see `applyFix` for picking one) to `input` in every style and
 * asserts the result is exactly `expected` in that style, and that the rule no longer
 * reports there. Returns the fixed texts by style name.
 */
export function assertFixAcrossFormats(
  input: unknown,
  rule: string,
  expected: unknown,
  options: LintOptions & { title?: string | RegExp; index?: number; styles?: Style[] } = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const style of options.styles ?? STYLES) {
    const text = formatLike(input, style);
    const fixed = applyFix(text, rule, options);
    strictParse(fixed);
    assert.equal(fixed, formatLike(expected, style), `fix of ${rule} in ${style.name}`);
    const after = lint(fixed, options).problems.filter((p) => p.rule === rule);
    const before = lint(text, options).problems.filter((p) => p.rule === rule);
    assert.ok(after.length < before.length, `${rule} still reported after its fix (${style.name})`);
    out[style.name] = fixed;
  }
  return out;
}
