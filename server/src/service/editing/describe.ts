/**
 * The words completion details and hovers use for a field, in the user's language:
 * type, unit, default, allowed values, the schema descriptions (bilingual in the
 * schemas themselves), what the context narrows and what Marathon fills in.
 */
import { t, type Locale } from '../l10n';
import { annotation, enumOf, typesOf, type Applicable } from '../schema/navigate';
import type { Effective } from './facts';
import { EDITING_MESSAGES, type EditingMessage } from './messages';
import type { Scalar } from './snippet';

export const m = (locale: Locale, key: EditingMessage, args: Record<string, any> = {}): string =>
  t(locale, EDITING_MESSAGES[key], args);

const TYPE_KEYS: Record<string, EditingMessage> = {
  string: 'typeString',
  integer: 'typeInteger',
  number: 'typeNumber',
  boolean: 'typeBoolean',
  object: 'typeObject',
  array: 'typeArray',
};

/** JSON on one line with a space after `:` and `,` (`{"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0}`). */
export function pretty(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(pretty).join(', ') + ']';
  if (v && typeof v === 'object')
    return (
      '{' +
      Object.entries(v)
        .map(([k, x]) => `${JSON.stringify(k)}: ${pretty(x)}`)
        .join(', ') +
      '}'
    );
  return JSON.stringify(v) ?? 'null';
}

const code = (v: unknown): string => '`' + pretty(v) + '`';

/** The localized type names of the applicable schemas (`integer`, `string or object`). */
export function typeText(applicable: Applicable[], locale: Locale): string | undefined {
  let types = [...typesOf(applicable)].filter((x) => TYPE_KEYS[x]);
  if (types.includes('integer')) types = types.filter((x) => x !== 'number');
  if (!types.length) return undefined;
  return types.map((x) => m(locale, TYPE_KEYS[x])).join(locale === 'zh-cn' ? ' / ' : ' | ');
}

/** The unit of a numeric field, read from its English description (MiB, GiB, seconds, fraction). */
export function unitText(
  applicable: Applicable[],
  key: string | undefined,
  locale: Locale,
): string | undefined {
  const types = typesOf(applicable);
  if (!types.has('number') && !types.has('integer')) return undefined;
  const en = String(annotation(applicable, 'description') ?? '');
  const size = /\b(MiB|GiB)\b/.exec(en);
  if (size) return size[1];
  if ((key && /Seconds$/.test(key)) || /\bin seconds\b|^Seconds\b/.test(en)) return m(locale, 'unitSeconds');
  if (/^Fraction\b/.test(en)) return m(locale, 'unitFraction');
  return undefined;
}

/** The schema's default, if it has one worth showing. */
export function defaultOf(applicable: Applicable[]): unknown {
  return annotation(applicable, 'default');
}

/** `integer · MiB · default 1024`. */
export function detailText(
  applicable: Applicable[],
  key: string | undefined,
  locale: Locale,
  extra: string[] = [],
): string {
  const parts = [typeText(applicable, locale), unitText(applicable, key, locale), ...extra].filter(
    Boolean,
  ) as string[];
  const d = defaultOf(applicable);
  if (d !== undefined && (typeof d !== 'object' || JSON.stringify(d).length <= 40))
    parts.push(m(locale, 'defaultShort', { value: JSON.stringify(d) }));
  return parts.join(' · ');
}

/** A localized schema text (`description`, or its `x-…-zh-cn` twin). */
function localized(
  s: Record<string, any>,
  field: 'description' | 'deprecationMessage',
  locale: Locale,
): string | undefined {
  const en =
    s[field === 'description' && typeof s.markdownDescription === 'string' ? 'markdownDescription' : field];
  if (typeof en !== 'string') return undefined;
  if (locale === 'zh-cn') {
    const zh =
      s[
        `x-${field === 'description' && typeof s.markdownDescription === 'string' ? 'markdownDescription' : field}-zh-cn`
      ];
    if (typeof zh === 'string' && zh) return zh;
  }
  return en;
}

/**
 * The descriptions to show: the property's own (it says what the field means here) and
 * the description of the type it refers to when that adds something. When several
 * branches still apply with different texts, only what they share.
 */
export function descriptions(applicable: Applicable[], locale: Locale): string[] {
  const first = new Map<string, Record<string, any>>();
  const types: Record<string, any>[] = [];
  for (const a of applicable) {
    const own = a.trail.find((s) => typeof s.description === 'string');
    if (own) first.set(own.description, own);
    const last = [...a.trail].reverse().find((s) => typeof s.description === 'string');
    if (last && last !== own && !types.includes(last)) types.push(last);
  }
  const out: string[] = [];
  if (first.size === 1) {
    const own = [...first.values()][0];
    out.push(localized(own, 'description', locale)!);
    const type = types.find((x) => x.description !== own.description);
    if (type && types.length === 1) out.push(localized(type, 'description', locale)!);
  } else if (first.size > 1) {
    // Undecided branches: the shared type description, if any.
    const shared = types.length === 1 ? types[0] : undefined;
    if (shared) out.push(localized(shared, 'description', locale)!);
  }
  return out.filter(Boolean);
}

export interface DescribeOptions {
  key?: string;
  /** The values this context narrows the field to. */
  allowed?: Scalar[];
  effective?: Effective[];
}

/** Markdown documentation of a field (completion documentation and hover). */
export function documentation(applicable: Applicable[], locale: Locale, o: DescribeOptions = {}): string {
  const parts: string[] = [];
  const texts = descriptions(applicable, locale);
  parts.push(...texts);
  const deprecated = applicable.flatMap((a) => a.trail).find((s) => typeof s.deprecationMessage === 'string');
  if (deprecated)
    parts.push(`*${localized(deprecated, 'deprecationMessage', locale) ?? m(locale, 'deprecated')}*`);
  const values = enumOf(applicable);
  const narrowed =
    o.allowed?.length &&
    !(values && values.length === o.allowed.length && o.allowed.every((v) => values.includes(v)));
  if (o.allowed && narrowed) parts.push(m(locale, 'onlyHere', { values: o.allowed.map(code).join(', ') }));
  else if (values && values.length > 1 && values.length <= 16)
    parts.push(m(locale, 'allowedValues', { values: values.map(code).join(', ') }));
  const d = defaultOf(applicable);
  if (d !== undefined) parts.push(m(locale, 'defaultLine', { value: code(d) }));
  if (o.effective?.length) {
    const lines = o.effective.map(
      (e) =>
        `- \`${e.field}\`` + (e.value === null ? '' : `: ${code(e.value)}`) + ` — ${m(locale, e.reason)}`,
    );
    parts.push(m(locale, 'fillsIn') + '\n' + lines.join('\n'));
  }
  return parts.join('\n\n');
}
