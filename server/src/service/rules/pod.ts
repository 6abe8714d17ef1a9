/**
 * Rules for pod volumes and volume mounts (PV), and pod secret volumes (SV-05, SV-06).
 *
 * Marathon reads a pod volume as the first kind that parses, in the order persistent →
 * secret → host → ephemeral (P3), and an ephemeral volume needs nothing but a name. A pod
 * volume whose persistent, secret or host part does not parse is therefore accepted as
 * an ephemeral scratch volume, without a word (PV-07). This module computes that
 * effective kind once per volume, the way the parser does, and every rule below looks at
 * it rather than at the keys that are written.
 */
import { elements, isObject, keyNode, prop, properties, str, value, type Node } from '../json';
import type { PodView } from '../model';
import { closest } from '../util/similar';
import { defineRule, type FixContext, type FixProposal, type Rule } from './types';
import { trimEnd } from '../util/text';

// ---------------------------------------------------------------------------------------
// How Marathon's parser reads a pod volume

const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The Name syntax of ephemeral and host volume names and of every volume mount name. */
export function isName(s: string | undefined): s is string {
  return s !== undefined && s.length >= 1 && s.length <= 63 && NAME_RE.test(s);
}

/** A valid Name close to `s` (`Data_1` → `data-1`), or undefined when nothing is left. */
export function toName(s: string): string | undefined {
  let n = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  n = n.slice(0, 63).replace(/-+$/, '');
  return isName(n) ? n : undefined;
}

type Kind = 'persistent' | 'secret' | 'host';
type Effective = Kind | 'ephemeral' | 'none';
const KINDS: Kind[] = ['persistent', 'secret', 'host'];

/** Why one kind's part of a volume does not parse, and where. */
interface Failure {
  node: Node;
  /** English text of the problem (translated through the bundle). */
  problem: string;
  /** What a fix may replace `node` with. */
  replaceWith?: unknown[];
}

interface VolumeInfo {
  node: Node;
  index: number;
  name: string | undefined;
  nameNode: Node | undefined;
  /** The kind keys written, in Marathon's parse order. */
  present: Kind[];
  /** Why each present kind does not parse (kinds that parse have no entry). */
  failures: Partial<Record<Kind, Failure>>;
  /** What Marathon reads the entry as; `none` when nothing parses and the pod is rejected. */
  effective: Effective;
  /** Keys that look like a misspelled kind key (`persistant`, `hostPath`). */
  misspelled: { key: string; keyNode: Node; kind: Kind }[];
  externalKey: Node | undefined;
}

interface PodInfo {
  volumes: VolumeInfo[];
  /** Names mounted by at least one container. */
  mounted: Set<string>;
}

const P = {
  persistentObject: '"persistent" must be an object.',
  sizeMissing: '"persistent" has no "size" (a whole number of MiB).',
  size: '"size" must be a whole number of MiB, 0 or more.',
  type: '"type" must be "root", "path" or "mount".',
  maxSize: '"maxSize" must be a whole number of MiB, 0 or more.',
  profileName: '"profileName" must be a string.',
  constraints: '"constraints" must be a list of ["path", "LIKE", "<regular expression>"] items.',
  secret: '"secret" must be the non-empty key of one of the pod\'s "secrets".',
  host: '"host" must be a string: a path on the agent, or relative to the executor sandbox.',
};
/** A kind whose part parses, but whose name that kind does not accept (no message of its own). */
const NAME_FAILURE = 'name';

const isInt = (n: Node | undefined) =>
  n?.type === 'number' && Number.isInteger(n.value) && (n.value as number) >= 0;
const present = (obj: Node, key: string) => {
  const v = prop(obj, key);
  return v !== undefined && v.type !== 'null';
};

function persistentFailure(vol: Node): Failure | undefined {
  const p = prop(vol, 'persistent')!;
  if (!isObject(p)) return { node: p, problem: P.persistentObject };
  const size = prop(p, 'size');
  if (!size || size.type === 'null') return { node: keyNode(vol, 'persistent')!, problem: P.sizeMissing };
  if (!isInt(size)) {
    const n = size.type === 'string' ? Number(size.value) : NaN;
    return {
      node: size,
      problem: P.size,
      replaceWith: Number.isInteger(n) && n >= 0 && /^\s*\d+\s*$/.test(String(size.value)) ? [n] : [],
    };
  }
  const type = prop(p, 'type');
  if (present(p, 'type') && !['root', 'path', 'mount'].includes(String(str(type)).toLowerCase())) {
    const s = str(type);
    const near = s !== undefined ? closest(s.toLowerCase(), ['root', 'path', 'mount']) : [];
    return { node: type!, problem: P.type, replaceWith: near.length ? near : ['root', 'path', 'mount'] };
  }
  if (present(p, 'maxSize') && !isInt(prop(p, 'maxSize')))
    return { node: prop(p, 'maxSize')!, problem: P.maxSize };
  if (present(p, 'profileName') && prop(p, 'profileName')!.type !== 'string')
    return { node: prop(p, 'profileName')!, problem: P.profileName };
  const constraints = prop(p, 'constraints');
  if (present(p, 'constraints')) {
    if (constraints!.type !== 'array') return { node: constraints!, problem: P.constraints };
    for (const c of elements(constraints)) {
      if (c.type !== 'array') return { node: c, problem: P.constraints };
      for (const e of elements(c)) if (e.type !== 'string') return { node: e, problem: P.constraints };
    }
  }
  return undefined;
}

function kindFailure(vol: Node, kind: Kind): Failure | undefined {
  if (kind === 'persistent') return persistentFailure(vol);
  const v = prop(vol, kind)!;
  if (kind === 'secret')
    return v.type === 'string' && (v.value as string).length > 0 ? undefined : { node: v, problem: P.secret };
  return v.type === 'string' ? undefined : { node: v, problem: P.host };
}

function misspelledKind(key: string): Kind | undefined {
  if (KINDS.includes(key as Kind) || key === 'name') return undefined;
  const lower = key.toLowerCase();
  if (lower.startsWith('persist')) return 'persistent';
  if (lower === 'hostpath' || lower === 'host_path') return 'host';
  const near = closest(key, KINDS, 1)[0] as Kind | undefined;
  return near;
}

