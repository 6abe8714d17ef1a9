/**
 * Rules for rules across definitions and files: external volume names, duplicate ids.
 */
import type { Rule } from './types';

export const WS_RULES: Rule[] = [];
