/**
 * Helpers shared by the app volume rules (LV, HV, SV): paths as Mesos resolves them,
 * the links of the two-volume workaround, names for new persistent volumes, and a
 * Java regular-expression validity check that never runs the expression.
 */
import { elements, isObject, prop, str, type Node } from '../json';
import type { AppVolumeView, AppView, DefinitionModel } from '../model';
import { trimEdges, trimEnd } from '../util/text';

/** A relative path as Mesos resolves it against the sandbox: `./data/` → `data`. */
export function normalizeRelative(path: string): string {
  let p = path;
  while (p.startsWith('./')) p = p.slice(2).replace(/^\/+/, '');
  p = trimEnd(p, '/');
  return p.replace(/\/{2,}/g, '/').replace(/\/\.(?=\/|$)/g, '');
}

/** True for a path of exactly one relative segment (`data`), as a persistent `containerPath` must be. */
export function isOneSegment(path: string): boolean {
  return path !== '' && path !== '.' && path !== '..' && !path.includes('/');
}

export function containerPathOf(volume: Node): string | undefined {
  return str(prop(volume, 'containerPath'));
}

/**
 * True when `node` holds mustache section tags (`{{#x}}`, `{{^x}}`): its keys are
 * alternatives of a template, and what they say together is no definition.
 */
