/** Go to definition, references and rename between pod volumes and their mounts, and hostPath ↔ persistent volumes. */
import type { Location, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';

export function definition(_analysis: Analysis, _offset: number): Location[] {
  return [];
}

export function references(_analysis: Analysis, _offset: number, _includeDeclaration: boolean): Location[] {
  return [];
}

export function prepareRename(_analysis: Analysis, _offset: number): Range | null {
  return null;
}

export function rename(_analysis: Analysis, _offset: number, _newName: string): WorkspaceEdit | null {
  return null;
}
