/**
 * Document-level problems: JSON syntax, duplicate keys, documents past the size or
 * depth limits, and templates whose placeholders were masked before analysis.
 */
import { printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { placeholderAt, renderedTogether, type ParsedDocument } from '../document';
import { defineRule } from './types';

/** At most this many syntax errors are reported one by one. */
const MAX_SYNTAX_ERRORS = 100;

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid character: this is not JSON.',
  InvalidNumberFormat: 'Invalid number.',
  PropertyNameExpected: 'A property name in double quotes is expected here.',
  ValueExpected: 'A value is expected here.',
  ColonExpected: 'A colon is expected after the property name.',
  CommaExpected: 'A comma is expected between items.',
  CloseBraceExpected: 'A closing brace "}" is expected.',
  CloseBracketExpected: 'A closing bracket "]" is expected.',
  EndOfFileExpected: 'Unexpected text after the end of the JSON value.',
  InvalidCommentToken: 'Comments are not allowed in JSON: Marathon rejects the file.',
  UnexpectedEndOfComment: 'The comment is not closed.',
  UnexpectedEndOfString: 'The string is not closed.',
  UnexpectedEndOfNumber: 'The number is incomplete.',
  InvalidUnicode: 'Invalid unicode escape sequence.',
  InvalidEscapeCharacter: 'Invalid escape character in a string.',
  InvalidCharacter: 'Invalid character in a string (control characters must be escaped).',
};

