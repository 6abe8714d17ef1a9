/**
 * Rules for placement constraints (CN).
 */
import type { Rule } from './types';

export const CN_RULES: Rule[] = [];
