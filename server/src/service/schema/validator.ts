/**
 * Schema validation with ajv, compiled once per process. Each app, pod and group
 * of a document is validated on its own (the schemas pick union branches with
 * if/then/else, as Marathon's parser does), and ajv's errors are turned into
 * plain problems located on the deepest offending node.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { keyOf, parsePointer, propertyNode, elements, value, type Node } from '../json';
import type { DefinitionModel } from '../model';
import { resolveRef, SCHEMAS } from './schemas';

export type SchemaProblemKind = 'type' | 'enum' | 'required' | 'range' | 'unknown' | 'deprecated';

export interface SchemaProblem {
  kind: SchemaProblemKind;
  /** Where to report. */
  node: Node;
  /** ajv keyword (`minimum`, `pattern`, ...). */
  keyword: string;
  params: Record<string, any>;
  /** The schema of the offending value (descriptions, deprecation messages). */
  schema: Record<string, any> | undefined;
  data: unknown;
}

type Validators = Record<'app' | 'pod' | 'group', ValidateFunction>;

declare const MARATHON_PRECOMPILED: boolean | undefined;

let compiled: Validators | undefined;

/**
 * The validators: in the bundles, standalone code generated at build time (no schema
 * compilation at run time: first diagnostics come at once); from the sources, compiled
 * from the schemas on first use.
 */
function validators(): Validators {
  if (!compiled) {
    /* eslint-disable @typescript-eslint/no-require-imports -- resolved at bundle time, see scripts/build.mjs */
    compiled =
      typeof MARATHON_PRECOMPILED === 'boolean' && MARATHON_PRECOMPILED
        ? (require('#schema-validators') as Validators)
        : (require('./compile') as typeof import('./compile')).compileValidators();
    /* eslint-enable @typescript-eslint/no-require-imports */
  }
  return compiled;
}

const KIND_OF_KEYWORD: Record<string, SchemaProblemKind> = {
  type: 'type',
  enum: 'enum',
  const: 'enum',
  required: 'required',
  additionalProperties: 'unknown',
  deprecationMessage: 'deprecated',
  minimum: 'range',
  maximum: 'range',
  exclusiveMinimum: 'range',
  exclusiveMaximum: 'range',
  minLength: 'range',
  maxLength: 'range',
  pattern: 'range',
  format: 'range',
  minItems: 'range',
  maxItems: 'range',
  uniqueItems: 'range',
  minProperties: 'range',
  maxProperties: 'range',
  multipleOf: 'range',
};

/** Schema problems of one unit: an app, a pod, or a group's own fields (`shell`). */
export function validateUnit(kind: 'app' | 'pod' | 'group', unit: Node, text?: string): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  try {
    run(validators()[kind], unit, out, kind === 'group' ? shellValue(unit) : unitValue(unit, text));
  } catch (e) {
    // A pattern on a multi-megabyte value overflows the stack (marathon.limits.maxStringLength
    // keeps such values away by default): no schema problems, once, rather than a failure
    // that each schema rule meets again.
    console.error(`marathon: schema validation of a ${kind} failed: ${(e as Error)?.message ?? e}`);
    return [];
  }
  return out;
}

const MEMBERS = new Set(['apps', 'pods', 'groups']);

/** A group's own fields, with the entries of apps/pods/groups as empty objects (they are units of their own). */
function shellValue(group: Node): unknown {
  if (group.type !== 'object') return plainValue(group);
  const out: Record<string, unknown> = {};
  for (const p of group.children ?? []) {
    const [k, v] = p.children ?? [];
    if (!k || typeof k.value !== 'string') continue;
    out[k.value] =
      MEMBERS.has(k.value) && v?.type === 'array'
        ? (v.children ?? []).map((e) => (e.type === 'object' ? {} : plainValue(e)))
        : plainValue(v);
  }
  return out;
}

/**
 * The plain value of a unit: the native JSON.parse of its text when the document text is
 * strict JSON there (several times faster than walking the tree), else built from the tree.
 */
function unitValue(unit: Node, text: string | undefined): unknown {
  if (text !== undefined && unit.type === 'object') {
    try {
      return capArrays(JSON.parse(text.slice(unit.offset, unit.offset + unit.length)));
    } catch {
      // Not strict JSON there (a template, a recovered syntax error): use the tree.
    }
  }
  return plainValue(unit);
}

