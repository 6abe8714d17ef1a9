/**
 * Incremental re-parsing: after an edit, only the innermost object or array that
 * contains the changed span is parsed again, and the new subtree replaces the old
 * one in place; the nodes after it are shifted. A keystroke in one app of a 1,000-app
 * group therefore costs a parse of that app, not of the whole document. Whenever
 * the shortcut could differ from a full parse (syntax errors before or after, a
 * template, a limit, an edit that crosses a container's brackets), it is not taken.
 */
import type { Node, ParseError } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { longString, maxDepth, parseDocument, type ParsedDocument } from './document';
import { childContaining } from './json';
import type { LimitSettings } from './settings';
import { parseJsonTree } from './tree';

/** jsonc-parser's nodes are read-only by type; this module is the one place that updates them. */
type MutableNode = { -readonly [K in keyof Node]: Node[K] };
const mutable = (n: Node) => n as MutableNode;

/** One edit of the previous text: `[offset, offset + length)` was replaced by `text`. */
export interface TextChange {
  offset: number;
  length: number;
  text: string;
}

/**
 * The parsed document of `text`, the previous version's text with `change` applied.
 * Reuses (and updates in place) the previous tree when it can.
 */
export function reparseDocument(
  prev: ParsedDocument,
  version: number,
  text: string,
  change: TextChange,
  limits: LimitSettings,
  lines: TextDocument = TextDocument.create(prev.uri, 'json', version, text),
): ParsedDocument {
  const spliced = incrementalTree(prev, text, change, limits);
  if (!spliced) return parseDocument(prev.uri, version, text, limits, lines);
  return {
    uri: prev.uri,
    version,
    text,
    lines,
    tree: spliced.tree,
    syntaxErrors: [],
    template: false,
    placeholders: [],
    parsedChars: spliced.parsed,
  };
}

function incrementalTree(
  prev: ParsedDocument,
  text: string,
  change: TextChange,
  limits: LimitSettings,
): { tree: Node; parsed: number } | undefined {
  const root = prev.tree;
  if (
    !root ||
    prev.limit ||
    prev.template ||
    prev.syntaxErrors.length ||
    text.length > limits.maxDocumentSize
  )
    return undefined;
  const start = change.offset;
  const end = change.offset + change.length;
  const delta = change.text.length - change.length;
  if (prev.text.length + delta !== text.length) return undefined;

  // A document that is one app or pod is that unit: parsed whole (it is small), so that
  // everything keyed by the unit's node sees a new node whenever the unit changes.
  if (root.type === 'object' && !isContainerOfUnits(root)) return undefined;

  // The innermost container whose brackets are both outside the changed span; but an
  // edit inside an app or pod re-parses that whole unit (never less), for the same reason.
  let node: Node | undefined;
  let depth = 0;
  for (let cur: Node | undefined = root; cur;) {
    if (!(
      (cur.type === 'object' || cur.type === 'array') &&
      cur.offset < start &&
      end < cur.offset + cur.length
    ))
      break;
    node = cur;
    depth++;
    if (isUnit(cur)) break;
    let next = childContaining(cur, start, end);
    if (next?.type === 'property') next = childContaining(next, start, end);
    cur = next;
  }
  if (!node) return undefined;

  const sub = text.slice(node.offset, node.offset + node.length + delta);
  // A string past the length limit puts the document in syntax-only mode: a full parse says so.
  if (longString(sub, limits.maxStringLength)) return undefined;
  if (depth + maxDepth(sub, limits.maxNestingDepth) > limits.maxNestingDepth) return undefined;
  const errors: ParseError[] = [];
  const fresh = parseJsonTree(sub, errors);
  if (
    errors.length ||
    !fresh ||
    fresh.type !== node.type ||
    fresh.offset !== 0 ||
    fresh.length !== sub.length
  )
    return undefined;

  // Splice the new subtree in place of the old one.
  shift(fresh, node.offset);
  const parent = node.parent;
  mutable(fresh).parent = parent;
  if (parent?.children) parent.children[parent.children.indexOf(node)] = fresh;
  // Everything after the edit moves by delta; every container around it grows by delta.
  if (delta) {
    let child: Node = fresh;
    for (let a = parent; a; child = a, a = a.parent) {
      mutable(a).length += delta;
      const siblings = a.children ?? [];
      for (let i = siblings.indexOf(child) + 1; i < siblings.length; i++) shift(siblings[i], delta);
    }
  }
  return { tree: parent ? root : fresh, parsed: sub.length };
}

/** A group (or the root group): it holds apps, pods or groups. */
function isContainerOfUnits(obj: Node): boolean {
  return (obj.children ?? []).some((p) => {
    const k = p.children?.[0]?.value;
    return (k === 'apps' || k === 'pods' || k === 'groups') && p.children?.[1]?.type === 'array';
  });
}

/** An app or pod: an object in a group's `apps`/`pods` array, or in a top-level array of apps. */
function isUnit(node: Node): boolean {
  const array = node.parent;
  if (node.type !== 'object' || array?.type !== 'array') return false;
  const owner = array.parent;
  if (!owner) return true;
  const key = owner.type === 'property' ? owner.children?.[0]?.value : undefined;
  return key === 'apps' || key === 'pods';
}

/** Moves a subtree by `delta` characters (iteratively: subtrees may be deep). */
function shift(node: Node, delta: number): void {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    mutable(n).offset += delta;
    if (n.children) for (const c of n.children) stack.push(c);
  }
}
