/**
 * The workspace side of the cross-file rules: finds the Marathon definitions of the
 * workspace folders on disk, keeps what they declare (external volume names, ids)
 * in the `WorkspaceIndex`, and follows file events, so that a clash with a file that
 * is not open is reported, and clears when that file changes.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileChangeType, type Connection, type FileEvent } from 'vscode-languageserver/node';
import { t, type Locale } from '../service/l10n';
import type { MarathonSettings } from '../service/settings';
import { indexText, type WorkspaceIndex } from '../service/workspace';

/** Folders never searched for definitions. */
const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'out',
  'target',
  '.vscode-test',
  '.cache',
]);
const MAX_FILE_SIZE = 4 * 1024 * 1024;

export const INDEX_MESSAGES = {
  title: 'Indexing Marathon definitions',
  progress: '{done} of {total} files',
} as const;

export class WorkspaceIndexer {
  private readonly folders = new Set<string>();
  private generationOfScan = 0;

  constructor(
    private readonly connection: Connection,
    private readonly index: WorkspaceIndex,
    private readonly settings: () => MarathonSettings,
    private readonly locale: () => Locale,
    /** Called when the index changed in a way open documents must see. */
    private readonly onChange: () => void,
  ) {}

  /** Indexes the given folders (URIs) from scratch. */
  async addFolders(uris: string[]): Promise<void> {
    const roots = uris.map(toPath).filter((p): p is string => !!p);
    for (const r of roots) this.folders.add(r);
    if (!roots.length) return;
    const scan = ++this.generationOfScan;
    const files: string[] = [];
    for (const r of roots) await collect(r, files, this.settings().limits.maxIndexedFiles);
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    const locale = this.locale();
    progress?.begin(t(locale, INDEX_MESSAGES.title), 0, undefined, false);
    let done = 0;
    let changed = false;
    let next = 0;
    const worker = async () => {
      for (let file = files[next++]; file; file = files[next++]) {
        if (scan !== this.generationOfScan && !this.folders.size) return;
        // A folder removed while it was being scanned: its files are not indexed (any more).
        if (!this.inFolder(file)) continue;
        changed = (await this.indexFile(file)) || changed;
        if (!this.inFolder(file)) changed = this.index.deleteDisk(pathToFileURL(file).href) || changed;
        done++;
        if (done % 200 === 0 || done === files.length)
          progress?.report(
            Math.round((100 * done) / Math.max(1, files.length)),
            t(locale, INDEX_MESSAGES.progress, { done, total: files.length }),
          );
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    progress?.done();
    if (changed) this.onChange();
  }

  private inFolder(file: string): boolean {
    for (const root of this.folders)
      if (file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) return true;
    return false;
  }

  removeFolders(uris: string[]): void {
    let changed = false;
    for (const uri of uris) {
      const p = toPath(uri);
      if (p) this.folders.delete(p);
      changed = this.index.deleteUnder(uri) || changed;
    }
    if (changed) this.onChange();
  }

  /** Follows `workspace/didChangeWatchedFiles`. */
  async filesChanged(events: FileEvent[]): Promise<void> {
    let changed = false;
    for (const e of events) {
      const file = typeof e?.uri === 'string' ? toPath(e.uri) : undefined;
      if (!file) continue;
      if (e.type === FileChangeType.Deleted) {
        changed = this.index.deleteDisk(pathToFileURL(file).href) || changed;
        changed = this.index.deleteUnder(pathToFileURL(file).href) || changed;
      } else if (file.endsWith('.json')) changed = (await this.indexFile(file)) || changed;
    }
    if (changed) this.onChange();
  }

  /** Reads and indexes one file; a file that cannot be read is forgotten. */
  private async indexFile(file: string): Promise<boolean> {
    const uri = pathToFileURL(file).href;
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile() || stat.size > MAX_FILE_SIZE) return this.index.deleteDisk(uri);
      const text = await fs.readFile(file, 'utf8');
      // Only definitions with ids or external volumes matter to other files.
      if (!text.includes('"id"')) return this.index.deleteDisk(uri);
      const entry = indexText(uri, text, this.settings());
      return entry ? this.index.setDisk(entry) : this.index.deleteDisk(uri);
    } catch {
      return this.index.deleteDisk(uri);
    }
  }
}

function toPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** Collects `.json` files under `dir` (iteratively, skipping build and VCS folders), at most `max`. */
async function collect(root: string, out: string[], max: number): Promise<void> {
  const stack = [root];
  while (stack.length && out.length < max) {
    const dir = stack.pop()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) stack.push(path.join(dir, e.name));
      } else if (e.isFile() && e.name.endsWith('.json') && out.length < max) out.push(path.join(dir, e.name));
    }
  }
}
