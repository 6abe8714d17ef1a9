/**
 * Rules for external volumes, DVDI and CSI (EV): the feature gate, the provider and
 * its shape, names, DVDI options (and what the Docker containerizer allows), REX-Ray
 * option values, modes and paths, sizes in GiB, instance limits and the upgrade
 * strategy of DVDI apps, and the CSI capability checks.
 *
 * As in Marathon (AppValidation.scala:239), the DVDI-specific checks run only when
 * `external.provider` is exactly `dvdi`, and the CSI ones only when it is `csi`: a
 * missing or unknown provider is reported once and nothing provider-specific is
 * guessed on top of it. Cross-app name uniqueness (EV-10) is in `workspace.ts`.
 */
import {
  at,
  bool,
  isObject,
  keyNode,
  keyOf,
  num,
  prop,
  properties,
  propertyNode,
  str,
  type Node,
} from '../json';
import type { AppView, AppVolumeView } from '../model';
import { defineRule, type FixContext, type FixProposal, type Rule } from './types';

/** `^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$`: provider, `dvdi/driver` and REX-Ray label values. */
export const LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
/** `<namespace>/<name>` option keys (OptionLabelPatterns, EV-06). */
export const OPTION_KEY = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?\/[A-Za-z0-9](?:[-A-Za-z0-9._:]*[A-Za-z0-9])?$/;
const OPTION_NAME = /^[A-Za-z0-9](?:[-A-Za-z0-9._:]*[A-Za-z0-9])?$/;

export const DRIVER_OPTION = 'dvdi/driver';
const KNOWN_PROVIDERS = ['dvdi', 'csi'];
/** Docker volume driver names people write as the provider, and the driver they mean. */
const DRIVER_NAMES: Record<string, string> = {
  rexray: 'rexray',
  pxd: 'pxd',
  portworx: 'pxd',
  netapp: 'netapp',
  convoy: 'convoy',
  flocker: 'flocker',
  local: 'local',
  nfs: 'nfs',
};

/** CSI access modes (exact spelling) and what they allow. */
export const CSI_ACCESS_MODES = [
  'SINGLE_NODE_WRITER',
  'SINGLE_NODE_READER_ONLY',
  'MULTI_NODE_READER_ONLY',
  'MULTI_NODE_SINGLE_WRITER',
  'MULTI_NODE_MULTI_WRITER',
  'UNKNOWN',
];
export const CSI_SHAREABLE = new Set([
  'MULTI_NODE_READER_ONLY',
  'MULTI_NODE_SINGLE_WRITER',
  'MULTI_NODE_MULTI_WRITER',
]);
const CSI_READ_ONLY = new Set(['SINGLE_NODE_READER_ONLY', 'MULTI_NODE_READER_ONLY', 'UNKNOWN']);
export const MNSW = 'MULTI_NODE_SINGLE_WRITER';

/** An external volume of an app, with the nodes the rules look at. */
export interface ExternalVolume {
  app: AppView;
  volume: AppVolumeView;
  /** The `external` object. */
  ext: Node;
  /** The key node `"external"`. */
  extKey: Node;
  provider: string | undefined;
  providerNode: Node | undefined;
  /** `external.options` when it is an object. */
  options: Node | undefined;
  name: string | undefined;
  nameNode: Node | undefined;
  /** `external.shared` is the JSON value true. */
  shared: boolean;
  /** The volume has the CSI shape (model kind `external-csi`). */
  csiShape: boolean;
  /** `mode`, upper-cased (`RW`/`RO`), when it is a string. */
  mode: string | undefined;
  modeNode: Node | undefined;
  /** CSI `options.capability` when it is an object. */
  capability: Node | undefined;
  accessMode: string | undefined;
}

const cache = new WeakMap<Node, ExternalVolume[]>();

/** The external volumes of an app (DVDI and CSI), in order. */
export function externals(app: AppView): ExternalVolume[] {
  let out = cache.get(app.node);
  if (out) return out;
  out = [];
  for (const volume of app.volumes) {
    if (volume.kind !== 'external-dvdi' && volume.kind !== 'external-csi') continue;
    const ext = prop(volume.node, 'external');
    const extKey = keyNode(volume.node, 'external');
    if (!isObject(ext) || !extKey) continue;
    const providerNode = prop(ext, 'provider');
    const nameNode = prop(ext, 'name');
    const options = isObject(prop(ext, 'options')) ? prop(ext, 'options') : undefined;
    const capability = isObject(prop(options, 'capability')) ? prop(options, 'capability') : undefined;
    const modeNode = prop(volume.node, 'mode');
    out.push({
      app,
      volume,
      ext,
      extKey,
      provider: str(providerNode),
      providerNode,
      options,
      name: str(nameNode),
      nameNode,
      shared: bool(prop(ext, 'shared')) === true,
      csiShape: volume.kind === 'external-csi',
      mode: str(modeNode)?.toUpperCase(),
      modeNode,
      capability,
      accessMode: str(prop(capability, 'accessMode')),
    });
  }
  cache.set(app.node, out);
  return out;
}

/** A DVDI volume as Marathon's DVDI provider sees it: DVDI shape and `provider` exactly `dvdi`. */
export function isDvdi(e: ExternalVolume): boolean {
  return !e.csiShape && e.provider === 'dvdi';
}

/** A CSI volume as Marathon's CSI provider sees it: a capability object and `provider` exactly `csi`. */
export function isCsi(e: ExternalVolume): boolean {
  return e.csiShape && e.provider === 'csi' && e.capability !== undefined;
}

function optionEntries(e: ExternalVolume) {
  return properties(e.options);
}

/** A name not used by any external volume of the document: `name-2`, `name-3`... */
export function uniqueName(name: string, taken: (candidate: string) => boolean): string {
  const base = name.replace(/-\d+$/, '') || name;
  for (let i = 2; i < 10_000; i++) {
    const candidate = `${base}-${i}`;
    if (!taken(candidate)) return candidate;
  }
  return `${base}-${Date.now()}`;
}

function documentNames(ctx: FixContext): Set<string> {
  const names = new Set<string>();
  for (const app of ctx.model.apps)
    for (const e of externals(app)) if (e.name !== undefined) names.add(e.name);
  return names;
}

/** The external volume whose `"external"` key the fix was asked for. */
function externalAt(ctx: FixContext): ExternalVolume | undefined {
  const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
  if (!app) return undefined;
  return externals(app).find(
    (e) =>
      e.extKey === ctx.node ||
      (ctx.node.offset >= e.volume.node.offset &&
        ctx.node.offset < e.volume.node.offset + e.volume.node.length),
  );
}

const noFix: FixProposal[] = [];

/**
 * `labels.MARATHON_SINGLE_INSTANCE_APP: "true"`: the residency rules (RS-23) then speak for `instances`
 * and the upgrade strategy, so the DVDI limits on the same nodes stay silent.
 */
function singleInstanceLabel(app: AppView): boolean {
  return str(at(app.node, 'labels', 'MARATHON_SINGLE_INSTANCE_APP')) === 'true';
}

