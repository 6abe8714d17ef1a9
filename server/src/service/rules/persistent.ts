/**
 * Rules for local persistent volumes in apps (LV): the one-segment `containerPath`
 * (with the two-volume workaround as its fix), `mode`, `size`, `type`, `maxSize`,
 * `profileName`, volume constraints, and the traps Marathon accepts silently
 * (duplicate paths, `#`, sizes written as GiB, entries of several kinds).
 */
import { elements, isObject, keyNode, num, prop, properties, propertyNode, str, type Node } from '../json';
import type { AppView, AppVolumeView } from '../model';
import { closest, distance } from '../util/similar';
import {
  appNodeOfVolume,
  appOfVolume,
  byDistance,
  containerPathOf,
  isConditional,
  isOneSegment,
  javaRegexError,
  normalizeRelative,
  onBrace,
  segmentName,
  takenNames,
  volumeOf,
  volumesArray,
} from './appVolumes';
import { defineRule, type FixContext, type FixProposal, type Rule } from './types';
import { trimEnd } from '../util/text';
import { parseStrict } from '../util/strictJson';

const TYPES = ['root', 'path', 'mount'];
/** Placement operators of app constraints: valid names, but not for volume constraints. */
const PLACEMENT_OPERATORS = ['UNIQUE', 'CLUSTER', 'GROUP_BY', 'MAX_PER', 'IS'];
/**
 * A persistent volume of this many MiB or less on a root or path disk is smaller than
 * any data store needs: most likely the size was meant in GiB (`"size": 10`).
 */
export const SMALL_SIZE_MIB = 64;
/** The size the fixes propose when there is none to keep: 1 GiB. */
const DEFAULT_SIZE_MIB = 1024;

/** The app's persistent volumes, except those whose keys are alternatives of a template. */
function persistentVolumes(app: AppView, ctx: { doc: { template: boolean; text: string } }): AppVolumeView[] {
  return app.volumes.filter((v) => v.kind === 'persistent' && !isConditional(ctx.doc, v.node));
}

function persistentInfo(v: AppVolumeView): Node | undefined {
  const p = prop(v.node, 'persistent');
  return isObject(p) ? p : undefined;
}