export function isConditional(doc: { template: boolean; text: string }, node: Node | undefined): boolean {
  if (!doc.template || !node) return false;
  const text = doc.text.slice(node.offset, node.offset + node.length);
  return /\{\{\{?\s*[#^]/.test(text);
}

/**
 * Where to report a missing key of an object: its opening brace, so that the
 * diagnostic does not cover (and stand in front of) every line of the object.
 */
export function onBrace(node: Node): { offset: number; length: number } {
  return { offset: node.offset, length: 1 };
}

/** The `container.volumes` array of an app. */
export function volumesArray(app: AppView): Node | undefined {
  const v = prop(app.container, 'volumes');
  return v?.type === 'array' ? v : undefined;
}

/**
 * Volumes a host volume can re-mount through a relative `hostPath`: persistent and
 * external volumes mounted at a relative `containerPath` (by that path, normalised).
 */
export function linkTargets(app: AppView): Map<string, AppVolumeView> {
  const out = new Map<string, AppVolumeView>();
  for (const v of app.volumes) {
    if (v.kind === 'host' || v.kind === 'secret') continue;
    const cp = containerPathOf(v.node);
    if (cp === undefined || cp.startsWith('/')) continue;
    const n = normalizeRelative(cp);
    if (n && !out.has(n)) out.set(n, v);
  }
  return out;
}

/** Every `containerPath` of the app's volumes and every relative `hostPath` (names a new volume must avoid). */
export function takenNames(app: AppView, except?: Node): Set<string> {
  const taken = new Set<string>();
  for (const v of app.volumes) {
    if (v.node === except) continue;
    const cp = containerPathOf(v.node);
    if (cp !== undefined) {
      taken.add(cp);
      taken.add(normalizeRelative(cp));
    }
    const hp = str(prop(v.node, 'hostPath'));
    if (hp !== undefined && !hp.startsWith('/')) taken.add(normalizeRelative(hp));
  }
  return taken;
}

/**
 * A one-segment name for a persistent volume derived from `path` (its last real
 * segment; no `/`, `#`, `.` or `..`), made unique against `taken` with a suffix.
 */
export function segmentName(path: string, taken: Set<string>): string {
  const segments = path.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  let base = trimEdges((segments[segments.length - 1] ?? '').replace(/#+/g, '-'), '-');
  if (base === '' || base === '.' || base === '..') base = 'data';
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** The app view of the volume a fix works on. */
export function appOfVolume(model: DefinitionModel, volume: Node | undefined): AppView | undefined {
  if (!volume) return undefined;
  return model.apps.find((a) => a.volumes.some((v) => v.node === volume));
}

/** The app that owns a volume object (`app.container.volumes[i]`), from the syntax tree. */
export function appNodeOfVolume(volume: Node): Node | undefined {
  const container = volume.parent?.parent?.parent; // array → property → container object
  const app = container?.parent?.parent; // property → app object
  return isObject(app) ? app : undefined;
}

/** The volume object of a node inside it (the object itself, a value, or a key). */
export function volumeOf(node: Node): Node | undefined {
  let cur: Node | undefined = node;
  while (cur) {
    if (isObject(cur) && cur.parent?.type === 'array' && isVolumesArray(cur.parent)) return cur;
    cur = cur.parent;
  }
  return undefined;
}

function isVolumesArray(array: Node): boolean {
  const property = array.parent;
  return property?.type === 'property' && property.children?.[0]?.value === 'volumes';
}

/** The file names a `fetch` or `uris` list puts into the sandbox. */
export function fetchedNames(app: Node): Set<string> {
  const out = new Set<string>();
  const add = (uri: string | undefined, destPath?: string) => {
    const name =
      destPath ??
      uri
        ?.replace(/[?#].*$/, '')
        .split('/')
        .pop();
    if (name) {
      out.add(name);
      out.add(name.replace(/\.(tar\.gz|tgz|tar\.bz2|tar\.xz|tar|zip|gz|bz2|xz)$/i, ''));
    }
  };
  for (const f of elements(prop(app, 'fetch')))
    add(str(prop(f, 'uri')), str(prop(f, 'destPath')) ?? undefined);
  for (const u of elements(prop(app, 'uris'))) add(str(u));
  return out;
}

/**
 * Checks that a Java regular expression compiles, approximately: Java-only syntax
 * (possessive quantifiers, atomic groups, inline flags, `\Q…\E`, `\A`, `\z`) is
 * translated first, the result is compiled with JavaScript's `RegExp` (never run
 * against any input), and a `{` that starts no quantifier is rejected as Java does.
 * Returns the reason when it does not compile.
 */
export function javaRegexError(source: string): string | undefined {
  if (source.length > 10_000) return undefined;
  let out = '';
  let inClass = 0;
  let i = 0;
  let quantified = false; // the last thing written is an (unescaped) quantifier
  while (i < source.length) {
    const c = source[i];
    const wasQuantified: boolean = quantified;
    quantified = false;
    if (c === '\\') {
      const n = source[i + 1];
      if (n === undefined) return 'a trailing backslash escapes nothing';
      if (n === 'Q') {
        const end = source.indexOf('\\E', i + 2);
        const literal = source.slice(i + 2, end < 0 ? undefined : end);
        out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end < 0 ? source.length : end + 2;
        continue;
      }
      if (!inClass && (n === 'A' || n === 'G')) out += '^';
      else if (!inClass && (n === 'z' || n === 'Z')) out += '$';
      else if (n === 'h') out += inClass ? ' \\t' : '[ \\t]';
      else if (n === 'R' && !inClass) out += '(?:\\r\\n|[\\n\\r])';
      else if ((n === 'p' || n === 'P') && source[i + 2] === '{') {
        const end = source.indexOf('}', i + 3);
        if (end < 0) return 'an unclosed character property \\p{…}';
        out += inClass ? 'a' : '.';
        i = end + 1;
        continue;
      } else out += c + n;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === '[') inClass++;
      else if (c === ']') inClass--;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = 1;
      out += c;
      i++;
      if (source[i] === '^') out += source[i++];
      if (source[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const rest = source.slice(i + 2);
      const flags = /^[a-zA-Z]*(-[a-zA-Z]*)?(\)|:)/.exec(rest);
      if (rest.startsWith('>')) {
        out += '(?:';
        i += 3;
        continue;
      }
      if (flags && /[a-zA-Z-]/.test(flags[0][0])) {
        if (!/^[idmsuxU-]+$/.test(flags[0].slice(0, -1))) return `unknown inline flag in (?${flags[0]}`;
        if (flags[2] === ')') out += '(?:)';
        else out += '(?:';
        i += 2 + flags[0].length;
        continue;
      }
    }
    if (c === '+' && wasQuantified) {
      i++; // possessive quantifier: for validity, the same as a greedy one
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      out += c;
      i++;
      quantified = c !== '?' || !wasQuantified; // `*?` is lazy: `*?+` is not possessive
      continue;
    }
    if (c === '{') {
      const q = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!q) return `"{" at position ${i + 1} starts no repetition such as {2} or {1,3}`;
      if (q[3] && Number(q[3]) < Number(q[1]))
        return `the repetition ${q[0]} has its bounds the wrong way round`;
      out += q[0];
      i += q[0].length;
      quantified = true;
      continue;
    }
    out += c;
    i++;
  }
  if (inClass) return 'a character class "[" is not closed';
  try {
    new RegExp(out);
    return undefined;
  } catch (e) {
    const m = String((e as Error).message);
    return m.slice(m.lastIndexOf(': ') + 2) || m;
  }
}

/** Closest first: candidates ordered by edit distance to `word` (ties in the given order). */
export function byDistance(
  word: string,
  candidates: string[],
  distance: (a: string, b: string) => number,
): string[] {
  return candidates
    .map((c, i) => ({ c, i, d: distance(word, c) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.c);
}
