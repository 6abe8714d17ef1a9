/**
 * Rules across definitions and files: external volume names that Marathon wants
 * unique in the whole cluster (EV-10), and app, pod and group ids defined twice.
 *
 * Within one document Marathon sees every definition at once (a group file is one
 * deployment), so a clash there is what Marathon says; across files the language
 * server only knows the workspace, not what is deployed where, so a clash with
 * another file is softer. Both run as `document` checks: they read the whole model
 * and `ctx.workspace`.
 */
import { prop, str } from '../json';
import type { AppView, GroupView, PodView } from '../model';
import type { IndexedName } from '../workspace';
import { CSI_SHAREABLE, externals, MNSW, uniqueName, type ExternalVolume } from './external';
import { defineRule, type FixProposal, type RelatedReport, type Rule, type RuleContext } from './types';

/** The facts of EV-10 about one external volume, wherever it is declared. */
interface VolumeFacts {
  name: string;
  provider: string | undefined;
  shared: boolean;
  accessMode: string | undefined;
  readOnly: boolean;
  ownerId: string | undefined;
}

/**
 * Whether Marathon puts the volume's name into its cluster-wide index (ProviderValidationHelpers:
 * `isForUniquenessCheck`): non-shared DVDI volumes; CSI volumes whose access mode cannot be shared,
 * and multi-node single-writer volumes mounted read-write. `shared` does not matter for CSI.
 */
function indexed(v: VolumeFacts): boolean {
  if (v.provider === 'dvdi') return !v.shared;
  if (v.provider === 'csi') {
    const mode = v.accessMode ?? 'UNKNOWN';
    return !CSI_SHAREABLE.has(mode) || (mode === MNSW && !v.readOnly);
  }
  return false;
}

/** Whether Marathon checks the volume against that index (everything but read-only MNSW CSI mounts). */
function checked(v: VolumeFacts): boolean {
  if (v.provider === 'dvdi') return true;
  if (v.provider === 'csi') return !(v.accessMode === MNSW && v.readOnly);
  return false;
}

/** `other` makes `v` fail Marathon's uniqueness check: same provider and name, another app, indexed. */
function conflicts(v: VolumeFacts, other: VolumeFacts): boolean {
  return (
    other.name === v.name &&
    other.provider === v.provider &&
    indexed(other) &&
    !(v.ownerId !== undefined && other.ownerId === v.ownerId)
  );
}

function facts(e: ExternalVolume): VolumeFacts {
  return {
    name: e.name!,
    provider: e.provider,
    shared: e.shared,
    accessMode: e.accessMode,
    readOnly: e.mode === 'RO',
    ownerId: e.app.absoluteId,
  };
}

function indexedFacts(n: IndexedName): VolumeFacts {
  return {
    name: n.name,
    provider: n.provider,
    shared: n.shared,
    accessMode: n.accessMode,
    readOnly: n.readOnly === true,
    ownerId: n.ownerId,
  };
}

