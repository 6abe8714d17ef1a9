/**
 * Placement constraints (CN): app constraints are arrays `[field, OPERATOR, value?]`,
 * pod constraints (`scheduling.placement.constraints`) are objects
 * `{fieldName, operator, value?}`. Marathon checks their shape, then the operator,
 * then the value the operator takes (SchedulingValidation); a lower-case app
 * operator passes that validation and then fails the conversion with a server error.
 * Volume constraints (`persistent.constraints`) are another mechanism (LV rules).
 */
import { at, elements, isArray, isObject, prop, str, type Node } from '../json';
import type { AppView, PodView } from '../model';
import { closest } from '../util/similar';
import { defineRule, type FixContext, type FixProposal, type Rule, type RuleContext } from './types';

export const OPERATORS = ['UNIQUE', 'CLUSTER', 'GROUP_BY', 'LIKE', 'UNLIKE', 'MAX_PER', 'IS'] as const;
export type Operator = (typeof OPERATORS)[number];

/** One placement constraint, whichever form it is written in. */
export interface ConstraintView {
  node: Node;
  index: number;
  form: 'array' | 'object';
  unit: 'app' | 'pod';
  field: Node | undefined;
  operator: Node | undefined;
  value: Node | undefined;
}

/** The constraint list of an app (`constraints`) or a pod (`scheduling.placement.constraints`). */
export function constraintList(unit: AppView | PodView): Node | undefined {
  const list =
    unit.kind === 'app'
      ? prop(unit.node, 'constraints')
      : at(unit.node, 'scheduling', 'placement', 'constraints');
  return isArray(list) ? list : undefined;
}

/** The constraints written in the form their unit expects (arrays for apps, objects for pods). */
export function constraintsOf(unit: AppView | PodView): ConstraintView[] {
  const out: ConstraintView[] = [];
  elements(constraintList(unit)).forEach((node, index) => {
    if (unit.kind === 'app' && isArray(node)) {
      const items = elements(node);
      out.push({
        node,
        index,
        form: 'array',
        unit: 'app',
        field: items[0],
        operator: items[1],
        value: items[2],
      });
    } else if (unit.kind === 'pod' && isObject(node)) {
      out.push({
        node,
        index,
        form: 'object',
        unit: 'pod',
        field: prop(node, 'fieldName'),
        operator: prop(node, 'operator'),
        value: prop(node, 'value'),
      });
    }
  });
  return out;
}

/** The operator as Marathon's validation sees it (upper-cased), if it is one. */
export function operatorOf(c: ConstraintView): Operator | undefined {
  const op = str(c.operator)?.toUpperCase();
  return (OPERATORS as readonly string[]).includes(op ?? '') ? (op as Operator) : undefined;
}

/** Java's `Integer.parseInt`, which Marathon uses for GROUP_BY and MAX_PER values. */
export function isJavaInt(s: string): boolean {
  if (!/^[+-]?\d+$/.test(s)) return false;
  const n = Number(s);
  return n >= -2147483648 && n <= 2147483647;
}

