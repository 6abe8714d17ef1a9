/**
 * Parsing: one jsonc-parser tree per document version, with the facts every later
 * step needs (syntax errors, template placeholders, size and depth limits).
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LimitSettings } from './settings';

export interface ParsedDocument {
  uri: string;
  version: number;
  text: string;
  /** Offsets ↔ positions. */
  lines: TextDocument;
  /** The syntax tree (undefined for empty text or when a limit was exceeded). */
  tree: Node | undefined;
  syntaxErrors: ParseError[];
  /** A template (`*.mustache`, `{{placeholders}}`): placeholders are masked before parsing. */
  template: boolean;
  /** [start, end) offsets of masked placeholders. */
  placeholders: [number, number][];
  /** Set when the document was not analysed because it exceeds a limit. */
  limit?: { kind: 'size' | 'depth'; actual: number; max: number };
}

const TEMPLATE_FILE = /\.(mustache|tmpl|tpl|j2|jinja2?|template)$/i;

/**
 * Parses a document. `lines` is the editor's own text document when there is one (its
 * line index is kept up to date incrementally); otherwise one is made from `text`.
 */
export function parseDocument(
  uri: string,
  version: number,
  text: string,
  limits: LimitSettings,
  lines: TextDocument = TextDocument.create(uri, 'json', version, text),
): ParsedDocument {
  // A BOM is not part of the JSON text; keep offsets by replacing it with a space.
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const base = { uri, version, text, lines, syntaxErrors: [], placeholders: [], tree: undefined };
  if (source.length > limits.maxDocumentSize) {
    return {
      ...base,
      template: false,
      limit: { kind: 'size', actual: source.length, max: limits.maxDocumentSize },
    };
  }
  const depth = maxDepth(source, limits.maxNestingDepth);
  if (depth > limits.maxNestingDepth) {
    return { ...base, template: false, limit: { kind: 'depth', actual: depth, max: limits.maxNestingDepth } };
  }
  const placeholders = findPlaceholders(source);
  const template = TEMPLATE_FILE.test(uri) || placeholders.length > 0;
  const parsedText = placeholders.length ? mask(source, placeholders) : source;
  const syntaxErrors: ParseError[] = [];
  const tree = parseTree(parsedText, syntaxErrors, { disallowComments: true, allowTrailingComma: false });
  return { ...base, tree, syntaxErrors, template, placeholders };
}

/**
 * The nesting depth of the text, stopping early once `stop` is exceeded (so a
 * 100,000-deep document costs one linear scan and never reaches the recursive parser).
 */
export function maxDepth(text: string, stop: number): number {
  // A character loop (several times faster than the tokenizer): brackets count outside
  // strings and comments; a string ends at its closing quote or, unclosed, at a line end,
  // as the JSON scanner ends it.
  let depth = 0;
  let max = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34 || d === 10 || d === 13) break;
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) {
        max = depth;
        if (max > stop) return max;
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (depth > 0) depth--;
    } else if (c === 47 /* / */) {
      const next = text.charCodeAt(i + 1);
      if (next === 47) {
        while (i < n && text.charCodeAt(i) !== 10) i++;
      } else if (next === 42 /* * */) {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? n : end + 1;
      }
    }
  }
  return max;
}

/** `{{...}}` / `{{{...}}}` mustache tags outside JSON strings. */
function findPlaceholders(text: string): [number, number][] {
  if (!text.includes('{{')) return [];
  const out: [number, number][] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */ || c === 10 /* \n */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 /* { */ && text.charCodeAt(i + 1) === 123) {
      const triple = text.charCodeAt(i + 2) === 123;
      const close = text.indexOf(triple ? '}}}' : '}}', i + 2);
      if (close < 0) break;
      const end = close + (triple ? 3 : 2);
      out.push([i, end]);
      i = end - 1;
    }
  }
  return out;
}

/**
 * Replaces placeholders with text of the same length: section and comment tags
 * (`{{#x}}`, `{{/x}}`, `{{^x}}`, `{{!x}}`, `{{>x}}`) become blanks, value tags become
 * `0` (a neutral JSON value). Newlines are kept so positions stay valid.
 */
function mask(text: string, placeholders: [number, number][]): string {
  let out = '';
  let last = 0;
  for (const [s, e] of placeholders) {
    out += text.slice(last, s);
    const tag = text.slice(s, e);
    const kind = tag.replace(/^\{+\s*/, '')[0];
    const blank = tag.replace(/[^\n]/g, ' ');
    out += kind && '#/^!>'.includes(kind) ? blank : '0' + blank.slice(1);
    last = e;
  }
  return out + text.slice(last);
}

/** True when [start, end) touches a placeholder or a string containing one. */
export function touchesPlaceholder(doc: ParsedDocument, start: number, end: number): boolean {
  if (!doc.template) return false;
  for (const [s, e] of doc.placeholders) if (s < Math.max(end, start + 1) && e > start) return true;
  const slice = doc.text.slice(start, Math.min(end, start + 10000));
  return slice.includes('{{');
}
