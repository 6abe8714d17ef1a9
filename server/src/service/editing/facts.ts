/**
 * What Marathon accepts at a place of a definition beyond what the schemas say: the
 * values a context narrows (only `RW` for a local persistent volume, only `"disabled"`
 * for a resident app's `unreachableStrategy`), the keys that do not belong there (no
 * `external.size` with the Docker containerizer, no `maxSize` on a root volume), the
 * values the document itself provides (pod volume names for mounts, persistent
 * `containerPath`s for a host volume's `hostPath`, the keys of `secrets`) and the
 * values Marathon fills in for omitted fields (marathon-rules.md §4).
 *
 * Completion and hover both read these facts; the schemas stay the source of types,
 * enums and descriptions.
 */
import type { DefinitionKind } from '../detect';
import { elements, has, isObject, prop, properties, str, type Node } from '../json';
import { appView, appVolumeKind, podView, type AppView, type AppVolumeKind, type PodView } from '../model';
import type { Segment } from '../schema/navigate';
import type { MarathonSettings } from '../settings';
import type { EditingMessage } from './messages';

export interface Place {
  docKind: DefinitionKind;
  unit: 'app' | 'pod' | 'group' | undefined;
  /** The app, pod or group object the location is in. */
  node: Node | undefined;
  app?: AppView;
  pod?: PodView;
  /** Path from the unit object. */
  rel: Segment[];
  /** `relNodes[0]` is the unit object, `relNodes[k]` the node at `rel[k - 1]` (if it exists). */
  relNodes: (Node | undefined)[];
  settings: MarathonSettings;
}

/** Finds the unit (app, pod or group) a path of the document is in. */
export function placeOf(
  docKind: DefinitionKind,
  path: Segment[],
  nodes: (Node | undefined)[],
  settings: MarathonSettings,
): Place {
  let depth = 0;
  let unit: Place['unit'];
  if (docKind === 'app' || docKind === 'pod') unit = docKind;
  else if (docKind === 'apps') {
    if (typeof path[0] === 'number') {
      unit = 'app';
      depth = 1;
    }
  } else {
    unit = 'group';
    for (let i = 0; i + 1 < path.length;) {
      const seg = path[i];
      if (typeof path[i + 1] !== 'number') break;
      if (seg === 'groups') {
        depth = i + 2;
        i += 2;
      } else if (seg === 'apps' || seg === 'pods') {
        unit = seg === 'apps' ? 'app' : 'pod';
        depth = i + 2;
        break;
      } else break;
    }
  }
  const node = unit ? nodes[depth] : undefined;
  const place: Place = {
    docKind,
    unit: node && isObject(node) ? unit : undefined,
    node,
    rel: path.slice(depth),
    relNodes: nodes.slice(depth),
    settings,
  };
  if (place.unit === 'app' && node) place.app = appView(node, undefined);
  if (place.unit === 'pod' && node) place.pod = podView(node, undefined);
  return place;
}

/** The nodes along a path from the root (undefined where the document has nothing yet). */
export function nodesAlong(root: Node | undefined, path: Segment[]): (Node | undefined)[] {
  const out: (Node | undefined)[] = [root];
  let cur = root;
  for (const seg of path) {
    cur =
      cur === undefined
        ? undefined
        : typeof seg === 'number'
          ? elements(cur)[seg]
          : cur.type === 'object'
            ? prop(cur, seg)
            : undefined;
    out.push(cur);
  }
  return out;
}

/** `rel` matches `pattern`, where `#` stands for any index and `*` for any key. */
function is(rel: Segment[], ...pattern: string[]): boolean {
  if (rel.length !== pattern.length) return false;
  return pattern.every((p, i) =>
    p === '#' ? typeof rel[i] === 'number' : p === '*' ? typeof rel[i] === 'string' : rel[i] === p,
  );
}

function startsWith(rel: Segment[], ...pattern: string[]): boolean {
  return rel.length >= pattern.length && is(rel.slice(0, pattern.length), ...pattern);
}

const feature = (p: Place, f: string) => p.settings.cluster.features.includes(f);
const lower = (n: Node | undefined) => str(n)?.toLowerCase();

// ---------------------------------------------------------------------------------------
// Volumes at a place

export interface AppVolumeAt {
  node: Node | undefined;
  /** The kind its keys decide so far (undefined: only keys shared by every kind yet). */
  kind: AppVolumeKind | undefined;
  docker: boolean;
}

