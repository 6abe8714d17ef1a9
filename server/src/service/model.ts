/**
 * A typed view of a Marathon document over the syntax tree: groups, apps, pods,
 * containers and volumes, each keeping its node (and so its offsets). Branches are
 * chosen here once, the way Marathon's parser chooses them, so that schema checks
 * and rules only ever look at the branch that applies.
 */
import type { DefinitionKind } from './detect';
import { elements, has, isObject, prop, str, type Node } from './json';

export type ContainerType = 'MESOS' | 'DOCKER';

/** App volume kinds in Marathon's parse order (marathon-rules.md P3). */
export type AppVolumeKind = 'persistent' | 'external-dvdi' | 'external-csi' | 'secret' | 'host';
/** Pod volume kinds in Marathon's parse order; ephemeral is the fallback. */
export type PodVolumeKind = 'persistent' | 'secret' | 'host' | 'ephemeral';

export interface AppVolumeView {
  node: Node;
  index: number;
  kind: AppVolumeKind;
}

export interface AppView {
  kind: 'app';
  node: Node;
  /** `id` as written. */
  id: string | undefined;
  /** `id` resolved against the enclosing groups, as Marathon makes it absolute. */
  absoluteId: string | undefined;
  container: Node | undefined;
  /** `container.type`, defaulting to DOCKER as Marathon does; undefined without a container or for an unknown type. */
  containerType: ContainerType | undefined;
  volumes: AppVolumeView[];
  /** Has at least one local persistent volume (Marathon's "resident" app). */
  resident: boolean;
  /** Has a `residency` object (which switches on the resident checks by itself). */
  residency: boolean;
  group: GroupView | undefined;
}

export interface PodVolumeView {
  node: Node;
  index: number;
  kind: PodVolumeKind;
  name: string | undefined;
}

export interface PodContainerView {
  node: Node;
  index: number;
  name: string | undefined;
  volumeMounts: Node[];
}

export interface PodView {
  kind: 'pod';
  node: Node;
  id: string | undefined;
  absoluteId: string | undefined;
  volumes: PodVolumeView[];
  containers: PodContainerView[];
  /**
   * Has at least one persistent volume that Marathon can read as one: a pod volume whose
   * `persistent` part does not parse is an ephemeral volume (PV-07) and makes nothing resident.
   */
  resident: boolean;
  group: GroupView | undefined;
}

export interface GroupView {
  kind: 'group';
  node: Node;
  id: string | undefined;
  absoluteId: string | undefined;
  apps: AppView[];
  pods: PodView[];
  groups: GroupView[];
  parent: GroupView | undefined;
}

export interface DefinitionModel {
  kind: DefinitionKind;
  root: Node;
  /** Every app, pod and group of the document, depth first. */
  apps: AppView[];
  pods: PodView[];
  groups: GroupView[];
}

/**
 * The typed view of a definition. With `previous`, the model of an earlier version of
 * the same tree (an incremental re-parse keeps the nodes it did not re-parse), the views
 * of apps and pods whose node is unchanged are reused: a node object outlives an edit
 * only when nothing inside it changed. Their group (and so their absolute id) is set anew.
 */
export function buildModel(kind: DefinitionKind, root: Node, previous?: DefinitionModel): DefinitionModel {
  const model: DefinitionModel = { kind, root, apps: [], pods: [], groups: [] };
  const reuse = new Map<Node, AppView | PodView>();
  if (previous?.root === root) for (const u of [...previous.apps, ...previous.pods]) reuse.set(u.node, u);
  const views: Views = {
    app: (node, group) => {
      const old = reuse.get(node);
      return old?.kind === 'app'
        ? { ...old, group, absoluteId: resolveId(old.id, group?.absoluteId) }
        : appView(node, group);
    },
    pod: (node, group) => {
      const old = reuse.get(node);
      return old?.kind === 'pod'
        ? { ...old, group, absoluteId: resolveId(old.id, group?.absoluteId) }
        : podView(node, group);
    },
  };
  switch (kind) {
    case 'app':
      model.apps.push(appView(root, undefined));
      break;
    case 'pod':
      model.pods.push(podView(root, undefined));
      break;
    case 'apps':
      for (const a of elements(root)) if (isObject(a)) model.apps.push(views.app(a, undefined));
      break;
    case 'group':
      groupView(root, undefined, model, views);
      break;
  }
  return model;
}

interface Views {
  app(node: Node, group: GroupView | undefined): AppView;
  pod(node: Node, group: GroupView | undefined): PodView;
}

function groupView(
  node: Node,
  parent: GroupView | undefined,
  model: DefinitionModel,
  views: Views,
): GroupView {
  const id = idOf(node);
  const g: GroupView = {
    kind: 'group',
    node,
    id,
    absoluteId: resolveId(id, parent?.absoluteId) ?? (parent ? undefined : '/'),
    apps: [],
    pods: [],
    groups: [],
    parent,
  };
  model.groups.push(g);
  for (const a of elements(prop(node, 'apps'))) {
    if (!isObject(a)) continue;
    const app = views.app(a, g);
    g.apps.push(app);
    model.apps.push(app);
  }
  for (const p of elements(prop(node, 'pods'))) {
    if (!isObject(p)) continue;
    const pod = views.pod(p, g);
    g.pods.push(pod);
    model.pods.push(pod);
  }
  for (const sub of elements(prop(node, 'groups'))) {
    if (isObject(sub)) g.groups.push(groupView(sub, g, model, views));
  }
  return g;
}

