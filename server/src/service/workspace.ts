/**
 * The cross-file index: what other definitions of the workspace declare that a
 * rule of this document must know (external volume names, app and pod ids).
 * Two layers: files read from disk, and open documents (whose live text wins).
 */
import { detect } from './detect';
import { parseDocument, type ParsedDocument } from './document';
import { bool, prop, str, type Node } from './json';
import { buildModel, type DefinitionModel } from './model';
import type { MarathonSettings } from './settings';

export interface IndexedName {
  uri: string;
  /** The name or id. */
  name: string;
  /** The app or pod that declares it. */
  ownerId: string | undefined;
  /** `external.shared`: shared volumes are exempt from the uniqueness check. */
  shared: boolean;
  provider: string | undefined;
  /** For ids: whether an app or a pod declares it. */
  kind?: 'app' | 'pod';
  /** For CSI volumes: `options.capability.accessMode` (it decides whether the name may be shared). */
  accessMode?: string;
  /** The volume is mounted read-only (`"mode": "RO"`). */
  readOnly?: boolean;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface IndexEntry {
  uri: string;
  externalVolumes: IndexedName[];
  ids: IndexedName[];
}

/** What rules may ask about the rest of the workspace. */
export interface WorkspaceView {
  /** External volumes with this name declared in other documents. */
  externalVolumesNamed(name: string, exceptUri: string): IndexedName[];
  /** Apps and pods with this absolute id declared in other documents. */
  definitionsWithId(id: string, exceptUri: string): IndexedName[];
}

export const EMPTY_WORKSPACE: WorkspaceView = {
  externalVolumesNamed: () => [],
  definitionsWithId: () => [],
};

export function extractEntry(doc: ParsedDocument, model: DefinitionModel | undefined): IndexEntry {
  const entry: IndexEntry = { uri: doc.uri, externalVolumes: [], ids: [] };
  if (!model) return entry;
  const range = (n: Node) => ({
    start: doc.lines.positionAt(n.offset),
    end: doc.lines.positionAt(n.offset + n.length),
  });
  for (const app of model.apps) {
    const idNode = prop(app.node, 'id');
    if (app.absoluteId && idNode)
      entry.ids.push({
        uri: doc.uri,
        name: app.absoluteId,
        ownerId: app.absoluteId,
        shared: false,
        provider: undefined,
        kind: 'app',
        range: range(idNode),
      });
    for (const v of app.volumes) {
      if (v.kind !== 'external-dvdi' && v.kind !== 'external-csi') continue;
      const ext = prop(v.node, 'external');
      const nameNode = prop(ext, 'name');
      const name = str(nameNode);
      if (!name || !nameNode) continue;
      entry.externalVolumes.push({
        uri: doc.uri,
        name,
        ownerId: app.absoluteId,
        shared: bool(prop(ext, 'shared')) === true,
        provider: str(prop(ext, 'provider')),
        accessMode: str(prop(prop(prop(ext, 'options'), 'capability'), 'accessMode')),
        readOnly: str(prop(v.node, 'mode'))?.toUpperCase() === 'RO',
        range: range(nameNode),
      });
    }
  }
  for (const pod of model.pods) {
    const idNode = prop(pod.node, 'id');
    if (pod.absoluteId && idNode)
      entry.ids.push({
        uri: doc.uri,
        name: pod.absoluteId,
        ownerId: pod.absoluteId,
        shared: false,
        provider: undefined,
        kind: 'pod',
        range: range(idNode),
      });
  }
  return entry;
}

/** A short, order-independent fingerprint of what other documents' rules read from an entry. */
export function entryKey(e: IndexEntry | undefined): string {
  if (!e) return '';
  const vols = e.externalVolumes
    .map((v) => [v.name, v.shared, v.provider, v.accessMode, v.readOnly, v.ownerId].join('\u0001'))
    .sort();
  const ids = e.ids.map((i) => `${i.name}\u0001${i.kind}`).sort();
  return vols.join('\u0002') + '\u0003' + ids.join('\u0002');
}

/** The index entry of a file's text (undefined when it is not a Marathon definition). */
export function indexText(uri: string, text: string, settings: MarathonSettings): IndexEntry | undefined {
  const doc = parseDocument(uri, 0, text, settings.limits);
  const kind = detect(uri, doc.tree, settings, doc.template).kind;
  if (!kind || !doc.tree) return undefined;
  return extractEntry(doc, buildModel(kind, doc.tree));
}

export class WorkspaceIndex implements WorkspaceView {
  /** Grows whenever what other documents see changes (analyses cached for older generations are stale). */
  generation = 0;
  private readonly disk = new Map<string, IndexEntry>();
  private readonly open = new Map<string, IndexEntry>();
  private readonly volumeNames = new Map<string, Set<string>>();
  private readonly idNames = new Map<string, Set<string>>();

