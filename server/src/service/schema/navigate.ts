/**
 * Which schemas apply at a JSON location: the one way completion and hover walk the
 * bundled schemas. From the document root (app, pod, group or array of apps) each path
 * segment goes through `properties`, `additionalProperties` and `items`, resolving
 * `$ref`, `allOf` and the `if/then/else` branch that the document's own values select
 * (the volume kind, the external provider, a string or object `unreachableStrategy`),
 * just as the validator does. Where the values do not decide yet (a volume that has
 * only `containerPath` so far), every branch applies, so that completion can offer the
 * keys that would decide it.
 *
 * Cost: proportional to the depth of the path and the size of the schemas touched,
 * never to the document.
 */
import type { DefinitionKind } from '../detect';
import { elements, prop, type Node } from '../json';
import { resolveRef, type JsonSchema } from './schemas';

export type Segment = string | number;

/** A schema that applies at a location, with the schemas that led to it (outermost first). */
export interface Applicable {
  schema: JsonSchema;
  /** The schema file `$ref`s inside `schema` are relative to. */
  base: string;
  /**
   * The chain from the property (or item) schema to this one: a property's own
   * `description`/`default` next to its `$ref` come first, then the referenced type's.
   */
  trail: JsonSchema[];
  /** Set when this schema is one of several branches the document does not decide yet. */
  alternative?: { of: JsonSchema; leaf: number };
}

const ROOTS: Record<DefinitionKind, { schema: JsonSchema; base: string }> = {
  app: { schema: { $ref: 'app.schema.json#' }, base: 'app.schema.json' },
  pod: { schema: { $ref: 'pod.schema.json#' }, base: 'pod.schema.json' },
  group: { schema: { $ref: 'group.schema.json#' }, base: 'group.schema.json' },
  apps: { schema: { type: 'array', items: { $ref: 'app.schema.json#' } }, base: 'app.schema.json' },
};

const MAX_DEPTH = 24;

/**
 * The schemas that apply to the value at `path` (from the document root node `root`).
 * With `open`, the value at the end of the path is about to be replaced: its branches
 * are not decided by what is written there now.
 */
export function schemasAt(
  kind: DefinitionKind,
  root: Node | undefined,
  path: Segment[],
  open = false,
): Applicable[] {
  const start = ROOTS[kind];
  let current = expand(start.schema, start.base, open && !path.length ? undefined : root, [], 0);
  let node = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const child = open && i === path.length - 1 ? undefined : childOf(node, seg);
    const next: Applicable[] = [];
    for (const a of current) for (const s of step(a, seg)) next.push(...expand(s, a.base, child, [], 0));
    current = unique(next);
    node = child;
    if (!current.length) break;
  }
  return current;
}

/** The property schemas of the objects that apply (first description wins), in schema order. */
export function propertySchemas(
  applicable: Applicable[],
): Map<string, { schema: JsonSchema; base: string }[]> {
  const out = new Map<string, { schema: JsonSchema; base: string }[]>();
  for (const a of applicable) {
    const props = a.schema.properties;
    if (!props || typeof props !== 'object') continue;
    for (const [k, s] of Object.entries(props as Record<string, JsonSchema>)) {
      if (!s || typeof s !== 'object') continue;
      const list = out.get(k) ?? [];
      list.push({ schema: s, base: a.base });
      out.set(k, list);
    }
  }
  return out;
}

/** The applicable schemas of one property schema (its `$ref` and branches resolved against `node`). */
export function expandProperty(
  list: { schema: JsonSchema; base: string }[],
  node: Node | undefined,
): Applicable[] {
  return unique(list.flatMap((p) => expand(p.schema, p.base, node, [], 0)));
}

/**
 * Names of the `required` properties of the applicable object schemas. Of branches not
 * decided yet, only what every branch requires (a volume's `containerPath`, not its
 * `persistent`).
 */
export function requiredOf(applicable: Applicable[]): Set<string> {
  const out = new Set<string>();
  const alternatives = new Map<JsonSchema, Map<number, Set<string>>>();
  for (const a of applicable) {
    const req = Array.isArray(a.schema.required) ? a.schema.required.map(String) : [];
    if (!a.alternative) {
      for (const r of req) out.add(r);
      continue;
    }
    const leaves = alternatives.get(a.alternative.of) ?? new Map<number, Set<string>>();
    alternatives.set(a.alternative.of, leaves);
    const set = leaves.get(a.alternative.leaf) ?? new Set<string>();
    leaves.set(a.alternative.leaf, set);
    for (const r of req) set.add(r);
  }
  for (const leaves of alternatives.values()) {
    const sets = [...leaves.values()];
    for (const r of sets[0] ?? []) if (sets.every((x) => x.has(r))) out.add(r);
  }
  return out;
}

