/**
 * jsonc-parser's syntax tree, built compactly. `parseTree` gives each container an empty
 * `children` array and pushes into it, so V8 reserves 17 slots for the two children of
 * every property, and it adds `colonOffset` to a property node after making it, which
 * puts that field out of the object. A 6 MB group took 97 MB that way. This builds the
 * same tree (the same `Node` fields, offsets, lengths and error recovery) from
 * jsonc-parser's own `visit`, with every `children` array made at its final size once
 * the container ends, every field present from the start, and each key or short value
 * one string however often it occurs: 55 MB.
 */
import { visit, type Node, type NodeType, type ParseError, type ParseOptions } from 'jsonc-parser';

/** jsonc-parser's nodes are read-only by type; they are built here. */
type Building = { -readonly [K in keyof Node]: Node[K] };

/** Strings up to this long are shared within a tree (longer ones rarely repeat). */
const INTERNED_LENGTH = 24;

/** Strict JSON, as Marathon reads it. */
export const STRICT: ParseOptions = { disallowComments: true, allowTrailingComma: false };

/**
 * The syntax tree of `text` (undefined for a text with no value), with its syntax errors
 * appended to `errors`: what jsonc-parser's `parseTree` returns, in less memory.
 */
export function parseJsonTree(
  text: string,
  errors: ParseError[] = [],
  options: ParseOptions = STRICT,
): Node | undefined {
  /** The open objects, arrays and properties, innermost last. */
  const open: Building[] = [];
  /** Where the children of each open container start in `pending`. */
  const starts: number[] = [];
  /** The children made so far of every open container, innermost last. */
  const pending: Node[] = [];
  let root: Node | undefined;
  // Keys and short values repeat throughout a document ("id", "containerPath", "RW"): one
  // string each (the scanner makes a new one per token).
  const strings = new Map<string, string>();
  const intern = (v: string) => {
    if (v.length > INTERNED_LENGTH) return own(v);
    const known = strings.get(v);
    if (known !== undefined) return known;
    const copy = own(v);
    strings.set(copy, copy);
    return copy;
  };

  const parent = () => open[open.length - 1] as Node | undefined;
  const add = (node: Node) => {
    if (open.length) pending.push(node);
    else root ??= node;
  };
  const begin = (node: Building) => {
    open.push(node);
    starts.push(pending.length);
  };
  /** Ends the innermost container at `end`: its children leave `pending` for an array of their own. */
  const end = (endOffset: number) => {
    const node = open.pop()!;
    const start = starts.pop()!;
    node.length = endOffset - node.offset;
    node.children = pending.slice(start);
    pending.length = start;
    add(node);
  };
  // A property ends after its value, at a comma, or with its object (a missing value).
  const endProperty = (endOffset: number) => {
    if (open.length && open[open.length - 1].type === 'property') end(endOffset);
  };

  visit(
    text,
    {
      onObjectBegin: (offset) => {
        begin({ type: 'object', offset, length: -1, parent: parent(), children: undefined });
      },
      onObjectProperty: (name, offset, length) => {
        const property: Building = {
          type: 'property',
          offset,
          length: -1,
          parent: parent(),
          children: undefined,
          colonOffset: undefined,
        };
        begin(property);
        pending.push({ type: 'string', offset, length, parent: property, value: intern(name) });
      },
      onObjectEnd: (offset, length) => {
        endProperty(offset + length);
        end(offset + length);
        endProperty(offset + length);
      },
      onArrayBegin: (offset) => {
        begin({ type: 'array', offset, length: -1, parent: parent(), children: undefined });
      },
      onArrayEnd: (offset, length) => {
        end(offset + length);
        endProperty(offset + length);
      },
      onLiteralValue: (value: unknown, offset, length) => {
        add({
          type: literalType(value),
          offset,
          length,
          parent: parent(),
          value: typeof value === 'string' ? intern(value) : value,
        });
        endProperty(offset + length);
      },
      onSeparator: (separator, offset) => {
        const top = open[open.length - 1];
        if (top?.type !== 'property') return;
        if (separator === ':') top.colonOffset = offset;
        else if (separator === ',') end(offset);
      },
      onError: (error, offset, length) => {
        errors.push({ error, offset, length });
      },
    },
    options,
  );
  // The parser ends every container it begins (at the end of the text, if need be), so
  // nothing is left open here.
  return root;
}

/** A literal's node type, as jsonc-parser names it (a literal is a string, a number, a boolean or null). */
function literalType(value: unknown): NodeType {
  const t = typeof value;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : 'null';
}

/**
 * `s`, not as a view of the text it was scanned from. V8 makes a substring of 13 or more
 * characters a view that keeps its whole parent alive: the values of a tree that outlives
 * its text (after an edit, the untouched apps keep their nodes) kept every version of a
 * large document in memory, 6 MB per keystroke in a 5,000-app group.
 */
function own(s: string): string {
  if (s.length < 13) return s;
  const copy = ' ' + s;
  // Converting the concatenation to a number makes V8 flatten it into one new string (the
  // number is of no interest); without it, slice would hand back the view inside it.
  Number(copy);
  return copy.slice(1);
}