// ---------------------------------------------------------------------------------------------

export const externalVolumesFeature = defineRule({
  meta: {
    id: 'external-volumes-feature',
    family: 'ev',
    severity: 'warning',
    marathon: ['EV-01', 'GEN-14'],
    title: 'External volumes need the external_volumes feature of Marathon',
    docs:
      'Marathon accepts external volumes (DVDI and CSI) only when it runs with `--enable_features external_volumes`; ' +
      'otherwise it rejects the app. Whether the feature is on depends on the cluster, so the rule reads ' +
      '`marathon.cluster.features` (which includes `external_volumes` by default) and warns when it is missing there.',
    messages: {
      disabled:
        'The external_volumes feature is not in marathon.cluster.features: Marathon rejects external volumes unless it runs with --enable_features external_volumes. Enable it on the cluster (and in the setting), or use another kind of volume.',
    },
  },
  app(app, ctx) {
    if (ctx.settings.cluster.features.some((f) => f.toLowerCase() === 'external_volumes')) return;
    for (const e of externals(app)) ctx.report({ node: e.extKey, message: 'disabled' });
  },
});

export const externalVolumeProvider = defineRule({
  meta: {
    id: 'external-volume-provider',
    family: 'ev',
    severity: 'error',
    marathon: ['EV-02', 'EV-03', 'EV-04'],
    title: 'External volumes name a known provider: dvdi or csi',
    docs:
      'Every external volume needs `external.provider`: `dvdi` for Docker volume drivers (REX-Ray, Portworx, NetApp...) ' +
      'and `csi` for CSI plugins, in lower case. A driver name such as `rexray` is not a provider: it belongs in ' +
      '`options["dvdi/driver"]`, and the quick fix moves it there. With a missing or unknown provider Marathon rejects ' +
      'the volume and checks nothing else about it.',
    messages: {
      missing:
        'This external volume has no "provider": Marathon rejects it. Add "provider": "dvdi" (or "csi" for a CSI volume).',
      case: 'Provider "{value}" must be written in lower case: Marathon rejects it. Use "{suggestion}".',
      driver:
        '"{value}" is a Docker volume driver, not a provider: Marathon rejects it ("is unknown provider"). Use "provider": "dvdi" and put the driver in options["dvdi/driver"].',
      unknown:
        'Unknown provider "{value}": Marathon knows only "dvdi" (Docker volume drivers) and "csi" (CSI plugins), and rejects the volume.',
    },
    fixes: {
      add: 'Add "provider": "{provider}"',
      replace: 'Change to "{value}"',
      moveDriver: 'Use "provider": "dvdi" with "dvdi/driver": "{driver}"',
      addThen: 'Add "provider": "{provider}", then {then}',
      replaceThen: 'Change to "{value}", then {then}',
      moveDriverThen: 'Use "provider": "dvdi" with "dvdi/driver": "{driver}", then {then}',
    },
  },
  app(app, ctx) {
    for (const e of externals(app)) {
      if (!e.providerNode) {
        // A CSI-shaped volume without provider: the schema names the missing field.
        if (!e.csiShape) ctx.report({ node: e.extKey, message: 'missing', data: { provider: 'dvdi' } });
        continue;
      }
      const value = e.provider;
      if (value === undefined) continue; // not a string: schema-type
      if (e.csiShape) {
        if (value !== 'csi' && value.trim().toLowerCase() === 'csi')
          ctx.report({
            node: e.providerNode,
            message: 'case',
            args: { value, suggestion: 'csi' },
            data: { value: 'csi', safe: true },
          });
        continue;
      }
      if (LABEL.test(value) && KNOWN_PROVIDERS.includes(value)) continue;
      const lower = value.trim().toLowerCase();
      // Own keys only: "constructor" is no driver (and a function in data cannot be sent).
      const driver = Object.hasOwn(DRIVER_NAMES, lower) ? DRIVER_NAMES[lower] : undefined;
      if (KNOWN_PROVIDERS.includes(lower))
        ctx.report({
          node: e.providerNode,
          message: 'case',
          args: { value, suggestion: lower },
          data: { value: lower, safe: lower === 'dvdi' },
        });
      else if (driver)
        ctx.report({ node: e.providerNode, message: 'driver', args: { value }, data: { driver } });
      else ctx.report({ node: e.providerNode, message: 'unknown', args: { value }, data: { value: 'dvdi' } });
    }
  },
  fix(ctx) {
    // With a provider, the checks of that provider apply (a DVDI volume limits the upgrade
    // strategy): each fix comes with the fixes of what it then brings, safe only if they are.
    return providerFixes(ctx).flatMap((p) => {
      const done = ctx.complete(p.edits);
      if (!done) return [];
      if (!done.then) return [p];
      return [
        {
          ...p,
          title: `${p.title}Then`,
          args: { ...p.args, then: done.then },
          edits: done.edits,
          safe: p.safe === true && done.safe,
        },
      ];
    });
  },
});

function providerFixes(ctx: FixContext): FixProposal[] {
  const e = externalAt(ctx);
  if (!e) return noFix;
  if (ctx.message === 'missing') {
    if (e.providerNode) return noFix;
    return [
      {
        title: 'add',
        args: { provider: 'dvdi' },
        edits: [ctx.edit.setProperty(e.ext, 'provider', 'dvdi', { after: 'name' })],
        isPreferred: true,
        safe: true,
      },
    ];
  }
  if (!e.providerNode) return noFix;
  if (ctx.message === 'case' || ctx.message === 'unknown') {
    const value = String(ctx.data.value);
    return [
      {
        title: 'replace',
        args: { value },
        edits: [ctx.edit.replaceValue(e.providerNode, value)],
        isPreferred: true,
        safe: ctx.data.safe === true,
      },
    ];
  }
  if (ctx.message === 'driver') {
    const driver = String(ctx.data.driver);
    const current = str(prop(e.options, DRIVER_OPTION));
    const setProvider = ctx.edit.replaceValue(e.providerNode, 'dvdi');
    if (current !== undefined && current !== driver)
      return [{ title: 'replace', args: { value: 'dvdi' }, edits: [setProvider], isPreferred: true }];
    const edits = [setProvider];
    if (current === undefined) {
      const optionsNode = prop(e.ext, 'options');
      if (optionsNode && !isObject(optionsNode)) return noFix;
      edits.push(
        optionsNode
          ? ctx.edit.setProperty(optionsNode, DRIVER_OPTION, driver, { first: true })
          : ctx.edit.setProperty(e.ext, 'options', { [DRIVER_OPTION]: driver }),
      );
    }
    return [{ title: 'moveDriver', args: { driver }, edits, isPreferred: true, safe: true }];
  }
  return noFix;
}