/** The first value of annotation `key` along the trails (a property's own annotation first). */
export function annotation(applicable: Applicable[], key: string): unknown {
  for (const a of applicable)
    for (const s of a.trail) if (s[key] !== undefined && s[key] !== null) return s[key];
  return undefined;
}

/** Every distinct value of annotation `key` along the trails, outermost first. */
export function annotations(applicable: Applicable[], key: string): unknown[] {
  const out: unknown[] = [];
  for (const a of applicable)
    for (const s of a.trail) if (s[key] !== undefined && !out.includes(s[key])) out.push(s[key]);
  return out;
}

/** Union of the JSON types the applicable schemas allow. */
export function typesOf(applicable: Applicable[]): Set<string> {
  const out = new Set<string>();
  for (const a of applicable) {
    const t = a.schema.type;
    if (typeof t === 'string') out.add(t);
    else if (Array.isArray(t)) for (const x of t) out.add(String(x));
    if (Array.isArray(a.schema.enum) || a.schema.const !== undefined) {
      for (const v of a.schema.enum ?? [a.schema.const]) out.add(jsonType(v));
    }
  }
  return out;
}

/** Allowed values (`enum`/`const`); undefined when any applicable schema leaves the value open. */
export function enumOf(applicable: Applicable[]): unknown[] | undefined {
  let out: unknown[] | undefined;
  for (const a of applicable) {
    const s = a.schema;
    const values = Array.isArray(s.enum) ? s.enum : s.const !== undefined ? [s.const] : undefined;
    if (!values) continue;
    out ??= [];
    for (const v of values) if (!out.some((o) => JSON.stringify(o) === JSON.stringify(v))) out.push(v);
  }
  return out;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function unique(list: Applicable[]): Applicable[] {
  const seen = new Set<JsonSchema>();
  return list.filter((a) => (seen.has(a.schema) ? false : (seen.add(a.schema), true)));
}

function childOf(node: Node | undefined, seg: Segment): Node | undefined {
  if (!node) return undefined;
  if (typeof seg === 'number') return node.type === 'array' ? elements(node)[seg] : undefined;
  return node.type === 'object' ? prop(node, seg) : undefined;
}

/** The sub-schemas of an applicable schema for one path segment. */
function step(a: Applicable, seg: Segment): JsonSchema[] {
  const s = a.schema;
  if (typeof seg === 'string') {
    const p = s.properties?.[seg];
    if (p && typeof p === 'object') return [p];
    if (s.patternProperties && typeof s.patternProperties === 'object') {
      const out: JsonSchema[] = [];
      for (const [re, ps] of Object.entries(s.patternProperties as Record<string, JsonSchema>)) {
        try {
          if (new RegExp(re, 'u').test(seg)) out.push(ps);
        } catch {
          // an invalid pattern matches nothing
        }
      }
      if (out.length) return out;
    }
    return s.additionalProperties && typeof s.additionalProperties === 'object'
      ? [s.additionalProperties]
      : [];
  }
  if (Array.isArray(s.items)) {
    const i = s.items[seg];
    if (i && typeof i === 'object') return [i];
    return s.additionalItems && typeof s.additionalItems === 'object' ? [s.additionalItems] : [];
  }
  return s.items && typeof s.items === 'object' ? [s.items] : [];
}

/** A schema with its `$ref`, `allOf` and conditionals resolved against `node`. */
function expand(
  schema: JsonSchema,
  base: string,
  node: Node | undefined,
  trail: JsonSchema[],
  depth: number,
): Applicable[] {
  if (!schema || typeof schema !== 'object' || depth > MAX_DEPTH) return [];
  const here = [...trail, schema];
  if (typeof schema.$ref === 'string') {
    const r = resolveRef(schema.$ref, base);
    return r.schema ? expand(r.schema, r.base, node, here, depth + 1) : [];
  }
  const out: Applicable[] = [{ schema, base, trail: here }];
  for (const sub of Array.isArray(schema.allOf) ? schema.allOf : [])
    out.push(...expand(sub, base, node, here, depth + 1));
  for (const key of ['anyOf', 'oneOf'] as const)
    for (const sub of Array.isArray(schema[key]) ? schema[key] : [])
      out.push(...expand(sub, base, node, here, depth + 1));
  if (schema.if && typeof schema.if === 'object') {
    const chosen = branches(schema, base, node);
    chosen.forEach((leaf, i) => {
      for (const a of expand(leaf, base, node, here, depth + 1))
        out.push(chosen.length > 1 && !a.alternative ? { ...a, alternative: { of: schema, leaf: i } } : a);
    });
  }
  return out;
}

interface Choice {
  leaf: JsonSchema;
  /** Some `if` matched on the way: the values chose this branch. */
  positive: boolean;
  /** Some `if` failed on a value that is there (not merely on a missing key). */
  definite: boolean;
}

/**
 * The branches of an `if/then/else` chain that apply: the one the values select when
 * they decide it, else all of them (a value not written yet, or an object that has none
 * of the keys telling the branches apart).
 */
function branches(schema: JsonSchema, base: string, node: Node | undefined): JsonSchema[] {
  const all = leaves(schema);
  if (!node) return all;
  const c = choose(schema, base, node);
  if (c.positive || c.definite) return [c.leaf];
  // Only else-branches taken because keys are missing: decided only if the object has a
  // key that belongs to this branch and to no other.
  if (node.type === 'object') {
    const mine = keysOf(c.leaf, base);
    const others = new Set(all.filter((l) => l !== c.leaf).flatMap((l) => [...keysOf(l, base)]));
    for (const p of node.children ?? []) {
      const k = p.children?.[0]?.value;
      if (typeof k === 'string' && mine.has(k) && !others.has(k)) return [c.leaf];
    }
    return all;
  }
  return [c.leaf];
}

function leaves(schema: JsonSchema): JsonSchema[] {
  if (!schema.if || typeof schema.if !== 'object') return [schema];
  return [...leaves(schema.then ?? {}), ...leaves(schema.else ?? {})];
}

function choose(schema: JsonSchema, base: string, node: Node): Choice {
  if (!schema.if || typeof schema.if !== 'object') return { leaf: schema, positive: false, definite: false };
  const r = test(schema.if, base, node, 0);
  if (r.ok) {
    const c = choose(schema.then ?? {}, base, node);
    return { ...c, positive: true };
  }
  const c = choose(schema.else ?? {}, base, node);
  return { ...c, definite: c.definite || r.definite };
}

/** Property names a branch schema declares (through `$ref`s and `allOf`). */
function keysOf(schema: JsonSchema, base: string, depth = 0): Set<string> {
  const out = new Set<string>();
  if (!schema || typeof schema !== 'object' || depth > MAX_DEPTH) return out;
  if (typeof schema.$ref === 'string') {
    const r = resolveRef(schema.$ref, base);
    return r.schema ? keysOf(r.schema, r.base, depth + 1) : out;
  }
  for (const k of Object.keys(schema.properties ?? {})) out.add(k);
  for (const sub of Array.isArray(schema.allOf) ? schema.allOf : [])
    for (const k of keysOf(sub, base, depth + 1)) out.add(k);
  return out;
}

interface TestResult {
  ok: boolean;
  /** The failure is about a value that is present (a wrong type or constant), not a missing key. */
  definite: boolean;
}

const OK: TestResult = { ok: true, definite: false };

/**
 * Evaluates the small subset of JSON Schema the schemas' `if`s use (`type`, `required`,
 * `properties`, `const`, `enum`, `$ref`); other keywords count as satisfied.
 */
function test(schema: JsonSchema, base: string, node: Node | undefined, depth: number): TestResult {
  if (!schema || typeof schema !== 'object' || depth > MAX_DEPTH) return OK;
  if (typeof schema.$ref === 'string') {
    const r = resolveRef(schema.$ref, base);
    return r.schema ? test(r.schema, r.base, node, depth + 1) : OK;
  }
  if (!node) return { ok: false, definite: false };
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t: string) => nodeHasType(node, t))) return { ok: false, definite: true };
  }
  if (schema.const !== undefined && !sameValue(node, schema.const)) return { ok: false, definite: true };
  if (Array.isArray(schema.enum) && !schema.enum.some((v: unknown) => sameValue(node, v)))
    return { ok: false, definite: true };
  if (node.type === 'object') {
    if (Array.isArray(schema.required))
      for (const k of schema.required)
        if (!prop(node, String(k)) && !hasKey(node, String(k))) return { ok: false, definite: false };
    if (schema.properties && typeof schema.properties === 'object')
      for (const [k, sub] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
        const child = prop(node, k);
        if (!child) continue;
        const r = test(sub, base, child, depth + 1);
        if (!r.ok) return r;
      }
  }
  return OK;
}

function hasKey(node: Node, key: string): boolean {
  return (node.children ?? []).some((p) => p.children?.[0]?.value === key);
}

function nodeHasType(node: Node, t: string): boolean {
  switch (t) {
    case 'integer':
      return node.type === 'number' && Number.isInteger(node.value);
    case 'number':
    case 'string':
    case 'boolean':
    case 'object':
    case 'array':
    case 'null':
      return node.type === t;
    default:
      return true;
  }
}

function sameValue(node: Node, v: unknown): boolean {
  if (v === null) return node.type === 'null';
  if (typeof v === 'object') return false;
  return node.type !== 'object' && node.type !== 'array' && node.value === v;
}
