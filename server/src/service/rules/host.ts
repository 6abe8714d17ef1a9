/**
 * Rules for host volumes and the two-volume workaround (HV).
 */
import type { Rule } from './types';

export const HV_RULES: Rule[] = [];
