/**
 * Hover on a key or value: what the field is, its type and unit, the values allowed
 * (narrowed to what Marathon accepts in this context), its default, the Marathon
 * behaviour that matters (from the schema descriptions, in the user's language) and
 * the values Marathon fills in for what the definition omits (a resident app's
 * `upgradeStrategy` {0.5, 0}, `unreachableStrategy` "disabled"...). The schemas are
 * walked the same way as for completion (`schema/navigate.ts`), so the text describes
 * the branch the document's values select.
 */
import { getNodePath } from 'jsonc-parser';
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import { leafAt } from './editing/cursor';
import { detailText, documentation } from './editing/describe';
import { allowedValues, effectiveValues, nodesAlong, placeOf } from './editing/facts';
import type { Locale } from './l10n';
import { schemasAt, type Segment } from './schema/navigate';
import { DEFAULT_SETTINGS, type MarathonSettings } from './settings';

export function hover(
  analysis: Analysis,
  offset: number,
  locale: Locale,
  settings: MarathonSettings = DEFAULT_SETTINGS,
): Hover | null {
  const { doc } = analysis;
  const kind = analysis.detection.kind;
  if (!kind || !doc.tree || doc.limit) return null;
  const node = leafAt(doc.tree, offset);
  if (!node) return null;
  const parent = node.parent;
  let path: Segment[];
  let key: string | undefined;
  if (parent?.type === 'property' && parent.children?.[0] === node) {
    key = String(node.value);
    path = [...getNodePath(parent.parent!), key];
  } else {
    path = getNodePath(node);
    const last = path[path.length - 1];
    key = typeof last === 'string' ? last : undefined;
  }
  const applicable = schemasAt(kind, doc.tree, path);
  if (!applicable.length) return null;
  const place = placeOf(kind, path, nodesAlong(doc.tree, path), settings);
  const allowed = allowedValues(place);
  const body = documentation(applicable, locale, {
    key,
    allowed: allowed?.length ? allowed : undefined,
    effective: effectiveValues(place),
  });
  const name = key ?? (path.length ? `[${String(path[path.length - 1])}]` : '');
  const detail = detailText(applicable, key, locale);
  const header = `**\`${name}\`**` + (detail ? ` · ${detail}` : '');
  return {
    contents: { kind: MarkupKind.Markdown, value: body ? `${header}\n\n${body}` : header },
    range: {
      start: doc.lines.positionAt(node.offset),
      end: doc.lines.positionAt(node.offset + node.length),
    },
  };
}
