/**
 * User-visible texts of completion, hover, symbols and the definition templates
 * (English; Simplified Chinese in `l10n/bundle.l10n.zh-cn.json`, looked up with `t`).
 * Field descriptions come from the schemas, which carry both languages themselves.
 */
export const EDITING_MESSAGES = {
  // JSON types and units, in details and hovers
  typeString: 'string',
  typeInteger: 'integer',
  typeNumber: 'number',
  typeBoolean: 'boolean',
  typeObject: 'object',
  typeArray: 'array',
  unitSeconds: 'seconds',
  unitFraction: 'fraction of the instances (0–1)',
  required: 'required',
  defaultShort: 'default {value}',

  // hover
  allowedValues: 'Allowed values: {values}.',
  onlyHere: 'Here Marathon accepts only {values}.',
  defaultLine: 'Default: {value}.',
  deprecated: 'Deprecated.',
  fillsIn: 'Marathon fills in:',
  effectiveUpgradeStateful: 'because the app has local persistent or external volumes',
  effectiveUnreachableResident: 'because the app has a local persistent volume',
  effectiveResidency: 'because the app has a local persistent volume (no effect at run time)',
  effectivePodStateful: 'because the pod has a persistent volume',
  effectiveDefault: 'the default',
  effectiveContainerType: 'a container without `type` is a Docker container',
  effectiveProfile: 'because `profileName` is set',
  effectiveRootType: 'no `profileName`: the agent’s root disk',
  effectiveDriverSize: 'the volume driver’s default size (REX-Ray: 16 GiB)',
  effectivePodUpgradeField: 'an omitted field of a pod upgrade strategy counts as 1',
  effectiveReadOnly: 'read/write',

  // completion: references from the document
  refPodVolume: 'volume of this pod',
  refPersistentPath: 'containerPath of a local persistent volume of this app',
  refVolumePath: 'path of a volume of this service',
  refSharedMountPath: 'where another container of this pod mounts this volume',
  refMountPathFromName: 'the volume’s name: a directory in the container’s sandbox',
  refSecret: 'key of this definition’s `secrets`',
  refDriver: 'Docker volume driver',
  driverRexray: 'REX-Ray, the volume driver shipped with DC/OS (Amazon EBS and other storage).',
  driverPxd: 'Portworx, software-defined storage for containers.',
  driverNetapp: 'NetApp Trident, the storage orchestrator for NetApp storage.',

  // completion: whole items
  itemPersistent: 'Local persistent volume',
  itemPersistentDoc:
    'Disk reserved on the agent (`size` in MiB). The task is pinned to that agent and the app becomes resident; the size cannot be changed after deployment.',
  itemTwoVolumes: 'Local persistent volume at an absolute path (persistent + host volume)',
  itemTwoVolumesDoc:
    'A local persistent volume can only be mounted at a relative one-segment path: this pair keeps the data in `{name}` and mounts it at the absolute path the software expects through a host volume.',
  itemLinkHost: 'Mount "{name}" at an absolute path (host volume)',
  itemLinkHostDoc:
    'A host volume whose relative `hostPath` names the local persistent volume `{name}`: its data appears at this volume’s absolute `containerPath` (the two-volume workaround).',
  itemExternalDocker: 'External volume (DVDI, Docker containerizer)',
  itemExternalDockerDoc:
    'A volume of a storage service (REX-Ray: Amazon EBS) that follows the task to any agent. With the Docker containerizer the size comes from the driver’s default and only `dvdi/driver` may be set. The app is limited to one instance.',
  itemExternalMesos: 'External volume (DVDI, Mesos containerizer)',
  itemExternalMesosDoc:
    'A volume of a storage service that follows the task to any agent; `size` is in GiB (not MiB) and further `dvdi/*` options may be set. The app is limited to one instance.',
  itemHost: 'Host volume',
  itemHostDoc:
    'A directory of the agent (absolute `hostPath`) or of the task sandbox (relative `hostPath`) mounted into the container. Data in it is not managed by Marathon.',
  itemSecret: 'Secret volume',
  itemSecretDoc: 'The value of a secret from `secrets`, mounted read-only as a file.',
  itemSecretAdds: 'Adds the secret `{name}` to `secrets` too.',
  itemPodPersistent: 'Persistent volume',
  itemPodPersistentDoc:
    'Disk reserved on the agent (`size` in MiB); the pod instance is pinned to that agent. Containers mount it by name; pods need no two-volume workaround.',
  itemPodEphemeral: 'Ephemeral volume',
  itemPodEphemeralDoc: 'An empty directory shared by the pod’s containers, deleted with the pod instance.',
  itemPodHost: 'Host volume',
  itemPodHostDoc: 'A directory of the agent mounted into the containers that mount this volume.',
  itemPodSecret: 'Secret volume',
  itemPodSecretDoc: 'The value of a secret from `secrets`, mounted as a file.',
  itemMountsToo:
    'Also mounts it in container `{name}`: Marathon rejects a pod volume that no container mounts.',
  itemMount: 'Mount of volume "{name}"',
  itemMountDoc: 'Mounts the pod volume `{name}` ({kind}) into this container.',
  itemAdjusts: 'Also sets {fields}, as Marathon requires with this volume.',
  itemTemplate: 'Template',

  // volume kinds (details, symbols)
  kindPersistent: 'local persistent volume',
  kindExternalDvdi: 'external volume (DVDI)',
  kindExternalCsi: 'external volume (CSI)',
  kindSecret: 'secret volume',
  kindHost: 'host volume',
  kindEphemeral: 'ephemeral volume',
  kindApp: 'app',
  kindPod: 'pod',
  kindGroup: 'group',
  kindContainer: 'container',
  kindResident: 'resident',
  sizeMiB: '{size} MiB',
  sizeGiB: '{size} GiB',

  // definition templates (contributed as VS Code snippets too)
  snippetMysql: 'MySQL on a local persistent volume (two-volume workaround for /var/lib/mysql)',
  snippetPostgres: 'PostgreSQL on a mount disk (maxSize, disk path constraint, PGDATA inside the volume)',
  snippetPod: 'Pod whose containers share one persistent volume',
  snippetExternalDocker: 'App with an external volume: Docker containerizer and REX-Ray',
  snippetExternalMesos: 'App with an external volume: Mesos containerizer and REX-Ray (size in GiB)',
  snippetStateful: 'Stateful app with a local persistent volume (Mesos containerizer)',
} as const;

export type EditingMessage = keyof typeof EDITING_MESSAGES;
