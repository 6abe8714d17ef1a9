/** "Did you mean" support: edit distance between property names and values. */

const MAX_CELLS = 100_000;

/** Optimal string alignment distance (Levenshtein with transpositions), case-insensitive. */
export function distance(a: string, b: string): number {
  // The table has (a.length + 1) × (b.length + 1) cells: for long strings (a pasted
  // megabyte), answer the upper bound instead, so that they are never "close".
  if ((a.length + 1) * (b.length + 1) > MAX_CELLS) return Math.max(a.length, b.length);
  a = a.toLowerCase();
  b = b.toLowerCase();
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => [i, ...new Array<number>(cols - 1).fill(0)]);
  for (let j = 1; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[rows - 1][cols - 1];
}

/**
 * Candidates close enough to `word` to be what the user meant, closest first:
 * same letters in another case, or within a third of the word's length in edits.
 */
export function closest(word: string, candidates: Iterable<string>, max = 3): string[] {
  if (word.length > 64) return [];
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  const scored: [string, number][] = [];
  for (const c of candidates) {
    if (c === word) continue;
    // The distance is at least the difference in length: far longer candidates are skipped
    // without filling a table (unless the word is their prefix: then it is that difference).
    const gap = Math.abs(c.length - word.length);
    const prefix =
      word.length >= 4 &&
      c.length > word.length &&
      c.slice(0, word.length).toLowerCase() === word.toLowerCase();
    if (gap > limit && !prefix) continue;
    const dist = gap > limit ? gap : distance(word, c);
    if (dist <= limit || prefix) scored.push([c, dist]);
  }
  return scored
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    .slice(0, max)
    .map(([c]) => c);
}