/** The app volume `container.volumes[i]` the place is in. */
export function appVolumeAt(p: Place): AppVolumeAt | undefined {
  if (p.unit !== 'app' || !startsWith(p.rel, 'container', 'volumes', '#')) return undefined;
  const node = p.relNodes[3];
  return { node, kind: decidedAppVolumeKind(node), docker: isDocker(p) };
}

export function decidedAppVolumeKind(node: Node | undefined): AppVolumeKind | undefined {
  if (!isObject(node)) return undefined;
  if (has(node, 'persistent') || has(node, 'external') || has(node, 'secret') || has(node, 'hostPath'))
    return appVolumeKind(node);
  return undefined;
}

/** The app's container is a Docker container (also when `type` is omitted, as Marathon reads it). */
function isDocker(p: Place): boolean {
  return p.app?.containerType === 'DOCKER';
}

function isMesos(p: Place): boolean {
  return p.app?.containerType === 'MESOS';
}

function appHasDvdi(app: AppView | undefined): boolean {
  return !!app?.volumes.some((v) => v.kind === 'external-dvdi');
}

function appStateful(app: AppView | undefined): boolean {
  return !!app?.volumes.some((v) => v.kind === 'persistent' || v.kind.startsWith('external'));
}

/** The app's network modes (host when none is given, as Marathon fills in). */
function networkModes(p: Place): string[] {
  const nets = elements(prop(p.node, 'networks'));
  if (!nets.length) {
    const legacy = lower(prop(prop(prop(p.node, 'container'), 'docker'), 'network'));
    if (legacy === 'bridge') return ['container/bridge'];
    if (legacy === 'user') return ['container'];
    return ['host'];
  }
  return nets.map((n) => lower(prop(n, 'mode')) ?? 'container');
}

// ---------------------------------------------------------------------------------------
// Keys

/** False for a key Marathon rejects or ignores in this object (the object is at `p.rel`). */
export function keyAllowed(p: Place, key: string): boolean {
  const rel = p.rel;
  if (p.unit === 'group' && rel.length === 0) return key !== 'pods'; // ignored by /v2/groups
  if (p.unit === 'app') {
    const obj = p.relNodes[rel.length];
    if (rel.length === 0) {
      if ((key === 'gpus' || key === 'check') && isDocker(p)) return false;
      if (key === 'gpus' && !feature(p, 'gpu_resources')) return false;
      if (key === 'secrets' && !feature(p, 'secrets')) return false;
      if ((key === 'portDefinitions' || key === 'requirePorts') && !networkModes(p).includes('host'))
        return false;
      if (key === 'args' && has(obj, 'cmd')) return false;
      if (key === 'cmd' && has(obj, 'args')) return false;
      return true;
    }
    if (is(rel, 'container')) {
      if (key === 'linuxInfo' && isDocker(p)) return false;
      if (key === 'portMappings' && networkModes(p).every((m) => m === 'host')) return false;
      return true;
    }
    if (is(rel, 'container', 'docker')) {
      if ((key === 'parameters' || key === 'privileged') && isMesos(p)) return false;
      if (key === 'pullConfig' && isDocker(p)) return false;
      return true;
    }
    const vol = appVolumeAt(p);
    if (vol && rel.length === 3) {
      if (key === 'mode' && vol.kind === 'secret') return false; // ignored: always read-only
      if (key === 'external' && !feature(p, 'external_volumes')) return false;
      if (key === 'secret' && !feature(p, 'secrets')) return false;
      return true;
    }
    if (vol && is(rel, 'container', 'volumes', '#', 'external')) {
      const csi = vol.kind === 'external-csi';
      if (key === 'size' && (vol.docker || csi)) return false; // EV-14: undefined for Docker
      return true;
    }
    if (vol && is(rel, 'container', 'volumes', '#', 'external', 'options')) {
      if (vol.kind === 'external-dvdi' && vol.docker) return key === 'dvdi/driver'; // EV-13
      return true;
    }
    if (vol && is(rel, 'container', 'volumes', '#', 'persistent')) return persistentKeyAllowed(obj, key);
  }
  if (p.unit === 'pod') {
    const obj = p.relNodes[rel.length];
    if (rel.length === 0 && key === 'secrets') return feature(p, 'secrets');
    if (is(rel, 'volumes', '#') && key === 'secret') return feature(p, 'secrets');
    if (is(rel, 'volumes', '#', 'persistent')) return persistentKeyAllowed(obj, key);
  }
  return true;
}