function volumeInfo(node: Node, index: number): VolumeInfo {
  const nameNode = prop(node, 'name');
  const name = str(nameNode);
  const kinds = KINDS.filter((k) => prop(node, k) !== undefined);
  const failures: Partial<Record<Kind, Failure>> = {};
  let effective: Effective | undefined;
  for (const k of kinds) {
    const f = kindFailure(node, k);
    // Persistent and secret volume names only need to be non-empty strings; host names are Names.
    const nameOk = k === 'host' ? isName(name) : name !== undefined && name.length > 0;
    if (f) failures[k] = f;
    else if (!nameOk) failures[k] = { node: nameNode ?? node, problem: NAME_FAILURE };
    else if (!effective) effective = k;
  }
  if (!effective) effective = isName(name) ? 'ephemeral' : 'none';
  const misspelled: VolumeInfo['misspelled'] = [];
  let externalKey: Node | undefined;
  for (const p of properties(node)) {
    if (p.key === 'external') externalKey = p.keyNode;
    else if (!kinds.length) {
      const kind = misspelledKind(p.key);
      if (kind) misspelled.push({ key: p.key, keyNode: p.keyNode, kind });
    }
  }
  return { node, index, name, nameNode, present: kinds, failures, effective, misspelled, externalKey };
}

const podCache = new WeakMap<Node, PodInfo>();

function podInfo(pod: PodView): PodInfo {
  let info = podCache.get(pod.node);
  if (!info) {
    const volumes = elements(prop(pod.node, 'volumes'))
      .map((v, i) => (isObject(v) ? volumeInfo(v, i) : undefined))
      .filter((v): v is VolumeInfo => v !== undefined);
    const mounted = new Set<string>();
    for (const c of pod.containers)
      for (const m of c.volumeMounts) {
        const n = str(prop(m, 'name'));
        if (n !== undefined) mounted.add(n);
      }
    info = { volumes, mounted };
    podCache.set(pod.node, info);
  }
  return info;
}

function podOf(ctx: FixContext): PodView | undefined {
  return ctx.owner?.kind === 'pod' ? ctx.owner : undefined;
}

function infoOf(ctx: FixContext): PodInfo | undefined {
  const pod = podOf(ctx);
  return pod ? podInfo(pod) : undefined;
}

function texts(...list: string[]): Record<string, string> {
  return Object.fromEntries(list.map((s) => [s, s]));
}

const KIND_TEXT: Record<Effective, string> = {
  persistent: 'a persistent volume',
  secret: 'a secret volume',
  host: 'a host volume',
  ephemeral: 'an ephemeral scratch volume',
  none: 'nothing',
};

const CONSEQUENCE: Record<Kind | 'persistentElsewhere', string> = {
  persistent:
    'no disk is reserved, the pod is not resident, and whatever the containers write there is lost when an instance restarts',
  // A persistent volume that falls back to a secret or host volume.
  persistentElsewhere: 'no disk is reserved and the pod is not resident',
  secret: 'the secret is not mounted, the containers see an empty directory',
  host: 'the host path is not mounted, the containers see an empty directory',
};

