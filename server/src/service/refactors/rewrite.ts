/**
 * Structured rewrites of JSON containers that keep the user's formatting: a `Plan`
 * collects the changes to one object or array (remove, replace, rename, insert, and
 * nested plans for its members), and `planEdit` renders it into ONE edit that touches
 * only what changed. Untouched members keep their exact text and the separators
 * between untouched neighbours are kept byte for byte; new members are laid out like
 * their siblings (indentation, line endings, one-line layout).
 *
 * Several removals, insertions and nested changes in the same object would overlap as
 * separate `EditBuilder` edits (removing two neighbours, inserting where one was
 * removed...); rendering the container once cannot.
 */
import type { EditBuilder, OffsetEdit } from '../edits';
import { getNodeValue } from 'jsonc-parser';
import { propertyNode, type Node } from '../json';

/**
 * A value copied from another node of the document: its text is kept as written (numbers,
 * escapes, layout), re-indented for its new place; on a one-line target it is re-serialised.
 */
export class Raw {
  constructor(readonly node: Node) {}
}

type Change =
  | { kind: 'remove' }
  | { kind: 'replace'; value: unknown }
  | { kind: 'rename'; key: string; value?: unknown; hasValue: boolean }
  | { kind: 'edit'; plan: Plan };

interface Insert {
  /** Insert after this member (a property or element node), at the start (`null`) or at the end (`undefined`). */
  after: Node | null | undefined;
  key?: string;
  value: unknown;
}

export class Plan {
  private readonly changes = new Map<Node, Change>();
  private readonly inserts: Insert[] = [];

  /** `node` is an object or an array. */
  constructor(readonly node: Node) {}

  get isEmpty(): boolean {
    return this.changes.size === 0 && this.inserts.length === 0;
  }

  /** The member (property node of an object, element of an array) for a key or index. */
  member(key: string | number): Node | undefined {
    if (typeof key === 'number') return this.node.type === 'array' ? this.node.children?.[key] : undefined;
    return propertyNode(this.node, key);
  }

  /** Removes a property or element (nothing if absent). */
  remove(key: string | number | Node): this {
    const m = typeof key === 'object' ? key : this.member(key);
    if (m) this.changes.set(m, { kind: 'remove' });
    return this;
  }

  /** Replaces the value of a property or element. */
  replace(key: string | number | Node, value: unknown): this {
    const m = typeof key === 'object' ? key : this.member(key);
    if (m) this.changes.set(m, { kind: 'replace', value });
    return this;
  }

  /** Sets `key` to `value`: replaces the value when the property exists, else inserts it (after `after`, or last). */
  set(key: string, value: unknown, options: { after?: string; first?: boolean } = {}): this {
    const m = this.member(key);
    if (m) return this.replace(m, value);
    return this.insert(value, { key, after: options.after, first: options.first });
  }

  /** Renames a property, optionally giving it a new value. */
  rename(key: string, newKey: string, ...value: [] | [unknown]): this {
    const m = this.member(key);
    if (m) this.changes.set(m, { kind: 'rename', key: newKey, value: value[0], hasValue: value.length > 0 });
    return this;
  }

  /**
   * Inserts a new member: an object property (`key`) or an array element, after the
   * member `after` (a key, an index or a node; when absent or unknown: last), or first.
   */
  insert(
    value: unknown,
    options: { key?: string; after?: string | number | Node; first?: boolean } = {},
  ): this {
    let after: Node | null | undefined;
    if (options.first) after = null;
    else if (options.after !== undefined)
      after = typeof options.after === 'object' ? options.after : this.member(options.after);
    this.inserts.push({ after, key: options.key, value });
    return this;
  }

  /** The plan of a member's value (an object or array), for nested changes. */
  child(key: string | number): Plan | undefined {
    const m = this.member(key);
    if (!m) return undefined;
    const valueNode = this.node.type === 'object' ? m.children?.[1] : m;
    if (!valueNode || (valueNode.type !== 'object' && valueNode.type !== 'array')) return undefined;
    const existing = this.changes.get(m);
    if (existing?.kind === 'edit') return existing.plan;
    if (existing) return undefined; // removed or replaced as a whole
    const plan = new Plan(valueNode);
    this.changes.set(m, { kind: 'edit', plan });
    return plan;
  }

  /** True when the member is removed or replaced by this plan. */
  touches(key: string | number): boolean {
    const m = this.member(key);
    const c = m && this.changes.get(m);
    return !!c && c.kind !== 'edit';
  }