/** `maxSize` only on an explicit mount volume (LV-09), `constraints` not on root volumes (LV-11). */
function persistentKeyAllowed(persistent: Node | undefined, key: string): boolean {
  const type = lower(prop(persistent, 'type'));
  if (key === 'maxSize') return type === 'mount';
  if (key === 'constraints') return type === 'mount' || type === 'path';
  return true;
}

// ---------------------------------------------------------------------------------------
// Values

/**
 * The only values Marathon accepts at a value place (`p.rel` ends with the key or index),
 * in order of preference; undefined when the schema's own enum (or type) applies as is.
 */
export function allowedValues(p: Place): (string | number | boolean)[] | undefined {
  const rel = p.rel;
  if (p.unit === 'app') {
    const vol = appVolumeAt(p);
    if (vol && is(rel, 'container', 'volumes', '#', 'mode')) {
      switch (vol.kind) {
        case 'persistent':
          return ['RW']; // LV-04
        case 'external-dvdi':
          return vol.docker ? ['RW', 'RO'] : ['RW']; // EV-11
        case 'external-csi': {
          const mode = str(
            prop(prop(prop(prop(vol.node, 'external'), 'options'), 'capability'), 'accessMode'),
          );
          return mode && /READER_ONLY|UNKNOWN/.test(mode) ? ['RO'] : ['RW', 'RO']; // EV-29
        }
        case 'secret':
          return []; // ignored
        default:
          return ['RW', 'RO'];
      }
    }
    if (vol && is(rel, 'container', 'volumes', '#', 'external', 'provider')) {
      const options = prop(prop(vol.node, 'external'), 'options');
      if (isObject(prop(options, 'capability'))) return ['csi'];
      if (has(options, 'dvdi/driver')) return ['dvdi'];
      return ['dvdi', 'csi'];
    }
    if (vol && is(rel, 'container', 'volumes', '#', 'persistent', 'constraints', '#', '0')) return ['path'];
    if (vol && is(rel, 'container', 'volumes', '#', 'persistent', 'constraints', '#', '1')) return ['LIKE'];
    const resident = !!p.app?.resident || !!p.app?.residency;
    if (is(rel, 'unreachableStrategy') && resident) return ['disabled']; // RS-01
    if (is(rel, 'upgradeStrategy', 'maximumOverCapacity') && (resident || appHasDvdi(p.app))) return [0]; // RS-04, EV-18
    if (is(rel, 'acceptedResourceRoles', '#') && resident) return ['*']; // RS-10
  }
  if (p.unit === 'pod') {
    const resident = !!p.pod?.resident;
    if (is(rel, 'scheduling', 'unreachableStrategy') && resident) return ['disabled']; // RS-17
    if (is(rel, 'scheduling', 'upgrade', 'maximumOverCapacity') && resident) return [0]; // RS-18
    if (is(rel, 'scheduling', 'placement', 'acceptedResourceRoles', '#') && resident) return ['*']; // RS-20
    if (is(rel, 'volumes', '#', 'persistent', 'constraints', '#', '0')) return ['path'];
    if (is(rel, 'volumes', '#', 'persistent', 'constraints', '#', '1')) return ['LIKE']; // PV-11
  }
  return undefined;
}

export interface Reference {
  value: string;
  detail: EditingMessage;
  documentation?: EditingMessage;
  /** Sorts before the other references (e.g. a volume not mounted yet). */
  preferred?: boolean;
}

export const DVDI_DRIVERS: { name: string; doc: EditingMessage }[] = [
  { name: 'rexray', doc: 'driverRexray' },
  { name: 'pxd', doc: 'driverPxd' },
  { name: 'netapp', doc: 'driverNetapp' },
];