/** A unique name from `base` among `taken` (`data` → `data-2`). */
function uniqueName(base: string, taken: Set<string>): string {
  const stem = (toName(base) ?? 'volume').slice(0, 59).replace(/-+$/, '');
  for (let i = 2; ; i++) {
    const candidate = `${stem}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The edit that adds a volume mount to a container (creating `volumeMounts` if needed). */
function addMount(ctx: FixContext, container: Node, name: string, mountPath: string) {
  const mounts = prop(container, 'volumeMounts');
  const entry = { name, mountPath };
  return mounts?.type === 'array'
    ? ctx.edit.insertArrayItem(mounts, entry)
    : ctx.edit.setProperty(container, 'volumeMounts', [entry]);
}

/** A mountPath for `name` that no mount of `container` uses yet. */
function freeMountPath(container: Node, name: string): string {
  const used = new Set(
    elements(prop(container, 'volumeMounts')).map((m) => normalisePath(str(prop(m, 'mountPath')) ?? '')),
  );
  if (!used.has(name)) return name;
  for (let i = 2; ; i++) if (!used.has(`${name}-${i}`)) return `${name}-${i}`;
}

function normalisePath(p: string): string {
  return p.length > 1 ? trimEnd(p, '/') : p;
}

// ---------------------------------------------------------------------------------------
// PV-07, PV-08: volumes that silently become something else

export const podVolumeFallback = defineRule({
  meta: {
    id: 'pod-volume-fallback',
    family: 'pv',
    // Marathon accepts the pod (the volume becomes a scratch volume): a warning that names
    // the consequence, as for every trap Marathon accepts without a word.
    severity: 'warning',
    marathon: ['PV-07', 'PV-08', 'P3', 'GEN-18'],
    title: 'Pod volumes are read as the kind they are written as',
    docs:
      'Marathon reads a pod volume as the first kind that parses: persistent, then secret, then host, then ' +
      'ephemeral, and an ephemeral volume needs nothing but a `name`. So a persistent volume without `size`, ' +
      'with `"type": "ssd"` or with a misspelled `persistent` key, a secret volume with an empty `secret`, a host ' +
      'volume whose `host` is not a string, and any `external` volume (pods have none) are all **accepted** as ' +
      'ephemeral scratch volumes, without a word: no disk is reserved, the pod is not resident, and the data is ' +
      'lost when an instance restarts. This rule reports the part Marathon could not read.',
    messages: {
      fallback: '{problem} Marathon then silently reads "{name}" as {fallback}: {consequence}.',
      misspelled:
        '"{key}" is not a volume field (did you mean "{suggestion}"?). Marathon ignores it and silently reads "{name}" as {fallback}: {consequence}.',
      external:
        'Pods have no external volumes: Marathon ignores "external" and silently reads "{name}" as {fallback}. Use an app for external volumes, or a persistent volume here.',
      ...texts(
        ...Object.values(P),
        ...KINDS.map((k) => KIND_TEXT[k]),
        KIND_TEXT.ephemeral,
        ...Object.values(CONSEQUENCE),
      ),
    },
    fixes: {
      replace: 'Change to {value}',
      rename: 'Rename to "{key}"',
    },
  },
  pod(pod, ctx) {
    for (const v of podInfo(pod).volumes) {
      if (v.effective === 'none') continue; // the pod is rejected; the schema and pod-volume-name say why
      const name = v.name ?? '';
      const fallback = { t: KIND_TEXT[v.effective] };
      const first = v.present[0];
      if (first && first !== v.effective) {
        const f = v.failures[first];
        if (f && f.problem !== NAME_FAILURE)
          ctx.report({
            node: f.node,
            message: 'fallback',
            args: {
              problem: { t: f.problem },
              name,
              fallback,
              consequence: {
                t: CONSEQUENCE[
                  first === 'persistent' && v.effective !== 'ephemeral' ? 'persistentElsewhere' : first
                ],
              },
            },
            // Marathon accepts the volume (as another kind): the schema's errors inside it are not rejections.
            data: {
              replaceWith: f.replaceWith ?? [],
              schemaAcceptedIn: [v.node.offset, v.node.offset + v.node.length],
            },
          });
      }
      if (v.effective === 'ephemeral' && !first)
        for (const m of v.misspelled)
          ctx.report({
            node: m.keyNode,
            message: 'misspelled',
            args: {
              key: m.key,
              suggestion: m.kind,
              name,
              fallback,
              consequence: { t: CONSEQUENCE[m.kind] },
            },
            data: { rename: m.kind, supersedesUnknownProperty: true },
          });
      if (v.externalKey)
        ctx.report({
          node: v.externalKey,
          message: 'external',
          args: { name, fallback },
          data: { supersedesUnknownProperty: true },
        });
    }
  },
  fix(ctx) {
    const rename = ctx.data.rename;
    if (typeof rename === 'string') {
      const obj = ctx.node.parent?.parent;
      if (!obj || prop(obj, rename) !== undefined) return [];
      return [
        {
          title: 'rename',
          args: { key: rename },
          edits: [ctx.edit.renameKey(ctx.node, rename)],
          isPreferred: true,
          safe: true,
        },
      ];
    }
    const values = Array.isArray(ctx.data.replaceWith) ? ctx.data.replaceWith : [];
    return values.map((v, i) => ({
      title: 'replace',
      args: { value: JSON.stringify(v) },
      edits: [ctx.edit.replaceValue(ctx.node, v)],
      isPreferred: i === 0,
      safe: values.length === 1,
    }));
  },
});

// ---------------------------------------------------------------------------------------
// PV-12: one entry, several kinds

export const podVolumeKinds = defineRule({
  meta: {
    id: 'pod-volume-one-kind',
    family: 'pv',
    // Marathon accepts the entry as its first kind that parses (PV-12): a trap, not a rejection.
    severity: 'warning',
    marathon: ['PV-12'],
    title: 'A pod volume is exactly one kind',
    docs:
      'A pod volume is persistent (`persistent`), a secret (`secret`), a host path (`host`) or ephemeral (only a ' +
      '`name`). Marathon reads an entry that combines them as the first kind that parses and drops the other keys ' +
      'without a word, so a volume written as persistent and host is either one or the other, never both. Write ' +
      'one volume per kind.',
    messages: {
      several:
        'A pod volume can be only one kind, but this entry has both "{first}" and "{key}": Marathon reads it as {effective} and ignores the rest. Remove "{key}" or give it a volume of its own.',
      ...texts(...KINDS.map((k) => KIND_TEXT[k]), KIND_TEXT.ephemeral),
    },
    fixes: { remove: 'Remove "{key}"' },
  },
  pod(pod, ctx) {
    for (const v of podInfo(pod).volumes) {
      if (v.present.length < 2) continue;
      for (const k of v.present.slice(1))
        ctx.report({
          node: keyNode(v.node, k)!,
          message: 'several',
          args: { first: v.present[0], key: k, effective: { t: KIND_TEXT[v.effective] } },
          data: { kindKey: k, keepsMeaning: v.effective === v.present[0], supersedesUnknownProperty: true },
        });
    }
  },
  fix(ctx) {
    const key = String(ctx.data.kindKey ?? '');
    const obj = ctx.node.parent?.parent;
    const edit = obj ? ctx.edit.removeProperty(obj, key) : undefined;
    if (!edit) return [];
    const safe = ctx.data.keepsMeaning === true;
    return [{ title: 'remove', args: { key }, edits: [edit], isPreferred: safe, safe }];
  },
});

// ---------------------------------------------------------------------------------------
// PV-04, PV-06: volume names

export const podVolumeName = defineRule({
  meta: {
    id: 'pod-volume-name',
    family: 'pv',
    severity: 'error',
    marathon: ['PV-06', 'PV-04', 'LV-22'],
    title: 'Pod volume names can be mounted',
    docs:
      'Volume mounts refer to a volume by a name of lower-case letters, digits and `-` (at most 63 characters, ' +
      'starting and ending with a letter or digit). Ephemeral and host volumes must have such a name, or the pod ' +
      'does not parse at all. Persistent and secret volumes accept any non-empty name, but no mount can refer to ' +
      'one like `Data_1`, so Marathon rejects the pod as having a volume that no container uses. A persistent ' +
      "volume's name is also a directory in the sandbox and part of its persistence id, where `#` or `/` break " +
      'things. The quick fix renames the volume and the mounts that name it.',
    messages: {
      unmountable:
        '"{name}" is accepted as the name of {kind}, but no volume mount can refer to it (mount names use lower-case letters, digits and "-"), so Marathon rejects the pod: "volume must be referenced by at least one container". Rename it, for example to "{suggestion}".',
      unmountableNoSuggestion:
        '"{name}" is accepted as the name of {kind}, but no volume mount can refer to it (mount names use lower-case letters, digits and "-"), so Marathon rejects the pod: "volume must be referenced by at least one container".',
      invalid:
        '"{name}" is not a valid volume name: use lower-case letters, digits and "-", at most 63 characters, starting and ending with a letter or digit. Marathon rejects the pod.',
      ...texts(KIND_TEXT.persistent, KIND_TEXT.secret),
    },
    fixes: {
      rename: 'Rename to "{name}"',
      renameWithMounts: 'Rename to "{name}" here and in its {count} volume mounts',
      renameToMount: 'Rename to "{name}", the name its volume mount uses',
      renameThen: 'Rename to "{name}", then {then}',
    },
  },
  pod(pod, ctx) {
    const info = podInfo(pod);
    const names = new Set(info.volumes.map((v) => v.name).filter((n): n is string => n !== undefined));
    // Mount names that name no volume: when there is one, it is what the mount expects this volume to be called.
    const orphans = [...info.mounted].filter((n) => isName(n) && !names.has(n));
    for (const v of info.volumes) {
      if (v.name === undefined || !v.nameNode || isName(v.name)) continue;
      const near = toName(v.name);
      const suggestion = near && orphans.includes(near) ? near : orphans.length === 1 ? orphans[0] : near;
      const free =
        suggestion && (!names.has(suggestion) || info.mounted.has(suggestion)) ? suggestion : undefined;
      const accepted = v.effective === 'persistent' || v.effective === 'secret';
      ctx.report({
        node: v.nameNode,
        message: accepted ? (free ? 'unmountable' : 'unmountableNoSuggestion') : 'invalid',
        args: { name: v.name, kind: { t: KIND_TEXT[v.effective] }, suggestion: free },
        data: { suggestion: free, taken: names.has(free ?? '') },
      });
    }
  },
  fix(ctx) {
    const pod = podOf(ctx);
    const name = str(ctx.node);
    const suggestion = ctx.data.suggestion;
    if (!pod || name === undefined || typeof suggestion !== 'string') return [];
    const mountNames = pod.containers.flatMap((c) => c.volumeMounts).map((m) => prop(m, 'name'));
    const mounts = mountNames.filter((n): n is Node => str(n) === name);
    // Renamed, the volume must be mounted: by the mounts that name it, by the mount that
    // names no volume (the suggestion then), or by a mount the fix adds.
    const done = ctx.complete([
      ctx.edit.replaceValue(ctx.node, suggestion),
      ...mounts.map((m) => ctx.edit.replaceValue(m, suggestion)),
    ]);
    if (!done) return [];
    const toMount = !mounts.length && mountNames.some((n) => str(n) === suggestion);
    // The one mount name left over is a guess unless it looks like the name (`scratch` for `Scratch Space`).
    const near = toName(name) ?? name;
    const looksLike =
      suggestion === near || closest(suggestion, [near]).length > 0 || closest(near, [suggestion]).length > 0;
    return [
      {
        title: done.then
          ? 'renameThen'
          : mounts.length
            ? 'renameWithMounts'
            : toMount
              ? 'renameToMount'
              : 'rename',
        args: { name: suggestion, count: mounts.length, then: done.then },
        edits: done.edits,
        isPreferred: true,
        safe: ctx.data.taken !== true && !done.then && looksLike,
      },
    ];
  },
});

