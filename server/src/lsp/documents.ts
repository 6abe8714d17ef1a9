/**
 * The open documents, synced incrementally. Besides the text, the store remembers
 * which span changed since the service last parsed a document, so that the service
 * can re-parse only the container around it. Notifications that break the protocol
 * (changes for unopened documents, stale versions) are ignored, never fatal.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  Connection,
  DidChangeTextDocumentParams,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';
import type { ParsedDocument } from '../service/document';
import type { MarathonService } from '../service/service';

interface Open {
  doc: TextDocument;
  /** Version the service last parsed, and the span changed since: [start, oldEnd) of that text → [start, newEnd) now. */
  base: number | undefined;
  start: number;
  oldEnd: number;
  newEnd: number;
  /** An edit the span cannot describe (several changes at once, full replacement): parse fully. */
  full: boolean;
}

export interface DocumentEvents {
  opened(uri: string): void;
  changed(uri: string): void;
  /** `length`: how long the closed document was. */
  closed(uri: string, length: number): void;
}

export class DocumentStore {
  private readonly open = new Map<string, Open>();

  constructor(private readonly service: MarathonService) {}

  listen(connection: Connection, events: DocumentEvents): void {
    connection.onDidOpenTextDocument((p) => this.didOpen(p) && events.opened(p.textDocument.uri));
    connection.onDidChangeTextDocument((p) => this.didChange(p) && events.changed(p.textDocument.uri));
    connection.onDidCloseTextDocument((p) => {
      const length = this.open.get(p?.textDocument?.uri)?.doc.getText().length ?? 0;
      if (this.didClose(p)) events.closed(p.textDocument.uri, length);
    });
  }

  get(uri: string): TextDocument | undefined {
    return this.open.get(uri)?.doc;
  }

  all(): TextDocument[] {
    return [...this.open.values()].map((o) => o.doc);
  }

  /** The parsed current version of an open document (parsed at most once per version). */
  parse(uri: string): ParsedDocument | undefined {
    const o = this.open.get(uri);
    if (!o) return undefined;
    const { doc } = o;
    const text = doc.getText();
    const change =
      o.full || o.base === undefined
        ? undefined
        : o.start === NONE
          ? { offset: 0, length: 0, text: '' }
          : { offset: o.start, length: o.oldEnd - o.start, text: text.slice(o.start, o.newEnd) };
    const parsed = this.service.document(uri, doc.version, text, { lines: doc, change, base: o.base });
    this.reset(o, doc.version);
    return parsed;
  }

  didOpen(p: DidOpenTextDocumentParams): boolean {
    const { uri, languageId, version, text } = p?.textDocument ?? {};
    if (typeof uri !== 'string' || typeof text !== 'string') return false;
    const o: Open = {
      doc: TextDocument.create(uri, String(languageId), Number.isFinite(version) ? version : 0, text),
      base: undefined,
      start: 0,
      oldEnd: 0,
      newEnd: 0,
      full: true,
    };
    this.open.set(uri, o);
    this.service.forget(uri);
    return true;
  }

  didChange(p: DidChangeTextDocumentParams): boolean {
    const o = this.open.get(p?.textDocument?.uri);
    // A notification with a malformed change is dropped whole: applying part of it
    // would leave the text different from the client's anyway.
    if (!o || !Array.isArray(p.contentChanges) || !p.contentChanges.every(wellFormed)) return false;
    const v = p.textDocument.version;
    const version = typeof v === 'number' && Number.isFinite(v) ? v : o.doc.version + 1;
    // One at a time: each change is given in the coordinates of the text the previous one left.
    for (const change of p.contentChanges) {
      this.track(o, change);
      o.doc = TextDocument.update(o.doc, [change], version);
    }
    return true;
  }

  didClose(p: DidCloseTextDocumentParams): boolean {
    if (typeof p?.textDocument?.uri !== 'string') return false;
    const existed = this.open.delete(p.textDocument.uri);
    this.service.forget(p.textDocument.uri);
    return existed;
  }

  private reset(o: Open, version: number): void {
    o.base = version;
    o.full = false;
    o.start = NONE;
    o.oldEnd = o.newEnd = 0;
  }

  /** Widens the changed span by one change (given in the coordinates of the current text). */
  private track(o: Open, change: TextDocumentContentChangeEvent): void {
    if (o.full) return;
    if (!('range' in change) || !change.range) {
      o.full = true;
      return;
    }
    const from = o.doc.offsetAt(change.range.start);
    const to = o.doc.offsetAt(change.range.end);
    const grow = change.text.length - (to - from);
    if (o.start === NONE) {
      o.start = from;
      o.oldEnd = to;
      o.newEnd = to + grow;
      return;
    }
    // [start, newEnd) of the current text differs from [start, oldEnd) of the parsed text.
    if (to > o.newEnd) {
      o.oldEnd += to - o.newEnd;
      o.newEnd = to;
    }
    o.start = Math.min(o.start, from);
    o.newEnd += grow;
  }
}

const NONE = Number.MAX_SAFE_INTEGER;

/** A position with finite numbers (out-of-range ones are clamped by the text document). */
export function isPosition(p: unknown): p is { line: number; character: number } {
  const q = p as { line?: unknown; character?: unknown } | null;
  return (
    typeof q === 'object' &&
    q !== null &&
    typeof q.line === 'number' &&
    typeof q.character === 'number' &&
    Number.isFinite(q.line) &&
    Number.isFinite(q.character)
  );
}

export function isRange(
  r: unknown,
): r is { start: { line: number; character: number }; end: { line: number; character: number } } {
  const q = r as { start?: unknown; end?: unknown } | null;
  return typeof q === 'object' && q !== null && isPosition(q.start) && isPosition(q.end);
}

/** A content change as the protocol defines it: a string, with a range or without one. */
function wellFormed(change: unknown): boolean {
  const c = change as { text?: unknown; range?: unknown } | null;
  if (typeof c !== 'object' || c === null || typeof c.text !== 'string') return false;
  return c.range === undefined || isRange(c.range);
}
