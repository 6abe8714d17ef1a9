/** The layout of inserted text: the document's formatting, and where a container sits. */
import type { ParsedDocument } from '../document';
import { detectFormatting, type Formatting } from '../edits';
import type { Node } from '../json';
import type { Layout } from './snippet';

const formattings = new WeakMap<ParsedDocument, Formatting>();

/** The document's indentation, line ends and colon spacing (detected once per version). */
export function formattingOf(doc: ParsedDocument): Formatting {
  let f = formattings.get(doc);
  if (!f) formattings.set(doc, (f = detectFormatting(doc.text)));
  return f;
}

/** The indentation of the line `offset` is on. */
export function lineIndent(text: string, offset: number): string {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n') s--;
  let e = s;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  return text.slice(s, e);
}

/** True when the container starts and ends on the line of `offset` (positions are O(log n)). */
export function onOneLine(doc: ParsedDocument, container: Node, offset: number): boolean {
  const line = doc.lines.positionAt(offset).line;
  if (doc.lines.positionAt(container.offset).line !== line) return false;
  return doc.lines.positionAt(container.offset + container.length).line === line;
}

/**
 * The layout for text inserted at `offset` as a member of `container`: inline when the
 * container is written on one line, else indented like the container's members.
 */
export function memberLayout(
  doc: ParsedDocument,
  container: Node,
  offset: number,
): { layout: Layout; level: string } {
  const f = formattingOf(doc);
  if (onOneLine(doc, container, offset)) return { layout: { ...f, inline: true }, level: '' };
  const first = container.children?.[0];
  const level =
    first && doc.lines.positionAt(first.offset).line !== doc.lines.positionAt(container.offset).line
      ? lineIndent(doc.text, first.offset)
      : lineIndent(doc.text, container.offset) + f.indent;
  return { layout: { ...f, inline: false }, level };
}
