/**
 * Rules for host volumes and the two-volume workaround (HV): the fields a host
 * volume needs (and the real cause when an entry of another kind fell through to
 * the host kind), the link between a host volume's relative `hostPath` and the
 * persistent volume it re-mounts, sandbox directories mistaken for volumes, and
 * absolute paths in MESOS containers without an image.
 */
import { elements, isObject, keyNode, num, prop, properties, propertyNode, str, type Node } from '../json';
import type { AppView, AppVolumeView } from '../model';
import { closest } from '../util/similar';
import {
  appNodeOfVolume,
  appOfVolume,
  containerPathOf,
  fetchedNames,
  isConditional,
  isOneSegment,
  linkTargets,
  normalizeRelative,
  onBrace,
  segmentName,
  takenNames,
  volumeOf,
  volumesArray,
} from './appVolumes';
import { defineRule, type FixProposal, type Rule } from './types';

/** Keys that decide an app volume's kind, and the host volume's own keys. */
const KIND_KEYS = ['persistent', 'external', 'secret', 'hostPath'];
const HOST_KEYS = new Set(['containerPath', 'hostPath', 'mode']);
const DEFAULT_SIZE_MIB = 1024;

/** The app's host volumes, except those whose keys are alternatives of a template. */
function hostVolumes(app: AppView, ctx: { doc: { template: boolean; text: string } }): AppVolumeView[] {
  return app.volumes.filter((v) => v.kind === 'host' && !isConditional(ctx.doc, v.node));
}

/** A key of a host-kind entry that looks like a misspelled kind key (`persistant`, `persistentVolume`). */
function misspelledKindKey(volume: Node): { key: string; suggestion: string } | undefined {
  for (const p of properties(volume)) {
    if (HOST_KEYS.has(p.key) || KIND_KEYS.includes(p.key)) continue;
    const lower = p.key.toLowerCase();
    const suggestion =
      closest(p.key, KIND_KEYS, 1)[0] ??
      KIND_KEYS.find(
        (k) => lower.startsWith(k.toLowerCase()) || (lower.includes('persist') && k === 'persistent'),
      );
    if (suggestion) return { key: p.key, suggestion };
  }
  return undefined;
}

/**
 * True when renaming `key` to `kindKey` leaves a complete volume of that kind, so the
 * rename fixes the entry and reveals no further problem (it is then safe).
 */
