/**
 * Whole items for the arrays where stateful services are written: app volumes (local
 * persistent, the two-volume pair for an absolute path, external in its Docker or Mesos
 * form, host, secret), pod volumes (each mounted in a container at once, since Marathon
 * rejects a pod volume no container mounts) and pod volume mounts. Every item is valid
 * as inserted: when the rest of the definition must change with it (a resident app's
 * `upgradeStrategy`, a missing `secrets` entry, the mount of a pod volume), the item
 * carries those edits too and its documentation says so.
 */
import type { ParsedDocument } from '../document';
import { EditBuilder, type OffsetEdit } from '../edits';
import { elements, isArray, isObject, prop, properties, str, type Node } from '../json';
import type { MessageArgs } from '../l10n';
import type { AppView, PodView } from '../model';
import { DVDI_DRIVERS, type Place } from './facts';
import { formattingOf } from './format';
import { EDITING_MESSAGES, type EditingMessage } from './messages';
import { choice, tab, type Template } from './snippet';

export interface ItemProposal {
  label: EditingMessage;
  labelArgs?: MessageArgs;
  /** Documentation paragraphs. */
  docs: { key: EditingMessage; args?: MessageArgs }[];
  /** One or more array items inserted together. */
  items: Template[];
  /** Edits elsewhere in the document that make the inserted item valid. */
  edits: OffsetEdit[];
  sort: string;
}

const PERSISTENT_TYPES = ['root', 'path', 'mount'];