export const externalVolumeShape = defineRule({
  meta: {
    id: 'external-volume-shape',
    family: 'ev',
    severity: 'error',
    marathon: ['EV-24'],
    title: 'The provider matches the shape of the external volume',
    docs:
      'Marathon reads an external volume as DVDI when its `options` are a flat map of strings, and as CSI when ' +
      '`options` holds the nested `capability` object. A DVDI-shaped volume with `"provider": "csi"`, or a ' +
      'CSI-shaped one with `"provider": "dvdi"`, is not rejected cleanly: Marathon fails with an internal server ' +
      'error ("Bug. ... We should not get here"). The quick fix sets the provider the shape calls for.',
    messages: {
      dvdiShape:
        'Provider "csi", but these options are DVDI options ("{key}"): Marathon fails with a server error. Use "provider": "dvdi", or write CSI options (pluginName and capability).',
      csiShape:
        'Provider "dvdi", but options.capability makes this a CSI volume: Marathon fails with a server error. Use "provider": "csi", or write DVDI options ("dvdi/driver").',
    },
    fixes: { replace: 'Change to "{value}"' },
  },
  app(app, ctx) {
    for (const e of externals(app)) {
      if (!e.providerNode) continue;
      if (e.provider === 'dvdi' && e.capability)
        ctx.report({ node: e.providerNode, message: 'csiShape', data: { value: 'csi' } });
      else if (e.provider === 'csi' && !e.capability && e.options) {
        const entries = optionEntries(e);
        const dvdiKey = entries.find((p) => p.key.includes('/'));
        if (dvdiKey && entries.every((p) => p.value?.type === 'string'))
          // On "options", where the schema (reading the volume as CSI) would list pluginName and
          // capability as missing: this message replaces that noise.
          ctx.report({
            node: keyNode(e.ext, 'options')!,
            message: 'dvdiShape',
            args: { key: dvdiKey.key },
            data: { value: 'dvdi' },
          });
      }
    }
  },
  fix(ctx) {
    const value = String(ctx.data.value);
    const provider =
      ctx.node.type === 'string' && keyOf(ctx.node)?.value === 'provider' ? ctx.node : undefined;
    const node = provider ?? prop(ctx.node.parent?.parent, 'provider');
    if (node?.type !== 'string') return noFix;
    return [
      {
        title: 'replace',
        args: { value },
        edits: [ctx.edit.replaceValue(node, value)],
        isPreferred: true,
      },
    ];
  },
});

export const externalVolumeName = defineRule({
  meta: {
    id: 'external-volume-name',
    family: 'ev',
    severity: 'error',
    marathon: ['EV-05'],
    title: 'External volumes have a name',
    docs:
      '`external.name` is the name the volume driver (or the CSI plugin) knows the volume by; with REX-Ray on EBS it ' +
      "is the volume's `Name` tag, and a volume of that name is created if none exists. Marathon rejects an external " +
      'volume without a name, or with an empty one. Any other string is accepted.',
    messages: {
      missing:
        'This external volume has no "name": Marathon rejects it. Add the name the storage provider knows the volume by.',
      empty:
        'The external volume name is empty: Marathon rejects it ("must not be empty"). Write the name the storage provider knows the volume by.',
    },
    fixes: { name: 'Name it "{name}" (a new volume, unless the provider has one of that name)' },
  },
  app(app, ctx) {
    for (const e of externals(app)) {
      if (!e.nameNode) {
        if (!e.csiShape) ctx.report({ node: e.extKey, message: 'missing' });
      } else if (e.name === '' && isDvdi(e)) ctx.report({ node: e.nameNode, message: 'empty' });
    }
  },
  fix(ctx) {
    // A name made from the app and the mount point (`/db/mysql` at `data` → `mysql-data`), unique in
    // the document: a guess at what the storage provider should call a new volume, never safe.
    const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
    const e = externalAt(ctx);
    if (!app || !e) return noFix;
    const slug = (s: string) =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
    const segment = slug((app.absoluteId ?? '').split('/').filter(Boolean).pop() ?? '') || 'app';
    const base = `${segment}-${slug(str(prop(e.volume.node, 'containerPath')) ?? '') || 'volume'}`;
    const taken = documentNames(ctx);
    const name = taken.has(base) ? uniqueName(base, (c) => taken.has(c)) : base;
    const edits =
      ctx.message === 'empty' && e.nameNode
        ? [ctx.edit.replaceValue(e.nameNode, name)]
        : [ctx.edit.setProperty(e.ext, 'name', name, { first: true })];
    return ctx.verify(edits) ? [{ title: 'name', args: { name }, edits, isPreferred: true }] : noFix;
  },
});

export const externalVolumeOptionKey = defineRule({
  meta: {
    id: 'external-volume-option-key',
    family: 'ev',
    severity: 'error',
    marathon: ['EV-06'],
    title: 'DVDI option keys have the form namespace/name',
    docs:
      "Every key of a DVDI volume's `external.options` must look like `<namespace>/<name>`, with a lower-case " +
      'namespace (`dvdi/driver`, `dvdi/volumetype`). Marathon rejects `driver`, `size`, `DVDI/driver` or `dvdi/`. ' +
      'The quick fix adds the `dvdi/` namespace (or lower-cases it).',
    messages: {
      syntax:
        'Option key "{key}" is not of the form namespace/name (like "dvdi/driver"): Marathon rejects the volume.',
      syntaxSuggest:
        'Option key "{key}" is not of the form namespace/name: Marathon rejects the volume. Did you mean "{suggestion}"?',
    },
    fixes: { rename: 'Rename to "{key}"', remove: 'Remove the option "{key}"' },
  },
  app(app, ctx) {
    for (const e of externals(app)) {
      if (e.csiShape) continue;
      const keys = new Set(optionEntries(e).map((p) => p.key));
      for (const p of optionEntries(e)) {
        if (OPTION_KEY.test(p.key)) continue;
        const suggestion = suggestKey(p.key);
        const usable = suggestion && !keys.has(suggestion) ? suggestion : undefined;
        ctx.report({
          node: p.keyNode,
          message: usable ? 'syntaxSuggest' : 'syntax',
          args: { key: p.key, suggestion: usable },
          data: usable ? { suggestion: usable } : {},
        });
      }
    }
  },
  fix(ctx) {
    const suggestion = ctx.data.suggestion;
    if (ctx.node.type !== 'string') return noFix;
    if (typeof suggestion !== 'string') {
      // Nothing to rename it to (`dvdi/`): without the option.
      const property = ctx.node.parent;
      const edits = property?.parent ? [ctx.edit.removeMember(property.parent, property)] : [];
      return edits.length && ctx.verify(edits)
        ? [{ title: 'remove', args: { key: String(ctx.node.value) }, edits }]
        : noFix;
    }
    return [
      {
        title: 'rename',
        args: { key: suggestion },
        edits: [ctx.edit.renameKey(ctx.node, suggestion)],
        isPreferred: true,
        safe: true,
      },
    ];
  },
});

function suggestKey(key: string): string | undefined {
  const k = key.trim();
  const slash = k.indexOf('/');
  if (slash < 0) return OPTION_NAME.test(k) ? `dvdi/${k}` : undefined;
  // The name part may not start or end with "_", "." or ":" (`dvdi/iops_` → `dvdi/iops`).
  const name = k.slice(slash + 1).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  const candidate = k.slice(0, slash).toLowerCase() + '/' + name;
  return OPTION_KEY.test(candidate) ? candidate : undefined;
}

