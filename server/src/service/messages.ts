/**
 * User-visible texts of the service that do not belong to a rule or a refactor
 * (English; translations in `l10n/bundle.l10n.zh-cn.json`). Rule and refactor texts
 * live in their metadata.
 */
export const MESSAGES = {
  fixAll: 'Fix all safely fixable Marathon problems',
} as const;
