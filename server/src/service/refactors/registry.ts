/** Every refactor of the product. */
import type { Refactor } from './types';

export const REFACTORS: Refactor[] = [];
