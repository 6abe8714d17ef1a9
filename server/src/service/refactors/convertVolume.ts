/**
 * Converts the app volume at the cursor between a local persistent volume and an
 * external DVDI (REX-Ray) volume, with everything the other kind needs:
 *
 * - size: `persistent.size` is MiB, `external.size` GiB (units cheat-sheet, D-06);
 *   MiB → GiB rounds up, and the title says so. Docker containers take no
 *   `external.size` (EV-14): the size is then dropped, and the title says that too.
 * - path: an external volume in a MESOS container accepts absolute paths (EV-19), a
 *   local persistent volume needs one relative segment (LV-01..03): towards external,
 *   a two-volume workaround (LV-20) collapses into one volume mounted at the absolute
 *   path; towards persistent, an absolute or nested path becomes the workaround.
 * - the app: DVDI apps run at most one instance (EV-07) with maximumOverCapacity 0
 *   (EV-18); resident apps need unreachableStrategy "disabled" or none (RS-01, RS-03),
 *   maximumOverCapacity 0 (RS-04) and acceptedResourceRoles ["*"] or none (RS-10);
 *   `residency` goes with the last persistent volume (RS-09).
 */
import { isObject, num, prop, str } from '../json';
import type { AppView, AppVolumeView } from '../model';
import type { FixProposal } from '../rules/types';
import {
  appAt,
  details,
  externalNames,
  fragment,
  isSegment,
  labelName,
  residentAdjustments,
  segmentOf,
  templateSafe,
  unique,
  volumeAt,
  volumePaths,
} from './common';
import { Plan, planEdit } from './rewrite';
import type { Refactor, RefactorContext } from './types';

const TITLES = {
  toExternal: 'Convert to an external volume (DVDI, REX-Ray): {details}',
  toPersistent: 'Convert to a local persistent volume: {details}',
  sizeToGiB: '{mib} MiB → {gib} GiB',
  sizeToGiBRounded: '{mib} MiB → {gib} GiB, rounded up',
  sizeDropped: 'the size ({mib} MiB) is dropped: Docker containers use the driver default',
  sizeToMiB: '{gib} GiB → {mib} MiB',
  sizeDefault: 'no size given: {mib} MiB, the REX-Ray default of 16 GiB',
  mountedAt: 'mounted directly at {path}',
  workaround: '{path} through a host volume (two-volume workaround)',
  instancesOne: 'instances {count} → 1 (DVDI volumes allow one instance)',
  overCapacityZero: 'maximumOverCapacity → 0',
  residencyRemoved: 'residency removed',
  modeRW: 'mode → RW',
  unreachableDisabled: 'unreachableStrategy → "disabled"',
  rolesStar: 'acceptedResourceRoles → ["*"]',
};

/** REX-Ray's size when none is given (seed 000_4587b1a5a62ca164.txt). */
const DEFAULT_GIB = 16;

export const convertVolume: Refactor = {
  id: 'convert-volume',
  titles: TITLES,
  propose(ctx) {
    const app = appAt(ctx);
    const volume = app && volumeAt(app, ctx.offset);
    if (!app || !volume || !app.container) return [];
    const proposal =
      volume.kind === 'persistent'
        ? toExternal(ctx, app, volume)
        : volume.kind === 'external-dvdi'
          ? toPersistent(ctx, app, volume)
          : undefined;
    return proposal ? [proposal] : [];
  },
};