/** The written `persistent.type`, lower-cased (Marathon lower-cases enums); undefined when absent. */
function writtenType(info: Node): string | undefined {
  return str(prop(info, 'type'))?.toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// LV-01..03, LV-20: containerPath

export const persistentContainerPath = defineRule({
  meta: {
    id: 'persistent-container-path',
    family: 'lv',
    severity: 'error',
    marathon: ['LV-01', 'LV-02', 'LV-03', 'LV-20', 'GEN-18'],
    title: 'A local persistent volume is mounted at one directory name in the sandbox',
    docs:
      'The `containerPath` of a local persistent volume must be a single relative path segment: `data`, not ' +
      '`/data`, `var/data` or `data/`, and not `.` or `..`. Marathon rejects anything else (`value must not ' +
      'contain "/"`). When the software needs an absolute path such as `/var/lib/mysql`, use the two-volume ' +
      'workaround: keep the persistent volume at a name such as `mysql` and add a host volume with ' +
      '`"containerPath": "/var/lib/mysql"` and `"hostPath": "mysql"`. The quick fix does exactly that; when an ' +
      'environment variable (such as `PGDATA`) points at the old path, it can point it at the new name instead.',
    messages: {
      missing:
        'This local persistent volume has no "containerPath": Marathon needs the name of its directory in the task sandbox, one segment such as "data".',
      empty:
        'The "containerPath" of a local persistent volume must not be empty: give the name of its directory in the task sandbox, such as "data".',
      dot: 'Marathon rejects "{value}" as the "containerPath" of a local persistent volume: use a directory name such as "data".',
      absolute:
        'A local persistent volume cannot be mounted at the absolute path "{value}": its "containerPath" must be one directory name in the sandbox, without "/". Keep the volume at "{name}" and mount it at "{value}" with a host volume (the quick fix does both).',
      nested:
        'A local persistent volume cannot be mounted at the nested path "{value}": its "containerPath" must be one directory name, without "/". Keep the volume at "{name}" and mount it at "{value}" with a host volume (the quick fix does both).',
      slash:
        'Marathon rejects "/" in the "containerPath" of a local persistent volume: write "{value}" as "{name}", the same directory of the sandbox.',
    },
    fixes: {
      twoVolume: 'Keep the volume at "{name}" and mount it at "{target}" with a host volume',
      pointEnv: 'Keep the volume at "{name}" and point {vars} at it',
      rename: 'Change to "{name}"',
      add: 'Add "containerPath": "{name}"',
    },
  },
  app(app, ctx) {
    for (const v of persistentVolumes(app, ctx)) {
      const node = prop(v.node, 'containerPath');
      if (!node) {
        ctx.report({
          node: v.node,
          ...onBrace(v.node),
          message: 'missing',
          data: { name: segmentName('data', takenNames(app)) },
        });
        continue;
      }
      const value = str(node);
      if (value === undefined) continue; // wrong type: schema-type says it
      if (value === '') {
        ctx.report({ node, message: 'empty', data: { name: segmentName('data', takenNames(app, v.node)) } });
        continue;
      }
      if (value === '.' || value === '..') {
        ctx.report({
          node,
          message: 'dot',
          args: { value },
          data: { name: segmentName('data', takenNames(app, v.node)) },
        });
        continue;
      }
      if (!value.includes('/')) continue;
      const taken = takenNames(app, v.node);
      const normal = normalizeRelative(value);
      if (!value.startsWith('/') && isOneSegment(normal)) {
        const name = taken.has(normal) ? segmentName(normal, taken) : normal;
        ctx.report({ node, message: 'slash', args: { value, name }, data: { name, exact: name === normal } });
        continue;
      }
      const segments = value.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
      const name = segmentName(value, taken);
      if (!segments.length) {
        ctx.report({ node, message: 'dot', args: { value }, data: { name } });
        continue;
      }
      ctx.report({
        node,
        message: value.startsWith('/') ? 'absolute' : 'nested',
        args: { value, name },
        data: { name, kind: 'twoVolume' },
      });
    }
  },
  fix(ctx) {
    const volume = volumeOf(ctx.node);
    const app = appOfVolume(ctx.model, volume);
    if (!volume || !app) return [];
    const name = String(ctx.data.name ?? 'data');
    if (ctx.message === 'missing')
      return [
        {
          title: 'add',
          args: { name },
          edits: [ctx.edit.setProperty(volume, 'containerPath', name, { first: true })],
          isPreferred: true,
        },
      ];
    if (ctx.node.type !== 'string') return [];
    if (ctx.data.kind !== 'twoVolume')
      return [
        {
          title: 'rename',
          args: { name },
          edits: [ctx.edit.replaceValue(ctx.node, name)],
          isPreferred: true,
          safe: ctx.message === 'slash' && ctx.data.exact === true,
        },
      ];
    return twoVolumeFixes(ctx, app, volume, ctx.node, name);
  },
});

/**
 * The two-volume workaround for a persistent volume at an absolute or nested path:
 * the volume moves to `name` and a host volume mounts it at the original path. The
 * alternative points the environment variables that use the old path at `name`.
 */
function twoVolumeFixes(
  ctx: FixContext,
  app: AppView,
  volume: Node,
  pathNode: Node,
  name: string,
): FixProposal[] {
  const original = String(pathNode.value);
  const array = volumesArray(app);
  if (!array) return [];
  const index = elements(array).indexOf(volume);
  const modeNode = prop(volume, 'mode');
  const mode = str(modeNode)?.toUpperCase();
  // The pair must be valid as a whole: the persistent half is RW; a read-only intent moves to the host half.
  const modeEdits = () =>
    modeNode === undefined
      ? [ctx.edit.setProperty(volume, 'mode', 'RW', { after: 'containerPath' })]
      : mode !== 'RW'
        ? [ctx.edit.replaceValue(modeNode, 'RW')]
        : [];
  const out: FixProposal[] = [];
  // A host volume already mounted at the original path: re-link it rather than add a second one.
  const existing = app.volumes.find(
    (v) => v.kind === 'host' && v.node !== volume && containerPathOf(v.node) === original,
  );
  if (existing) {
    const hostPath = prop(existing.node, 'hostPath');
    const edits = [ctx.edit.replaceValue(pathNode, name), ...modeEdits()];
    if (hostPath) edits.push(ctx.edit.replaceValue(hostPath, name));
    else edits.push(ctx.edit.setProperty(existing.node, 'hostPath', name, { after: 'containerPath' }));
    out.push({ title: 'twoVolume', args: { name, target: original }, edits, isPreferred: true, safe: true });
  } else {
    const host = { containerPath: original, hostPath: name, mode: mode === 'RO' ? 'RO' : 'RW' };
    out.push({
      title: 'twoVolume',
      args: { name, target: original },
      edits: [
        ctx.edit.replaceValue(pathNode, name),
        ...modeEdits(),
        ctx.edit.insertArrayItem(array, host, index + 1),
      ],
      isPreferred: true,
      safe: true,
    });
  }
  // Environment variables that point at the old path (or below it) can point at the new name instead.
  const appNode = appNodeOfVolume(volume) ?? app.node;
  const env = prop(appNode, 'env');
  const base = trimEnd(original, '/');
  const vars: { key: string; node: Node; value: string }[] = [];
  for (const p of properties(env)) {
    const v = str(p.value);
    if (v !== undefined && p.value && (v === base || v === base + '/' || v.startsWith(base + '/')))
      vars.push({ key: p.key, node: p.value, value: name + trimEnd(v.slice(base.length), '/') });
  }
  if (vars.length && !existing)
    out.push({
      title: 'pointEnv',
      args: { name, vars: vars.map((v) => v.key).join(', ') },
      edits: [
        ctx.edit.replaceValue(pathNode, name),
        ...modeEdits(),
        ...vars.map((v) => ctx.edit.replaceValue(v.node, v.value)),
      ],
      isPreferred: false,
      safe: false,
    });
  return out;
}

// ---------------------------------------------------------------------------------------------
// LV-04, LV-05: mode

export const persistentMode = defineRule({
  meta: {
    id: 'persistent-mode',
    family: 'lv',
    severity: 'error',
    marathon: ['LV-04', 'LV-05', 'D-08', 'S-02'],
    title: 'A local persistent volume has "mode": "RW"',
    docs:
      'A local persistent volume must say `"mode": "RW"`: Marathon rejects `RO` (`does not equal RW`), and a ' +
      'missing `mode` is a parse error (Marathon then complains, misleadingly, about a missing `hostPath`). ' +
      'Letter case does not matter: `"rw"` is accepted. For a read-only view of the data, keep the volume RW ' +
      'and mount it through a host volume with `"mode": "RO"` (the two-volume workaround).',
    messages: {
      readOnly:
        'Marathon accepts only "RW" as the "mode" of a local persistent volume, not "{value}": the volume must be writable.',
      invalid: 'The "mode" of a local persistent volume must be "RW".',
      missing:
        'This local persistent volume has no "mode": Marathon has no default and rejects it (with a misleading message about "hostPath"). Add "mode": "RW".',
    },
    fixes: {
      set: 'Change to "RW"',
      add: 'Add "mode": "RW"',
      readOnlyHost: 'Make this volume "RW" and the host volume at "{target}" read-only',
    },
  },
  app(app, ctx) {
    for (const v of persistentVolumes(app, ctx)) {
      const mode = prop(v.node, 'mode');
      if (!mode) {
        ctx.report({ node: v.node, ...onBrace(v.node), message: 'missing' });
        continue;
      }
      const value = str(mode);
      if (value?.toUpperCase() === 'RW') continue;
      ctx.report({
        node: mode,
        message: value?.toUpperCase() === 'RO' ? 'readOnly' : 'invalid',
        args: { value },
      });
    }
  },
  fix(ctx) {
    if (ctx.message === 'missing') {
      if (!isObject(ctx.node)) return [];
      return [
        {
          title: 'add',
          edits: [ctx.edit.setProperty(ctx.node, 'mode', 'RW', { after: 'containerPath' })],
          isPreferred: true,
          safe: true,
        },
      ];
    }
    const out: FixProposal[] = [
      { title: 'set', edits: [ctx.edit.replaceValue(ctx.node, 'RW')], isPreferred: true, safe: true },
    ];
    const volume = volumeOf(ctx.node);
    const app = appOfVolume(ctx.model, volume);
    const cp = volume && containerPathOf(volume);
    if (ctx.message === 'readOnly' && app && cp !== undefined && !cp.startsWith('/')) {
      const own = normalizeRelative(cp);
      for (const h of app.volumes) {
        const hostPath = str(prop(h.node, 'hostPath'));
        if (h.kind !== 'host' || hostPath === undefined || normalizeRelative(hostPath) !== own) continue;
        const hostMode = prop(h.node, 'mode');
        if (str(hostMode)?.toUpperCase() === 'RO') continue;
        out.push({
          title: 'readOnlyHost',
          args: { target: containerPathOf(h.node) ?? '' },
          edits: [
            ctx.edit.replaceValue(ctx.node, 'RW'),
            hostMode
              ? ctx.edit.replaceValue(hostMode, 'RO')
              : ctx.edit.setProperty(h.node, 'mode', 'RO', { after: 'hostPath' }),
          ],
        });
      }
    }
    return out;
  },
});

// ---------------------------------------------------------------------------------------------
// LV-06, LV-07: size; §1.11: sizes that look like GiB

export const persistentSize = defineRule({
  meta: {
    id: 'persistent-size',
    family: 'lv',
    severity: 'error',
    marathon: ['LV-06', 'LV-07'],
    title: 'A local persistent volume has a size of more than 0 MiB',
    docs:
      '`persistent.size` is required: a whole number of MiB, more than 0 (`1024` is 1 GiB). It is reserved on ' +
      'the agent in addition to the sandbox `disk`, and it cannot be changed once the app is deployed.',
    messages: {
      missing:
        'The "persistent" settings need "size": the disk space to reserve, in MiB (1024 is 1 GiB). Marathon rejects the volume without it.',
      notPositive:
        'Marathon rejects a local persistent volume of {value} MiB: "size" must be more than 0 (it is in MiB; 1024 is 1 GiB).',
      string: '"size" must be a number of MiB, not the string "{value}".',
      fraction: '"size" must be a whole number of MiB; found {value}.',
    },
    fixes: {
      add: 'Add "size": {value} ({gib} GiB)',
      set: 'Change to {value}',
      setGib: 'Change to {value} ({gib} GiB)',
    },
  },
  app(app, ctx) {
    for (const v of persistentVolumes(app, ctx)) {
      const info = persistentInfo(v);
      if (!info) continue;
      const size = prop(info, 'size');
      if (!size) {
        ctx.report({ node: keyNode(v.node, 'persistent') ?? info, message: 'missing' });
        continue;
      }
      if (size.type === 'string') {
        const n = Number(size.value);
        const ok = /^\s*\d+\s*$/.test(String(size.value)) && n > 0;
        ctx.report({
          node: size,
          message: 'string',
          args: { value: String(size.value) },
          data: ok ? { value: n } : {},
        });
        continue;
      }
      const n = num(size);
      if (n === undefined) continue;
      if (!Number.isInteger(n)) {
        ctx.report({
          node: size,
          message: 'fraction',
          args: { value: n },
          data: n > 0 ? { value: Math.ceil(n) } : {},
        });
        continue;
      }
      if (n <= 0) ctx.report({ node: size, message: 'notPositive', args: { value: n } });
    }
  },
  fix(ctx) {
    if (ctx.message === 'missing') {
      const info = ctx.node.parent?.type === 'property' ? ctx.node.parent.children?.[1] : undefined;
      if (!isObject(info)) return [];
      return [
        {
          title: 'add',
          args: { value: DEFAULT_SIZE_MIB, gib: 1 },
          edits: [ctx.edit.setProperty(info, 'size', DEFAULT_SIZE_MIB, { after: 'type' })],
        },
      ];
    }
    const value = ctx.data.value;
    if (typeof value === 'number')
      return [
        {
          title: 'set',
          args: { value },
          edits: [ctx.edit.replaceValue(ctx.node, value)],
          isPreferred: true,
          safe: ctx.message === 'string',
        },
      ];
    if (ctx.message === 'notPositive')
      return [
        {
          title: 'setGib',
          args: { value: DEFAULT_SIZE_MIB, gib: 1 },
          edits: [ctx.edit.replaceValue(ctx.node, DEFAULT_SIZE_MIB)],
        },
      ];
    return [];
  },
});

export const persistentSizeUnit = defineRule({
  meta: {
    id: 'persistent-size-unit',
    family: 'lv',
    severity: 'information',
    marathon: ['D-06'],
    title: 'A persistent volume size that looks like GiB',
    docs:
      `\`persistent.size\` is in MiB, while \`external.size\` is in GiB: \`"size": 10\` reserves 10 MiB, which is ` +
      `rarely what a database needs. A root or path volume of ${SMALL_SIZE_MIB} MiB or less is pointed out; the ` +
      'quick fix multiplies the value by 1024. Mount volumes are left alone: their size is only the smallest disk ' +
      'to accept, and the whole disk is used.',
    messages: {
      small:
        '"size" is in MiB: this volume reserves only {value} MiB. If you meant {value} GiB, write {mib}; the size cannot be changed after deployment.',
    },
    fixes: { multiply: 'Change to {mib} ({value} GiB)' },
  },
  app(app, ctx) {
    for (const v of persistentVolumes(app, ctx)) {
      const info = persistentInfo(v);
      if (!info) continue;
      const size = prop(info, 'size');
      const n = num(size);
      if (n === undefined || !Number.isInteger(n) || n <= 0 || n > SMALL_SIZE_MIB) continue;
      const type = writtenType(info);
      if (type === 'mount' || (type === undefined && prop(info, 'profileName') !== undefined)) continue;
      ctx.report({ node: size, message: 'small', args: { value: n, mib: n * 1024 }, data: { value: n } });
    }
  },
  fix(ctx) {
    const n = num(ctx.node);
    if (n === undefined) return [];
    return [
      {
        title: 'multiply',
        args: { value: n, mib: n * 1024 },
        edits: [ctx.edit.replaceValue(ctx.node, n * 1024)],
        isPreferred: false,
        safe: false,
      },
    ];
  },
});

// ---------------------------------------------------------------------------------------------
// LV-08: type

export const persistentType = defineRule({
  meta: {
    id: 'persistent-type',
    family: 'lv',
    severity: 'error',
    marathon: ['LV-08', 'GEN-18'],
    title: 'The disk type is root, path or mount',
    docs:
      "`persistent.type` is the Mesos disk resource type: `root` (the agent's root disk, the default), `path` " +
      '(a path disk) or `mount` (a whole mount disk; the default when `profileName` is set). Letter case does ' +
      'not matter. Anything else makes Marathon reject the volume, with a message about a missing `hostPath`.',
    messages: {
      unknown:
        '"{value}" is not a disk type: use "root" (the agent\'s root disk), "path" (a path disk) or "mount" (a whole mount disk).',
    },
    fixes: { replace: 'Change to "{value}"' },
  },
  app(app, ctx) {
    for (const v of persistentVolumes(app, ctx)) {
      const info = persistentInfo(v);
      const type = prop(info, 'type');
      const value = str(type);
      if (!type || value === undefined || TYPES.includes(value.toLowerCase())) continue;
      ctx.report({ node: type, message: 'unknown', args: { value } });
    }
  },
  fix(ctx) {
    const value = str(ctx.node);
    if (value === undefined) return [];
    const close = closest(value, TYPES);
    const ordered = [...close, ...byDistance(value, TYPES, distance).filter((t) => !close.includes(t))];
    return ordered.map((t, i) => ({
      title: 'replace',
      args: { value: t },
      edits: [ctx.edit.replaceValue(ctx.node, t)],
      isPreferred: i === 0 && close.length > 0,
      safe: i === 0 && close.length === 1,
    }));
  },
});

// ---------------------------------------------------------------------------------------------
// LV-09, LV-10: maxSize

export const persistentMaxSize = defineRule({
  meta: {
    id: 'persistent-max-size',
    family: 'lv',
    severity: 'error',
    marathon: ['LV-09', 'LV-10', 'S-01', 'D-01'],
    title: '"maxSize" only on mount volumes, and larger than "size"',
    docs:
      '`persistent.maxSize` bounds the mount disk Marathon accepts: a disk whose size lies between `size` and ' +
      '`maxSize`, reserved whole. Marathon accepts it only with an explicit `"type": "mount"` (`Only mount ' +
      'volumes can have maxSize`), even when `profileName` would make the volume a mount volume later, and it ' +
      'must be strictly larger than `size` (`Max size must be larger than size`).',
    messages: {
      profile:
        '"maxSize" needs an explicit "type": "mount": Marathon checks the written type, and this volume has none (it only becomes a mount volume later, because of "profileName").',
      noType:
        'Marathon accepts "maxSize" only on mount volumes: this volume has no "type", so it is a root volume. Remove "maxSize", or set "type": "mount".',
      wrongType:
        'Marathon accepts "maxSize" only on mount volumes, not on a "{type}" volume: remove "maxSize", or set "type": "mount".',
      bound:
        '"maxSize" ({max}) must be larger than "size" ({size}): Marathon accepts a mount disk whose size lies between the two.',
    },
    fixes: {
      remove: 'Remove "maxSize"',
      setMount: 'Set "type": "mount"',
      swap: 'Swap "size" and "maxSize"',
      set: 'Change to {value}',
    },
  },
  app(app, ctx) {
    for (const v of persistentVolumes(app, ctx)) {
      const info = persistentInfo(v);
      const maxNode = prop(info, 'maxSize');
      if (!info || !maxNode || maxNode.type !== 'number') continue;
      const type = writtenType(info);
      if (type !== 'mount') {
        const message = type === undefined ? (prop(info, 'profileName') ? 'profile' : 'noType') : 'wrongType';
        ctx.report({ node: keyNode(info, 'maxSize')!, message, args: { type: str(prop(info, 'type')) } });
        continue;
      }
      const size = num(prop(info, 'size'));
      const max = num(maxNode)!;
      if (size !== undefined && max <= size)
        ctx.report({ node: maxNode, message: 'bound', args: { max, size } });
    }
  },
  fix(ctx) {
    const info = ctx.node.parent?.type === 'property' ? ctx.node.parent.parent : undefined;
    if (!isObject(info)) return [];
    const remove = ctx.edit.removeProperty(info, 'maxSize');
    if (ctx.message === 'bound') {
      const sizeNode = prop(info, 'size');
      const maxNode = prop(info, 'maxSize');
      const size = num(sizeNode);
      const max = num(maxNode);
      if (!sizeNode || !maxNode || size === undefined || max === undefined) return [];
      const out: FixProposal[] = [];
      if (max < size && max > 0)
        out.push({
          title: 'swap',
          edits: [ctx.edit.replaceValue(sizeNode, max), ctx.edit.replaceValue(maxNode, size)],
          isPreferred: true,
        });
      if (remove) out.push({ title: 'remove', edits: [remove], isPreferred: max >= size });
      out.push({
        title: 'set',
        args: { value: size * 2 },
        edits: [ctx.edit.replaceValue(maxNode, size * 2)],
      });
      return out;
    }
    const setMount: FixProposal = {
      title: 'setMount',
      edits: [ctx.edit.setProperty(info, 'type', 'mount', { first: true })],
      isPreferred: ctx.message === 'profile',
      // With profileName and no type, the volume is a mount volume already: saying so changes nothing.
      safe: ctx.message === 'profile',
    };
    const removeFix: FixProposal | undefined = remove
      ? { title: 'remove', edits: [remove], isPreferred: ctx.message === 'wrongType' }
      : undefined;
    return ctx.message === 'profile'
      ? [setMount, ...(removeFix ? [removeFix] : [])]
      : [...(removeFix ? [removeFix] : []), setMount];
  },
});

// ---------------------------------------------------------------------------------------------
// LV-11: constraints on root volumes

export const persistentConstraintsRoot = defineRule({
  meta: {
    id: 'persistent-constraints-root',
    family: 'lv',
    severity: 'error',
    marathon: ['LV-11', 'S-01', 'D-10', 'D-12'],
    title: 'No volume constraints on root volumes',
    docs:
      'Volume constraints choose the disk of a `path` or `mount` volume by its path. Marathon rejects them on ' +
      'root volumes (`Constraints on root volumes are not supported`), and an omitted `type` counts as root for ' +
      'this check, even when `profileName` makes the volume a mount volume later. `"constraints": []` is fine.',
    messages: {
      root: 'Marathon rejects "constraints" on a root volume: use "type": "path" or "mount" to choose a disk by its path, or remove the constraints.',
      noType:
        'Marathon rejects "constraints" on root volumes, and this volume has no "type", so it is one: set "type": "path" or "mount", or remove the constraints.',
      profile:
        'Marathon rejects "constraints" on root volumes and checks the written "type": this volume has none (it only becomes a mount volume later, because of "profileName"). Add "type": "mount".',
    },
    fixes: { setType: 'Set "type": "{type}"', remove: 'Remove the constraints' },
  },
  app(app, ctx) {
    for (const v of persistentVolumes(app, ctx)) {
      const info = persistentInfo(v);
      const constraints = prop(info, 'constraints');
      if (!info || !elements(constraints).length) continue;
      const type = writtenType(info);
      if (type !== undefined && type !== 'root') continue;
      const message = type === 'root' ? 'root' : prop(info, 'profileName') ? 'profile' : 'noType';
      ctx.report({ node: keyNode(info, 'constraints')!, message });
    }
  },
  fix(ctx) {
    const info = ctx.node.parent?.parent;
    if (!isObject(info)) return [];
    const profile = ctx.message === 'profile';
    const setType = (type: string, preferred: boolean): FixProposal => ({
      title: 'setType',
      args: { type },
      edits: [ctx.edit.setProperty(info, 'type', type, { first: true })],
      isPreferred: preferred,
      safe: preferred && profile,
    });
    const remove = ctx.edit.removeProperty(info, 'constraints');
    return [
      setType('mount', profile),
      ...(profile ? [] : [setType('path', false)]),
      ...(remove ? [{ title: 'remove', edits: [remove] }] : []),
    ];
  },
});

// ---------------------------------------------------------------------------------------------
// LV-12..LV-14: the shape of volume constraints; LV-15: UNLIKE

/** `["path", "UNLIKE", R]` as an equivalent LIKE: Marathon matches the whole path (`String.matches`). */
export function unlikeAsLike(regex: string): string {
  const literalPrefix = /^((?:[^\\^$.*+?()[\]{}|]|\\[^A-Za-z0-9])*)\.\*$/.exec(regex);
  if (literalPrefix && literalPrefix[1]) return `^(?!${literalPrefix[1]}).*`;
  return `^(?!(?:${regex})$).*`;
}

const SHAPE = '["path", "LIKE", "<regular expression>"]';

export const persistentConstraint = defineRule({
  meta: {
    id: 'persistent-constraint',
    family: 'lv',
    severity: 'error',
    marathon: ['LV-12', 'LV-13', 'LV-14'],
    title: 'Volume constraints are ["path", "LIKE", "<regular expression>"]',
    docs:
      'A volume constraint is an array of exactly `["path", "LIKE", "<regular expression>"]`. The field must be ' +
      "`path` (placement fields such as `hostname` belong in the app's `constraints`), the operator is " +
      'case-sensitive (`like` is rejected as an unknown operator; placement operators such as `CLUSTER` are ' +
      'rejected too), and the value must compile as a Java regular expression, matched against the whole path ' +
      'of the disk on the agent (for example `/mnt/ssd-.+`). The expression is checked without being run.',
    messages: {
      empty: `A volume constraint needs three items, ${SHAPE}; this one is empty (Marathon: "Missing field and operator").`,
      placementField:
        'Volume constraints choose a disk by its path only, so "{value}" is not supported here (Marathon: "Unsupported constraint"). To place tasks on agents, use the app\'s "constraints".',
      field:
        'Volume constraints support only the field "path", not "{value}" (Marathon: "Unsupported constraint").',
      fieldCase: 'Volume constraints are case-sensitive: write "path", not "{value}".',
      short: `This volume constraint has no regular expression: write ${SHAPE} (Marathon: "Unsupported constraint").`,
      operatorCase:
        'Volume-constraint operators are case-sensitive: Marathon rejects "{value}" ("unknown constraint operator"). Write "{upper}".',
      unlikeCase:
        'Volume-constraint operators are case-sensitive, so Marathon rejects "{value}"; and it cannot store "UNLIKE" either. Write the constraint as a "LIKE" with a negative look-ahead.',
      placementOperator:
        'Volume constraints take the operator "LIKE", not "{value}" (Marathon: "Operator must be one of LIKE, UNLIKE"); "{value}" is a placement operator for the app\'s "constraints".',
      operator:
        '"{value}" is not a volume-constraint operator (Marathon: "unknown constraint operator"): write "LIKE".',
      regex:
        'Marathon rejects "{value}": it is not a valid regular expression ({reason}). It is matched against the whole path of the disk on the agent, e.g. "/mnt/ssd-.+".',
      extra: 'Marathon ignores everything after the third item of a volume constraint.',
    },
    fixes: {
      remove: 'Remove the constraint',
      setPath: 'Change to "path"',
      moveToApp: 'Move it to the app\'s "constraints"',
      setOperator: 'Change to "{value}"',
      rewrite: 'Rewrite as ["path", "LIKE", "{value}"]',
      literal: 'Match "{value}" literally',
      removeExtra: 'Remove the extra items',
    },
  },
  app(app, ctx) {
    for (const v of persistentVolumes(app, ctx)) {
      for (const c of elements(prop(persistentInfo(v), 'constraints'))) {
        if (c.type !== 'array') continue;
        const items = elements(c);
        if (!items.length) {
          ctx.report({ node: c, message: 'empty' });
          continue;
        }
        const field = items[0];
        const fieldValue = str(field);
        if (fieldValue === undefined) continue;
        if (fieldValue !== 'path') {
          const op = str(items[1]);
          const placement =
            fieldValue === 'hostname' || (op !== undefined && PLACEMENT_OPERATORS.includes(op.toUpperCase()));
          ctx.report({
            node: field,
            message:
              fieldValue.toLowerCase() === 'path' ? 'fieldCase' : placement ? 'placementField' : 'field',
            args: { value: fieldValue },
          });
          continue;
        }
        if (items.length < 3) {
          ctx.report({ node: c, message: 'short' });
          continue;
        }
        const opNode = items[1];
        const op = str(opNode);
        const valueNode = items[2];
        const value = str(valueNode);
        if (op === undefined) continue;
        if (op !== 'LIKE' && op !== 'UNLIKE') {
          const upper = op.toUpperCase();
          const message =
            upper === 'LIKE'
              ? 'operatorCase'
              : upper === 'UNLIKE'
                ? 'unlikeCase'
                : PLACEMENT_OPERATORS.includes(op)
                  ? 'placementOperator'
                  : 'operator';
          ctx.report({ node: opNode, message, args: { value: op, upper } });
        }
        if (value !== undefined && ['LIKE', 'UNLIKE'].includes(op.toUpperCase())) {
          const reason = javaRegexError(value);
          if (reason) ctx.report({ node: valueNode, message: 'regex', args: { value, reason } });
        }
        if (items.length > 3) {
          const last = items[items.length - 1];
          ctx.report({
            offset: items[3].offset,
            length: last.offset + last.length - items[3].offset,
            node: items[3],
            message: 'extra',
            severity: 'warning',
            tags: ['unnecessary'],
          });
        }
      }
    }
  },
  fix(ctx) {
    const item = ctx.message === 'empty' || ctx.message === 'short' ? ctx.node : ctx.node.parent;
    const list = item?.parent;
    if (!item || item.type !== 'array' || list?.type !== 'array') return [];
    const items = elements(item);
    const remove: FixProposal = { title: 'remove', edits: [ctx.edit.removeMember(list, item)] };
    switch (ctx.message) {
      case 'empty':
        return [{ ...remove, isPreferred: true, safe: true }];
      case 'short':
        return [remove];
      case 'fieldCase':
        return [
          {
            title: 'setPath',
            edits: [ctx.edit.replaceValue(ctx.node, 'path')],
            isPreferred: true,
            safe: true,
          },
          remove,
        ];
      case 'field':
        return [{ title: 'setPath', edits: [ctx.edit.replaceValue(ctx.node, 'path')] }, remove];
      case 'placementField':
        return [...moveToApp(ctx, list, item), remove];
      case 'operatorCase':
      case 'placementOperator':
      case 'operator':
        return [
          {
            title: 'setOperator',
            args: { value: 'LIKE' },
            edits: [ctx.edit.replaceValue(ctx.node, 'LIKE')],
            isPreferred: true,
            safe: ctx.message === 'operatorCase',
          },
          remove,
        ];
      case 'unlikeCase':
        return [...rewriteUnlike(ctx, items), remove];
      case 'regex': {
        const value = str(ctx.node) ?? '';
        const literal = '^' + value.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&') + '$';
        return [
          { title: 'literal', args: { value }, edits: [ctx.edit.replaceValue(ctx.node, literal)] },
          remove,
        ];
      }
      case 'extra': {
        const third = items[2];
        const last = items[items.length - 1];
        if (!third) return [];
        return [
          {
            title: 'removeExtra',
            edits: [
              {
                offset: third.offset + third.length,
                length: last.offset + last.length - third.offset - third.length,
                content: '',
              },
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

function rewriteUnlike(ctx: FixContext, items: Node[]): FixProposal[] {
  const [, op, value] = items;
  const regex = str(value);
  if (!op || !value || regex === undefined || javaRegexError(regex)) return [];
  const like = unlikeAsLike(regex);
  return [
    {
      title: 'rewrite',
      args: { value: like },
      edits: [ctx.edit.replaceValue(op, 'LIKE'), ctx.edit.replaceValue(value, like)],
      isPreferred: true,
      safe: true,
    },
  ];
}

/** Moves a placement constraint written as a volume constraint into the app's `constraints`. */
function moveToApp(ctx: FixContext, list: Node, item: Node): FixProposal[] {
  const volume = volumeOf(item);
  const appNode = volume && appNodeOfVolume(volume);
  const parsed = parseStrict(ctx.doc.text.slice(item.offset, item.offset + item.length));
  if (!appNode || !parsed) return [];
  const value = parsed.value;
  const existing = prop(appNode, 'constraints');
  const insert =
    existing?.type === 'array'
      ? ctx.edit.insertArrayItem(existing, value)
      : existing
        ? undefined
        : ctx.edit.setProperty(appNode, 'constraints', [value]);
  if (!insert) return [];
  return [{ title: 'moveToApp', edits: [ctx.edit.removeMember(list, item), insert] }];
}

export const persistentConstraintUnlike = defineRule({
  meta: {
    id: 'persistent-constraint-unlike',
    family: 'lv',
    severity: 'error',
    marathon: ['LV-15', 'S-08'],
    title: 'No UNLIKE volume constraints: Marathon cannot store them',
    docs:
      '`["path", "UNLIKE", "<regex>"]` passes Marathon\'s validation, but the conversion to its internal model ' +
      'accepts only `LIKE`: the request then fails with a server error (HTTP 500, `illegal volume constraint`). ' +
      'The quick fix writes the same condition as a `LIKE` with a negative look-ahead: Marathon matches the whole ' +
      'disk path, so `UNLIKE R` is `LIKE ^(?!(?:R)$).*` (and `UNLIKE /mnt/slow.*` is `LIKE ^(?!/mnt/slow).*`).',
    messages: {
      unlike:
        'Marathon cannot store an "UNLIKE" volume constraint: it passes validation, then the request fails with a server error (HTTP 500, "illegal volume constraint"). Write it as a "LIKE" with a negative look-ahead.',
    },
    fixes: { rewrite: 'Rewrite as ["path", "LIKE", "{value}"]', remove: 'Remove the constraint' },
  },
  app(app, ctx) {
    for (const v of persistentVolumes(app, ctx))
      for (const c of elements(prop(persistentInfo(v), 'constraints'))) {
        const items = elements(c);
        if (str(items[0]) === 'path' && str(items[1]) === 'UNLIKE' && items.length >= 3)
          ctx.report({ node: items[1], message: 'unlike' });
      }
  },
  fix(ctx) {
    const item = ctx.node.parent;
    const list = item?.parent;
    if (item?.type !== 'array' || list?.type !== 'array') return [];
    return [
      ...rewriteUnlike(ctx, elements(item)),
      { title: 'remove', edits: [ctx.edit.removeMember(list, item)] },
    ];
  },
});

// ---------------------------------------------------------------------------------------------
// LV-16, LV-17: profileName

export const persistentProfileName = defineRule({
  meta: {
    id: 'persistent-profile-name',
    family: 'lv',
    severity: 'error',
    marathon: ['LV-16', 'LV-17', 'LV-18', 'D-12'],
    title: 'A volume profile is not empty, and goes with mount volumes',
    docs:
      '`persistent.profileName` names a DC/OS Storage Service volume profile: only disks with that profile are ' +
      'used (without it, only disks without a profile). Marathon rejects an empty name. The Storage Service ' +
      'offers profiled disks as mount disks, so an explicit `"type": "root"` or `"path"` with a profile finds no ' +
      'disk (a warning); leave `type` out or write `"mount"`.',
    messages: {
      empty:
        'Marathon rejects an empty "profileName": name a DC/OS Storage Service volume profile, or remove the field (then only disks without a profile are used).',
      notMount:
        'A "{type}" volume with "profileName" finds no disk: the DC/OS Storage Service offers profiled disks as mount disks. Use "type": "mount", or leave "type" out (it then defaults to mount).',
    },
    fixes: { remove: 'Remove "profileName"', setMount: 'Change to "mount"', removeType: 'Remove "type"' },
  },
  app(app, ctx) {
    for (const v of persistentVolumes(app, ctx)) {
      const info = persistentInfo(v);
      const profile = prop(info, 'profileName');
      const name = str(profile);
      if (!info || !profile || name === undefined) continue;
      if (name === '') {
        ctx.report({ node: profile, message: 'empty' });
        continue;
      }
      const type = writtenType(info);
      if (type === 'root' || type === 'path')
        ctx.report({ node: prop(info, 'type')!, message: 'notMount', args: { type }, severity: 'warning' });
    }
  },
  fix(ctx) {
    const info = ctx.node.parent?.parent;
    if (!isObject(info)) return [];
    if (ctx.message === 'empty') {
      const remove = ctx.edit.removeProperty(info, 'profileName');
      return remove ? [{ title: 'remove', edits: [remove], isPreferred: true, safe: true }] : [];
    }
    const removeType = ctx.edit.removeProperty(info, 'type');
    return [
      { title: 'setMount', edits: [ctx.edit.replaceValue(ctx.node, 'mount')], isPreferred: true },
      ...(removeType ? [{ title: 'removeType', edits: [removeType] }] : []),
    ];
  },
});

// ---------------------------------------------------------------------------------------------
// LV-21: duplicate containerPath; LV-22: '#'

export const persistentDuplicatePath = defineRule({
  meta: {
    id: 'persistent-duplicate-path',
    family: 'lv',
    severity: 'warning',
    marathon: ['LV-21'],
    title: 'Each local persistent volume has its own containerPath',
    docs:
      'Marathon accepts two persistent volumes with the same `containerPath`, but the path is also the ' +
      "volume's name: in its persistence id and when a resident app is updated. The two volumes get mixed up.",
    messages: {
      duplicate:
        'Another local persistent volume of this app already uses the containerPath "{value}": the path is also the volume\'s name (in its persistence id and for updates), so the two get mixed up. Give each volume its own directory.',
      first: 'The first volume at "{value}".',
    },
    fixes: { rename: 'Change to "{name}"' },
  },
  app(app, ctx) {
    const seen = new Map<string, Node>();
    for (const v of persistentVolumes(app, ctx)) {
      const node = prop(v.node, 'containerPath');
      const value = str(node);
      if (!node || !value) continue;
      const first = seen.get(value);
      if (!first) {
        seen.set(value, node);
        continue;
      }
      ctx.report({
        node,
        message: 'duplicate',
        args: { value },
        data: { name: segmentName(value, takenNames(app)) },
        related: [{ node: first, message: 'first', args: { value } }],
      });
    }
  },
  fix(ctx) {
    const name = String(ctx.data.name ?? '');
    if (!name || ctx.node.type !== 'string') return [];
    return [{ title: 'rename', args: { name }, edits: [ctx.edit.replaceValue(ctx.node, name)] }];
  },
});

export const persistentPathHash = defineRule({
  meta: {
    id: 'persistent-path-hash',
    family: 'lv',
    severity: 'warning',
    marathon: ['LV-22'],
    title: 'No "#" in the containerPath of a local persistent volume',
    docs:
      'Marathon builds the persistence id of a local persistent volume as `<app id>#<containerPath>#<uuid>` and ' +
      'reads it back with a pattern that forbids `#` inside a part: with a `#` in `containerPath`, the id ' +
      'cannot be decoded and the volume cannot be matched to its task.',
    messages: {
      hash: '"{value}" contains "#": Marathon names the volume <app id>#<containerPath>#<uuid> and cannot read that name back, so the volume cannot be matched to its task. Use a name without "#".',
    },
    fixes: { rename: 'Change to "{name}"' },
  },
  app(app, ctx) {
    for (const v of persistentVolumes(app, ctx)) {
      const node = prop(v.node, 'containerPath');
      const value = str(node);
      if (!node || value === undefined || !value.includes('#') || value.includes('/')) continue;
      ctx.report({
        node,
        message: 'hash',
        args: { value },
        data: { name: segmentName(value, takenNames(app, v.node)) },
      });
    }
  },
  fix(ctx) {
    const name = String(ctx.data.name ?? '');
    if (!name || ctx.node.type !== 'string') return [];
    return [
      { title: 'rename', args: { name }, edits: [ctx.edit.replaceValue(ctx.node, name)], isPreferred: true },
    ];
  },
});

// ---------------------------------------------------------------------------------------------
// LV-23, SV-07: one volume entry with the keys of several kinds

const OTHER_KINDS: Record<string, string[]> = {
  persistent: ['external', 'secret', 'hostPath'],
  secret: ['hostPath'],
};

export const volumeMixedKinds = defineRule({
  meta: {
    id: 'volume-mixed-kinds',
    family: 'lv',
    severity: 'warning',
    marathon: ['LV-23', 'SV-07', 'P3'],
    title: 'A volume is exactly one kind: persistent, external, secret or host',
    docs:
      'Marathon has no `type` field on app volumes: it reads the keys in the order `persistent` → `external` → ' +
      '`secret` → `hostPath`, takes the first kind that fits and drops the keys of the others without a word. ' +
      'A persistent volume with a `hostPath`, or a secret volume with a `hostPath`, therefore does not do what it ' +
      'says. For a persistent volume at an absolute path, use two volumes (the two-volume workaround).',
    messages: {
      persistent:
        'This volume is a local persistent volume (Marathon reads "persistent" first) and drops "{key}" without a word: a volume is exactly one kind, persistent, external, secret or host.',
      secret:
        'This volume is a secret volume (Marathon reads "secret" before "hostPath") and drops "hostPath" without a word: a volume is exactly one kind.',
    },
    fixes: {
      remove: 'Remove "{key}"',
      split: 'Split into a persistent volume "{name}" and a host volume at "{target}"',
    },
  },
  app(app, ctx) {
    for (const v of app.volumes) {
      const others = OTHER_KINDS[v.kind];
      if (!others || isConditional(ctx.doc, v.node)) continue;
      for (const key of others) {
        const k = keyNode(v.node, key);
        if (k)
          ctx.report({ node: k, message: v.kind, args: { key }, data: { name: key }, tags: ['unnecessary'] });
      }
    }
  },
  fix(ctx) {
    const volume = volumeOf(ctx.node);
    const key = String(ctx.data.name ?? '');
    const property = propertyNode(volume, key);
    if (!volume || !property) return [];
    const out: FixProposal[] = [
      {
        title: 'remove',
        args: { key },
        edits: [ctx.edit.removeMember(volume, property)],
        isPreferred: true,
        safe: true,
      },
    ];
    // persistent + a relative one-segment hostPath: what was meant is the two-volume workaround.
    const hostPath = str(prop(volume, 'hostPath'));
    const pathNode = prop(volume, 'containerPath');
    const cp = str(pathNode);
    const app = appOfVolume(ctx.model, volume);
    const array = app && volumesArray(app);
    if (ctx.message === 'persistent' && key === 'hostPath' && hostPath && cp && pathNode && array) {
      const name = normalizeRelative(hostPath);
      const taken = takenNames(app, volume);
      if (isOneSegment(name) && !taken.has(name) && name !== cp && !name.includes('#')) {
        const modeNode = prop(volume, 'mode');
        const mode = str(modeNode)?.toUpperCase() === 'RO' ? 'RO' : 'RW';
        const edits = [ctx.edit.removeMember(volume, property), ctx.edit.replaceValue(pathNode, name)];
        if (modeNode && str(modeNode)?.toUpperCase() !== 'RW')
          edits.push(ctx.edit.replaceValue(modeNode, 'RW'));
        else if (!modeNode)
          edits.push(ctx.edit.setProperty(volume, 'mode', 'RW', { after: 'containerPath' }));
        edits.push(
          ctx.edit.insertArrayItem(
            array,
            { containerPath: cp, hostPath: name, mode },
            elements(array).indexOf(volume) + 1,
          ),
        );
        out.push({ title: 'split', args: { name, target: cp }, edits });
      }
    }
    return out;
  },
});

export const LV_RULES: Rule[] = [
  persistentContainerPath,
  persistentMode,
  persistentSize,
  persistentSizeUnit,
  persistentType,
  persistentMaxSize,
  persistentConstraintsRoot,
  persistentConstraint,
  persistentConstraintUnlike,
  persistentProfileName,
  persistentDuplicatePath,
  persistentPathHash,
  volumeMixedKinds,
];