/** A short label for a file of the workspace: its name. */
export function fileLabel(uri: string): string {
  const last =
    uri
      .replace(/[?#].*$/, '')
      .split('/')
      .filter(Boolean)
      .pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

const noFix: FixProposal[] = [];

const DETAIL_DVDI = 'Rename one of them, or mark every use "shared": true.';
const DETAIL_SHARED = '"shared": true exempts a name only when every app that uses it marks it shared.';
const DETAIL_CSI =
  'A CSI volume with a single-node or UNKNOWN access mode, or a MULTI_NODE_SINGLE_WRITER volume mounted read-write, cannot be used by two apps: rename one of them, or use a shareable access mode.';
const NO_ID = 'an app without id';

/** The apps Marathon deploys from this document (a group's pods are not part of a group update). */
function deployedApps(ctx: RuleContext): AppView[] {
  return ctx.model.apps;
}

export const externalVolumeNameConflict = defineRule({
  meta: {
    id: 'external-volume-name-conflict',
    family: 'ws',
    severity: 'error',
    marathon: ['EV-10'],
    title: 'External volume names are unique across the cluster',
    docs:
      'Marathon checks, for the whole cluster, that an external volume name is used by one app only: a DVDI volume ' +
      'attaches to one task, and two apps naming the same volume would fight over it. `"shared": true` leaves a ' +
      'DVDI volume out of that index, but a shared volume still clashes with a non-shared one of the same name (the ' +
      'error is then on the shared one). For CSI volumes the access mode decides, not `shared`: `SINGLE_NODE_*` and ' +
      '`UNKNOWN` volumes, and `MULTI_NODE_SINGLE_WRITER` volumes mounted read-write, cannot be shared; read-only ' +
      'mounts of a single-writer volume and the other multi-node modes can.\n\n' +
      'A clash between apps of one document (a group file is deployed at once) is an error. A clash with another ' +
      'file of the workspace is a warning: Marathon checks the name against every app already in the cluster, and ' +
      'the files may be deployed to different clusters. The quick fix renames this volume to a name no other ' +
      'definition of the workspace uses.',
    messages: {
      inDocument:
        'Volume name "{name}" is also used by {others} in this document: Marathon rejects the deployment (external volume names are unique in the cluster). {detail}',
      otherFiles:
        'Volume name "{name}" is also used by {others}: if both are deployed to the same cluster, Marathon rejects the second deployment (external volume names are unique in the cluster). {detail}',
      detailDvdi: DETAIL_DVDI,
      detailShared: DETAIL_SHARED,
      detailCsi: DETAIL_CSI,
      usedBy: 'Also used by {app}',
      noId: NO_ID,
    },
    fixes: { rename: 'Rename to "{name}"' },
  },
  document(ctx) {
    const apps = deployedApps(ctx);
    const vols = apps.flatMap((a) => externals(a)).filter((e) => e.name !== undefined && e.nameNode);
    if (!vols.length) return;
    const byName = new Map<string, ExternalVolume[]>();
    for (const e of vols) {
      const list = byName.get(e.name!);
      if (list) list.push(e);
      else byName.set(e.name!, [e]);
    }
    const taken = (c: string) =>
      byName.has(c) || ctx.workspace.externalVolumesNamed(c, ctx.doc.uri).length > 0;
    for (const e of vols) {
      const v = facts(e);
      if (!checked(v)) continue;
      const here = byName.get(v.name)!.filter((o) => o.app !== e.app && conflicts(v, facts(o)));
      const there = ctx.workspace
        .externalVolumesNamed(v.name, ctx.doc.uri)
        .filter((o) => conflicts(v, indexedFacts(o)));
      if (!here.length && !there.length) continue;
      const appName = (id: string | undefined) => id ?? { t: NO_ID };
      const related: RelatedReport[] = [
        ...here.map((o) => ({
          node: o.nameNode!,
          message: 'usedBy',
          args: { app: appName(o.app.absoluteId) },
        })),
        ...there.map((o) => ({
          uri: o.uri,
          range: o.range,
          message: 'usedBy',
          args: { app: appName(o.ownerId) },
        })),
      ];
      const detail = { t: v.provider === 'csi' ? DETAIL_CSI : v.shared ? DETAIL_SHARED : DETAIL_DVDI };
      const others = here.length
        ? unique(here.map((o) => o.app.absoluteId ?? '?')).join(', ')
        : unique(there.map((o) => `${o.ownerId ?? '?'} (${fileLabel(o.uri)})`)).join(', ');
      ctx.report({
        // On the volume: Marathon reports the app's container, and the volume is the most precise node there.
        node: e.volume.node,
        message: here.length ? 'inDocument' : 'otherFiles',
        severity: here.length ? undefined : 'warning',
        args: { name: v.name, others, detail },
        data: { rename: uniqueName(v.name, taken) },
        related,
      });
    }
  },
  fix(ctx) {
    const rename = ctx.data.rename;
    const nameNode = prop(prop(ctx.node, 'external'), 'name');
    if (typeof rename !== 'string' || !nameNode || str(nameNode) === undefined) return noFix;
    return [
      {
        title: 'rename',
        args: { name: rename },
        edits: [ctx.edit.replaceValue(nameNode, rename)],
        isPreferred: true,
      },
    ];
  },
});

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

type Definition = AppView | PodView | GroupView;

export const duplicateId = defineRule({
  meta: {
    id: 'duplicate-id',
    family: 'ws',
    severity: 'warning',
    marathon: ['GEN-17'],
    title: 'Each app, pod and group id is defined once',
    docs:
      'Marathon keys apps, pods and groups by their absolute id. Two apps (or two groups) with the same id in one ' +
      'group document are not rejected: Marathon keeps one of them and silently drops the other, and which one is ' +
      'not defined. That is a warning.\n\n' +
      'The same id in another file of the workspace is often deliberate (one file per environment or cluster), so ' +
      'it is only an information: deployed to the same Marathon, the second definition replaces the first (or is ' +
      'refused with 409 Conflict when it is created with POST). An app and a pod can never share an id, so that ' +
      'case is a warning.',
    messages: {
      inDocument:
        'Another {kind} in this document has the id "{id}": Marathon keeps only one of them and silently drops the other. Give each its own id.',
      otherFile:
        '"{id}" is also defined in {file}: deployed to the same Marathon, one definition replaces the other.',
      appAndPod:
        '"{id}" is an app here and a pod in {file}: Marathon rejects an app and a pod with the same id ("Applications and Pods may not share the same id").',
      podAndApp:
        '"{id}" is a pod here and an app in {file}: Marathon rejects an app and a pod with the same id ("Applications and Pods may not share the same id").',
      firstDefinition: 'First definition of "{id}"',
      alsoDefined: 'Also defined here',
      app: 'app',
      pod: 'pod',
      group: 'group',
    },
  },
  document(ctx) {
    const m = ctx.model;
    // A group update has no pods: Marathon ignores the pods of a group document.
    const defs: Definition[] = [
      ...m.apps,
      ...(m.kind === 'group' ? [] : m.pods),
      ...m.groups.filter((g) => g.parent),
    ];
    const first = new Map<string, Definition>();
    for (const d of defs) {
      const idNode = prop(d.node, 'id');
      if (!d.absoluteId || !idNode) continue;
      const key = `${d.kind === 'group' ? 'group' : 'run'}\u0000${d.absoluteId}`;
      const seen = first.get(key);
      if (!seen) {
        first.set(key, d);
        continue;
      }
      const seenId = prop(seen.node, 'id');
      ctx.report({
        node: idNode,
        message: 'inDocument',
        args: { kind: { t: d.kind }, id: d.absoluteId },
        related: seenId ? [{ node: seenId, message: 'firstDefinition', args: { id: d.absoluteId } }] : [],
      });
    }
    for (const d of [...m.apps, ...m.pods]) {
      const idNode = prop(d.node, 'id');
      if (!d.absoluteId || !idNode || first.get(`run\u0000${d.absoluteId}`) !== d) continue;
      const others = ctx.workspace.definitionsWithId(d.absoluteId, ctx.doc.uri);
      if (!others.length) continue;
      const otherKind = others.find((o) => o.kind && o.kind !== d.kind);
      const shown = otherKind ?? others[0];
      const related: RelatedReport[] = others.map((o) => ({
        uri: o.uri,
        range: o.range,
        message: 'alsoDefined',
      }));
      if (otherKind && !(m.kind === 'group' && d.kind === 'pod'))
        ctx.report({
          node: idNode,
          message: d.kind === 'app' ? 'appAndPod' : 'podAndApp',
          args: { id: d.absoluteId, file: fileLabel(shown.uri) },
          related,
        });
      else
        ctx.report({
          node: idNode,
          message: 'otherFile',
          severity: 'information',
          args: { id: d.absoluteId, file: unique(others.map((o) => fileLabel(o.uri))).join(', ') },
          related,
        });
    }
  },
});

export const WS_RULES: Rule[] = [externalVolumeNameConflict, duplicateId];