export const dvdiDriver = defineRule({
  meta: {
    id: 'dvdi-driver',
    family: 'ev',
    severity: 'error',
    marathon: ['EV-16'],
    title: 'DVDI volumes name their Docker volume driver',
    docs:
      'A DVDI volume must say which Docker volume driver provides it, in `options["dvdi/driver"]`: `rexray` (shipped ' +
      'with DC/OS), `pxd` (Portworx), `netapp`... The value uses lower-case letters, digits and `-`. Marathon rejects ' +
      'the volume without it, with both container types.',
    messages: {
      missing:
        'This DVDI volume has no options["dvdi/driver"]: Marathon rejects it. Name the Docker volume driver, e.g. "rexray".',
      syntax:
        'Driver "{value}" is not a valid dvdi/driver: use lower-case letters, digits and "-" (e.g. "rexray"). Marathon rejects the volume.',
    },
    fixes: { add: 'Add "dvdi/driver": "rexray"', replace: 'Change to "{value}"' },
  },
  app(app, ctx) {
    for (const e of externals(app)) {
      if (!isDvdi(e)) continue;
      const optionsNode = prop(e.ext, 'options');
      if (optionsNode && !isObject(optionsNode)) continue; // schema-type
      const driverNode = prop(e.options, DRIVER_OPTION);
      if (!driverNode) {
        ctx.report({ node: keyNode(e.ext, 'options') ?? e.extKey, message: 'missing' });
        continue;
      }
      const value = str(driverNode);
      if (value === undefined || LABEL.test(value)) continue;
      const suggestion = value.trim().toLowerCase();
      ctx.report({
        node: driverNode,
        message: 'syntax',
        args: { value },
        data: LABEL.test(suggestion) ? { suggestion } : {},
      });
    }
  },
  fix(ctx) {
    const e = externalAt(ctx);
    if (!e) return noFix;
    if (ctx.message === 'missing') {
      if (prop(e.options, DRIVER_OPTION)) return noFix;
      const optionsNode = prop(e.ext, 'options');
      const edit = optionsNode
        ? ctx.edit.setProperty(optionsNode, DRIVER_OPTION, 'rexray', { first: true })
        : ctx.edit.setProperty(e.ext, 'options', { [DRIVER_OPTION]: 'rexray' });
      return [{ title: 'add', edits: [edit], isPreferred: true }];
    }
    if (ctx.node.type !== 'string') return noFix;
    // The value in lower case, its first part (`rexray/ebs` is the Docker plugin; DC/OS names its
    // driver `rexray`), or REX-Ray itself: each as the rest of the volume takes it.
    const value = String(ctx.node.value);
    const candidates = [ctx.data.suggestion, value.trim().toLowerCase().split(/[/:@]/)[0], 'rexray'].filter(
      (c, i, all): c is string => typeof c === 'string' && LABEL.test(c) && all.indexOf(c) === i,
    );
    const out: FixProposal[] = [];
    for (const c of candidates) {
      const edits = [ctx.edit.replaceValue(ctx.node, c)];
      if (ctx.verify(edits))
        out.push({ title: 'replace', args: { value: c }, edits, isPreferred: out.length === 0 });
    }
    return out;
  },
});

const REXRAY_LABEL_OPTIONS = ['dvdi/volumetype', 'dvdi/newfstype'];

/** `Try(v.toLong)` and `> 0`, as Marathon's `validNaturalNumber`. */
function naturalNumber(v: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(v)) return false;
  const n = BigInt(v);
  return n > 0n && n <= 9223372036854775807n;
}

export const rexrayOptions = defineRule({
  meta: {
    id: 'rexray-options',
    family: 'ev',
    severity: 'error',
    marathon: ['EV-17'],
    title: 'REX-Ray options have values Marathon accepts',
    docs:
      'When `dvdi/driver` is `rexray`, Marathon checks four options: `dvdi/volumetype` and `dvdi/newfstype` must be ' +
      'lower-case labels (no spaces), `dvdi/iops` a positive whole number, and `dvdi/overwritefs` a boolean. ' +
      'Because of the way Marathon writes that last check, only `"true"` passes: `"false"` is refused too. ' +
      'It is reported as a warning, because omitting the option means the same (REX-Ray does not overwrite by ' +
      'default); the quick fix removes it.',
    messages: {
      label:
        '"{key}" must be a lower-case label without spaces (like "gp2" or "xfs"); Marathon rejects "{value}".',
      iops: '"dvdi/iops" must be a positive whole number; Marathon rejects "{value}" ("Expected a valid, positive integer").',
      boolean:
        '"dvdi/overwritefs" must be "true" (or left out); Marathon rejects "{value}" ("Expected a valid boolean").',
      overwriteFalse:
        'Marathon refuses "dvdi/overwritefs": "false" with REX-Ray (its check lets only "true" through). Leave the option out: REX-Ray does not overwrite file systems by default.',
    },
    fixes: { replace: 'Change to "{value}"', remove: 'Remove "{key}"' },
  },
  app(app, ctx) {
    for (const e of externals(app)) {
      if (!isDvdi(e) || str(prop(e.options, DRIVER_OPTION)) !== 'rexray') continue;
      for (const p of optionEntries(e)) {
        const value = str(p.value);
        if (value === undefined || !p.value) continue;
        if (REXRAY_LABEL_OPTIONS.includes(p.key) && !LABEL.test(value)) {
          const suggestion = value.trim().toLowerCase();
          ctx.report({
            node: p.value,
            message: 'label',
            args: { key: p.key, value },
            data: LABEL.test(suggestion) ? { suggestion } : {},
          });
        } else if (p.key === 'dvdi/iops' && !naturalNumber(value)) {
          const thousands = /^\s*(\d+)\s*k\s*$/i.exec(value);
          const suggestion = thousands ? String(Number(thousands[1]) * 1000) : value.trim();
          ctx.report({
            node: p.value,
            message: 'iops',
            args: { value },
            data: naturalNumber(suggestion) ? { suggestion } : {},
          });
        } else if (p.key === 'dvdi/overwritefs' && value.toLowerCase() !== 'true') {
          if (value.toLowerCase() === 'false')
            ctx.report({
              node: p.value,
              message: 'overwriteFalse',
              severity: 'warning',
              data: { option: p.key },
            });
          else
            ctx.report({
              node: p.value,
              message: 'boolean',
              args: { value },
              data: { option: p.key, suggestion: 'true' },
            });
        }
      }
    }
  },
  fix(ctx) {
    if (ctx.node.type !== 'string') return noFix;
    const out: FixProposal[] = [];
    const suggestion = ctx.data.suggestion;
    if (typeof suggestion === 'string')
      out.push({
        title: 'replace',
        args: { value: suggestion },
        edits: [ctx.edit.replaceValue(ctx.node, suggestion)],
        isPreferred: ctx.message !== 'boolean',
      });
    // Every one of these options may be left out (REX-Ray's default applies).
    const property = ctx.node.parent;
    const options = property?.parent;
    const key = property?.children?.[0]?.value;
    if (property && options && typeof key === 'string') {
      const edits = [ctx.edit.removeMember(options, property)];
      if (ctx.message === 'overwriteFalse' || ctx.verify(edits))
        out.push({
          title: 'remove',
          args: { key },
          edits,
          isPreferred: ctx.message === 'overwriteFalse' || !out.length,
          safe: ctx.message === 'overwriteFalse',
        });
    }
    return out;
  },
});

