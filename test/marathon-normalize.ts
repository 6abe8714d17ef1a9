/**
 * What an app definition means to Marathon, for equivalence checks: the app as
 * Marathon's API layer normalizes it (`AppNormalization.forDeprecated` then
 * `forPostValidation`, marathon-rules.md §0 and §4), with the defaults written out.
 * Written from Marathon's behaviour, independently of the migration refactor it
 * checks. Two definitions mean the same when their normal forms are deep-equal.
 *
 * Fields with no run-time effect (`residency`, `storeUrls`) are dropped, and enum
 * spellings are canonical (P2). A combination Marathon refuses to translate throws
 * `Rejected`.
 */

export class Rejected extends Error {}

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** FetchUri.isExtract, after java.net.URI: the path of the URI names an archive. */
function extractable(uri: string): boolean {
  let u: URL;
  try {
    u = new URL(uri, 'relative:///');
  } catch {
    return false;
  }
  if (/[\s"<>\\^`{|}]/.test(uri)) return false;
  if (/^[a-z][\w+.-]*:[^/]/i.test(uri)) return false; // opaque
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return false;
  }
  return ['.tgz', '.tar.gz', '.tbz2', '.tar.bz2', '.txz', '.tar.xz', '.zip'].some((e) => path.endsWith(e));
}

function absolute(id: string, base: string): string {
  const parts = id.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const seg of id.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

function networksOf(app: Json, docker: Json | undefined): Json[] {
  const ip = isRecord(app.ipAddress) ? app.ipAddress : undefined;
  const net = typeof docker?.network === 'string' ? docker.network.toUpperCase() : undefined;
  const given = Array.isArray(app.networks) && app.networks.length ? (app.networks as Json[]) : undefined;
  const labels = ip && isRecord(ip.labels) ? ip.labels : {};
  if ((ip || net) && given) throw new Rejected('cannot mix deprecated and canonical network APIs');
  if (ip && net) {
    if (net === 'HOST') return [{ mode: 'host' }];
    if (net === 'USER') return [{ mode: 'container', name: ip.networkName, labels }];
    if (net === 'BRIDGE') return [{ mode: 'container/bridge', labels }];
    throw new Rejected(`unsupported docker network type ${net}`);
  }
  if (ip)
    return ip.networkName === 'mesos-bridge'
      ? [{ mode: 'container/bridge', labels }]
      : [{ mode: 'container', name: ip.networkName, labels }];
  if (net) {
    if (net === 'HOST') return [{ mode: 'host' }];
    if (net === 'USER') return [{ mode: 'container' }];
    if (net === 'BRIDGE') return [{ mode: 'container/bridge' }];
    throw new Rejected(`unsupported docker network type ${net}`);
  }
  return (given ?? []).map((n) => ({
    ...n,
    mode: typeof n.mode === 'string' ? n.mode.toLowerCase() : 'container',
  }));
}

/** Without the `null` members of objects: Marathon reads a null optional field as absent. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (!isRecord(v)) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => [k, withoutNulls(x)]),
  );
}

/** The normal form of one app; `base` is the id of the enclosing group. */
export function normalizeApp(input: unknown, base = '/'): Json {
  if (!isRecord(input)) return { invalid: input };
  const app = withoutNulls(input) as Json;
  const container0 = isRecord(app.container) ? app.container : undefined;
  if (container0)
    container0.type = typeof container0.type === 'string' ? container0.type.toUpperCase() : 'DOCKER';
  const docker0 = isRecord(container0?.docker) ? (container0!.docker as Json) : undefined;
  const ip = isRecord(app.ipAddress) ? app.ipAddress : undefined;

  // validateOldAppAPI (the parts that decide whether a translation exists at all).
  if (
    container0?.type === 'MESOS' &&
    docker0 &&
    (docker0.network !== undefined || docker0.portMappings !== undefined)
  )
    throw new Rejected('a MESOS container has no docker network or port mappings');
  if (
    ip &&
    ((app.ports as unknown[] | undefined)?.length || (app.portDefinitions as unknown[] | undefined)?.length)
  )
    throw new Rejected('cannot specify both an IP address and port');
  if (Array.isArray(app.ports) && app.portDefinitions !== undefined) {
    const same =
      JSON.stringify((app.portDefinitions as Json[]).map((d) => d.port ?? 0)) === JSON.stringify(app.ports);
    if (!same) throw new Rejected('cannot specify both ports and port definitions');
  }

  // Artifacts: uris → fetch.
  const uris = Array.isArray(app.uris) ? (app.uris as string[]) : undefined;
  let fetch = Array.isArray(app.fetch) ? (app.fetch as Json[]) : undefined;
  if (uris?.length && fetch?.length) throw new Rejected('cannot specify both uris and fetch fields');
  if (uris?.length) fetch = uris.map((uri) => ({ uri, extract: extractable(uri) }));
  const out: Json = { ...app };
  delete out.uris;
  out.fetch = (fetch ?? []).map((a) => ({ extract: true, executable: false, cache: false, ...a }));

  // Networks.
  let networks = networksOf(app, docker0);
  const nonHost = networks.some((n) => n.mode !== 'host');
  const hostish = networks.length === 0 || networks.some((n) => n.mode === 'host');

  // Ports.
  const migratedDefinitions =
    (app.portDefinitions as Json[] | undefined) ??
    (Array.isArray(app.ports) ? (app.ports as number[]).map((port) => ({ port })) : undefined);
  const portDefinitions: Json[] | undefined = nonHost
    ? undefined
    : (migratedDefinitions ?? [{ port: 0, name: 'default' }]);

  // The container.
  let container: Json | undefined = container0 ?? (ip ? { type: 'MESOS' } : undefined);
  if (container) {
    container = structuredClone(container);
    const docker = isRecord(container.docker) ? container.docker : undefined;
    if (docker && docker.portMappings !== undefined) {
      const own = container.portMappings;
      const theirs = docker.portMappings as unknown[];
      if (own !== undefined && theirs.length)
        throw new Rejected('cannot specify both portMappings and docker.portMappings');
      if (own === undefined) container.portMappings = theirs;
      delete docker.portMappings;
    }
    const discovered =
      isRecord(ip?.discovery) && Array.isArray(ip!.discovery.ports) ? (ip!.discovery.ports as Json[]) : [];
    if (discovered.length) {
      if (container.type !== 'MESOS') throw new Rejected('ipAddress.discovery.ports do not apply');
      if (container.portMappings !== undefined)
        throw new Rejected('container.portMappings and ipAddress.discovery.ports');
      container.portMappings = discovered.map((p) => ({
        containerPort: p.number ?? 0,
        name: p.name,
        protocol: p.protocol ?? 'tcp',
        labels: p.labels ?? {},
      }));
    }
    if (docker) delete docker.network;
    if (hostish) delete container.portMappings;
    else if (container.portMappings === undefined) container.portMappings = [{ name: 'default' }];
    if (nonHost) {
      const delta =
        (migratedDefinitions?.length ?? 0) - ((container.portMappings as unknown[] | undefined)?.length ?? 0);
      if (delta > 0)
        container.portMappings = [
          ...((container.portMappings as unknown[]) ?? []),
          ...Array.from({ length: delta }, () => ({})),
        ];
    }
  }
  delete out.ipAddress;
  delete out.ports;

  // forPostValidation.
  if (!networks.length) networks = [{ mode: 'host' }];
  if (!container && networks.some((n) => n.mode !== 'host'))
    container = { type: 'MESOS', portMappings: [{ name: 'default' }] };
  const bridge = networks.some((n) => n.mode === 'container/bridge');
  if (container && Array.isArray(container.portMappings))
    container.portMappings = (container.portMappings as Json[]).map((m) => ({
      containerPort: 0,
      servicePort: 0,
      protocol: 'tcp',
      labels: {},
      networkNames: [],
      ...(bridge && m.hostPort === undefined ? { hostPort: 0 } : {}),
      ...m,
    }));
  if (container) {
    const docker = isRecord(container.docker) ? container.docker : undefined;
    if (docker) delete docker.network;
    out.container = container;
  }
  out.networks = networks.map((n) => ({ labels: {}, ...n }));
  out.requirePorts = networks.some((n) => n.mode !== 'host') ? false : (app.requirePorts ?? false);
  out.portDefinitions = portDefinitions?.map((p) => ({
    protocol: 'tcp',
    labels: {},
    ...p,
    port: p.port ?? 0,
  }));
  if (out.portDefinitions === undefined) delete out.portDefinitions;

  const volumes = Array.isArray(container?.volumes) ? (container!.volumes as Json[]) : [];
  const resident = volumes.some((v) => isRecord(v) && v.persistent !== undefined);
  const external = volumes.some((v) => isRecord(v) && v.external !== undefined);
  out.unreachableStrategy = app.unreachableStrategy ?? (resident ? 'disabled' : {});
  if (isRecord(out.unreachableStrategy))
    out.unreachableStrategy = { inactiveAfterSeconds: 0, expungeAfterSeconds: 0, ...out.unreachableStrategy };
  else out.unreachableStrategy = 'disabled';
  out.upgradeStrategy =
    app.upgradeStrategy ??
    (resident || external
      ? { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 }
      : { minimumHealthCapacity: 1, maximumOverCapacity: 1 });
  // A Marathon health check without a port uses the first port.
  if (Array.isArray(app.healthChecks))
    out.healthChecks = (app.healthChecks as Json[]).map((h) =>
      isRecord(h) &&
      String(h.protocol ?? 'HTTP').toUpperCase() !== 'COMMAND' &&
      h.port === undefined &&
      h.portIndex === undefined
        ? { ...h, portIndex: 0 }
        : h,
    );
  out.id = typeof app.id === 'string' ? absolute(app.id, base) : app.id;
  delete out.residency;
  delete out.storeUrls;
  return out;
}

/** The normal forms of every app of a document (an app, an array of apps or a group), by id. */
export function normalizeDocument(doc: unknown): Json[] {
  const out: Json[] = [];
  const group = (g: Json, base: string) => {
    const id = typeof g.id === 'string' ? absolute(g.id, base) : base;
    for (const a of Array.isArray(g.apps) ? g.apps : []) out.push(normalizeApp(a, id));
    for (const sub of Array.isArray(g.groups) ? g.groups : []) if (isRecord(sub)) group(sub, id);
  };
  if (Array.isArray(doc)) for (const a of doc) out.push(normalizeApp(a));
  else if (isRecord(doc) && (Array.isArray(doc.apps) || Array.isArray(doc.groups))) group(doc, '/');
  else out.push(normalizeApp(doc));
  return out;
}

/** A deterministic text of a value (object keys sorted), for comparisons and messages. */
export function canonical(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : isRecord(x)
        ? Object.fromEntries(
            Object.keys(x)
              .filter((k) => x[k] !== undefined)
              .sort()
              .map((k) => [k, sort(x[k])]),
          )
        : x;
  return JSON.stringify(sort(v), null, 1);
}
