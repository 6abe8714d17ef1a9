/**
 * Rules for residency, unreachable and upgrade strategies (RS).
 */
import type { Rule } from './types';

export const RS_RULES: Rule[] = [];
