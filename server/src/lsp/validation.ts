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
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection, Diagnostic, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { AnalysisProgress } from '../service/analyze';
import type { DocumentHead } from '../service/head';
import { t } from '../service/l10n';
import type { MarathonService } from '../service/service';
import { extractEntry, type WorkspaceIndex } from '../service/workspace';
import type { DocumentStore } from './documents';
import { noteWork } from './memory';

/** Milliseconds of analysis between two looks at the incoming messages. */
const SLICE_MS = 30;

/** Event-loop turns for the incoming messages between two slices (see `later`). */
const TURNS_BETWEEN_SLICES = 8;

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

  /**
   * Lets the index see what these documents now declare; true when that changed what
   * other documents see (they are to be validated again).
   */
  private updateIndex(uris: Iterable<string>): boolean {
    const before = this.index.generation;
    for (const uri of uris)
      try {
        const doc = this.documents.parse(uri);
        if (doc) this.index.setOpen(extractEntry(doc, this.service.model(doc)));
      } catch (e) {
        this.connection.console.error(`marathon: indexing ${uri} failed: ${(e as Error)?.stack ?? e}`);
      }
    return this.index.generation !== before;
  }

  private flush(): void {
    this.scheduled = undefined;
    const uris = new Set(this.pending);
    this.pending.clear();
    // A large document just opened shows the problems of its first apps before it is
    // even parsed whole (its job does the rest, index included).
    const heads = new Set<string>();
    for (const uri of uris) {
      const text = this.published.has(uri) ? undefined : this.documents.get(uri);
      const head = text && this.service.documentHead(text.getText());
      if (!text || !head) continue;
      heads.add(uri);
      uris.delete(uri);
      this.abandon(uri);
      this.jobs.set(
        uri,
        this.newJob(text.version, 0, false, (job) => this.fromHead(uri, job, head, text)),
      );
    }
    // First let the index see what the changed documents now declare; when that
    // changes what other documents see, they are validated again too.
    if (this.updateIndex(uris)) for (const d of this.documents.all()) if (!heads.has(d.uri)) uris.add(d.uri);
    for (const uri of uris) {
      // Work for an older version is abandoned; the new version starts afresh.
      this.abandon(uri);
      try {
        const doc = this.documents.parse(uri);
        if (!doc) continue;
        const parsed = doc.parsedChars ?? doc.text.length;
        this.jobs.set(
          uri,
          this.newJob(doc.version, parsed, this.published.has(uri), (job) =>
            this.service.diagnosticsInSteps(doc, job.counts),
          ),
        );
      } catch (e) {
        this.connection.console.error(`marathon: validation of ${uri} failed: ${(e as Error)?.stack ?? e}`);
      }
    }
    this.run();
  }

  /** A job whose steps (made by `steps`, which may update it) start at its first slice. */
  private newJob(
    version: number,
    parsedChars: number,
    partial: boolean,
    steps: (job: Job) => Job['steps'],
  ): Job {
    const job = { version, counts: {}, partial, parsedChars, notedChars: 0 } as Job;
    job.steps = steps(job);
    return job;
  }

  /**
   * The first analysis of a large document just opened: the diagnostics of its head
   * (parsed alone, in a few milliseconds) first, then the whole document: parsed, seen
   * by the cross-file index (other documents are checked again when that changes what
   * they see), analysed in steps that reuse what the head found.
   */
  private *fromHead(
    uri: string,
    job: Job,
    head: DocumentHead,
    lines: TextDocument,
  ): Generator<() => Diagnostic[], Diagnostic[]> {
    const first = this.service.headDiagnostics(uri, job.version, head, lines);
    if (first) yield () => first;
    if (this.updateIndex([uri]))
      for (const d of this.documents.all()) if (d.uri !== uri) this.schedule(d.uri);
    const doc = this.documents.parse(uri);
    if (!doc) return [];
    // An edit that came in meanwhile is parsed now: what follows describes its version
    // (the change has scheduled a new job too, which reuses this parse).
    job.version = doc.version;
    job.parsedChars = doc.parsedChars ?? doc.text.length;
    return yield* this.service.diagnosticsInSteps(doc, job.counts);
  }

  /** Advances the jobs for one time slice, then lets incoming messages in. */
  private run(): void {
    // Called directly (new work): the slice that was due is this one.
    if (this.running) clearImmediate(this.running);
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
            // Let the publication out (and the requests in) before going on.
            break;
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
    if (this.jobs.size) this.later();
  }

  /**
   * The next slice, a few event-loop turns from now: the protocol connection takes a turn
   * of its own for each incoming message it decodes and for each it handles, so with a
   * slice every turn, a message waited several slices (a close, a completion request, the
   * answer that starts the progress: 100-300 ms) where it now waits one at most.
   */
  private later(): void {
    let turns = TURNS_BETWEEN_SLICES;
    const next = () => {
      if (--turns > 0) this.running = setImmediate(next);
      else this.run();
    };
    this.running = setImmediate(next);
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