/**
 * Arrays are schema-checked up to this many items: ajv's uniqueItems compares every pair
 * of object items, which would take seconds on an array of tens of thousands.
 */
export const MAX_VALIDATED_ITEMS = 1000;

/** Cuts the arrays of a parsed value down to MAX_VALIDATED_ITEMS (iteratively, in place). */
function capArrays(value: unknown): unknown {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      if (v.length > MAX_VALIDATED_ITEMS) v.length = MAX_VALIDATED_ITEMS;
      for (const x of v) if (x && typeof x === 'object') stack.push(x);
    } else if (v && typeof v === 'object')
      for (const x of Object.values(v)) if (x && typeof x === 'object') stack.push(x);
  }
  return value;
}

/**
 * The value of a (possibly error-recovered) tree with ordinary objects: jsonc-parser's
 * own getNodeValue makes prototype-less objects, on which ajv's deep equality throws.
 */
function plainValue(node: Node | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && typeof k.value === 'string')
          Object.defineProperty(out, k.value, {
            value: plainValue(v),
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).slice(0, MAX_VALIDATED_ITEMS).map(plainValue);
    default:
      return node.value;
  }
}

/** Schema problems of a whole model (every app, pod and group shell). */
export function validateModel(model: DefinitionModel): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  for (const app of model.apps) out.push(...validateUnit('app', app.node));
  for (const pod of model.pods) out.push(...validateUnit('pod', pod.node));
  for (const group of model.groups) out.push(...validateUnit('group', group.node));
  if (model.kind === 'apps')
    for (const item of elements(model.root)) if (item.type !== 'object') out.push(typeProblem(item));
  return out;
}

function typeProblem(node: Node): SchemaProblem {
  return {
    kind: 'type',
    node,
    keyword: 'type',
    params: { type: 'object' },
    schema: undefined,
    data: value(node),
  };
}

function run(validate: ValidateFunction, unit: Node, out: SchemaProblem[], data: unknown): void {
  if (validate(data)) return;
  const seen = new Set<string>();
  for (const e of withoutOptionalNulls(validate, data, [...(validate.errors ?? [])])) {
    const problem = toProblem(e, unit);
    if (!problem) continue;
    const key = `${problem.node.offset}:${problem.kind}:${problem.keyword}:${JSON.stringify(problem.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(problem);
  }
}

/**
 * Marathon's generated readers take `null` for an optional field as if the field were absent
 * (play-json `validateOpt`/`readNullable`; a defaulted field gets its default), so exported
 * definitions full of `"cmd": null`, `"ipAddress": null` are accepted. The document is
 * validated again without those nulls; a required field given as `null` keeps its type error
 * (Marathon still rejects it), and so does `null` as the value of a map entry (labels, env).
 */
function withoutOptionalNulls(
  validate: ValidateFunction,
  data: unknown,
  errors: ErrorObject[],
): ErrorObject[] {
  const nulls: ErrorObject[] = [];
  const paths = new Set<string>();
  let value = data;
  let current = errors;
  // Without a null the schemas may choose another branch (a volume kind), where another null
  // shows: a few rounds, one per branch decided by a null.
  for (let round = 0; round < 8; round++) {
    const fresh = current.filter(
      (e) =>
        e.keyword === 'type' &&
        e.data === null &&
        !paths.has(e.instancePath) &&
        isRecordMember(value, e.instancePath),
    );
    if (!fresh.length) break;
    if (value === data) value = structuredClone(data);
    for (const e of fresh) {
      nulls.push(e);
      paths.add(e.instancePath);
      const segs = parsePointer(e.instancePath);
      const parent = segs.slice(0, -1).reduce<any>((cur, seg) => cur?.[seg], value);
      delete parent[segs[segs.length - 1]];
    }
    current = validate(value) ? [] : [...(validate.errors ?? [])];
  }
  if (!nulls.length) return errors;
  return current.flatMap((e) => {
    if (e.keyword !== 'required') return [e];
    const path = `${e.instancePath}/${String(e.params.missingProperty).replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return paths.has(path) ? nulls.filter((n) => n.instancePath === path) : [e];
  });
}