// ---------------------------------------------------------------------------------------
// PV-01: unique names

export const podVolumeNameUnique = defineRule({
  meta: {
    id: 'pod-volume-name-unique',
    family: 'pv',
    severity: 'error',
    marathon: ['PV-01'],
    title: 'Pod volume names are unique',
    docs:
      'Volume mounts find their volume by name, so Marathon rejects a pod with two volumes of the same name ' +
      '(`volume names must be unique`). The quick fix removes an exact duplicate, or gives the second volume a ' +
      'new name and mounts it, so that it is used.',
    messages: {
      duplicate:
        'Another volume of this pod is already named "{name}": Marathon rejects the pod ("volume names must be unique"). Rename one of them.',
    },
    fixes: {
      removeDuplicate: 'Remove this duplicate volume',
      rename: 'Rename to "{name}"',
      renameAndMount: 'Rename to "{name}" and mount it in container "{container}"',
    },
  },
  pod(pod, ctx) {
    const seen = new Map<string, VolumeInfo>();
    for (const v of podInfo(pod).volumes) {
      if (v.name === undefined || !v.nameNode) continue;
      const first = seen.get(v.name);
      if (!first) {
        seen.set(v.name, v);
        continue;
      }
      ctx.report({
        node: v.nameNode,
        message: 'duplicate',
        args: { name: v.name },
        data: { identical: JSON.stringify(value(v.node)) === JSON.stringify(value(first.node)) },
        related: [{ node: first.nameNode, message: 'duplicate', args: { name: v.name } }],
      });
    }
  },
  fix(ctx) {
    const pod = podOf(ctx);
    const info = infoOf(ctx);
    const vol = ctx.node.parent?.parent;
    const array = vol?.parent;
    const name = str(ctx.node);
    if (!pod || !info || !vol || array?.type !== 'array' || name === undefined) return [];
    const out: FixProposal[] = [];
    if (ctx.data.identical === true)
      out.push({
        title: 'removeDuplicate',
        edits: [ctx.edit.removeMember(array, vol)],
        isPreferred: true,
        safe: true,
      });
    const taken = new Set([...info.volumes.map((v) => v.name ?? ''), ...info.mounted]);
    const fresh = uniqueName(name, taken);
    const container = pod.containers[0];
    if (container)
      out.push({
        title: 'renameAndMount',
        args: { name: fresh, container: container.name ?? String(container.index) },
        edits: [
          ctx.edit.replaceValue(ctx.node, fresh),
          addMount(ctx, container.node, fresh, freeMountPath(container.node, fresh)),
        ],
        isPreferred: out.length === 0,
      });
    else
      out.push({ title: 'rename', args: { name: fresh }, edits: [ctx.edit.replaceValue(ctx.node, fresh)] });
    return out;
  },
});

// ---------------------------------------------------------------------------------------
// PV-02: every volume is mounted

