/**
 * The protocol wiring: capabilities, document sync, settings, the workspace index
 * and one small handler per request, each delegating to the pure service.
 */
import { createHash } from 'node:crypto';
import {
  CodeActionKind,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type Position,
} from 'vscode-languageserver/node';
import { FIX_ALL_KIND } from '../service/codeActions';
import type { ParsedDocument } from '../service/document';
import { toLocale } from '../service/l10n';
import { MarathonService } from '../service/service';
import { resolveSettings } from '../service/settings';
import { WorkspaceIndex } from '../service/workspace';
import { DocumentStore, isPosition, isRange } from './documents';
import { WorkspaceIndexer } from './indexer';
import { noteClosed } from './memory';
import { SettingsSource } from './settings';
import { ValidationScheduler } from './validation';

export class MarathonLanguageServer {
  private readonly index = new WorkspaceIndex();
  private readonly service = new MarathonService({ workspace: this.index });
  private readonly documents = new DocumentStore(this.service);
  private readonly settingsSource: SettingsSource;
  private readonly validation: ValidationScheduler;
  private readonly indexer: WorkspaceIndexer;
  private workspaceFolders: string[] = [];
  private resolveSupport = false;
  private watcherRegistration = false;
  private foldersEvents = false;

  constructor(private readonly connection: Connection) {
    this.settingsSource = new SettingsSource(connection);
    this.validation = new ValidationScheduler(connection, this.documents, this.service, this.index);
    this.indexer = new WorkspaceIndexer(
      connection,
      this.index,
      () => this.service.settings,
      () => this.service.locale,
      () => this.validation.scheduleAll(),
    );
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => this.background('initialization', this.initialized()));
    c.onDidChangeConfiguration((p) => this.background('settings', this.reloadSettings(p?.settings)));
    c.onDidChangeWatchedFiles((p) =>
      this.background('file events', this.indexer.filesChanged(Array.isArray(p?.changes) ? p.changes : [])),
    );
    this.documents.listen(c, {
      opened: (uri) => this.validation.schedule(uri),
      changed: (uri) => this.validation.schedule(uri),
      closed: (uri, length) => this.closed(uri, length),
    });
    c.onCodeAction((p) => this.codeActions(p));
    c.onCodeActionResolve((a) => this.resolveCodeAction(a));
    c.onCompletion((p) => this.atPosition(p, (d, at) => this.service.completion(d, at)));
    c.onHover((p) => this.atPosition(p, (d, at) => this.service.hover(d, at)));
    c.onDocumentSymbol((p) => this.withDoc(p?.textDocument?.uri, (d) => this.service.documentSymbols(d)));
    c.onDefinition((p) => this.atPosition(p, (d, at) => this.service.definition(d, at)));
    c.onReferences((p) =>
      this.atPosition(p, (d, at) => this.service.references(d, at, p.context?.includeDeclaration === true)),
    );
    c.onPrepareRename((p) => this.atPosition(p, (d, at) => this.service.prepareRename(d, at)));
    c.onRenameRequest((p) =>
      typeof p?.newName === 'string'
        ? this.atPosition(p, (d, at) => this.service.rename(d, at, p.newName))
        : null,
    );
    c.onShutdown(() => undefined);
    c.listen();
  }

  private initialize(p: InitializeParams): InitializeResult {
    this.service.locale = toLocale(p.locale);
    const caps = p.capabilities;
    this.service.snippetSupport = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
    this.settingsSource.pull = !!caps.workspace?.configuration;
    this.resolveSupport = !!caps.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit');
    this.watcherRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.foldersEvents = !!caps.workspace?.workspaceFolders;
    this.workspaceFolders = p.workspaceFolders?.map((f) => f.uri) ?? (p.rootUri ? [p.rootUri] : []);
    const init = p.initializationOptions as { settings?: unknown } | undefined;
    // Initial settings from the client, if it sent them; pulled again once initialized
    // (workspace/configuration may not be sent before the initialize response).
    if (init?.settings) this.service.settings = resolveSettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND],
          resolveProvider: true,
        },
        completionProvider: { triggerCharacters: ['"', ':'], resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'marathon-language-server' },
    };
  }

  private async initialized(): Promise<void> {
    await this.reloadSettings(undefined);
    if (this.foldersEvents)
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const uris = (list: unknown) =>
          Array.isArray(list)
            ? list.map((f) => f?.uri).filter((u): u is string => typeof u === 'string')
            : [];
        this.indexer.removeFolders(uris(e?.removed));
        this.background('indexing', this.indexer.addFolders(uris(e?.added)));
      });
    if (this.watcherRegistration)
      void this.connection.client
        .register((await import('vscode-languageserver/node')).DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.json' }],
        })
        .catch(() => undefined);
    this.background('indexing', this.indexer.addFolders(this.workspaceFolders));
  }

  private async reloadSettings(pushed: unknown): Promise<void> {
    const settings = await this.settingsSource.fetch(pushed);
    // Editors announce a configuration change at start-up and on changes to any section:
    // settings that stay the same do not restart the work in progress.
    if (JSON.stringify(settings) === JSON.stringify(this.service.settings)) return;
    this.service.settings = settings;
    this.validation.scheduleAll();
  }

  private closed(uri: string, length: number): void {
    this.validation.clear(uri);
    if (this.index.closeDocument(uri)) this.validation.scheduleAll();
    noteClosed(length);
  }

  /** Work that nobody awaits: a failure is logged, never an unhandled rejection. */
  private background(what: string, work: Promise<unknown>): void {
    work.catch((e) => this.connection.console.error(`marathon: ${what} failed: ${(e as Error)?.stack ?? e}`));
  }

  /** Runs `f` on the parsed current version of an open document (null when it is not open). */
  private withDoc<T>(uri: string | undefined, f: (d: ParsedDocument) => T): T | null {
    if (typeof uri !== 'string') return null;
    try {
      const doc = this.documents.parse(uri);
      return doc ? f(doc) : null;
    } catch (e) {
      this.connection.console.error(`marathon: request on ${uri} failed: ${(e as Error)?.stack ?? e}`);
      return null;
    }
  }

  /** `withDoc` for requests at a position: a malformed position gets no answer (null), not an error. */
  private atPosition<T>(
    p: { textDocument?: { uri?: string }; position?: unknown } | undefined,
    f: (d: ParsedDocument, position: Position) => T,
  ): T | null {
    const position = p?.position;
    return isPosition(position) ? this.withDoc(p?.textDocument?.uri, (d) => f(d, position)) : null;
  }

  private codeActions(p: CodeActionParams): CodeAction[] | null {
    if (!isRange(p?.range)) return null;
    let text: string | undefined;
    const { diagnostics, only } = context(p.context);
    const actions = this.withDoc(p.textDocument?.uri, (d) => {
      text = this.resolveSupport ? fingerprint(d.text) : undefined;
      return this.service.codeActions(d, p.range, diagnostics, only);
    });
    if (!actions || !this.resolveSupport) return actions;
    // Clients that resolve get the edits on demand; the data says where to find them again:
    // the same request, restricted to the action's kind, on the same text (a client may
    // resolve after undoing an edit: another version, the same text, the same edit).
    const ordinal = new Map<string, number>();
    return actions.map((a) => {
      const kind = a.kind ?? '';
      const diagnostics = kind === CodeActionKind.QuickFix ? (a.diagnostics ?? []) : [];
      const key = kind + JSON.stringify(diagnostics);
      const index = ordinal.get(key) ?? 0;
      ordinal.set(key, index + 1);
      const data: ResolveData = {
        uri: p.textDocument.uri,
        text: text!,
        range: p.range,
        index,
        title: a.title,
        diagnostics,
      };
      return { ...a, edit: undefined, data };
    });
  }

  private resolveCodeAction(action: CodeAction): CodeAction {
    const data = action?.data as ResolveData | undefined;
    if (typeof data?.uri !== 'string' || typeof action.kind !== 'string' || !isRange(data.range))
      return action;
    const { diagnostics } = context({ diagnostics: data.diagnostics });
    const actions = this.withDoc(data.uri, (d) =>
      // An edit computed for another text would land in the wrong place: none then.
      fingerprint(d.text) === data.text
        ? this.service.codeActions(d, data.range, diagnostics, [action.kind!])
        : [],
    );
    const ofKind = (actions ?? []).filter((a) => a.kind === action.kind);
    const same =
      ofKind[data.index]?.title === data.title
        ? ofKind[data.index]
        : ofKind.find((a) => a.title === data.title);
    return same ? { ...action, edit: same.edit } : action;
  }
}

/** A code action request's context, with what is malformed in it left out. */
function context(c: Partial<CodeActionParams['context']> | undefined): {
  diagnostics: Diagnostic[];
  only: string[] | undefined;
} {
  const diagnostics = Array.isArray(c?.diagnostics) ? c.diagnostics.filter((d) => isRange(d?.range)) : [];
  const only = Array.isArray(c?.only) ? c.only.filter((k): k is string => typeof k === 'string') : undefined;
  return { diagnostics, only };
}

/** What a code action carries until it is resolved. */
interface ResolveData {
  uri: string;
  /** Fingerprint of the text the action was computed on. */
  text: string;
  range: CodeActionParams['range'];
  /** Position among the actions of the same kind (and, for quick fixes, diagnostic) of the request. */
  index: number;
  title: string;
  diagnostics: CodeActionParams['context']['diagnostics'];
}

/** A short fingerprint of a document text. */
function fingerprint(text: string): string {
  return `${text.length}:${createHash('sha1').update(text).digest('base64')}`;
}
