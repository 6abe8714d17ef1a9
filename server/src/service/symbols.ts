/** Document symbols (outline): groups, apps, pods, containers and volumes. */
import type { DocumentSymbol } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import type { Locale } from './l10n';

export function documentSymbols(_analysis: Analysis, _locale: Locale): DocumentSymbol[] {
  return [];
}
