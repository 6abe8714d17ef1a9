/**
 * Rules for residency, unreachable and upgrade strategies (RS).
 *
 * A resident app is one with a persistent volume, or with a `residency` object (which
 * switches on Marathon's resident checks by itself, RS-09); a resident pod is one with a
 * persistent volume. Marathon fills in what is left out (`unreachableStrategy: "disabled"`,
 * `upgradeStrategy {0.5, 0}`), so only what is written wrongly is reported (§4).
 */
import { at, elements, isObject, keyNode, keyOf, num, prop, str, type Node } from '../json';
import type { AppView, GroupView, PodView } from '../model';
import { defineRule, type FixContext, type FixProposal, type Rule, type RuleContext } from './types';

// ---------------------------------------------------------------------------------------
// Helpers

/** Marathon's RAML-level resident checks apply with a persistent volume or a `residency` object. */
function residentApp(app: AppView): boolean {
  return app.resident || app.residency;
}

function singleInstance(app: AppView): boolean {
  return str(at(app.node, 'labels', 'MARATHON_SINGLE_INSTANCE_APP')) === 'true';
}

function hasExternal(app: AppView): boolean {
  return app.volumes.some((v) => v.kind === 'external-dvdi' || v.kind === 'external-csi');
}

/** The upgrade strategy Marathon gives an app that has none (§4). */
function defaultUpgrade(app: AppView): { minimumHealthCapacity: number; maximumOverCapacity: number } {
  if (singleInstance(app)) return { minimumHealthCapacity: 0, maximumOverCapacity: 0 };
  return app.resident || app.residency || hasExternal(app)
    ? { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 }
    : { minimumHealthCapacity: 1, maximumOverCapacity: 1 };
}