  /**
   * True when every container this plan lays out again is well formed: its brackets are
   * where the tree says, and no syntax error (`errors`: their offsets) sits anywhere but
   * inside a member it keeps as written (the rendering would drop or move it).
   */
  isSound(text: string, errors: number[]): boolean {
    const node = this.node;
    const [o, c] = node.type === 'object' ? ['{', '}'] : ['[', ']'];
    const end = node.offset + node.length;
    if (text[node.offset] !== o || text[end - 1] !== c) return false;
    const members = node.children ?? [];
    // Error recovery can stretch a member over the closing bracket.
    if (members.some((m) => m.offset <= node.offset || m.offset + m.length > end - 1)) return false;
    const inside = (x: number) => x >= node.offset && x < end;
    const kept = (m: Node) => !this.changes.has(m);
    const inKept = (x: number) => members.some((m) => kept(m) && x > m.offset && x < m.offset + m.length);
    if (errors.some((x) => inside(x) && !inKept(x))) return false;
    for (const change of this.changes.values())
      if (change.kind === 'edit' && !change.plan.isSound(text, errors)) return false;
    return true;
  }

  /**
   * The offsets where this plan removes, replaces or inserts text (for templates, whose
   * section tags must not end up around other text than before).
   */
  changePoints(): number[] {
    const out: number[] = [];
    for (const [m, c] of this.changes) {
      if (c.kind === 'edit') out.push(...c.plan.changePoints());
      else if (c.kind === 'rename' && !c.hasValue) out.push(m.offset);
      else out.push(m.offset, m.offset + m.length);
    }
    for (const i of this.inserts)
      out.push(
        i.after
          ? i.after.offset + i.after.length
          : i.after === null
            ? this.node.offset + 1
            : this.node.offset + this.node.length - 1,
      );
    return out;
  }

  /**
   * The container's new text. `placeholders` are the masked spans of a template: a node
   * parsed from a masked value ends inside one, and its text runs to the span's end.
   */
  render(edit: EditBuilder, placeholders: [number, number][] = []): string {
    const node = this.node;
    const text = edit.text;
    const endOf = (m: Node) => {
      let end = m.offset + m.length;
      for (const [s, e] of placeholders) if (s < end && end < e) end = e;
      return end;
    };
    const isObject = node.type === 'object';
    const members = node.children ?? [];
    const open = node.offset + 1;
    const close = node.offset + node.length - 1;
    const space = edit.formatting.colon === ':' ? '' : ' ';
    const parentContainer = node.parent?.type === 'property' ? node.parent.parent : node.parent;
    const inline =
      edit.isSingleLine(node) &&
      (members.length > 0 || !parentContainer || edit.isSingleLine(parentContainer));
    const memberIndent =
      members.length && !inline
        ? edit.lineIndent(members[0].offset)
        : inline
          ? ''
          : edit.lineIndent(node.offset) + edit.formatting.indent;

    const valueText = (v: unknown) => write(edit, v, memberIndent, inline, endOf);
    const renderMember = (m: Node, change: Change | undefined): string | undefined => {
      const original = text.slice(m.offset, endOf(m));
      if (!change) return original;
      if (change.kind === 'remove') return undefined;
      const valueNode = isObject ? m.children?.[1] : m;
      const keyNode = isObject ? m.children?.[0] : undefined;
      const head =
        keyNode && valueNode
          ? text.slice(m.offset, valueNode.offset)
          : isObject
            ? original + edit.formatting.colon
            : '';
      const renamedHead = (newKey: string) =>
        keyNode
          ? JSON.stringify(newKey) + text.slice(keyNode.offset + keyNode.length, valueNode?.offset)
          : '';
      switch (change.kind) {
        case 'replace':
          return head + valueText(change.value);
        case 'rename':
          return (
            renamedHead(change.key) +
            (change.hasValue
              ? valueText(change.value)
              : valueNode
                ? text.slice(valueNode.offset, endOf(valueNode))
                : 'null')
          );
        case 'edit':
          return head + change.plan.render(edit, placeholders);
      }
    };
    const newMember = (ins: Insert) =>
      (isObject ? JSON.stringify(ins.key ?? '') + edit.formatting.colon : '') + valueText(ins.value);

    // The new list of members: original ones (with their index) and inserted ones.
    const items: { text: string; index?: number }[] = [];
    const insertsAfter = (after: Node | null | undefined) =>
      this.inserts.filter((i) => i.after === after).map((i) => ({ text: newMember(i) }));
    items.push(...insertsAfter(null));
    members.forEach((m, index) => {
      const t = renderMember(m, this.changes.get(m));
      if (t !== undefined) items.push({ text: t, index });
      items.push(...insertsAfter(m));
    });
    items.push(...this.inserts.filter((i) => i.after === undefined).map((i) => ({ text: newMember(i) })));

    const [o, c] = isObject ? ['{', '}'] : ['[', ']'];
    if (!items.length) return o + c;
    let out = o;
    if (members.length) out += text.slice(open, members[0].offset);
    else if (inline) out += isObject ? space : '';
    else out += edit.formatting.eol + memberIndent;
    // Before an original member, the separator that followed the original member before it
    // (removed and inserted members in between take generated ones): in a template, it may
    // hold section tags that belong with what follows.
    let lastOriginal: number | undefined;
    items.forEach((item, i) => {
      if (i > 0) {
        if (item.index !== undefined && lastOriginal !== undefined)
          out += text.slice(endOf(members[lastOriginal]), members[lastOriginal + 1].offset);
        else out += ',' + (inline ? space : edit.formatting.eol + memberIndent);
      }
      if (item.index !== undefined) lastOriginal = item.index;
      out += item.text;
    });
    if (members.length) {
      out += text.slice(endOf(members[members.length - 1]), close);
    } else if (inline) out += isObject ? space : '';
    else out += edit.formatting.eol + edit.lineIndent(node.offset);
    return out + c;
  }
}