export const dvdiDockerContainer = defineRule({
  meta: {
    id: 'dvdi-docker-options',
    family: 'ev',
    severity: 'error',
    marathon: ['EV-13', 'EV-14'],
    title: 'DVDI volumes of DOCKER containers have only dvdi/driver and no size',
    docs:
      'With the Docker containerizer, Docker itself mounts the volume through its volume driver and passes it no ' +
      'options: Marathon therefore rejects any option other than `dvdi/driver`, and an `external.size` (the size ' +
      "comes from the driver's default; 16 GiB for REX-Ray). Remove them, or use a MESOS container, which passes " +
      'the `dvdi/*` options and the size to the driver.',
    messages: {
      option:
        'With a DOCKER container Marathon accepts only "dvdi/driver" in the options and rejects "{key}" (Docker\'s volume driver would not receive it). Remove it, or use a MESOS container.',
      size: 'With a DOCKER container Marathon rejects "size" ("must be undefined for Docker containers"): the driver\'s default size applies. Remove it, or use a MESOS container.',
    },
    fixes: {
      removeOption: 'Remove "{key}": Docker\'s volume driver ignores it and Marathon rejects it',
      removeOptions:
        'Remove every option but "dvdi/driver": Docker\'s volume driver ignores them and Marathon rejects them',
      removeSize: 'Remove "size": Docker\'s volume driver ignores it and Marathon rejects it',
    },
  },
  app(app, ctx) {
    if (app.containerType !== 'DOCKER') return;
    for (const e of externals(app)) {
      if (!isDvdi(e)) continue;
      for (const p of optionEntries(e))
        if (p.key !== DRIVER_OPTION && OPTION_KEY.test(p.key))
          ctx.report({ node: p.keyNode, message: 'option', args: { key: p.key }, data: { option: p.key } });
      const size = keyNode(e.ext, 'size');
      if (size) ctx.report({ node: size, message: 'size' });
    }
  },
  fix(ctx) {
    const property = ctx.node.parent;
    const obj = property?.parent;
    if (!property || !obj || property.type !== 'property') return noFix;
    if (ctx.message === 'size')
      return [{ title: 'removeSize', edits: [ctx.edit.removeMember(obj, property)], isPreferred: true }];
    const key = String(ctx.data.option ?? '');
    const out: FixProposal[] = [
      {
        title: 'removeOption',
        args: { key },
        edits: [ctx.edit.removeMember(obj, property)],
        isPreferred: true,
      },
    ];
    const others = properties(obj).filter((p) => p.key !== DRIVER_OPTION);
    const driver = propertyNode(obj, DRIVER_OPTION);
    if (others.length > 1 && driver?.children?.[1]?.type === 'string')
      out.push({
        title: 'removeOptions',
        edits: [ctx.edit.replaceValue(obj, { [DRIVER_OPTION]: driver.children[1].value })],
      });
    return out;
  },
});

export const dvdiMesosReadWrite = defineRule({
  meta: {
    id: 'dvdi-mesos-read-write',
    family: 'ev',
    severity: 'error',
    marathon: ['EV-11'],
    title: 'DVDI volumes of MESOS containers are mounted read-write',
    docs:
      'The Mesos containerizer mounts DVDI volumes read-write only, and Marathon rejects `"mode": "RO"` for them ' +
      '("does not equal RW"). With a DOCKER container, `RO` is accepted; CSI volumes have their own rule.',
    messages: {
      readOnly:
        'A MESOS container mounts DVDI volumes read-write only: Marathon rejects "mode": "{value}" ("does not equal RW"). Use "RW".',
    },
    fixes: { readWrite: 'Change "mode" to "RW"' },
  },
  app(app, ctx) {
    if (app.containerType !== 'MESOS') return;
    for (const e of externals(app))
      if (isDvdi(e) && e.mode === 'RO' && e.modeNode)
        ctx.report({ node: e.modeNode, message: 'readOnly', args: { value: str(e.modeNode) } });
  },
  fix(ctx) {
    if (ctx.node.type !== 'string') return noFix;
    return [{ title: 'readWrite', edits: [ctx.edit.replaceValue(ctx.node, 'RW')], isPreferred: true }];
  },
});

export const externalVolumeContainerPath = defineRule({
  meta: {
    id: 'external-volume-container-path',
    family: 'ev',
    severity: 'error',
    marathon: ['EV-12', 'EV-19'],
    title: 'DVDI volumes are not mounted at "." or ".."',
    docs:
      'Marathon rejects `.` and `..` as the `containerPath` of a DVDI volume, with both container types. Relative, ' +
      'nested and absolute paths are all accepted (with a MESOS container and no image, an absolute path must ' +
      'already exist on the agent).',
    messages: {
      dot: 'A DVDI volume cannot be mounted at "{value}": Marathon rejects it ("can not be one of (.,..)"). Use a directory name such as "data".',
    },
    fixes: { replace: 'Mount it at "{value}"' },
  },
  app(app, ctx) {
    for (const e of externals(app)) {
      if (!isDvdi(e)) continue;
      const node = prop(e.volume.node, 'containerPath');
      const value = str(node);
      if (node && (value === '.' || value === '..')) ctx.report({ node, message: 'dot', args: { value } });
    }
  },
  fix(ctx) {
    // A directory of the sandbox that no other volume of the app uses: "data", else "data-2"...
    const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
    if (!app || ctx.node.type !== 'string') return noFix;
    const used = new Set(app.volumes.map((v) => str(prop(v.node, 'containerPath'))));
    const path = used.has('data') ? uniqueName('data', (c) => used.has(c)) : 'data';
    const edits = [ctx.edit.replaceValue(ctx.node, path)];
    return ctx.verify(edits)
      ? [{ title: 'replace', args: { value: path }, edits, isPreferred: true }]
      : noFix;
  },
});

export const externalVolumeSize = defineRule({
  meta: {
    id: 'external-volume-size',
    family: 'ev',
    severity: 'error',
    marathon: ['EV-15'],
    title: 'DVDI sizes are more than 0 GiB',
    docs:
      '`external.size` is the size in GiB that the volume driver creates the volume with. Marathon rejects 0 ' +
      '("got 0, expected more than 0"); leave `size` out to get the driver\'s default.',
    messages: {
      zero: 'The size of an external volume must be more than 0 GiB: Marathon rejects 0. Write the size in GiB, or leave "size" out for the driver\'s default.',
    },
    fixes: { remove: 'Remove "size" (the driver\'s default size applies)' },
  },
  app(app, ctx) {
    if (app.containerType === 'DOCKER') return; // no size at all there (dvdi-docker-options)
    for (const e of externals(app)) {
      const size = prop(e.ext, 'size');
      if (isDvdi(e) && num(size) === 0) ctx.report({ node: size!, message: 'zero' });
    }
  },
  fix(ctx) {
    const property = ctx.node.parent;
    if (property?.type !== 'property' || !property.parent) return noFix;
    const edits = [ctx.edit.removeMember(property.parent, property)];
    return ctx.verify(edits) ? [{ title: 'remove', edits, isPreferred: true }] : noFix;
  },
});

