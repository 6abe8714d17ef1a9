/**
 * When to validate and publish. Every change schedules its document; the work runs
 * once the incoming messages of the moment are handled (so a flood of edits costs one
 * validation of the latest version), and diagnostics are published with the version
 * they describe.
 *
 * A document's first analysis after it is opened runs in time slices (see
 * `analysisSteps`): the diagnostics found in the first slice are published at once,
 * the rest as soon as they are complete, and requests are answered in between. A
 * newer version abandons the work for an older one (the apps checked so far are kept
 * for the next analysis). Later analyses reuse the results of unchanged apps and run
 * in one go.
 */
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import type { MarathonService } from '../service/service';
import { extractEntry, type WorkspaceIndex } from '../service/workspace';
import type { DocumentStore } from './documents';
import { noteWork } from './memory';

/** Milliseconds of analysis between two looks at the incoming messages. */
const SLICE_MS = 30;

interface Job {
  version: number;
  steps: Generator<Diagnostic[], Diagnostic[]>;
  /** A partial result was published already (only one, the first). */
  partial: boolean;
}

export class ValidationScheduler {
  private readonly pending = new Set<string>();
  private scheduled: NodeJS.Immediate | undefined;
  /** Documents that got diagnostics since they were opened (so that they can be cleared). */
  private readonly published = new Set<string>();
  private readonly jobs = new Map<string, Job>();
  private running: NodeJS.Immediate | undefined;

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

  /** Clears what was published for a closed document, and abandons its work. */
  clear(uri: string): void {
    this.pending.delete(uri);
    this.abandon(uri);
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private abandon(uri: string): void {
    const job = this.jobs.get(uri);
    if (!job) return;
    this.jobs.delete(uri);
    try {
      job.steps.return([]);
    } catch {
      // nothing to keep
    }
  }

  private updateIndex(uri: string): void {
    try {
      const doc = this.documents.parse(uri);
      if (!doc) return;
      this.index.setOpen(extractEntry(doc, this.service.model(doc)));
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
      // Work for an older version is abandoned; the new version starts afresh.
      this.abandon(uri);
      try {
        const doc = this.documents.parse(uri);
        if (!doc) continue;
        const steps = this.service.diagnosticsInSteps(doc);
        this.jobs.set(uri, { version: doc.version, steps, partial: this.published.has(uri) });
      } catch (e) {
        this.connection.console.error(`marathon: validation of ${uri} failed: ${(e as Error)?.stack ?? e}`);
      }
    }
    this.run();
  }

  /** Advances the jobs for one time slice, then lets incoming messages in. */
  private run(): void {
    this.running = undefined;
    const start = performance.now();
    for (const [uri, job] of this.jobs) {
      try {
        for (;;) {
          const r = job.steps.next();
          if (r.done) {
            this.jobs.delete(uri);
            this.publish(uri, job.version, r.value);
            break;
          }
          if (performance.now() - start < SLICE_MS) continue;
          // Out of time: a document that shows nothing yet gets what is known so far.
          if (!job.partial) {
            job.partial = true;
            this.publish(uri, job.version, r.value);
          }
          break;
        }
      } catch (e) {
        this.jobs.delete(uri);
        this.connection.console.error(`marathon: validation of ${uri} failed: ${(e as Error)?.stack ?? e}`);
      }
      if (performance.now() - start >= SLICE_MS) break;
    }
    if (this.jobs.size && !this.running) this.running = setImmediate(() => this.run());
  }

  private publish(uri: string, version: number, diagnostics: Diagnostic[]): void {
    // Every open document gets a publication for its latest version (empty for documents
    // that are not Marathon definitions), so that clients can tell "checked, nothing to
    // say" from "not checked yet".
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
    this.published.add(uri);
    const doc = this.documents.get(uri);
    if (doc) noteWork(doc.getText().length);
  }
}