/** A number as Marathon prints a double in its messages (`1` → `1.0`). */
function double(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

/** The first segment of an id with at least two segments: the top-level group (`/db/mongo` → `db`). */
function topGroupName(absoluteId: string | undefined): string | undefined {
  const parts = (absoluteId ?? '').split('/').filter(Boolean);
  return parts.length >= 2 ? parts[0] : undefined;
}

function upgradeOf(unit: AppView | PodView): Node | undefined {
  const u = unit.kind === 'app' ? prop(unit.node, 'upgradeStrategy') : at(unit.node, 'scheduling', 'upgrade');
  return isObject(u) ? u : undefined;
}

const FIELDS = ['minimumHealthCapacity', 'maximumOverCapacity'] as const;
type Field = (typeof FIELDS)[number];

/** Which rule speaks for an upgrade capacity value, so that each value is reported once. */
function capacityOwner(unit: AppView | PodView, field: Field): 'resident' | 'single' | 'range' {
  if (field === 'maximumOverCapacity' && (unit.kind === 'app' ? residentApp(unit) : unit.resident))
    return 'resident';
  if (unit.kind === 'app' && singleInstance(unit)) return 'single';
  return 'range';
}

function parentObject(node: Node): Node | undefined {
  const obj = node.parent?.parent;
  return obj?.type === 'object' ? obj : undefined;
}

// ---------------------------------------------------------------------------------------
// RS-01, RS-03, RS-17: unreachableStrategy of resident services

export const residentUnreachableStrategy = defineRule({
  meta: {
    id: 'resident-unreachable-strategy',
    family: 'rs',
    severity: 'error',
    marathon: ['RS-01', 'RS-02', 'RS-03', 'RS-17', 'RS-19', 'P4', 'D-07'],
    title: 'Resident services keep unreachable instances',
    docs:
      'An instance of a resident app or pod owns its reserved disk, so Marathon must not replace it when its agent ' +
      'becomes unreachable. Leaving `unreachableStrategy` out is fine (Marathon uses `"disabled"`); an object, ' +
      'even `{}`, is rejected. Any string is read as `"disabled"` for apps, so `"enabled"` silently disables ' +
      'replacement; pods with persistent volumes accept only the exact string `"disabled"`.',
    messages: {
      appObject:
        'A resident app (it has a persistent volume) must not replace unreachable instances: Marathon rejects an unreachableStrategy object here, even {} ("unreachableStrategy must be disabled for resident tasks"). Use "disabled", or leave the field out.',
      appObjectResidency:
        'This app has a "residency" object, so Marathon applies the resident rules even without a persistent volume and rejects an unreachableStrategy object ("unreachableStrategy must be disabled for resident tasks"). Use "disabled", or remove "residency".',
      podObject:
        'A pod with a persistent volume must not replace unreachable instances: Marathon rejects an unreachableStrategy object here, even {} ("unreachableStrategy must be disabled for pods with persistent volumes"). Use "disabled", or leave the field out.',
      podString:
        'A pod with a persistent volume accepts only the exact string "disabled" here: Marathon rejects "{value}" ("unreachableStrategy must be disabled for pods with persistent volumes").',
      stringCase: 'Marathon reads any string here as "disabled": write it as "disabled".',
      string:
        'Marathon reads any string here as "disabled", so "{value}" means that unreachable instances are never replaced. Write "disabled", or an object with inactiveAfterSeconds and expungeAfterSeconds to have them replaced.',
    },
    fixes: {
      disabled: 'Change to "disabled"',
      remove: 'Remove "unreachableStrategy"',
    },
  },
  app(app, ctx) {
    check(ctx, prop(app.node, 'unreachableStrategy'), 'app', residentApp(app), !app.resident);
  },
  pod(pod, ctx) {
    check(ctx, at(pod.node, 'scheduling', 'unreachableStrategy'), 'pod', pod.resident, false);
  },
  fix(ctx) {
    if (ctx.data.pod === true) {
      // Reported from the "scheduling" key: find the value again.
      const value = prop(ctx.node.parent?.children?.[1], 'unreachableStrategy');
      return value ? strategyFixes({ ...ctx, node: value }) : [];
    }
    return strategyFixes(ctx);
  },
});

function strategyFixes(ctx: FixContext): FixProposal[] {
  const obj = parentObject(ctx.node);
  const resident = ctx.data.resident === true;
  const out: FixProposal[] = [
    {
      title: 'disabled',
      edits: [ctx.edit.replaceValue(ctx.node, 'disabled')],
      isPreferred: true,
      // Resident services have no other choice; elsewhere only a case variant is unambiguous.
      safe: resident || ctx.data.caseOnly === true,
    },
  ];
  const remove = obj ? ctx.edit.removeProperty(obj, 'unreachableStrategy') : undefined;
  if (remove && ctx.data.caseOnly !== true) out.push({ title: 'remove', edits: [remove] });
  return out;
}

function check(
  ctx: RuleContext,
  node: Node | undefined,
  kind: 'app' | 'pod',
  resident: boolean,
  residencyOnly: boolean,
): void {
  if (!node) return;
  const s = str(node);
  if (node.type === 'object' || (kind === 'pod' && resident && s !== undefined && s !== 'disabled')) {
    if (!resident) return;
    if (kind === 'app') {
      ctx.report({ node, message: residencyOnly ? 'appObjectResidency' : 'appObject', data: { resident } });
      return;
    }
    // Marathon names the pod itself ("/") for this one: the report starts at "scheduling" and covers the value.
    const scheduling = keyOf(node.parent?.parent);
    ctx.report({
      node: scheduling ?? node,
      offset: (scheduling ?? node).offset,
      length: node.offset + node.length - (scheduling ?? node).offset,
      message: s === undefined ? 'podObject' : 'podString',
      args: { value: s },
      data: { resident, pod: true },
    });
    return;
  }
  if (s === undefined || s === 'disabled') return;
  const caseOnly = s.toLowerCase() === 'disabled';
  ctx.report({
    node,
    message: caseOnly ? 'stringCase' : 'string',
    args: { value: s },
    severity: caseOnly ? 'hint' : 'warning',
    data: { resident, caseOnly },
  });
}

// ---------------------------------------------------------------------------------------
// RS-24: inactiveAfterSeconds ≤ expungeAfterSeconds

export const unreachableTimeouts = defineRule({
  meta: {
    id: 'unreachable-strategy-timeouts',
    family: 'rs',
    severity: 'error',
    marathon: ['RS-24'],
    title: 'Unreachable instances become inactive before they are expunged',
    docs:
      'An unreachable instance is first marked inactive (and replaced) after `inactiveAfterSeconds`, then expunged ' +
      'after `expungeAfterSeconds`; both default to 0. Marathon rejects an app whose `inactiveAfterSeconds` is the ' +
      'larger one; pods are not checked, but the first timeout then has no effect. Equal values are fine: Marathon ' +
      'expunges the instance at once, which helps `UNIQUE` and `GROUP_BY` constraints.',
    messages: {
      app: 'inactiveAfterSeconds ({inactive}) must not be larger than expungeAfterSeconds ({expunge}; 0 when left out): Marathon rejects the app ("inactiveAfterSeconds ({inactive}) must be less or equal to expungeAfterSeconds, which is {expunge}").',
      pod: 'inactiveAfterSeconds ({inactive}) is larger than expungeAfterSeconds ({expunge}; 0 when left out): Marathon accepts it for pods, but the instance is expunged before it is ever marked inactive, so inactiveAfterSeconds has no effect.',
    },
    fixes: {
      swap: 'Swap the two values',
      raise: 'Set expungeAfterSeconds to {value}',
    },
  },
  app(app, ctx) {
    const u = prop(app.node, 'unreachableStrategy');
    if (isObject(u) && !residentApp(app)) timeouts(ctx, u, 'app');
  },
  pod(pod, ctx) {
    const u = at(pod.node, 'scheduling', 'unreachableStrategy');
    if (isObject(u) && !pod.resident) timeouts(ctx, u, 'pod');
  },
  fix(ctx) {
    const u = parentObject(ctx.node);
    const inactive = num(ctx.node);
    if (!u || inactive === undefined) return [];
    const expungeNode = prop(u, 'expungeAfterSeconds');
    const out: FixProposal[] = [];
    if (expungeNode?.type === 'number')
      out.push({
        title: 'swap',
        edits: [
          ctx.edit.replaceText(ctx.node, rawText(ctx, expungeNode)),
          ctx.edit.replaceText(expungeNode, rawText(ctx, ctx.node)),
        ],
        isPreferred: true,
      });
    out.push({
      title: 'raise',
      args: { value: inactive },
      edits: [ctx.edit.setProperty(u, 'expungeAfterSeconds', inactive, { after: 'inactiveAfterSeconds' })],
      isPreferred: out.length === 0,
    });
    return out;
  },
});

function rawText(ctx: FixContext, node: Node): string {
  return ctx.doc.text.slice(node.offset, node.offset + node.length);
}

function timeouts(ctx: RuleContext, u: Node, kind: 'app' | 'pod'): void {
  const inactiveNode = prop(u, 'inactiveAfterSeconds');
  const inactive = num(inactiveNode);
  const expungeNode = prop(u, 'expungeAfterSeconds');
  if (expungeNode && expungeNode.type !== 'number') return;
  const expunge = num(expungeNode) ?? 0;
  if (inactive === undefined || inactive <= expunge) return;
  ctx.report({
    node: inactiveNode!,
    message: kind,
    args: { inactive, expunge },
    ...(kind === 'pod' ? { severity: 'warning' as const } : {}),
  });
}

// ---------------------------------------------------------------------------------------
// RS-04, RS-18: no over-capacity for resident services

export const residentOverCapacity = defineRule({
  meta: {
    id: 'resident-upgrade-over-capacity',
    family: 'rs',
    severity: 'error',
    marathon: ['RS-04', 'RS-05', 'RS-06', 'RS-09', 'RS-18', 'RS-19', 'D-02'],
    title: 'Resident services upgrade without extra instances',
    docs:
      "A resident instance's data stays on its reserved disk, so an upgrade cannot start a new instance beside " +
      'it: Marathon rejects an upgrade strategy of a resident app or pod whose `maximumOverCapacity` is not 0. ' +
      'Leaving the strategy out is fine (Marathon uses `{0.5, 0}`), and `minimumHealthCapacity` may be anything ' +
      'from 0 to 1 (with 1 Marathon replaces one instance at a time). For pods, a `scheduling.upgrade` that leaves ' +
      "out `maximumOverCapacity` counts it as 1 and is rejected; Marathon's message then names " +
      '`/upgrade/maximumOverCapacity`.',
    messages: {
      app: 'A resident app cannot start extra instances during an upgrade (each instance owns its reserved disk): Marathon rejects maximumOverCapacity {value} ("got {got}, expected 0.0"). Set it to 0.',
      appResidency:
        'This app has a "residency" object, so Marathon applies the resident rules even without a persistent volume and rejects maximumOverCapacity {value} ("got {got}, expected 0.0"). Set it to 0, or remove "residency".',
      pod: 'A pod with a persistent volume cannot start extra instances during an upgrade (each instance owns its reserved disk): Marathon rejects maximumOverCapacity {value} ("got {got}, expected 0.0" at /upgrade/maximumOverCapacity). Set it to 0.',
      podMissing:
        'A pod with a persistent volume needs "maximumOverCapacity": 0 in scheduling.upgrade: left out, it counts as 1 and Marathon rejects the pod ("got 1.0, expected 0.0" at /upgrade/maximumOverCapacity).',
    },
    fixes: {
      zero: 'Set maximumOverCapacity to 0',
      add: 'Add "maximumOverCapacity": 0',
    },
  },
  app(app, ctx) {
    if (!residentApp(app)) return;
    const node = prop(upgradeOf(app), 'maximumOverCapacity');
    const v = num(node);
    if (v !== undefined && v !== 0)
      ctx.report({
        node: node!,
        message: app.resident ? 'app' : 'appResidency',
        args: { value: v, got: double(v) },
      });
  },
  pod(pod, ctx) {
    const upgrade = upgradeOf(pod);
    if (!pod.resident || !upgrade) return;
    const node = prop(upgrade, 'maximumOverCapacity');
    const v = num(node);
    if (!node || node.type === 'null')
      ctx.report({
        node: keyNode(upgrade.parent?.parent, 'upgrade') ?? upgrade,
        message: 'podMissing',
        data: { add: true },
      });
    else if (v !== undefined && v !== 0)
      ctx.report({ node, message: 'pod', args: { value: v, got: double(v) } });
  },
  fix(ctx) {
    if (ctx.data.add === true) {
      const upgrade = ctx.node.parent?.children?.[1];
      if (!isObject(upgrade)) return [];
      return [
        {
          title: 'add',
          edits: [
            upgrade.children?.length
              ? ctx.edit.setProperty(upgrade, 'maximumOverCapacity', 0)
              : expandEmpty(ctx, upgrade, { maximumOverCapacity: 0 }),
          ],
          isPreferred: true,
          safe: true,
        },
      ];
    }
    return [{ title: 'zero', edits: [ctx.edit.replaceValue(ctx.node, 0)], isPreferred: true, safe: true }];
  },
});

// ---------------------------------------------------------------------------------------
// RS-07: both fields of an app's upgradeStrategy

export const upgradeStrategyComplete = defineRule({
  meta: {
    id: 'upgrade-strategy-complete',
    family: 'rs',
    severity: 'error',
    marathon: ['RS-07', 'RS-06'],
    title: "An app's upgradeStrategy has both capacities",
    docs:
      "An app's `upgradeStrategy` has no per-field defaults: when it is written, Marathon needs both " +
      '`minimumHealthCapacity` and `maximumOverCapacity` and rejects the app otherwise (pods differ: a missing ' +
      'field there counts as 1). Leaving the whole object out is fine. The quick fix adds the missing field with ' +
      "the value of Marathon's default strategy for this app: 0.5 and 0 for resident apps and apps with external " +
      'volumes, 1 and 1 otherwise.',
    messages: {
      missingOne:
        'upgradeStrategy needs both minimumHealthCapacity and maximumOverCapacity: Marathon rejects it without "{field}".',
      missingBoth:
        'upgradeStrategy needs both minimumHealthCapacity and maximumOverCapacity: Marathon rejects an empty one. Add them, or remove upgradeStrategy to get the default.',
    },
    fixes: {
      addOne: 'Add "{field}": {value}',
      addBoth: 'Add minimumHealthCapacity {min} and maximumOverCapacity {max}',
    },
  },
  app(app, ctx) {
    const u = upgradeOf(app);
    if (!u) return;
    const missing = FIELDS.filter((f) => prop(u, f) === undefined);
    if (!missing.length) return;
    ctx.report({
      node: keyNode(app.node, 'upgradeStrategy')!,
      message: missing.length === 2 ? 'missingBoth' : 'missingOne',
      args: { field: missing[0] },
      data: { missing, values: defaultUpgrade(app) },
    });
  },
  fix(ctx) {
    const u = ctx.node.parent?.children?.[1];
    const missing = (ctx.data.missing as Field[] | undefined) ?? [];
    const values = ctx.data.values as Record<Field, number> | undefined;
    if (!isObject(u) || !values || !missing.length) return [];
    const edits =
      missing.length === 2 && !u.children?.length
        ? [expandEmpty(ctx, u, values)]
        : missing.map((f) =>
            ctx.edit.setProperty(u, f, values[f], f === 'minimumHealthCapacity' ? { first: true } : {}),
          );
    return [
      {
        title: missing.length === 2 ? 'addBoth' : 'addOne',
        args: {
          field: missing[0],
          value: values[missing[0]],
          min: values.minimumHealthCapacity,
          max: values.maximumOverCapacity,
        },
        edits,
        isPreferred: true,
        safe: true,
      },
    ];
  },
});

/** Replaces an empty `{}` by `value`, laid out like the object that holds it. */
function expandEmpty(ctx: FixContext, empty: Node, value: object) {
  const holder = empty.parent?.parent;
  const inline = !holder || ctx.edit.isSingleLine(holder);
  return ctx.edit.replaceText(empty, ctx.edit.serialize(value, ctx.edit.lineIndent(empty.offset), inline));
}

// ---------------------------------------------------------------------------------------
// RS-08, RS-22: capacities are fractions

export const upgradeCapacityRange = defineRule({
  meta: {
    id: 'upgrade-capacity-range',
    family: 'rs',
    severity: 'error',
    marathon: ['RS-08', 'RS-22'],
    title: 'Upgrade capacities are fractions between 0 and 1',
    docs:
      '`minimumHealthCapacity` and `maximumOverCapacity` are fractions of the instance count, from 0 to 1; ' +
      'Marathon rejects anything else while it parses the definition. `50` is not 50 %: write `0.5`.',
    messages: {
      range: '{field} is a fraction of the instances, from 0 to 1: Marathon rejects {value}.',
    },
    fixes: {
      set: 'Set {field} to {value}',
      percent: 'Set {field} to {value} ({percent} %)',
    },
  },
  app(app, ctx) {
    range(ctx, app);
  },
  pod(pod, ctx) {
    range(ctx, pod);
  },
  fix(ctx) {
    const v = num(ctx.node);
    const field = String(ctx.data.field ?? '');
    if (v === undefined) return [];
    const nearest = Math.min(1, Math.max(0, v));
    const out: FixProposal[] = [
      {
        title: 'set',
        args: { field, value: nearest },
        edits: [ctx.edit.replaceValue(ctx.node, nearest)],
        isPreferred: true,
      },
    ];
    if (v > 1 && v <= 100)
      out.push({
        title: 'percent',
        args: { field, value: v / 100, percent: v },
        edits: [ctx.edit.replaceValue(ctx.node, v / 100)],
      });
    return out;
  },
});

function range(ctx: RuleContext, unit: AppView | PodView): void {
  const u = upgradeOf(unit);
  for (const f of FIELDS) {
    const node = prop(u, f);
    const v = num(node);
    if (v === undefined || (v >= 0 && v <= 1) || capacityOwner(unit, f) !== 'range') continue;
    ctx.report({ node: node!, message: 'range', args: { field: f, value: v }, data: { field: f } });
  }
}

// ---------------------------------------------------------------------------------------
// RS-23: single-instance apps

export const singleInstanceApp = defineRule({
  meta: {
    id: 'single-instance-app',
    family: 'rs',
    severity: 'error',
    marathon: ['RS-23'],
    title: 'Single-instance apps run one instance, and never two at once',
    docs:
      'The label `MARATHON_SINGLE_INSTANCE_APP: "true"` promises that at most one instance runs at any time. ' +
      'Marathon then rejects `instances` above 1 and any upgrade strategy but `{"minimumHealthCapacity": 0, ' +
      '"maximumOverCapacity": 0}`, including the default strategy it would use when none is written.',
    messages: {
      instances:
        'This app is labelled MARATHON_SINGLE_INSTANCE_APP, so Marathon rejects more than one instance ("Single instance app may only have one instance"). Set instances to 1, or remove the label.',
      capacity:
        'A single-instance app (label MARATHON_SINGLE_INSTANCE_APP) must never run two instances at once: Marathon rejects {field} {value} ("got {got}, expected 0.0"). Set it to 0.',
      missing:
        'A single-instance app (label MARATHON_SINGLE_INSTANCE_APP) needs "upgradeStrategy": {"minimumHealthCapacity": 0, "maximumOverCapacity": 0}: Marathon rejects the default it uses otherwise ({min}, {max}).',
    },
    fixes: {
      one: 'Set instances to 1',
      zero: 'Set {field} to 0',
      add: 'Add an upgradeStrategy with both capacities 0',
    },
  },
  app(app, ctx) {
    if (!singleInstance(app)) return;
    const instances = prop(app.node, 'instances');
    if ((num(instances) ?? 0) > 1)
      ctx.report({ node: instances!, message: 'instances', data: { fix: 'one' } });
    const u = prop(app.node, 'upgradeStrategy');
    if (u === undefined) {
      const d = app.resident || hasExternal(app) ? { min: 0.5, max: 0 } : { min: 1, max: 1 };
      ctx.report({
        node: app.node,
        offset: app.node.offset,
        length: 1,
        message: 'missing',
        args: d,
        data: { fix: 'add' },
        related: [
          { node: keyNode(prop(app.node, 'labels'), 'MARATHON_SINGLE_INSTANCE_APP'), message: 'instances' },
        ],
      });
      return;
    }
    for (const f of FIELDS) {
      const node = prop(u, f);
      const v = num(node);
      if (v === undefined || v === 0 || capacityOwner(app, f) !== 'single') continue;
      ctx.report({
        node: node!,
        message: 'capacity',
        args: { field: f, value: v, got: double(v) },
        data: { fix: 'zero', field: f },
      });
    }
  },
  fix(ctx) {
    switch (ctx.data.fix) {
      case 'one':
        return [{ title: 'one', edits: [ctx.edit.replaceValue(ctx.node, 1)], isPreferred: true, safe: true }];
      case 'zero':
        return [
          {
            title: 'zero',
            args: { field: String(ctx.data.field) },
            edits: [ctx.edit.replaceValue(ctx.node, 0)],
            isPreferred: true,
            safe: true,
          },
        ];
      case 'add': {
        const app = ctx.owner?.kind === 'app' ? ctx.owner.node : undefined;
        if (!app || prop(app, 'upgradeStrategy') !== undefined) return [];
        return [
          {
            title: 'add',
            edits: [
              ctx.edit.setProperty(
                app,
                'upgradeStrategy',
                { minimumHealthCapacity: 0, maximumOverCapacity: 0 },
                { after: prop(app, 'instances') ? 'instances' : 'labels' },
              ),
            ],
            isPreferred: true,
            safe: true,
          },
        ];
      }
    }
    return [];
  },
});

// ---------------------------------------------------------------------------------------
// RS-10, RS-20: acceptedResourceRoles

export const residentAcceptedRoles = defineRule({
  meta: {
    id: 'resident-accepted-resource-roles',
    family: 'rs',
    severity: 'error',
    marathon: ['RS-10', 'RS-20', 'RS-09'],
    title: 'Resident services accept only unreserved resources',
    docs:
      'Marathon reserves the disk and resources of a resident app or pod itself, from unreserved (`"*"`) offers, ' +
      'so its `acceptedResourceRoles` must be left out or be exactly `["*"]`; `["*", "slave_public"]` is rejected ' +
      'too. An empty list is rejected for every app.',
    messages: {
      empty:
        '"acceptedResourceRoles" must not be empty: Marathon rejects [] for every app. A resident app accepts only ["*"] here: use ["*"], or leave the field out.',
      app: 'A resident app must accept only unreserved resources: Marathon rejects anything but ["*"] here ("A resident app must have acceptedResourceRoles = ["*"]"). Use ["*"], or leave the field out.',
      appResidency:
        'This app has a "residency" object, so Marathon applies the resident rules even without a persistent volume and accepts only ["*"] here ("A resident app must have acceptedResourceRoles = ["*"]"). Use ["*"], or remove "residency".',
      pod: 'A pod with a persistent volume must accept only unreserved resources: Marathon rejects anything but ["*"] here ("A resident pod must have acceptedResourceRoles = ["*"]"). Use ["*"], or leave the field out.',
    },
    fixes: {
      star: 'Change to ["*"]',
      remove: 'Remove "acceptedResourceRoles"',
    },
  },
  app(app, ctx) {
    const roles = prop(app.node, 'acceptedResourceRoles');
    if (roles?.type !== 'array') return;
    const items = elements(roles);
    // An empty list is rejected for every app: accepted-resource-roles reports it on the others.
    if (!residentApp(app)) return;
    if (!items.length) {
      ctx.report({ node: roles, message: 'empty', data: { empty: true } });
      return;
    }
    if (!onlyStar(items))
      ctx.report({
        node: roles,
        message: app.resident ? 'app' : 'appResidency',
        data: { hasStar: hasStar(items) },
      });
  },
  pod(pod, ctx) {
    const roles = at(pod.node, 'scheduling', 'placement', 'acceptedResourceRoles');
    if (roles?.type !== 'array' || !pod.resident) return;
    const items = elements(roles);
    if (items.length && !onlyStar(items))
      ctx.report({ node: roles, message: 'pod', data: { hasStar: hasStar(items) } });
  },
  fix(ctx) {
    const obj = parentObject(ctx.node);
    const remove = obj ? ctx.edit.removeProperty(obj, 'acceptedResourceRoles') : undefined;
    const star: FixProposal = {
      title: 'star',
      edits: [ctx.edit.replaceValue(ctx.node, ['*'])],
      isPreferred: ctx.data.empty !== true,
      // Dropping the extra roles beside "*" is the one change that keeps what was meant.
      safe: ctx.data.hasStar === true,
    };
    const removal: FixProposal | undefined = remove && {
      title: 'remove',
      edits: [remove],
      isPreferred: ctx.data.empty === true,
      safe: ctx.data.empty === true,
    };
    return ctx.data.empty === true ? [removal!, star].filter(Boolean) : [star, ...(removal ? [removal] : [])];
  },
});

const onlyStar = (items: Node[]) => items.every((i) => str(i) === '*');
const hasStar = (items: Node[]) => items.some((i) => str(i) === '*');

// ---------------------------------------------------------------------------------------
// RS-11: role

export const residentRole = defineRule({
  meta: {
    id: 'resident-role',
    family: 'rs',
    severity: 'error',
    marathon: ['RS-11', 'GEN-14', 'D-16'],
    title: 'Resident services have a role other than "*"',
    docs:
      'Reservations belong to a role, and `"*"` is the role of unreserved resources: Marathon rejects a resident ' +
      'app or pod whose role is `"*"`. That is also what a service without `role` gets when Marathon runs with ' +
      'the default `--mesos_role` of `"*"` (set `marathon.cluster.defaultRole` to your cluster\'s; DC/OS uses ' +
      '`slave_public`), unless its top-level group enforces its own role. The role of the top-level group ' +
      '(`db` for `/db/mysql`) is always accepted.',
    messages: {
      appStar:
        'A resident app cannot have the role "*" (the role of unreserved resources): Marathon rejects it ("Resident apps cannot have the role *"). Use the role of its top-level group or Marathon\'s --mesos_role.',
      podStar:
        'A resident pod cannot have the role "*" (the role of unreserved resources): Marathon rejects it ("Resident pods cannot have the role *"). Use the role of its top-level group or Marathon\'s --mesos_role.',
      appDefault:
        'This resident app has no "role", so it gets Marathon\'s default role, "*" here (marathon.cluster.defaultRole), and Marathon rejects resident apps with role "*". Set "role" (the role of its top-level group, "{group}", is accepted), or run Marathon with another --mesos_role.',
      appDefaultNoGroup:
        'This resident app has no "role", so it gets Marathon\'s default role, "*" here (marathon.cluster.defaultRole), and Marathon rejects resident apps with role "*". Put the app in a top-level group and use its role, or run Marathon with another --mesos_role.',
      podDefault:
        'This resident pod has no "role", so it gets Marathon\'s default role, "*" here (marathon.cluster.defaultRole), and Marathon rejects resident pods with role "*". Set "role" (the role of its top-level group, "{group}", is accepted), or run Marathon with another --mesos_role.',
      podDefaultNoGroup:
        'This resident pod has no "role", so it gets Marathon\'s default role, "*" here (marathon.cluster.defaultRole), and Marathon rejects resident pods with role "*". Put the pod in a top-level group and use its role, or run Marathon with another --mesos_role.',
    },
    fixes: {
      group: 'Set "role" to "{role}" (the role of its top-level group)',
      remove: 'Remove "role" (Marathon\'s default role "{role}" applies)',
    },
  },
  app(app, ctx) {
    if (app.resident) star(ctx, app);
  },
  pod(pod, ctx) {
    if (pod.resident) star(ctx, pod);
  },
  document(ctx) {
    if (ctx.settings.cluster.defaultRole !== '*') return;
    for (const unit of [...ctx.model.apps, ...ctx.model.pods]) {
      const role = prop(unit.node, 'role');
      if (!unit.resident || (role !== undefined && role.type !== 'null')) continue;
      const group = topGroupName(unit.absoluteId);
      if (group && enforcesRole(unit.group, group)) continue;
      const idNode = prop(unit.node, 'id');
      ctx.report({
        node: idNode ?? unit.node,
        ...(idNode ? {} : { offset: unit.node.offset, length: 1 }),
        message: `${unit.kind}${group ? 'Default' : 'DefaultNoGroup'}`,
        args: { group },
        severity: 'information',
        data: { role: group, add: true },
      });
    }
  },
  fix(ctx) {
    const unit = ctx.owner;
    // ownerOf may find a group for a node outside any app or pod.
    if (!unit || (unit.kind as string) === 'group') return [];
    // From the id as it is now (an app check may not depend on the enclosing groups).
    const role = topGroupName(unit.absoluteId);
    const out: FixProposal[] = [];
    if (role)
      out.push({
        title: 'group',
        args: { role },
        edits: [
          ctx.data.add === true
            ? ctx.edit.setProperty(unit.node, 'role', role, { after: 'id' })
            : ctx.edit.replaceValue(ctx.node, role),
        ],
        isPreferred: true,
      });
    const defaultRole = ctx.settings.cluster.defaultRole;
    if (ctx.data.add !== true && defaultRole !== '*') {
      const remove = ctx.edit.removeProperty(unit.node, 'role');
      if (remove)
        out.push({ title: 'remove', args: { role: defaultRole }, edits: [remove], isPreferred: !role });
    }
    return out;
  },
});

function star(ctx: RuleContext, unit: AppView | PodView): void {
  const role = prop(unit.node, 'role');
  if (str(role) !== '*') return;
  ctx.report({
    node: role!,
    message: unit.kind === 'app' ? 'appStar' : 'podStar',
  });
}

/** True when the document's top-level group `name` (an ancestor of the unit) has `enforceRole: true`. */
function enforcesRole(group: GroupView | undefined, name: string): boolean {
  for (let g = group; g; g = g.parent)
    if (g.absoluteId === `/${name}`) return prop(g.node, 'enforceRole')?.value === true;
  return false;
}

// ---------------------------------------------------------------------------------------
// RS-09: residency without persistent volumes

export const residencyWithoutVolume = defineRule({
  meta: {
    id: 'residency-without-persistent-volume',
    family: 'rs',
    severity: 'warning',
    marathon: ['RS-09', 'S-05'],
    title: 'No "residency" without a persistent volume',
    docs:
      '`residency` is deprecated and does nothing at run time; Marathon adds it by itself to apps with a persistent ' +
      'volume. Written on an app without one, it still makes Marathon apply the resident rules (no ' +
      '`unreachableStrategy` object, `maximumOverCapacity` 0, `acceptedResourceRoles` `["*"]`) while nothing ' +
      'is reserved. Remove it.',
    messages: {
      residency:
        'This app has no persistent volume, so "residency" reserves nothing, but Marathon still applies the resident rules because of it (unreachableStrategy "disabled", maximumOverCapacity 0, acceptedResourceRoles ["*"]). Remove it.',
    },
    fixes: { remove: 'Remove "residency"' },
  },
  app(app, ctx) {
    if (app.residency && !app.resident)
      ctx.report({ node: keyNode(app.node, 'residency')!, message: 'residency' });
  },
  fix(ctx) {
    const obj = ctx.node.parent?.parent;
    const remove = obj ? ctx.edit.removeProperty(obj, 'residency') : undefined;
    return remove ? [{ title: 'remove', edits: [remove], isPreferred: true, safe: true }] : [];
  },
});

export const RS_RULES: Rule[] = [
  residentUnreachableStrategy,
  unreachableTimeouts,
  residentOverCapacity,
  upgradeStrategyComplete,
  upgradeCapacityRange,
  singleInstanceApp,
  residentAcceptedRoles,
  residentRole,
  residencyWithoutVolume,
];
