/**
 * Makes the app at the cursor stateful in one step: a local persistent volume (a
 * single-segment `containerPath` in the sandbox, LV-01; a size in MiB, LV-06/07; mode
 * RW, LV-04), in a container created when the app has none (MESOS, so a command-only
 * app needs no image: GEN-03), plus the app-level settings a resident app must have
 * (unreachableStrategy "disabled" or none, RS-01/RS-03; maximumOverCapacity 0, RS-04;
 * acceptedResourceRoles ["*"] or none, RS-10). Plain text, no snippet tab stops: the
 * defaults are usable as they are.
 */
import { isArray, isObject, prop } from '../json';
import { appAt, details, fragment, residentAdjustments, templateSafe, unique, volumePaths } from './common';
import { Plan, planEdit } from './rewrite';
import type { Refactor } from './types';

const TITLES = {
  makeStateful: 'Make this app stateful: add a local persistent volume "{path}" ({size} MiB)',
  makeStatefulAdjusted:
    'Make this app stateful: add a local persistent volume "{path}" ({size} MiB); {details}',
  unreachableDisabled: 'unreachableStrategy → "disabled"',
  overCapacityZero: 'maximumOverCapacity → 0',
  rolesStar: 'acceptedResourceRoles → ["*"]',
  mesosContainer: 'in a new MESOS container',
};

export const DEFAULT_PATH = 'data';
export const DEFAULT_SIZE_MIB = 1024;

export const makeStateful: Refactor = {
  id: 'make-stateful',
  titles: TITLES,
  propose(ctx) {
    const app = appAt(ctx);
    if (!app || app.resident) return [];
    const container = prop(app.node, 'container');
    if (container !== undefined && !isObject(container)) return [];
    const volumesNode = prop(container, 'volumes');
    if (volumesNode !== undefined && !isArray(volumesNode)) return [];

    const path = unique(DEFAULT_PATH, volumePaths(app));
    const volume = { containerPath: path, mode: 'RW', persistent: { type: 'root', size: DEFAULT_SIZE_MIB } };
    const parts: string[] = [];
    const f = (key: keyof typeof TITLES) => fragment(ctx.locale, TITLES, key);

    const plan = new Plan(app.node);
    if (!container) {
      plan.insert({ type: 'MESOS', volumes: [volume] }, { key: 'container' });
      parts.push(f('mesosContainer'));
    } else if (!volumesNode) {
      plan.child('container')!.insert([volume], { key: 'volumes' });
    } else {
      plan.child('container')!.child('volumes')!.insert(volume);
    }
    const adjust = residentAdjustments(app);
    if (adjust.removeUnreachable || adjust.disableUnreachable) {
      plan.set('unreachableStrategy', 'disabled');
      parts.push(f('unreachableDisabled'));
    }
    if (adjust.zeroOverCapacity) {
      plan.child('upgradeStrategy')?.set('maximumOverCapacity', 0);
      parts.push(f('overCapacityZero'));
    }
    if (adjust.starRoles) {
      plan.set('acceptedResourceRoles', ['*']);
      parts.push(f('rolesStar'));
    }
    const edit = planEdit(plan, ctx.edit, ctx.analysis.doc.placeholders, ctx.analysis.doc.syntaxErrors);
    if (!edit || !templateSafe(ctx.analysis.doc, plan, edit)) return [];
    return [
      {
        title: parts.length ? 'makeStatefulAdjusted' : 'makeStateful',
        args: { path, size: DEFAULT_SIZE_MIB, details: details(ctx.locale, parts) },
        edits: [edit],
      },
    ];
  },
};