export function appView(node: Node, group: GroupView | undefined): AppView {
  const container = isObject(prop(node, 'container')) ? prop(node, 'container') : undefined;
  const volumes: AppVolumeView[] = [];
  elements(prop(container, 'volumes')).forEach((v, index) => {
    if (isObject(v)) volumes.push({ node: v, index, kind: appVolumeKind(v) });
  });
  const id = idOf(node);
  return {
    kind: 'app',
    node,
    id,
    absoluteId: resolveId(id, group?.absoluteId),
    container,
    containerType: containerType(container),
    volumes,
    resident: volumes.some((v) => v.kind === 'persistent'),
    residency: isObject(prop(node, 'residency')),
    group,
  };
}

export function podView(node: Node, group: GroupView | undefined): PodView {
  const volumes: PodVolumeView[] = [];
  elements(prop(node, 'volumes')).forEach((v, index) => {
    if (isObject(v)) volumes.push({ node: v, index, kind: podVolumeKind(v), name: str(prop(v, 'name')) });
  });
  const containers: PodContainerView[] = [];
  elements(prop(node, 'containers')).forEach((c, index) => {
    if (isObject(c))
      containers.push({
        node: c,
        index,
        name: str(prop(c, 'name')),
        volumeMounts: elements(prop(c, 'volumeMounts')).filter(isObject),
      });
  });
  const id = idOf(node);
  return {
    kind: 'pod',
    node,
    id,
    absoluteId: resolveId(id, group?.absoluteId),
    volumes,
    containers,
    resident: volumes.some((v) => v.kind === 'persistent' && podPersistentParses(v.node)),
    group,
  };
}

/** Whether Marathon's parser reads a pod volume as persistent (P3: else it falls through to ephemeral). */
function podPersistentParses(v: Node): boolean {
  const p = prop(v, 'persistent');
  const name = str(prop(v, 'name'));
  if (!name || !isObject(p)) return false;
  const given = (key: string) => {
    const n = prop(p, key);
    return n !== undefined && n.type !== 'null' ? n : undefined;
  };
  const count = (n: Node | undefined) =>
    n?.type === 'number' && Number.isInteger(n.value) && (n.value as number) >= 0;
  if (!count(given('size'))) return false;
  const type = given('type');
  if (type && !['root', 'path', 'mount'].includes(str(type)?.toLowerCase() ?? '')) return false;
  if (given('maxSize') && !count(given('maxSize'))) return false;
  if (given('profileName') && given('profileName')!.type !== 'string') return false;
  const constraints = given('constraints');
  if (constraints)
    return (
      constraints.type === 'array' &&
      elements(constraints).every((c) => c.type === 'array' && elements(c).every((e) => e.type === 'string'))
    );
  return true;
}

/** `key` is written with a value: Marathon reads `"key": null` as if the key were absent. */
function given(obj: Node, key: string): boolean {
  return has(obj, key) && prop(obj, key)?.type !== 'null';
}

export function appVolumeKind(v: Node): AppVolumeKind {
  if (given(v, 'persistent')) return 'persistent';
  if (given(v, 'external')) {
    const ext = prop(v, 'external');
    const provider = str(prop(ext, 'provider'));
    return provider === 'csi' || isObject(prop(prop(ext, 'options'), 'capability'))
      ? 'external-csi'
      : 'external-dvdi';
  }
  if (given(v, 'secret')) return 'secret';
  return 'host';
}

export function podVolumeKind(v: Node): PodVolumeKind {
  if (given(v, 'persistent')) return 'persistent';
  if (given(v, 'secret')) return 'secret';
  if (given(v, 'host')) return 'host';
  return 'ephemeral';
}

export function containerType(container: Node | undefined): ContainerType | undefined {
  if (!container) return undefined;
  const t = prop(container, 'type');
  if (t === undefined || t.type === 'null') return 'DOCKER';
  const s = str(t)?.toUpperCase();
  return s === 'MESOS' || s === 'DOCKER' ? s : undefined;
}

function idOf(node: Node): string | undefined {
  return str(prop(node, 'id'));
}

/** Makes a Marathon path id absolute against its group (`db` in `/prod` → `/prod/db`). */
export function resolveId(id: string | undefined, base: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const parts = id.startsWith('/') ? [] : (base ?? '/').split('/').filter(Boolean);
  for (const seg of id.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/** The app, pod or group whose object contains `node`, innermost first. */
export function ownerOf(model: DefinitionModel, node: Node): AppView | PodView | GroupView | undefined {
  let best: AppView | PodView | GroupView | undefined;
  for (const d of [...model.apps, ...model.pods, ...model.groups]) {
    if (node.offset >= d.node.offset && node.offset < d.node.offset + d.node.length) {
      if (!best || d.node.length < best.node.length) best = d;
    }
  }
  return best;
}
