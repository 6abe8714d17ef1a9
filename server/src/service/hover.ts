/** Hover on a key or value: what the field is, its unit, allowed values, default and Marathon's behaviour. */
import type { Hover } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import type { Locale } from './l10n';

export function hover(_analysis: Analysis, _offset: number, _locale: Locale): Hover | null {
  return null;
}
