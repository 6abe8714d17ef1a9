/**
 * Where the cursor is in a (possibly half-typed) JSON document: at a property key, at
 * a property value or at an array item, what text a completion replaces and whether
 * commas are missing around it.
 *
 * jsonc-parser's error-tolerant tree keeps what was typed so far: an unclosed object
 * reaches to the end of the text, a key without a colon is a property with a key only,
 * an unterminated string runs to the end of its line. Only the few characters between
 * the cursor and its neighbours in the tree are looked at as text, so a request costs
 * the depth of the tree (with a binary search among siblings), never the document size.
 */
import type { Node } from '../json';
import type { Segment } from '../schema/navigate';

export type CursorKind = 'key' | 'value' | 'item' | 'root' | 'none';

export interface Cursor {
  kind: CursorKind;
  /** The object (key), array (item) or property (value) the cursor is in. */
  container: Node | undefined;
  /** For a value: the property node. */
  property?: Node;
  /** The key or value node being typed over, if the parser made one. */
  token?: Node;
  /** The replaced span `[start, end)`. */
  start: number;
  end: number;
  /** What the user typed from `start` to the cursor (quotes included). */
  prefix: string;
  /** Key and item: path of the container object/array. Value: path of the value. */
  path: Segment[];
  /** The node at each step of `path` (the root first), for the schema conditionals. */
  nodes: (Node | undefined)[];
  /** Key: the property already has a colon, so only the key is replaced. */
  keyOnly: boolean;
  /** Where a missing comma must go before the inserted member (undefined if none is missing). */
  commaBefore?: number;
  /** A comma must follow the inserted member. */
  commaAfter: boolean;
  /** Key: names of the other keys of the object. */
  presentKeys: Set<string>;
  /** Item: the index the new item gets. */
  index?: number;
}

const WORD = /[A-Za-z0-9_$@./\-+]/;

export function cursorAt(text: string, tree: Node | undefined, offset: number): Cursor {
  const none: Cursor = {
    kind: 'none',
    container: undefined,
    start: offset,
    end: offset,
    prefix: '',
    path: [],
    nodes: [],
    keyOnly: false,
    commaAfter: false,
    presentKeys: new Set(),
  };
  if (!tree) return /^\s*$/.test(text) ? { ...none, kind: 'root' } : none;
  if ((tree.type === 'object' || tree.type === 'array') && inside(text, tree, offset))
    return locate(text, tree, offset, [], [tree]);
  return none;
}

/** True when `offset` is strictly inside the container (or at the end of an unclosed one). */
function inside(text: string, node: Node, offset: number): boolean {
  const end = node.offset + node.length;
  if (offset <= node.offset) return false;
  if (offset < end) return true;
  const close = node.type === 'object' ? '}' : ']';
  return offset === end && text[end - 1] !== close;
}

function isContainer(n: Node | undefined): boolean {
  return n?.type === 'object' || n?.type === 'array';
}

