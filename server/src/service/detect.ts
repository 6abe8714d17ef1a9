/**
 * Which documents are Marathon definitions: by exclusion glob, by inclusion glob,
 * then by content. Everything else gets nothing at all from this extension.
 */
import picomatch from 'picomatch';
import { elements, has, isArray, isObject, properties, prop, str, type Node } from './json';
import type { MarathonSettings } from './settings';

export type DefinitionKind = 'app' | 'pod' | 'group' | 'apps';

export interface Detection {
  kind: DefinitionKind | undefined;
  /** Why the document is (or is not) analysed. */
  reason: 'excluded' | 'glob' | 'content' | 'none';
}

export function classify(tree: Node | undefined): DefinitionKind | undefined {
  if (isArray(tree)) {
    const items = elements(tree);
    return items.length > 0 && items.every((i) => isObject(i)) && items.some((i) => classify(i) === 'app')
      ? 'apps'
      : undefined;
  }
  if (!isObject(tree)) return undefined;
  if (has(tree, 'apiVersion') && has(tree, 'kind')) return undefined; // a Kubernetes object
  const id = prop(tree, 'id');
  const hasId = id !== undefined && (id.type === 'string' || id.type === 'number');
  if (isArray(prop(tree, 'containers')) && hasId) return 'pod';
  if (
    (isArray(prop(tree, 'apps')) || isArray(prop(tree, 'groups')) || isArray(prop(tree, 'pods'))) &&
    !has(tree, 'cmd')
  ) {
    // Groups without an id exist (the root group as returned by /v2/groups).
    if (hasId || elements(prop(tree, 'apps')).some((a) => classify(a) === 'app')) return 'group';
  }
  if (hasId && (has(tree, 'cmd') || has(tree, 'args') || has(tree, 'container'))) return 'app';
  // An app with nothing to run is an app all the same (Marathon rejects it, GEN-05): an id with
  // at least two fields only Marathon apps have.
  if (hasId && APP_FIELDS.filter((k) => has(tree, k)).length >= 2) return 'app';
  return undefined;
}

/** Top-level fields of a Marathon app that other JSON documents with an `id` hardly have. */
const APP_FIELDS = [
  'cpus',
  'mem',
  'disk',
  'gpus',
  'instances',
  'portDefinitions',
  'ports',
  'healthChecks',
  'readinessChecks',
  'upgradeStrategy',
  'unreachableStrategy',
  'acceptedResourceRoles',
  'constraints',
  'fetch',
  'uris',
  'requirePorts',
  'killSelection',
  'residency',
  'backoffSeconds',
  'backoffFactor',
  'maxLaunchDelaySeconds',
  'taskKillGracePeriodSeconds',
];

/** Fields a group update (`GroupUpdate`) may have besides its apps and groups. */
const GROUP_FIELDS = new Set(['id', 'dependencies', 'enforceRole', 'scaleBy', 'version']);

/** The kind to use for a file that matched a glob but whose content says nothing. */
function fallbackKind(tree: Node | undefined): DefinitionKind | undefined {
  if (isArray(tree)) return elements(tree).every(isObject) ? 'apps' : undefined;
  if (!isObject(tree)) return undefined;
  if (has(tree, 'containers')) return 'pod';
  if (has(tree, 'apps') || has(tree, 'groups') || has(tree, 'pods')) return 'group';
  // `{"id": "/prod"}` (perhaps with dependencies or enforceRole) creates an empty group;
  // as an app it would have nothing to run.
  const keys = properties(tree).map((p) => p.key);
  if (keys.includes('id') && keys.every((k) => GROUP_FIELDS.has(k))) return 'group';
  return 'app';
}

const matcherCache = new Map<string, (path: string) => boolean>();

function matcher(globs: string[]): (path: string) => boolean {
  const key = globs.join('\0');
  let m = matcherCache.get(key);
  if (!m) {
    const compiled = globs.length ? picomatch(globs, { dot: true, nocase: true }) : () => false;
    m = (p: string) => compiled(p);
    if (matcherCache.size > 50) matcherCache.clear();
    matcherCache.set(key, m);
  }
  return m;
}

/** The path of a document URI used for glob matching (`file:///a/b.json` → `/a/b.json`). */
export function uriPath(uri: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(uri);
  const p = m ? (m[1] ?? '/') : uri;
  try {
    return decodeURIComponent(p.split(/[?#]/)[0]);
  } catch {
    return p;
  }
}

export function matchesGlobs(uri: string, globs: string[]): boolean {
  if (!globs.length) return false;
  const p = uriPath(uri);
  const m = matcher(globs.map((g) => (g.startsWith('/') || g.startsWith('**') ? g : '**/' + g)));
  return m(p);
}

export function detect(
  uri: string,
  tree: Node | undefined,
  settings: MarathonSettings,
  template = false,
): Detection {
  if (matchesGlobs(uri, settings.exclude)) return { kind: undefined, reason: 'excluded' };
  if (matchesGlobs(uri, settings.files))
    return { kind: classify(tree) ?? fallbackKind(tree), reason: 'glob' };
  if (settings.detectByContent) {
    let kind = classify(tree);
    // A template's `{{id}}` is masked to a number; still recognise it by its shape.
    if (!kind && template && isObject(tree) && (has(tree, 'cmd') || has(tree, 'container'))) kind = 'app';
    if (kind) return { kind, reason: 'content' };
    if (template && str(prop(tree, 'id')) !== undefined)
      return { kind: fallbackKind(tree), reason: 'content' };
  }
  return { kind: undefined, reason: 'none' };
}