export const podVolumeUnmounted = defineRule({
  meta: {
    id: 'pod-volume-unmounted',
    family: 'pv',
    severity: 'error',
    marathon: ['PV-02', 'PV-14'],
    title: 'Every pod volume is mounted by a container',
    docs:
      'Marathon rejects a pod with a volume that no container mounts (`volume must be referenced by at least one ' +
      "container`). Add a `volumeMounts` entry with the volume's name to the containers that use it (sharing one " +
      'volume between several containers is fine), or remove the volume.',
    messages: {
      unmounted:
        'No container mounts the volume "{name}": Marathon rejects the pod ("volume must be referenced by at least one container"). Add a volumeMounts entry for it, or remove it.',
    },
    fixes: {
      mount: 'Mount it in container "{container}" at "{mountPath}"',
      remove: 'Remove the volume "{name}"',
      renameMount: 'Change the volume mount "{mount}" to "{name}"',
    },
  },
  pod(pod, ctx) {
    if (!pod.containers.length) return;
    const info = podInfo(pod);
    for (const v of info.volumes) {
      if (v.effective === 'none' || v.name === undefined || !v.nameNode || !isName(v.name)) continue;
      if (info.mounted.has(v.name)) continue;
      ctx.report({ node: v.nameNode, message: 'unmounted', args: { name: v.name } });
    }
  },
  fix(ctx) {
    const pod = podOf(ctx);
    const name = str(ctx.node);
    const vol = ctx.node.parent?.parent;
    const array = vol?.parent;
    if (!pod || name === undefined || !vol || array?.type !== 'array') return [];
    // A mount whose unknown name is close to this one was meant for it (`Cache` for `cache`):
    // renaming it is the fix, and removing the volume would leave that mount without it.
    const declared = new Set(podInfo(pod).volumes.map((v) => v.name));
    const meantFor = [...podInfo(pod).mounted].filter(
      (m) => !declared.has(m) && closest(m, [name]).length > 0,
    );
    const out: FixProposal[] = [];
    for (const mount of meantFor.slice(0, 3)) {
      const nodes = pod.containers
        .flatMap((c) => c.volumeMounts)
        .map((m) => prop(m, 'name'))
        .filter((n): n is Node => str(n) === mount);
      const edits = nodes.map((n) => ctx.edit.replaceValue(n, name));
      if (ctx.verify(edits))
        out.push({
          title: 'renameMount',
          args: { mount, name },
          edits,
          isPreferred: out.length === 0,
          safe: meantFor.length === 1,
        });
    }
    const meant = meantFor.length > 0;
    pod.containers.slice(0, 5).forEach((c, i) => {
      const mountPath = freeMountPath(c.node, name);
      out.push({
        title: 'mount',
        args: { container: c.name ?? String(c.index), mountPath },
        edits: [addMount(ctx, c.node, name, mountPath)],
        isPreferred: i === 0 && !meant,
      });
    });
    if (!meant) out.push({ title: 'remove', args: { name }, edits: [ctx.edit.removeMember(array, vol)] });
    return out;
  },
});

// ---------------------------------------------------------------------------------------
// PV-03: mounts name declared volumes

export const podVolumeMountUnknown = defineRule({
  meta: {
    id: 'pod-volume-mount-unknown',
    family: 'pv',
    severity: 'error',
    marathon: ['PV-03'],
    title: 'Volume mounts name a volume of the pod',
    docs:
      "A `volumeMounts[*].name` must be the `name` of an entry of the pod's `volumes`; Marathon rejects the pod " +
      'otherwise (`Referenced Volume in VolumeMount should exist`). The quick fix renames the mount to the closest ' +
      'declared volume, or declares an ephemeral volume of that name.',
    messages: {
      unknown:
        'The pod has no volume named "{name}": Marathon rejects it ("Referenced Volume in VolumeMount should exist"). Declare the volume in "volumes", or name one that exists.',
      unknownSuggest:
        'The pod has no volume named "{name}" (did you mean "{suggestion}"?): Marathon rejects it ("Referenced Volume in VolumeMount should exist").',
      unknownInvalid:
        'The pod has no volume named "{name}", and its volume "{volume}" has a name no mount can use: Marathon rejects the pod ("Referenced Volume in VolumeMount should exist"). Rename the volume to "{name}".',
    },
    fixes: {
      rename: 'Change to "{name}"',
      declare: 'Declare an ephemeral volume "{name}"',
      renameVolume: 'Rename the volume "{volume}" to "{name}"',
    },
  },
  pod(pod, ctx) {
    const info = podInfo(pod);
    const declared = new Set(info.volumes.map((v) => v.name).filter((n): n is string => n !== undefined));
    const mountable = [...declared].filter(isName);
    for (const c of pod.containers)
      for (const m of c.volumeMounts) {
        const nameNode = prop(m, 'name');
        const name = str(nameNode);
        if (name === undefined || declared.has(name)) continue;
        // A volume whose invalid name becomes this one (`Host Logs` → `host-logs`) is meant. When that volume
        // does not parse, Marathon stops at its parse error (pod-volume-name says so); when it parses (persistent
        // and secret names only need to be non-empty), Marathon goes on and rejects this mount too.
        const meant = info.volumes.find(
          (v) => v.name !== undefined && !isName(v.name) && toName(v.name) === name,
        );
        if (meant?.effective === 'none') continue;
        if (meant) {
          ctx.report({
            node: nameNode!,
            message: 'unknownInvalid',
            args: { name, volume: meant.name },
            data: { volume: meant.name },
          });
          continue;
        }
        const close = closest(name, mountable);
        const unmounted = mountable.filter((n) => !info.mounted.has(n) && !close.includes(n));
        ctx.report({
          node: nameNode!,
          message: close.length ? 'unknownSuggest' : 'unknown',
          args: { name, suggestion: close[0] },
          data: {
            close,
            others: unmounted.slice(0, Math.max(0, 3 - close.length)),
            // One close name whose volume nobody mounts yet: that is the volume that was meant.
            sure: close.length === 1 && !info.mounted.has(close[0]),
          },
        });
      }
  },
  fix(ctx) {
    const pod = podOf(ctx);
    const name = str(ctx.node);
    if (!pod || name === undefined) return [];
    if (ctx.message === 'unknownInvalid') {
      // The volume's name is what is wrong (`Creds_1` for the mount `creds-1`): it becomes the mount's.
      const volume = ctx.data.volume;
      const edits = podInfo(pod)
        .volumes.filter((v) => v.name === volume && v.nameNode)
        .map((v) => ctx.edit.replaceValue(v.nameNode!, name));
      return edits.length && ctx.verify(edits)
        ? [
            {
              title: 'renameVolume',
              args: { volume: String(volume), name },
              edits,
              isPreferred: true,
              safe: true,
            },
          ]
        : [];
    }
    const close = (ctx.data.close as string[] | undefined) ?? [];
    const others = (ctx.data.others as string[] | undefined) ?? [];
    const out: FixProposal[] = [...close, ...others].map((n, i) => ({
      title: 'rename',
      args: { name: n },
      edits: [ctx.edit.replaceValue(ctx.node, n)],
      isPreferred: i === 0 && close.length > 0,
      safe: i === 0 && ctx.data.sure === true,
    }));
    if (isName(name)) {
      const volumes = prop(pod.node, 'volumes');
      out.push({
        title: 'declare',
        args: { name },
        edits: [
          volumes?.type === 'array'
            ? ctx.edit.insertArrayItem(volumes, { name })
            : ctx.edit.setProperty(pod.node, 'volumes', [{ name }], { after: 'containers' }),
        ],
        isPreferred: out.length === 0,
      });
    }
    return out;
  },
});