/** Property names whose value is a map (name → value) in the schemas: their entries are not optional fields. */
let mapKeys: Set<string> | undefined;
function mapProperties(): Set<string> {
  if (mapKeys) return mapKeys;
  mapKeys = new Set();
  const walk = (s: unknown, base: string): void => {
    if (!s || typeof s !== 'object') return;
    if (Array.isArray(s)) return s.forEach((x) => walk(x, base));
    const o = s as Record<string, any>;
    if (o.properties && typeof o.properties === 'object')
      for (const [k, v] of Object.entries<any>(o.properties)) {
        const target = typeof v?.$ref === 'string' ? resolveRef(v.$ref, base).schema : v;
        if (target && (typeof target.additionalProperties === 'object' || target.patternProperties))
          mapKeys!.add(k);
      }
    for (const v of Object.values(o)) walk(v, base);
  };
  for (const [id, schema] of Object.entries(SCHEMAS)) walk(schema, id);
  return mapKeys;
}

/** True when the value at `instancePath` is a member of an object that is a record (not a map entry). */
function isRecordMember(data: unknown, instancePath: string): boolean {
  const segs = parsePointer(instancePath);
  if (!segs.length) return false;
  const parent = segs.slice(0, -1).reduce<any>((cur, seg) => cur?.[seg], data);
  if (!parent || typeof parent !== 'object' || Array.isArray(parent)) return false;
  return segs.length < 2 || !mapProperties().has(segs[segs.length - 2]);
}

function toProblem(e: ErrorObject, unit: Node): SchemaProblem | undefined {
  const kind = KIND_OF_KEYWORD[e.keyword];
  if (!kind) return undefined; // if/then/else, allOf...: the branch's own errors say it better
  const schema = e.parentSchema as Record<string, any> | undefined;
  if (kind === 'enum' && isCaseVariant(e)) return undefined;
  const target = locate(unit, e.instancePath);
  if (!target) return undefined;
  let node: Node = target;
  if (kind === 'unknown') {
    node = propertyOf(target, String(e.params.additionalProperty))?.children?.[0] ?? target;
  } else if (kind === 'required') {
    node = keyOf(target) ?? target;
  } else if (kind === 'deprecated') {
    node = keyOf(target) ?? target;
  }
  return { kind, node, keyword: e.keyword, params: e.params as Record<string, any>, schema, data: e.data };
}

/** Marathon lower-cases enum input before matching (P2), except where the schema says otherwise. */
function isCaseVariant(e: ErrorObject): boolean {
  const schema = e.parentSchema as Record<string, any> | undefined;
  if (!schema || schema['x-caseSensitive'] || typeof e.data !== 'string') return false;
  const allowed: unknown[] =
    e.keyword === 'const' ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : [];
  const lower = (e.data as string).toLowerCase();
  return allowed.some((a) => typeof a === 'string' && a.toLowerCase() === lower);
}

function locate(unit: Node, instancePath: string): Node | undefined {
  let cur: Node | undefined = unit;
  for (const seg of parsePointer(instancePath)) {
    if (!cur) return undefined;
    cur = cur.type === 'array' ? elements(cur)[Number(seg)] : member(cur, seg);
  }
  return cur;
}

/** Property nodes by key (their values are read at lookup: an incremental parse replaces values in place). */
const KEYS = new WeakMap<Node, Map<string, Node>>();

/**
 * `prop`, in constant time on large objects: an object of 20,000 wrong values has 20,000
 * errors, each located by key (a scan per error made that quadratic).
 */
function member(obj: Node, key: string): Node | undefined {
  return propertyOf(obj, key)?.children?.[1];
}

function propertyOf(obj: Node, key: string): Node | undefined {
  const children = obj.children;
  if (obj.type !== 'object' || !children || children.length < 32) return propertyNode(obj, key);
  let keys = KEYS.get(obj);
  if (!keys) {
    keys = new Map();
    // The last of duplicate keys wins, as in `prop` (and in Marathon).
    for (const p of children) {
      const k = p.children?.[0];
      if (k && typeof k.value === 'string') keys.set(k.value, p);
    }
    KEYS.set(obj, keys);
  }
  return keys.get(key);
}