function completeAfterRename(volume: Node, key: string, kindKey: string): boolean {
  const value = prop(volume, key);
  const cp = containerPathOf(volume);
  const mode = str(prop(volume, 'mode'))?.toUpperCase();
  if (cp === undefined || cp === '') return false;
  switch (kindKey) {
    case 'persistent': {
      const size = num(prop(value, 'size'));
      return (
        isObject(value) &&
        size !== undefined &&
        Number.isInteger(size) &&
        size > 0 &&
        properties(value).every(
          (p) =>
            p.key === 'size' ||
            (p.key === 'type' && ['root', 'path', 'mount'].includes(String(p.value?.value))),
        ) &&
        isOneSegment(cp) &&
        mode === 'RW'
      );
    }
    case 'secret': {
      const name = str(value);
      return name !== undefined && propertyNode(prop(appNodeOfVolume(volume), 'secrets'), name) !== undefined;
    }
    case 'hostPath':
      return str(value) !== undefined && str(value) !== '' && (mode === 'RW' || mode === 'RO');
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// HV-01, LV-24, GEN-18

export const hostVolumeFields = defineRule({
  meta: {
    id: 'host-volume-fields',
    family: 'hv',
    severity: 'error',
    marathon: ['HV-01', 'HV-02', 'LV-24', 'GEN-18', 'P3'],
    title: 'A host volume has "containerPath", "hostPath" and "mode"',
    docs:
      'An app volume without `persistent`, `external` or `secret` is a host volume, and needs `containerPath`, ' +
      '`hostPath` and `mode` (`RW` or `RO`; there is no default). Because Marathon tries the other kinds first, ' +
      'any entry it cannot read (a misspelled `persistant`, a forgotten `persistent`) ends up here, and Marathon ' +
      'answers that `hostPath` is missing; this rule names the real cause.',
    messages: {
      misspelled:
        'Marathon reads this volume as a host volume and rejects it for its missing "hostPath": "{key}" is not a key it knows. Did you mean "{suggestion}"?',
      noKind:
        'This volume has no "hostPath", "persistent", "external" or "secret", so it is none of the volume kinds Marathon knows (it rejects it for the missing "hostPath"). Add "hostPath" for a host volume, or "persistent" for a local persistent volume.',
      missingMode:
        'This host volume has no "mode": Marathon has no default and rejects it. Add "mode": "RW" (read-write) or "RO" (read-only).',
      missingContainerPath:
        'This host volume has no "containerPath": Marathon needs the path in the container where "{hostPath}" is mounted.',
      emptyContainerPath:
        'The "containerPath" of this host volume is empty: Marathon rejects it. Write the path in the container where "{hostPath}" is mounted.',
      emptyHostPath:
        'The "hostPath" of this host volume is empty: Marathon rejects it. Write the directory on the agent to mount at "{containerPath}".',
    },
    fixes: {
      rename: 'Rename "{key}" to "{suggestion}"',
      addMode: 'Add "mode": "{mode}"',
      persistent: 'Make it a local persistent volume of {size} MiB',
      sameHostPath: 'Mount the agent directory "{target}"',
      persistentAt: 'Keep the data at "{target}" on a local persistent volume "{name}" of {size} MiB',
      sameContainerPath: 'Mount it at the same path "{target}"',
      linkPersistent: 'Mount the local persistent volume at "{target}"',
    },
  },
  app(app, ctx) {
    for (const v of hostVolumes(app, ctx)) {
      if (!propertyNode(v.node, 'hostPath')) {
        const typo = misspelledKindKey(v.node);
        if (typo)
          ctx.report({ node: v.node, ...onBrace(v.node), message: 'misspelled', args: typo, data: typo });
        else ctx.report({ node: v.node, ...onBrace(v.node), message: 'noKind' });
        continue;
      }
      if (!propertyNode(v.node, 'containerPath'))
        ctx.report({
          node: v.node,
          ...onBrace(v.node),
          message: 'missingContainerPath',
          args: { hostPath: str(prop(v.node, 'hostPath')) },
        });
      if (!propertyNode(v.node, 'mode'))
        ctx.report({ node: v.node, ...onBrace(v.node), message: 'missingMode' });
      // An empty path (the schema's "must not be empty", said with what the other path is).
      for (const [key, message, other] of [
        ['containerPath', 'emptyContainerPath', 'hostPath'],
        ['hostPath', 'emptyHostPath', 'containerPath'],
      ] as const) {
        const node = prop(v.node, key);
        if (node?.type === 'string' && node.value === '')
          ctx.report({ node, message, args: { [other]: str(prop(v.node, other)) ?? '' } });
      }
    }
  },
  fix(ctx) {
    if (ctx.message === 'emptyContainerPath' || ctx.message === 'emptyHostPath') {
      // A local persistent volume of the app (the two-volume workaround), or the other path when
      // it is absolute: the agent directory mounted at the same path.
      const volume = ctx.node.parent?.parent;
      const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
      const candidates: { title: string; target: string }[] = [];
      if (ctx.message === 'emptyHostPath' && app)
        for (const v of app.volumes)
          if (v.kind === 'persistent') {
            const target = str(prop(v.node, 'containerPath'));
            if (target) candidates.push({ title: 'linkPersistent', target });
          }
      const other = str(prop(volume, ctx.message === 'emptyHostPath' ? 'containerPath' : 'hostPath'));
      if (other?.startsWith('/'))
        candidates.push({
          title: ctx.message === 'emptyHostPath' ? 'sameHostPath' : 'sameContainerPath',
          target: other,
        });
      const out: FixProposal[] = [];
      for (const c of candidates.slice(0, 3)) {
        const edits = [ctx.edit.replaceValue(ctx.node, c.target)];
        if (ctx.verify(edits))
          out.push({ title: c.title, args: { target: c.target }, edits, isPreferred: !out.length });
      }
      return out;
    }
    const volume = ctx.node;
    if (!isObject(volume)) return [];
    const mode = (m: string, preferred: boolean): FixProposal => ({
      title: 'addMode',
      args: { mode: m },
      edits: [ctx.edit.setProperty(volume, 'mode', m)],
      isPreferred: preferred,
    });
    switch (ctx.message) {
      case 'misspelled': {
        const key = String(ctx.data.key ?? '');
        const suggestion = String(ctx.data.suggestion ?? '');
        const k = keyNode(volume, key);
        if (!k || propertyNode(volume, suggestion)) return [];
        return [
          {
            title: 'rename',
            args: { key, suggestion },
            edits: [ctx.edit.renameKey(k, suggestion)],
            isPreferred: true,
            safe: completeAfterRename(volume, key, suggestion),
          },
        ];
      }
      case 'missingMode':
        return [mode('RW', true), mode('RO', false)];
      case 'missingContainerPath': {
        const hostPath = str(prop(volume, 'hostPath'));
        if (!hostPath?.startsWith('/')) return [];
        return [
          {
            title: 'sameContainerPath',
            args: { target: hostPath },
            edits: [ctx.edit.setProperty(volume, 'containerPath', hostPath, { first: true })],
          },
        ];
      }
      case 'noKind': {
        const cp = containerPathOf(volume);
        if (cp === undefined) return [];
        const out: FixProposal[] = [];
        const modeNode = prop(volume, 'mode');
        if (isOneSegment(cp) && !cp.includes('#')) {
          const edits = [ctx.edit.setProperty(volume, 'persistent', { size: DEFAULT_SIZE_MIB })];
          if (!modeNode) edits.push(ctx.edit.setProperty(volume, 'mode', 'RW', { after: 'containerPath' }));
          else if (str(modeNode)?.toUpperCase() !== 'RW') edits.push(ctx.edit.replaceValue(modeNode, 'RW'));
          out.push({ title: 'persistent', args: { size: DEFAULT_SIZE_MIB }, edits });
        }
        if (cp.startsWith('/')) {
          const edits = [ctx.edit.setProperty(volume, 'hostPath', cp, { after: 'containerPath' })];
          if (!modeNode) edits.push(ctx.edit.setProperty(volume, 'mode', 'RW'));
          out.push({ title: 'sameHostPath', args: { target: cp }, edits });
          // Or persistent data at that path: the two-volume workaround around this entry.
          const app = appOfVolume(ctx.model, volume);
          const array = app && volumesArray(app);
          if (app && array && cp !== '/') {
            const name = segmentName(cp, takenNames(app, volume));
            const pair = [
              ctx.edit.setProperty(volume, 'hostPath', name, { after: 'containerPath' }),
              ...(modeNode ? [] : [ctx.edit.setProperty(volume, 'mode', 'RW')]),
              ctx.edit.insertArrayItem(
                array,
                { containerPath: name, mode: 'RW', persistent: { size: DEFAULT_SIZE_MIB } },
                elements(array).indexOf(volume),
              ),
            ];
            out.push({
              title: 'persistentAt',
              args: { name, size: DEFAULT_SIZE_MIB, target: cp },
              edits: pair,
            });
          }
        }
        return out;
      }
    }
    return [];
  },
});

// ---------------------------------------------------------------------------------------------
// HV-04, LV-20, HV-06: the link of the two-volume workaround

export const workaroundLink = defineRule({
  meta: {
    id: 'workaround-link',
    family: 'hv',
    severity: 'warning',
    marathon: ['HV-04', 'LV-20', 'HV-06', 'HV-03'],
    title: 'The host volume of the two-volume workaround names its persistent volume',
    docs:
      'In the two-volume workaround, a host volume mounts a local persistent volume at an absolute path: its ' +
      "`hostPath` is the persistent volume's `containerPath` (relative, so inside the sandbox). Marathon does not " +
      'check the link. A relative `hostPath` that names no persistent volume is a plain sandbox directory, whose ' +
      'data is lost when the task is replaced (usually a typo); a host volume mounted where the persistent volume ' +
      'already is hides it; and re-mounting a persistent volume at another relative path is not needed. The ' +
      'order of the two volumes does not matter.',
    messages: {
      unlinked:
        'No local persistent volume of this app has the containerPath "{value}", so this host volume mounts a plain sandbox directory: its data is lost when the task is replaced.',
      unlinkedSuggest:
        'No local persistent volume of this app has the containerPath "{value}" (did you mean "{suggestion}"?), so this host volume mounts a plain sandbox directory: its data is lost when the task is replaced.',
      samePlace:
        'This host volume is mounted at "{value}", where a local persistent volume is already mounted: two mounts at one spot, and one hides the other. Mount it at another path.',
      relative:
        'The persistent volume "{target}" is already visible at a relative path: re-mounting it at the relative path "{value}" is not needed. Give the persistent volume the containerPath "{value}", or mount this host volume at an absolute path.',
    },
    fixes: {
      link: 'Change to "{name}"',
      merge: 'Move the persistent volume to "{name}" and remove this host volume',
      remove: 'Remove this host volume',
    },
  },
  app(app, ctx) {
    if (isConditional(ctx.doc, volumesArray(app))) return;
    const targets = linkTargets(app);
    const persistentPaths = new Set<string>();
    for (const v of app.volumes) {
      const cp = v.kind === 'persistent' ? containerPathOf(v.node) : undefined;
      if (cp !== undefined) persistentPaths.add(cp.startsWith('/') ? cp : normalizeRelative(cp));
    }
    if (!persistentPaths.size) return;
    const linked = new Set<string>();
    const hosts = hostVolumes(app, ctx);
    for (const h of hosts) {
      const hp = str(prop(h.node, 'hostPath'));
      if (hp !== undefined && !hp.startsWith('/')) linked.add(normalizeRelative(hp));
    }
    const fetched = fetchedNames(app.node);
    for (const h of hosts) {
      const cpNode = prop(h.node, 'containerPath');
      const cp = str(cpNode);
      const hpNode = prop(h.node, 'hostPath');
      const hp = str(hpNode);
      if (cp === undefined || hp === undefined || !cpNode || !hpNode || cp === '' || hp === '') continue;
      const cpNorm = cp.startsWith('/') ? cp : normalizeRelative(cp);
      const hpNorm = normalizeRelative(hp);
      if (persistentPaths.has(cpNorm)) {
        ctx.report({
          node: cpNode,
          message: 'samePlace',
          args: { value: cp },
          data: { redundant: !hp.startsWith('/') && hpNorm === cpNorm },
        });
        continue;
      }
      if (hp.startsWith('/')) continue;
      const target = targets.get(hpNorm);
      if (target) {
        if (target.kind === 'persistent' && !cp.startsWith('/') && isOneSegment(cpNorm))
          ctx.report({
            node: cpNode,
            message: 'relative',
            args: { value: cp, target: hpNorm },
            severity: 'information',
            data: { name: cpNorm },
          });
        continue;
      }
      if (fetched.has(hpNorm) || fetched.has(hp)) continue;
      const candidates = [...targets.entries()].filter(([, v]) => v.kind === 'persistent').map(([k]) => k);
      const unlinkedCandidates = candidates.filter((c) => !linked.has(c));
      const suggestions = closest(hpNorm, candidates);
      if (!suggestions.length && unlinkedCandidates.length === 1) suggestions.push(unlinkedCandidates[0]);
      ctx.report({
        node: hpNode,
        message: suggestions.length ? 'unlinkedSuggest' : 'unlinked',
        args: { value: hp, suggestion: suggestions[0] },
        data: { suggestions },
      });
    }
  },
  fix(ctx) {
    const volume = volumeOf(ctx.node);
    const app = appOfVolume(ctx.model, volume);
    if (!volume || !app) return [];
    const array = volumesArray(app);
    switch (ctx.message) {
      case 'unlinked':
      case 'unlinkedSuggest': {
        const suggestions = (ctx.data.suggestions as string[] | undefined) ?? [];
        return suggestions.map((name, i) => ({
          title: 'link',
          args: { name },
          edits: [ctx.edit.replaceValue(ctx.node, name)],
          isPreferred: i === 0 && suggestions.length === 1,
        }));
      }
      case 'samePlace':
        return ctx.data.redundant === true && array
          ? [
              {
                title: 'remove',
                edits: [ctx.edit.removeMember(array, volume)],
                isPreferred: true,
                safe: true,
              },
            ]
          : [];
      case 'relative': {
        const name = String(ctx.data.name ?? '');
        const hp = str(prop(volume, 'hostPath'));
        if (!array || !name || hp === undefined) return [];
        const target = linkTargets(app).get(normalizeRelative(hp));
        const targetPath = target && prop(target.node, 'containerPath');
        if (!targetPath) return [];
        return [
          {
            title: 'merge',
            args: { name },
            edits: [ctx.edit.replaceValue(targetPath, name), ctx.edit.removeMember(array, volume)],
          },
        ];
      }
    }
    return [];
  },
});

// ---------------------------------------------------------------------------------------------
// HV-05: a sandbox directory mistaken for a volume

export const hostPathSandbox = defineRule({
  meta: {
    id: 'host-path-sandbox',
    family: 'hv',
    severity: 'warning',
    marathon: ['HV-05', 'HV-03'],
    title: 'A relative "hostPath" is a sandbox directory, not a named volume',
    docs:
      'A relative `hostPath` is a directory of the task sandbox, which is created empty for every new task: ' +
      'data written there is lost when the task is replaced. A bare word such as `"hostPath": "pgdata"` in a ' +
      'DOCKER app reads like a Docker named volume, but is not one; and the `name` of an external volume is not ' +
      'a path either. To keep data, mount a local persistent volume (the two-volume workaround) or an external ' +
      'volume. Files fetched into the sandbox (`fetch`) are not affected.',
    messages: {
      externalName:
        '"{value}" is the name of this app\'s external volume, but "hostPath" is a path: Marathon mounts the sandbox directory "{value}", not the external volume. Name the external volume\'s containerPath here.',
      bareWord:
        '"{value}" is a directory of the task sandbox, not a Docker named volume: what the task writes there is lost when the task is replaced. To keep the data, mount a local persistent volume "{value}" or an external volume.',
    },
    fixes: {
      link: 'Change to "{name}"',
      addPersistent: 'Add a local persistent volume "{name}" of {size} MiB',
    },
  },
  app(app, ctx) {
    if (isConditional(ctx.doc, volumesArray(app))) return;
    const targets = linkTargets(app);
    const hasPersistent = app.volumes.some((v) => v.kind === 'persistent');
    const externals = new Map<string, AppVolumeView>();
    for (const v of app.volumes) {
      const name = str(prop(prop(v.node, 'external'), 'name'));
      if (v.kind.startsWith('external') && name) externals.set(name, v);
    }
    const fetched = fetchedNames(app.node);
    for (const h of hostVolumes(app, ctx)) {
      const hpNode = prop(h.node, 'hostPath');
      const hp = str(hpNode);
      if (!hpNode || !hp || hp.startsWith('/')) continue;
      const norm = normalizeRelative(hp);
      if (targets.has(norm) || fetched.has(norm) || fetched.has(hp)) continue;
      const external = externals.get(hp);
      if (external) {
        const cp = containerPathOf(external.node);
        const link = cp !== undefined && !cp.startsWith('/') && isOneSegment(normalizeRelative(cp));
        ctx.report({
          node: hpNode,
          message: 'externalName',
          args: { value: hp },
          data: link ? { name: normalizeRelative(cp!) } : {},
        });
        continue;
      }
      if (hasPersistent || app.containerType !== 'DOCKER') continue;
      if (str(prop(h.node, 'mode'))?.toUpperCase() !== 'RW' || !isOneSegment(norm) || norm.startsWith('.'))
        continue;
      ctx.report({ node: hpNode, message: 'bareWord', args: { value: hp }, data: { name: norm } });
    }
  },
  fix(ctx) {
    const name = typeof ctx.data.name === 'string' ? ctx.data.name : undefined;
    if (!name) return [];
    if (ctx.message === 'externalName')
      return [
        { title: 'link', args: { name }, edits: [ctx.edit.replaceValue(ctx.node, name)], isPreferred: true },
      ];
    const volume = volumeOf(ctx.node);
    const app = appOfVolume(ctx.model, volume);
    const array = app && volumesArray(app);
    if (!array || !volume || name.includes('#')) return [];
    return [
      {
        title: 'addPersistent',
        args: { name, size: DEFAULT_SIZE_MIB },
        edits: [
          ctx.edit.insertArrayItem(
            array,
            { containerPath: name, mode: 'RW', persistent: { size: DEFAULT_SIZE_MIB } },
            elements(array).indexOf(volume),
          ),
        ],
      },
    ];
  },
});

// ---------------------------------------------------------------------------------------------
// HV-07: absolute paths in a MESOS container without an image

export const mesosAbsolutePathNoImage = defineRule({
  meta: {
    id: 'mesos-absolute-path-no-image',
    family: 'hv',
    severity: 'information',
    marathon: ['HV-07', 'D-04'],
    title: 'Absolute mount paths in a MESOS container without an image',
    docs:
      'A MESOS container without an image has no root filesystem of its own: an absolute `containerPath` of a ' +
      'host or external volume is a path of the agent, and must already exist there, or the task fails to ' +
      'start. Use a path relative to the sandbox, or give the container an image.',
    messages: {
      absolute:
        'This MESOS container has no image, so "{value}" is a path on the agent itself: it must already exist there, or the task fails to start. Use a path relative to the sandbox, or give the container an image.',
    },
  },
  app(app, ctx) {
    if (app.containerType !== 'MESOS' || !app.container) return;
    if (str(prop(prop(app.container, 'docker'), 'image')) || prop(app.container, 'appc')) return;
    for (const v of app.volumes) {
      if (v.kind !== 'host' && !v.kind.startsWith('external')) continue;
      const node = prop(v.node, 'containerPath');
      const value = str(node);
      if (node && value?.startsWith('/')) ctx.report({ node, message: 'absolute', args: { value } });
    }
  },
});

export const HV_RULES: Rule[] = [hostVolumeFields, workaroundLink, hostPathSandbox, mesosAbsolutePathNoImage];
