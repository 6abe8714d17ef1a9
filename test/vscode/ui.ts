import type { UiCheck } from './launch/server';
export const uiCheck: UiCheck = async () => [];
