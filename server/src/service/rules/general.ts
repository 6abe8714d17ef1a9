/**
 * General app, pod and group rules (GEN) that stateful definitions often hit: the
 * container and its image, cmd/args, ids, networking and ports (including the
 * deprecated fields Marathon still translates), health and readiness checks, pod
 * containers and endpoints, roles and labels, and the group document. Each check
 * follows the stage of Marathon's pipeline that decides it (parse, normalization,
 * validation), so a definition Marathon silently rewrites gets a warning and one it
 * rejects gets an error.
 */
import {
  at,
  bool,
  elements,
  has,
  isArray,
  isObject,
  keyNode,
  keyOf,
  num,
  prop,
  properties,
  propertyNode,
  str,
  value,
  type Node,
} from '../json';
import type { OffsetEdit } from '../edits';
import { isExtract } from '../refactors/migrate';
import { closest } from '../util/similar';
import type { AppView, GroupView, PodView } from '../model';
import {
  defineRule,
  type FixContext,
  type FixProposal,
  type Report,
  type Rule,
  type RuleContext,
} from './types';
import { parseStrict } from '../util/strictJson';
import { nameLike } from '../util/text';

// ---------------------------------------------------------------------------------------------
// Networking as Marathon normalizes it

export type NetworkMode = 'host' | 'container/bridge' | 'container';

export interface AppNetworking {
  /** Effective network modes; empty means the default, host networking. */
  modes: NetworkMode[];
  /** Where the modes come from. */
  source: 'networks' | 'docker.network' | 'ipAddress' | 'default';
  /** False when the modes cannot be told (an invalid value, or deprecated and current fields mixed). */
  known: boolean;
}

const DOCKER_NETWORKS: Record<string, NetworkMode> = {
  HOST: 'host',
  BRIDGE: 'container/bridge',
  USER: 'container',
};

/** The mode of one `networks[*]` entry (`container` when it has none), if it is a valid one. */
export function networkMode(n: Node | undefined): NetworkMode | undefined {
  if (!isObject(n)) return undefined;
  const m = prop(n, 'mode');
  if (!m) return 'container';
  const s = str(m)?.toLowerCase();
  return s === 'host' || s === 'container' || s === 'container/bridge' ? s : undefined;
}

/** The networks of an app after Marathon's translation of `ipAddress` and `container.docker.network`. */
export function appNetworking(app: AppView): AppNetworking {
  const list = elements(prop(app.node, 'networks'));
  const dockerNetwork = str(at(app.container, 'docker', 'network'))?.toUpperCase();
  const ipAddress = prop(app.node, 'ipAddress');
  const legacy = dockerNetwork !== undefined || isObject(ipAddress);
  if (legacy && list.length) return { modes: [], source: 'networks', known: false };
  if (dockerNetwork !== undefined) {
    const m = DOCKER_NETWORKS[dockerNetwork];
    return { modes: m ? [m] : [], source: 'docker.network', known: m !== undefined };
  }
  if (isObject(ipAddress)) {
    const bridge = str(prop(ipAddress, 'networkName')) === 'mesos-bridge';
    return { modes: [bridge ? 'container/bridge' : 'container'], source: 'ipAddress', known: true };
  }
  if (!list.length) return { modes: [], source: 'default', known: true };
  const modes = list.map(networkMode);
  if (modes.some((m) => m === undefined)) return { modes: [], source: 'networks', known: false };
  return { modes: modes as NetworkMode[], source: 'networks', known: true };
}

function isHost(net: AppNetworking): boolean {
  return net.modes.length === 0 || net.modes.includes('host');
}

/** The port mappings Marathon keeps after moving the deprecated `docker.portMappings` up. */
function writtenPortMappings(app: AppView): Node | undefined {
  const own = prop(app.container, 'portMappings');
  if (isArray(own) && elements(own).length) return own;
  const legacy = at(app.container, 'docker', 'portMappings');
  if (isArray(legacy) && elements(legacy).length) return legacy;
  return isArray(own) ? own : isArray(legacy) ? legacy : undefined;
}

/** `portDefinitions`, or the deprecated `ports` Marathon translates into them. */
function writtenPortDefinitions(app: AppView): { node: Node; key: 'portDefinitions' | 'ports' } | undefined {
  const pd = prop(app.node, 'portDefinitions');
  if (isArray(pd)) return { node: pd, key: 'portDefinitions' };
  const ports = prop(app.node, 'ports');
  if (isArray(ports)) return { node: ports, key: 'ports' };
  return undefined;
}

/**
 * The ports an app ends up with after normalization, which health check `portIndex`es
 * address: port definitions with host networking (one default port when none are
 * written), port mappings otherwise (one default mapping, more to match the port
 * definitions). Undefined when it cannot be told from the definition alone.
 */
export function appPortCount(app: AppView, net = appNetworking(app)): number | undefined {
  if (!net.known) return undefined;
  const defs = writtenPortDefinitions(app);
  if (isHost(net)) return defs ? elements(defs.node).length : 1;
  if (!app.container) return undefined;
  const mappings = writtenPortMappings(app);
  const defCount = defs ? elements(defs.node).length : 0;
  if (!mappings) return Math.max(1, defCount);
  return Math.max(elements(mappings).length, defCount);
}

