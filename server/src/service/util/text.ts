/**
 * Linear string trimming. `s.replace(/\/+$/, '')` looks harmless, but a regular
 * expression engine tries the run at every position where it could start: on a value of
 * 40,000 slashes followed by a letter it takes seconds, on a pasted megabyte hours.
 */

/** `s` without the `ch` characters at its end. */
export function trimEnd(s: string, ch: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === ch) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** `s` without the `ch` characters at its start and its end. */
export function trimEdges(s: string, ch: string): string {
  let start = 0;
  while (start < s.length && s[start] === ch) start++;
  return trimEnd(s.slice(start), ch);
}

/**
 * A Marathon name made of `text` (at most `max` characters): lower case, with one "-" for
 * each run of anything else than letters, digits and "-", no "-" at either end; empty when
 * nothing usable is left.
 */
export function nameLike(text: string, max = 63): string {
  let out = '';
  for (const c of text.toLowerCase()) {
    if (out.length >= max) break;
    const ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (ok) out += c;
    else if (out && !out.endsWith('-')) out += '-';
  }
  return trimEdges(out, '-');
}
