/**
 * A refactor (code action of kind `refactor.rewrite`): proposed where the cursor is,
 * independent of any diagnostic.
 */
import type { Analysis } from '../analyze';
import type { EditBuilder } from '../edits';
import type { Locale } from '../l10n';
import type { FixProposal } from '../rules/types';
import type { MarathonSettings } from '../settings';

export interface RefactorContext {
  analysis: Analysis;
  /** The selection, as offsets. */
  offset: number;
  end: number;
  settings: MarathonSettings;
  locale: Locale;
  edit: EditBuilder;
}

export interface Refactor {
  id: string;
  /** English titles by key (translated through the bundle). */
  titles: Record<string, string>;
  propose(ctx: RefactorContext): FixProposal[];
}