export const externalVolumeSizeUnit = defineRule({
  meta: {
    id: 'external-volume-size-unit',
    family: 'ev',
    severity: 'hint',
    marathon: ['EV-15', 'D-06'],
    title: 'External volume sizes are GiB, not MiB',
    docs:
      'Local persistent volumes count in MiB, external volumes in GiB: `"size": 10240` on an external volume asks ' +
      'the driver for 10 TiB. A size of 1024 or more looks like MiB and gets a hint (with a quick fix to the GiB ' +
      'value when it divides evenly).',
    messages: {
      large:
        'external.size is in GiB: {size} means {tib} TiB. If you meant MiB (as for local persistent volumes), write {gib}.',
      largeUneven:
        'external.size is in GiB: {size} means {tib} TiB. Check that you did not mean MiB (as for local persistent volumes).',
    },
    fixes: { gib: 'Change to {gib} (GiB)' },
  },
  app(app, ctx) {
    if (app.containerType === 'DOCKER') return;
    for (const e of externals(app)) {
      const node = prop(e.ext, 'size');
      const size = num(node);
      if (!isDvdi(e) || !node || size === undefined || !Number.isInteger(size) || size < 1024) continue;
      const gib = size / 1024;
      const tib = Math.round((size / 1024) * 100) / 100;
      ctx.report({
        node,
        message: Number.isInteger(gib) ? 'large' : 'largeUneven',
        args: { size, tib, gib },
        data: Number.isInteger(gib) ? { gib } : {},
      });
    }
  },
  fix(ctx) {
    const gib = ctx.data.gib;
    if (typeof gib !== 'number' || ctx.node.type !== 'number') return noFix;
    return [
      { title: 'gib', args: { gib }, edits: [ctx.edit.replaceValue(ctx.node, gib)], isPreferred: true },
    ];
  },
});

export const dvdiIgnoredOption = defineRule({
  meta: {
    id: 'dvdi-ignored-option',
    family: 'ev',
    severity: 'hint',
    marathon: ['EV-21'],
    title: 'DVDI options that Marathon does not pass to the driver',
    docs:
      'With a MESOS container Marathon passes the `dvdi/*` options (without the prefix, values trimmed) to the volume ' +
      'driver. Options in any other namespace are accepted and silently dropped, and `dvdi/size` is overridden by ' +
      '`external.size` when both are given.',
    messages: {
      namespace:
        'Marathon passes only "dvdi/*" options to the volume driver: "{key}" is dropped without a word.',
      size: '"dvdi/size" is ignored: external.size ({size}) is what Marathon passes to the driver.',
    },
    fixes: { remove: 'Remove "{key}"' },
  },
  app(app, ctx) {
    if (app.containerType !== 'MESOS') return;
    for (const e of externals(app)) {
      if (!isDvdi(e)) continue;
      const size = num(prop(e.ext, 'size'));
      for (const p of optionEntries(e)) {
        if (!OPTION_KEY.test(p.key)) continue;
        if (!p.key.startsWith('dvdi/'))
          ctx.report({
            node: p.keyNode,
            message: 'namespace',
            args: { key: p.key },
            data: { option: p.key },
            tags: ['unnecessary'],
          });
        else if (p.key === 'dvdi/size' && size !== undefined)
          ctx.report({
            node: p.keyNode,
            message: 'size',
            args: { size },
            data: { option: p.key },
            tags: ['unnecessary'],
          });
      }
    }
  },
  fix(ctx) {
    const property = ctx.node.parent;
    const obj = property?.parent;
    if (!property || !obj || property.type !== 'property') return noFix;
    return [
      {
        title: 'remove',
        args: { key: String(ctx.data.option ?? '') },
        edits: [ctx.edit.removeMember(obj, property)],
        isPreferred: true,
      },
    ];
  },
});

export const externalVolumeShared = defineRule({
  meta: {
    id: 'external-volume-shared-boolean',
    family: 'ev',
    severity: 'error',
    marathon: ['EV-20'],
    title: '"shared" is a JSON boolean',
    docs:
      '`external.shared` must be `true` or `false`, not the string `"true"` (as Marathon\'s own documentation ' +
      'example writes it). Marathon cannot parse the volume then, and its error names an unrelated field ' +
      '(`hostPath`). The quick fix turns the string into the boolean.',
    messages: {
      string:
        '"shared" must be the JSON boolean {value}, not the string "{text}": Marathon cannot parse the volume and rejects the app.',
      other: '"shared" must be true or false: Marathon cannot parse the volume and rejects the app.',
    },
    fixes: { replace: 'Change to {value}' },
  },
  app(app, ctx) {
    for (const e of externals(app)) {
      const node = prop(e.ext, 'shared');
      if (!node || node.type === 'boolean') continue;
      const text = str(node)?.trim().toLowerCase();
      if (text === 'true' || text === 'false')
        ctx.report({
          node,
          message: 'string',
          args: { value: text, text: str(node) },
          data: { value: text === 'true' },
        });
      else ctx.report({ node, message: 'other' });
    }
  },
  fix(ctx) {
    const value = ctx.data.value;
    if (typeof value === 'boolean')
      return [
        {
          title: 'replace',
          args: { value: String(value) },
          edits: [ctx.edit.replaceValue(ctx.node, value)],
          isPreferred: true,
          safe: true,
        },
      ];
    // Another way of writing yes or no (1, "yes", "off"), else either: the user says which.
    const text = String(ctx.node.value).trim().toLowerCase();
    const meant = ['1', 'yes', 'y', 'on'].includes(text)
      ? [true]
      : ['0', 'no', 'n', 'off'].includes(text)
        ? [false]
        : [true, false];
    return meant
      .map((v) => ({
        title: 'replace',
        args: { value: String(v) },
        edits: [ctx.edit.replaceValue(ctx.node, v)],
        isPreferred: meant.length === 1,
      }))
      .filter((p) => ctx.verify(p.edits));
  },
});

/** The JSON text of a number or boolean option value, as the string Marathon needs. */
function optionText(n: Node): string | undefined {
  return n.type === 'number' || n.type === 'boolean' ? String(n.value) : undefined;
}

