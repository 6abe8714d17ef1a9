/**
 * The two languages of the product. Every user-visible text of the service is a
 * `Localized` pair; `localize` picks one and fills in `{name}` placeholders.
 */

export type Locale = 'en' | 'zh-cn';

export interface Localized {
  en: string;
  'zh-cn': string;
}

export type MessageArgs = Record<string, string | number | boolean | undefined>;

/** Maps an LSP/VS Code/CLI locale tag to one of ours (`zh`, `zh-CN`, `zh-Hans` → `zh-cn`). */
export function toLocale(tag: string | undefined | null): Locale {
  const t = (tag ?? '').toLowerCase().replace('_', '-');
  return t === 'zh' || t.startsWith('zh-cn') || t.startsWith('zh-hans') || t.startsWith('zh-sg') ? 'zh-cn' : 'en';
}

export function localize(text: Localized, locale: Locale, args: MessageArgs = {}): string {
  return format(text[locale] ?? text.en, args);
}

export function format(template: string, args: MessageArgs): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (args[name] === undefined ? m : String(args[name])));
}

/** Shorthand for declaring a pair. */
export function l(en: string, zh: string): Localized {
  return { en, 'zh-cn': zh };
}

/** Joins a list for a message: `a`, `b` or `c` / `a`、`b` 或 `c`. */
export function orList(items: string[], locale: Locale): string {
  const q = items.map((i) => `"${i}"`);
  if (q.length <= 1) return q.join('');
  const last = q.pop();
  return locale === 'zh-cn' ? `${q.join('、')} 或 ${last}` : `${q.join(', ')} or ${last}`;
}
