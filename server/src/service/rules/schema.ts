/**
 * The wire format, from the bundled schemas: wrong types, unknown enum values,
 * missing required fields, values out of range, unknown properties (which Marathon
 * silently drops) and deprecated fields. The schemas choose the branch first (volume
 * kind, container type), so each problem is reported once, at the deepest node.
 */
import { getNodePath, printParseErrorCode } from 'jsonc-parser';
import type { ParsedDocument } from '../document';
import { elements, keyOf, properties, propertyNode, value, type Node, type Node as JsonNode } from '../json';
import type { AppView, PodView } from '../model';
import {
  annotation,
  enumOf,
  expandProperty,
  propertySchemas,
  requiredOf,
  schemasAt,
  typesOf,
  type Applicable,
} from '../schema/navigate';
import { validateUnit, type SchemaProblem } from '../schema/validator';
import { nodesAlong, placeOf, references } from '../editing/facts';
import { closest } from '../util/similar';
import { defineRule, type FixProposal, type Report, type Rule, type RuleContext } from './types';
import { parseStrict } from '../util/strictJson';
import { nameLike } from '../util/text';

/** Per document version: a node survives an incremental re-parse, its content may not. */
const cache = new WeakMap<ParsedDocument, Map<Node, SchemaProblem[]>>();

/** Schema problems of an app, pod or group shell, computed once per version and shared by the schema rules. */
function problemsOf(kind: 'app' | 'pod' | 'group', unit: Node, doc: ParsedDocument): SchemaProblem[] {
  let byNode = cache.get(doc);
  if (!byNode) cache.set(doc, (byNode = new Map()));
  let p = byNode.get(unit);
  const text = doc.syntaxErrors.length || doc.template ? undefined : doc.text;
  if (!p) byNode.set(unit, (p = validateUnit(kind, unit, text)));
  return p;
}

/** Problems of the group shells (a group's own fields; its apps and pods are units of their own). */
function groupProblems(ctx: RuleContext): SchemaProblem[] {
  return ctx.model.groups.flatMap((g) => problemsOf('group', g.node, ctx.doc));
}

