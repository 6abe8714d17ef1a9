/**
 * The rule registry: every rule of the product, by family, in a stable order.
 * Adding a rule means adding it to its family module; nothing else needs to know.
 */
import { CN_RULES } from './constraints';
import { documentRule, duplicateKeyRule } from './document';
import { EV_RULES } from './external';
import { GEN_RULES } from './general';
import { HV_RULES } from './host';
import { LV_RULES } from './persistent';
import { PV_RULES } from './pod';
import { RS_RULES } from './residency';
import { SCHEMA_RULES } from './schema';
import { SV_RULES } from './secret';
import type { Rule } from './types';
import { WS_RULES } from './workspace';

export const RULES: Rule[] = [
  documentRule,
  duplicateKeyRule,
  ...SCHEMA_RULES,
  ...LV_RULES,
  ...EV_RULES,
  ...HV_RULES,
  ...SV_RULES,
  ...PV_RULES,
  ...RS_RULES,
  ...CN_RULES,
  ...GEN_RULES,
  ...WS_RULES,
];

const BY_ID = new Map(RULES.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