export const documentRule = defineRule({
  meta: {
    id: 'document',
    family: 'json',
    severity: 'error',
    marathon: ['P1'],
    title: 'The document is valid JSON within the analysis limits',
    docs:
      'Marathon answers a document that is not strict JSON with `Invalid JSON` and reads nothing of it. ' +
      'Comments and trailing commas are not allowed. Documents past the configured size or nesting limits ' +
      '(`marathon.limits`) are not analysed, and a document with a string longer than ' +
      '`marathon.limits.maxStringLength` is checked for syntax only, so that the editor stays responsive; ' +
      'a binary file gets one error, not one per byte, and at most `marathon.limits.maxProblems` diagnostics ' +
      'are shown per document. Template files have their `{{placeholders}}` masked before analysis.',
    messages: {
      ...Object.fromEntries(Object.values(SYNTAX_MESSAGES).map((m) => [m, m])),
      trailingComma: 'Trailing comma: Marathon accepts only strict JSON.',
      tooLarge:
        'This document has {actual} characters, more than the {max} that marathon.limits.maxDocumentSize allows: it is not analysed.',
      tooDeep:
        'This document nests deeper than {max} levels (marathon.limits.maxNestingDepth): it is not analysed.',
      tooLongString:
        'This string has {actual} characters, more than the {max} that marathon.limits.maxStringLength allows: only the JSON syntax of this document is checked.',
      tooManyProblems:
        '{count} more problems are not shown (marathon.limits.maxProblems is {max}): fix the ones shown first.',
      moreSyntaxErrors:
        '{count} more syntax errors are not shown: fix the first ones, the others often follow from them.',
      binary: 'This file contains NUL characters: it is binary, not JSON text, and Marathon cannot read it.',
      template: 'Template file: its {count} placeholders are not checked; the rest of the definition is.',
      templateInverted:
        'Template file: its {count} placeholders are not checked, nor what its inverted sections ({{^...}}) render; the rest is checked as rendered with every section switched on.',
      templateSeam:
        'Two template sections meet here without a comma between them: the rendered file is valid JSON only if the package never renders both sections.',
    },
    fixes: {
      removeTrailingComma: 'Remove the trailing comma',
      insertComma: 'Insert the missing comma',
      removeComment: 'Remove the comment',
    },
  },
  document(ctx) {
    const { doc } = ctx;
    if (doc.limit?.kind === 'string') {
      // Parsed, but checked for syntax only (see parseDocument): say so on the string.
      ctx.report({
        offset: doc.limit.offset ?? 0,
        length: doc.limit.actual,
        message: 'tooLongString',
        args: { actual: doc.limit.actual, max: doc.limit.max },
        severity: 'information',
      });
    } else if (doc.limit?.kind === 'binary') {
      // Not parsed (it would give a syntax error every few bytes): one error says what it is.
      ctx.report({ offset: doc.limit.offset ?? 0, length: 1, message: 'binary' });
      return;
    } else if (doc.limit) {
      ctx.report({
        offset: 0,
        length: 0,
        message: doc.limit.kind === 'size' ? 'tooLarge' : 'tooDeep',
        args: { actual: doc.limit.actual, max: doc.limit.max },
        severity: 'information',
      });
      return;
    }
    let shown = 0;
    for (const e of doc.syntaxErrors) {
      if (shown++ === MAX_SYNTAX_ERRORS) {
        ctx.report({
          offset: e.offset,
          length: Math.max(e.length, 1),
          message: 'moreSyntaxErrors',
          args: { count: doc.syntaxErrors.length - MAX_SYNTAX_ERRORS },
          severity: 'information',
        });
        break;
      }
      // Two template sections that meet without a comma: valid when the package never renders both.
      if (doc.template && printParseErrorCode(e.error) === 'CommaExpected') {
        const before = previousOutsideTags(doc, e.offset);
        if (before >= 0 && !renderedTogether(doc, before, e.offset)) {
          ctx.report({
            offset: e.offset,
            length: Math.max(e.length, 1),
            message: 'templateSeam',
            severity: 'information',
          });
          continue;
        }
      }
      reportSyntax(ctx.report, e, doc.text);
    }
    if (doc.template) {
      const first = doc.text.indexOf('{{');
      const end = first >= 0 ? doc.text.indexOf('}}', first) : -1;
      ctx.report({
        offset: Math.max(0, first),
        length: first >= 0 && end > first ? end + 2 - first : 0,
        // Inverted sections are blanked (see parseDocument): say that their content is not checked.
        message: doc.placeholders.some(([s, e]) => /^\{\{\s*\^/.test(doc.text.slice(s, e)))
          ? 'templateInverted'
          : 'template',
        args: { count: doc.text.split('{{').length - 1 },
        severity: 'information',
      });
    }
  },
  fix(ctx) {
    const at = Number(ctx.data.at);
    const text = ctx.doc.text;
    if (ctx.message === SYNTAX_MESSAGES.CommaExpected && Number.isInteger(at)) {
      // Two items that meet without a comma: one goes right after the first.
      const prev = previousSignificant(text, at);
      if (prev < 0 || !/["}\]\deul]/.test(text[prev])) return [];
      const edits = [{ offset: prev + 1, length: 0, content: ',' }];
      return ctx.verify(edits) ? [{ title: 'insertComma', edits, isPreferred: true }] : [];
    }
    if (ctx.message === SYNTAX_MESSAGES.InvalidCommentToken && Number.isInteger(at)) {
      // The comment, with the blanks before it; its whole line when nothing else is on it.
      const end = at + Number(ctx.data.length);
      if (!(end > at) || text[at] !== '/') return [];
      let start = at;
      while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
      let stop = end;
      if (start === 0 || text[start - 1] === '\n') {
        while (stop < text.length && (text[stop] === ' ' || text[stop] === '\t')) stop++;
        if (text.startsWith('\r\n', stop)) stop += 2;
        else if (text[stop] === '\n') stop++;
      }
      const edits = [{ offset: start, length: stop - start, content: '' }];
      return ctx.verify(edits) ? [{ title: 'removeComment', edits, isPreferred: true }] : [];
    }
    if (ctx.message !== 'trailingComma') return [];
    const offset = Number(ctx.data.comma);
    if (!Number.isInteger(offset) || ctx.doc.text[offset] !== ',') return [];
    return [
      {
        title: 'removeTrailingComma',
        edits: [{ offset, length: 1, content: '' }],
        isPreferred: true,
        safe: true,
      },
    ];
  },
});

type ReportFn = Parameters<NonNullable<(typeof documentRule)['document']>>[0]['report'];

function reportSyntax(report: ReportFn, e: ParseError, text: string): void {
  const code = printParseErrorCode(e.error);
  // A trailing comma shows up as "property name / value expected" right before a closing bracket.
  if (code === 'PropertyNameExpected' || code === 'ValueExpected') {
    const comma = previousSignificant(text, e.offset);
    if (comma >= 0 && text[comma] === ',' && (text[e.offset] === '}' || text[e.offset] === ']')) {
      report({ offset: comma, length: 1, message: 'trailingComma', data: { comma } });
      return;
    }
  }
  const message = SYNTAX_MESSAGES[code] ?? SYNTAX_MESSAGES.ValueExpected;
  report({
    offset: e.offset,
    length: Math.max(e.length, 1),
    message,
    data: { at: e.offset, length: e.length },
  });
}

/** The offset of the last character before `offset` that is neither blank nor part of a template tag. */
function previousOutsideTags(doc: ParsedDocument, offset: number): number {
  let i = offset - 1;
  for (;;) {
    while (i >= 0 && /\s/.test(doc.text[i])) i--;
    const tag = i >= 0 ? placeholderAt(doc, i) : undefined;
    if (!tag) return i;
    i = tag[0] - 1;
  }
}

function previousSignificant(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i;
}

/**
 * Duplicate keys, per app and pod (cached with their other unit results) and in the
 * rest of the document (group fields), never walking a unit twice.
 */
export const duplicateKeyRule = defineRule({
  meta: {
    id: 'duplicate-key',
    family: 'json',
    severity: 'warning',
    marathon: ['P1'],
    title: 'No key is written twice in one object',
    docs:
      'When an object has the same key twice, Marathon keeps only the last value and drops the first without a ' +
      'word, so an edit of the first one has no effect.',
    messages: { duplicateKey: 'Duplicate key "{key}": Marathon keeps only the last one.' },
    fixes: { removeFirst: 'Remove this "{key}" (Marathon uses the last one)' },
    local: true,
  },
  app: (app, ctx) => duplicateKeys(app.node, ctx.report, undefined, ctx.doc),
  pod: (pod, ctx) => duplicateKeys(pod.node, ctx.report, undefined, ctx.doc),
  document(ctx) {
    if (!ctx.doc.tree || !ctx.model) return;
    const units = new Set([...ctx.model.apps, ...ctx.model.pods].map((u) => u.node));
    if (!units.has(ctx.doc.tree)) duplicateKeys(ctx.doc.tree, ctx.report, units, ctx.doc);
  },
  fix(ctx) {
    // The path names both properties; the offset tells which one was reported.
    const obj = ctx.node.parent?.parent;
    const property = obj?.children?.find((p) => p.children?.[0]?.offset === ctx.data.at);
    if (!property || !obj) return [];
    return [
      {
        title: 'removeFirst',
        args: { key: String(ctx.data.key ?? '') },
        edits: [ctx.edit.removeMember(obj, property)],
        isPreferred: true,
        safe: true,
      },
    ];
  },
});

function duplicateKeys(root: Node, report: ReportFn, skip: Set<Node> | undefined, doc: ParsedDocument): void {
  // Iterative walk: documents may be deep.
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'object' && n.children && n.children.length > 1) {
      const seen = new Map<string, Node>();
      for (const p of n.children) {
        const k = p.children?.[0];
        if (!k || typeof k.value !== 'string') continue;
        const first = seen.get(k.value);
        // In a template, the two may sit in sections the package never renders together.
        if (first && renderedTogether(doc, first.offset, k.offset))
          report({
            node: first,
            message: 'duplicateKey',
            args: { key: k.value },
            data: { key: k.value, at: first.offset },
          });
        seen.set(k.value, k);
      }
    }
    if (n.children) for (const c of n.children) if (c.children && !skip?.has(c)) stack.push(c);
  }
}
