/**
 * Rules for pod volumes and volume mounts (PV).
 */
import type { Rule } from './types';

export const PV_RULES: Rule[] = [];
