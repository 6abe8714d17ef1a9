/**
 * Rules for external volumes, DVDI and CSI (EV).
 */
import type { Rule } from './types';

export const EV_RULES: Rule[] = [];
