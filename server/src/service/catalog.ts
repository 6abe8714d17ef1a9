/**
 * Every English text the service can show (rule and refactor metadata, the message
 * catalogs of the features), for the bundle completeness test and the docs.
 */
import { EDITING_MESSAGES } from './editing/messages';
import { MESSAGES } from './messages';
import { REFACTORS } from './refactors/registry';
import { RULES } from './rules/registry';
import { FAMILY_NAMES } from './rulesDoc';

export function allMessages(): string[] {
  const out: string[] = [];
  for (const r of RULES) {
    out.push(
      r.meta.title,
      r.meta.docs,
      ...Object.values(r.meta.messages),
      ...Object.values(r.meta.fixes ?? {}),
    );
  }
  for (const r of REFACTORS) out.push(...Object.values(r.titles));
  out.push(...Object.values(MESSAGES), ...FAMILY_NAMES);
  out.push(...Object.values(EDITING_MESSAGES));
  return [...new Set(out)];
}
