/**
 * A test client for the built server (`dist/server.js --stdio`): real processes, the
 * real protocol, no sleeps (every wait is on a notification or a response).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';

interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export const ROOT = path.resolve(import.meta.dirname, '..');
/** The server under test: the build in dist/, or another one (e.g. a private build) named by MARATHON_SERVER. */
export const SERVER = process.env.MARATHON_SERVER
  ? path.resolve(process.env.MARATHON_SERVER)
  : path.join(ROOT, 'dist', 'server.js');

export interface StartOptions {
  locale?: string;
  /** The `marathon` settings section. */
  settings?: Record<string, unknown>;
  /** Other configuration sections by name (e.g. `json` for another server). */
  configuration?: Record<string, unknown>;
  /** Another server to start instead of ours (benchmarks). */
  command?: string;
  args?: string[];
  workspaceFolder?: string;
  resolveSupport?: boolean;
}

export class TestClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly conn: MessageConnection;
  private readonly published = new Map<string, PublishDiagnosticsParams>();
  private waiters: (() => void)[] = [];
  /** When the latest publication for each URI arrived (performance.now()). */
  readonly publishedAt = new Map<string, number>();
  /** When the latest open or change of each URI was sent. */
  private readonly sentAt = new Map<string, number>();
  private versions = new Map<string, number>();
  settings: Record<string, unknown>;
  stderr = '';
  progress: unknown[] = [];
  /** Messages the server logged as errors (window/logMessage of type Error). */
  readonly loggedErrors: string[] = [];
  /** Work-done progress tokens the server created, and those it ended. */
  readonly createdProgress = new Set<string | number>();
  readonly endedProgress = new Set<string | number>();

  constructor(options: StartOptions = {}) {
    this.settings = options.settings ?? {};
    const configuration = options.configuration ?? {};
    this.proc = spawn(options.command ?? process.execPath, options.args ?? [SERVER, '--stdio'], {
      stdio: 'pipe',
    });
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    this.conn = createMessageConnection(
      new StreamMessageReader(this.proc.stdout),
      new StreamMessageWriter(this.proc.stdin),
    );
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, p);
      this.publishedAt.set(p.uri, performance.now());
      for (const w of [...this.waiters]) w();
    });
    // What the server logs as an error is a failure it survived: tests assert there is none.
    this.conn.onNotification('window/logMessage', (m: { type?: number; message?: string }) => {
      if (m?.type === 1) this.loggedErrors.push(String(m.message));
    });
    this.conn.onNotification('$/progress', (p: { token: string | number; value?: { kind?: string } }) => {
      this.progress.push(p);
      if (p.value?.kind === 'end') this.endedProgress.add(p.token);
      for (const w of [...this.waiters]) w();
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) =>
        i.section === 'marathon' ? this.settings : (configuration[i.section ?? ''] ?? null),
      ),
    );
    this.conn.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.createdProgress.add(p.token);
      return null;
    });
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onNotification(() => undefined);
    this.conn.listen();
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const c = new TestClient(options);
    const root = options.workspaceFolder ? pathToFileURL(options.workspaceFolder).href : null;
    await c.conn.sendRequest('initialize', {
      processId: process.pid,
      locale: options.locale ?? 'en',
      rootUri: root,
      workspaceFolders: root ? [{ uri: root, name: 'ws' }] : null,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        window: { workDoneProgress: true },
        textDocument: {
          publishDiagnostics: {
            versionSupport: true,
            relatedInformation: true,
            codeDescriptionSupport: true,
            dataSupport: true,
          },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } },
            ...(options.resolveSupport
              ? { resolveSupport: { properties: ['edit'] }, dataSupport: true }
              : {}),
          },
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    c.conn.sendNotification('initialized', {});
    if (options.configuration)
      c.conn.sendNotification('workspace/didChangeConfiguration', { settings: options.configuration });
    return c;
  }

  /** Resolves with the first publication for `uri` at `version` or later. */
  diagnostics(uri: string, version = this.versions.get(uri) ?? 1, timeoutMs = 10000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(
          new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms; stderr: ${this.stderr}`),
        );
      }, timeoutMs);
      const check = () => {
        const p = this.published.get(uri);
        // Servers that publish without a version: the first publication after the last change counts.
        const fresh =
          p &&
          (p.version === undefined
            ? (this.publishedAt.get(uri) ?? 0) >= (this.sentAt.get(uri) ?? 0)
            : p.version >= version);
        if (p && fresh) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve(p.diagnostics);
        }
      };
      this.waiters.push(check);
      check();
    });
  }

  /**
   * Resolves when every work-done progress the server created so far has ended (a
   * server that reports long work this way has then finished it).
   */
  settled(timeoutMs = 20000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`work-done progress still running after ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        if ([...this.createdProgress].every((t) => this.endedProgress.has(t))) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve();
        }
      };
      this.waiters.push(check);
      check();
    });
  }

  /** Resolves when the next publication for `uri` arrives (for changes that keep the version). */
  nextDiagnostics(uri: string, timeoutMs = 10000): Promise<Diagnostic[]> {
    const before = this.published.get(uri);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no new diagnostics for ${uri}`)), timeoutMs);
      const check = () => {
        const p = this.published.get(uri);
        if (p && p !== before) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve(p.diagnostics);
        }
      };
      this.waiters.push(check);
    });
  }

  open(uri: string, text: string, languageId = 'json'): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    this.published.delete(uri);
    this.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
    this.sentAt.set(uri, performance.now());
    return this.diagnostics(uri, 1);
  }

  /** Replaces the whole text (or a range, when given) and waits for the new version's diagnostics. */
  change(
    uri: string,
    text: string,
    range?: { start: { line: number; character: number }; end: { line: number; character: number } },
  ): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [range ? { range, text } : { text }],
    });
    this.sentAt.set(uri, performance.now());
    return this.diagnostics(uri, version);
  }

  close(uri: string): void {
    this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill();
        resolve();
      }, 3000);
      this.proc.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.conn.dispose();
  }
}

export function fileUri(...parts: string[]): string {
  return pathToFileURL(path.join(...parts)).href;
}
