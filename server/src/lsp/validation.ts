/**
 * When to validate and publish: every change schedules its document; the work runs
 * once the incoming messages of the moment are handled (so a flood of edits costs one
 * validation of the latest version), and diagnostics are published with the version
 * they were computed for. A version that a newer edit superseded is never validated.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { MarathonService } from '../service/service';
import type { DocumentStore } from './documents';
import { noteWork } from './memory';
import { extractEntry, type WorkspaceIndex } from '../service/workspace';

export class ValidationScheduler {
  private readonly pending = new Set<string>();
  private scheduled: NodeJS.Immediate | undefined;
  /** Documents that got diagnostics (so that they can be cleared). */
  private readonly published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: DocumentStore,
    private readonly service: MarathonService,
    private readonly index: WorkspaceIndex,
  ) {}

  schedule(uri: string): void {
    this.pending.add(uri);
    if (!this.scheduled) this.scheduled = setImmediate(() => this.flush());
  }

  scheduleAll(): void {
    for (const d of this.documents.all()) this.pending.add(d.uri);
    if (!this.scheduled) this.scheduled = setImmediate(() => this.flush());
  }

  /** Clears what was published for a closed document. */
  clear(uri: string): void {
    this.pending.delete(uri);
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private updateIndex(uri: string): void {
    try {
      const doc = this.documents.parse(uri);
      if (!doc) return;
      const model = this.service.analysis(doc).model;
      this.index.setOpen(extractEntry(doc, model));
    } catch (e) {
      this.connection.console.error(`marathon: indexing ${uri} failed: ${(e as Error)?.stack ?? e}`);
    }
  }

  private flush(): void {
    this.scheduled = undefined;
    const uris = new Set(this.pending);
    this.pending.clear();
    // First let the index see what the changed documents now declare; when that
    // changes what other documents see, they are validated again too.
    const before = this.index.generation;
    for (const uri of uris) this.updateIndex(uri);
    if (this.index.generation !== before) for (const d of this.documents.all()) uris.add(d.uri);
    for (const uri of uris) {
      try {
        const doc = this.documents.parse(uri);
        if (!doc) continue;
        const diagnostics = this.service.diagnostics(doc);
        // Every open document gets a publication for its latest version (empty for
        // documents that are not Marathon definitions), so that clients can tell
        // "checked, nothing to say" from "not checked yet".
        void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
        this.published.add(uri);
        noteWork(doc.text.length);
      } catch (e) {
        this.connection.console.error(`marathon: validation of ${uri} failed: ${(e as Error)?.stack ?? e}`);
      }
    }
  }
}
