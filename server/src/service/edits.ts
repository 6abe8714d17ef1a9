/**
 * Minimal text edits on a JSON document that keep the user's formatting: the
 * indentation unit, line endings, spacing after colons and whether a container is
 * written on one line. Fixes and refactors build their edits here, so the rest of
 * the file stays byte-identical.
 */
import type { ParsedDocument } from './document';
import { elements, propertyNode, type Node } from './json';

export interface OffsetEdit {
  offset: number;
  length: number;
  content: string;
}

export interface Formatting {
  /** One level of indentation, e.g. two spaces or a tab. */
  indent: string;
  eol: '\n' | '\r\n';
  /** What follows a colon (`": "` vs `":"`). */
  colon: string;
}

/** Detects the document's formatting from its text (defaults: two spaces, LF). */
export function detectFormatting(text: string): Formatting {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let indent = '  ';
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const m = /\n([ \t]+)["{[\]}]/.exec(sample);
  if (m) {
    const ws = m[1];
    if (ws.startsWith('\t')) indent = '\t';
    else {
      // The smallest indentation step of the first few indented lines.
      let step = ws.length;
      const re = /\n( +)\S/g;
      let n = 0;
      for (let r = re.exec(sample); r && n < 50; r = re.exec(sample), n++)
        if (r[1].length < step) step = r[1].length;
      indent = ' '.repeat(Math.max(1, Math.min(step, 8)));
    }
  }
  const colon = /"\s*:\s/.test(sample) || !/"\s*:/.test(sample) ? ': ' : ':';
  return { indent, eol, colon };
}

export class EditBuilder {
  readonly text: string;
  readonly formatting: Formatting;

  constructor(doc: Pick<ParsedDocument, 'text'>, formatting?: Formatting) {
    this.text = doc.text;
    this.formatting = formatting ?? detectFormatting(doc.text);
  }

  /** The indentation of the line `offset` is on. */
  lineIndent(offset: number): string {
    let s = offset;
    while (s > 0 && this.text[s - 1] !== '\n') s--;
    let e = s;
    while (e < this.text.length && (this.text[e] === ' ' || this.text[e] === '\t')) e++;
    return this.text.slice(s, e);
  }

  /** True when a container node is written on a single line. */
  isSingleLine(node: Node): boolean {
    return !/[\r\n]/.test(this.text.slice(node.offset, node.offset + node.length));
  }

  /**
   * A JSON text for `value`, laid out like its surroundings: on one line when `inline`,
   * else one item per line indented from `baseIndent`.
   */
  serialize(value: unknown, baseIndent: string, inline: boolean): string {
    const { indent, eol, colon } = this.formatting;
    const space = colon === ':' ? '' : ' ';
    const write = (v: unknown, level: string): string => {
      if (Array.isArray(v)) {
        if (v.length === 0) return '[]';
        const scalars = v.every((x) => x === null || typeof x !== 'object');
        if (inline || scalars) return '[' + v.map((x) => write(x, level)).join(',' + space) + ']';
        const inner = level + indent;
        return '[' + eol + v.map((x) => inner + write(x, inner)).join(',' + eol) + eol + level + ']';
      }
      if (v && typeof v === 'object') {
        const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
        if (entries.length === 0) return '{}';
        if (inline)
          return (
            '{' +
            space +
            entries.map(([k, x]) => JSON.stringify(k) + colon + write(x, level)).join(',' + space) +
            space +
            '}'
          );
        const inner = level + indent;
        return (
          '{' +
          eol +
          entries.map(([k, x]) => inner + JSON.stringify(k) + colon + write(x, inner)).join(',' + eol) +
          eol +
          level +
          '}'
        );
      }
      return JSON.stringify(v) ?? 'null';
    };
    return write(value, baseIndent);
  }

  /** Replaces a value node by `value`, laid out like the object or array it is in. */
  replaceValue(node: Node, value: unknown): OffsetEdit {
    // A property value is laid out like the object that holds the property (not the one-line property).
    const container = node.parent?.type === 'property' ? node.parent.parent : node.parent;
    const parentInline = container ? this.isSingleLine(container) : false;
    const content = this.serialize(
      value,
      this.lineIndent(node.offset),
      parentInline && this.isSingleLine(node),
    );
    return { offset: node.offset, length: node.length, content };
  }

  /** Replaces a node by literal JSON text. */
  replaceText(node: Node, content: string): OffsetEdit {
    return { offset: node.offset, length: node.length, content };
  }

  /** Replaces a whole property (`"key": value`) by `"newKey": value`, laid out like the line it is on. */
  replaceMemberWith(property: Node, newKey: string, value: unknown): OffsetEdit {
    const inline = property.parent ? this.isSingleLine(property.parent) : true;
    const content =
      JSON.stringify(newKey) +
      this.formatting.colon +
      this.serialize(value, this.lineIndent(property.offset), inline);
    return { offset: property.offset, length: property.length, content };
  }

  /** Renames the key of a property (the key node is the string `"key"`). */
  renameKey(keyNode: Node, newKey: string): OffsetEdit {
    return { offset: keyNode.offset, length: keyNode.length, content: JSON.stringify(newKey) };
  }

  /**
   * Sets `obj[key] = value`: replaces the value when the key exists, else inserts the
   * property after `after` (a key of `obj`), or last.
   */
  setProperty(
    obj: Node,
    key: string,
    value: unknown,
    options: { after?: string; first?: boolean } = {},
  ): OffsetEdit {
    const existing = propertyNode(obj, key)?.children?.[1];
    if (existing) return this.replaceValue(existing, value);
    return this.insertMember(
      obj,
      JSON.stringify(key) + this.formatting.colon,
      value,
      this.insertionIndex(obj, options),
    );
  }

  /** Removes the property `key` of `obj` with its separator (no edit if absent). */
  removeProperty(obj: Node, key: string): OffsetEdit | undefined {
    const p = propertyNode(obj, key);
    return p ? this.removeMember(obj, p) : undefined;
  }

  /** Inserts `value` into an array at `index` (default: at the end). */
  insertArrayItem(array: Node, value: unknown, index?: number): OffsetEdit {
    const n = elements(array).length;
    return this.insertMember(array, '', value, index === undefined ? n : Math.max(0, Math.min(index, n)));
  }

  /** Removes the array item or object property `member` (a child of `container`) with its separator. */
  removeMember(container: Node, member: Node): OffsetEdit {
    const siblings = container.children ?? [];
    const i = siblings.indexOf(member);
    const text = this.text;
    if (siblings.length === 1) {
      // The only member: empty the container, keeping its brackets.
      const open = container.offset + 1;
      const close = container.offset + container.length - 1;
      return { offset: open, length: close - open, content: '' };
    }
    if (i < siblings.length - 1) {
      // Remove from the member's start (or its line start) up to the next member.
      const next = siblings[i + 1];
      let start = member.offset;
      const lineStart = this.lineStart(start);
      if (/^[ \t]*$/.test(text.slice(lineStart, start))) start = lineStart;
      let end = next.offset;
      const nextLineStart = this.lineStart(end);
      if (nextLineStart > start && /^[ \t]*$/.test(text.slice(nextLineStart, end))) end = nextLineStart;
      return { offset: start, length: end - start, content: '' };
    }
    // The last member: remove from the end of the previous one.
    const prev = siblings[i - 1];
    const start = prev.offset + prev.length;
    const end = member.offset + member.length;
    return { offset: start, length: end - start, content: '' };
  }

  private lineStart(offset: number): number {
    let s = offset;
    while (s > 0 && this.text[s - 1] !== '\n') s--;
    return s;
  }

  private insertionIndex(obj: Node, options: { after?: string; first?: boolean }): number {
    const members = obj.children ?? [];
    if (options.first) return 0;
    if (options.after) {
      const p = propertyNode(obj, options.after);
      if (p) return members.indexOf(p) + 1;
    }
    return members.length;
  }

  /** Inserts a member (`prefix` + value; prefix is `"key": ` for objects) at `index`. */
  private insertMember(container: Node, prefix: string, value: unknown, index: number): OffsetEdit {
    const { eol } = this.formatting;
    const members = container.children ?? [];
    // An empty `{}` or `[]` is on one line whatever the layout: what goes into it follows its
    // parent (scalars in an array stay on one line, as people write them).
    const parent = container.parent?.type === 'property' ? container.parent.parent : container.parent;
    const scalarItem = container.type === 'array' && (value === null || typeof value !== 'object');
    const inline =
      this.isSingleLine(container) &&
      (members.length > 0 || scalarItem || !parent || this.isSingleLine(parent));
    const space = this.formatting.colon === ':' ? '' : ' ';
    if (members.length === 0) {
      const open = container.offset + 1;
      const close = container.offset + container.length - 1;
      if (inline) {
        const body = prefix + this.serialize(value, '', true);
        const pad = container.type === 'object' ? space : ''; // `{ "a": 1 }` but `["*"]`, as serialize writes them
        return { offset: open, length: close - open, content: pad + body + pad };
      }
      const outer = this.lineIndent(container.offset);
      const inner = outer + this.formatting.indent;
      const body = prefix + this.serialize(value, inner, false);
      return { offset: open, length: close - open, content: eol + inner + body + eol + outer };
    }
    if (inline) {
      const body = prefix + this.serialize(value, '', true);
      if (index >= members.length) {
        const last = members[members.length - 1];
        return { offset: last.offset + last.length, length: 0, content: ',' + space + body };
      }
      return { offset: members[index].offset, length: 0, content: body + ',' + space };
    }
    const ref = members[Math.min(index, members.length - 1)];
    const indent = this.lineIndent(ref.offset);
    const body = prefix + this.serialize(value, indent, false);
    if (index >= members.length) {
      const last = members[members.length - 1];
      return { offset: last.offset + last.length, length: 0, content: ',' + eol + indent + body };
    }
    return { offset: ref.offset, length: 0, content: body + ',' + eol + indent };
  }
}

/**
 * Applies offset edits to a text (edits must not overlap), as LSP clients do: insertions
 * at the same offset keep their order (the first one's text comes first).
 */
export function applyEdits(text: string, edits: OffsetEdit[]): string {
  // From the end backwards; at one offset, a replacement before the insertions, the last insertion first.
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.offset - a.e.offset || b.e.length - a.e.length || b.i - a.i)
    .map((x) => x.e);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.offset + e.length > limit) throw new Error('overlapping edits');
    out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
    limit = e.offset;
  }
  return out;
}