// ---------------------------------------------------------------------------------------
// PV-15: duplicate mounts in one container

export const podVolumeMountDuplicate = defineRule({
  meta: {
    id: 'pod-volume-mount-duplicate',
    family: 'pv',
    severity: 'warning',
    marathon: ['PV-15'],
    title: 'A container mounts each volume and each path once',
    docs:
      'Marathon does not check that one container mounts two volumes at the same `mountPath`, or the same volume ' +
      'twice; what the container then sees is undefined. Mounting one volume in several containers is fine.',
    messages: {
      samePath:
        'This container already mounts a volume at "{path}": Marathon accepts it, but which volume the container sees there is undefined. Use another mountPath.',
      sameVolume:
        'This container already mounts the volume "{name}": Marathon accepts it, but mounting one volume twice in one container is undefined. Remove one of the mounts.',
    },
    fixes: { remove: 'Remove this duplicate mount' },
  },
  pod(pod, ctx) {
    for (const c of pod.containers) {
      const paths = new Map<string, Node>();
      const names = new Map<string, Node>();
      for (const m of c.volumeMounts) {
        const pathNode = prop(m, 'mountPath');
        const nameNode = prop(m, 'name');
        const path = str(pathNode);
        const name = str(nameNode);
        const identical = (other: Node | undefined) =>
          other !== undefined && JSON.stringify(value(other)) === JSON.stringify(value(m));
        if (path !== undefined && path !== '') {
          const key = normalisePath(path);
          const first = paths.get(key);
          if (first) {
            ctx.report({
              node: pathNode!,
              message: 'samePath',
              args: { path },
              data: { identical: identical(first) },
              related: [{ node: prop(first, 'mountPath'), message: 'samePath', args: { path } }],
            });
            continue;
          }
          paths.set(key, m);
        }
        if (name !== undefined) {
          const first = names.get(name);
          if (first)
            ctx.report({
              node: nameNode!,
              message: 'sameVolume',
              args: { name },
              data: { identical: identical(first) },
              related: [{ node: prop(first, 'name'), message: 'sameVolume', args: { name } }],
            });
          else names.set(name, m);
        }
      }
    }
  },
  fix(ctx) {
    const mount = ctx.node.parent?.parent;
    const array = mount?.parent;
    if (ctx.data.identical !== true || !mount || array?.type !== 'array') return [];
    return [{ title: 'remove', edits: [ctx.edit.removeMember(array, mount)], isPreferred: true, safe: true }];
  },
});

// ---------------------------------------------------------------------------------------
// PV-09, PV-11: pod persistent volume details

/** The type a persistent volume gets: the written one, else mount with a profile, else root (§4). */
function effectiveType(p: Node): string {
  const t = str(prop(p, 'type'))?.toLowerCase();
  if (t) return t;
  return prop(p, 'profileName')?.type === 'string' ? 'mount' : 'root';
}

function validRegex(s: string): boolean {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}

export const podPersistentVolume = defineRule({
  meta: {
    id: 'pod-persistent-volume',
    family: 'pv',
    severity: 'warning',
    marathon: ['PV-09', 'LV-07', 'LV-09', 'LV-10', 'LV-11', 'LV-14', 'LV-16', 'LV-17'],
    title: 'Pod persistent volumes can be scheduled',
    docs:
      'Marathon checks the `persistent` part of an app volume closely, but for pods it checks nothing beyond ' +
      'parsing: a pod is accepted with a 0 MiB volume, a `maxSize` that is never used, a `maxSize` no disk can ' +
      'satisfy, constraints on the root disk, an invalid regular expression or an empty profile name, and then ' +
      'never launches or ignores the setting. This rule applies the app checks to pods, as warnings.',
    messages: {
      sizeZero:
        'A persistent volume of 0 MiB cannot be reserved: Marathon accepts the pod (it does not check pod volumes), but it can never launch. Give "size" in MiB, more than 0.',
      maxSizeNotMount:
        '"maxSize" only applies to mount disks, and this volume is a {type} volume: Marathon accepts the pod and ignores "maxSize". Set "type" to "mount", or remove "maxSize".',
      maxSizeEqual:
        '"maxSize" is the same as "size" ({size}): Marathon accepts the pod (it does not check pod volumes), but then only a mount disk of exactly {size} MiB can be used. Make "maxSize" larger than "size", or remove it.',
      maxSizeSmaller:
        '"maxSize" ({maxSize}) is smaller than "size" ({size}): Marathon accepts the pod (it does not check pod volumes), but no disk can be used and the pod never launches. Make "maxSize" larger than "size".',
      constraintsOnRoot:
        'Constraints do not apply to root volumes (this volume is a root volume): Marathon accepts the pod without checking them. Set "type" to "path" or "mount", or remove the constraints.',
      regex:
        '"{value}" is not a valid regular expression: Marathon accepts the pod (it does not check pod volumes), but no disk can match. Fix the expression.',
      profileType:
        'A disk profile with "type": "{type}": Marathon keeps the written type, but the DC/OS storage service offers profiled disks as mount disks, so this volume may never find a disk. Set "type" to "mount", or remove "type" (it then defaults to mount).',
      emptyProfile:
        'An empty "profileName" matches no disk: Marathon accepts the pod (it does not check pod volumes), but it can never launch. Name a disk profile, or remove "profileName".',
    },
    fixes: {
      setType: 'Set "type" to "{type}"',
      removeMaxSize: 'Remove "maxSize"',
      removeType: 'Remove "type"',
      removeConstraints: 'Remove the constraints',
    },
  },
  pod(pod, ctx) {
    for (const v of podInfo(pod).volumes) {
      if (v.effective !== 'persistent') continue;
      const p = prop(v.node, 'persistent')!;
      const size = prop(p, 'size')!.value as number;
      const type = effectiveType(p);
      if (size === 0) ctx.report({ node: prop(p, 'size'), message: 'sizeZero' });
      const maxSizeNode = prop(p, 'maxSize');
      if (maxSizeNode?.type === 'number') {
        const maxSize = maxSizeNode.value as number;
        if (type !== 'mount')
          ctx.report({
            node: maxSizeNode,
            message: 'maxSizeNotMount',
            args: { type },
            data: { fix: 'maxSize' },
          });
        else if (maxSize <= size)
          ctx.report({
            node: maxSizeNode,
            message: maxSize === size ? 'maxSizeEqual' : 'maxSizeSmaller',
            args: { maxSize, size },
          });
      }
      const constraints = elements(prop(p, 'constraints'));
      if (constraints.length && type === 'root')
        ctx.report({
          node: keyNode(p, 'constraints'),
          message: 'constraintsOnRoot',
          data: { fix: 'constraints' },
        });
      for (const c of constraints) {
        const [field, op, re] = elements(c);
        if (
          elements(c).length === 3 &&
          str(field) === 'path' &&
          str(op) === 'LIKE' &&
          !validRegex(str(re) ?? '')
        )
          ctx.report({ node: re, message: 'regex', args: { value: str(re) } });
      }
      const profile = prop(p, 'profileName');
      if (str(profile) === '') ctx.report({ node: profile, message: 'emptyProfile' });
      const typeNode = prop(p, 'type');
      if (str(profile) && (type === 'root' || type === 'path'))
        ctx.report({ node: typeNode, message: 'profileType', args: { type }, data: { fix: 'profileType' } });
    }
  },
  fix(ctx) {
    const p = ctx.node.parent?.parent;
    if (!p || p.type !== 'object') return [];
    if (ctx.data.fix === 'maxSize') {
      const out: FixProposal[] = [
        {
          title: 'setType',
          args: { type: 'mount' },
          edits: [ctx.edit.setProperty(p, 'type', 'mount')],
          isPreferred: true,
        },
      ];
      const remove = ctx.edit.removeProperty(p, 'maxSize');
      if (remove) out.push({ title: 'removeMaxSize', edits: [remove] });
      return out;
    }
    if (ctx.data.fix === 'profileType') {
      const remove = ctx.edit.removeProperty(p, 'type');
      return [
        {
          title: 'setType',
          args: { type: 'mount' },
          edits: [ctx.edit.replaceValue(ctx.node, 'mount')],
          isPreferred: true,
        },
        ...(remove ? [{ title: 'removeType', edits: [remove] }] : []),
      ];
    }
    if (ctx.data.fix === 'constraints') {
      const out: FixProposal[] = ['path', 'mount'].map((type, i) => ({
        title: 'setType',
        args: { type },
        edits: [ctx.edit.setProperty(p, 'type', type)],
        isPreferred: i === 0,
      }));
      const remove = ctx.edit.removeProperty(p, 'constraints');
      if (remove) out.push({ title: 'removeConstraints', edits: [remove] });
      return out;
    }
    return [];
  },
});

