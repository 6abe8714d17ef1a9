/**
 * Parsing: one jsonc-parser tree per document version, with the facts every later
 * step needs (syntax errors, template placeholders, size and depth limits).
 */
import type { Node, ParseError } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LimitSettings } from './settings';
import { parseJsonTree } from './tree';

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
  /**
   * Set when the document is not analysed because it exceeds a limit: past the size or
   * depth limit, or binary (a NUL at `offset`), it is not even parsed; with a string past
   * the length limit (at `offset`, `actual` long) it is parsed, and only its syntax is checked.
   */
  limit?: { kind: 'size' | 'depth' | 'string' | 'binary'; actual: number; max: number; offset?: number };
  /** Characters parsed to make this version: the whole text, unless only the unit around an edit was. */
  parsedChars?: number;
}

const BINARY_PROBE = 8192;

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
  // A NUL in the first few kilobytes (git's heuristic): a binary file, not parsed at all (it
  // would give a syntax error every few bytes).
  const nul = source.slice(0, BINARY_PROBE).indexOf('\u0000');
  if (nul >= 0)
    return { ...base, template: false, limit: { kind: 'binary', actual: nul, max: 0, offset: nul } };
  const depth = maxDepth(source, limits.maxNestingDepth);
  if (depth > limits.maxNestingDepth) {
    return { ...base, template: false, limit: { kind: 'depth', actual: depth, max: limits.maxNestingDepth } };
  }
  const placeholders = findPlaceholders(source);
  const template = TEMPLATE_FILE.test(uri) || placeholders.length > 0;
  const parsedText = placeholders.length ? mask(source, placeholders) : source;
  const syntaxErrors: ParseError[] = [];
  const tree = parseJsonTree(parsedText, syntaxErrors);
  const long = longString(source, limits.maxStringLength);
  const limit = long && {
    kind: 'string' as const,
    actual: long.length,
    max: limits.maxStringLength,
    offset: long.offset,
  };
  return { ...base, tree, syntaxErrors, template, placeholders, ...(limit ? { limit } : {}) };
}

/**
 * The first string token (quotes included) longer than `max` characters, found with a
 * character loop (a document shorter than `max` has none). Schema patterns and rule
 * expressions are linear at best on such a value (ajv's id pattern overflows the stack
 * on a few megabytes), so the document is then checked for syntax only.
 */
export function longString(text: string, max: number): { offset: number; length: number } | undefined {
  if (text.length <= max) return undefined;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (text.charCodeAt(i) !== 34 /* " */) continue;
    const start = i;
    for (i++; i < n; i++) {
      const d = text.charCodeAt(i);
      if (d === 92 /* \ */) i++;
      else if (d === 34 || d === 10 || d === 13) break;
    }
    const end = Math.min(n, text.charCodeAt(i) === 34 ? i + 1 : i);
    if (end - start > max) return { offset: start, length: end - start };
  }
  return undefined;
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
 *
 * The template is read as it renders with every section switched on: the content of
 * inverted sections (`{{^x}}...{{/x}}`) is blanked too. Packages write either/or pairs
 * (`{{#x}}"image": "a"{{/x}}{{^x}}"image": "b"{{/x}}`, a volume or its host-path
 * variant); keeping both halves would put two alternatives side by side, with no comma
 * between them and keys given twice, which no rendering of the template produces.
 */
function mask(text: string, placeholders: [number, number][]): string {
  const blankOf = (s: string) => s.replace(/[^\n]/g, ' ');
  let out = '';
  let last = 0;
  /** Names of the open sections, innermost last, and how many of them are inverted. */
  const open: { name: string; inverted: boolean }[] = [];
  let inverted = 0;
  for (const [s, e] of placeholders) {
    const between = text.slice(last, s);
    out += inverted ? blankOf(between) : between;
    const tag = text.slice(s, e);
    const body = tag.replace(/^\{+\s*/, '');
    const kind = body[0];
    const name = body.slice(1).replace(/\}+$/, '').trim();
    if (kind === '#' || kind === '^') {
      open.push({ name, inverted: kind === '^' });
      if (kind === '^') inverted++;
    } else if (kind === '/') {
      const i = open.map((o) => o.name).lastIndexOf(name);
      if (i >= 0) for (const o of open.splice(i)) if (o.inverted) inverted--;
    }
    const blank = blankOf(tag);
    out += kind && '#/^!>'.includes(kind) ? blank : inverted ? blank : '0' + blank.slice(1);
    last = e;
  }
  const rest = text.slice(last);
  return out + (inverted ? blankOf(rest) : rest);
}

/** True when [start, end) touches a placeholder or a string containing one. */
export function touchesPlaceholder(doc: ParsedDocument, start: number, end: number): boolean {
  if (!doc.template) return false;
  // Placeholders are sorted and do not overlap: the last one starting before the span's end
  // is the one that reaches furthest.
  const i = lastBelow(sectionsOf(doc).starts, Math.max(end, start + 1));
  if (i >= 0 && doc.placeholders[i][1] > start) return true;
  const slice = doc.text.slice(start, Math.min(end, start + 10000));
  return slice.includes('{{');
}

/** Per document: the start of each tag and the sections open after it (computed once). */
const sectionIndex = new WeakMap<ParsedDocument, { starts: number[]; open: string[][] }>();

function sectionsOf(doc: ParsedDocument): { starts: number[]; open: string[][] } {
  let index = sectionIndex.get(doc);
  if (index) return index;
  index = { starts: [], open: [] };
  let open: string[] = [];
  for (const [s, e] of doc.placeholders) {
    const body = doc.text.slice(s, e).replace(/^\{+\s*/, '');
    const name = body.slice(1).replace(/\}+$/, '').trim();
    if (body[0] === '#' || body[0] === '^') open = [...open, name];
    else if (body[0] === '/') {
      const i = open.lastIndexOf(name);
      if (i >= 0) open = open.slice(0, i);
    }
    index.starts.push(s);
    index.open.push(open);
  }
  sectionIndex.set(doc, index);
  return index;
}

/** The index of the last of `starts` (sorted) below `offset`, or -1. */
function lastBelow(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/**
 * The names of the `{{#x}}` sections open at `offset` of a template (its inverted sections
 * are blanked, see `mask`), outermost first.
 */
export function sectionsAt(doc: ParsedDocument, offset: number): string[] {
  const { starts, open } = sectionsOf(doc);
  const i = lastBelow(starts, offset);
  return i < 0 ? [] : open[i];
}

/** The placeholder [start, end) that contains `offset`, if any. */
export function placeholderAt(doc: ParsedDocument, offset: number): [number, number] | undefined {
  const i = lastBelow(sectionsOf(doc).starts, offset + 1);
  const p = i < 0 ? undefined : doc.placeholders[i];
  return p && offset < p[1] ? p : undefined;
}

/**
 * True when a template renders the text at `a` and at `b` together: whenever the sections
 * around one of them are switched on, so are those around the other (one set contains the
 * other). Text in unrelated sections (`{{#external}}...{{/external}}{{#local}}...{{/local}}`)
 * may be alternatives that the package's options never switch on together.
 */
export function renderedTogether(doc: ParsedDocument, a: number, b: number): boolean {
  if (!doc.template || !doc.placeholders.length) return true;
  const sa = sectionsAt(doc, a);
  const sb = sectionsAt(doc, b);
  return sa.every((x) => sb.includes(x)) || sb.every((x) => sa.includes(x));
}