/** A value that means an integer but is not written as one Java reads (`"3.0"`, `" 3"`). */
function integerSpelling(s: string): string | undefined {
  const t = s.trim();
  if (t === '' || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isInteger(n) && n >= 0 && n <= 2147483647 ? String(n) : undefined;
}

/** Java-only regular expression syntax, and a JavaScript stand-in that compiles the same way. */
const JAVA_ONLY_REGEX: [RegExp, string][] = [
  [/\\Q[\s\S]*?(?:\\E|$)/g, 'x'], // quoting \Q...\E
  [/\(\?[idmsuxU-]+\)/g, ''], // inline flags (?i)
  [/\(\?[idmsuxU-]+:/g, '(?:'], // flag groups (?i:...)
  [/\(\?>/g, '(?:'], // atomic groups
  [/([*+?}])\+/g, '$1'], // possessive quantifiers
  [/\\[pP]\{\w+\}/g, 'x'], // Unicode and java classes
  [/\\[AZzGhHvVR]/g, 'x'], // anchors and classes JavaScript lacks
];

function compilesInJavaScript(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a regular expression compiles in Java (`Pattern.compile`). JavaScript reads
 * nearly the same syntax; what only Java understands is replaced by an equivalent
 * before trying, so that a valid Java pattern is never called invalid.
 */
export function compilesAsJavaRegex(pattern: string): boolean {
  if (compilesInJavaScript(pattern)) return true;
  let p = pattern;
  for (const [re, by] of JAVA_ONLY_REGEX) p = p.replace(re, by);
  return compilesInJavaScript(p);
}

const IS_VALUE = /^[a-zA-Z0-9_/.-]*$/;

function where(c: ConstraintView): string {
  return c.unit === 'app' ? `constraints[${c.index}]` : `scheduling.placement.constraints[${c.index}]`;
}

// ---------------------------------------------------------------------------------------------

export const constraintForm = defineRule({
  meta: {
    id: 'constraint-form',
    family: 'cn',
    severity: 'error',
    marathon: ['CN-01', 'CN-10'],
    title: 'Constraints have the form of their definition: arrays in apps, objects in pods',
    docs:
      'An app constraint is an array of two or three strings, `["hostname", "UNIQUE"]` or ' +
      '`["rack_id", "GROUP_BY", "3"]`; Marathon rejects any other length (`Each constraint must have either 2 or ' +
      '3 fields`). A pod constraint, under `scheduling.placement.constraints`, is an object ' +
      '`{"fieldName": "hostname", "operator": "UNIQUE"}`. Each form is a parse error where the other belongs. ' +
      'The quick fix rewrites a constraint into the form its definition needs.',
    messages: {
      length:
        'An app constraint has 2 or 3 fields ([field, OPERATOR] or [field, OPERATOR, value]); this one has {count}: Marathon rejects the app.',
      podArray:
        'Pod constraints are objects ({"fieldName": …, "operator": …, "value": …}), not arrays: Marathon cannot parse this pod.',
      appObject:
        'App constraints are arrays ([field, OPERATOR, value]); the object form is for pods: Marathon cannot parse this app.',
    },
    fixes: {
      toObject: 'Write it as a pod constraint object',
      toArray: 'Write it as an app constraint array',
      firstThree: 'Keep its first three fields',
      removeConstraint: 'Remove this constraint',
    },
  },
  app(app, ctx) {
    elements(constraintList(app)).forEach((node, index) => {
      if (isArray(node)) {
        const count = elements(node).length;
        if (count < 2 || count > 3) ctx.report({ node, message: 'length', args: { count } });
      } else if (isObject(node) && (prop(node, 'fieldName') || prop(node, 'operator'))) {
        ctx.report({ node, message: 'appObject', data: { index } });
      }
    });
  },
  pod(pod, ctx) {
    elements(constraintList(pod)).forEach((node, index) => {
      if (isArray(node)) ctx.report({ node, message: 'podArray', data: { index } });
    });
  },
  fix(ctx) {
    const node = ctx.node;
    if (ctx.message === 'podArray' && isArray(node)) {
      const items = elements(node);
      if (items.length < 2 || items.length > 3 || items.some((i) => i.type !== 'string')) return [];
      const [fieldName, operator, v] = items.map((i) => i.value as string);
      return [
        {
          title: 'toObject',
          edits: [
            ctx.edit.replaceValue(node, { fieldName, operator, ...(v !== undefined ? { value: v } : {}) }),
          ],
          isPreferred: true,
          safe: true,
        },
      ];
    }
    if (ctx.message === 'appObject' && isObject(node)) {
      const f = prop(node, 'fieldName');
      const o = prop(node, 'operator');
      const v = prop(node, 'value');
      if (f?.type !== 'string' || o?.type !== 'string' || (v && v.type !== 'string')) return [];
      const keys = (node.children ?? []).map((p) => p.children?.[0]?.value);
      if (keys.some((k) => k !== 'fieldName' && k !== 'operator' && k !== 'value')) return [];
      const arr = [f.value as string, (o.value as string).toUpperCase(), ...(v ? [v.value as string] : [])];
      return [{ title: 'toArray', edits: [ctx.edit.replaceValue(node, arr)], isPreferred: true, safe: true }];
    }
    if (ctx.message === 'length' && isArray(node)) {
      const items = elements(node);
      const out: FixProposal[] = [];
      if (items.length > 3) {
        const edits = [
          {
            offset: items[2].offset + items[2].length,
            length:
              items[items.length - 1].offset +
              items[items.length - 1].length -
              items[2].offset -
              items[2].length,
            content: '',
          },
        ];
        if (ctx.verify(edits)) out.push({ title: 'firstThree', edits });
      }
      return [...out, ...removeConstraint(ctx)];
    }
    return [];
  },
});

export const constraintField = defineRule({
  meta: {
    id: 'constraint-field',
    family: 'cn',
    severity: 'error',
    marathon: ['CN-02'],
    title: 'Constraints name the attribute they place by',
    docs:
      'The first field of a constraint names what Marathon compares across agents: `hostname`, or an agent ' +
      'attribute such as `rack_id` or `zone`. An empty name is rejected (apps: `illegal constraint ' +
      'specification`; pods: `missing field for constraint declaration`).',
    messages: {
      empty:
        'The constraint field is empty: name the agent attribute to place by, such as "hostname" or "zone"; Marathon rejects an empty one.',
    },
    fixes: { hostname: 'Place by "hostname"', removeConstraint: 'Remove this constraint' },
  },
  app: (app, ctx) => checkField(app, ctx),
  pod: (pod, ctx) => checkField(pod, ctx),
  fix(ctx) {
    if (ctx.node.type !== 'string') return [];
    const edits = [ctx.edit.replaceValue(ctx.node, 'hostname')];
    return [...(ctx.verify(edits) ? [{ title: 'hostname', edits }] : []), ...removeConstraint(ctx)];
  },
});

function checkField(unit: AppView | PodView, ctx: RuleContext): void {
  for (const c of constraintsOf(unit)) {
    if (c.form === 'array' && (elements(c.node).length < 2 || elements(c.node).length > 3)) continue;
    if (c.field?.type === 'string' && c.field.value === '') ctx.report({ node: c.field, message: 'empty' });
  }
}

export const constraintOperator = defineRule({
  meta: {
    id: 'constraint-operator',
    family: 'cn',
    severity: 'error',
    marathon: ['CN-03', 'CN-09'],
    title: 'App constraint operators are known and written in upper case',
    docs:
      'The operator of an app constraint is one of `UNIQUE`, `CLUSTER`, `GROUP_BY`, `LIKE`, `UNLIKE`, `MAX_PER` ' +
      'and `IS`. Marathon rejects any other word. A known operator in lower or mixed case (`"unique"`) is worse: ' +
      'validation upper-cases it and lets it pass, then the conversion to the internal model requires the exact ' +
      'upper-case name and fails with a server error (HTTP 500, `illegal constraint specification`). The quick ' +
      'fix writes the operator in upper case. Pod operators are an enumeration and may be written in any case.',
    messages: {
      unknown:
        '"{value}" is not a constraint operator: use UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER or IS.',
      unknownSuggest:
        '"{value}" is not a constraint operator (did you mean "{suggestion}"?): use UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER or IS.',
      lowerCase:
        'Write the operator in upper case ("{upper}"): Marathon validates "{value}" but then fails to convert it, and answers with a server error (HTTP 500) instead of deploying the app.',
    },
    fixes: { upper: 'Change to "{value}"', removeConstraint: 'Remove this constraint' },
  },
  app(app, ctx) {
    for (const c of constraintsOf(app)) {
      const count = elements(c.node).length;
      if (count < 2 || count > 3 || c.operator?.type !== 'string') continue;
      if (c.field?.type === 'string' && c.field.value === '') continue; // rejected before the operator
      const written = c.operator.value as string;
      const op = operatorOf(c);
      if (!op) {
        const suggestions = closest(written.toUpperCase(), OPERATORS, 3);
        ctx.report({
          node: c.operator,
          message: suggestions.length ? 'unknownSuggest' : 'unknown',
          args: { value: written, suggestion: suggestions[0] },
          data: { replacements: suggestions },
        });
      } else if (op !== written) {
        ctx.report({
          node: c.operator,
          message: 'lowerCase',
          args: { value: written, upper: op },
          data: { replacements: [op] },
        });
      }
    }
  },
  fix(ctx) {
    if (ctx.node.type !== 'string') return [];
    const close = (ctx.data.replacements as string[] | undefined) ?? [];
    if (close.length)
      return close.map((v, i) => ({
        title: 'upper',
        args: { value: v },
        edits: [ctx.edit.replaceValue(ctx.node, v)],
        isPreferred: i === 0 && (ctx.message === 'lowerCase' || close.length === 1),
        safe: ctx.message === 'lowerCase',
      }));
    // A word like no operator: the operators that take this constraint as it is (its value or none).
    const out: FixProposal[] = [];
    for (const op of OPERATORS) {
      const edits = [ctx.edit.replaceValue(ctx.node, op)];
      if (out.length < 4 && ctx.verify(edits)) out.push({ title: 'upper', args: { value: op }, edits });
    }
    return [...out, ...removeConstraint(ctx)];
  },
});

export const constraintValue = defineRule({
  meta: {
    id: 'constraint-value',
    family: 'cn',
    severity: 'error',
    marathon: ['CN-04', 'CN-05', 'CN-06', 'CN-07', 'CN-08', 'CN-11'],
    title: 'Each constraint operator gets the value it takes',
    docs:
      'Marathon checks the value of a constraint by its operator: `UNIQUE` takes none; `GROUP_BY` takes none or ' +
      'an integer; `MAX_PER` needs an integer; `LIKE` and `UNLIKE` need a Java regular expression; `IS` takes ' +
      'letters, digits and `_ / . -`; `CLUSTER` takes anything, or nothing. Integers are written as strings ' +
      '(`"3"`), as every part of a constraint is a string.',
    messages: {
      uniqueValue: 'UNIQUE takes no value: Marathon rejects "{value}" ("UNIQUE does not accept a value").',
      groupBy:
        'GROUP_BY takes an integer (the number of distinct values to spread over) or no value at all; "{value}" is not an integer.',
      maxPerMissing: 'MAX_PER needs an integer value: the largest number of instances per "{field}" value.',
      maxPer: 'MAX_PER needs an integer value; "{value}" is not an integer.',
      regexMissing: '{operator} needs a regular expression value to match "{field}" against.',
      regex: '"{value}" is not a valid regular expression: Marathon rejects the {operator} constraint.',
      isValue:
        'IS compares with a Mesos text or number: "{value}" may hold only letters, digits, "_", "/", "." and "-".',
      notString: 'Constraint values are strings: write {value} as "{text}".',
    },
    fixes: {
      removeValue: 'Remove the value',
      setValue: 'Change the value to "{value}"',
      addValue: 'Add the value "{value}"',
      quote: 'Write it as the string "{value}"',
      literal: 'Match the text literally: "{value}"',
      removeConstraint: 'Remove this constraint',
    },
  },
  app: (app, ctx) => checkValues(app, ctx),
  pod: (pod, ctx) => checkValues(pod, ctx),
  fix: fixValue,
});

function checkValues(unit: AppView | PodView, ctx: RuleContext): void {
  for (const c of constraintsOf(unit)) {
    if (c.form === 'array') {
      const count = elements(c.node).length;
      if (count < 2 || count > 3) continue;
    }
    if (c.field?.type === 'string' && c.field.value === '') continue;
    const op = operatorOf(c);
    if (!op) continue;
    const field = str(c.field) ?? '';
    const v = c.value;
    if (v && v.type !== 'string') {
      if (v.type === 'number' || v.type === 'boolean') {
        const text = String(v.value);
        ctx.report({ node: v, message: 'notString', args: { value: text, text }, data: { text } });
      }
      continue;
    }
    const value = v ? (v.value as string) : undefined;
    const args = { value, field, operator: op };
    switch (op) {
      case 'UNIQUE':
        if (v) ctx.report({ node: v, message: 'uniqueValue', args });
        break;
      case 'GROUP_BY':
        if (v && value !== undefined && !isJavaInt(value))
          ctx.report({ node: v, message: 'groupBy', args, data: { integer: integerSpelling(value) } });
        break;
      case 'MAX_PER':
        if (!v || value === undefined)
          ctx.report({
            node: c.form === 'array' ? c.node : (c.operator ?? c.node),
            message: 'maxPerMissing',
            args,
            data: { constraint: where(c) },
          });
        else if (!isJavaInt(value))
          ctx.report({ node: v, message: 'maxPer', args, data: { integer: integerSpelling(value) } });
        break;
      case 'LIKE':
      case 'UNLIKE':
        if (!v || value === undefined)
          ctx.report({
            node: c.form === 'array' ? c.node : (c.operator ?? c.node),
            message: 'regexMissing',
            args,
          });
        else if (!compilesAsJavaRegex(value)) ctx.report({ node: v, message: 'regex', args });
        break;
      case 'IS':
        if (value !== undefined && !IS_VALUE.test(value)) ctx.report({ node: v, message: 'isValue', args });
        break;
      case 'CLUSTER':
        break;
    }
  }
}

function fixValue(ctx: FixContext): FixProposal[] {
  const node = ctx.node;
  const parent = node.parent;
  switch (ctx.message) {
    case 'notString':
      return [
        {
          title: 'quote',
          args: { value: String(ctx.data.text) },
          edits: [ctx.edit.replaceValue(node, String(ctx.data.text))],
          isPreferred: true,
          safe: true,
        },
      ];
    case 'uniqueValue':
      return removeValue(ctx, node, true);
    case 'groupBy': {
      const integer = ctx.data.integer as string | undefined;
      const out: FixProposal[] = [];
      if (integer !== undefined)
        out.push({
          title: 'setValue',
          args: { value: integer },
          edits: [ctx.edit.replaceValue(node, integer)],
          isPreferred: true,
          safe: true,
        });
      out.push(...removeValue(ctx, node, false, integer === undefined));
      return out;
    }
    case 'maxPer': {
      const integer = ctx.data.integer as string | undefined;
      if (integer === undefined) return removeConstraint(ctx);
      return [
        {
          title: 'setValue',
          args: { value: integer },
          edits: [ctx.edit.replaceValue(node, integer)],
          isPreferred: true,
          safe: true,
        },
      ];
    }
    case 'regex': {
      // The text as written, matched literally (its special characters escaped).
      const literal = str(node)?.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
      const edits = literal !== undefined ? [ctx.edit.replaceValue(node, literal)] : [];
      return [
        ...(literal !== undefined && ctx.verify(edits)
          ? [{ title: 'literal', args: { value: literal }, edits }]
          : []),
        ...removeConstraint(ctx),
      ];
    }
    case 'isValue': {
      // What IS can compare: the characters it takes, the others as "-".
      const cleaned = str(node)
        ?.replace(/[^a-zA-Z0-9_/.-]+/g, '-')
        .replace(/^-+|-+$/g, '');
      const edits = cleaned ? [ctx.edit.replaceValue(node, cleaned)] : [];
      return [
        ...(cleaned && ctx.verify(edits) ? [{ title: 'setValue', args: { value: cleaned }, edits }] : []),
        ...removeConstraint(ctx),
      ];
    }
    case 'regexMissing':
      return removeConstraint(ctx);
    case 'maxPerMissing': {
      if (isArray(node))
        return [{ title: 'addValue', args: { value: '1' }, edits: [ctx.edit.insertArrayItem(node, '1')] }];
      const obj = parent?.type === 'property' ? parent.parent : undefined;
      if (isObject(obj) && !prop(obj, 'value'))
        return [
          { title: 'addValue', args: { value: '1' }, edits: [ctx.edit.setProperty(obj, 'value', '1')] },
        ];
      return [];
    }
  }
  return [];
}

/** Removes the whole constraint the problem is in: what is left when nothing tells what was meant. */
function removeConstraint(ctx: FixContext): FixProposal[] {
  const list = ctx.owner ? constraintList(ctx.owner) : undefined;
  let n: Node | undefined = ctx.node;
  while (n && n.parent !== list) n = n.parent;
  if (!list || !n) return [];
  const edits = [ctx.edit.removeMember(list, n)];
  return ctx.verify(edits) ? [{ title: 'removeConstraint', edits }] : [];
}

/** Removes a constraint value: the third array item, or the pod object's `value` property. */
function removeValue(ctx: FixContext, value: Node, safe: boolean, preferred = true): FixProposal[] {
  const parent = value.parent;
  if (parent?.type === 'array') {
    return [
      { title: 'removeValue', edits: [ctx.edit.removeMember(parent, value)], isPreferred: preferred, safe },
    ];
  }
  if (parent?.type === 'property' && parent.parent && isObject(parent.parent)) {
    return [
      {
        title: 'removeValue',
        edits: [ctx.edit.removeMember(parent.parent, parent)],
        isPreferred: preferred,
        safe,
      },
    ];
  }
  return [];
}

export const CN_RULES: Rule[] = [constraintForm, constraintField, constraintOperator, constraintValue];