export const dvdiOptionText = defineRule({
  meta: {
    id: 'dvdi-option-text',
    family: 'ev',
    severity: 'error',
    marathon: ['P3', 'GEN-18'],
    title: 'DVDI options are text',
    docs:
      'The DVDI `external.options` map holds strings only: `"dvdi/iops": "3000"`, not `3000`, and ' +
      '`"dvdi/overwritefs": "true"`, not `true`. With a number or a boolean there, Marathon can read the ' +
      'entry neither as a DVDI nor as a CSI volume, so it rejects the app, and its error speaks of a ' +
      'missing `hostPath` (the last volume kind it tried). The error is on `options`, the map Marathon ' +
      'cannot read; the quick fix writes each value as a string.',
    messages: {
      notText:
        'DVDI options are text: write {examples}. With values that are not strings, Marathon cannot read this volume and rejects the app (its message names a missing "hostPath").',
    },
    fixes: { quote: 'Write the option values as strings' },
  },
  app(app, ctx) {
    for (const e of externals(app)) {
      if (e.csiShape || !e.options) continue;
      const bad = optionEntries(e).filter(
        (o) => o.value && o.value.type !== 'string' && o.value.type !== 'null',
      );
      const key = keyNode(e.ext, 'options');
      if (!bad.length || !key) continue;
      const examples = bad
        .map((o) => `${JSON.stringify(o.key)}: ${JSON.stringify(optionText(o.value!) ?? '…')}`)
        .join(', ');
      ctx.report({
        node: key,
        message: 'notText',
        args: { examples },
        data: {
          // One report for the map; the type errors of its values would say the same again.
          schemaAcceptedIn: [e.options.offset, e.options.offset + e.options.length],
          safe: bad.every((o) => optionText(o.value!) !== undefined),
        },
      });
    }
  },
  fix(ctx) {
    const options = ctx.node.parent?.children?.[1];
    if (!isObject(options)) return noFix;
    const edits = properties(options).flatMap((o) => {
      const text = o.value ? optionText(o.value) : undefined;
      return text !== undefined ? [ctx.edit.replaceValue(o.value!, text)] : [];
    });
    if (!edits.length) return noFix;
    return [{ title: 'quote', edits, isPreferred: true, safe: ctx.data.safe === true }];
  },
});

export const externalVolumeNameUniqueInApp = defineRule({
  meta: {
    id: 'external-volume-name-unique-in-app',
    family: 'ev',
    severity: 'error',
    marathon: ['EV-08', 'EV-09'],
    title: 'An app uses each external volume name once',
    docs:
      'Marathon rejects an app whose external volumes repeat a name ("Volume names must be unique"), whether they ' +
      'are shared or not; for two non-shared DVDI volumes it adds that the DVDI volume "is declared more than once ' +
      'within app". The same volume cannot be mounted twice into one task. The quick fix renames the later one.',
    messages: {
      duplicate:
        'External volume name "{name}" is already used by volume {first} of this app: Marathon rejects the app ("Volume names must be unique"). Give each volume its own name.',
      dvdiTwice:
        'DVDI volume "{name}" is declared {count} times in app {app}: Marathon rejects the app. A DVDI volume can be attached to a task only once.',
      firstUse: 'First use of "{name}"',
      declared: 'Declared here',
    },
    fixes: { rename: 'Rename to "{name}"' },
  },
  app(app, ctx) {
    const byName = new Map<string, ExternalVolume[]>();
    for (const e of externals(app)) {
      if (e.name === undefined) continue;
      const list = byName.get(e.name) ?? [];
      list.push(e);
      byName.set(e.name, list);
    }
    for (const [name, list] of byName) {
      if (list.length < 2) continue;
      for (const e of list.slice(1))
        ctx.report({
          node: e.extKey,
          message: 'duplicate',
          args: { name, first: list[0].volume.index },
          related: list[0].nameNode ? [{ node: list[0].nameNode, message: 'firstUse', args: { name } }] : [],
        });
      const dvdi = list.filter((e) => isDvdi(e) && !e.shared);
      if (dvdi.length < 2) continue;
      const id = prop(app.node, 'id');
      ctx.report({
        ...(id ? { node: id } : { offset: app.node.offset, length: 1 }),
        message: 'dvdiTwice',
        args: { name, count: dvdi.length, app: app.absoluteId ?? '' },
        data: { volume: dvdi[1].volume.index },
        related: dvdi.flatMap((e) => (e.nameNode ? [{ node: e.nameNode, message: 'declared' }] : [])),
      });
    }
  },
  fix(ctx) {
    const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
    if (!app) return noFix;
    const index = ctx.message === 'dvdiTwice' ? Number(ctx.data.volume) : undefined;
    const e = index !== undefined ? externals(app).find((x) => x.volume.index === index) : externalAt(ctx);
    if (!e?.nameNode || e.name === undefined) return noFix;
    const taken = documentNames(ctx);
    const name = uniqueName(e.name, (c) => taken.has(c));
    return [
      {
        title: 'rename',
        args: { name },
        edits: [ctx.edit.replaceValue(e.nameNode, name)],
        isPreferred: true,
      },
    ];
  },
});

export const externalVolumeInstances = defineRule({
  meta: {
    id: 'external-volume-instances',
    family: 'ev',
    severity: 'error',
    marathon: ['EV-07', 'EV-28'],
    title: 'Apps with single-attach external volumes run one instance',
    docs:
      'A DVDI volume can be attached to one task at a time, so Marathon limits an app with any DVDI volume to ' +
      '`instances` ≤ 1, even when the volume is `shared`. The same holds for CSI volumes whose access mode cannot ' +
      'be shared (`SINGLE_NODE_*`, `UNKNOWN`), and when every CSI volume is `MULTI_NODE_SINGLE_WRITER` mounted ' +
      "read-write. An app that mixes such a single-writer volume with shareable ones passes Marathon's check " +
      '(which tests "every" volume, not "any"), but only one task can write: that case is a warning.',
    messages: {
      dvdi: 'An app with DVDI volumes can run at most 1 instance, even when the volumes are shared: Marathon rejects "instances": {instances} ("Number of instances is limited to 1 when declaring DVDI volumes").',
      csiNonShareable:
        'CSI volume "{name}" has access mode {mode}, which cannot be shared: the app can run at most 1 instance, and Marathon rejects "instances": {instances}.',
      csiSingleWriter:
        'A MULTI_NODE_SINGLE_WRITER CSI volume mounted read-write allows at most 1 instance: Marathon rejects "instances": {instances}.',
      csiSingleWriterMixed:
        'CSI volume "{name}" is MULTI_NODE_SINGLE_WRITER mounted read-write: only one of the {instances} instances can write to it. Marathon lets this through only because another CSI volume is shareable.',
    },
    fixes: { one: 'Set "instances" to 1' },
  },
  app(app, ctx) {
    const node = prop(app.node, 'instances');
    const instances = num(node);
    if (!node || instances === undefined || instances <= 1 || singleInstanceLabel(app)) return;
    const exts = externals(app);
    if (exts.some(isDvdi)) {
      ctx.report({ node, message: 'dvdi', args: { instances } });
      return;
    }
    const csi = exts.filter(isCsi);
    if (!csi.length || csi.some((e) => !e.accessMode || !CSI_ACCESS_MODES.includes(e.accessMode))) return;
    const single = csi.find((e) => !CSI_SHAREABLE.has(e.accessMode!));
    const rwWriter = (e: ExternalVolume) => e.accessMode === MNSW && e.mode !== 'RO';
    if (single)
      ctx.report({
        node,
        message: 'csiNonShareable',
        args: { instances, name: single.name ?? '', mode: single.accessMode },
      });
    else if (csi.every(rwWriter)) ctx.report({ node, message: 'csiSingleWriter', args: { instances } });
    else {
      const writer = csi.find(rwWriter);
      if (writer)
        ctx.report({
          node,
          message: 'csiSingleWriterMixed',
          args: { instances, name: writer.name ?? '' },
          severity: 'warning',
        });
    }
  },
  fix(ctx) {
    if (ctx.node.type !== 'number') return noFix;
    return [{ title: 'one', edits: [ctx.edit.replaceValue(ctx.node, 1)], isPreferred: true }];
  },
});