function fieldOf(node: JsonNode): string {
  const key = keyOf(node);
  if (key) return String(key.value);
  if (node.type === 'property') return String(node.children?.[0]?.value);
  if (node.parent?.type === 'property') return String(node.parent.children?.[0]?.value);
  const arr = node.parent;
  if (arr?.type === 'array') {
    const i = arr.children?.indexOf(node) ?? -1;
    const owner = keyOf(arr);
    return `${owner ? String(owner.value) : ''}[${i}]`;
  }
  return '';
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/**
 * Where the tree stops being trustworthy: with an unclosed brace or bracket, the parser
 * guesses which object the members after the first syntax error belong to (a missing `}`
 * puts `"cpus"` inside `"secrets"`), so schema problems from there on describe the guess.
 */
function recoveredFrom(doc: ParsedDocument): number {
  const unclosed = doc.syntaxErrors.some((e) => {
    const code = printParseErrorCode(e.error);
    return code === 'CloseBraceExpected' || code === 'CloseBracketExpected';
  });
  return unclosed ? Math.min(...doc.syntaxErrors.map((e) => e.offset)) : Infinity;
}

/** Runs `each` on the schema problems of every unit of the document for one problem kind. */
function unitRule(
  kinds: SchemaProblem['kind'][],
  each: (p: SchemaProblem, report: (r: Report) => void) => void,
): Pick<Rule, 'app' | 'pod' | 'document'> {
  const run = (problems: SchemaProblem[], ctx: RuleContext) => {
    const guessed = recoveredFrom(ctx.doc);
    for (const p of problems) if (kinds.includes(p.kind) && p.node.offset < guessed) each(p, ctx.report);
  };
  return {
    app: (app: AppView, ctx) => run(problemsOf('app', app.node, ctx.doc), ctx),
    pod: (pod: PodView, ctx) => run(problemsOf('pod', pod.node, ctx.doc), ctx),
    document: (ctx) => {
      run(groupProblems(ctx), ctx);
      // Items of a top-level array of apps that are not objects.
      if (ctx.model.kind === 'apps')
        for (const item of elements(ctx.model.root))
          if (item.type !== 'object' && kinds.includes('type'))
            ctx.report({
              node: item,
              message: 'type',
              args: {
                field: `[${item.parent?.children?.indexOf(item)}]`,
                expected: { t: TYPE_NAMES.object },
                actual: { t: TYPE_NAMES[item.type] ?? item.type },
                value: show(item.value),
              },
            });
    },
  };
}

export const schemaType = defineRule({
  meta: {
    id: 'schema-type',
    family: 'schema',
    severity: 'error',
    marathon: ['P5', 'P6'],
    title: 'Values have the type Marathon expects',
    docs:
      'Marathon parses a definition into typed fields and rejects the whole document when a value has the wrong ' +
      'type (`error.expected.jsstring`, `error.expected.jsnumber`...): `"instances": "2"` is a string, not a number; ' +
      '`"shared": "true"` is a string, not a boolean.',
    messages: {
      type: '"{field}" must be {expected}, not {actual} ({value}).',
      ...Object.fromEntries(Object.values(TYPE_NAMES).map((n) => [n, n])),
    },
    fixes: {
      convert: 'Change to {value}',
      wrap: 'Put it in a list: [ ... ]',
      convertThen: 'Change to {value}, then {then}',
    },
  },
  ...unitRule(['type'], (p, report) => {
    const expected = Array.isArray(p.params.type) ? p.params.type[0] : p.params.type;
    report({
      node: p.node,
      message: 'type',
      args: {
        field: fieldOf(p.node),
        expected: { t: TYPE_NAMES[expected] ?? String(expected) },
        actual: { t: TYPE_NAMES[jsonType(p.data)] ?? jsonType(p.data) },
        value: show(p.data),
      },
      data: { expected },
    });
  }),
  fix(ctx) {
    // The same value written as the type that is expected, when nothing is lost in the
    // translation (`"2"` → 2, 5432 → "5432", `"true"` → true, one object → a list of it).
    const expected = String(ctx.data.expected ?? '');
    const node = ctx.node;
    const text = ctx.doc.text.slice(node.offset, node.offset + node.length);
    const candidates: { title: string; value: unknown; safe: boolean }[] = [];
    if (expected === 'array' && node.type !== 'array' && node.type !== 'null')
      // Safe for one object (a health check); a string may be a list written as one ("args": "sleep 10").
      candidates.push({ title: 'wrap', value: [value(node)], safe: node.type === 'object' });
    else if (expected === 'string' && (node.type === 'number' || node.type === 'boolean'))
      candidates.push({ title: 'convert', value: text, safe: true });
    else if ((expected === 'integer' || expected === 'number') && node.type === 'string') {
      const s = String(node.value).trim();
      const n = Number(s);
      if (/^-?\d+(\.\d+)?$/.test(s) && Number.isFinite(n) && (expected === 'number' || Number.isInteger(n)))
        candidates.push({ title: 'convert', value: n, safe: true });
    } else if (expected === 'integer' && node.type === 'number' && Number.isFinite(node.value)) {
      // A fraction where a whole number is needed: either neighbour, the user decides.
      for (const n of new Set([Math.floor(node.value), Math.ceil(node.value)]))
        candidates.push({ title: 'convert', value: n, safe: false });
    } else if (
      expected === 'boolean' &&
      node.type === 'string' &&
      /^(true|false)$/i.test(String(node.value).trim())
    )
      candidates.push({
        title: 'convert',
        value: String(node.value).trim().toLowerCase() === 'true',
        safe: true,
      });
    const out: FixProposal[] = [];
    for (const c of candidates) {
      const edits = [ctx.edit.replaceValue(node, c.value)];
      if (ctx.verify(edits))
        out.push({
          title: c.title,
          args: { value: JSON.stringify(c.value) },
          edits,
          isPreferred: candidates.length === 1,
          safe: c.safe && candidates.length === 1,
        });
    }
    // `true` where an object is expected (`"persistent": true`), or a name (`"external": "myvol"`):
    // the object it stands for, with what the object then needs (never safe: the values are defaults).
    if (expected === 'object' && !candidates.length && ctx.doc.tree) {
      let object: Record<string, unknown> | undefined;
      if (node.type === 'boolean' && node.value === true) object = {};
      else if (node.type === 'string' && node.value !== '') {
        const applicable = schemasAt(ctx.model.kind, ctx.doc.tree, getNodePath(node), true);
        const name = propertySchemas(applicable).get('name');
        if (name && typesOf(expandProperty(name, undefined)).has('string')) object = { name: node.value };
      }
      const done = object && ctx.complete([ctx.edit.replaceValue(node, object)]);
      if (done)
        out.push({
          title: done.then ? 'convertThen' : 'convert',
          args: { value: JSON.stringify(object), then: done.then },
          edits: done.edits,
          isPreferred: !out.length,
        });
    }
    return out;
  },
});

export const schemaEnum = defineRule({
  meta: {
    id: 'schema-enum',
    family: 'schema',
    severity: 'error',
    marathon: ['P2', 'GEN-02'],
    title: 'Enumerated fields hold one of their values',
    docs:
      'Fields such as `container.type`, `mode`, `persistent.type` or `killSelection` take one of a fixed set of ' +
      'values; Marathon rejects anything else (`error.unknown.enum.literal`). Letter case does not matter for ' +
      'most of them (Marathon lower-cases the input), so `"rw"` is accepted; the exceptions (such as ' +
      '`scaling.kind` and CSI access modes) are matched exactly.',
    messages: {
      enum: '"{value}" is not a valid value for "{field}": use {allowed}.',
      const: '"{field}" must be {allowed}.',
    },
    fixes: { replace: 'Change to "{value}"', replaceThen: 'Change to "{value}", then {then}' },
  },
  ...unitRule(['enum'], (p, report) => {
    const allowed: unknown[] =
      p.keyword === 'const' ? [p.params.allowedValue] : (p.params.allowedValues ?? []);
    const strings = allowed.filter((a): a is string => typeof a === 'string');
    const suggestions = typeof p.data === 'string' ? closest(p.data, strings, strings.length) : [];
    report({
      node: p.node,
      message: p.keyword === 'const' ? 'const' : 'enum',
      args: {
        value: typeof p.data === 'string' ? p.data : show(p.data),
        field: fieldOf(p.node),
        allowed: allowed.map(show).join(', '),
      },
      data: { allowed, suggestions: [...suggestions, ...strings.filter((s) => !suggestions.includes(s))] },
    });
  }),
  fix(ctx) {
    const values =
      (ctx.data.suggestions as unknown[] | undefined) ?? (ctx.data.allowed as unknown[] | undefined) ?? [];
    // Each value as the rest of the definition takes it: one that brings another error
    // (a DOCKER container without its docker object) comes with that error's fix, or not at all.
    const out: FixProposal[] = [];
    for (const v of values.slice(0, 5)) {
      const done = ctx.complete([ctx.edit.replaceValue(ctx.node, v)]);
      if (done)
        out.push({
          title: done.then ? 'replaceThen' : 'replace',
          args: { value: String(v), then: done.then },
          edits: done.edits,
          safe: values.length === 1 && !done.then,
        });
    }
    const plain = out.filter((f) => f.title === 'replace');
    if (plain.length === 1) plain[0].isPreferred = true;
    return out;
  },
});

export const schemaRequired = defineRule({
  meta: {
    id: 'schema-required',
    family: 'schema',
    severity: 'error',
    marathon: ['P5'],
    title: 'Required fields are present',
    docs:
      'Some fields have no default and must be written: `mode` on app volumes, `persistent.size`, both fields of an ' +
      "app's `upgradeStrategy`, a pod's `containers` and each pod container's `resources`. Marathon's own error " +
      'for a missing volume field often names the wrong one (`hostPath`); this rule names the field that is missing.',
    messages: { required: 'Missing required property "{field}".' },
    fixes: { add: 'Add "{field}": {value}' },
  },
  ...unitRule(['required'], (p, report) => {
    const own = keyOf(p.node) ?? p.node;
    const onObject = own === p.node && p.node.type === 'object';
    report({
      node: own,
      ...(onObject ? { offset: p.node.offset, length: 1 } : {}),
      message: 'required',
      args: { field: String(p.params.missingProperty) },
      data: { missing: p.params.missingProperty },
    });
  }),
  fix(ctx) {
    // The values the schema gives the field (its enum, its default, an object of the defaults
    // that say something), as the rest of the definition takes them; nothing for a name or a
    // path only the user knows.
    const missing = String(ctx.data.missing ?? '');
    const property = ctx.node.parent;
    const obj =
      ctx.node.type === 'object'
        ? ctx.node
        : property?.type === 'property' && property.children?.[0] === ctx.node
          ? property.children[1]
          : undefined;
    if (!missing || obj?.type !== 'object' || !ctx.doc.tree) return [];
    const applicable = schemasAt(ctx.model.kind, ctx.doc.tree, [...getNodePath(obj), missing], true);
    const out: FixProposal[] = [];
    for (const v of schemaValues(applicable, 0).slice(0, 3)) {
      const edits = [ctx.edit.setProperty(obj, missing, v)];
      if (ctx.verify(edits))
        out.push({
          title: 'add',
          args: { field: missing, value: JSON.stringify(v) },
          edits,
          isPreferred: !out.length,
        });
    }
    return out;
  },
});

/**
 * Values a field may be given without asking the user: its enum (default first), its
 * default, or an object of defaults. With `name`, a required `name` without a default
 * (a pod container's) is given that name.
 */
function schemaValues(applicable: Applicable[], depth: number, name?: string): unknown[] {
  const def = annotation(applicable, 'default');
  const values = enumOf(applicable)?.filter((v) => v === null || typeof v !== 'object');
  if (values?.length)
    return def !== undefined && values.includes(def) ? [def, ...values.filter((v) => v !== def)] : values;
  if (def !== undefined) return [def];
  if (!typesOf(applicable).has('object') || depth >= 2) return [];
  // An object: its required members, and the members whose default says something (not 0, false or empty).
  const required = requiredOf(applicable);
  const out: Record<string, unknown> = {};
  for (const [key, list] of propertySchemas(applicable)) {
    const member = expandProperty(list, undefined);
    const d = annotation(member, 'default');
    const informative =
      d !== undefined && d !== 0 && d !== false && d !== '' && d !== null && typeof d !== 'object';
    if (informative && !required.has(key)) out[key] = d;
    else if (required.has(key)) {
      const [first] = schemaValues(member, depth + 1);
      if (first !== undefined) out[key] = first;
      else if (key === 'name' && name !== undefined && typesOf(member).has('string')) out[key] = name;
      else return [];
    }
  }
  return [out];
}

const PATTERN_HINTS: Record<string, string> = {
  '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$':
    'use lower-case letters, digits and "-", starting and ending with a letter or digit',
  '^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$':
    'use lower-case letters, digits, "-" and "_", starting and ending with a letter or digit',
  '^[a-zA-Z_][a-zA-Z0-9_]{0,253}$': 'use letters, digits and "_", not starting with a digit',
  '^[a-z][-a-z0-9]*$': 'use lower-case letters, digits and "-", starting with a letter',
};
const PATH_ID_HINT =
  'each segment uses lower-case letters, digits, "-" and ".", starting and ending with a letter or digit';

export const schemaRange = defineRule({
  meta: {
    id: 'schema-range',
    family: 'schema',
    severity: 'error',
    marathon: ['P6', 'GEN-20', 'RS-08', 'RS-26'],
    title: 'Values lie within the limits Marathon enforces',
    docs:
      'Marathon enforces minimums, maximums, lengths and patterns while it parses a definition, before any other ' +
      'check: `instances` and sizes are at least 0, `cpus` at least 0.001, upgrade capacities between 0 and 1, ' +
      'names follow the label syntax, ids the path syntax.',
    messages: {
      minimum: '"{field}" must be {limit} or more; found {actual}.',
      maximum: '"{field}" must be {limit} or less; found {actual}.',
      exclusiveMinimum: '"{field}" must be more than {limit}; found {actual}.',
      exclusiveMaximum: '"{field}" must be less than {limit}; found {actual}.',
      empty: '"{field}" must not be empty.',
      minLength: '"{field}" must have at least {limit} characters.',
      maxLength: '"{field}" must have at most {limit} characters; it has {actual}.',
      pattern: '"{value}" is not a valid "{field}": {hint}.',
      patternPlain: '"{value}" is not a valid "{field}": it must match {pattern}.',
      minItems: '"{field}" must have at least {limit} items.',
      maxItems: '"{field}" must have at most {limit} items.',
      uniqueItems: '"{field}" lists the same item twice (items {i} and {j}).',
      format: '"{value}" is not a valid {format}.',
      multipleOf: '"{field}" must be a multiple of {limit}.',
      ...Object.fromEntries(Object.values(PATTERN_HINTS).map((h) => [h, h])),
      [PATH_ID_HINT]: PATH_ID_HINT,
    },
    fixes: {
      bound: 'Change to {value}',
      sanitize: 'Change to "{value}"',
      sanitizeThen: 'Change to "{value}", then {then}',
      remove: 'Remove the empty "{field}"',
      removeOutOfRange: 'Remove "{field}" (the default applies)',
      removeItem: 'Remove the empty item',
      addItem: 'Add {value}',
      removeDuplicate: 'Remove the repeated item',
    },
  },
  ...unitRule(['range'], (p, rawReport) => {
    const field = fieldOf(p.node);
    const limit = p.params.limit;
    // What the fixes need: the keyword, its limit and what the schema says of the value.
    const data = {
      keyword: p.keyword,
      limit,
      type: p.schema?.type,
      pattern: p.schema?.pattern,
      maxLength: p.schema?.maxLength,
      later: p.keyword === 'uniqueItems' ? Math.max(p.params.i, p.params.j) : undefined,
    };
    const report = (r: Report) => rawReport({ ...r, data });
    switch (p.keyword) {
      case 'minLength':
      case 'minItems':
      case 'minProperties':
        report({
          node: p.node,
          message: limit === 1 ? 'empty' : p.keyword === 'minLength' ? 'minLength' : 'minItems',
          args: { field, limit },
        });
        return;
      case 'maxLength':
        report({ node: p.node, message: 'maxLength', args: { field, limit, actual: String(p.data).length } });
        return;
      case 'pattern': {
        const pattern = String(p.params.pattern);
        const hint = PATTERN_HINTS[pattern] ?? (pattern.includes('\\/') ? PATH_ID_HINT : undefined);
        report({
          node: p.node,
          message: hint ? 'pattern' : 'patternPlain',
          args: { value: String(p.data), field, hint: hint ? { t: hint } : undefined, pattern },
        });
        return;
      }
      case 'uniqueItems':
        // Marathon reads these arrays into sets: a repeated item is merged without a word, not rejected.
        report({
          node: p.node,
          message: 'uniqueItems',
          args: { field, i: p.params.j, j: p.params.i },
          severity: 'warning',
        });
        return;
      case 'format':
        report({
          node: p.node,
          message: 'format',
          args: { value: show(p.data), format: String(p.params.format) },
        });
        return;
      case 'maxItems':
      case 'maxProperties':
        report({ node: p.node, message: 'maxItems', args: { field, limit } });
        return;
      default:
        report({ node: p.node, message: p.keyword, args: { field, limit, actual: show(p.data) } });
    }
  }),
  fix(ctx) {
    const { keyword, limit } = ctx.data;
    const node = ctx.node;
    const integer = ctx.data.type === 'integer';
    const candidates: FixProposal[] = [];
    const to = (v: unknown, title = 'bound') =>
      candidates.push({
        title,
        args: { value: title === 'bound' ? JSON.stringify(v) : String(v) },
        edits: [ctx.edit.replaceValue(node, v)],
      });
    if (typeof limit === 'number' && node.type === 'number') {
      // Out of range: the nearest value in range (the user may want another one).
      if (keyword === 'minimum') to(integer ? Math.ceil(limit) : limit);
      else if (keyword === 'maximum') to(integer ? Math.floor(limit) : limit);
      else if (keyword === 'exclusiveMinimum' && integer) to(Math.floor(limit) + 1);
      else if (keyword === 'exclusiveMaximum' && integer) to(Math.ceil(limit) - 1);
    }
    if ((keyword === 'pattern' || keyword === 'maxLength') && node.type === 'string') {
      const fitted = fitPattern(String(node.value), ctx.data.pattern, ctx.data.maxLength);
      if (fitted !== undefined) to(fitted, 'sanitize');
    }
    if (keyword === 'minLength' && limit === 1 && node.type === 'string' && ctx.doc.tree) {
      // An empty reference: what the document provides there (the app's secrets for a secret
      // volume, a persistent volume's containerPath for a host volume's hostPath).
      const path = getNodePath(node);
      const place = placeOf(ctx.model.kind, path, nodesAlong(ctx.doc.tree, path), ctx.settings);
      const refs = references(place);
      for (const r of [...refs.filter((x) => x.preferred), ...refs.filter((x) => !x.preferred)].slice(0, 3))
        to(r.value, 'sanitize');
    }
    if (keyword === 'minItems' && limit === 1 && node.type === 'array' && ctx.doc.tree) {
      // A list that needs an item: one made of what the item schema requires and the defaults
      // that say something (a pod container named after the pod, with Marathon's resources).
      const applicable = schemasAt(ctx.model.kind, ctx.doc.tree, [...getNodePath(node), 0], true);
      const [item] = schemaValues(applicable, 0, nameFromId(node));
      if (item !== undefined && item !== null && typeof item === 'object')
        candidates.push({
          title: 'addItem',
          args: { value: JSON.stringify(item) },
          edits: [ctx.edit.replaceValue(node, [item])],
        });
    }
    if ((keyword === 'minLength' || keyword === 'minItems') && limit === 1) {
      // An empty optional value: without it, the default applies (when nothing requires it).
      const property = node.parent?.type === 'property' ? node.parent : undefined;
      if (property?.parent)
        candidates.push({
          title: 'remove',
          args: { field: fieldOf(node) },
          edits: [ctx.edit.removeMember(property.parent, property)],
        });
      else if (node.parent?.type === 'array' && node.type === 'string')
        candidates.push({ title: 'removeItem', edits: [ctx.edit.removeMember(node.parent, node)] });
    }
    if (keyword === 'uniqueItems' && typeof ctx.data.later === 'number') {
      // Marathon reads these arrays into sets: removing the repeat changes nothing.
      const item = elements(node)[ctx.data.later];
      if (item)
        candidates.push({ title: 'removeDuplicate', edits: [ctx.edit.removeMember(node, item)], safe: true });
    }
    const out: FixProposal[] = [];
    for (const c of candidates) {
      if (c.title !== 'sanitize') {
        if (ctx.verify(c.edits)) out.push(c);
        continue;
      }
      // A name that others refer to (a volume mount's volume) is renamed there too.
      const done = ctx.complete(c.edits);
      if (done)
        out.push({
          ...c,
          title: done.then ? 'sanitizeThen' : 'sanitize',
          args: { ...c.args, then: done.then },
          edits: done.edits,
        });
    }
    // A bound that is not valid here either (an external volume of 0 GiB): without the field, its default.
    const property = node.parent?.type === 'property' ? node.parent : undefined;
    if (!out.length && candidates.some((c) => c.title === 'bound') && property?.parent) {
      const edits = [ctx.edit.removeMember(property.parent, property)];
      if (ctx.verify(edits)) out.push({ title: 'removeOutOfRange', args: { field: fieldOf(node) }, edits });
    }
    if (out.length === 1) out[0].isPreferred = true;
    return out;
  },
});

/**
 * A name for something new inside the definition around `node`: the last segment of the
 * nearest id, in lower case with "-" for anything else ("main" without an id).
 */
function nameFromId(node: Node): string {
  for (let n: Node | undefined = node; n; n = n.parent) {
    if (n.type !== 'object') continue;
    const id = propertyNode(n, 'id')?.children?.[1];
    if (id?.type !== 'string') continue;
    const name = nameLike(String(id.value).split('/').filter(Boolean).pop() ?? '');
    if (name) return name;
  }
  return 'main';
}

/**
 * The closest text to `value` that matches `pattern` (and `maxLength`): lower case, then
 * other characters as "-" and no "-" or "." at the ends (of each segment, for paths);
 * undefined when none does.
 */
function fitPattern(value: string, pattern: unknown, maxLength: unknown): string | undefined {
  // Only names and ids have a pattern: a path or a command cut to its maximum length means nothing.
  if (typeof pattern !== 'string') return undefined;
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  const max = typeof maxLength === 'number' ? maxLength : Infinity;
  const fit = (s: string) => (s.length > max ? s.slice(0, max).replace(/[-_.]+$/, '') : s);
  const trim = (s: string) => s.replace(/^[-_.]+|[-_.]+$/g, '');
  const lower = value.toLowerCase();
  const segment = (s: string, keep: RegExp) =>
    trim(s.toLowerCase().replace(keep, '-').replace(/-{2,}/g, '-'));
  const candidates = [
    lower,
    lower.replace(/_/g, '-'),
    // Paths: each segment on its own.
    value
      .split('/')
      .map((s, i, all) => (s === '' && (i === 0 || i === all.length - 1) ? s : segment(s, /[^a-z0-9.-]+/g)))
      .filter((s, i, all) => s !== '' || i === 0 || i === all.length - 1)
      .join('/'),
    segment(value, /[^a-z0-9_-]+/g),
    segment(value, /[^a-z0-9-]+/g),
  ].map(fit);
  return candidates.find((c) => c !== value && c !== '' && c.length <= max && re.test(c));
}

/** Keys that Marathon ignores at one level but reads at another. */
const MISPLACED: { unit: 'app' | 'pod'; key: string; target: string[] }[] = [
  { unit: 'app', key: 'minimumHealthCapacity', target: ['upgradeStrategy', 'minimumHealthCapacity'] },
  { unit: 'app', key: 'maximumOverCapacity', target: ['upgradeStrategy', 'maximumOverCapacity'] },
  { unit: 'pod', key: 'upgradeStrategy', target: ['scheduling', 'upgrade'] },
  { unit: 'pod', key: 'upgrade', target: ['scheduling', 'upgrade'] },
  { unit: 'pod', key: 'unreachableStrategy', target: ['scheduling', 'unreachableStrategy'] },
  { unit: 'pod', key: 'killSelection', target: ['scheduling', 'killSelection'] },
  { unit: 'pod', key: 'instances', target: ['scaling', 'instances'] },
  { unit: 'pod', key: 'constraints', target: ['scheduling', 'placement', 'constraints'] },
  { unit: 'pod', key: 'acceptedResourceRoles', target: ['scheduling', 'placement', 'acceptedResourceRoles'] },
];

export const unknownProperty = defineRule({
  meta: {
    id: 'unknown-property',
    family: 'schema',
    severity: 'warning',
    marathon: ['P1', 'GEN-01', 'LV-24'],
    title: 'No properties that Marathon silently drops',
    docs:
      'Marathon ignores keys it does not know, without a word, and then applies the default of the field that was ' +
      'meant: a misspelled `persistant` leaves a volume without its persistent part, a top-level ' +
      '`minimumHealthCapacity` (as in the external-volume seed) leaves the default upgrade strategy in place. ' +
      'The quick fix renames the key to the closest known property, or moves it where Marathon reads it.',
    messages: {
      unknown:
        'Marathon ignores the unknown property "{key}": it is dropped without a word and the default applies.',
      unknownSuggest:
        'Marathon ignores the unknown property "{key}" (did you mean "{suggestion}"?): it is dropped without a word and the default applies.',
      misplaced: 'Marathon ignores "{key}" here: it belongs in "{target}", so the default applies instead.',
    },
    fixes: {
      rename: 'Rename to "{key}"',
      move: 'Move into "{target}"',
      renameThen: 'Rename to "{key}", then {then}',
      moveThen: 'Move into "{target}", then {then}',
    },
  },
  ...unitRule(['unknown'], (p, report) => {
    const key = String(p.params.additionalProperty);
    const known = Object.keys((p.schema?.properties as Record<string, unknown>) ?? {});
    const suggestions = closest(key, known);
    const misplaced = MISPLACED.find((m) => m.key === key && isUnitRoot(p.node, m.unit));
    if (misplaced) {
      report({
        node: p.node,
        message: 'misplaced',
        args: { key, target: misplaced.target.join('.') },
        data: { key, target: misplaced.target },
      });
      return;
    }
    report({
      node: p.node,
      message: suggestions.length ? 'unknownSuggest' : 'unknown',
      args: { key, suggestion: suggestions[0] },
      data: { key, suggestions },
      tags: ['unnecessary'],
    });
  }),
  fix(ctx) {
    const key = String(ctx.data.key ?? '');
    const property = ctx.node.parent;
    const obj = property?.parent;
    if (!property || !obj || ctx.node !== property.children?.[0]) return [];
    const target = ctx.data.target as string[] | undefined;
    if (target)
      // Where it lands, the value must be valid too (maximumOverCapacity 1 in a resident unit is not).
      return moveInto(ctx, obj, property, key, target).flatMap((p) => {
        const done = ctx.complete(p.edits);
        if (!done) return [];
        return done.then
          ? [
              {
                ...p,
                title: 'moveThen',
                args: { ...p.args, then: done.then },
                edits: done.edits,
                safe: false,
              },
            ]
          : [p];
      });
    const suggestions = (ctx.data.suggestions as string[] | undefined) ?? [];
    const present = new Set(properties(obj).map((p) => p.key));
    // Renamed, the value must be what the known property takes (`healthcheck: {...}` is
    // one item of `healthChecks`): the fix of what the rename brings comes with it.
    const out: FixProposal[] = [];
    for (const s of suggestions.filter((k) => !present.has(k))) {
      const done = ctx.complete([ctx.edit.renameKey(ctx.node, s)]);
      if (!done) continue;
      out.push({
        title: done.then ? 'renameThen' : 'rename',
        args: { key: s, then: done.then },
        edits: done.edits,
        isPreferred: out.length === 0,
        safe: out.length === 0 && suggestions.length === 1 && !done.then,
      });
    }
    return out;
  },
});

/** True when the property key `keyNode` sits directly in an app or pod object. */
function isUnitRoot(keyNode: JsonNode, unit: 'app' | 'pod'): boolean {
  const obj = keyNode.parent?.parent;
  if (!obj) return false;
  const has = (k: string) => properties(obj).some((p) => p.key === k);
  return unit === 'pod' ? has('containers') : has('id') || has('cmd') || has('container') || has('args');
}

function moveInto(
  ctx: Parameters<NonNullable<Rule['fix']>>[0],
  obj: JsonNode,
  property: JsonNode,
  _key: string,
  target: string[],
) {
  const valueNode = property.children?.[1];
  const parsed =
    valueNode && parseStrict(ctx.doc.text.slice(valueNode.offset, valueNode.offset + valueNode.length));
  if (!valueNode || !parsed) return [];
  const value = parsed.value;
  // Walk down the target path as far as it exists, then insert the rest there.
  let cur = obj;
  let i = 0;
  for (; i < target.length - 1; i++) {
    const next = properties(cur).find((p) => p.key === target[i])?.value;
    if (!next || next.type !== 'object') break;
    cur = next;
  }
  if (i === target.length - 1 && properties(cur).some((p) => p.key === target[i])) return [];
  const title = { title: 'move', args: { target: target.join('.') }, isPreferred: true, safe: true };
  // A new app upgradeStrategy needs both of its fields (Marathon rejects half of one):
  // the other one moves along when it is misplaced too, else it gets the value Marathon
  // uses today (its default for this app), so that nothing else changes.
  if (target[0] === 'upgradeStrategy' && i === 0 && ctx.owner?.kind === 'app') {
    const other = target[1] === 'minimumHealthCapacity' ? 'maximumOverCapacity' : 'minimumHealthCapacity';
    const sibling = propertyNode(obj, other);
    const siblingValue = sibling?.children?.[1];
    const siblingParsed =
      siblingValue &&
      parseStrict(ctx.doc.text.slice(siblingValue.offset, siblingValue.offset + siblingValue.length));
    if (siblingValue && !siblingParsed) return [];
    const stateful = ctx.owner.resident || ctx.owner.volumes.some((v) => v.kind.startsWith('external'));
    const fallback = other === 'minimumHealthCapacity' ? (stateful ? 0.5 : 1) : stateful ? 0 : 1;
    const strategy = {
      minimumHealthCapacity: other === 'minimumHealthCapacity' ? undefined : value,
      maximumOverCapacity: other === 'maximumOverCapacity' ? undefined : value,
      [other]: siblingParsed ? siblingParsed.value : fallback,
    };
    // The (first) misplaced key becomes the new upgradeStrategy; a misplaced second one goes.
    if (!sibling)
      return [{ ...title, edits: [ctx.edit.replaceMemberWith(property, 'upgradeStrategy', strategy)] }];
    const [first, second] = property.offset < sibling.offset ? [property, sibling] : [sibling, property];
    const replacement = ctx.edit.replaceMemberWith(first, 'upgradeStrategy', strategy);
    return [{ ...title, edits: [replacement, ctx.edit.removeMember(obj, second)] }];
  }
  let inserted: unknown = value;
  for (let j = target.length - 1; j > i; j--) inserted = { [target[j]]: inserted };
  const remove = ctx.edit.removeMember(obj, property);
  const insert = ctx.edit.setProperty(cur, target[i], inserted);
  // The two edits must not overlap (an insertion at either end of the removal is fine).
  if (insert.offset > remove.offset && insert.offset < remove.offset + remove.length) return [];
  return [{ ...title, edits: [remove, insert] }];
}

export const deprecatedField = defineRule({
  meta: {
    id: 'deprecated-field',
    family: 'schema',
    severity: 'hint',
    marathon: ['GEN-10', 'RS-09'],
    title: 'Deprecated fields are replaced by their current form',
    docs:
      'Marathon still accepts and translates `container.docker.network`, `ports`, `uris`, `ipAddress`, ' +
      '`container.docker.portMappings` and `residency`, but they are deprecated; the message names the modern ' +
      'replacement, and the "migrate" refactor rewrites them without changing what the definition means.',
    messages: { deprecated: '"{field}" is deprecated. {detail}' },
  },
  ...unitRule(['deprecated'], (p, report) => {
    report({
      node: p.node,
      message: 'deprecated',
      args: {
        field: fieldOf(p.node),
        detail: {
          en: String(p.schema?.deprecationMessage ?? ''),
          'zh-cn': p.schema?.['x-deprecationMessage-zh-cn'],
        },
      },
      tags: ['deprecated'],
    });
  }),
});

export const SCHEMA_RULES: Rule[] = [
  schemaType,
  schemaEnum,
  schemaRequired,
  schemaRange,
  unknownProperty,
  deprecatedField,
];