export const podVolumeConstraint = defineRule({
  meta: {
    id: 'pod-volume-constraint',
    family: 'pv',
    severity: 'error',
    marathon: ['PV-11', 'LV-15', 'LV-12', 'LV-13'],
    title: 'Pod volume constraints are ["path", "LIKE", "<regex>"]',
    docs:
      'Marathon stores a volume constraint only when it is exactly `["path", "LIKE", "<regular expression>"]`. ' +
      'Pod validation lets anything else through (`UNLIKE`, a lower-case `like`, another field, two elements), ' +
      'and the conversion that follows then fails with `illegal volume constraint`: a server error instead of ' +
      'a deployment. Write `UNLIKE "x"` as `LIKE` with a negative look-ahead, `^(?!x$).*`.',
    messages: {
      shape:
        'A volume constraint must be exactly ["path", "LIKE", "<regular expression>"]: Marathon fails with a server error ("illegal volume constraint") on anything else.',
      field:
        'The field of a volume constraint must be "path": Marathon fails with a server error ("illegal volume constraint") on "{value}".',
      unlike:
        'Marathon cannot store UNLIKE volume constraints: the pod passes validation, then fails with a server error ("illegal volume constraint"). Use LIKE with a negative look-ahead instead.',
      operatorCase:
        'The operator of a volume constraint is case-sensitive: Marathon fails with a server error ("illegal volume constraint") on "{value}". Write "LIKE".',
      operator:
        'The only operator volume constraints accept is "LIKE": Marathon fails with a server error ("illegal volume constraint") on "{value}".',
    },
    fixes: {
      upper: 'Change to "LIKE"',
      path: 'Change to "path"',
      lookahead: 'Rewrite as LIKE "{pattern}"',
      like: 'Change to "LIKE" (the value then matches as a regular expression)',
      remove: 'Remove this volume constraint',
    },
  },
  pod(pod, ctx) {
    for (const v of podInfo(pod).volumes) {
      if (v.effective !== 'persistent') continue;
      for (const c of elements(prop(prop(v.node, 'persistent'), 'constraints'))) {
        const items = elements(c);
        const [field, op, re] = items;
        if (items.length !== 3) ctx.report({ node: c, message: 'shape' });
        else if (str(field) !== 'path')
          ctx.report({ node: field, message: 'field', args: { value: str(field) }, data: { fix: 'path' } });
        else if (str(op) === 'UNLIKE')
          ctx.report({
            node: op,
            message: 'unlike',
            data: { fix: 'lookahead', pattern: lookahead(str(re) ?? '') },
          });
        else if (str(op) !== 'LIKE')
          ctx.report({
            node: op,
            message: str(op)?.toUpperCase() === 'LIKE' ? 'operatorCase' : 'operator',
            args: { value: str(op) },
            data: { fix: str(op)?.toUpperCase() === 'LIKE' ? 'upper' : undefined },
          });
      }
    }
  },
  fix(ctx) {
    if (ctx.data.fix === 'upper')
      return [
        { title: 'upper', edits: [ctx.edit.replaceValue(ctx.node, 'LIKE')], isPreferred: true, safe: true },
      ];
    if (ctx.data.fix === 'path')
      return [{ title: 'path', edits: [ctx.edit.replaceValue(ctx.node, 'path')], isPreferred: true }];
    const constraint = ctx.node.parent;
    const re = elements(constraint)[2];
    const pattern = ctx.data.pattern;
    if (ctx.data.fix === 'lookahead' && re && typeof pattern === 'string')
      return [
        {
          title: 'lookahead',
          args: { pattern },
          edits: [ctx.edit.replaceValue(ctx.node, 'LIKE'), ctx.edit.replaceValue(re, pattern)],
          isPreferred: true,
        },
      ];
    // Another operator, or not three items: LIKE when the value can be read as a regular
    // expression; else nothing says what was meant, and the constraint can only go.
    const out: FixProposal[] = [];
    if (ctx.message === 'operator' && ctx.node.type === 'string') {
      const edits = [ctx.edit.replaceValue(ctx.node, 'LIKE')];
      if (ctx.verify(edits)) out.push({ title: 'like', edits });
    }
    const own = ctx.message === 'shape' ? ctx.node : ctx.node.parent;
    const list = own?.parent;
    if ((ctx.message === 'shape' || ctx.message === 'operator') && own && list?.type === 'array') {
      const edits = [ctx.edit.removeMember(list, own)];
      if (ctx.verify(edits)) out.push({ title: 'remove', edits });
    }
    return out;
  },
});

