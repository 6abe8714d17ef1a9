/**
 * Helpers for the editor-feature tests on the pure service: completion and hover at
 * a `|` cursor marker, and applying a completion item the way an editor does (its
 * text edit with every tab stop at its default, plus its additional edits).
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Hover, TextEdit } from 'vscode-languageserver-types';
import { complete } from '../server/src/service/completion';
import { expandDefaults } from '../server/src/service/editing/snippet';
import { hover } from '../server/src/service/hover';
import type { Locale } from '../server/src/service/l10n';
import { cursor, lint, settingsOf, type LintOptions } from './helpers';

export interface At {
  text: string;
  offset: number;
  items: CompletionItem[];
}

/** Completion items at the `|` of `textWithCursor`. */
export function completionsAt(textWithCursor: string, options: LintOptions = {}): At {
  const { text, offset } = cursor(textWithCursor);
  const a = lint(text, options);
  const list = complete(a, offset, options.locale ?? 'en', settingsOf(options.settings));
  return { text, offset, items: list.items };
}

export const labels = (at: At): string[] => at.items.map((i) => String(i.label));

/** The item labelled `label` (asserts it is there). */
export function itemOf(at: At, label: string): CompletionItem {
  const i = at.items.find((x) => x.label === label);
  assert.ok(i, `no item ${JSON.stringify(label)} among ${JSON.stringify(labels(at))}`);
  return i;
}

export function newText(i: CompletionItem): string {
  return (i.textEdit as TextEdit).newText;
}

/** The text after accepting `item`: tab stops at their defaults, additional edits applied. */
export function accept(at: At, item: CompletionItem): string {
  const doc = TextDocument.create('file:///x.json', 'json', 1, at.text);
  const main = item.textEdit as TextEdit;
  const content = item.insertTextFormat === 2 ? expandDefaults(main.newText) : main.newText;
  return TextDocument.applyEdits(doc, [
    { range: main.range, newText: content },
    ...(item.additionalTextEdits ?? []),
  ]);
}

/** The replaced text of an item's main edit. */
export function replaced(at: At, item: CompletionItem): string {
  const doc = TextDocument.create('file:///x.json', 'json', 1, at.text);
  const r = (item.textEdit as TextEdit).range;
  return at.text.slice(doc.offsetAt(r.start), doc.offsetAt(r.end));
}

/** The markdown of the hover at the `|` of `textWithCursor` ('' when there is none). */
export function hoverAt(textWithCursor: string, locale: Locale = 'en', options: LintOptions = {}): string {
  const { text, offset } = cursor(textWithCursor);
  const h: Hover | null = hover(lint(text, options), offset, locale, settingsOf(options.settings));
  if (!h) return '';
  const c = h.contents as { value: string };
  return c.value;
}

/** An app text with the given container volumes (JSON texts) on MESOS or DOCKER. */
export function appWith(volumes: string, o: { type?: 'MESOS' | 'DOCKER'; extra?: string } = {}): string {
  const type = o.type ?? 'MESOS';
  const docker = type === 'DOCKER' ? '\n    "docker": { "image": "alpine:3.19" },' : '';
  return `{
  "id": "/db",
  "cmd": "run",${o.extra ?? ''}
  "container": {
    "type": "${type}",${docker}
    "volumes": [
      ${volumes}
    ]
  }
}
`;
}
