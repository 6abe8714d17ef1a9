/**
 * Migrates app definitions from the deprecated API to the current one, the way
 * Marathon itself translates them (`AppNormalization.forDeprecated`, marathon-rules.md
 * §0 step 3, GEN-10 and §4), so that the migrated definition means exactly the same
 * to Marathon:
 *
 * - `container.docker.network` and `ipAddress` → `networks` (BRIDGE → container/bridge,
 *   USER → container with the ipAddress network name, HOST → host; an ipAddress alone
 *   → container, or container/bridge for Marathon's bridge name), with the ipAddress
 *   labels; `ipAddress.discovery.ports` → `container.portMappings` without host ports;
 *   an ipAddress without a container gets the empty MESOS container Marathon creates;
 * - `container.docker.portMappings` → `container.portMappings`;
 * - `ports` → `portDefinitions` (`{"port": p}` each: a service port, or the host port
 *   with `requirePorts`), or, with container networking where Marathon ignores port
 *   definitions, the extra port mappings Marathon adds for them;
 * - `uris` → `fetch`, extracting archives only (Marathon's `FetchUri.isExtract`;
 *   executable and cache stay false);
 * - `residency` (no run-time effect; Marathon adds it back for a local persistent volume, and
 *   without one it only imposes the resident checks, RS-09, which the title then says) and
 *   `storeUrls` (ignored) are removed.
 *
 * A field is left alone when Marathon would reject the combination instead of
 * translating it (both the deprecated and the current field, a `NONE` network...):
 * the rules report those, and a migration must not turn a rejected definition into
 * one that means something.
 */
import { elements, isArray, isObject, num, prop, str, value, type Node } from '../json';
import type { AppView } from '../model';
import { appAt, details, sectionDepth, templateSafe } from './common';
import { Plan, planEdit, Raw } from './rewrite';
import type { Refactor, RefactorContext } from './types';
import { t } from '../l10n';

const TITLES = {
  migrateApp: 'Migrate this app to the current Marathon format ({fields})',
  migrateAppNotes: 'Migrate this app to the current Marathon format ({fields}); {notes}',
  migrateDocument: 'Migrate this document to the current Marathon format ({fields})',
  migrateDocumentNotes: 'Migrate this document to the current Marathon format ({fields}); {notes}',
  migrateAll: 'Migrate the {count} apps of this document to the current Marathon format',
  portMappingsDropped: 'Marathon ignores port mappings with host networking: they are removed',
  portsDropped: 'Marathon ignores ports with container networking: they are removed',
  portsToMappings: 'ports become {count} port mappings, as Marathon adds them',
  residencyChecks:
    'residency only imposed the resident-app checks on this app without local persistent volumes: they no longer apply',
};

/** Marathon's `--mesos_bridge_name` default: an ipAddress on this network means bridge networking. */
export const MESOS_BRIDGE_NAME = 'mesos-bridge';