function toExternal(ctx: RefactorContext, app: AppView, volume: AppVolumeView): FixProposal | undefined {
  if (!ctx.settings.cluster.features.includes('external_volumes')) return undefined;
  const persistent = prop(volume.node, 'persistent');
  const containerPath = str(prop(volume.node, 'containerPath'));
  const size = num(prop(persistent, 'size'));
  if (!isObject(persistent) || !containerPath || size === undefined || !Number.isInteger(size) || size <= 0)
    return undefined;
  if (containerPath === '.' || containerPath === '..') return undefined; // no volume kind takes these (LV-02, EV-12)
  const docker = app.containerType === 'DOCKER';
  const parts: string[] = [];
  const f = (key: keyof typeof TITLES, args?: Record<string, string | number>) =>
    fragment(ctx.locale, TITLES, key, args);

  // A host volume that exposes this persistent volume at an absolute path (LV-20): mount there directly.
  const links = app.volumes.filter(
    (v) =>
      v.kind === 'host' &&
      str(prop(v.node, 'hostPath')) === containerPath &&
      str(prop(v.node, 'containerPath'))?.startsWith('/'),
  );
  const link = links.length === 1 ? links[0] : undefined;
  const path = link ? str(prop(link.node, 'containerPath'))! : containerPath;
  // MESOS + DVDI must be RW (EV-11); Docker keeps a read-only host mount read-only.
  const linkMode = link && str(prop(link.node, 'mode'))?.toUpperCase();
  const mode = docker && linkMode === 'RO' ? 'RO' : 'RW';

  const gib = Math.ceil(size / 1024);
  if (docker) parts.push(f('sizeDropped', { mib: size }));
  else parts.push(f(gib * 1024 === size ? 'sizeToGiB' : 'sizeToGiBRounded', { mib: size, gib }));
  if (link) parts.push(f('mountedAt', { path }));

  const slug = labelName(app.absoluteId?.slice(1), segmentOf(path));
  const external: Record<string, unknown> = {};
  if (!docker) external.size = gib;
  external.name = unique(slug, externalNames(ctx));
  external.provider = 'dvdi';
  external.options = { 'dvdi/driver': 'rexray' };

  const appPlan = new Plan(app.node);
  const volumes = appPlan.child('container')?.child('volumes');
  if (!volumes) return undefined;
  const v = volumes.child(volume.index);
  if (!v) return undefined;
  v.rename('persistent', 'external', external);
  if (path !== containerPath) v.set('containerPath', path);
  if (str(prop(volume.node, 'mode')) !== mode) v.set('mode', mode);
  if (link) volumes.remove(link.index);

  const instances = num(prop(app.node, 'instances'));
  if (instances !== undefined && instances > 1) {
    appPlan.set('instances', 1);
    parts.push(f('instancesOne', { count: instances }));
  }
  const over = num(prop(prop(app.node, 'upgradeStrategy'), 'maximumOverCapacity'));
  if (over !== undefined && over !== 0) {
    appPlan.child('upgradeStrategy')?.set('maximumOverCapacity', 0);
    parts.push(f('overCapacityZero'));
  }
  const stillResident = app.volumes.some((x) => x !== volume && x.kind === 'persistent');
  if (!stillResident && prop(app.node, 'residency') !== undefined) {
    appPlan.remove('residency');
    parts.push(f('residencyRemoved'));
  }
  const edit = planEdit(appPlan, ctx.edit, ctx.analysis.doc.placeholders, ctx.analysis.doc.syntaxErrors);
  if (!edit || !templateSafe(ctx.analysis.doc, appPlan, edit)) return undefined;
  return { title: 'toExternal', args: { details: details(ctx.locale, parts) }, edits: [edit] };
}

function toPersistent(ctx: RefactorContext, app: AppView, volume: AppVolumeView): FixProposal | undefined {
  const external = prop(volume.node, 'external');
  const containerPath = str(prop(volume.node, 'containerPath'));
  if (!isObject(external) || !containerPath || containerPath === '.' || containerPath === '..')
    return undefined;
  const provider = str(prop(external, 'provider'));
  if (provider !== undefined && provider !== 'dvdi') return undefined;
  const parts: string[] = [];
  const f = (key: keyof typeof TITLES, args?: Record<string, string | number>) =>
    fragment(ctx.locale, TITLES, key, args);

  const options = prop(external, 'options');
  const optionSize = Number(str(prop(options, 'dvdi/size')));
  const explicit = num(prop(external, 'size'));
  const gib =
    explicit !== undefined && Number.isInteger(explicit) && explicit > 0
      ? explicit
      : Number.isInteger(optionSize) && optionSize > 0
        ? optionSize
        : undefined;
  const mib = (gib ?? DEFAULT_GIB) * 1024;
  parts.push(gib ? f('sizeToMiB', { gib, mib }) : f('sizeDefault', { mib }));

  const appPlan = new Plan(app.node);
  const volumes = appPlan.child('container')?.child('volumes');
  const v = volumes?.child(volume.index);
  if (!volumes || !v) return undefined;
  const originalMode = str(prop(volume.node, 'mode'))?.toUpperCase() === 'RO' ? 'RO' : 'RW';
  const persistent = { type: 'root', size: mib };
  if (isSegment(containerPath)) {
    v.rename('external', 'persistent', persistent);
    if (str(prop(volume.node, 'mode')) !== 'RW') {
      v.set('mode', 'RW');
      parts.push(f('modeRW'));
    }
  } else {
    // The two-volume workaround: the persistent volume in the sandbox, a host volume at the real path.
    const taken = volumePaths(app);
    taken.delete(containerPath);
    const segment = unique(segmentOf(containerPath), taken);
    v.rename('external', 'persistent', persistent);
    v.set('containerPath', segment);
    if (str(prop(volume.node, 'mode')) !== 'RW') v.set('mode', 'RW');
    volumes.insert({ containerPath, hostPath: segment, mode: originalMode }, { after: volume.index });
    parts.push(f('workaround', { path: containerPath }));
  }

  const adjust = residentAdjustments(app);
  if (adjust.removeUnreachable || adjust.disableUnreachable) {
    appPlan.set('unreachableStrategy', 'disabled');
    parts.push(f('unreachableDisabled'));
  }
  if (adjust.zeroOverCapacity) {
    appPlan.child('upgradeStrategy')?.set('maximumOverCapacity', 0);
    parts.push(f('overCapacityZero'));
  }
  if (adjust.starRoles) {
    appPlan.set('acceptedResourceRoles', ['*']);
    parts.push(f('rolesStar'));
  }
  const edit = planEdit(appPlan, ctx.edit, ctx.analysis.doc.placeholders, ctx.analysis.doc.syntaxErrors);
  if (!edit || !templateSafe(ctx.analysis.doc, appPlan, edit)) return undefined;
  return { title: 'toPersistent', args: { details: details(ctx.locale, parts) }, edits: [edit] };
}