/** Values the document provides at a value place. */
export function references(p: Place): Reference[] {
  const rel = p.rel;
  const out: Reference[] = [];
  const add = (value: string | undefined, detail: EditingMessage, extra: Partial<Reference> = {}) => {
    if (value !== undefined && value !== '' && !out.some((r) => r.value === value))
      out.push({ value, detail, ...extra });
  };
  const secretKeys = () => {
    for (const s of properties(prop(p.node, 'secrets'))) add(s.key, 'refSecret');
  };
  if (p.unit === 'app' && p.app) {
    const app = p.app;
    if (is(rel, 'container', 'volumes', '#', 'hostPath')) {
      const linked = new Set(
        app.volumes.filter((v) => v.kind === 'host').map((v) => str(prop(v.node, 'hostPath'))),
      );
      for (const v of app.volumes)
        if (v.kind === 'persistent') {
          const path = str(prop(v.node, 'containerPath'));
          add(path, 'refPersistentPath', { preferred: !linked.has(path) });
        }
    }
    if (is(rel, 'container', 'volumes', '#', 'external', 'options', 'dvdi/driver'))
      for (const d of DVDI_DRIVERS) add(d.name, 'refDriver', { documentation: d.doc });
    if (
      is(rel, 'container', 'volumes', '#', 'secret') ||
      is(rel, 'env', '*', 'secret') ||
      is(rel, 'container', 'docker', 'pullConfig', 'secret') ||
      is(rel, 'container', 'volumes', '#', 'external', 'options', 'nodeStageSecret', '*') ||
      is(rel, 'container', 'volumes', '#', 'external', 'options', 'nodePublishSecret', '*')
    )
      secretKeys();
    if (is(rel, 'env', '*'))
      for (const v of app.volumes) {
        const path = str(prop(v.node, 'containerPath'));
        add(path, v.kind === 'persistent' ? 'refPersistentPath' : 'refVolumePath', {
          preferred: v.kind === 'persistent',
        });
      }
  }
  if (p.unit === 'pod' && p.pod) {
    const pod = p.pod;
    if (is(rel, 'containers', '#', 'volumeMounts', '#', 'name')) {
      const container = p.relNodes[2];
      const mounted = new Set(elements(prop(container, 'volumeMounts')).map((m) => str(prop(m, 'name'))));
      for (const v of pod.volumes) add(v.name, 'refPodVolume', { preferred: !mounted.has(v.name) });
    }
    if (is(rel, 'containers', '#', 'volumeMounts', '#', 'mountPath')) {
      // Where the volume is mounted elsewhere in the pod (sharing a volume between containers
      // is what pod volumes are for), then its name as a directory of the sandbox.
      const mount = p.relNodes[4];
      const name = str(prop(mount, 'name'));
      if (name) {
        for (const c of pod.containers)
          for (const m of c.volumeMounts)
            if (m !== mount && str(prop(m, 'name')) === name)
              add(str(prop(m, 'mountPath')), 'refSharedMountPath', { preferred: true });
        if (pod.volumes.some((v) => v.name === name)) add(name, 'refMountPathFromName');
      }
    }
    if (
      is(rel, 'volumes', '#', 'secret') ||
      is(rel, 'environment', '*', 'secret') ||
      is(rel, 'containers', '#', 'environment', '*', 'secret') ||
      is(rel, 'containers', '#', 'image', 'pullConfig', 'secret')
    )
      secretKeys();
    if (is(rel, 'environment', '*') || is(rel, 'containers', '#', 'environment', '*')) {
      const persistent = new Set(pod.volumes.filter((v) => v.kind === 'persistent').map((v) => v.name));
      const containers = is(rel, 'environment', '*')
        ? pod.containers
        : pod.containers.filter((c) => c.node === p.relNodes[2]);
      for (const c of containers)
        for (const m of c.volumeMounts)
          add(str(prop(m, 'mountPath')), 'refVolumePath', {
            preferred: persistent.has(str(prop(m, 'name'))),
          });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// What Marathon fills in

export interface Effective {
  /** Field path, e.g. `upgradeStrategy` or `persistent.type`. */
  field: string;
  value: unknown;
  reason: EditingMessage;
}

/**
 * Values Marathon fills in for fields the definition omits, relevant at `p.rel` (a key
 * or value place): the unit's stateful defaults on its `id`, its volumes and their
 * `persistent`/`external` objects; the omitted parts of the object hovered over.
 */
export function effectiveValues(p: Place): Effective[] {
  const rel = p.rel;
  const out: Effective[] = [];
  if (p.unit === 'app' && p.app) {
    const app = p.app;
    const unit = p.node;
    const stateful = appStateful(app);
    const resident = app.resident;
    const unitLevel = () => {
      if (!has(unit, 'upgradeStrategy'))
        out.push({
          field: 'upgradeStrategy',
          value: stateful
            ? { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 }
            : { minimumHealthCapacity: 1, maximumOverCapacity: 1 },
          reason: stateful ? 'effectiveUpgradeStateful' : 'effectiveDefault',
        });
      if (!has(unit, 'unreachableStrategy'))
        out.push({
          field: 'unreachableStrategy',
          value: resident ? 'disabled' : { inactiveAfterSeconds: 0, expungeAfterSeconds: 0 },
          reason: resident ? 'effectiveUnreachableResident' : 'effectiveDefault',
        });
      if (resident && !has(unit, 'residency'))
        out.push({
          field: 'residency',
          value: { relaunchEscalationTimeoutSeconds: 3600, taskLostBehavior: 'WAIT_FOREVER' },
          reason: 'effectiveResidency',
        });
    };
    if (is(rel, 'id')) {
      unitLevel();
      if (!has(unit, 'instances')) out.push({ field: 'instances', value: 1, reason: 'effectiveDefault' });
      if (app.container && !has(app.container, 'type'))
        out.push({ field: 'container.type', value: 'DOCKER', reason: 'effectiveContainerType' });
      if (!has(unit, 'networks') && !has(prop(app.container, 'docker'), 'network'))
        out.push({ field: 'networks', value: [{ mode: 'host' }], reason: 'effectiveDefault' });
    }
    if (is(rel, 'container')) {
      if (app.container && !has(app.container, 'type'))
        out.push({ field: 'container.type', value: 'DOCKER', reason: 'effectiveContainerType' });
      if (stateful) unitLevel();
    }
    if (is(rel, 'container', 'volumes')) unitLevel();
    const vol = appVolumeAt(p);
    if (vol && rel.length === 4 && (rel[3] === 'persistent' || rel[3] === 'external')) {
      unitLevel();
      const info = p.relNodes[4];
      if (rel[3] === 'persistent' && isObject(info) && !has(info, 'type'))
        out.push(persistentType(info, 'persistent.type'));
      if (rel[3] === 'external' && vol.kind === 'external-dvdi' && isObject(info) && !has(info, 'size'))
        out.push({ field: 'external.size', value: null, reason: 'effectiveDriverSize' });
    }
    if (vol && is(rel, 'container', 'volumes', '#', 'persistent', 'type')) {
      const info = p.relNodes[4];
      if (isObject(info) && !has(info, 'type')) out.push(persistentType(info, 'type'));
    }
  }
  if (p.unit === 'pod' && p.pod) {
    const pod = p.pod;
    const scheduling = prop(p.node, 'scheduling');
    const resident = pod.resident;
    const podLevel = () => {
      const upgrade = prop(scheduling, 'upgrade');
      if (!upgrade)
        out.push({
          field: 'scheduling.upgrade',
          value: resident
            ? { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 }
            : { minimumHealthCapacity: 1, maximumOverCapacity: 1 },
          reason: resident ? 'effectivePodStateful' : 'effectiveDefault',
        });
      else if (isObject(upgrade))
        for (const f of ['minimumHealthCapacity', 'maximumOverCapacity'])
          if (!has(upgrade, f))
            out.push({ field: `scheduling.upgrade.${f}`, value: 1, reason: 'effectivePodUpgradeField' });
      if (!has(scheduling, 'unreachableStrategy'))
        out.push({
          field: 'scheduling.unreachableStrategy',
          value: resident ? 'disabled' : { inactiveAfterSeconds: 0, expungeAfterSeconds: 0 },
          reason: resident ? 'effectivePodStateful' : 'effectiveDefault',
        });
    };
    if (is(rel, 'id') || is(rel, 'scheduling') || is(rel, 'volumes') || is(rel, 'volumes', '#', 'persistent'))
      podLevel();
    if (is(rel, 'id') && !has(p.node, 'scaling'))
      out.push({ field: 'scaling.instances', value: 1, reason: 'effectiveDefault' });
    if (is(rel, 'volumes', '#', 'persistent')) {
      const info = p.relNodes[3];
      if (isObject(info) && !has(info, 'type')) out.push(persistentType(info, 'persistent.type'));
    }
    if (
      is(rel, 'containers', '#', 'volumeMounts', '#', 'name') ||
      is(rel, 'containers', '#', 'volumeMounts', '#', 'mountPath')
    ) {
      const mount = p.relNodes[4];
      if (isObject(mount) && !has(mount, 'readOnly'))
        out.push({ field: 'readOnly', value: false, reason: 'effectiveReadOnly' });
    }
  }
  return out;
}

function persistentType(info: Node, field: string): Effective {
  const profile = has(info, 'profileName');
  return {
    field,
    value: profile ? 'mount' : 'root',
    reason: profile ? 'effectiveProfile' : 'effectiveRootType',
  };
}

export { isDocker, appHasDvdi, appStateful };