const isContainer = (n: Node) => n.type === 'object' || n.type === 'array';

function hasRaw(v: unknown): boolean {
  if (v instanceof Raw) return true;
  if (Array.isArray(v)) return v.some(hasRaw);
  return !!v && typeof v === 'object' && Object.values(v).some(hasRaw);
}

/** `EditBuilder.serialize`, for values that may hold `Raw` copies at any depth. */
function write(
  edit: EditBuilder,
  v: unknown,
  level: string,
  inline: boolean,
  endOf: (n: Node) => number = (n) => n.offset + n.length,
): string {
  if (!hasRaw(v)) return edit.serialize(v, level, inline);
  const { indent, eol, colon } = edit.formatting;
  const space = colon === ':' ? '' : ' ';
  if (v instanceof Raw) {
    const raw = edit.text.slice(v.node.offset, endOf(v.node));
    if (!/[\r\n]/.test(raw)) return raw;
    if (inline) return edit.serialize(getNodeValue(v.node), level, true);
    const from = edit.lineIndent(v.node.offset);
    return raw.replace(
      /(\r?\n)([ \t]*)/g,
      (_m, br: string, ws: string) => br + (ws.startsWith(from) ? level + ws.slice(from.length) : ws),
    );
  }
  const inner = level + indent;
  if (Array.isArray(v)) {
    const scalars = v.every((x) =>
      x instanceof Raw ? !isContainer(x.node) : x === null || typeof x !== 'object',
    );
    if (inline || scalars)
      return '[' + v.map((x) => write(edit, x, level, true, endOf)).join(',' + space) + ']';
    return (
      '[' +
      eol +
      v.map((x) => inner + write(edit, x, inner, false, endOf)).join(',' + eol) +
      eol +
      level +
      ']'
    );
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (inline)
    return (
      '{' +
      space +
      entries
        .map(([k, x]) => JSON.stringify(k) + colon + write(edit, x, level, true, endOf))
        .join(',' + space) +
      space +
      '}'
    );
  return (
    '{' +
    eol +
    entries
      .map(([k, x]) => inner + JSON.stringify(k) + colon + write(edit, x, inner, false, endOf))
      .join(',' + eol) +
    eol +
    level +
    '}'
  );
}

/**
 * The one edit that turns the plan's container into its rendering, trimmed to the span
 * that changes (`placeholders`: a template's masked spans, see `Plan.render`).
 */
export function planEdit(
  plan: Plan,
  edit: EditBuilder,
  placeholders: [number, number][] = [],
  syntaxErrors: { offset: number }[] = [],
): OffsetEdit | undefined {
  if (
    plan.isEmpty ||
    !plan.isSound(
      edit.text,
      syntaxErrors.map((e) => e.offset),
    )
  )
    return undefined;
  const node = plan.node;
  return minimalEdit(
    edit.text.slice(node.offset, node.offset + node.length),
    plan.render(edit, placeholders),
    node.offset,
  );
}

/** The smallest single edit turning `before` (at `offset` in the document) into `after`. */
export function minimalEdit(before: string, after: string, offset = 0): OffsetEdit | undefined {
  if (before === after) return undefined;
  let a = 0;
  while (a < before.length && a < after.length && before[a] === after[a]) a++;
  let b = 0;
  while (
    b < before.length - a &&
    b < after.length - a &&
    before[before.length - 1 - b] === after[after.length - 1 - b]
  )
    b++;
  // Never split a CRLF pair.
  while (a > 0 && before[a - 1] === '\r') a--;
  return { offset: offset + a, length: before.length - a - b, content: after.slice(a, after.length - b) };
}
