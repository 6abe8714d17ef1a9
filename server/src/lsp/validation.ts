/**
 * When to validate and publish. Every change schedules its document; the work runs
 * once the incoming messages of the moment are handled (so a flood of edits costs one
 * validation of the latest version), and diagnostics are published with the version
 * they describe.
 *
 * A document's first analysis after it is opened runs in time slices (see
 * `analysisSteps`): the diagnostics of its first step (50 apps and pods) are published at once,
 * the rest as soon as they are complete, and requests are answered in between. A
 * newer version abandons the work for an older one (the apps checked so far are kept
 * for the next analysis). While such an analysis runs, the editor shows its progress
 * (a work-done progress that ends when the diagnostics are complete or the work is
 * abandoned). Later analyses reuse the results of unchanged apps and run in one go.
 */
import path from 'node:path';
import type { Connection, Diagnostic, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { AnalysisProgress } from '../service/analyze';
import { t } from '../service/l10n';
import type { MarathonService } from '../service/service';
import { extractEntry, type WorkspaceIndex } from '../service/workspace';
import type { DocumentStore } from './documents';
import { noteWork } from './memory';

/** Milliseconds of analysis between two looks at the incoming messages. */
const SLICE_MS = 30;

export const VALIDATION_MESSAGES = {
  title: 'Checking {file}',
  progress: '{done} of {total} apps and pods',
} as const;

interface Job {
  version: number;
  steps: Generator<() => Diagnostic[], Diagnostic[]>;
  counts: AnalysisProgress;
  /** A partial result was published already (only one, the first). */
  partial: boolean;
  /** The editor's progress indicator, once partial results are published or a slice is not enough. */
  progress?: Promise<WorkDoneProgressReporter | undefined>;
  /** Characters parsed to make this version (all of them, or the unit around an edit). */
  parsedChars: number;
  /** The work already reported to `noteWork` (characters parsed and checked). */
  notedChars: number;
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
    this.endProgress(job);
    try {
      job.steps.return([]);
    } catch {
      // nothing to keep
    }
  }

  private startProgress(uri: string, job: Job): void {
    const locale = this.service.locale;
    const file = path.posix.basename(uri.replace(/[?#].*$/, '')) || uri;
    const percent = this.percent(job);
    job.progress = this.connection.window
      .createWorkDoneProgress()
      .then((p) => {
        // Finished or abandoned before the editor answered: nothing to show.
        if (this.jobs.get(uri) !== job) {
          p.done();
          return undefined;
        }
        p.begin(t(locale, VALIDATION_MESSAGES.title, { file }), percent, undefined, false);
        return p;
      })
      .catch(() => undefined);
  }

  private reportProgress(job: Job): void {
    const { done = 0, total = 0 } = job.counts;
    const message = t(this.service.locale, VALIDATION_MESSAGES.progress, { done, total });
    const percent = this.percent(job);
    void job.progress?.then((p) => p?.report(percent, message));
  }

  private endProgress(job: Job): void {
    void job.progress?.then((p) => p?.done());
  }

  private percent(job: Job): number {
    const { done = 0, total = 0 } = job.counts;
    return total ? Math.floor((100 * done) / total) : 0;
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
        const counts: AnalysisProgress = {};
        const steps = this.service.diagnosticsInSteps(doc, counts);
        this.jobs.set(uri, {
          version: doc.version,
          steps,
          counts,
          partial: this.published.has(uri),
          parsedChars: doc.parsedChars ?? doc.text.length,
          notedChars: 0,
        });
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
            this.publish(uri, job, r.value);
            this.endProgress(job);
            break;
          }
          // A document that shows nothing yet gets what the first step found at once, and
          // the editor shows the progress of the rest (created first: a client that sees
          // the partial publication knows that more is coming).
          if (!job.partial) {
            job.partial = true;
            this.startProgress(uri, job);
            this.publish(uri, job, r.value());
          }
          if (performance.now() - start < SLICE_MS) continue;
          // Out of time: let other messages in.
          if (!job.progress) this.startProgress(uri, job);
          else this.reportProgress(job);
          break;
        }
      } catch (e) {
        this.jobs.delete(uri);
        this.endProgress(job);
        this.connection.console.error(`marathon: validation of ${uri} failed: ${(e as Error)?.stack ?? e}`);
      }
      if (performance.now() - start >= SLICE_MS) break;
    }
    if (this.jobs.size && !this.running) this.running = setImmediate(() => this.run());
  }

  private publish(uri: string, job: Job, diagnostics: Diagnostic[]): void {
    // Every open document gets a publication for its latest version (empty for documents
    // that are not Marathon definitions), so that clients can tell "checked, nothing to
    // say" from "not checked yet".
    void this.connection.sendDiagnostics({ uri, version: job.version, diagnostics });
    this.published.add(uri);
    // The work done for it: the text parsed (all of it, or the unit around an edit) and
    // the apps and pods checked (not those taken from the cache).
    const work = job.parsedChars + (job.counts.checkedChars ?? 0);
    noteWork(work - job.notedChars);
    job.notedChars = work;
  }
}
