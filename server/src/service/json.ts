/**
 * Small, total helpers over jsonc-parser syntax trees. Every function accepts
 * `undefined` and nodes of the wrong type, so rules never need to guard.
 */
import { getNodePath, getNodeValue, type Node } from 'jsonc-parser';

export type { Node } from 'jsonc-parser';

/** The property node (`"key": value`) of an object; with duplicate keys, the last wins as in Marathon. */
export function propertyNode(obj: Node | undefined, key: string): Node | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  for (let i = obj.children.length - 1; i >= 0; i--) {
    const p = obj.children[i];
    const k = p.children?.[0];
    if (k && k.value === key) return p;
  }
  return undefined;
}

/** The value node of `obj[key]`. */
export function prop(obj: Node | undefined, key: string): Node | undefined {
  return propertyNode(obj, key)?.children?.[1];
}

/** The key node of `obj[key]` (the string `"key"`), the best place to report a property. */
export function keyNode(obj: Node | undefined, key: string): Node | undefined {
  return propertyNode(obj, key)?.children?.[0];
}

/** The key node of the property that holds `value`, if `value` is a property value. */
export function keyOf(value: Node | undefined): Node | undefined {
  const parent = value?.parent;
  return parent?.type === 'property' && parent.children?.[1] === value ? parent.children?.[0] : undefined;
}

/** Follows a path of keys and indices. */
export function at(node: Node | undefined, ...path: (string | number)[]): Node | undefined {
  let cur = node;
  for (const seg of path) {
    if (!cur) return undefined;
    cur = typeof seg === 'number' ? elements(cur)[seg] : prop(cur, seg);
  }
  return cur;
}

export function has(obj: Node | undefined, key: string): boolean {
  return propertyNode(obj, key) !== undefined;
}

export function isObject(node: Node | undefined): node is Node {
  return node?.type === 'object';
}

export function isArray(node: Node | undefined): node is Node {
  return node?.type === 'array';
}

export function elements(node: Node | undefined): Node[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}

/** Property nodes of an object, in document order. */
export function properties(
  node: Node | undefined,
): { key: string; keyNode: Node; value: Node | undefined }[] {
  if (node?.type !== 'object') return [];
  const out: { key: string; keyNode: Node; value: Node | undefined }[] = [];
  for (const p of node.children ?? []) {
    const k = p.children?.[0];
    if (k && typeof k.value === 'string') out.push({ key: k.value, keyNode: k, value: p.children?.[1] });
  }
  return out;
}

export function str(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

export function num(node: Node | undefined): number | undefined {
  return node?.type === 'number' ? (node.value as number) : undefined;
}

export function bool(node: Node | undefined): boolean | undefined {
  return node?.type === 'boolean' ? (node.value as boolean) : undefined;
}

/** The plain JavaScript value of a node (objects and arrays built on demand). */
export function value(node: Node | undefined): unknown {
  return node ? getNodeValue(node) : undefined;
}

/** The path of a node from the root; for a property key, the path of its property plus `key: true`. */
export function nodePath(node: Node): { path: (string | number)[]; key?: boolean } {
  const parent = node.parent;
  if (parent?.type === 'property' && parent.children?.[0] === node) {
    const value = parent.children?.[1];
    return {
      path: value ? getNodePath(value) : [...getNodePath(parent.parent!), node.value as string],
      key: true,
    };
  }
  return { path: getNodePath(node) };
}

/** JSON Pointer (RFC 6901) of a node, e.g. `/container/volumes/0/mode`. */
export function pointer(node: Node): string {
  return pointerFromPath(getNodePath(node));
}

export function pointerFromPath(path: (string | number)[]): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function parsePointer(ptr: string): string[] {
  if (ptr === '') return [];
  return ptr
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Case-insensitive comparison used for Marathon enums (they are lower-cased before matching). */
export function sameEnum(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

/**
 * The child of `node` whose span contains `[start, end]`, by binary search (children are
 * in document order; a group may hold thousands of apps).
 */
export function childContaining(node: Node, start: number, end: number): Node | undefined {
  const children = node.children;
  if (!children) return undefined;
  let lo = 0;
  let hi = children.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = children[mid];
    if (c.offset + c.length < start) lo = mid + 1;
    else if (c.offset > end) hi = mid - 1;
    else return c.offset <= start && end <= c.offset + c.length ? c : undefined;
  }
  return undefined;
}
