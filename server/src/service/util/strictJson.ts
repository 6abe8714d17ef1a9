/**
 * A slice of the document text as a value, when it is strict JSON: in a document with
 * syntax errors or template placeholders a node's text may not be (the tree is then a
 * recovery guess), and JSON.parse would throw inside a fix.
 */
export function parseStrict(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}
