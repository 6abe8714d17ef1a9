/**
 * Rules for secret volumes (SV).
 */
import type { Rule } from './types';

export const SV_RULES: Rule[] = [];
