/**
 * Rules for local persistent volumes in apps (LV).
 */
import type { Rule } from './types';

export const LV_RULES: Rule[] = [];
