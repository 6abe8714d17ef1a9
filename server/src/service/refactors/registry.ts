/** Every refactor of the product. */
import { convertVolume } from './convertVolume';
import { makeStateful } from './makeStateful';
import { migrate } from './migrate';
import type { Refactor } from './types';

export const REFACTORS: Refactor[] = [convertVolume, makeStateful, migrate];