/** Port names a readiness check may refer to, or undefined when they cannot be told. */
function appPortNames(app: AppView, net: AppNetworking): string[] | undefined {
  if (!net.known) return undefined;
  if (isHost(net)) {
    const pd = prop(app.node, 'portDefinitions');
    if (isArray(pd)) return elements(pd).flatMap((p) => str(prop(p, 'name')) ?? []);
    return [];
  }
  if (!app.container) return undefined;
  const mappings = writtenPortMappings(app);
  return elements(mappings).flatMap((p) => str(prop(p, 'name')) ?? []);
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function present(node: Node | undefined): boolean {
  return node !== undefined && node.type !== 'null';
}

function nonEmptyArray(node: Node | undefined): boolean {
  return isArray(node) && elements(node).length > 0;
}

function keyOrValue(obj: Node | undefined, key: string): Node | undefined {
  return keyNode(obj, key) ?? prop(obj, key);
}

/** True when the document has a syntax error inside `node` (its contents are then uncertain). */
function brokenInside(ctx: RuleContext, node: Node): boolean {
  return ctx.doc.syntaxErrors.some((e) => e.offset >= node.offset && e.offset < node.offset + node.length);
}

/**
 * True when a template has a section tag (`{{#x}}`, `{{^x}}`, `{{/x}}`) between these
 * nodes: they may be alternatives of which only one is rendered, so that finding both
 * in the masked text says nothing about the rendered definition.
 */
function alternatives(ctx: RuleContext, ...nodes: (Node | undefined)[]): boolean {
  if (!ctx.doc.template) return false;
  const offsets = nodes.filter((n): n is Node => n !== undefined).map((n) => n.offset);
  const from = Math.min(...offsets);
  const to = Math.max(...offsets);
  return ctx.doc.placeholders.some(
    ([s, e]) => s > from && e <= to && /^\{\{\s*[#^/]/.test(ctx.doc.text.slice(s, e)),
  );
}

/** Reports at the opening brace of an object: for a field that is missing. */
function atObject(node: Node): Pick<Report, 'node' | 'offset' | 'length'> {
  return { node, offset: node.offset, length: 1 };
}

/** An edit removing the property that holds `value` (or whose key is `value`). */
function removeProperty(ctx: FixContext, node: Node) {
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  const obj = property?.parent;
  return property && obj ? ctx.edit.removeMember(obj, property) : undefined;
}

/**
 * One edit that leaves only `keep` (items of an array or properties of an object, in their
 * order) in `container`: each kept member keeps its text, separated as the first two were.
 */
function keepItems(ctx: FixContext, container: Node, keep: Node[]): OffsetEdit {
  const text = ctx.doc.text;
  const items = container.children ?? [];
  const first = items[0];
  const last = items[items.length - 1];
  if (!keep.length || !first)
    return { offset: container.offset + 1, length: container.length - 2, content: '' };
  const sep = items.length > 1 ? text.slice(first.offset + first.length, items[1].offset) : ', ';
  return {
    offset: first.offset,
    length: last.offset + last.length - first.offset,
    content: keep.map((n) => text.slice(n.offset, n.offset + n.length)).join(sep),
  };
}

/**
 * A check whose timeout is not under its interval (`ctx.node` is one of the two values):
 * the two swapped when they were written the other way round, or a timeout just under the
 * interval (each default applies to the one left out).
 */
function timeoutFixes(ctx: FixContext, defaultTimeout: number, defaultInterval: number): FixProposal[] {
  const check = ctx.node.parent?.parent;
  if (!isObject(check)) return [];
  const t = prop(check, 'timeoutSeconds');
  const i = prop(check, 'intervalSeconds');
  const timeout = t ? num(t) : defaultTimeout;
  const interval = i ? num(i) : defaultInterval;
  if (timeout === undefined || interval === undefined) return [];
  const out: FixProposal[] = [];
  if (t && i && interval < timeout)
    out.push({
      title: 'swap',
      args: { timeout, interval },
      edits: [ctx.edit.replaceValue(t, interval), ctx.edit.replaceValue(i, timeout)],
    });
  const under = Math.ceil(interval) - 1;
  if (under >= 1)
    out.push({
      title: 'timeout',
      args: { value: under },
      edits: [ctx.edit.setProperty(check, 'timeoutSeconds', under)],
    });
  return out.filter((p) => ctx.verify(p.edits));
}

function lastSegment(id: string): string {
  const parts = id.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

function parentOf(absoluteId: string): string {
  const parts = absoluteId.split('/').filter(Boolean);
  parts.pop();
  return '/' + parts.join('/');
}

function featureEnabled(ctx: RuleContext | FixContext, feature: string): boolean {
  return ctx.settings.cluster.features.includes(feature);
}

// ---------------------------------------------------------------------------------------------
// Container, image, command

function hasCommand(app: AppView): boolean {
  return present(prop(app.node, 'cmd')) || nonEmptyArray(prop(app.node, 'args'));
}

export const containerDockerRequired = defineRule({
  meta: {
    id: 'container-docker-required',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-03'],
    title: 'A DOCKER container has a docker image',
    docs:
      'An app `container` without `type` is a **DOCKER** container, and a DOCKER container needs ' +
      '`container.docker` with an `image`; Marathon rejects it otherwise (`not defined` at `/container/docker`). ' +
      'This happens when `"container": {"volumes": [...]}` is added to a command-only app to give it a volume. ' +
      'Quick fixes: add `"type": "MESOS"` (the Mesos containerizer runs the command without an image), or add a ' +
      '`docker` object and fill in its image.',
    messages: {
      implicit:
        'This container has no "type", so Marathon makes it a DOCKER container, which needs "docker" with an "image": Marathon rejects the app. To run the command without an image, add "type": "MESOS".',
      explicit:
        'A DOCKER container needs a "docker" object with an "image": Marathon rejects the app without one. Add the image, or use "type": "MESOS" to run the command without one.',
    },
    fixes: {
      mesos: 'Use the Mesos containerizer ("type": "MESOS")',
      docker: 'Add a docker object (fill in its image)',
    },
  },
  app(app, ctx) {
    const c = app.container;
    if (!c || app.containerType !== 'DOCKER' || has(c, 'docker')) return;
    const type = prop(c, 'type');
    ctx.report({
      node: type ?? keyNode(app.node, 'container') ?? c,
      message: type ? 'explicit' : 'implicit',
      data: { explicit: type !== undefined, command: hasCommand(app) },
    });
  },
  fix(ctx) {
    const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
    const c = app?.container;
    if (!c) return [];
    const out: FixProposal[] = [];
    const type = prop(c, 'type');
    if (ctx.data.command) {
      out.push({
        title: 'mesos',
        edits: [
          type
            ? ctx.edit.replaceValue(type, 'MESOS')
            : ctx.edit.setProperty(c, 'type', 'MESOS', { first: true }),
        ],
        isPreferred: true,
        safe: !ctx.data.explicit,
      });
    }
    out.push({
      title: 'docker',
      edits: [ctx.edit.setProperty(c, 'docker', { image: '<image>' }, { after: 'type' })],
      isPreferred: !ctx.data.command,
    });
    return out;
  },
});

export const cmdArgsContainer = defineRule({
  meta: {
    id: 'cmd-args-container',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-05'],
    title: 'An app has cmd or args, or a container image, and not both cmd and args',
    docs:
      'An app runs either a shell command (`cmd`), or an argument vector (`args`, for the image entry point or ' +
      'the Mesos command executor), or just its container image. Marathon rejects an app with both `cmd` and ' +
      '`args`, and an app with neither whose container has no image (`AppDefinition must either contain one of ' +
      "'cmd' or 'args', and/or a 'container'.`). A MESOS container without `docker` has no image.",
    messages: {
      both: 'An app has "cmd" or "args", not both: Marathon rejects it. Keep the shell command in "cmd", or the argument list in "args".',
      neither:
        'This app has nothing to run: give it a "cmd", "args" or a container image ("container.docker.image"); Marathon rejects it as it is.',
    },
    fixes: { keepCmd: 'Keep "cmd" and remove "args"', keepArgs: 'Keep "args" and remove "cmd"' },
  },
  app(app, ctx) {
    const cmd = prop(app.node, 'cmd');
    const args = prop(app.node, 'args');
    if (present(cmd) && nonEmptyArray(args) && !alternatives(ctx, cmd, args)) {
      ctx.report({ node: keyNode(app.node, 'args') ?? args!, message: 'both' });
      return;
    }
    if (present(cmd) || nonEmptyArray(args)) return;
    const c = app.container;
    if (c && (app.containerType === undefined || app.containerType === 'DOCKER')) return; // GEN-03 or schema
    if (c && has(c, 'docker')) return;
    if (brokenInside(ctx, app.node)) return; // an elided or half-typed object: what is missing is unknown
    ctx.report({
      ...(c ? { node: keyNode(app.node, 'container') ?? c } : atObject(app.node)),
      message: 'neither',
    });
  },
  fix(ctx) {
    const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
    if (!app || ctx.message !== 'both') return [];
    const out: FixProposal[] = [];
    const args = ctx.edit.removeProperty(app.node, 'args');
    const cmd = ctx.edit.removeProperty(app.node, 'cmd');
    if (args) out.push({ title: 'keepCmd', edits: [args] });
    if (cmd) out.push({ title: 'keepArgs', edits: [cmd] });
    return out;
  },
});

export const cmdTooShort = defineRule({
  meta: {
    id: 'cmd-too-short',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-06'],
    title: 'cmd is longer than one character',
    docs:
      "The schema allows a one-character `cmd`, but Marathon's validation demands more than one character and " +
      'rejects the app (`must not be an empty string`).',
    messages: { short: '"cmd" must be longer than one character: Marathon rejects "{value}".' },
  },
  app(app, ctx) {
    const cmd = prop(app.node, 'cmd');
    const s = str(cmd);
    if (cmd && s !== undefined && s.length === 1)
      ctx.report({ node: cmd, message: 'short', args: { value: s } });
  },
});

const RESERVED = ['restart', 'tasks', 'versions'];

export const serviceId = defineRule({
  meta: {
    id: 'service-id',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-07'],
    title: 'App and pod ids are usable paths',
    docs:
      'Beyond the path syntax the schema checks, Marathon rejects an id that is the root `/` (`must not be root`), ' +
      'and one whose last segment is a reserved word of its REST API: `restart`, `tasks` or `versions` ' +
      '(`must not end with any of the following reserved keywords`). App ids are made absolute (against the ' +
      'group in a group file); a pod id is validated as written and must be absolute (`Path needs to be absolute`).',
    messages: {
      root: 'The id resolves to the root "/": Marathon needs a name for the {kind} ("must not be root").',
      reserved:
        'The id ends with "{segment}", a reserved word of the Marathon API (restart, tasks, versions): Marathon rejects it. Choose another last segment.',
      podDots:
        'A pod id must not end with "{segment}": Marathon validates pod ids as written and rejects it.',
      podRelative:
        'Pod ids must be absolute: Marathon rejects "{value}" ("Path needs to be absolute"). Write "/{value}".',
      app: 'app',
      pod: 'pod',
    },
    fixes: { absolute: 'Change to "{value}"' },
  },
  app: (app, ctx) => checkId(app, ctx),
  pod: (pod, ctx) => checkId(pod, ctx),
  fix(ctx) {
    if ((ctx.message === 'reserved' || ctx.message === 'root') && ctx.node.type === 'string') {
      // A guess the user will likely edit: the reserved word with the kind after it
      // (`/jobs/restart` → `/jobs/restart-app`), or for the root the file's name.
      const written = String(ctx.node.value);
      const kind = ctx.owner?.kind === 'pod' ? 'pod' : 'app';
      let value: string | undefined;
      if (ctx.message === 'reserved') {
        const segment = lastSegment(ctx.owner?.absoluteId ?? written);
        const at = written.replace(/\/+$/, '').lastIndexOf(segment);
        if (segment && at >= 0) value = written.slice(0, at) + `${segment}-${kind}`;
      } else {
        const file = ctx.doc.uri.split(/[/\\]/).pop() ?? '';
        const name = nameLike(file.slice(0, file.indexOf('.') >= 0 ? file.indexOf('.') : file.length));
        if (name && !RESERVED.includes(name)) value = written.startsWith('/') ? `/${name}` : name;
      }
      const edits = value ? [ctx.edit.replaceValue(ctx.node, value)] : [];
      return value && ctx.verify(edits) ? [{ title: 'absolute', args: { value }, edits }] : [];
    }
    if (ctx.message === 'podDots' && ctx.node.type === 'string') {
      // The path the dots lead to, as an app id would resolve (`/web/pod/.` → `/web/pod`).
      const out: string[] = [];
      for (const seg of String(ctx.node.value).split('/').filter(Boolean))
        if (seg === '..') out.pop();
        else if (seg !== '.') out.push(seg);
      const value = '/' + out.join('/');
      const edits = [ctx.edit.replaceValue(ctx.node, value)];
      return out.length && ctx.verify(edits)
        ? [
            {
              title: 'absolute',
              args: { value },
              edits,
              isPreferred: true,
              safe: String(ctx.node.value).endsWith('/.') && !String(ctx.node.value).includes('..'),
            },
          ]
        : [];
    }
    if (ctx.message !== 'podRelative' || ctx.node.type !== 'string') return [];
    const value = '/' + String(ctx.node.value);
    return [
      {
        title: 'absolute',
        args: { value },
        edits: [ctx.edit.replaceValue(ctx.node, value)],
        isPreferred: true,
        safe: true,
      },
    ];
  },
});

function checkId(unit: AppView | PodView, ctx: RuleContext): void {
  const node = prop(unit.node, 'id');
  const id = str(node);
  if (!node || id === undefined || id === '') return;
  const kind = { t: unit.kind };
  if (unit.kind === 'pod' && !unit.group) {
    if (!id.startsWith('/')) {
      ctx.report({ node, message: 'podRelative', args: { value: id } });
      return;
    }
    const last = id.split('/').filter(Boolean).pop();
    if (last === '.' || last === '..') {
      ctx.report({ node, message: 'podDots', args: { segment: last } });
      return;
    }
  }
  if (unit.absoluteId === '/') {
    ctx.report({ node, message: 'root', args: { kind } });
    return;
  }
  const last = lastSegment(unit.absoluteId ?? id);
  if (RESERVED.includes(last)) ctx.report({ node, message: 'reserved', args: { segment: last } });
}

// ---------------------------------------------------------------------------------------------
// Networks and ports

/**
 * Whether dropping these port definitions loses something the port mappings do not
 * say: a port without a mapping, or a port name or labels (VIPs) no mapping carries.
 */
function losesPorts(defs: Node[], mappings: Node[]): boolean {
  if (defs.length > mappings.length) return true;
  const names = new Set(mappings.flatMap((m) => str(prop(m, 'name')) ?? []));
  return defs.some((d, i) => {
    const name = str(prop(d, 'name'));
    if (name && !names.has(name)) return true;
    const labels = prop(d, 'labels');
    return isObject(labels) && (labels.children ?? []).length > 0 && !isObject(prop(mappings[i], 'labels'));
  });
}

export const portsNetworkMismatch = defineRule({
  meta: {
    id: 'ports-network-mismatch',
    family: 'gen',
    severity: 'warning',
    marathon: ['GEN-08'],
    title: 'Port fields match the networking mode (Marathon drops the others)',
    docs:
      'Port mappings (`container.portMappings`, or the deprecated `container.docker.portMappings`) belong to ' +
      'bridge and container networking; port definitions (`portDefinitions`, or the deprecated `ports`) belong to ' +
      'host networking, the default. While it normalizes a new app, Marathon silently drops the kind that does ' +
      'not match the networking mode, so the ports the author meant are not there (and an update that names the ' +
      'networking mode is rejected: `portMappings are not allowed with host-networking`, `portDefinitions are ' +
      'only allowed with host-networking`). Stateful examples map ports with `container/bridge` networking.',
    messages: {
      mappingsDropped:
        'This app uses host networking, so Marathon drops "{field}" without a word: no container port is mapped. Use "networks": [{"mode": "container/bridge"}] to map ports, or declare host ports in "portDefinitions".',
      definitionsDropped:
        'This app uses {mode} networking, so Marathon drops "{field}" without a word: declare the ports in "container.portMappings" instead.',
    },
    fixes: {
      bridge: 'Use bridge networking ("networks": [{"mode": "container/bridge"}])',
      remove: 'Remove "{field}"',
    },
  },
  app(app, ctx) {
    const net = appNetworking(app);
    if (!net.known) return;
    const host = isHost(net);
    if (host) {
      for (const [obj, key, field] of [
        [app.container, 'portMappings', 'container.portMappings'],
        [prop(app.container, 'docker'), 'portMappings', 'container.docker.portMappings'],
      ] as const) {
        const v = prop(obj, key);
        if (nonEmptyArray(v))
          ctx.report({
            node: keyNode(obj, key) ?? v!,
            message: 'mappingsDropped',
            args: { field },
            data: { field, defaultNetwork: net.source === 'default' },
          });
      }
    } else {
      const mappings = elements(writtenPortMappings(app));
      for (const key of ['portDefinitions', 'ports'] as const) {
        const v = prop(app.node, key);
        if (nonEmptyArray(v) && losesPorts(elements(v), mappings))
          ctx.report({
            node: keyNode(app.node, key) ?? v!,
            message: 'definitionsDropped',
            args: { field: key, mode: net.modes.find((m) => m !== 'host') },
            data: { field: key },
          });
      }
    }
  },
  fix(ctx) {
    const out: FixProposal[] = [];
    const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
    if (!app) return out;
    if (ctx.message === 'mappingsDropped' && ctx.data.defaultNetwork && !has(app.node, 'networks'))
      out.push({
        title: 'bridge',
        edits: [
          ctx.edit.setProperty(app.node, 'networks', [{ mode: 'container/bridge' }], { after: 'container' }),
        ],
        isPreferred: true,
      });
    const remove = removeProperty(ctx, ctx.node);
    if (remove) out.push({ title: 'remove', args: { field: String(ctx.data.field) }, edits: [remove] });
    return out;
  },
});

export const dockerContainerNetworks = defineRule({
  meta: {
    id: 'docker-container-networks',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-09'],
    title: 'A DOCKER container joins at most one container network',
    docs:
      'The Docker containerizer supports a single CNI network: Marathon rejects a DOCKER app with more than one ' +
      '`container` network (`may only specify a single container network when using the Docker container ' +
      'engine`). Use `"type": "MESOS"` to join several networks.',
    messages: {
      many: 'A DOCKER container can join only one container network; this app lists {count}: Marathon rejects it. Keep one, or use "type": "MESOS".',
    },
    fixes: {
      keep: 'Keep only the network "{name}"',
      mesos: 'Use the Mesos containerizer ("type": "MESOS"), which joins several networks',
    },
  },
  app(app, ctx) {
    if (app.containerType !== 'DOCKER') return;
    const net = appNetworking(app);
    const count = net.modes.filter((m) => m === 'container').length;
    if (net.known && net.source === 'networks' && count > 1)
      ctx.report({ node: prop(app.node, 'networks')!, message: 'many', args: { count } });
  },
  fix(ctx) {
    const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
    if (!app || ctx.node.type !== 'array') return [];
    const out: FixProposal[] = [];
    // One of the container networks (each, for the user to choose), or every one with MESOS.
    const containers = elements(ctx.node).filter((n) => networkMode(n) === 'container');
    for (const keep of containers.slice(0, 3)) {
      const edits = [
        keepItems(
          ctx,
          ctx.node,
          elements(ctx.node).filter((n) => n === keep || networkMode(n) !== 'container'),
        ),
      ];
      if (ctx.verify(edits))
        out.push({
          title: 'keep',
          args: { name: str(prop(keep, 'name')) ?? '' },
          edits,
          isPreferred: !out.length,
        });
    }
    const type = prop(app.container, 'type');
    if (type) {
      const done = ctx.complete([ctx.edit.replaceValue(type, 'MESOS')]);
      if (done && !done.then) out.push({ title: 'mesos', edits: done.edits });
    }
    return out;
  },
});

export const networksCombination = defineRule({
  meta: {
    id: 'networks-combination',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-09'],
    title: 'Networks are one host network, one bridge network, or container networks',
    docs:
      'Marathon accepts a single `host` network, a single `container/bridge` network, or one or more `container` ' +
      'networks, never a mix (`May specify a single host network, single bridge network, or else 1-to-n ' +
      'container networks`). Host networks take no `name` or `labels`, bridge networks no `name`, and a network ' +
      'may not be listed twice (`Duplicate networks are not allowed`); a `container` network without a name ' +
      'counts as the default network.',
    messages: {
      mixed:
        'These networks mix {modes} modes: Marathon accepts one host network, one bridge network, or container networks only.',
      many: 'Only one {mode} network is allowed, and these networks list {count}: Marathon rejects them.',
      hostNamed:
        'A host network takes no "{field}": Marathon rejects it ("Host networks may not have names or labels").',
      bridgeNamed:
        'A bridge network takes no "name": Marathon rejects it ("Bridge networks may not have names").',
      duplicate: 'The network "{name}" is listed twice: Marathon rejects duplicate networks.',
      duplicateDefault:
        'Two container networks have no name: both mean the default network, and Marathon rejects duplicate networks.',
    },
    fixes: {
      remove: 'Remove "{field}"',
      keepHost: 'Keep only the host network',
      keepBridge: 'Keep only the bridge network',
      keepContainer: 'Keep only the container networks',
      removeNetwork: 'Remove this repeated network',
    },
  },
  app: (app, ctx) => checkNetworks(prop(app.node, 'networks'), ctx),
  pod: (pod, ctx) => checkNetworks(prop(pod.node, 'networks'), ctx),
  fix(ctx) {
    if (ctx.message === 'hostNamed' || ctx.message === 'bridgeNamed') {
      const remove = removeProperty(ctx, ctx.node);
      const field = String(ctx.node.value);
      return remove
        ? [{ title: 'remove', args: { field }, edits: [remove], isPreferred: true, safe: true }]
        : [];
    }
    if (ctx.message === 'mixed' || ctx.message === 'many') {
      // The networks of one mode: the first host or bridge network, or all the container networks.
      if (ctx.node.type !== 'array') return [];
      const items = elements(ctx.node);
      const out: FixProposal[] = [];
      const kinds: [NetworkMode, string][] = [
        ['container', 'keepContainer'],
        ['host', 'keepHost'],
        ['container/bridge', 'keepBridge'],
      ];
      for (const [mode, title] of kinds) {
        const of = items.filter((n) => networkMode(n) === mode);
        if (!of.length) continue;
        const keep = mode === 'container' ? of : of.slice(0, 1);
        const identical = of.every((n) => JSON.stringify(value(n)) === JSON.stringify(value(of[0])));
        const edits = [keepItems(ctx, ctx.node, keep)];
        if (ctx.verify(edits))
          out.push({
            title,
            edits,
            safe: ctx.message === 'many' && identical,
            isPreferred: ctx.message === 'many',
          });
      }
      return out;
    }
    if (ctx.message === 'duplicate' || ctx.message === 'duplicateDefault') {
      // The later of two networks that mean the same one.
      const net = ctx.message === 'duplicate' ? ctx.node.parent?.parent : ctx.node;
      const list = net?.parent;
      if (!net || list?.type !== 'array') return [];
      const name = str(prop(net, 'name'));
      const first = elements(list).find(
        (n) => n !== net && networkMode(n) === networkMode(net) && str(prop(n, 'name')) === name,
      );
      const identical = first !== undefined && JSON.stringify(value(first)) === JSON.stringify(value(net));
      const edits = [ctx.edit.removeMember(list, net)];
      return ctx.verify(edits) ? [{ title: 'removeNetwork', edits, isPreferred: true, safe: identical }] : [];
    }
    return [];
  },
});

function checkNetworks(list: Node | undefined, ctx: RuleContext): void {
  const nets = elements(list).filter(isObject);
  if (!nets.length) return;
  const modes = nets.map(networkMode);
  if (modes.some((m) => m === undefined)) return;
  for (let i = 0; i < nets.length; i++) {
    const n = nets[i];
    const name = prop(n, 'name');
    const labels = prop(n, 'labels');
    if (modes[i] === 'host') {
      if (str(name)) ctx.report({ node: keyNode(n, 'name')!, message: 'hostNamed', args: { field: 'name' } });
      if (isObject(labels) && (labels.children ?? []).length)
        ctx.report({ node: keyNode(n, 'labels')!, message: 'hostNamed', args: { field: 'labels' } });
    } else if (modes[i] === 'container/bridge' && str(name)) {
      ctx.report({ node: keyNode(n, 'name')!, message: 'bridgeNamed' });
    }
  }
  const count = (m: NetworkMode) => modes.filter((x) => x === m).length;
  const host = count('host');
  const bridge = count('container/bridge');
  const container = count('container');
  const ok =
    (host <= 1 && bridge === 0 && container === 0) ||
    (host === 0 && bridge <= 1 && container === 0) ||
    (host === 0 && bridge === 0 && container > 0);
  if (!ok) {
    const kinds = (['host', 'container/bridge', 'container'] as const).filter((m) => count(m) > 0);
    if (kinds.length > 1) ctx.report({ node: list!, message: 'mixed', args: { modes: kinds.join(', ') } });
    else ctx.report({ node: list!, message: 'many', args: { mode: kinds[0], count: count(kinds[0]) } });
    return;
  }
  const seen = new Set<string>();
  let unnamed = 0;
  nets.forEach((n, i) => {
    const name = str(prop(n, 'name'));
    if (name) {
      if (seen.has(name)) ctx.report({ node: prop(n, 'name')!, message: 'duplicate', args: { name } });
      seen.add(name);
    } else if (modes[i] === 'container' && ++unnamed === 2) {
      ctx.report({ node: n, message: 'duplicateDefault' });
    }
  });
}

export const networkNameRequired = defineRule({
  meta: {
    id: 'network-name-required',
    family: 'gen',
    severity: 'warning',
    marathon: ['GEN-19', 'GEN-14'],
    title: 'Container networks name their network (unless Marathon has a default)',
    docs:
      "A `container` network without `name` joins the network named by Marathon's `--default_network_name`. " +
      'DC/OS sets it (`dcos`); a Marathon started without it rejects the definition (`Network name must be ' +
      'specified when container network is selected.`). Naming the network makes the definition work on both.',
    messages: {
      missing:
        'This container network has no "name": it works only where Marathon has a --default_network_name (DC/OS: "dcos"); elsewhere Marathon rejects it. Name the network, e.g. "name": "dcos".',
    },
    fixes: { name: 'Add "name": "dcos"' },
  },
  app(app, ctx) {
    checkNetworkNames(prop(app.node, 'networks'), ctx);
  },
  pod(pod, ctx) {
    checkNetworkNames(prop(pod.node, 'networks'), ctx);
  },
  fix(ctx) {
    const network = ctx.node.type === 'object' ? ctx.node : ctx.node.parent?.parent;
    if (!isObject(network) || has(network, 'name')) return [];
    return [{ title: 'name', edits: [ctx.edit.setProperty(network, 'name', 'dcos', { after: 'mode' })] }];
  },
});

function checkNetworkNames(list: Node | undefined, ctx: RuleContext): void {
  for (const n of elements(list)) {
    if (networkMode(n) === 'container' && !str(prop(n, 'name')))
      ctx.report({ ...(keyNode(n, 'mode') ? { node: prop(n, 'mode')! } : atObject(n)), message: 'missing' });
  }
}

export const legacyNetworkConflict = defineRule({
  meta: {
    id: 'legacy-network-conflict',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-10'],
    title: 'Deprecated networking fields are not mixed with networks',
    docs:
      'Marathon still translates the deprecated `container.docker.network` and `ipAddress` into `networks`, but ' +
      'rejects an app that gives both a deprecated field and `networks` (`must not specify both ' +
      'container.docker.network and networks`, `must not specify both networks and ipAddress`). ' +
      '`"network": "NONE"` has no translation and is rejected (`unsupported docker network type NONE`), and ' +
      '`ipAddress.discovery` is not allowed for DOCKER containers. `docker.network` alone is only deprecated.',
    messages: {
      dockerNetwork:
        'Both "container.docker.network" and "networks" are given: Marathon rejects the app. Keep "networks" and remove the deprecated "network".',
      ipAddress:
        'Both "ipAddress" and "networks" are given: Marathon rejects the app. Keep "networks" and remove the deprecated "ipAddress".',
      none: 'Marathon cannot translate "network": "{value}" into networks and rejects the app ("unsupported docker network type").',
      discovery:
        '"ipAddress.discovery" is not allowed for DOCKER containers: Marathon rejects the app. Declare the ports in "container.portMappings".',
    },
    fixes: {
      remove: 'Remove the deprecated "{field}"',
      discoveryToMappings: 'Declare the discovery ports in "container.portMappings"',
    },
  },
  app(app, ctx) {
    const networks = nonEmptyArray(prop(app.node, 'networks'));
    const docker = prop(app.container, 'docker');
    const network = prop(docker, 'network');
    const ipAddress = prop(app.node, 'ipAddress');
    if (networks && present(network) && !alternatives(ctx, network, prop(app.node, 'networks'))) {
      const list = elements(prop(app.node, 'networks'));
      const same =
        list.length === 1 && DOCKER_NETWORKS[str(network)?.toUpperCase() ?? ''] === networkMode(list[0]);
      // Marathon reports this at the app; the "networks" key is where the two meet.
      ctx.report({
        node: keyNode(app.node, 'networks')!,
        message: 'dockerNetwork',
        data: { field: 'network', same },
      });
    } else if (network && str(network)?.toUpperCase() === 'NONE') {
      ctx.report({ node: network, message: 'none', args: { value: str(network) } });
    }
    if (networks && isObject(ipAddress) && !alternatives(ctx, ipAddress, prop(app.node, 'networks')))
      ctx.report({
        node: keyNode(app.node, 'ipAddress')!,
        message: 'ipAddress',
        data: { field: 'ipAddress' },
      });
    if (isObject(ipAddress) && present(prop(ipAddress, 'discovery')) && app.containerType === 'DOCKER')
      ctx.report({ node: keyNode(ipAddress, 'discovery')!, message: 'discovery' });
  },
  fix(ctx) {
    const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
    if (ctx.message === 'none') {
      const remove = removeProperty(ctx, ctx.node);
      return remove && ctx.verify([remove])
        ? [{ title: 'remove', args: { field: 'network' }, edits: [remove] }]
        : [];
    }
    if (ctx.message === 'discovery' && app?.container) {
      // Each discovery port as the port mapping a DOCKER container declares it with.
      const ip = ctx.node.parent?.parent;
      const ports = elements(prop(prop(ip, 'discovery'), 'ports'));
      const remove = removeProperty(ctx, ctx.node);
      if (!remove || !ports.length || present(prop(app.container, 'portMappings'))) return [];
      const mappings = ports.map((p) => {
        const m: Record<string, unknown> = { containerPort: num(prop(p, 'number')) ?? 0 };
        if (prop(p, 'name')) m.name = value(prop(p, 'name'));
        if (prop(p, 'protocol')) m.protocol = value(prop(p, 'protocol'));
        if (prop(p, 'labels')) m.labels = value(prop(p, 'labels'));
        return m;
      });
      const edits = [remove, ctx.edit.setProperty(app.container, 'portMappings', mappings)];
      return ctx.verify(edits) ? [{ title: 'discoveryToMappings', edits, isPreferred: true }] : [];
    }
    if (ctx.message !== 'dockerNetwork' && ctx.message !== 'ipAddress') return [];
    const docker = prop(app?.container, 'docker');
    const remove =
      ctx.message === 'dockerNetwork'
        ? isObject(docker)
          ? ctx.edit.removeProperty(docker, 'network')
          : undefined
        : removeProperty(ctx, ctx.node);
    if (!remove) return [];
    return [
      {
        title: 'remove',
        args: { field: String(ctx.data.field) },
        edits: [remove],
        isPreferred: true,
        safe: ctx.data.same === true,
      },
    ];
  },
});

function portOf(pd: Node): number | undefined {
  const p = prop(pd, 'port');
  return p ? num(p) : 0;
}

export const legacyFieldConflict = defineRule({
  meta: {
    id: 'legacy-field-conflict',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-10'],
    title: 'Deprecated port and fetch fields agree with their replacements',
    docs:
      'Marathon translates `ports` into `portDefinitions`, `container.docker.portMappings` into ' +
      '`container.portMappings` and `uris` into `fetch`, and rejects an app that gives both forms with different ' +
      'contents (`cannot specify both ports and port definitions`, `cannot specify both portMappings and ' +
      'docker.portMappings`, `may not be set in conjunction with fetch`), an `ipAddress` together with ports ' +
      '(`cannot specify both an IP address and port`), and the same non-zero port twice in `ports`.',
    messages: {
      portsAndDefinitions:
        '"ports" and "portDefinitions" list different ports: Marathon rejects the app. Keep "portDefinitions" and remove the deprecated "ports".',
      mappingsTwice:
        'Port mappings are given both in "container.portMappings" and in the deprecated "container.docker.portMappings": Marathon rejects the app. Keep one.',
      urisAndFetch:
        '"uris" may not be used together with "fetch": Marathon rejects the app. Move the URIs into "fetch".',
      ipAddressPorts:
        'An app with "ipAddress" cannot declare "{field}" too: Marathon rejects it ("cannot specify both an IP address and port").',
      duplicatePort:
        'The port {port} is listed twice in "ports": Marathon rejects the app ("ports must be unique").',
    },
    fixes: {
      remove: 'Remove "{field}"',
      moveUris: 'Move the URIs into "fetch"',
      removeDockerMappings: 'Keep "container.portMappings" and remove "container.docker.portMappings"',
      removePort: 'Remove the repeated port {port}',
    },
  },
  app(app, ctx) {
    const n = app.node;
    const ports = prop(n, 'ports');
    const pds = prop(n, 'portDefinitions');
    if (isArray(ports) && isArray(pds) && !alternatives(ctx, ports, pds)) {
      const a = elements(pds).map(portOf);
      const b = elements(ports).map(num);
      if (a.length !== b.length || a.some((x, i) => x !== b[i]))
        ctx.report({ node: keyNode(n, 'ports')!, message: 'portsAndDefinitions', data: { field: 'ports' } });
    }
    const seen = new Set<number>();
    for (const p of elements(ports)) {
      const v = num(p);
      if (v === undefined || v === 0) continue;
      if (seen.has(v))
        ctx.report({
          node: keyNode(n, 'ports')!,
          message: 'duplicatePort',
          args: { port: v },
          data: { port: v },
        });
      seen.add(v);
    }
    if (
      nonEmptyArray(prop(app.container, 'portMappings')) &&
      nonEmptyArray(at(app.container, 'docker', 'portMappings')) &&
      !alternatives(ctx, prop(app.container, 'portMappings'), at(app.container, 'docker', 'portMappings'))
    )
      ctx.report({ node: keyNode(n, 'container')!, message: 'mappingsTwice' });
    if (
      nonEmptyArray(prop(n, 'uris')) &&
      nonEmptyArray(prop(n, 'fetch')) &&
      !alternatives(ctx, prop(n, 'uris'), prop(n, 'fetch'))
    )
      ctx.report({ node: keyNode(n, 'uris')!, message: 'urisAndFetch' });
    if (isObject(prop(n, 'ipAddress')))
      for (const key of ['ports', 'portDefinitions'])
        if (nonEmptyArray(prop(n, key)) && !alternatives(ctx, prop(n, 'ipAddress'), prop(n, key)))
          ctx.report({
            node: keyNode(n, key)!,
            message: 'ipAddressPorts',
            args: { field: key },
            data: { field: key },
          });
  },
  fix(ctx) {
    const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
    if (!app) return [];
    if (ctx.message === 'urisAndFetch') {
      // Marathon reads each URI as a fetch entry with the defaults, so { "uri": ... } says the same.
      const uris = elements(prop(app.node, 'uris'));
      const fetch = prop(app.node, 'fetch');
      const remove = removeProperty(ctx, ctx.node);
      if (!remove || !isArray(fetch) || uris.some((u) => u.type !== 'string')) return [];
      const fetched = new Set(elements(fetch).map((f) => str(prop(f, 'uri'))));
      const added = uris
        .map((u) => u.value as string)
        .filter((u, i, all) => !fetched.has(u) && all.indexOf(u) === i);
      // As Marathon translates them (Artifacts.normalizeFetch): only archives are extracted.
      const entry = (uri: string) => (isExtract(uri) ? { uri } : { uri, extract: false });
      const edits = [remove, ...added.map((uri) => ctx.edit.insertArrayItem(fetch, entry(uri)))];
      return ctx.verify(edits) ? [{ title: 'moveUris', edits, isPreferred: true, safe: true }] : [];
    }
    if (ctx.message === 'mappingsTwice') {
      const docker = prop(app.container, 'docker');
      const edit = docker && ctx.edit.removeProperty(docker, 'portMappings');
      return edit && ctx.verify([edit])
        ? [{ title: 'removeDockerMappings', edits: [edit], isPreferred: true }]
        : [];
    }
    if (ctx.message === 'duplicatePort') {
      const ports = prop(app.node, 'ports');
      const port = Number(ctx.data.port);
      const repeats = elements(ports).filter((p) => num(p) === port);
      const edits = repeats.length > 1 ? [ctx.edit.removeMember(ports!, repeats[repeats.length - 1])] : [];
      return edits.length && ctx.verify(edits) ? [{ title: 'removePort', args: { port }, edits }] : [];
    }
    if (ctx.message !== 'portsAndDefinitions' && ctx.message !== 'ipAddressPorts') return [];
    const remove = removeProperty(ctx, ctx.node);
    return remove ? [{ title: 'remove', args: { field: String(ctx.data.field) }, edits: [remove] }] : [];
  },
});

export const portNamesUnique = defineRule({
  meta: {
    id: 'port-uniqueness',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-08'],
    title: 'Port names and fixed ports are unique',
    docs:
      'Marathon rejects two port definitions with the same `name` or the same non-zero `port` (`Port names must ' +
      'be unique.`, `Ports must be unique.`), and two port mappings with the same `name`. Port 0 asks for a ' +
      'random port and may repeat.',
    messages: {
      name: 'The port name "{name}" is used twice: Marathon rejects the app ("Port names must be unique.").',
      port: 'The port {port} is defined twice: Marathon rejects the app ("Ports must be unique."). Use 0 for a random port.',
    },
    fixes: { rename: 'Rename to "{name}"', random: 'Use 0 (a random port)' },
  },
  app(app, ctx) {
    const uniqueNames = (list: Node | undefined) => {
      const seen = new Set<string>();
      for (const p of elements(list)) {
        const nameNode = prop(p, 'name');
        const name = str(nameNode);
        if (name === undefined) continue;
        if (seen.has(name)) ctx.report({ node: nameNode!, message: 'name', args: { name } });
        seen.add(name);
      }
    };
    const pds = prop(app.node, 'portDefinitions');
    uniqueNames(pds);
    const ports = new Set<number>();
    for (const p of elements(pds)) {
      const portNode = prop(p, 'port');
      const port = num(portNode);
      if (port === undefined || port === 0) continue;
      if (ports.has(port)) ctx.report({ node: portNode!, message: 'port', args: { port } });
      ports.add(port);
    }
    uniqueNames(prop(app.container, 'portMappings'));
    uniqueNames(at(app.container, 'docker', 'portMappings'));
  },
  fix(ctx) {
    // The later one: a name of its own (`http-2`), or a random port.
    const list = ctx.node.parent?.parent?.parent;
    if (ctx.node.type === 'number') {
      const edits = [ctx.edit.replaceValue(ctx.node, 0)];
      return ctx.verify(edits) ? [{ title: 'random', edits, isPreferred: true }] : [];
    }
    const name = str(ctx.node);
    if (name === undefined || !isArray(list)) return [];
    const taken = new Set(elements(list).map((p) => str(prop(p, 'name'))));
    let fresh = '';
    for (let i = 2; !fresh || taken.has(fresh); i++) fresh = `${name}-${i}`;
    const edits = [ctx.edit.replaceValue(ctx.node, fresh)];
    return ctx.verify(edits) ? [{ title: 'rename', args: { name: fresh }, edits, isPreferred: true }] : [];
  },
});

export const portMappingNetworks = defineRule({
  meta: {
    id: 'port-mapping-networks',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-08'],
    title: 'Port mappings and pod endpoints name networks of their definition',
    docs:
      "The `networkNames` of a port mapping (or of a pod endpoint) must be names from the definition's " +
      '`networks`. With more than one container network, a mapping with a `hostPort` must name exactly one ' +
      'network, so that Marathon knows which one the host port forwards to (`networkNames must be a single item ' +
      'list when hostPort is specified and more than 1 container network is defined`).',
    messages: {
      unknown:
        '"{name}" is not the name of one of the networks of this {kind}: Marathon rejects it. Use {names}.',
      single:
        'With more than one container network, a mapping with a "hostPort" must name exactly one network in "networkNames": Marathon rejects it.',
      app: 'app',
      pod: 'pod',
    },
    fixes: { rename: 'Change to "{name}"', single: 'Forward the host port from the network "{name}"' },
  },
  app(app, ctx) {
    let networks = elements(prop(app.node, 'networks'));
    const ipAddress = prop(app.node, 'ipAddress');
    // The deprecated ipAddress becomes a container network named by its networkName.
    if (!networks.length && isObject(ipAddress)) networks = [ipAddress];
    const mappings = writtenPortMappings(app);
    checkNetworkNamesOf(elements(mappings), networks, 'app', ctx);
  },
  pod(pod, ctx) {
    const networks = elements(prop(pod.node, 'networks'));
    const endpoints = pod.containers.flatMap((c) => elements(prop(c.node, 'endpoints')));
    checkNetworkNamesOf(endpoints, networks, 'pod', ctx);
  },
  fix(ctx) {
    // A network of the definition: the closest names first for an unknown one, each container
    // network for the one a host port forwards from.
    const names = (ctx.data.names as string[] | undefined) ?? [];
    const out: FixProposal[] = [];
    if (ctx.message === 'unknown' && ctx.node.type === 'string') {
      const written = String(ctx.node.value);
      const near = closest(written, names);
      for (const name of [...near, ...names.filter((n) => !near.includes(n))].slice(0, 4)) {
        const edits = [ctx.edit.replaceValue(ctx.node, name)];
        if (ctx.verify(edits))
          out.push({ title: 'rename', args: { name }, edits, isPreferred: !out.length && near.length > 0 });
      }
    } else if (ctx.message === 'single') {
      const item = ctx.node.parent?.parent;
      if (!isObject(item)) return [];
      for (const name of names.slice(0, 4)) {
        const edits = [ctx.edit.setProperty(item, 'networkNames', [name])];
        if (ctx.verify(edits)) out.push({ title: 'single', args: { name }, edits });
      }
    }
    return out;
  },
});

function checkNetworkNamesOf(items: Node[], networks: Node[], kind: 'app' | 'pod', ctx: RuleContext): void {
  if (networks.map(networkMode).some((m) => m === undefined)) return;
  const names = networks.flatMap((n) => str(prop(n, 'name')) ?? str(prop(n, 'networkName')) ?? []);
  const containerNets = networks.filter((n) => networkMode(n) === 'container').length;
  for (const item of items) {
    if (!isObject(item)) continue;
    const list = prop(item, 'networkNames');
    for (const nn of elements(list)) {
      const name = str(nn);
      if (name !== undefined && !names.includes(name))
        ctx.report({
          node: nn,
          message: 'unknown',
          args: {
            name,
            kind: { t: kind },
            names: names.length ? names.map((x) => `"${x}"`).join(', ') : '—',
          },
          data: { names },
        });
    }
    if (containerNets > 1 && present(prop(item, 'hostPort')) && elements(list).length !== 1)
      ctx.report({
        node: keyNode(item, 'hostPort')!,
        message: 'single',
        data: {
          names: networks
            .filter((n) => networkMode(n) === 'container')
            .flatMap((n) => str(prop(n, 'name')) ?? []),
        },
      });
  }
}

// ---------------------------------------------------------------------------------------------
// Container engine specifics

export const dockerFieldsForEngine = defineRule({
  meta: {
    id: 'docker-fields-for-engine',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-11'],
    title: 'The docker object holds only what the containerizer supports',
    docs:
      'With `"type": "MESOS"`, `container.docker` only names the image the Mesos containerizer pulls: Marathon ' +
      'rejects `network`, `parameters`, `portMappings` and `credential` there (`must be empty`). `credential` is ' +
      'rejected for DOCKER containers too: private registries are reached through `pullConfig` (MESOS) or a ' +
      '`docker.tar.gz` in `fetch` (DOCKER).',
    messages: {
      mesos:
        '"{field}" is a Docker containerizer setting: with "type": "MESOS" Marathon rejects it ("must be empty"). Remove it, or use "type": "DOCKER".',
      credential:
        '"credential" is no longer supported: Marathon rejects it ("must be empty"). Use "pullConfig" with a secret (MESOS containers) instead.',
      mesosPortMappings:
        'With "type": "MESOS", port mappings go in "container.portMappings": Marathon rejects "docker.portMappings" here ("must be empty").',
    },
    fixes: { remove: 'Remove "{field}"', move: 'Move to "container.portMappings"' },
  },
  app(app, ctx) {
    const docker = prop(app.container, 'docker');
    if (!isObject(docker)) return;
    if (present(prop(docker, 'credential')) && app.containerType !== undefined)
      ctx.report({
        node: keyNode(docker, 'credential')!,
        message: 'credential',
        data: { field: 'credential' },
      });
    if (app.containerType !== 'MESOS') return;
    if (present(prop(docker, 'network')))
      ctx.report({
        node: keyNode(docker, 'network')!,
        message: 'mesos',
        args: { field: 'network' },
        data: { field: 'network' },
      });
    if (nonEmptyArray(prop(docker, 'parameters')))
      ctx.report({
        node: keyNode(docker, 'parameters')!,
        message: 'mesos',
        args: { field: 'parameters' },
        data: { field: 'parameters' },
      });
    if (nonEmptyArray(prop(docker, 'portMappings')))
      ctx.report({
        node: keyNode(docker, 'portMappings')!,
        message: 'mesosPortMappings',
        data: { field: 'portMappings', movable: !has(app.container, 'portMappings') },
      });
  },
  fix(ctx) {
    const out: FixProposal[] = [];
    const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
    const field = String(ctx.data.field ?? '');
    const remove = removeProperty(ctx, ctx.node);
    if (ctx.message === 'mesosPortMappings' && ctx.data.movable && app?.container) {
      const value = at(app.container, 'docker', 'portMappings');
      const docker = prop(app.container, 'docker');
      const parsed = value && parseStrict(ctx.doc.text.slice(value.offset, value.offset + value.length));
      if (value && docker && remove && parsed) {
        const insert = ctx.edit.setProperty(app.container, 'portMappings', parsed.value, {
          after: 'docker',
        });
        if (insert.offset < remove.offset || insert.offset > remove.offset + remove.length)
          out.push({ title: 'move', edits: [remove, insert], isPreferred: true, safe: true });
      }
    }
    if (remove) out.push({ title: 'remove', args: { field }, edits: [remove] });
    return out;
  },
});

export const dockerPullConfig = defineRule({
  meta: {
    id: 'docker-pull-config',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-12', 'GEN-14'],
    title: 'pullConfig is used with the Mesos containerizer and names a secret of the definition',
    docs:
      'A `pullConfig` gives the Mesos containerizer the registry credentials of a private image, from a secret. ' +
      'Marathon rejects it with `"type": "DOCKER"` (`pullConfig is not supported with Docker containerizer`), ' +
      "when its `secret` is not a key of the definition's `secrets` (`pullConfig.secret must refer to an " +
      'existing secret`), and when the `secrets` feature is not enabled (see `marathon.cluster.features`).',
    messages: {
      docker:
        '"pullConfig" works only with the Mesos containerizer: Marathon rejects it in a DOCKER container. Use "type": "MESOS", or remove "pullConfig".',
      secret:
        '"{value}" is not a key of this {kind}\'s "secrets": Marathon rejects the pullConfig. Use {keys}.',
      feature:
        '"pullConfig" needs the secrets feature, which this cluster does not enable (marathon.cluster.features): Marathon rejects it.',
      app: 'app',
      pod: 'pod',
    },
    fixes: { mesos: 'Use the Mesos containerizer ("type": "MESOS")', secret: 'Change to "{value}"' },
  },
  app(app, ctx) {
    const docker = prop(app.container, 'docker');
    const pull = prop(docker, 'pullConfig');
    if (!present(pull)) return;
    if (app.containerType === 'DOCKER') {
      const blocked =
        ['network', 'credential'].some((k) => present(prop(docker, k))) ||
        ['parameters', 'portMappings'].some((k) => nonEmptyArray(prop(docker, k)));
      ctx.report({
        node: keyNode(docker, 'pullConfig')!,
        message: 'docker',
        data: { convertible: !blocked },
      });
      return;
    }
    if (app.containerType === 'MESOS') checkPullSecret(pull!, prop(app.node, 'secrets'), 'app', ctx);
  },
  pod(pod, ctx) {
    for (const c of pod.containers) {
      const pull = at(c.node, 'image', 'pullConfig');
      if (present(pull)) checkPullSecret(pull!, prop(pod.node, 'secrets'), 'pod', ctx);
    }
  },
  fix(ctx) {
    const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
    if (ctx.message === 'docker' && ctx.data.convertible && app?.container) {
      const type = prop(app.container, 'type');
      if (type) return [{ title: 'mesos', edits: [ctx.edit.replaceValue(type, 'MESOS')], isPreferred: true }];
    }
    if (ctx.message === 'secret' && ctx.node.type === 'string') {
      const keys = (ctx.data.keys as string[] | undefined) ?? [];
      return keys.slice(0, 5).map((k) => ({
        title: 'secret',
        args: { value: k },
        edits: [ctx.edit.replaceValue(ctx.node, k)],
        isPreferred: keys.length === 1,
      }));
    }
    return [];
  },
});

function checkPullSecret(pull: Node, secrets: Node | undefined, kind: 'app' | 'pod', ctx: RuleContext): void {
  if (!featureEnabled(ctx, 'secrets')) {
    ctx.report({ node: keyOrValue(pull.parent?.parent, 'pullConfig') ?? pull, message: 'feature' });
    return;
  }
  const secretNode = prop(pull, 'secret');
  const secret = str(secretNode);
  if (secret === undefined || secret === '') return;
  const keys = properties(secrets).map((p) => p.key);
  if (!keys.includes(secret))
    ctx.report({
      node: secretNode!,
      message: 'secret',
      args: {
        value: secret,
        kind: { t: kind },
        keys: keys.length ? keys.map((k) => `"${k}"`).join(', ') : '—',
      },
      data: { keys },
    });
}

export const dockerLinuxInfo = defineRule({
  meta: {
    id: 'docker-linux-info',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-13'],
    title: 'linuxInfo is used with the Mesos containerizer only',
    docs:
      '`container.linuxInfo` (seccomp profiles, IPC namespaces) configures the Mesos containerizer; Marathon ' +
      'rejects it in a DOCKER container (`must be empty`).',
    messages: {
      docker:
        '"linuxInfo" configures the Mesos containerizer: Marathon rejects it in a DOCKER container. Use "type": "MESOS", or remove it.',
    },
    fixes: { remove: 'Remove "linuxInfo"' },
  },
  app(app, ctx) {
    if (app.containerType === 'DOCKER' && present(prop(app.container, 'linuxInfo')))
      ctx.report({ node: keyNode(app.container, 'linuxInfo')!, message: 'docker' });
  },
  fix(ctx) {
    const remove = removeProperty(ctx, ctx.node);
    return remove ? [{ title: 'remove', edits: [remove] }] : [];
  },
});

export const dockerAppCheck = defineRule({
  meta: {
    id: 'docker-app-check',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-13'],
    title: 'App checks are used with the Mesos containerizer only',
    docs:
      'The app `check` (a Mesos check: command, HTTP or TCP, whose result is only reported) is run by the ' +
      'Mesos executors; Marathon rejects it for a DOCKER container (marathon-rules.md §1.1). Use ' +
      '`"type": "MESOS"` (the image still runs, under the Mesos containerizer), or a health check.',
    messages: {
      docker:
        '"check" is run by the Mesos containerizer: Marathon rejects it in an app with a DOCKER container. Use "type": "MESOS", or remove it.',
    },
    fixes: { remove: 'Remove "check"' },
  },
  app(app, ctx) {
    if (app.containerType === 'DOCKER' && present(prop(app.node, 'check')))
      ctx.report({ node: keyNode(app.node, 'check')!, message: 'docker' });
  },
  fix(ctx) {
    const remove = removeProperty(ctx, ctx.node);
    return remove ? [{ title: 'remove', edits: [remove] }] : [];
  },
});

export const linuxInfo = defineRule({
  meta: {
    id: 'linux-info',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-13'],
    title: 'linuxInfo settings are consistent',
    docs:
      'A `seccomp` object either names a `profileName` (defined on the agents) with `"unconfined": false`, or ' +
      'has no profile and `"unconfined": true`; Marathon rejects the other two combinations. `ipcInfo.shmSize` ' +
      'sizes a private IPC namespace and is rejected with `"mode": "SHARE_PARENT"`. A pod\'s own `linuxInfo` ' +
      "(the executor's) may not set `seccomp`; set it on its containers.",
    messages: {
      profileUnconfined:
        'With a seccomp "profileName", "unconfined" must be false: Marathon rejects it ("Seccomp unconfined can NOT be true when Profile is defined").',
      noProfile:
        'Without a seccomp "profileName", "unconfined" must be true: Marathon rejects it ("Seccomp unconfined must be true when Profile is NOT defined").',
      shmSize:
        '"shmSize" cannot be set when the IPC mode is SHARE_PARENT: Marathon rejects it. Use "mode": "PRIVATE", or remove "shmSize".',
      podSeccomp:
        'A pod\'s own linuxInfo cannot set "seccomp" (it applies to the executor): Marathon rejects it. Set seccomp on the pod\'s containers.',
    },
    fixes: {
      set: 'Set "{field}" to {value}',
      remove: 'Remove "{field}"',
      private: 'Use "mode": "PRIVATE"',
      toContainers: 'Move "seccomp" to the containers',
    },
  },
  app(app, ctx) {
    checkLinuxInfo(prop(app.container, 'linuxInfo'), false, ctx);
  },
  pod(pod, ctx) {
    checkLinuxInfo(prop(pod.node, 'linuxInfo'), true, ctx);
    for (const c of pod.containers) checkLinuxInfo(prop(c.node, 'linuxInfo'), false, ctx);
  },
  fix(ctx) {
    const out: FixProposal[] = [];
    const obj = ctx.node.parent?.parent; // the seccomp or ipcInfo object
    if ((ctx.message === 'profileUnconfined' || ctx.message === 'noProfile') && isObject(obj)) {
      // The two settings disagree: either one gives way.
      const unconfined = ctx.message === 'noProfile';
      out.push({
        title: 'set',
        args: { field: 'unconfined', value: String(unconfined) },
        edits: [ctx.edit.replaceValue(ctx.node, unconfined)],
      });
      const profile = ctx.edit.removeProperty(obj, 'profileName');
      if (profile) out.push({ title: 'remove', args: { field: 'profileName' }, edits: [profile] });
    } else if (ctx.message === 'shmSize' && isObject(obj)) {
      const mode = prop(obj, 'mode');
      const remove = ctx.edit.removeProperty(obj, 'shmSize');
      if (remove) out.push({ title: 'remove', args: { field: 'shmSize' }, edits: [remove] });
      if (mode) out.push({ title: 'private', edits: [ctx.edit.replaceValue(mode, 'PRIVATE')] });
    } else if (ctx.message === 'podSeccomp' && isObject(obj) && ctx.owner?.kind === 'pod') {
      // The executor's seccomp, on each container that has none of its own.
      const seccomp = prop(obj, 'seccomp');
      const remove = ctx.edit.removeProperty(obj, 'seccomp');
      if (!seccomp || !remove) return [];
      const v = value(seccomp);
      const edits = [remove];
      for (const c of ctx.owner.containers) {
        const info = prop(c.node, 'linuxInfo');
        if (isObject(info)) {
          if (!prop(info, 'seccomp')) edits.push(ctx.edit.setProperty(info, 'seccomp', v));
        } else if (!info) edits.push(ctx.edit.setProperty(c.node, 'linuxInfo', { seccomp: v }));
      }
      if (edits.length > 1) out.push({ title: 'toContainers', edits, isPreferred: true });
      out.push({ title: 'remove', args: { field: 'seccomp' }, edits: [remove] });
    }
    return out.filter((p) => ctx.verify(p.edits));
  },
});

function checkLinuxInfo(info: Node | undefined, executor: boolean, ctx: RuleContext): void {
  if (!isObject(info)) return;
  const seccomp = prop(info, 'seccomp');
  if (isObject(seccomp)) {
    if (executor) ctx.report({ node: keyNode(info, 'seccomp')!, message: 'podSeccomp' });
    else {
      const unconfined = bool(prop(seccomp, 'unconfined'));
      const profile = present(prop(seccomp, 'profileName'));
      if (profile && unconfined === true)
        ctx.report({ node: prop(seccomp, 'unconfined')!, message: 'profileUnconfined' });
      if (!profile && unconfined === false)
        ctx.report({ node: prop(seccomp, 'unconfined')!, message: 'noProfile' });
    }
  }
  const ipc = prop(info, 'ipcInfo');
  if (str(prop(ipc, 'mode'))?.toUpperCase() === 'SHARE_PARENT' && present(prop(ipc, 'shmSize')))
    ctx.report({ node: keyNode(ipc, 'shmSize')!, message: 'shmSize' });
}

export const gpuResources = defineRule({
  meta: {
    id: 'gpu-resources',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-14'],
    title: 'GPUs are requested from the Mesos containerizer, on a cluster that offers them',
    docs:
      'Marathon rejects an app with `gpus` above 0 in a DOCKER container (`GPU resources only work with the ' +
      'Mesos containerizer`), and when it was not started with the `gpu_resources` feature (see ' +
      '`marathon.cluster.features`).',
    messages: {
      docker:
        'GPUs work only with the Mesos containerizer: Marathon rejects "gpus" in a DOCKER container. Use "type": "MESOS".',
      feature:
        '"gpus" needs the gpu_resources feature, which this cluster does not enable (marathon.cluster.features): Marathon rejects the app.',
    },
    fixes: { mesos: 'Use the Mesos containerizer ("type": "MESOS")', remove: 'Remove "gpus"' },
  },
  app(app, ctx) {
    const gpus = prop(app.node, 'gpus');
    if (!((num(gpus) ?? 0) > 0)) return;
    if (app.containerType === 'DOCKER') ctx.report({ node: gpus!, message: 'docker' });
    else if (!featureEnabled(ctx, 'gpu_resources')) ctx.report({ node: gpus!, message: 'feature' });
  },
  fix(ctx) {
    const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
    if (!app) return [];
    const out: FixProposal[] = [];
    const type = prop(app.container, 'type');
    if (ctx.message === 'docker' && app.container) {
      const done = ctx.complete([
        type
          ? ctx.edit.replaceValue(type, 'MESOS')
          : ctx.edit.setProperty(app.container, 'type', 'MESOS', { first: true }),
      ]);
      if (done && !done.then) out.push({ title: 'mesos', edits: done.edits, isPreferred: true });
    }
    const remove = removeProperty(ctx, ctx.node);
    if (remove && ctx.verify([remove])) out.push({ title: 'remove', edits: [remove] });
    return out;
  },
});

// ---------------------------------------------------------------------------------------------
// Health and readiness checks

const MARATHON_PROTOCOLS = ['HTTP', 'HTTPS', 'TCP'];
const MESOS_PROTOCOLS = ['MESOS_HTTP', 'MESOS_HTTPS', 'MESOS_TCP'];

function protocolOf(hc: Node): string {
  return str(prop(hc, 'protocol'))?.toUpperCase() ?? 'HTTP';
}

export const healthCheckPort = defineRule({
  meta: {
    id: 'health-check-port',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-08'],
    title: 'Health checks address a port the app has',
    docs:
      "A `portIndex` is an index into the app's ports: its `portDefinitions` with host networking (one default " +
      'port when none are written), its `container.portMappings` with bridge or container networking. Marathon ' +
      'rejects a health check whose index addresses no port, and an HTTP, HTTPS or TCP check with neither `port` ' +
      'nor `portIndex` in an app without ports (`Health check port indices must address an element of the ports ' +
      'array or container port mappings.`).',
    messages: {
      index:
        'portIndex {index} addresses no port: this app has {count} {what} (indices 0 to {last}). Marathon rejects the health check.',
      indexNone:
        'portIndex {index} addresses no port: this app has no {what}. Marathon rejects the health check.',
      noPort:
        'This {protocol} health check has neither "port" nor "portIndex", and the app has no port to check: Marathon rejects it.',
      both: 'A health check gives either "port" or "portIndex", not both: Marathon rejects it. Keep the one that names the port to check.',
      'port definitions': 'port definitions',
      'port mappings': 'port mappings',
    },
    fixes: {
      index: 'Change to {value}',
      keepPort: 'Keep "port" and remove "portIndex"',
      keepIndex: 'Keep "portIndex" and remove "port"',
    },
  },
  app(app, ctx) {
    const checks = elements(prop(app.node, 'healthChecks')).filter(isObject);
    if (!checks.length) return;
    for (const hc of checks) {
      const protocol = protocolOf(hc);
      if (!MARATHON_PROTOCOLS.includes(protocol) && !MESOS_PROTOCOLS.includes(protocol)) continue;
      if (
        present(prop(hc, 'port')) &&
        present(prop(hc, 'portIndex')) &&
        !alternatives(ctx, prop(hc, 'port'), prop(hc, 'portIndex'))
      )
        ctx.report({ node: keyNode(hc, 'port')!, message: 'both' });
    }
    const net = appNetworking(app);
    const count = appPortCount(app, net);
    if (count === undefined) return;
    const what = { t: isHost(net) ? 'port definitions' : 'port mappings' };
    for (const hc of checks) {
      if (present(prop(hc, 'command'))) continue;
      const protocol = protocolOf(hc);
      const mesos = MESOS_PROTOCOLS.includes(protocol);
      if (!MARATHON_PROTOCOLS.includes(protocol) && !mesos) continue;
      const indexNode = prop(hc, 'portIndex');
      const index = num(indexNode);
      if (index !== undefined && Number.isInteger(index) && index >= 0) {
        if (index >= count)
          ctx.report({
            node: indexNode!,
            message: count ? 'index' : 'indexNone',
            args: { index, count, last: count - 1, what },
            data: { count },
          });
      } else if (indexNode === undefined && !present(prop(hc, 'port')) && !mesos && count === 0) {
        ctx.report({ ...atObject(hc), message: 'noPort', args: { protocol } });
      }
    }
  },
  fix(ctx) {
    if (ctx.message === 'both') {
      const hc = ctx.node.parent?.parent;
      if (!isObject(hc)) return [];
      const withoutIndex = ctx.edit.removeProperty(hc, 'portIndex');
      const withoutPort = ctx.edit.removeProperty(hc, 'port');
      return [
        ...(withoutIndex ? [{ title: 'keepPort', edits: [withoutIndex] }] : []),
        ...(withoutPort ? [{ title: 'keepIndex', edits: [withoutPort] }] : []),
      ];
    }
    const count = Number(ctx.data.count);
    if (ctx.message !== 'index' || !(count > 0) || ctx.node.type !== 'number') return [];
    return [
      { title: 'index', args: { value: count - 1 }, edits: [ctx.edit.replaceValue(ctx.node, count - 1)] },
    ];
  },
});

export const healthCheckProtocol = defineRule({
  meta: {
    id: 'health-check-protocol',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-08'],
    title: 'Health checks use protocols the app can run',
    docs:
      'Marathon rejects an app with more than one Mesos health check (`MESOS_HTTP`, `MESOS_HTTPS`, `MESOS_TCP`; ' +
      '`AppDefinition can contain at most one Mesos health check`), and an `"ipProtocol": "IPv6"` check unless it ' +
      'is a Mesos HTTP, HTTPS or TCP check of a DOCKER container (`IPv6 can only be used for container type ' +
      'DOCKER and Mesos http/https/tcp health checks`).',
    messages: {
      mesosCount:
        'An app can have at most one Mesos health check (MESOS_HTTP, MESOS_HTTPS, MESOS_TCP); healthChecks {indices} are all Mesos checks: Marathon rejects the app.',
      ipv6: 'IPv6 health checks work only as MESOS_HTTP, MESOS_HTTPS or MESOS_TCP checks of a DOCKER container: Marathon rejects this one.',
    },
    fixes: {
      marathonSide:
        'Keep healthChecks[{first}] as the Mesos check; run the others from Marathon ({protocols})',
      ipv4: 'Remove "ipProtocol" (IPv4)',
    },
  },
  app(app, ctx) {
    const mesos: number[] = [];
    elements(prop(app.node, 'healthChecks')).forEach((hc, i) => {
      if (!isObject(hc)) return;
      const protocol = protocolOf(hc);
      if (!present(prop(hc, 'command')) && (MESOS_PROTOCOLS.includes(protocol) || protocol === 'COMMAND'))
        mesos.push(i);
      const ip = prop(hc, 'ipProtocol');
      if (
        str(ip)?.toUpperCase() === 'IPV6' &&
        !(MESOS_PROTOCOLS.includes(protocol) && app.containerType === 'DOCKER')
      )
        ctx.report({ node: ip!, message: 'ipv6' });
    });
    // Marathon reports this at the app: the healthChecks key is the closest place that says it.
    if (mesos.length > 1)
      ctx.report({
        node: keyNode(app.node, 'healthChecks')!,
        message: 'mesosCount',
        args: { indices: mesos.join(', ') },
        data: { mesos },
      });
  },
  fix(ctx) {
    const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
    if (!app) return [];
    if (ctx.message === 'ipv6') {
      const remove = removeProperty(ctx, ctx.node);
      return remove && ctx.verify([remove]) ? [{ title: 'ipv4', edits: [remove], isPreferred: true }] : [];
    }
    // The same checks run by Marathon (MESOS_HTTP → HTTP) after the first Mesos one.
    const [first, ...rest] = (ctx.data.mesos as number[] | undefined) ?? [];
    const checks = elements(prop(app.node, 'healthChecks'));
    const edits: OffsetEdit[] = [];
    const protocols: string[] = [];
    for (const i of rest) {
      const protocol = prop(checks[i], 'protocol');
      const p = str(protocol)?.toUpperCase() ?? '';
      if (!protocol || !MESOS_PROTOCOLS.includes(p)) return [];
      protocols.push(p.slice('MESOS_'.length));
      edits.push(ctx.edit.replaceValue(protocol, p.slice('MESOS_'.length)));
    }
    return edits.length && ctx.verify(edits)
      ? [
          {
            title: 'marathonSide',
            args: { first, protocols: [...new Set(protocols)].join(', ') },
            edits,
            isPreferred: true,
          },
        ]
      : [];
  },
});

export const readinessCheck = defineRule({
  meta: {
    id: 'readiness-check',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-08'],
    title: 'The readiness check names a port of the app and times out before its interval',
    docs:
      'An app has at most one readiness check. Its `portName` (default `http-api`) must be the `name` of one of ' +
      "the app's port definitions (host networking) or port mappings (`No port definition reference for " +
      'portName`), and its `timeoutSeconds` (default 10) must be less than `intervalSeconds` (default 30).',
    messages: {
      many: 'An app has at most one readiness check: Marathon rejects the second.',
      portName:
        'No port of this app is named "{name}"{defaulted}: Marathon rejects the readiness check. Name a port "{name}", or set "portName" to one of {names}.',
      defaulted: ' (the default portName)',
      timeout:
        'timeoutSeconds ({timeout}) must be less than intervalSeconds ({interval}): Marathon rejects the readiness check.',
    },
    fixes: {
      portName: 'Change to "{value}"',
      setPortName: 'Set "portName" to "{value}"',
      removeCheck: 'Remove this readiness check',
      swap: 'Swap them: timeoutSeconds {interval}, intervalSeconds {timeout}',
      timeout: 'Set timeoutSeconds to {value}',
    },
  },
  app(app, ctx) {
    const checks = elements(prop(app.node, 'readinessChecks'));
    checks.slice(1).forEach((rc) => ctx.report({ node: rc, message: 'many' }));
    const net = appNetworking(app);
    const names = appPortNames(app, net);
    for (const rc of checks.filter(isObject)) {
      const portNode = prop(rc, 'portName');
      const name = portNode ? str(portNode) : 'http-api';
      if (names && name !== undefined && !names.includes(name))
        ctx.report({
          ...(portNode ? { node: portNode } : atObject(rc)),
          message: 'portName',
          args: {
            name,
            defaulted: portNode ? '' : { t: ' (the default portName)' },
            names: names.length ? names.map((x) => `"${x}"`).join(', ') : '—',
          },
          data: { names },
        });
      const timeout = prop(rc, 'timeoutSeconds') ? num(prop(rc, 'timeoutSeconds')) : 10;
      const interval = prop(rc, 'intervalSeconds') ? num(prop(rc, 'intervalSeconds')) : 30;
      if (timeout !== undefined && interval !== undefined && timeout >= interval)
        ctx.report({
          ...(prop(rc, 'timeoutSeconds')
            ? { node: prop(rc, 'timeoutSeconds')! }
            : { node: prop(rc, 'intervalSeconds')! }),
          message: 'timeout',
          args: { timeout, interval },
        });
    }
  },
  fix(ctx) {
    if (ctx.message === 'timeout') return timeoutFixes(ctx, 10, 30);
    if (ctx.message === 'many' && isArray(ctx.node.parent)) {
      const edits = [ctx.edit.removeMember(ctx.node.parent, ctx.node)];
      return ctx.verify(edits) ? [{ title: 'removeCheck', edits }] : [];
    }
    if (ctx.message !== 'portName') return [];
    const names = (ctx.data.names as string[] | undefined) ?? [];
    // A written portName is changed; the default one (no portName) gets one of the app's port names.
    if (ctx.node.type === 'string')
      return names.slice(0, 5).map((n) => ({
        title: 'portName',
        args: { value: n },
        edits: [ctx.edit.replaceValue(ctx.node, n)],
        isPreferred: names.length === 1,
      }));
    if (!isObject(ctx.node)) return [];
    return names.slice(0, 5).map((n) => ({
      title: 'setPortName',
      args: { value: n },
      edits: [ctx.edit.setProperty(ctx.node, 'portName', n, { first: true })],
      isPreferred: names.length === 1,
    }));
  },
});

// ---------------------------------------------------------------------------------------------
// Labels, roles, resources

export const dcosMigrationLabels = defineRule({
  meta: {
    id: 'dcos-migration-labels',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-14'],
    title: 'The DC/OS migration label comes with its companion labels',
    docs:
      'A DC/OS framework that supports the package migration API sets `DCOS_MIGRATION_API_VERSION` to `v1` and ' +
      'must then also set `DCOS_PACKAGE_FRAMEWORK_NAME` and `DCOS_MIGRATION_API_PATH`; Marathon rejects the app ' +
      'otherwise (`DCOS_PACKAGE_FRAMEWORK_NAME and DCOS_MIGRATION_API_PATH must be defined when using ' +
      'DCOS_MIGRATION_API_VERSION`).',
    messages: {
      version: 'DCOS_MIGRATION_API_VERSION must be "v1": Marathon rejects "{value}".',
      missing: 'DCOS_MIGRATION_API_VERSION needs {missing} as well: Marathon rejects the app without them.',
    },
    fixes: {
      v1: 'Change DCOS_MIGRATION_API_VERSION to "v1"',
      remove: 'Remove DCOS_MIGRATION_API_VERSION (this app does not offer the migration API)',
      add: 'Add {labels}',
    },
  },
  app(app, ctx) {
    const labels = prop(app.node, 'labels');
    const version = prop(labels, 'DCOS_MIGRATION_API_VERSION');
    const v = str(version);
    if (!version || v === undefined || v === '') return;
    if (v !== 'v1') {
      ctx.report({ node: keyNode(app.node, 'labels')!, message: 'version', args: { value: v } });
      return;
    }
    const missing = ['DCOS_PACKAGE_FRAMEWORK_NAME', 'DCOS_MIGRATION_API_PATH'].filter(
      (k) => !str(prop(labels, k)),
    );
    if (missing.length)
      ctx.report({
        node: keyNode(app.node, 'labels')!,
        message: 'missing',
        args: { missing: missing.join(', ') },
        data: { missing },
      });
  },
  fix(ctx) {
    const app = ctx.owner?.kind === 'app' ? ctx.owner : undefined;
    const labels = prop(app?.node, 'labels');
    const version = propertyNode(labels, 'DCOS_MIGRATION_API_VERSION');
    if (!app || !labels || !version) return [];
    const out: FixProposal[] = [];
    if (ctx.message === 'version' && version.children?.[1])
      out.push({
        title: 'v1',
        edits: [ctx.edit.replaceValue(version.children[1], 'v1')],
        isPreferred: true,
        safe: str(version.children[1])?.trim().toLowerCase() === 'v1',
      });
    // The companions, when the definition says what they are: the framework's name from the
    // package labels, and the path DC/OS frameworks serve the migration API at.
    const missing = Array.isArray(ctx.data.missing) ? (ctx.data.missing as string[]) : [];
    const name =
      str(prop(labels, 'DCOS_PACKAGE_FRAMEWORK_NAME')) ||
      str(prop(labels, 'DCOS_PACKAGE_NAME')) ||
      str(prop(labels, 'DCOS_SERVICE_NAME'));
    const values: Record<string, string | undefined> = {
      DCOS_PACKAGE_FRAMEWORK_NAME: name,
      DCOS_MIGRATION_API_PATH: '/v1/plan',
    };
    if (ctx.message === 'missing' && missing.every((k) => values[k])) {
      const edits = missing.map((k) =>
        ctx.edit.setProperty(labels, k, values[k], { after: 'DCOS_MIGRATION_API_VERSION' }),
      );
      out.push({
        title: 'add',
        args: { labels: missing.map((k) => `${k}: "${values[k]}"`).join(', ') },
        edits,
      });
    }
    out.push({ title: 'remove', edits: [ctx.edit.removeMember(labels, version)], isPreferred: !out.length });
    return out.filter((p) => ctx.verify(p.edits));
  },
});

const ROLE_CHARS: [RegExp, string][] = [
  [/\t/, 'a tab'],
  [/\n/, 'a line feed'],
  [/\v/, 'a vertical tab'],
  [/\f/, 'a form feed'],
  [/\r/, 'a carriage return'],
  [/ /, 'a space'],
  [/\//, 'a slash'],
  [/\x7f/, 'a backspace'],
];

export const acceptedResourceRoles = defineRule({
  meta: {
    id: 'accepted-resource-roles',
    family: 'gen',
    severity: 'error',
    marathon: ['RS-10'],
    title: 'acceptedResourceRoles lists valid role names, and at least one',
    docs:
      "An app's `acceptedResourceRoles` may be left out (Marathon then uses its default), but not given as an " +
      'empty list (`must not be empty`). Each role name must not be empty, `.` or `..`, start with `-`, or ' +
      'contain spaces, tabs, line breaks or `/`. Resident apps and pods have stricter rules (residency rules).',
    messages: {
      empty:
        'acceptedResourceRoles must not be empty: Marathon rejects []. Remove the field to accept the default roles.',
      nameEmpty: 'A role name must not be empty: Marathon rejects "".',
      nameDots: 'A role name must not be "{value}": Marathon rejects it.',
      nameDash: 'A role name must not start with "-": Marathon rejects "{value}".',
      nameChar: 'A role name must not contain {what}: Marathon rejects "{value}".',
      ...Object.fromEntries(ROLE_CHARS.map(([, w]) => [w, w])),
    },
    fixes: {
      remove: 'Remove acceptedResourceRoles',
      rename: 'Change to "{value}"',
      removeRole: 'Remove this role',
    },
  },
  app(app, ctx) {
    const roles = prop(app.node, 'acceptedResourceRoles');
    if (!isArray(roles)) return;
    if (!elements(roles).length && !app.resident && !app.residency)
      ctx.report({ node: roles, message: 'empty' });
    checkRoleNames(roles, ctx);
  },
  pod(pod, ctx) {
    checkRoleNames(at(pod.node, 'scheduling', 'placement', 'acceptedResourceRoles'), ctx);
  },
  fix(ctx) {
    if (ctx.message === 'empty') {
      const remove = removeProperty(ctx, ctx.node);
      return remove ? [{ title: 'remove', edits: [remove], isPreferred: true, safe: true }] : [];
    }
    // A role name Marathon refuses: without its blanks and leading dashes when that leaves a
    // valid name (`" slave_public"`), or without the role, or without the list.
    const roles = ctx.node.parent;
    if (ctx.node.type !== 'string' || !isArray(roles)) return [];
    const out: FixProposal[] = [];
    const cleaned = String(ctx.node.value).trim().replace(/^-+/, '');
    if (cleaned && cleaned !== '.' && cleaned !== '..' && !ROLE_CHARS.some(([re]) => re.test(cleaned)))
      out.push({
        title: 'rename',
        args: { value: cleaned },
        edits: [ctx.edit.replaceValue(ctx.node, cleaned)],
        isPreferred: true,
      });
    out.push({ title: 'removeRole', edits: [ctx.edit.removeMember(roles, ctx.node)] });
    const list = removeProperty(ctx, roles);
    if (list && elements(roles).length === 1) out.push({ title: 'remove', edits: [list] });
    return out.filter((p) => ctx.verify(p.edits));
  },
});

function checkRoleNames(roles: Node | undefined, ctx: RuleContext): void {
  for (const r of elements(roles)) {
    const value = str(r);
    if (value === undefined) continue;
    const bad = ROLE_CHARS.find(([re]) => re.test(value));
    if (value === '') ctx.report({ node: r, message: 'nameEmpty' });
    else if (value === '.' || value === '..') ctx.report({ node: r, message: 'nameDots', args: { value } });
    else if (value.startsWith('-')) ctx.report({ node: r, message: 'nameDash', args: { value } });
    else if (bad)
      ctx.report({
        node: r,
        message: 'nameChar',
        args: { value: JSON.stringify(value).slice(1, -1), what: { t: bad[1] } },
      });
  }
}

export const resourceLimits = defineRule({
  meta: {
    id: 'resource-limits',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-20'],
    title: 'Resource limits are at least the resources requested',
    docs:
      'A `resourceLimits` value lets a task burst above what it reserves, so a number must be at least the ' +
      'requested amount (`cpus` defaults to 1, `mem` to 128 MiB); `"unlimited"` removes the limit. In a pod with ' +
      '`legacySharedCgroups`, containers may not set `resourceLimits`.',
    messages: {
      low: 'The {field} limit ({limit}) is below the {field} requested ({requested}): Marathon rejects it. Raise the limit, or use "unlimited".',
      legacy:
        'resourceLimits cannot be defined if legacySharedCgroups is enabled: Marathon rejects this container.',
    },
    fixes: {
      raise: 'Raise the limit to {value}',
      unlimited: 'Use "unlimited"',
      remove: 'Remove "resourceLimits"',
    },
  },
  app(app, ctx) {
    checkLimits(prop(app.node, 'resourceLimits'), app.node, ctx);
  },
  pod(pod, ctx) {
    const legacy = bool(prop(pod.node, 'legacySharedCgroups')) === true;
    for (const c of pod.containers) {
      const limits = prop(c.node, 'resourceLimits');
      if (legacy && present(limits))
        ctx.report({ node: keyNode(c.node, 'resourceLimits')!, message: 'legacy' });
      else checkLimits(limits, prop(c.node, 'resources'), ctx);
    }
  },
  fix(ctx) {
    const out: FixProposal[] = [];
    if (ctx.message === 'low') {
      const requested = Number(ctx.data.requested);
      if (Number.isFinite(requested))
        out.push({
          title: 'raise',
          args: { value: requested },
          edits: [ctx.edit.replaceValue(ctx.node, requested)],
          isPreferred: true,
        });
      out.push({ title: 'unlimited', edits: [ctx.edit.replaceValue(ctx.node, 'unlimited')] });
    } else if (ctx.message === 'legacy') {
      const remove = removeProperty(ctx, ctx.node);
      if (remove) out.push({ title: 'remove', edits: [remove], isPreferred: true });
    }
    return out.filter((p) => ctx.verify(p.edits));
  },
});

function checkLimits(limits: Node | undefined, requests: Node | undefined, ctx: RuleContext): void {
  if (!isObject(limits)) return;
  for (const [field, dflt] of [
    ['cpus', 1],
    ['mem', 128],
  ] as const) {
    const limit = num(prop(limits, field));
    const req = prop(requests, field) ? num(prop(requests, field)) : dflt;
    if (limit !== undefined && req !== undefined && limit < req)
      ctx.report({
        node: prop(limits, field)!,
        message: 'low',
        args: { field, limit, requested: req },
        data: { requested: req },
      });
  }
}

export const envSecretReference = defineRule({
  meta: {
    id: 'env-secret-reference',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-14'],
    title: 'Environment variables from secrets name a secret of the definition',
    docs:
      'An environment variable can take its value from a secret: `"DB_PASSWORD": {"secret": "db"}`, where `db` is ' +
      "a key of the definition's `secrets` (not the path in the secret store). Marathon rejects a reference to " +
      'a key that is not there, secret references when the `secrets` feature is not enabled (see ' +
      '`marathon.cluster.features`), and an empty variable name.',
    messages: {
      unknown:
        '"{value}" is not a key of this {kind}\'s "secrets": Marathon rejects the environment variable. Use {keys}, or add the secret to "secrets".',
      feature:
        'Secret references in the environment need the secrets feature, which this cluster does not enable (marathon.cluster.features): Marathon rejects them.',
      emptyName: 'An environment variable needs a name: Marathon rejects "".',
      app: 'app',
      pod: 'pod',
    },
    fixes: { secret: 'Change to "{value}"' },
  },
  app(app, ctx) {
    checkEnv(prop(app.node, 'env'), prop(app.node, 'secrets'), 'app', ctx);
  },
  pod(pod, ctx) {
    const secrets = prop(pod.node, 'secrets');
    checkEnv(prop(pod.node, 'environment'), secrets, 'pod', ctx);
    for (const c of pod.containers) checkEnv(prop(c.node, 'environment'), secrets, 'pod', ctx);
  },
  fix(ctx) {
    if (ctx.message !== 'unknown' || ctx.node.type !== 'string') return [];
    const keys = (ctx.data.keys as string[] | undefined) ?? [];
    return keys.slice(0, 5).map((k) => ({
      title: 'secret',
      args: { value: k },
      edits: [ctx.edit.replaceValue(ctx.node, k)],
      isPreferred: keys.length === 1,
    }));
  },
});

function checkEnv(
  env: Node | undefined,
  secrets: Node | undefined,
  kind: 'app' | 'pod',
  ctx: RuleContext,
): void {
  const keys = properties(secrets).map((p) => p.key);
  const feature = featureEnabled(ctx, 'secrets');
  let featureReported = false;
  for (const p of properties(env)) {
    if (p.key === '') ctx.report({ node: p.keyNode, message: 'emptyName' });
    const ref = isObject(p.value) ? prop(p.value, 'secret') : undefined;
    const name = str(ref);
    if (!ref || name === undefined) continue;
    if (!feature) {
      if (!featureReported) ctx.report({ node: keyOf(env) ?? env!, message: 'feature' });
      featureReported = true;
      continue;
    }
    if (!keys.includes(name))
      ctx.report({
        node: ref,
        message: 'unknown',
        args: {
          value: name,
          kind: { t: kind },
          keys: keys.length ? keys.map((k) => `"${k}"`).join(', ') : '—',
        },
        data: { keys },
      });
  }
}

// ---------------------------------------------------------------------------------------------
// Pods

export const podContainerNames = defineRule({
  meta: {
    id: 'pod-container-names',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-15'],
    title: 'Pod containers have unique names',
    docs:
      'Each container of a pod needs its own `name`: Marathon rejects a pod in which two containers share one ' +
      '(`container names must be unique`). The names also name the tasks of each instance.',
    messages: {
      duplicate:
        'Another container of this pod is already named "{name}": Marathon rejects the pod ("container names must be unique").',
    },
    fixes: { rename: 'Rename to "{name}"' },
  },
  pod(pod, ctx) {
    const seen = new Set<string>();
    for (const c of pod.containers) {
      const node = prop(c.node, 'name');
      const name = str(node);
      if (name === undefined) continue;
      if (seen.has(name)) ctx.report({ node: node!, message: 'duplicate', args: { name } });
      seen.add(name);
    }
  },
  fix(ctx) {
    // The later container gets the first free `<name>-<n>` (at most 63 characters, as names are).
    const pod = ctx.owner?.kind === 'pod' ? ctx.owner : undefined;
    const name = str(ctx.node);
    if (!pod || name === undefined) return [];
    const taken = new Set(pod.containers.map((c) => str(prop(c.node, 'name'))));
    let fresh = '';
    for (let i = 2; !fresh || taken.has(fresh); i++) {
      const suffix = `-${i}`;
      fresh = name.slice(0, 63 - suffix.length).replace(/-+$/, '') + suffix;
    }
    const edits = [ctx.edit.replaceValue(ctx.node, fresh)];
    return ctx.verify(edits) ? [{ title: 'rename', args: { name: fresh }, edits, isPreferred: true }] : [];
  },
});

export const podEndpoints = defineRule({
  meta: {
    id: 'pod-endpoints',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-15', 'GEN-08'],
    title: 'Pod endpoints fit the pod networks and are unique',
    docs:
      'With `container` networking every endpoint needs a `containerPort` (`is required when using container-mode ' +
      'networking`); with `host` networking it may not have one (`is not allowed when using host-mode ' +
      'networking`): the task listens on the host port. Endpoint names, container ports and non-zero host ports ' +
      'are unique across all containers of the pod, and an endpoint lists each protocol once.',
    messages: {
      containerPortRequired:
        'With container networking, endpoint "{name}" needs a "containerPort": Marathon rejects the pod without one.',
      containerPortHost:
        'With host networking an endpoint has no "containerPort" (the task listens on the host port): Marathon rejects it.',
      duplicateName:
        'The endpoint name "{name}" (container "{container}") is used twice in this pod: Marathon rejects the pod, as endpoint names are unique across all containers.',
      duplicateContainerPort:
        'The container port {port} (container "{container}") is used twice in this pod: Marathon rejects the pod, as container ports are unique across all containers.',
      duplicateHostPort:
        'The host port {port} (container "{container}") is used twice in this pod: Marathon rejects the pod. Use 0 for a random port.',
      duplicateProtocol: 'The protocol "{value}" is listed twice in this endpoint: Marathon rejects it.',
    },
    fixes: {
      containerPort: 'Add "containerPort": {value}',
      remove: 'Remove "containerPort"',
      rename: 'Rename the endpoint to "{value}"',
      port: 'Change the container port to {value}',
      random: 'Use host port 0 (a random port)',
      removeProtocol: 'Remove the repeated protocol',
    },
  },
  pod(pod, ctx) {
    const modes = elements(prop(pod.node, 'networks')).map(networkMode);
    if (modes.some((m) => m === undefined)) return;
    const host = modes.includes('host');
    const containerNetworking = modes.includes('container');
    const names = new Set<string>();
    const containerPorts = new Set<number>();
    const hostPorts = new Set<number>();
    // Marathon reports the uniqueness of endpoints at the pod: the "containers" key is the closest place.
    const containersKey = keyNode(pod.node, 'containers')!;
    for (const c of pod.containers) {
      const container = c.name ?? String(c.index);
      for (const [ei, e] of elements(prop(c.node, 'endpoints')).entries()) {
        if (!isObject(e)) continue;
        const data = { endpoint: [c.index, ei] };
        const nameNode = prop(e, 'name');
        const name = str(nameNode);
        const cp = prop(e, 'containerPort');
        const hp = prop(e, 'hostPort');
        if (host && present(cp))
          ctx.report({ node: keyNode(e, 'containerPort')!, message: 'containerPortHost' });
        if (containerNetworking && !present(cp))
          ctx.report({
            ...atObject(e),
            message: 'containerPortRequired',
            args: { name: name ?? '' },
            data: { hostPort: num(hp) },
          });
        if (name !== undefined) {
          if (names.has(name))
            ctx.report({ node: containersKey, message: 'duplicateName', args: { name, container }, data });
          names.add(name);
        }
        const cpv = num(cp);
        if (cpv !== undefined && cpv !== 0) {
          if (containerPorts.has(cpv))
            ctx.report({
              node: containersKey,
              message: 'duplicateContainerPort',
              args: { port: cpv, container },
              data,
            });
          containerPorts.add(cpv);
        }
        const hpv = num(hp);
        if (hpv !== undefined && hpv !== 0) {
          if (hostPorts.has(hpv))
            ctx.report({
              node: containersKey,
              message: 'duplicateHostPort',
              args: { port: hpv, container },
              data,
            });
          hostPorts.add(hpv);
        }
        const protocols = new Set<string>();
        for (const p of elements(prop(e, 'protocol'))) {
          const v = str(p);
          if (v === undefined) continue;
          if (protocols.has(v)) ctx.report({ node: p, message: 'duplicateProtocol', args: { value: v } });
          protocols.add(v);
        }
      }
    }
  },
  fix(ctx) {
    if (ctx.message === 'containerPortHost') {
      const remove = removeProperty(ctx, ctx.node);
      return remove ? [{ title: 'remove', edits: [remove] }] : [];
    }
    if (ctx.message === 'duplicateProtocol' && isArray(ctx.node.parent)) {
      const edits = [ctx.edit.removeMember(ctx.node.parent, ctx.node)];
      return ctx.verify(edits) ? [{ title: 'removeProtocol', edits, isPreferred: true, safe: true }] : [];
    }
    // The later of two endpoints that clash: a name or container port of its own, a random host port.
    const [ci, ei] = Array.isArray(ctx.data.endpoint) ? (ctx.data.endpoint as number[]) : [];
    const pod = ctx.owner?.kind === 'pod' ? ctx.owner : undefined;
    const endpoint = pod ? elements(prop(pod.containers[ci]?.node, 'endpoints'))[ei] : undefined;
    if (pod && isObject(endpoint)) {
      const all = pod.containers.flatMap((c) => elements(prop(c.node, 'endpoints')));
      const proposal = (title: string, node: Node | undefined, v: unknown): FixProposal[] => {
        const edits = node ? [ctx.edit.replaceValue(node, v)] : [];
        return edits.length && ctx.verify(edits)
          ? [{ title, args: { value: String(v) }, edits, isPreferred: true }]
          : [];
      };
      if (ctx.message === 'duplicateName') {
        const name = str(prop(endpoint, 'name')) ?? '';
        const taken = new Set(all.map((e) => str(prop(e, 'name'))));
        let fresh = '';
        for (let i = 2; !fresh || taken.has(fresh); i++) fresh = `${name}-${i}`;
        return proposal('rename', prop(endpoint, 'name'), fresh);
      }
      if (ctx.message === 'duplicateContainerPort') {
        const taken = new Set(all.map((e) => num(prop(e, 'containerPort'))));
        let port = (num(prop(endpoint, 'containerPort')) ?? 0) + 1;
        while (taken.has(port)) port++;
        return port <= 65535 ? proposal('port', prop(endpoint, 'containerPort'), port) : [];
      }
      if (ctx.message === 'duplicateHostPort') return proposal('random', prop(endpoint, 'hostPort'), 0);
    }
    const hostPort = Number(ctx.data.hostPort);
    if (ctx.message === 'containerPortRequired' && isObject(ctx.node) && hostPort > 0)
      return [
        {
          title: 'containerPort',
          args: { value: hostPort },
          edits: [ctx.edit.setProperty(ctx.node, 'containerPort', hostPort, { after: 'name' })],
        },
      ];
    return [];
  },
});

export const podHealthCheck = defineRule({
  meta: {
    id: 'pod-health-check',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-15'],
    title: 'Pod health checks use one method, on an endpoint of their container',
    docs:
      "A pod container's `healthCheck` has exactly one of `http`, `tcp` and `exec`; an `http` or `tcp` check " +
      'names an `endpoint` of the same container (`contained in the container endpoints`); and its ' +
      '`timeoutSeconds` (default 20) is less than its `intervalSeconds` (default 60).',
    messages: {
      endpoint:
        '"{value}" is not an endpoint of this container: Marathon rejects the health check. Use {names}.',
      methods:
        'A health check uses exactly one of "http", "tcp" and "exec": Marathon rejects this one ({count} given).',
      timeout:
        'timeoutSeconds ({timeout}) must be less than intervalSeconds ({interval}): Marathon rejects the health check.',
    },
    fixes: {
      endpoint: 'Change to "{value}"',
      swap: 'Swap them: timeoutSeconds {interval}, intervalSeconds {timeout}',
      timeout: 'Set timeoutSeconds to {value}',
      method: 'Keep only "{method}"',
    },
  },
  pod(pod, ctx) {
    for (const c of pod.containers) {
      const hc = prop(c.node, 'healthCheck');
      if (!isObject(hc)) continue;
      const endpoints = elements(prop(c.node, 'endpoints')).flatMap((e) => str(prop(e, 'name')) ?? []);
      const methods = ['http', 'tcp', 'exec'].filter((m) => present(prop(hc, m)));
      if (methods.length !== 1)
        ctx.report({ ...atObject(hc), message: 'methods', args: { count: methods.length } });
      for (const m of ['http', 'tcp']) {
        const ep = prop(prop(hc, m), 'endpoint');
        const name = str(ep);
        if (name !== undefined && !endpoints.includes(name))
          ctx.report({
            node: ep!,
            message: 'endpoint',
            args: { value: name, names: endpoints.length ? endpoints.map((x) => `"${x}"`).join(', ') : '—' },
            data: { names: endpoints },
          });
      }
      const t = prop(hc, 'timeoutSeconds');
      const i = prop(hc, 'intervalSeconds');
      const timeout = t ? num(t) : 20;
      const interval = i ? num(i) : 60;
      if (timeout !== undefined && interval !== undefined && timeout >= interval)
        ctx.report({ node: (t ?? i)!, message: 'timeout', args: { timeout, interval } });
    }
  },
  fix(ctx) {
    if (ctx.message === 'timeout') return timeoutFixes(ctx, 20, 60);
    if (ctx.message === 'methods' && isObject(ctx.node)) {
      // Several methods: each one kept alone (none written: nothing to choose from).
      const hc = ctx.node;
      const methods = ['http', 'tcp', 'exec'].filter((m) => present(prop(hc, m)));
      if (methods.length < 2) return [];
      return methods
        .map((keep) => ({
          title: 'method',
          args: { method: keep },
          edits: [
            keepItems(
              ctx,
              hc,
              (hc.children ?? []).filter((p) => {
                const k = String(p.children?.[0]?.value);
                return k === keep || !methods.includes(k);
              }),
            ),
          ],
        }))
        .filter((p) => ctx.verify(p.edits));
    }
    if (ctx.message !== 'endpoint' || ctx.node.type !== 'string') return [];
    const names = (ctx.data.names as string[] | undefined) ?? [];
    return names.slice(0, 5).map((n) => ({
      title: 'endpoint',
      args: { value: n },
      edits: [ctx.edit.replaceValue(ctx.node, n)],
      isPreferred: names.length === 1,
    }));
  },
});

export const podScalingKind = defineRule({
  meta: {
    id: 'pod-scaling-kind',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-16'],
    title: 'Pod scaling is of kind "fixed"',
    docs:
      'A pod\'s `scaling` object needs `"kind": "fixed"`, written exactly so: it is a discriminator, not a ' +
      'case-insensitive enumeration, and `"FIXED"` or a missing kind is a parse error. Leave `scaling` out for ' +
      'one instance.',
    messages: {
      missing: 'The pod "scaling" needs "kind": "fixed": Marathon cannot parse it without one.',
      wrong: 'The scaling kind must be exactly "fixed" (lower case): Marathon cannot parse "{value}".',
    },
    fixes: { fixed: 'Set "kind": "fixed"' },
  },
  pod(pod, ctx) {
    const scaling = prop(pod.node, 'scaling');
    if (!isObject(scaling)) return;
    const kind = prop(scaling, 'kind');
    if (!kind) ctx.report({ node: keyNode(pod.node, 'scaling')!, message: 'missing' });
    else if (kind.value !== 'fixed')
      ctx.report({ node: kind, message: 'wrong', args: { value: str(kind) ?? JSON.stringify(kind.value) } });
  },
  fix(ctx) {
    const pod = ctx.owner?.kind === 'pod' ? ctx.owner : undefined;
    const scaling = prop(pod?.node, 'scaling');
    if (!isObject(scaling)) return [];
    return [
      {
        title: 'fixed',
        edits: [ctx.edit.setProperty(scaling, 'kind', 'fixed', { first: true })],
        isPreferred: true,
        safe: true,
      },
    ];
  },
});

export const podUser = defineRule({
  meta: {
    id: 'pod-user',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-15'],
    title: 'A pod user is not empty',
    docs: "A pod's `user` may be left out, but Marathon rejects an empty one (`must not be empty`).",
    messages: {
      empty: 'The pod "user" must not be empty: Marathon rejects "". Remove it to run as the default user.',
    },
    fixes: { remove: 'Remove "user"' },
  },
  pod(pod, ctx) {
    const user = prop(pod.node, 'user');
    if (user?.type === 'string' && user.value === '') ctx.report({ node: user, message: 'empty' });
  },
  fix(ctx) {
    const remove = removeProperty(ctx, ctx.node);
    return remove ? [{ title: 'remove', edits: [remove], isPreferred: true, safe: true }] : [];
  },
});

// ---------------------------------------------------------------------------------------------
// Group documents

export const groupPodsIgnored = defineRule({
  meta: {
    id: 'group-pods-ignored',
    family: 'gen',
    severity: 'warning',
    marathon: ['GEN-17', 'GEN-01'],
    title: 'Pods in a group document are not deployed',
    docs:
      'The `/v2/groups` endpoint reads `id`, `apps`, `groups`, `dependencies` and `enforceRole`: it has no ' +
      '`pods`, and ignores them without a word, so the pods of a group file are never created. Create each pod ' +
      'through `/v2/pods` (`dcos marathon pod add`); their ids place them in the group.',
    messages: {
      ignored:
        'Marathon\'s /v2/groups endpoint ignores "pods": {count} pod(s) here would not be deployed. Create them through /v2/pods (dcos marathon pod add) instead.',
    },
  },
  document(ctx) {
    for (const g of ctx.model.groups) {
      const pods = prop(g.node, 'pods');
      if (nonEmptyArray(pods))
        ctx.report({
          node: keyNode(g.node, 'pods')!,
          message: 'ignored',
          args: { count: elements(pods).length },
        });
    }
  },
});

export const groupAppOutside = defineRule({
  meta: {
    id: 'group-app-outside',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-17', 'GEN-07'],
    title: 'Apps of a group document have ids directly inside their group',
    docs:
      'In a group document, a relative app id is resolved against its group (`web` in `/shop` is `/shop/web`); an ' +
      'absolute one must still name an app directly inside the group that lists it. Marathon rejects an app whose ' +
      'id points elsewhere (`Identifier is not child of`): list it in the group its id names, or use a relative id.',
    messages: {
      outside:
        'The app id "{id}" is not directly inside the group "{group}" that lists it: Marathon rejects the group. Use a relative id, or move the app to "{parent}".',
    },
    fixes: { relative: 'Change to the relative id "{value}"' },
    local: true,
  },
  document(ctx) {
    for (const g of ctx.model.groups) {
      // Without an id the group is the one of the request URL, which the file does not say.
      if (!g.absoluteId || g.id === undefined) continue;
      for (const app of g.apps) {
        const node = prop(app.node, 'id');
        if (!node || !app.absoluteId || app.absoluteId === '/') continue;
        const parent = parentOf(app.absoluteId);
        if (parent !== g.absoluteId)
          ctx.report({
            node,
            message: 'outside',
            args: { id: app.absoluteId, group: g.absoluteId, parent },
            data: { relative: lastSegment(app.absoluteId) },
          });
      }
    }
  },
  fix(ctx) {
    const value = String(ctx.data.relative ?? '');
    if (!value || ctx.node.type !== 'string') return [];
    return [{ title: 'relative', args: { value }, edits: [ctx.edit.replaceValue(ctx.node, value)] }];
  },
});

function isTopLevel(g: GroupView): boolean {
  return (g.absoluteId ?? '').split('/').filter(Boolean).length === 1;
}

export const groupEnforceRole = defineRule({
  meta: {
    id: 'group-enforce-role',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-14', 'GEN-17'],
    title: 'Only top-level groups enforce their role',
    docs:
      '`"enforceRole": true` makes the services of a **top-level** group (such as `/prod`) use the group\'s role. ' +
      'Marathon rejects it on a nested group (`enforceRole can only be set for top-level groups, and ' +
      '/prod/backend is not top-level`) and on the root group.',
    messages: {
      nested:
        'enforceRole can be set only on top-level groups, and "{id}" is not one: Marathon rejects the group. Set it on the top-level group instead.',
    },
    fixes: { remove: 'Remove "enforceRole"' },
  },
  document(ctx) {
    for (const g of ctx.model.groups) {
      const v = prop(g.node, 'enforceRole');
      if (bool(v) === true && g.absoluteId && !isTopLevel(g))
        ctx.report({ node: v!, message: 'nested', args: { id: g.absoluteId } });
    }
  },
  fix(ctx) {
    const remove = removeProperty(ctx, ctx.node);
    return remove ? [{ title: 'remove', edits: [remove], isPreferred: true }] : [];
  },
});

export const groupVersion = defineRule({
  meta: {
    id: 'group-version',
    family: 'gen',
    severity: 'error',
    marathon: ['GEN-17'],
    title: 'A group document does not combine version with other fields',
    docs:
      'In a group update, `version` (roll back to that version) and `scaleBy` (scale every app) are requests of ' +
      'their own: Marathon rejects them together with other fields (`not allowed in conjunction with other ' +
      'properties`). A group exported from a running Marathon carries `version`; remove it before submitting ' +
      'the file.',
    messages: {
      alone:
        '"{field}" is a request of its own: Marathon rejects it together with other group fields ("not allowed in conjunction with other properties"). Remove "{field}" (it comes from an export).',
    },
    fixes: { remove: 'Remove "{field}"' },
  },
  document(ctx) {
    for (const g of ctx.model.groups) {
      const fields = properties(g.node).filter((p) => p.value && p.value.type !== 'null');
      for (const field of ['version', 'scaleBy'])
        if (
          fields.some((p) => p.key === field) &&
          fields.length > 1 &&
          !alternatives(ctx, ...fields.map((p) => p.keyNode))
        )
          ctx.report({ node: keyNode(g.node, field)!, message: 'alone', args: { field }, data: { field } });
    }
  },
  fix(ctx) {
    const remove = removeProperty(ctx, ctx.node);
    return remove
      ? [{ title: 'remove', args: { field: String(ctx.data.field) }, edits: [remove], isPreferred: true }]
      : [];
  },
});

export const GEN_RULES: Rule[] = [
  containerDockerRequired,
  cmdArgsContainer,
  cmdTooShort,
  serviceId,
  portsNetworkMismatch,
  dockerContainerNetworks,
  networksCombination,
  networkNameRequired,
  legacyNetworkConflict,
  legacyFieldConflict,
  portNamesUnique,
  portMappingNetworks,
  dockerFieldsForEngine,
  dockerPullConfig,
  dockerLinuxInfo,
  dockerAppCheck,
  linuxInfo,
  gpuResources,
  healthCheckPort,
  healthCheckProtocol,
  readinessCheck,
  dcosMigrationLabels,
  acceptedResourceRoles,
  resourceLimits,
  envSecretReference,
  podContainerNames,
  podEndpoints,
  podHealthCheck,
  podScalingKind,
  podUser,
  groupPodsIgnored,
  groupAppOutside,
  groupEnforceRole,
  groupVersion,
];
