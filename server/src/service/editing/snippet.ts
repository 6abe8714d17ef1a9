/**
 * JSON values with tab stops, rendered as LSP/TextMate snippet text in the document's
 * own layout (indentation unit, line ends, `": "` or `":"`, one line or several).
 * The same value renders as plain JSON with every tab stop at its default, which is
 * what tests lint.
 */
import type { Formatting } from '../edits';

export type Scalar = string | number | boolean;

/** A tab stop: `value` is the default; `choices` makes it a choice; equal `id`s mirror each other. */
export class Tab {
  constructor(
    readonly value: Scalar,
    readonly choices?: Scalar[],
    readonly id?: string,
  ) {}
}

export const tab = (value: Scalar, id?: string): Tab => new Tab(value, undefined, id);
/** A choice tab stop; a single value is written as is (nothing to choose). */
export const choice = (values: Scalar[], id?: string): Tab | Scalar =>
  values.length === 1 ? values[0] : new Tab(values[0], values, id);

/** An empty object or array with the cursor inside (`{$1}` / `[$1]`). */
export class Hole {
  constructor(readonly kind: 'object' | 'array') {}
}
export const hole = (kind: 'object' | 'array'): Hole => new Hole(kind);

export type Template = Scalar | null | Tab | Hole | Template[] | { [key: string]: Template };

export interface Layout extends Formatting {
  /** Everything on one line (a minified document, or a one-line object around the cursor). */
  inline: boolean;
}

/** Escapes literal snippet text (`$`, `}`, `\`). */
export const escapeText = (s: string): string => s.replace(/[\\$}]/g, '\\$&');
/** Escapes a choice element (`$`, `,`, `|`, `\`). */
const escapeChoice = (s: string): string => s.replace(/[\\$,|}]/g, '\\$&');
/** JSON string content (without quotes). */
const jsonInner = (s: string): string => JSON.stringify(s).slice(1, -1);

class Renderer {
  private readonly numbers = new Map<string, number>();
  private next = 1;

  constructor(
    private readonly layout: Layout,
    private readonly snippet: boolean,
  ) {}

  private number(t: Tab): number {
    if (t.id !== undefined) {
      const n = this.numbers.get(t.id);
      if (n !== undefined) return n;
      this.numbers.set(t.id, this.next);
    }
    return this.next++;
  }

  private literal(s: string): string {
    return this.snippet ? escapeText(s) : s;
  }

  private tabText(t: Tab, inString: boolean): string {
    const show = (v: Scalar) => (inString ? jsonInner(String(v)) : JSON.stringify(v));
    if (!this.snippet) return show(t.value);
    const n = this.number(t);
    if (t.choices) return `\${${n}|${t.choices.map((c) => escapeChoice(show(c))).join(',')}|}`;
    const text = show(t.value);
    return text === '' ? `$${n}` : `\${${n}:${escapeText(text)}}`;
  }

  value(v: Template, level: string): string {
    const { indent, eol, colon, inline } = this.layout;
    const space = colon === ':' ? '' : ' ';
    if (v instanceof Tab) {
      if (typeof v.value === 'string') return '"' + this.tabText(v, true) + '"';
      return this.tabText(v, false);
    }
    if (v instanceof Hole) {
      const [open, close] = v.kind === 'object' ? ['{', '}'] : ['[', ']'];
      return this.snippet ? `${open}$${this.next++}${close}` : open + close;
    }
    if (Array.isArray(v)) {
      if (!v.length) return '[]';
      const scalars = v.every((x) => x === null || typeof x !== 'object' || x instanceof Tab);
      if (inline || scalars) return '[' + v.map((x) => this.value(x, level)).join(',' + space) + ']';
      const inner = level + indent;
      return '[' + eol + v.map((x) => inner + this.value(x, inner)).join(',' + eol) + eol + level + ']';
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      if (!entries.length) return '{}';
      if (inline)
        return (
          '{' + space + entries.map(([k, x]) => this.member(k, x, level)).join(',' + space) + space + '}'
        );
      const inner = level + indent;
      return (
        '{' +
        eol +
        entries.map(([k, x]) => inner + this.member(k, x, inner)).join(',' + eol) +
        eol +
        level +
        '}'
      );
    }
    return this.literal(JSON.stringify(v) ?? 'null');
  }

  member(key: string, v: Template, level: string): string {
    return this.literal(JSON.stringify(key)) + this.layout.colon + this.value(v, level);
  }
}

/** Snippet text and plain text (defaults) of a value written at indentation `level`. */
export function render(v: Template, layout: Layout, level: string): { snippet: string; plain: string } {
  return {
    snippet: new Renderer(layout, true).value(v, level),
    plain: new Renderer(layout, false).value(v, level),
  };
}

/** `"key": value` as snippet text and plain text. */
export function renderMember(
  key: string,
  v: Template,
  layout: Layout,
  level: string,
): { snippet: string; plain: string } {
  return {
    snippet: new Renderer(layout, true).member(key, v, level),
    plain: new Renderer(layout, false).member(key, v, level),
  };
}

/** Several array items (`{…}, {…}`) as one snippet, sharing tab stop numbers. */
export function renderItems(
  items: Template[],
  layout: Layout,
  level: string,
): { snippet: string; plain: string } {
  const sep = ',' + (layout.inline ? (layout.colon === ':' ? '' : ' ') : layout.eol + level);
  const s = new Renderer(layout, true);
  const p = new Renderer(layout, false);
  return {
    snippet: items.map((i) => s.value(i, level)).join(sep),
    plain: items.map((i) => p.value(i, level)).join(sep),
  };
}

/** A snippet with every tab stop replaced by its default (first choice), and escapes removed. */
export function expandDefaults(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length && '\\$},|'.includes(snippet[i + 1])) {
      out += snippet[++i];
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    const simple = /^\$(\d+)/.exec(snippet.slice(i));
    if (simple) {
      i += simple[0].length - 1;
      continue;
    }
    const m = /^\$\{(\d+)([:|])/.exec(snippet.slice(i));
    if (!m) {
      out += c;
      continue;
    }
    // Read the placeholder body up to its matching `}` (nested placeholders are expanded too).
    let j = i + m[0].length;
    let depth = 1;
    let body = '';
    for (; j < snippet.length && depth > 0; j++) {
      const d = snippet[j];
      if (d === '\\' && j + 1 < snippet.length) {
        body += d + snippet[++j];
        continue;
      }
      if (d === '$' && snippet[j + 1] === '{') depth++;
      if (d === '}') depth--;
      if (depth > 0) body += d;
    }
    if (m[2] === '|') {
      const first = body.replace(/\|$/, '').split(/(?<!\\),/)[0];
      out += expandDefaults(first);
    } else out += expandDefaults(body);
    i = j - 1;
  }
  return out;
}