/** A name not used yet among `taken` (`data`, `data-2`, ...). */
function fresh(base: string, taken: Set<string | undefined>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Items for the array at `p.rel` (a path ending with the array's key). */
export function itemProposals(doc: ParsedDocument, p: Place): ItemProposal[] {
  const edit = new EditBuilder(doc, formattingOf(doc));
  if (p.unit === 'app' && p.app && p.rel.length === 2 && p.rel[0] === 'container' && p.rel[1] === 'volumes')
    return appVolumeItems(edit, p, p.app);
  if (p.unit === 'pod' && p.pod && p.rel.length === 1 && p.rel[0] === 'volumes')
    return podVolumeItems(edit, p, p.pod);
  if (
    p.unit === 'pod' &&
    p.pod &&
    p.rel.length === 3 &&
    p.rel[0] === 'containers' &&
    typeof p.rel[1] === 'number' &&
    p.rel[2] === 'volumeMounts'
  )
    return mountItems(p.pod, p.relNodes[2]);
  return [];
}

// ---------------------------------------------------------------------------------------
// Apps

function appVolumeItems(edit: EditBuilder, p: Place, app: AppView): ItemProposal[] {
  const features = p.settings.cluster.features;
  const docker = app.containerType !== 'MESOS';
  const paths = new Set(app.volumes.map((v) => str(prop(v.node, 'containerPath'))));
  const out: ItemProposal[] = [];
  const resident = residentEdits(edit, app);
  const residentDocs = resident.fields.length
    ? [{ key: 'itemAdjusts' as EditingMessage, args: { fields: resident.fields.join(', ') } }]
    : [];

  const data = fresh('data', paths);
  out.push({
    label: 'itemPersistent',
    docs: [{ key: 'itemPersistentDoc' }, ...residentDocs],
    items: [
      {
        containerPath: tab(data),
        mode: 'RW',
        persistent: { type: choice(PERSISTENT_TYPES), size: tab(1024) },
      },
    ],
    edits: resident.edits,
    sort: '0',
  });
  const linkName = fresh('data', paths);
  out.push({
    label: 'itemTwoVolumes',
    docs: [{ key: 'itemTwoVolumesDoc', args: { name: linkName } }, ...residentDocs],
    items: [
      {
        containerPath: tab(linkName, 'link'),
        mode: 'RW',
        persistent: { type: choice(PERSISTENT_TYPES), size: tab(1024) },
      },
      { containerPath: tab(fresh('/var/lib/data', paths)), hostPath: tab(linkName, 'link'), mode: 'RW' },
    ],
    edits: resident.edits,
    sort: '1',
  });
  if (features.includes('external_volumes')) {
    const dvdi = dvdiEdits(edit, app);
    const dvdiDocs = dvdi.fields.length
      ? [{ key: 'itemAdjusts' as EditingMessage, args: { fields: dvdi.fields.join(', ') } }]
      : [];
    const names = DVDI_DRIVERS.map((d) => d.name);
    out.push(
      docker
        ? {
            label: 'itemExternalDocker',
            docs: [{ key: 'itemExternalDockerDoc' }, ...dvdiDocs],
            items: [
              {
                containerPath: tab(fresh('/data', paths)),
                mode: 'RW',
                external: {
                  name: tab('my-volume'),
                  provider: 'dvdi',
                  options: { 'dvdi/driver': choice(names) },
                },
              },
            ],
            edits: dvdi.edits,
            sort: '2',
          }
        : {
            label: 'itemExternalMesos',
            docs: [{ key: 'itemExternalMesosDoc' }, ...dvdiDocs],
            items: [
              {
                containerPath: tab(fresh('data', paths)),
                mode: 'RW',
                external: {
                  name: tab('my-volume'),
                  provider: 'dvdi',
                  size: tab(16),
                  options: { 'dvdi/driver': choice(names) },
                },
              },
            ],
            edits: dvdi.edits,
            sort: '2',
          },
    );
  }
  // A host volume that mounts an existing persistent volume at an absolute path.
  const linked = new Set(
    app.volumes.filter((v) => v.kind === 'host').map((v) => str(prop(v.node, 'hostPath'))),
  );
  for (const v of app.volumes) {
    const name = str(prop(v.node, 'containerPath'));
    if (v.kind !== 'persistent' || !name || linked.has(name) || name.includes('/')) continue;
    out.push({
      label: 'itemLinkHost',
      labelArgs: { name },
      docs: [{ key: 'itemLinkHostDoc', args: { name } }],
      items: [{ containerPath: tab(fresh(`/var/lib/${name}`, paths)), hostPath: name, mode: 'RW' }],
      edits: [],
      sort: '1' + name,
    });
  }
  out.push({
    label: 'itemHost',
    docs: [{ key: 'itemHostDoc' }],
    items: [
      {
        containerPath: tab(fresh('/etc/ssl/certs', paths)),
        hostPath: tab('/etc/ssl/certs'),
        mode: choice(['RO', 'RW']),
      },
    ],
    edits: [],
    sort: '3',
  });
  if (features.includes('secrets')) {
    const s = secretFor(edit, p.node!);
    out.push({
      label: 'itemSecret',
      docs: [
        { key: 'itemSecretDoc' },
        ...(s.added ? [{ key: 'itemSecretAdds' as EditingMessage, args: { name: s.added } }] : []),
      ],
      items: [
        {
          containerPath: tab(fresh('secrets/password', paths)),
          secret: s.keys.length > 1 ? choice(s.keys) : s.keys[0],
        },
      ],
      edits: s.edits,
      sort: '4',
    });
  }
  return out;
}

/** Edits that make an app accept a local persistent volume (RS-01, RS-04, RS-10). */
function residentEdits(edit: EditBuilder, app: AppView): { edits: OffsetEdit[]; fields: string[] } {
  const edits: OffsetEdit[] = [];
  const fields: string[] = [];
  if (app.resident) return { edits, fields };
  const upgrade = prop(app.node, 'upgradeStrategy');
  const max = prop(upgrade, 'maximumOverCapacity');
  if (isObject(upgrade) && max && !(max.type === 'number' && max.value === 0)) {
    edits.push(edit.replaceValue(max, 0));
    fields.push('upgradeStrategy.maximumOverCapacity: 0');
  }
  const unreachable = prop(app.node, 'unreachableStrategy');
  if (isObject(unreachable)) {
    edits.push(edit.replaceValue(unreachable, 'disabled'));
    fields.push('unreachableStrategy: "disabled"');
  }
  const roles = prop(app.node, 'acceptedResourceRoles');
  if (isArray(roles) && !(elements(roles).length === 1 && str(elements(roles)[0]) === '*')) {
    edits.push(edit.replaceValue(roles, ['*']));
    fields.push('acceptedResourceRoles: ["*"]');
  }
  return { edits, fields };
}

/** Edits that make an app accept a DVDI volume (EV-07, EV-18). */
function dvdiEdits(edit: EditBuilder, app: AppView): { edits: OffsetEdit[]; fields: string[] } {
  const edits: OffsetEdit[] = [];
  const fields: string[] = [];
  const instances = prop(app.node, 'instances');
  if (instances?.type === 'number' && (instances.value as number) > 1) {
    edits.push(edit.replaceValue(instances, 1));
    fields.push('instances: 1');
  }
  const max = prop(prop(app.node, 'upgradeStrategy'), 'maximumOverCapacity');
  if (max && !(max.type === 'number' && max.value === 0)) {
    edits.push(edit.replaceValue(max, 0));
    fields.push('upgradeStrategy.maximumOverCapacity: 0');
  }
  return { edits, fields };
}

/** The secret keys to choose from, adding a `secrets` entry when the definition has none. */
function secretFor(edit: EditBuilder, unit: Node): { keys: string[]; edits: OffsetEdit[]; added?: string } {
  const secrets = prop(unit, 'secrets');
  const keys = properties(secrets).map((s) => s.key);
  if (keys.length) return { keys, edits: [] };
  const name = 'secret';
  const value = { [name]: { source: 'path/to/secret' } };
  const e = isObject(secrets)
    ? edit.setProperty(secrets, name, value[name])
    : edit.setProperty(unit, 'secrets', value);
  return { keys: [name], edits: [e], added: name };
}

// ---------------------------------------------------------------------------------------
// Pods

function podVolumeItems(edit: EditBuilder, p: Place, pod: PodView): ItemProposal[] {
  const features = p.settings.cluster.features;
  const names = new Set(pod.volumes.map((v) => v.name));
  const first = pod.containers[0];
  const out: ItemProposal[] = [];
  const mountDocs = first?.name
    ? [{ key: 'itemMountsToo' as EditingMessage, args: { name: first.name } }]
    : [];
  const withMount = (name: string) => (first ? [mountEdit(edit, first.node, name)] : []);
  const resident = pod.resident ? { edits: [], fields: [] } : podResidentEdits(edit, pod);
  const residentDocs = resident.fields.length
    ? [{ key: 'itemAdjusts' as EditingMessage, args: { fields: resident.fields.join(', ') } }]
    : [];

  const data = fresh('data', names);
  out.push({
    label: 'itemPodPersistent',
    docs: [{ key: 'itemPodPersistentDoc' }, ...mountDocs, ...residentDocs],
    items: [{ name: data, persistent: { type: choice(PERSISTENT_TYPES), size: tab(1024) } }],
    edits: [...withMount(data), ...resident.edits],
    sort: '0',
  });
  const scratch = fresh('scratch', names);
  out.push({
    label: 'itemPodEphemeral',
    docs: [{ key: 'itemPodEphemeralDoc' }, ...mountDocs],
    items: [{ name: scratch }],
    edits: withMount(scratch),
    sort: '1',
  });
  const host = fresh('host', names);
  out.push({
    label: 'itemPodHost',
    docs: [{ key: 'itemPodHostDoc' }, ...mountDocs],
    items: [{ name: host, host: tab('/var/log') }],
    edits: withMount(host),
    sort: '2',
  });
  if (features.includes('secrets')) {
    const secret = fresh('secret', names);
    const s = secretFor(edit, p.node!);
    out.push({
      label: 'itemPodSecret',
      docs: [
        { key: 'itemPodSecretDoc' },
        ...mountDocs,
        ...(s.added ? [{ key: 'itemSecretAdds' as EditingMessage, args: { name: s.added } }] : []),
      ],
      items: [{ name: secret, secret: s.keys.length > 1 ? choice(s.keys) : s.keys[0] }],
      edits: [...withMount(secret), ...s.edits],
      sort: '3',
    });
  }
  return out;
}

/** Adds `{name, mountPath: name}` to a container's `volumeMounts`. */
function mountEdit(edit: EditBuilder, container: Node, name: string): OffsetEdit {
  const mounts = prop(container, 'volumeMounts');
  const mount = { name, mountPath: name };
  return isArray(mounts)
    ? edit.insertArrayItem(mounts, mount)
    : edit.setProperty(container, 'volumeMounts', [mount]);
}

/** Edits that make a pod accept a persistent volume (RS-17, RS-18, RS-20). */
function podResidentEdits(edit: EditBuilder, pod: PodView): { edits: OffsetEdit[]; fields: string[] } {
  const edits: OffsetEdit[] = [];
  const fields: string[] = [];
  const scheduling = prop(pod.node, 'scheduling');
  const upgrade = prop(scheduling, 'upgrade');
  if (isObject(upgrade)) {
    const max = prop(upgrade, 'maximumOverCapacity');
    if (!max || !(max.type === 'number' && max.value === 0)) {
      edits.push(edit.setProperty(upgrade, 'maximumOverCapacity', 0));
      fields.push('scheduling.upgrade.maximumOverCapacity: 0');
    }
  }
  const unreachable = prop(scheduling, 'unreachableStrategy');
  if (unreachable && str(unreachable) !== 'disabled') {
    edits.push(edit.replaceValue(unreachable, 'disabled'));
    fields.push('scheduling.unreachableStrategy: "disabled"');
  }
  const roles = prop(prop(scheduling, 'placement'), 'acceptedResourceRoles');
  if (
    isArray(roles) &&
    elements(roles).length &&
    !(elements(roles).length === 1 && str(elements(roles)[0]) === '*')
  ) {
    edits.push(edit.replaceValue(roles, ['*']));
    fields.push('scheduling.placement.acceptedResourceRoles: ["*"]');
  }
  return { edits, fields };
}

function mountItems(pod: PodView, container: Node | undefined): ItemProposal[] {
  const mounted = new Set(elements(prop(container, 'volumeMounts')).map((m) => str(prop(m, 'name'))));
  const mountPaths = new Set(elements(prop(container, 'volumeMounts')).map((m) => str(prop(m, 'mountPath'))));
  const kinds: Record<string, EditingMessage> = {
    persistent: 'kindPersistent',
    secret: 'kindSecret',
    host: 'kindHost',
    ephemeral: 'kindEphemeral',
  };
  return pod.volumes
    .filter((v) => v.name && !mounted.has(v.name))
    .map((v, i) => ({
      label: 'itemMount' as EditingMessage,
      labelArgs: { name: v.name },
      docs: [
        {
          key: 'itemMountDoc' as EditingMessage,
          args: { name: v.name, kind: { t: KIND_TEXT[kinds[v.kind]] } },
        },
      ],
      items: [{ name: v.name!, mountPath: tab(fresh(v.name!, mountPaths)) }],
      edits: [],
      sort: String(i).padStart(3, '0'),
    }));
}

const KIND_TEXT = EDITING_MESSAGES as Record<EditingMessage, string>;