  /** Records the entry of a file read from disk. Returns true when what others see changed. */
  setDisk(entry: IndexEntry): boolean {
    return this.update(entry.uri, () => this.disk.set(entry.uri, entry));
  }

  deleteDisk(uri: string): boolean {
    return this.update(uri, () => this.disk.delete(uri));
  }

  /** Records the entry of an open document (its live text wins over the disk). */
  setOpen(entry: IndexEntry): boolean {
    return this.update(entry.uri, () => this.open.set(entry.uri, entry));
  }

  /** The document was closed: the disk version (if any) applies again. */
  closeDocument(uri: string): boolean {
    return this.update(uri, () => this.open.delete(uri));
  }

  /** Forgets every file under a folder URI (a workspace folder was removed). */
  deleteUnder(folderUri: string): boolean {
    const prefix = folderUri.endsWith('/') ? folderUri : folderUri + '/';
    let changed = false;
    for (const uri of [...this.disk.keys()])
      if (uri.startsWith(prefix)) changed = this.deleteDisk(uri) || changed;
    return changed;
  }

  get size(): number {
    return new Set([...this.disk.keys(), ...this.open.keys()]).size;
  }

  entry(uri: string): IndexEntry | undefined {
    return this.open.get(uri) ?? this.disk.get(uri);
  }

  externalVolumesNamed(name: string, exceptUri: string): IndexedName[] {
    return this.lookup(this.volumeNames, name, exceptUri, (e) => e.externalVolumes);
  }

  definitionsWithId(id: string, exceptUri: string): IndexedName[] {
    return this.lookup(this.idNames, id, exceptUri, (e) => e.ids);
  }

  private lookup(
    names: Map<string, Set<string>>,
    name: string,
    exceptUri: string,
    pick: (e: IndexEntry) => IndexedName[],
  ): IndexedName[] {
    const out: IndexedName[] = [];
    for (const uri of names.get(name) ?? []) {
      if (uri === exceptUri) continue;
      const e = this.entry(uri);
      if (e) out.push(...pick(e).filter((n) => n.name === name));
    }
    // By file, whatever order the files were indexed or opened in: the messages that
    // name them must not change with the history of the session.
    return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  private update(uri: string, change: () => void): boolean {
    const before = this.entry(uri);
    change();
    const after = this.entry(uri);
    if (before === after) return false;
    for (const v of before?.externalVolumes ?? []) this.volumeNames.get(v.name)?.delete(uri);
    for (const i of before?.ids ?? []) this.idNames.get(i.name)?.delete(uri);
    for (const v of after?.externalVolumes ?? []) add(this.volumeNames, v.name, uri);
    for (const i of after?.ids ?? []) add(this.idNames, i.name, uri);
    const changed = entryKey(before) !== entryKey(after);
    if (changed) this.generation++;
    return changed;
  }
}

function add(map: Map<string, Set<string>>, key: string, uri: string): void {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  s.add(uri);
}