export const dvdiUpgradeStrategy = defineRule({
  meta: {
    id: 'dvdi-upgrade-strategy',
    family: 'ev',
    severity: 'error',
    marathon: ['EV-18', 'D-03'],
    title: 'Apps with DVDI volumes upgrade without extra capacity',
    docs:
      'A DVDI volume cannot be attached to an old and a new task at once, so Marathon rejects an app with DVDI volumes ' +
      'whose `upgradeStrategy.maximumOverCapacity` is not 0. `minimumHealthCapacity` may be anything from 0 to 1, and ' +
      'an omitted `upgradeStrategy` is fine (Marathon uses `{0.5, 0}`). Apps that are also resident (local persistent ' +
      'volumes) get the same advice from the residency rules instead.',
    messages: {
      overCapacity:
        'An app with DVDI volumes must upgrade with "maximumOverCapacity": 0 (a volume cannot be attached to an extra task during the upgrade): Marathon rejects {value} ("expected 0.0").',
    },
    fixes: { zero: 'Set "maximumOverCapacity" to 0' },
  },
  app(app, ctx) {
    // Resident apps (RS-04) and single-instance apps (RS-23): the residency rules report this node.
    if (app.resident || app.residency || singleInstanceLabel(app) || !externals(app).some(isDvdi)) return;
    const node = at(app.node, 'upgradeStrategy', 'maximumOverCapacity');
    const value = num(node);
    if (node && value !== undefined && value !== 0)
      ctx.report({ node, message: 'overCapacity', args: { value } });
  },
  fix(ctx) {
    if (ctx.node.type !== 'number') return noFix;
    return [{ title: 'zero', edits: [ctx.edit.replaceValue(ctx.node, 0)], isPreferred: true, safe: true }];
  },
});

export const csiFsType = defineRule({
  meta: {
    id: 'csi-fs-type',
    family: 'ev',
    severity: 'error',
    marathon: ['EV-27'],
    title: 'CSI mount volumes name their file system',
    docs:
      'A CSI volume with `"accessType": "mount"` needs `capability.fsType` (`ext4`, `xfs`...). Marathon does not ' +
      'check it when the app is submitted, and then fails with a server error while converting the app. The quick ' +
      'fix inserts `"fsType": "ext4"` as a placeholder: write the file system the volume really has.',
    messages: {
      missing:
        'accessType "mount" needs "fsType" (e.g. "ext4" or "xfs"): without it Marathon fails with a server error when it converts the app.',
    },
    fixes: { add: 'Add "fsType": "ext4"' },
  },
  app(app, ctx) {
    for (const e of externals(app)) {
      if (!isCsi(e) || str(prop(e.capability, 'accessType')) !== 'mount' || prop(e.capability, 'fsType'))
        continue;
      ctx.report({ node: keyNode(e.options, 'capability')!, message: 'missing' });
    }
  },
  fix(ctx) {
    const capability = ctx.node.parent?.children?.[1];
    if (!isObject(capability) || prop(capability, 'fsType')) return noFix;
    return [
      {
        title: 'add',
        edits: [ctx.edit.setProperty(capability, 'fsType', 'ext4', { after: 'accessType' })],
        isPreferred: true,
      },
    ];
  },
});

export const csiReadOnlyMode = defineRule({
  meta: {
    id: 'csi-read-only-mode',
    family: 'ev',
    severity: 'error',
    marathon: ['EV-29'],
    title: 'CSI volumes with a read-only access mode are mounted read-only',
    docs:
      'With a read-only access mode (`SINGLE_NODE_READER_ONLY`, `MULTI_NODE_READER_ONLY`, `UNKNOWN`) the volume ' +
      'must be mounted with `"mode": "RO"`; Marathon rejects `RW` ("CSI volume must be mounted readonly with a ' +
      'read-only access mode").',
    messages: {
      readWrite:
        'Access mode {accessMode} is read-only, so the volume must be mounted with "mode": "RO": Marathon rejects "RW". Use "RO", or a writer access mode.',
    },
    fixes: { readOnly: 'Change "mode" to "RO"' },
  },
  app(app, ctx) {
    for (const e of externals(app))
      if (isCsi(e) && e.mode === 'RW' && e.modeNode && CSI_READ_ONLY.has(e.accessMode ?? ''))
        ctx.report({ node: e.modeNode, message: 'readWrite', args: { accessMode: e.accessMode } });
  },
  fix(ctx) {
    if (ctx.node.type !== 'string') return noFix;
    return [{ title: 'readOnly', edits: [ctx.edit.replaceValue(ctx.node, 'RO')], isPreferred: true }];
  },
});

export const csiDockerContainer = defineRule({
  meta: {
    id: 'csi-docker-container',
    family: 'ev',
    severity: 'warning',
    marathon: ['EV-30'],
    title: 'CSI volumes are used with MESOS containers',
    docs:
      'DC/OS documents CSI volumes for the Universal Container Runtime (MESOS containers) only. Marathon does not ' +
      'check the container type, so a CSI volume in a DOCKER container is accepted, but the Docker containerizer is ' +
      'not expected to mount it.',
    messages: {
      docker:
        'CSI volumes are supported with MESOS containers (UCR): Marathon accepts this DOCKER container, but the volume is not expected to be mounted. Use "type": "MESOS".',
    },
  },
  app(app, ctx) {
    if (app.containerType !== 'DOCKER') return;
    for (const e of externals(app)) if (isCsi(e)) ctx.report({ node: e.extKey, message: 'docker' });
  },
});

export const EV_RULES: Rule[] = [
  externalVolumesFeature,
  externalVolumeProvider,
  externalVolumeShape,
  externalVolumeName,
  externalVolumeOptionKey,
  dvdiDriver,
  rexrayOptions,
  dvdiDockerContainer,
  dvdiMesosReadWrite,
  externalVolumeContainerPath,
  externalVolumeSize,
  externalVolumeSizeUnit,
  dvdiIgnoredOption,
  externalVolumeShared,
  dvdiOptionText,
  externalVolumeNameUniqueInApp,
  externalVolumeInstances,
  dvdiUpgradeStrategy,
  csiFsType,
  csiReadOnlyMode,
  csiDockerContainer,
];
