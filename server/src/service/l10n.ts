/**
 * The two languages of the product, the VS Code way: English messages in the code,
 * their Simplified Chinese translations in `l10n/bundle.l10n.zh-cn.json` (keyed by the
 * English text, as `@vscode/l10n` expects), loaded into `@vscode/l10n` for the locale
 * the editor or the CLI asked for. The bundle is inlined by esbuild; nothing is read
 * from disk at run time.
 */
import * as l10n from '@vscode/l10n';
import zhCn from '../../../l10n/bundle.l10n.zh-cn.json';

export type Locale = 'en' | 'zh-cn';

/**
 * A message argument: a plain value, an English text that is itself translated
 * through the bundle (`{ t }`), or a text that carries its own translation (the
 * schemas' descriptions: `{ en, 'zh-cn' }`).
 */
export type MessageArg =
  string | number | boolean | undefined | { t: string } | { en: string; 'zh-cn'?: string };

export type MessageArgs = Record<string, MessageArg>;

export const LOCALES: Locale[] = ['en', 'zh-cn'];

const BUNDLES: Record<Locale, Record<string, string>> = { en: {}, 'zh-cn': zhCn as Record<string, string> };

let current: Locale | undefined;

/** Maps an LSP/VS Code/CLI locale tag to one of ours (`zh`, `zh-CN`, `zh-Hans` → `zh-cn`). */
export function toLocale(tag: string | undefined | null): Locale {
  const t = (tag ?? '').toLowerCase().replace(/_/g, '-').split('.')[0];
  return t === 'zh' || t.startsWith('zh-cn') || t.startsWith('zh-hans') || t.startsWith('zh-sg')
    ? 'zh-cn'
    : 'en';
}

/** The locale from the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`), for the CLI. */
export function environmentLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  return toLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

function use(locale: Locale): void {
  if (current === locale) return;
  l10n.config({ contents: BUNDLES[locale] });
  current = locale;
}

/**
 * The text of an English message in `locale`, with `{name}` placeholders filled in.
 * A placeholder without a value is left as written.
 */
export function t(locale: Locale, message: string, args: MessageArgs = {}): string {
  const defined: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(args)) {
    if (v === undefined) continue;
    defined[k] =
      typeof v !== 'object' ? v : 't' in v ? t(locale, v.t) : (locale !== 'en' && v[locale]) || v.en;
  }
  use(locale);
  return l10n.t(message, defined);
}

/** True when `message` has a translation for `locale` (English always has). */
export function hasTranslation(locale: Locale, message: string): boolean {
  return locale === 'en' || Object.prototype.hasOwnProperty.call(BUNDLES[locale], message);
}

/** The translations of a locale (for the bundle completeness tests). */
export function bundle(locale: Locale): Readonly<Record<string, string>> {
  return BUNDLES[locale];
}

/** Joins a list for a message: `"a", "b" or "c"` / `"a"、"b" 或 "c"`. */
export function orList(items: string[], locale: Locale): string {
  const q = items.map((i) => `"${i}"`);
  if (q.length <= 1) return q.join('');
  const last = q.pop();
  return locale === 'zh-cn' ? `${q.join('、')} 或 ${last}` : `${q.join(', ')} or ${last}`;
}