/** `FetchUri.isExtract`: the URI's path names an archive the Mesos fetcher extracts. */
export function isExtract(uri: string): boolean {
  if (/[\s"<>\\^`{|}]/.test(uri)) return false; // java.net.URI rejects these
  const scheme = /^[a-zA-Z][\w+.-]*:/.exec(uri);
  const rest = scheme ? uri.slice(scheme[0].length) : uri;
  if (scheme && !rest.startsWith('/')) return false; // opaque URI: no path
  let path = rest.replace(/#.*$/s, '').replace(/\?.*$/s, '');
  if (path.startsWith('//')) path = path.replace(/^\/\/[^/]*/, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    return false;
  }
  return ['.tgz', '.tar.gz', '.tbz2', '.tar.bz2', '.txz', '.tar.xz', '.zip'].some((ext) =>
    path.endsWith(ext),
  );
}

interface Network {
  mode: string;
  name?: string;
  labels?: unknown;
}

/** `NetworkTranslation.toNetworks`: undefined for a combination Marathon refuses. */
function translateNetworks(network: string | undefined, ip: Node | undefined): Network[] | undefined {
  const name = str(prop(ip, 'networkName'));
  const labelsNode = prop(ip, 'labels');
  const labels = isObject(labelsNode) && labelsNode.children?.length ? value(labelsNode) : undefined;
  const withLabels = (n: Network): Network => (labels ? { ...n, labels } : n);
  if (network) {
    switch (network.toUpperCase()) {
      case 'HOST':
        return [{ mode: 'host' }];
      case 'BRIDGE':
        return [ip ? withLabels({ mode: 'container/bridge' }) : { mode: 'container/bridge' }];
      case 'USER':
        return [
          ip ? withLabels(name ? { mode: 'container', name } : { mode: 'container' }) : { mode: 'container' },
        ];
      default:
        return undefined; // NONE: "unsupported docker network type"
    }
  }
  if (name === MESOS_BRIDGE_NAME) return [withLabels({ mode: 'container/bridge' })];
  return [withLabels(name ? { mode: 'container', name } : { mode: 'container' })];
}

/** The modes of a canonical `networks` value (a network object's mode defaults to container). */
function modesOf(networks: Node | undefined): string[] | undefined {
  if (!networks) return [];
  if (!isArray(networks)) return undefined;
  return elements(networks).map((n) => str(prop(n, 'mode'))?.toLowerCase() ?? 'container');
}

/** Present and not an empty array (Marathon's `nonEmpty` on optional sequences); `null` is absent. */
const given = (n: Node | undefined) =>
  n !== undefined && n.type !== 'null' && !(isArray(n) && elements(n).length === 0);
/** A JSON `null` reads as an absent optional field. */
const nonNull = (n: Node | undefined) => (n?.type === 'null' ? undefined : n);

export interface Migration {
  plan: Plan;
  /** The deprecated fields migrated, as written (`container.docker.network`, `ports`...). */
  fields: string[];
  /** Title fragments (already translated) for what the migration drops, as Marathon does. */
  notes: string[];
}

/** Parts of a migration that stand alone (the networking fields are translated together). */
export type MigrationGroup = 'networks' | 'portMappings' | 'ports' | 'fetch' | 'residency' | 'storeUrls';
export const MIGRATION_GROUPS: MigrationGroup[] = [
  'networks',
  'portMappings',
  'ports',
  'fetch',
  'residency',
  'storeUrls',
];

/**
 * The migration of one app (of the `only` groups), or undefined when it uses nothing
 * deprecated that can be migrated.
 */
export function migrateApp(
  app: AppView,
  ctx: Pick<RefactorContext, 'locale'> & { analysis?: Pick<RefactorContext['analysis'], 'doc'> },
  only: ReadonlySet<MigrationGroup> = new Set(MIGRATION_GROUPS),
): Migration | undefined {
  const wants = (g: MigrationGroup) => only.has(g);
  const root = app.node;
  const plan = new Plan(root);
  const fields: string[] = [];
  const containerPlan = () => plan.child('container');
  const dockerPlan = () => containerPlan()?.child('docker');
  const notes: string[] = [];
  const note = (key: keyof typeof TITLES, args: Record<string, number> = {}) =>
    notes.push(t(ctx.locale, TITLES[key], args));

  const containerNode = nonNull(prop(root, 'container'));
  const container = isObject(containerNode) ? containerNode : undefined;
  const badContainer = containerNode !== undefined && !container;
  const docker = isObject(prop(container, 'docker')) ? prop(container, 'docker') : undefined;
  const type = app.containerType; // DOCKER when `type` is absent; undefined for an unknown type

  // Deprecated fields written as null are absent to Marathon: they just go.
  const present = (
    owner: Node | undefined,
    key: string,
    field: string,
    group: MigrationGroup,
    remove: () => void,
  ) => {
    const n = prop(owner, key);
    if (n?.type !== 'null') return n;
    if (wants(group)) {
      remove();
      fields.push(field);
    }
    return undefined;
  };
  const rootField = (key: string, group: MigrationGroup) =>
    present(root, key, key, group, () => plan.remove(key));
  const dockerField = (key: string, group: MigrationGroup) =>
    present(docker, key, `container.docker.${key}`, group, () => dockerPlan()?.remove(key));
  const networkNode = dockerField('network', 'networks');
  const ip = rootField('ipAddress', 'networks');
  const portsNode = rootField('ports', 'ports');
  const urisNode = rootField('uris', 'fetch');
  const dockerMappingsNode = dockerField('portMappings', 'portMappings');
  const networksNode = nonNull(prop(root, 'networks'));
  const portDefinitionsNode = nonNull(prop(root, 'portDefinitions'));
  const discoveryPorts = elements(prop(prop(ip, 'discovery'), 'ports'));
  const containerMappingsNode = nonNull(prop(container, 'portMappings'));

  // The container's port mappings as Marathon sees them during the translation:
  // undefined when absent (an Option), else the list (possibly empty, which is not absent).
  const originalMappings = isArray(containerMappingsNode)
    ? (value(containerMappingsNode) as unknown[])
    : undefined;
  let mappings = originalMappings;
  let mappingsChanged = false;
  /** The mappings as written elsewhere in the document, while they are unchanged. */
  let mappingsRaw: Raw | undefined;
  let createContainer: Record<string, unknown> | undefined;
  let discovered: unknown[] | undefined;

  // 1. Networks: docker.network and ipAddress (GEN-10), translated together. The
  // translation decides the networking the port fields are read with, migrated or not.
  let networks = modesOf(networksNode);
  const usesNetwork = networkNode !== undefined;
  const usesIp = ip !== undefined;
  // In a template, a network written inside a {{#section}} is only known once rendered.
  const doc = ctx.analysis?.doc;
  const conditional = [networkNode, ip, networksNode].some(
    (n) => n && doc?.template && sectionDepth(doc, n.offset) > 0,
  );
  if (conditional) networks = undefined;
  else if ((usesNetwork || usesIp) && !given(networksNode) && !badContainer) {
    // validOldContainerAPI: a MESOS container's docker object must not have a network.
    const networkOk =
      !usesNetwork || (networkNode.type === 'string' && type === 'DOCKER' && docker !== undefined);
    // "cannot specify both an IP address and port"; discovery ports only for MESOS, and only
    // when no other port mappings are given (migrateIpDiscovery).
    const ipOk =
      !usesIp ||
      (isObject(ip) &&
        !given(portsNode) &&
        !given(portDefinitionsNode) &&
        (discoveryPorts.length === 0 ||
          ((type === 'MESOS' || !container) &&
            containerMappingsNode === undefined &&
            dockerMappingsNode === undefined)));
    const translated =
      networkOk && ipOk ? translateNetworks(str(networkNode), isObject(ip) ? ip : undefined) : undefined;
    networks = translated?.map((n) => n.mode);
    if (translated && wants('networks')) {
      if (usesIp) {
        if (prop(root, 'networks')) {
          plan.replace('networks', translated);
          plan.remove('ipAddress');
        } else plan.rename('ipAddress', 'networks', translated);
        fields.push('ipAddress');
        if (discoveryPorts.length)
          discovered = discoveryPorts.map((p) => {
            const m: Record<string, unknown> = { containerPort: num(prop(p, 'number')) ?? 0 };
            const name = str(prop(p, 'name'));
            if (name !== undefined) m.name = name;
            if (prop(p, 'protocol')) m.protocol = value(prop(p, 'protocol'));
            const labels = prop(p, 'labels');
            if (isObject(labels) && labels.children?.length) m.labels = value(labels);
            return m;
          });
        // "no container specified in JSON but ipAddress is ==> implies empty Mesos container"
        if (!container) createContainer = { type: 'MESOS' };
      } else if (prop(root, 'networks')) plan.replace('networks', translated);
      else plan.insert(translated, { key: 'networks', after: 'container' });
      if (usesNetwork) {
        dockerPlan()?.remove('network');
        fields.push('container.docker.network');
      }
    }
  } else if (usesNetwork || usesIp) networks = undefined; // rejected by Marathon: nothing to read the ports with
  const hostNetworking = networks !== undefined && (networks.length === 0 || networks.includes('host'));
  const containerNetworking = networks !== undefined && networks.some((m) => m !== 'host');
  const settled = networks !== undefined && !(hostNetworking && containerNetworking);
  const bridge = networks?.includes('container/bridge') ?? false;

  // 2. docker.portMappings → container.portMappings (migrateDockerPortMappings).
  let dockerMappingsLeft = dockerMappingsNode !== undefined;
  if (wants('portMappings') && dockerMappingsNode !== undefined && docker && settled) {
    const dockerMappings = elements(dockerMappingsNode);
    const ok =
      isArray(dockerMappingsNode) &&
      type === 'DOCKER' && // a MESOS container's docker object must not have port mappings
      !(dockerMappings.length && containerMappingsNode !== undefined); // "cannot specify both"
    if (ok) {
      dockerPlan()?.remove('portMappings');
      dockerMappingsLeft = false;
      fields.push('container.docker.portMappings');
      if (containerMappingsNode === undefined) {
        mappings = value(dockerMappingsNode) as unknown[];
        mappingsRaw = new Raw(dockerMappingsNode);
        mappingsChanged = true;
      }
      if (hostNetworking && dockerMappings.length) note('portMappingsDropped');
    }
  }
  if (discovered) {
    mappings = discovered;
    mappingsChanged = true;
    if (hostNetworking) note('portMappingsDropped');
  }

  // 3. ports → portDefinitions, or the port mappings Marathon derives from them.
  if (wants('ports') && portsNode !== undefined && settled) {
    const ports = isArray(portsNode) ? elements(portsNode).map(num) : undefined;
    const definitions =
      portDefinitionsNode === undefined
        ? null
        : isArray(portDefinitionsNode)
          ? elements(portDefinitionsNode).map((d) => num(prop(d, 'port')) ?? 0)
          : undefined;
    const numbers = ports?.every((p) => p !== undefined && Number.isInteger(p))
      ? (ports as number[])
      : undefined;
    const nonRandom = numbers?.filter((p) => p !== 0) ?? [];
    const unique = new Set(nonRandom).size === nonRandom.length; // "ports must be unique"
    const equivalent =
      definitions === null ||
      (definitions !== undefined &&
        numbers !== undefined &&
        JSON.stringify(definitions) === JSON.stringify(numbers));
    if (numbers && unique && equivalent && !(usesIp && numbers.length)) {
      if (definitions !== null) {
        plan.remove('ports'); // the port definitions say the same
        fields.push('ports');
      } else if (!containerNetworking) {
        plan.rename(
          'ports',
          'portDefinitions',
          elements(portsNode).map((port) => ({ port: new Raw(port) })),
        );
        fields.push('ports');
      } else {
        // Marathon drops port definitions with container networking, and adds port
        // mappings up to their number (applyDefaultPortMappings, maybeAddPortMappings).
        const extra = { containerPort: 0, ...(bridge ? { hostPort: 0 } : {}) };
        const seen =
          mappings ??
          (dockerMappingsLeft && isArray(dockerMappingsNode)
            ? (value(dockerMappingsNode) as unknown[])
            : undefined);
        const current = seen ?? [{ ...extra, name: 'default' }];
        const delta = numbers.length - current.length;
        if ((container || createContainer) && delta > 0) {
          // Written beside docker.portMappings, the mappings would clash with them.
          if (!dockerMappingsLeft) {
            plan.remove('ports');
            fields.push('ports');
            mappings = [...current, ...Array.from({ length: delta }, () => ({ ...extra }))];
            mappingsRaw = undefined;
            mappingsChanged = true;
            note('portsToMappings', { count: mappings.length });
          }
        } else {
          plan.remove('ports');
          fields.push('ports');
          if (numbers.length) note('portsDropped');
        }
      }
    }
  }

  // 4. uris → fetch (Artifacts.normalizeFetch).
  if (wants('fetch') && urisNode !== undefined && isArray(urisNode)) {
    const uris = elements(urisNode).map(str);
    const fetchNode = prop(root, 'fetch');
    // A template's URI is only known once rendered, and whether Marathon extracts it depends on it.
    const known = uris.every((u) => u !== undefined && !u.includes('{{'));
    if (known && !(uris.length && given(fetchNode))) {
      fields.push('uris');
      if (!uris.length) plan.remove('uris');
      else {
        const fetch = (uris as string[]).map((uri) => (isExtract(uri) ? { uri } : { uri, extract: false }));
        if (fetchNode) {
          plan.replace('fetch', fetch); // an empty list or null
          plan.remove('uris');
        } else plan.rename('uris', 'fetch', fetch);
      }
    }
  }

  // 5. Fields without effect.
  for (const key of ['residency', 'storeUrls'] as const)
    if (wants(key) && prop(root, key) !== undefined) {
      plan.remove(key);
      fields.push(key);
      if (key === 'residency' && !app.resident && prop(root, key)?.type !== 'null') note('residencyChecks');
    }

  // Write the port mappings and the container (never with host networking, where Marathon drops them).
  const writeMappings = mappingsChanged && mappings !== undefined && !hostNetworking;
  if (createContainer) {
    if (writeMappings) createContainer.portMappings = mappings;
    plan.insert(createContainer, { key: 'container', after: 'ipAddress' });
  } else if (writeMappings && container) {
    const c = containerPlan();
    const written = mappingsRaw ?? mappings;
    if (prop(container, 'portMappings')) c?.replace('portMappings', written);
    else c?.insert(written, { key: 'portMappings', after: 'docker' });
  }
  return fields.length ? { plan, fields, notes } : undefined;
}

/**
 * The largest migration of the app whose edit is sound (and, in a template, keeps the
 * placeholders and sections): all of it, else the groups that are safe on their own.
 */
function safeMigration(app: AppView, ctx: RefactorContext) {
  const doc = ctx.analysis.doc;
  const attempt = (only?: ReadonlySet<MigrationGroup>) => {
    const migration = migrateApp(app, ctx, only);
    if (!migration) return undefined;
    const edit = planEdit(migration.plan, ctx.edit, doc.placeholders, doc.syntaxErrors);
    return edit && templateSafe(doc, migration.plan, edit) ? { migration, edit } : undefined;
  };
  const all = attempt();
  if (all || !migrateApp(app, ctx)) return all;
  const safe = MIGRATION_GROUPS.filter((g) => attempt(new Set([g])));
  return safe.length ? (attempt(new Set(safe)) ?? attempt(new Set([safe[0]]))) : undefined;
}

type Migrations = { app: AppView; migration: Migration; edit: ReturnType<typeof planEdit> }[];

/** The migrations of every app, once per analysis (a document version) and locale: the cursor moves often. */
const cache = new WeakMap<RefactorContext['analysis'], Map<string, Migrations>>();

function migrationsOf(ctx: RefactorContext): Migrations {
  let byLocale = cache.get(ctx.analysis);
  if (!byLocale) cache.set(ctx.analysis, (byLocale = new Map()));
  let migrations = byLocale.get(ctx.locale);
  if (!migrations) {
    migrations = [];
    for (const app of ctx.analysis.model?.apps ?? []) {
      const m = safeMigration(app, ctx);
      if (m) migrations.push({ app, ...m });
    }
    byLocale.set(ctx.locale, migrations);
  }
  return migrations;
}

export const migrate: Refactor = {
  id: 'migrate-deprecated',
  titles: TITLES,
  propose(ctx) {
    const migrations = migrationsOf(ctx);
    // Apps nested in apps do not exist; an app's edit never overlaps another's.
    const out = [];
    const here = appAt(ctx);
    const own = migrations.find((m) => m.app === here);
    if (own) {
      const { fields, notes } = own.migration;
      out.push({
        title: notes.length ? 'migrateAppNotes' : 'migrateApp',
        args: { fields: fields.join(', '), notes: details(ctx.locale, notes) },
        edits: [own.edit!],
      });
    }
    if (migrations.length === 1 && !own) {
      const { fields, notes } = migrations[0].migration;
      out.push({
        title: notes.length ? 'migrateDocumentNotes' : 'migrateDocument',
        args: { fields: fields.join(', '), notes: details(ctx.locale, notes) },
        edits: [migrations[0].edit!],
      });
    }
    if (migrations.length > 1)
      out.push({
        title: 'migrateAll',
        args: { count: migrations.length },
        edits: migrations.map((m) => m.edit!),
      });
    return out;
  },
};
