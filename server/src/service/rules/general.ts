/**
 * Rules for general app and pod rules (GEN).
 */
import type { Rule } from './types';

export const GEN_RULES: Rule[] = [];
