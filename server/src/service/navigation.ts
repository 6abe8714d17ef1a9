/**
 * Go to definition, references and rename between the names a definition links
 * itself with:
 * - a pod volume's `name` and the `volumeMounts[].name` of its containers (PV-03);
 * - a local persistent volume's `containerPath` and the relative `hostPath` of the host
 *   volume that mounts it at an absolute path (the two-volume workaround, LV-20).
 * Definition jumps from the use to the declaration; references go both ways; rename
 * changes the declaration and every use, and refuses a name Marathon would reject.
 */
import type { Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import { leafAt } from './editing/cursor';
import { keyOf, prop, str, type Node } from './json';
import { ownerOf, type AppView, type PodView } from './model';

/** The linked name under the cursor: where it is declared and where it is used. */
interface Link {
  declarations: Node[];
  uses: Node[];
  /** The node under the cursor. */
  at: Node;
  /** Accepts a new name. */
  valid: (name: string) => boolean;
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function linkAt(analysis: Analysis, offset: number): Link | undefined {
  const model = analysis.model;
  const tree = analysis.doc.tree;
  if (!model || !tree) return undefined;
  const node = leafAt(tree, offset);
  if (node?.type !== 'string') return undefined;
  const key = keyOf(node);
  if (!key) return undefined; // a key, not a value
  const field = String(key.value);
  const owner = ownerOf(model, node);
  if (!owner || owner.kind === 'group') return undefined;
  const value = node.value as string;
  if (owner.kind === 'pod' && field === 'name') return podLink(owner, node, value);
  if (owner.kind === 'app' && (field === 'containerPath' || field === 'hostPath'))
    return pathLink(owner, node, field, value);
  return undefined;
}

function podLink(pod: PodView, node: Node, name: string): Link | undefined {
  const volume = pod.volumes.find((v) => prop(v.node, 'name') === node);
  const mount = pod.containers.some((c) => c.volumeMounts.some((mnt) => prop(mnt, 'name') === node));
  if (!volume && !mount) return undefined; // a container's own name
  const declarations = pod.volumes.filter((v) => v.name === name).map((v) => prop(v.node, 'name')!);
  const uses = pod.containers.flatMap((c) =>
    c.volumeMounts.map((mnt) => prop(mnt, 'name')).filter((n): n is Node => str(n) === name),
  );
  return { declarations, uses, at: node, valid: (n) => NAME.test(n) && n.length <= 63 };
}

function pathLink(app: AppView, node: Node, field: string, path: string): Link | undefined {
  const volume = app.volumes.find((v) => prop(v.node, field) === node);
  if (!volume) return undefined;
  if (field === 'containerPath' && volume.kind !== 'persistent') return undefined;
  if (field === 'hostPath' && volume.kind !== 'host') return undefined;
  const declarations = app.volumes
    .filter((v) => v.kind === 'persistent' && str(prop(v.node, 'containerPath')) === path)
    .map((v) => prop(v.node, 'containerPath')!);
  const uses = app.volumes
    .filter((v) => v.kind === 'host' && str(prop(v.node, 'hostPath')) === path)
    .map((v) => prop(v.node, 'hostPath')!);
  // A host path that names no persistent volume is a plain directory, not a link.
  if (!declarations.length) return undefined;
  return {
    declarations,
    uses,
    at: node,
    valid: (n) => n.length > 0 && !n.includes('/') && n !== '.' && n !== '..' && !n.includes('#'),
  };
}

function rangeOf(analysis: Analysis, n: Node): Range {
  const lines = analysis.doc.lines;
  return { start: lines.positionAt(n.offset), end: lines.positionAt(n.offset + n.length) };
}

function location(analysis: Analysis, n: Node): Location {
  return { uri: analysis.doc.uri, range: rangeOf(analysis, n) };
}

export function definition(analysis: Analysis, offset: number): Location[] {
  const link = linkAt(analysis, offset);
  if (!link) return [];
  return link.declarations.filter((d) => d !== link.at).map((d) => location(analysis, d));
}

export function references(analysis: Analysis, offset: number, includeDeclaration: boolean): Location[] {
  const link = linkAt(analysis, offset);
  if (!link) return [];
  const nodes = [...(includeDeclaration ? link.declarations : []), ...link.uses];
  return nodes.sort((a, b) => a.offset - b.offset).map((n) => location(analysis, n));
}

export function prepareRename(analysis: Analysis, offset: number): Range | null {
  const link = linkAt(analysis, offset);
  if (!link) return null;
  const n = link.at;
  // The text between the quotes.
  const lines = analysis.doc.lines;
  return { start: lines.positionAt(n.offset + 1), end: lines.positionAt(n.offset + n.length - 1) };
}

export function rename(analysis: Analysis, offset: number, newName: string): WorkspaceEdit | null {
  const link = linkAt(analysis, offset);
  if (!link || !link.valid(newName)) return null;
  const edits: TextEdit[] = [...link.declarations, ...link.uses]
    .sort((a, b) => a.offset - b.offset)
    .map((n) => ({ range: rangeOf(analysis, n), newText: JSON.stringify(newName) }));
  return { changes: { [analysis.doc.uri]: edits } };
}