/** `UNLIKE x` as a LIKE: the path must not match `x` as a whole. */
function lookahead(re: string): string {
  return `^(?!(?:${re})$).*`;
}

// ---------------------------------------------------------------------------------------
// PV-13: host volume path

export const podHostVolumePath = defineRule({
  meta: {
    id: 'pod-host-volume-path',
    family: 'pv',
    severity: 'warning',
    marathon: ['PV-13'],
    title: 'Pod host volumes name a path',
    docs:
      'The `host` of a pod host volume is a path on the agent (absolute) or a directory of the executor sandbox ' +
      '(relative, for example one shared between the containers). Marathon checks nothing about it, not even that ' +
      'it is empty.',
    messages: {
      empty:
        'The host path is empty: Marathon accepts it without a word, but there is nothing to mount. Give an absolute path on the agent, or a directory relative to the executor sandbox.',
    },
  },
  pod(pod, ctx) {
    for (const v of podInfo(pod).volumes)
      if (v.effective === 'host' && str(prop(v.node, 'host')) === '')
        ctx.report({ node: prop(v.node, 'host'), message: 'empty' });
  },
});

// ---------------------------------------------------------------------------------------
// SV-05, SV-06: pod secret volumes

export const podSecretVolumeFeature = defineRule({
  meta: {
    id: 'pod-secret-volume-feature',
    family: 'sv',
    severity: 'error',
    marathon: ['SV-05', 'GEN-14'],
    title: 'Pod secret volumes need the secrets feature',
    docs:
      'Marathon rejects pod secret volumes unless it runs with `--enable_features secrets` (`Feature secrets is ' +
      'not enabled`). DC/OS enables it; set `marathon.cluster.features` to the features of your cluster.',
    messages: {
      disabled:
        'Secret volumes need Marathon\'s "secrets" feature, which this cluster does not enable (marathon.cluster.features): Marathon rejects the pod ("Feature secrets is not enabled").',
    },
  },
  pod(pod, ctx) {
    if (ctx.settings.cluster.features.includes('secrets')) return;
    for (const v of podInfo(pod).volumes)
      if (v.effective === 'secret') ctx.report({ node: keyNode(v.node, 'secret'), message: 'disabled' });
  },
});

export const podSecretVolumeReference = defineRule({
  meta: {
    id: 'pod-secret-volume-reference',
    family: 'sv',
    severity: 'error',
    marathon: ['SV-06'],
    title: "Pod secret volumes name a key of the pod's secrets",
    docs:
      "The `secret` of a pod secret volume is a key of the pod's own `secrets` object, not the path in the " +
      'secret store (that is the `source` of the entry). Marathon rejects the pod otherwise (`volume.secret must ' +
      'refer to an existing secret`).',
    messages: {
      unknown:
        'The pod has no secret "{name}" in its "secrets": Marathon rejects it ("volume.secret must refer to an existing secret"). Name a key of "secrets", or declare it there.',
      source:
        '"{name}" is the source of the pod\'s secret "{key}", not its key: Marathon rejects the pod ("volume.secret must refer to an existing secret"). Write "{key}".',
    },
    fixes: {
      use: 'Change to "{key}"',
      declare: 'Declare the secret "{name}" with source "{name}"',
    },
  },
  pod(pod, ctx) {
    const secrets = prop(pod.node, 'secrets');
    const keys = properties(secrets).map((p) => p.key);
    for (const v of podInfo(pod).volumes) {
      if (v.effective !== 'secret') continue;
      const node = prop(v.node, 'secret')!;
      const name = str(node)!;
      if (keys.includes(name)) continue;
      const bySource = properties(secrets).find((p) => str(prop(p.value, 'source')) === name)?.key;
      const close = closest(name, keys);
      ctx.report({
        node,
        message: bySource ? 'source' : 'unknown',
        args: { name, key: bySource },
        data: {
          keys: bySource ? [bySource] : close,
          sure: !!bySource || (close.length === 1 && keys.length === 1),
        },
      });
    }
  },
  fix(ctx) {
    const pod = podOf(ctx);
    const name = str(ctx.node);
    if (!pod || name === undefined) return [];
    const keys = (ctx.data.keys as string[] | undefined) ?? [];
    const out: FixProposal[] = keys.map((key, i) => ({
      title: 'use',
      args: { key },
      edits: [ctx.edit.replaceValue(ctx.node, key)],
      isPreferred: i === 0,
      safe: i === 0 && ctx.data.sure === true,
    }));
    const secrets = prop(pod.node, 'secrets');
    const entry = { source: name };
    if (name)
      out.push({
        title: 'declare',
        args: { name },
        edits: [
          isObject(secrets)
            ? ctx.edit.setProperty(secrets, name, entry)
            : ctx.edit.setProperty(pod.node, 'secrets', { [name]: entry }, { after: 'volumes' }),
        ],
        isPreferred: out.length === 0,
      });
    return out;
  },
});

export const PV_RULES: Rule[] = [
  podVolumeFallback,
  podVolumeKinds,
  podVolumeName,
  podVolumeNameUnique,
  podVolumeUnmounted,
  podVolumeMountUnknown,
  podVolumeMountDuplicate,
  podPersistentVolume,
  podVolumeConstraint,
  podHostVolumePath,
  podSecretVolumeFeature,
  podSecretVolumeReference,
];