/** Index of the last child starting at or before `offset` (-1 if none). */
function lastChildAtOrBefore(children: Node[], offset: number): number {
  let lo = 0;
  let hi = children.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (children[mid].offset <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

function locate(
  text: string,
  node: Node,
  offset: number,
  path: Segment[],
  nodes: (Node | undefined)[],
): Cursor {
  const children = node.children ?? [];
  const i = lastChildAtOrBefore(children, offset);
  if (node.type === 'object') {
    // A property starting at or before the cursor may hold it (also the one before, for
    // a cursor right after a closing quote).
    for (const j of [i, i - 1]) {
      const p = children[j];
      if (!p) continue;
      const key = p.children?.[0];
      const val = p.children?.[1];
      const name = typeof key?.value === 'string' ? key.value : '';
      if (val && isContainer(val) && inside(text, val, offset))
        return locate(text, val, offset, [...path, name], [...nodes, val]);
      if (key && offset >= key.offset && offset <= key.offset + key.length)
        return keyCursor(text, node, offset, path, nodes, key, p.colonOffset !== undefined);
      if (val && !isContainer(val) && offset >= val.offset && offset <= val.offset + val.length)
        return valueCursor(text, p, offset, [...path, name], [...nodes, val], val);
      if (!val && p.colonOffset !== undefined && offset > p.colonOffset && j === i) {
        const next = children[j + 1];
        const gap = text.slice(p.colonOffset + 1, offset);
        if (!gap.includes(',') && !gap.includes('\n\n') && (!next || next.offset >= offset))
          return valueCursor(text, p, offset, [...path, name], [...nodes, undefined], undefined);
      }
    }
    return keyCursor(text, node, offset, path, nodes, undefined, false);
  }
  // array
  for (const j of [i, i - 1]) {
    const e = children[j];
    if (!e) continue;
    if (isContainer(e) && inside(text, e, offset))
      return locate(text, e, offset, [...path, j], [...nodes, e]);
    if (!isContainer(e) && offset >= e.offset && offset <= e.offset + e.length)
      return itemCursor(text, node, offset, path, nodes, e, j);
  }
  return itemCursor(text, node, offset, path, nodes, undefined, i + 1);
}

/** The span a completion replaces: the token typed over, or the bare word at the cursor. */
function span(text: string, offset: number, token: Node | undefined): [number, number] {
  if (token) {
    const end = token.offset + token.length;
    if (token.type !== 'string') return [token.offset, end];
    const terminated = token.length >= 2 && text[end - 1] === '"' && text[end - 2] !== '\\';
    if (terminated) return [token.offset, end];
    // An unterminated string runs to the end of its line: replace up to the word's end only.
    let e = offset;
    while (e < end && WORD.test(text[e])) e++;
    return [token.offset, e];
  }
  let s = offset;
  while (s > 0 && WORD.test(text[s - 1])) s--;
  if (s > 0 && text[s - 1] === '"') s--;
  let e = offset;
  while (e < text.length && WORD.test(text[e])) e++;
  if (text[e] === '"' && text[s] === '"' && e > s) e++;
  return [s, e];
}

function neighbours(container: Node, start: number, end: number): { before?: Node; after?: Node } {
  const children = container.children ?? [];
  let before: Node | undefined;
  let after: Node | undefined;
  const i = lastChildAtOrBefore(children, start);
  for (let j = Math.max(0, i - 1); j < children.length && j <= i + 2; j++) {
    const c = children[j];
    if (c.offset + c.length <= start) before = c;
    else if (c.offset >= end && !after) after = c;
  }
  return { before, after };
}

function commas(
  text: string,
  container: Node,
  start: number,
  end: number,
): { commaBefore?: number; commaAfter: boolean } {
  const { before, after } = neighbours(container, start, end);
  let commaBefore: number | undefined;
  if (before) {
    const beforeEnd = before.offset + before.length;
    if (!text.slice(beforeEnd, start).includes(',')) commaBefore = beforeEnd;
  }
  const commaAfter = !!after && !text.slice(end, after.offset).includes(',');
  return { commaBefore, commaAfter };
}

function keyCursor(
  text: string,
  object: Node,
  offset: number,
  path: Segment[],
  nodes: (Node | undefined)[],
  token: Node | undefined,
  keyOnly: boolean,
): Cursor {
  const [start, end] = span(text, offset, token);
  const presentKeys = new Set<string>();
  for (const p of object.children ?? []) {
    const k = p.children?.[0];
    if (k && k !== token && typeof k.value === 'string') presentKeys.add(k.value);
  }
  const member = token?.parent;
  const c = keyOnly
    ? { commaAfter: false }
    : commas(text, object, member ? member.offset : start, member ? member.offset + member.length : end);
  return {
    kind: 'key',
    container: object,
    token,
    start,
    end,
    prefix: text.slice(start, offset),
    path,
    nodes,
    keyOnly,
    presentKeys,
    ...c,
  };
}

function valueCursor(
  text: string,
  property: Node,
  offset: number,
  path: Segment[],
  nodes: (Node | undefined)[],
  token: Node | undefined,
): Cursor {
  const [start, end] = span(text, offset, token);
  return {
    kind: 'value',
    container: property,
    property,
    token,
    start,
    end,
    prefix: text.slice(start, offset),
    path,
    nodes,
    keyOnly: false,
    commaAfter: false,
    presentKeys: new Set(),
  };
}

function itemCursor(
  text: string,
  array: Node,
  offset: number,
  path: Segment[],
  nodes: (Node | undefined)[],
  token: Node | undefined,
  index: number,
): Cursor {
  const [start, end] = span(text, offset, token);
  const c = token ? { commaAfter: false } : commas(text, array, start, end);
  return {
    kind: 'item',
    container: array,
    token,
    start,
    end,
    prefix: text.slice(start, offset),
    path,
    nodes,
    keyOnly: false,
    presentKeys: new Set(),
    index,
    ...c,
  };
}

/** The key or scalar value under the cursor (binary search among siblings; the depth of the tree in cost). */
export function leafAt(root: Node, offset: number): Node | undefined {
  let node: Node | undefined = root;
  while (node) {
    if (node.type !== 'object' && node.type !== 'array' && node.type !== 'property')
      return offset >= node.offset && offset <= node.offset + node.length ? node : undefined;
    const children: Node[] = node.children ?? [];
    let lo = 0;
    let hi = children.length - 1;
    let found: Node | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = children[mid];
      if (offset < c.offset) hi = mid - 1;
      else if (offset > c.offset + c.length) lo = mid + 1;
      else {
        found = c;
        // A key ends where its colon begins: prefer the later sibling on a shared boundary.
        const next = children[mid + 1];
        if (next && offset === next.offset) found = next;
        break;
      }
    }
    node = found;
  }
  return undefined;
}
