/** What the refactors share: the app and volume at the cursor, names and paths, title details. */
import type { ParsedDocument } from '../document';
import type { OffsetEdit } from '../edits';
import { elements, isObject, num, prop, str, type Node } from '../json';
import { t, type Locale } from '../l10n';
import type { AppView, AppVolumeView } from '../model';
import type { Plan } from './rewrite';
import type { RefactorContext } from './types';

const contains = (node: Node, offset: number) => offset >= node.offset && offset <= node.offset + node.length;

/** The innermost app whose object contains the cursor. */
export function appAt(ctx: RefactorContext): AppView | undefined {
  let best: AppView | undefined;
  for (const app of ctx.analysis.model?.apps ?? [])
    if (contains(app.node, ctx.offset) && (!best || app.node.length < best.node.length)) best = app;
  return best;
}

/** The volume of `app` whose object contains the cursor. */
export function volumeAt(app: AppView, offset: number): AppVolumeView | undefined {
  return app.volumes.find((v) => contains(v.node, offset));
}

const TAG = /\{\{\{?[^}]*\}?\}\}/g;

/**
 * For a template: the edit keeps every placeholder, in order (a value taken from the
 * masked tree would have lost one), and changes nothing inside a `{{#section}}`, whose
 * text is conditional (so nothing moves in or out of one).
 */
export function templateSafe(doc: ParsedDocument, plan: Plan, edit: OffsetEdit): boolean {
  if (!doc.template) return true;
  // The whole container: the edit is trimmed to what changed and may cut a tag in two.
  const { offset, length } = plan.node;
  const original = doc.text.slice(offset, offset + length);
  const a = edit.offset - offset;
  const changed = original.slice(0, a) + edit.content + original.slice(a + edit.length);
  const before = original.match(TAG) ?? [];
  const after = changed.match(TAG) ?? [];
  if (before.join('\u0000') !== after.join('\u0000')) return false;
  return plan.changePoints().every((offset) => sectionDepth(doc, offset) === 0);
}

/** How many mustache sections are open at `offset` (0 outside templates). */
export function sectionDepth(doc: ParsedDocument, offset: number): number {
  let depth = 0;
  for (const [s, e] of doc.placeholders) {
    if (e > offset) break;
    const kind = doc.text.slice(s, e).replace(/^\{+\s*/, '')[0];
    if (kind === '#' || kind === '^') depth++;
    else if (kind === '/') depth = Math.max(0, depth - 1);
  }
  return depth;
}

/** A valid single-segment local persistent `containerPath` (LV-01..03, and no `#`, LV-22). */
export function isSegment(path: string | undefined): path is string {
  return !!path && !path.includes('/') && path !== '.' && path !== '..' && !path.includes('#');
}

/** The last segment of a path, made usable as a persistent `containerPath` (fallback `data`). */
export function segmentOf(path: string): string {
  const last =
    path
      .split('/')
      .filter((s) => s && s !== '.' && s !== '..')
      .pop() ?? '';
  const clean = last.replace(/#/g, '-');
  return isSegment(clean) ? clean : 'data';
}

/** `base`, or `base-2`, `base-3`... the first one not in `taken`. */
export function unique(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Every `containerPath` and relative `hostPath` of the app's volumes (names a new persistent volume must avoid). */
export function volumePaths(app: AppView): Set<string> {
  const out = new Set<string>();
  for (const v of app.volumes) {
    const cp = str(prop(v.node, 'containerPath'));
    if (cp) out.add(cp);
    const hp = str(prop(v.node, 'hostPath'));
    if (hp && !hp.startsWith('/')) out.add(hp);
  }
  return out;
}

/** Every external volume name of the document. */
export function externalNames(ctx: RefactorContext): Set<string> {
  const out = new Set<string>();
  for (const app of ctx.analysis.model?.apps ?? [])
    for (const v of app.volumes) {
      const name = str(prop(prop(v.node, 'external'), 'name'));
      if (name) out.add(name);
    }
  return out;
}

/** A volume name in label syntax derived from the app id and a path: `/prod/mysql` + `data` → `prod-mysql-data`. */
export function labelName(...parts: (string | undefined)[]): string {
  const name = parts
    .filter((p): p is string => !!p)
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return name || 'volume';
}

/** The app-level changes a resident app needs (RS-01, RS-03, RS-04, RS-10), as title details. */
export interface ResidentAdjustments {
  removeUnreachable: boolean;
  disableUnreachable: boolean;
  zeroOverCapacity: boolean;
  starRoles: boolean;
}

export function residentAdjustments(app: AppView): ResidentAdjustments {
  const unreachable = prop(app.node, 'unreachableStrategy');
  const upgrade = prop(app.node, 'upgradeStrategy');
  const over = num(prop(upgrade, 'maximumOverCapacity'));
  const roles = prop(app.node, 'acceptedResourceRoles');
  const rolesValues = elements(roles).map(str);
  return {
    removeUnreachable: isObject(unreachable),
    disableUnreachable: unreachable?.type === 'string' && unreachable.value !== 'disabled',
    zeroOverCapacity: over !== undefined && over !== 0,
    // Anything but ["*"], including [] (rejected for every app) and a value of the wrong type.
    starRoles:
      roles !== undefined && roles.type !== 'null' && !(rolesValues.length === 1 && rolesValues[0] === '*'),
  };
}

/** Joins translated detail fragments for a title. */
export function details(locale: Locale, parts: string[]): string {
  return parts.join(locale === 'zh-cn' ? '；' : '; ');
}

/** Translates one title fragment of `titles`. */
export function fragment(
  locale: Locale,
  titles: Record<string, string>,
  key: string,
  args: Record<string, string | number> = {},
): string {
  return t(locale, titles[key], args);
}
